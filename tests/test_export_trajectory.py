"""A project's trajectory in the HTML export: its hover lists every report it appears in, year by year
(2024 开工 · 2025 建成), with the name a report used when it differs; one query reads it for the whole picture.
Checked on the two-year pair of issue 10 (tests/data/changes), in the page's data and in real Chromium."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from conftest import TEST_DATA
from export_helpers import page_data
from test_browser import READY

from qdkg.graph import schema
from qdkg.graph.export_common import ExportSpec, YearEntry, export_graph, trajectory_lines, trajectory_query
from qdkg.graph.export_html import write_html
from qdkg.graph.writer import write_batch
from qdkg.loaders.pipeline import extract_batch
from qdkg.loaders.reading import read_document

PAIR = TEST_DATA / "changes"


@pytest.fixture
def pair(store):  # type: ignore[no-untyped-def]
    for name in ("laoshan-2024.txt", "laoshan-2025.txt"):
        write_batch(store, extract_batch(read_document(PAIR / name)))
    return store


class CountingStore:
    """The real store, with the statements it was asked to read kept in order."""

    def __init__(self, store: Any):
        self.store = store
        self.queries: list[str] = []

    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> Any:
        self.queries.append(cypher)
        return self.store.query(cypher, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


def facts_by_name(path: Path) -> dict[str, dict[str, Any]]:
    return {n["qdkg"]["name"]: {**n["qdkg"], "kind": n["kind"]} for n in page_data(path)["nodes"]}


def test_query_is_one_parameterised_statement_over_schema_names() -> None:
    query, params = trajectory_query(["沙子口污水处理厂", "王哥庄水库", "王哥庄水库"])
    assert params == {"keys": ["沙子口污水处理厂", "王哥庄水库"]}
    assert not re.search(r"[\u4e00-\u9fff]", query)  # names travel as $keys, never in the text
    for name in re.findall(r"[(\[]\w*:(\w+)", query):
        assert name in schema.NODE_LABELS or name in schema.REL_TYPES
    assert "$keys" in query and query.count("MATCH (p:") == 1


def test_export_html_shows_each_projects_trajectory(pair, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "崂山.html"
    res = run_cli("export", "html", "-o", str(out))
    assert res.exit_code == 0, res.output
    facts = facts_by_name(out)
    # started in 2024, completed in 2025: the stage line says where it is now, the trajectory how it got there
    assert facts["沙子口污水处理厂"]["trajectory"] == ["2024 开工", "2025 建成"]
    assert facts["沙子口污水处理厂"]["stage"] == "建成"
    assert facts["王哥庄水库"]["trajectory"] == ["2024 谋划", "2025 开工"]
    # renamed in 2025 (and an abbreviation): that year's entry names what the report wrote
    assert facts["崂山科技创新园"]["trajectory"] == ["2024 在建", "2025 在建（写作：崂山数字产业园）"]
    assert facts["崂山湾国际生态健康城"]["trajectory"] == ["2024 在建", "2025 在建（写作：崂山湾健康城）"]
    # 项目/一期工程 endings are the same name, not another one
    assert facts["海尔路综合管廊"]["trajectory"] == ["2024 在建", "2025 在建"]
    # one report only: that single year
    assert facts["金家岭金融中心"]["trajectory"] == ["2025 开工"]
    assert facts["北宅智慧农业产业园"]["trajectory"] == ["2024 在建"]
    assert all(f["trajectory"] == [] for f in facts.values() if f["kind"] != "Project")
    html = out.read_text(encoding="utf-8")
    assert '"trajectory":["2024 开工","2025 建成"]' in html  # Chinese kept as text in the UTF-8 page
    assert not re.search(r"(src|href)=\"?https?:", html)  # offline: nothing fetched


def test_one_query_reads_every_trajectory_of_the_picture(pair) -> None:  # type: ignore[no-untyped-def]
    counting = CountingStore(pair)
    g = export_graph(counting, ExportSpec())
    reads = [q for q in counting.queries if "REPORTED_IN" in q]
    assert len(reads) == 1
    projects = [n for n, d in g.nodes(data=True) if d["label"] == "Project"]
    assert len(projects) >= 8 and set(g.graph["trajectories"]) == set(projects)
    focused = export_graph(pair, ExportSpec(focus="王哥庄水库", depth=1))
    assert set(focused.graph["trajectories"]) == {n for n, d in focused.nodes(data=True) if d["label"] == "Project"}


def test_lines_name_the_report_when_a_year_has_two() -> None:
    lines = trajectory_lines([
        YearEntry(2024, "qd-2024", "青岛市2024年政府工作报告", "开工"),
        YearEntry(2024, "ls-2024", "崂山区2024年政府工作报告", None),
        YearEntry(2025, "ls-2025", "崂山区2025年政府工作报告", "建成", written="新名"),
    ])
    assert lines == ["2024 开工（青岛市2024年政府工作报告）", "2024 未标明阶段（崂山区2024年政府工作报告）",
                     "2025 建成（写作：新名）"]


def test_neo4j_reads_the_same_trajectories(neo4j_store, pair) -> None:  # type: ignore[no-untyped-def]
    neo4j_store.init_schema()
    for name in ("laoshan-2024.txt", "laoshan-2025.txt"):
        write_batch(neo4j_store, extract_batch(read_document(PAIR / name)))
    neo, embedded = export_graph(neo4j_store, ExportSpec()), export_graph(pair, ExportSpec())
    assert neo.graph["trajectories"] == embedded.graph["trajectories"]
    assert trajectory_lines(neo.graph["trajectories"]["Project:沙子口污水处理厂"]) == ["2024 开工", "2025 建成"]


# --- in real Chromium -------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_hover_reads_the_trajectory(browser: Any, pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_html(export_graph(pair, ExportSpec()), tmp_path / "崂山.html")
    ctx = browser.new_context(viewport={"width": 1200, "height": 800})
    page = ctx.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(path.as_uri())
        page.wait_for_function(READY, timeout=30_000)
        point = page.evaluate(
            """(name) => {
              const node = window.qdkg.nodes.get().find(n => n.facts.name === name);
              if (node.hidden) { document.getElementById('show-unconnected').click(); }
              const net = window.qdkg.network;
              net.focus(node.id, {scale: 1.5, animation: false});
              const p = net.canvasToDOM(net.getPosition(node.id));
              const r = document.querySelector('#graph').getBoundingClientRect();
              return {x: p.x + r.left, y: p.y + r.top};
            }""",
            "沙子口污水处理厂",
        )
        page.mouse.move(point["x"] + 60, point["y"] + 60)
        page.mouse.move(point["x"], point["y"], steps=4)
        tip = page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        text = tip.text_content() or ""
        assert "沙子口污水处理厂" in text and "阶段：建成" in text
        assert "轨迹：2024 开工 · 2025 建成" in text
        assert errors == [] and [u for u in requests if not u.startswith(("file://", "data:"))] == []
    finally:
        ctx.close()

