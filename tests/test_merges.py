"""One project, one node, across reports: write-time merges, their reasons, and the planner's alias table."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEST_DATA

from qdkg.errors import LoaderError
from qdkg.graph import merges
from qdkg.graph.writer import write_batch
from qdkg.loaders.model import Document, Entity, GraphBatch
from qdkg.loaders.pipeline import extract_batch
from qdkg.loaders.reading import read_document
from qdkg.queries import run_report

PAIR = TEST_DATA / "changes"


def load(store, *names: str, force: bool = False) -> None:  # type: ignore[no-untyped-def]
    for name in names:
        write_batch(store, extract_batch(read_document(PAIR / name)), force=force)


def test_core_names_and_abbreviations() -> None:
    assert merges.core_name("沙子口污水处理厂一期工程") == "沙子口污水处理厂"
    assert merges.core_name("金家岭金融中心建设项目") == "金家岭金融中心"
    assert merges.core_name("王哥庄水库配套工程") == "王哥庄水库配套"  # its own head word: another project
    assert merges.abbreviates("崂山湾健康城", "崂山湾国际生态健康城")
    assert not merges.abbreviates("王哥庄水库", "王哥庄水库配套工程")
    assert merges.abbreviates("西航大元文化城", "西航大元文化旅游度假城")
    assert not merges.abbreviates("健康城", "崂山湾国际生态健康城")  # another start
    assert not merges.abbreviates("（一）狠抓投资和", "（一）狠抓投资融资和")  # no name: a heading's fragment
    assert not merges.abbreviates("第三中学", "第三中学分校及标准化中学")  # a branch, and a list of two
    heads = ("商城", "数据中心", "中心", "园区", "城")
    assert merges.completes("维多利", "维多利商城", heads)
    assert merges.completes("中网科技云计算", "中网科技云计算数据中心", heads)
    assert not merges.completes("中俄蒙国际物流园区", "中俄蒙国际物流园区综合服务中心", heads)  # has its own head
    assert not merges.completes("王哥庄水库", "王哥庄水库配套中心", ("中心",))


def _batch(city: str, *names: str, text: str = "") -> GraphBatch:
    doc = Document(key="d", title="t", source="d.txt", content_hash="h", text=text or "。".join(names), city=city,
                   year=2025)
    return GraphBatch(doc, entities=[Entity("Project", n) for n in names])


def test_plan_joins_only_what_it_may() -> None:
    known = [merges.Known("Project", "沙子口污水处理厂", "沙子口污水处理厂", places=("崂山区",)),
             merges.Known("Project", "王哥庄水库", "王哥庄水库", places=("崂山区",))]
    plan = merges.plan_merges(_batch("崂山区", "沙子口污水处理厂主体工程", "王哥庄水库配套工程"), known)
    assert [(m.name, m.into_name) for m in plan.values()] == [("沙子口污水处理厂主体工程", "沙子口污水处理厂")]
    assert next(iter(plan.values())).reason.startswith(merges.REASON_CORE)
    # another place's report: names alone never join
    assert merges.plan_merges(_batch("青岛", "沙子口污水处理厂主体工程"), known) == {}
    # a report naming both forms means two things
    both = merges.plan_merges(_batch("崂山区", "沙子口污水处理厂主体工程", "沙子口污水处理厂"), known)
    assert both == {}


def test_renaming_stated_in_the_report_joins_a_zone() -> None:
    known = [merges.Known("District", "崂山科技城", "崂山科技城", places=("崂山区",))]
    batch = GraphBatch(Document(key="d", title="t", source="d", content_hash="h", city="崂山区", year=2025,
                                text="崂山科技城更名为崂山未来城。推进崂山未来城建设。"),
                       entities=[Entity("District", "崂山未来城")])
    plan = merges.plan_merges(batch, known)
    assert [(m.name, m.into_name) for m in plan.values()] == [("崂山未来城", "崂山科技城")]
    assert "崂山科技城更名为崂山未来城" in next(iter(plan.values())).reason


def test_two_years_resolve_to_one_node_each_with_its_reason(store) -> None:  # type: ignore[no-untyped-def]
    load(store, "laoshan-2024.txt", "laoshan-2025.txt")
    rows = run_report(store, "merges").rows
    across = {(r["name"], r["written"]): r["reason"] for r in rows if r["reason"].startswith("跨报告")}
    assert set(across) == {("崂山湾国际生态健康城", "崂山湾健康城"), ("崂山科技创新园", "崂山数字产业园")}
    assert merges.REASON_ABBREVIATION in across[("崂山湾国际生态健康城", "崂山湾健康城")]
    assert "更名为崂山数字产业园" in across[("崂山科技创新园", "崂山数字产业园")]
    years = store.query("MATCH (p:Project {name: '崂山湾国际生态健康城'})-[:REPORTED_IN]->(d:Document) "
                        "RETURN d.year AS year ORDER BY year")
    assert [r["year"] for r in years] == [2024, 2025]
    assert store.query("MATCH (p:Project) WHERE p.name = '崂山湾健康城' RETURN p") == []
    # loading the same reports again changes nothing
    before = store.query("MATCH (n) RETURN count(n) AS n")[0]["n"]
    load(store, "laoshan-2024.txt", "laoshan-2025.txt", force=True)
    assert store.query("MATCH (n) RETURN count(n) AS n")[0]["n"] == before
    assert len(run_report(store, "merges").rows) == len(rows)


def test_alias_table_forces_and_forbids_and_survives_reloads(store, run_cli) -> None:  # type: ignore[no-untyped-def]
    res = run_cli("load", str(PAIR / "laoshan-2024.txt"), str(PAIR / "laoshan-2025.txt"))
    assert res.exit_code == 0, res.output
    res = run_cli("merges", "apply", str(PAIR / "aliases.csv"))
    assert res.exit_code == 0, res.output
    assert "2 rules stored" in res.output and "laoshan-2025" in res.output
    for _ in range(2):  # and once more: the rules are still there after a reload
        res = run_cli("load", "--force", str(PAIR / "laoshan-2024.txt"), str(PAIR / "laoshan-2025.txt"))
        assert res.exit_code == 0, res.output
        rows = run_cli("report", "run", "merges", "--format", "json").output
        assert "规划人员别名表" in rows and "崂山湾健康城" not in rows
        nodes = run_cli("cypher", "MATCH (p:Project) WHERE p.name IN ['崂山湾健康城', '李村河综合治理'] "
                                  "RETURN p.name AS name ORDER BY name", "--format", "csv").output
        assert "崂山湾健康城" in nodes and "李村河综合治理" not in nodes
        change = run_cli("report", "run", "changes", "-p", "place=崂山区", "-p", "from=2024", "-p", "to=2025",
                         "--format", "csv").output
        assert "建成,李村河中游整治,在建,建成" in change


def test_alias_table_errors_are_one_line(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "aliases.csv"
    bad.write_text("名称,备注\n甲,乙\n", encoding="utf-8")
    with pytest.raises(LoaderError, match="needs the columns name"):
        merges.read_alias_table(bad)
    res = run_cli("merges", "apply", str(bad))
    assert res.exit_code == 1 and "needs the columns name" in res.stderr and "Traceback" not in res.stderr


def test_same_merges_and_changes_on_neo4j(store, neo4j_store) -> None:  # type: ignore[no-untyped-def]
    """The write-time resolution reads the graph it writes to: Neo4j joins the same names as FalkorDB."""
    load(store, "laoshan-2024.txt", "laoshan-2025.txt")
    load(neo4j_store, "laoshan-2024.txt", "laoshan-2025.txt")
    for name, params in (("merges", {}), ("changes", {"place": "崂山区", "from": 2024, "to": 2025}),
                         ("project-trajectory", {"project": "崂山湾健康城"})):
        embedded, neo = run_report(store, name, params).rows, run_report(neo4j_store, name, params).rows
        assert neo and sorted(map(str, neo)) == sorted(map(str, embedded)), name


def test_known_nodes_finds_each_kind_of_candidate_on_both_stores(store, neo4j_store) -> None:  # type: ignore[no-untyped-def]
    """Each lookup of the writer's candidates (one branch per index) finds its own nodes and nothing else."""
    setup = [
        "CREATE (:Document {key: 'd1', city: '崂山区'}), (:Document {key: 'd2', city: '黄岛区'})",
        "MATCH (d:Document {key: 'd1'}) CREATE (:Project:Entity {key: 'by-place', name: '某甲', aliases: []})"
        "-[:REPORTED_IN {doc: 'd1'}]->(d)",
        "MATCH (d:Document {key: 'd2'}) CREATE (:Project:Entity {key: 'elsewhere', name: '某乙', aliases: []})"
        "-[:REPORTED_IN {doc: 'd2'}]->(d)",
        "CREATE (:Project:Entity {key: 'by-alias', name: '某丙', aliases: ['别名丙']})",
        "CREATE (:Project:Entity {key: 'by-name', name: '名称丁', aliases: []})",
        "CREATE (:Project:Entity {key: 'by-key', name: '某戊', aliases: []})",
        "CREATE (:Project:Entity {key: 'planner', name: '某己', aliases: [], same_as: ['某庚'], planner: true})",
        "CREATE (:District:Entity {key: 'district', name: '名称丁', aliases: []})",  # the name, another label
    ]
    for s in (store, neo4j_store):
        for cypher in setup:
            s.write(cypher)
        s.init_schema()  # a store written without the alias index gets it with its schema (graph/aliases.py)
        found = merges.known_nodes(s, place="崂山区", forms=["别名丙", "名称丁", "某庚"], keys=["by-key"],
                                   labels=("Project",))
        assert sorted(k.key for k in found) == ["by-alias", "by-key", "by-name", "by-place", "planner"]
        by_key = {k.key: k for k in found}
        assert by_key["by-place"].places == ("崂山区",) and by_key["by-alias"].aliases == ("别名丙",)
        assert by_key["planner"].same_as == ("某庚",)
        assert [k.key for k in merges.known_nodes(s, place=None, forms=["名称丁"], labels=("District",))] == ["district"]
