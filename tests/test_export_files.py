"""PNG/SVG pictures (with a CJK font) and GraphML/GEXF files that networkx reads back."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from export_helpers import IMG_NAME, SCRIPT_NAME, briefing_batch

from qdkg.errors import ExportError
from qdkg.graph.export_graph_files import flatten, scalar
from qdkg.graph.export_static import covers_chinese, find_cjk_font
from qdkg.graph.writer import write_batch


@pytest.fixture
def briefing(store):  # type: ignore[no-untyped-def]
    store.init_schema()
    write_batch(store, briefing_batch())
    return store


def _latin_font() -> str:
    import matplotlib

    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")


@pytest.fixture(scope="module")
def cjk_font() -> str:
    try:
        return find_cjk_font()
    except ExportError as e:  # a machine set up by `make test-deps` has fonts-noto-cjk
        pytest.fail(f"{e} (run `make test-deps`)")


def test_png_is_written_with_chinese_font(briefing, run_cli, tmp_path: Path, cjk_font: str) -> None:
    out = tmp_path / "g.png"
    res = run_cli("export", "png", "--dpi", "80", "-o", str(out))
    assert res.exit_code == 0, res.output
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    assert covers_chinese(cjk_font)


def test_svg_carries_the_chinese_names_as_glyph_outlines(briefing, run_cli, tmp_path: Path, cjk_font: str) -> None:
    out = tmp_path / "g.svg"
    res = run_cli("export", "svg", "--focus", "上合示范区", "--depth", "2", "-o", str(out))
    assert res.exit_code == 0, res.output
    svg = out.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "</svg>" in svg
    assert "<!-- 上合示范区 -->" in svg  # matplotlib notes each text before drawing its glyphs
    assert "CJK" in svg  # glyph paths come from the CJK font
    assert "<img" not in svg and "<script" not in svg


def test_svg_escapes_hostile_names(briefing, run_cli, tmp_path: Path, cjk_font: str) -> None:
    out = tmp_path / "all.svg"
    assert run_cli("export", "svg", "-o", str(out)).exit_code == 0
    svg = out.read_text(encoding="utf-8")
    assert SCRIPT_NAME not in svg and IMG_NAME not in svg
    assert "&lt;img src=x onerror=alert(1)&gt;" in svg


def test_no_cjk_font_names_the_package_to_install() -> None:
    assert not covers_chinese(_latin_font())
    with pytest.raises(ExportError, match="fonts-noto-cjk"):
        find_cjk_font([_latin_font()])


def test_font_from_environment_must_cover_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QDKG_CJK_FONT", _latin_font())
    with pytest.raises(ExportError, match="no Chinese glyphs.*fonts-noto-cjk"):
        find_cjk_font()
    monkeypatch.setenv("QDKG_CJK_FONT", "/nonexistent/font.ttf")
    with pytest.raises(ExportError, match="no such font file"):
        find_cjk_font()


def test_png_without_font_fails_before_writing(briefing, run_cli, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QDKG_CJK_FONT", _latin_font())
    out = tmp_path / "g.png"
    res = run_cli("export", "png", "-o", str(out))
    assert res.exit_code == 1
    assert res.stderr.startswith("Error: QDKG_CJK_FONT=") and "fonts-noto-cjk" in res.stderr
    assert not out.exists()


def test_graphml_reads_back_with_attributes(briefing, run_cli, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    res = run_cli("export", "graphml", "-o", str(out))
    assert res.exit_code == 0, res.output
    g = nx.read_graphml(out, force_multigraph=True)
    assert g.number_of_nodes() == 11 and g.number_of_edges() == 9
    hub = g.nodes["Project:上合国际枢纽港"]
    assert hub["label"] == "上合国际枢纽港" and hub["kind"] == "Project" and hub["kind_zh"] == "项目"
    assert hub["sentences"] == "加快上合示范区建设，推进上合国际枢纽港项目。"
    assert '"在建"' in hub["stages"]  # stored in Chinese, whatever code the batch used
    shanghe = g.nodes["District:上合示范区"]
    assert set(shanghe["aliases"].split("; ")) == {"中国—上海合作组织地方经贸合作示范区", "上合"}
    rels = {d["relation"] for _, _, d in g.edges(data=True)}
    assert {"LOCATED_IN", "PART_OF", "OWNED_BY", "IN_INDUSTRY", "RELATED_TO"} <= rels
    edge = next(d for u, v, d in g.edges(data=True) if d["relation"] == "OWNED_BY")
    assert edge["relation_zh"] == "业主" and edge["doc"] == "qd-2025-test" and "青岛港集团" in edge["evidence"]
    assert "项目知识图谱" in g.graph["title"]


def test_gexf_reads_back_with_viz_and_attributes(briefing, run_cli, tmp_path: Path) -> None:
    out = tmp_path / "g.gexf"
    res = run_cli("export", "gexf", "--labels", "Project,District", "-o", str(out))
    assert res.exit_code == 0, res.output
    g = nx.read_gexf(out)
    names = {d["label"] for _, d in g.nodes(data=True)}
    assert names == {"上合示范区", "胶州市", "董家口港区", "上合国际枢纽港", "董家口港区LNG接收站三期工程", IMG_NAME}
    node = g.nodes["District:胶州市"]
    assert node["kind"] == "District" and node["node_key"] == "胶州市"
    assert node["viz"]["color"] == {"r": 0x4C, "g": 0x95, "b": 0x6C, "a": 1.0}
    assert "position" in node["viz"] and node["viz"]["size"] > 4
    assert all(d["relation"] in ("LOCATED_IN", "PART_OF", "RELATED_TO") for _, _, d in g.edges(data=True))


def test_flatten_makes_every_attribute_scalar() -> None:
    g = nx.MultiDiGraph(documents=[{"key": "d", "title": "报告"}], title="t")
    g.add_node("Project:a", label="Project", key="a", name="甲", aliases=["乙", "丙"], sentences=[], stages={"d": "planned"},
               phase=None)
    g.add_node("District:b", label="District", key="b", name="乙区", aliases=[], sentences=["句子"], stages={})
    g.add_edge("Project:a", "District:b", key="LOCATED_IN|d", type="LOCATED_IN", evidence="句子", doc="d", count=None)
    h = flatten(g)
    for _, d in h.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
    assert h.nodes["Project:a"]["aliases"] == "乙; 丙" and "phase" not in h.nodes["Project:a"]
    assert "sentences" not in h.nodes["Project:a"]  # empty list: attribute left out
    assert h.graph == {"title": "t", "documents": "报告"}
    assert scalar({"b": 1, "a": [1]}) == '{"a": [1], "b": 1}'
