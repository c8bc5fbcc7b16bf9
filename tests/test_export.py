"""HTML export, selection, analytics and layout, on graphs written through the real writer."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest
from export_helpers import DOC_TITLE, IMG_NAME, SCRIPT_NAME, briefing_batch, node_names, page_data, synthetic_batch

from qdkg.errors import ExportError
from qdkg.graph import analytics
from qdkg.graph.export_common import ExportSpec, export_graph, write_atomic
from qdkg.graph.export_html import json_for_html, render_html
from qdkg.graph.layout import layout
from qdkg.graph.projection import project
from qdkg.graph.writer import write_batch

CDN_HOSTS = ("cdn.jsdelivr", "unpkg", "cdnjs", "googleapis")


@pytest.fixture
def briefing(store):  # type: ignore[no-untyped-def]
    store.init_schema()
    write_batch(store, briefing_batch())
    return store


def test_html_is_one_offline_utf8_file(briefing, run_cli, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "graph.html"
    res = run_cli("export", "html", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert "Wrote 11 nodes" in res.stderr
    assert "1 node without relationships is listed beside the drawing, not drawn" in res.stderr  # 城市更新三年行动
    raw = out.read_bytes()
    html = raw.decode("utf-8")  # written as UTF-8 whatever the platform encoding
    for host in CDN_HOSTS:
        assert host not in html
    assert "<script src" not in html and "<link" not in html and "bootstrap" not in html
    assert "vis.Network" in html and "上合示范区" in html
    assert not list(out.parent.glob(".graph.html.*")), "temporary file left behind"


def test_hostile_names_never_reach_the_page_as_markup(briefing, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "g.html"
    assert run_cli("export", "html", "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert SCRIPT_NAME not in html
    assert IMG_NAME not in html
    assert "<img" not in html
    import re

    assert len(re.findall(r"^<script", html, re.MULTILINE)) == 3  # data block, vis-network, page script
    assert SCRIPT_NAME in node_names(out) and IMG_NAME in node_names(out)  # still there, as data


def test_json_for_html_is_inert_in_a_script_element() -> None:
    text = json_for_html({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    import json

    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_page_has_title_caption_legend_and_tooltips_facts(briefing, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "g.html"
    assert run_cli("export", "html", "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<title>项目知识图谱</title>" in html
    assert f"《{DOC_TITLE}》（2025）" in html  # caption names the source document
    assert "共 11 个节点" in html
    for legend in ("项目", "区域", "企业", "产业", "机构"):
        assert f"{legend} <small>" in html
    data = page_data(out)
    hub = next(n for n in data["nodes"] if n["label"] == "上合国际枢纽港")
    facts = hub["qdkg"]
    assert facts["type"] == "项目" and facts["place"] == "上合示范区" and facts["stage"] == "在建"
    assert facts["sentences"] == ["加快上合示范区建设，推进上合国际枢纽港项目。"]
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    sizes = {n["label"]: n["size"] for n in data["nodes"]}
    assert sizes["胶州市"] > sizes["城市更新三年行动"]  # sized by importance


def test_focus_by_alias_limits_to_the_neighbourhood(briefing, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "f.html"
    res = run_cli("export", "html", "--focus", "上合", "--depth", "1", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert node_names(out) == {"上合示范区", "上合国际枢纽港", "胶州市"}
    html = out.read_text(encoding="utf-8")
    assert "<title>上合示范区 关系图</title>" in html
    assert "以“上合”为中心 1 步以内" in html


def test_unknown_focus_is_one_error_line_with_suggestions(briefing, tmp_path: Path, run_cli) -> None:
    res = run_cli("export", "html", "--focus", "上合实验区", "-o", str(tmp_path / "x.html"))
    assert res.exit_code == 1
    assert res.stderr.startswith("Error: no entity named '上合实验区'")
    assert "did you mean: 上合示范区" in res.stderr
    assert not (tmp_path / "x.html").exists()


def test_labels_filter_and_bad_label(briefing, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "p.svg.html"
    assert run_cli("export", "html", "--labels", "Project,district", "-o", str(out)).exit_code == 0
    assert {n["qdkg"]["type"] for n in page_data(out)["nodes"]} == {"项目", "区域"}
    res = run_cli("export", "html", "--labels", "Projekt", "-o", str(out))
    assert res.exit_code == 2 and "unknown label 'Projekt'" in res.output


def test_max_nodes_trims_to_the_most_important_and_says_so(briefing, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "t.html"
    res = run_cli("export", "html", "--max-nodes", "3", "-o", str(out))
    assert res.exit_code == 0 and "trimmed from 11" in res.stderr
    # 胶州市 has three neighbours; ties at two are broken by node id, so the cut is stable.
    assert node_names(out) == {"胶州市", "上合示范区", "董家口港区"}
    assert "只保留前 3 个节点，共 11 个（--max-nodes 3）" in out.read_text(encoding="utf-8")


def test_report_selects_the_entities_its_rows_name(briefing, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "r.html"
    res = run_cli("export", "html", "--report", "district-profile", "-p", "district=胶州市", "-o", str(out))
    assert res.exit_code == 0, res.output
    names = node_names(out)
    assert {"胶州市", "上合示范区", IMG_NAME} <= names
    assert "青岛港集团" not in names
    assert "区域画像" in out.read_text(encoding="utf-8")


def test_params_without_report_is_a_usage_error(briefing, tmp_path: Path, run_cli) -> None:
    res = run_cli("export", "html", "-p", "a=1", "-o", str(tmp_path / "x.html"))
    assert res.exit_code == 2 and "only applies with --report" in res.output


def test_empty_graph_says_to_load_first(store, tmp_path: Path, run_cli) -> None:
    res = run_cli("export", "html", "-o", str(tmp_path / "x.html"))
    assert res.exit_code == 1
    assert res.stderr.strip() == "Error: the graph has no entities to export; load a report first (qdkg load FILE)"


def test_unwritable_output_is_an_export_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="cannot write the export"):
        write_atomic(blocker / "out.html", "data")


def test_render_html_from_a_projection(briefing) -> None:
    g = export_graph(briefing, ExportSpec(focus="董家口港区", depth=1, title="董家口"))
    html = render_html(g)
    assert "<title>董家口</title>" in html
    assert {d["name"] for _, d in g.nodes(data=True)} == {"董家口港区", "董家口港区LNG接收站三期工程", "胶州市"}


# --- analytics and layout -------------------------------------------------------------------------------------


def test_importance_counts_distinct_neighbours_not_repeats() -> None:
    g = nx.MultiDiGraph()
    g.add_nodes_from("abcd")
    for _ in range(5):
        g.add_edge("a", "b")  # one fact from five reports
    g.add_edge("c", "a")
    g.add_edge("c", "b")
    g.add_edge("c", "d")
    assert analytics.neighbour_count(g) == {"a": 2, "b": 2, "c": 3, "d": 1}
    assert analytics.degree_centrality(g)["c"] == pytest.approx(1.0)
    score = analytics.importance(g)
    assert max(score, key=score.get) == "c" and score["c"] == 1.0
    assert analytics.most_important(g, 2) == ["c", "a"]


def test_trim_keeps_focus_and_records_the_cut() -> None:
    g = nx.MultiDiGraph(nx.star_graph(10))
    g.graph["documents"] = [{"key": "d"}]
    t = analytics.trim(g, 3, keep={7})
    assert len(t) == 3 and 0 in t and 7 in t
    assert t.graph["trimmed"] == (3, 11) and t.graph["documents"] == [{"key": "d"}]
    assert analytics.trim(g, 50) is g


@pytest.mark.parametrize("n", [30, 1200])
def test_layout_places_every_node_apart(n: int) -> None:
    g = nx.MultiDiGraph(nx.barabasi_albert_graph(n, 1, seed=3))
    g.add_nodes_from(range(n, n + 5))  # isolates
    pos = layout(g)
    assert set(pos) == set(g)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    assert len({(round(x), round(y)) for x, y in pos.values()}) > 0.9 * len(g)
    assert layout(g) == pos  # deterministic
    # Neighbours sit closer than random pairs: the layout reflects the graph.
    import statistics

    edge = statistics.median(math.dist(pos[u], pos[v]) for u, v in g.edges())
    nodes = list(g)
    rand = statistics.median(math.dist(pos[nodes[i]], pos[nodes[(i * 7 + 13) % len(nodes)]]) for i in range(len(nodes)))
    assert edge < rand / 2


def test_large_projection_exports_with_trimming(store, tmp_path: Path) -> None:
    store.init_schema()
    write_batch(store, synthetic_batch(800))
    g = project(store)
    assert len(g) == 800
    trimmed = export_graph(store, ExportSpec(max_nodes=200))
    assert len(trimmed) == 200 and trimmed.graph["trimmed"] == (200, 800)
    html = render_html(trimmed)
    assert "--max-nodes 200" in html


def test_focus_does_not_walk_through_the_citys_hub() -> None:
    from qdkg.graph.projection import neighbourhood

    g = nx.MultiDiGraph()
    for i in range(40):  # 青岛 is tied to everything in its own report
        g.add_edge(f"p{i}", "青岛", type="RELATED_TO")
    g.add_edge("p0", "董家口", type="LOCATED_IN")
    g.add_edge("董家口", "董家口港区", type="PART_OF")
    near = set(neighbourhood(g, "董家口", 2))
    assert near == {"董家口", "p0", "董家口港区", "青岛"}  # the hub is shown, not walked through
    assert len(neighbourhood(g, "青岛", 1)) == 41  # a hub at the centre is walked from
