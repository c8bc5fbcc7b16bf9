"""What changed between two years, and a project's trajectory: on a pair written for the tests and on the
four published 海拉尔区 reports (2012–2015). Stages are Chinese everywhere, 谋划推进 is planning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import TEST_DATA
from openpyxl import load_workbook

from qdkg.graph import schema
from qdkg.graph.writer import write_batch
from qdkg.loaders.extract.stages import stage_of
from qdkg.loaders.gazetteer import load_gazetteer
from qdkg.loaders.pipeline import extract_batch
from qdkg.loaders.reading import read_document
from qdkg.queries import run_report

PAIR = TEST_DATA / "changes"
HAILAR = TEST_DATA / "hailar"


def load(store, *paths: Path) -> None:  # type: ignore[no-untyped-def]
    for path in paths:
        write_batch(store, extract_batch(read_document(path)))


@pytest.fixture
def pair(store):  # type: ignore[no-untyped-def]
    load(store, PAIR / "laoshan-2024.txt", PAIR / "laoshan-2025.txt")
    return store


# --- stages ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "stage"), [
    ("谋划推进王哥庄水库建设。", "谋划"),
    ("王哥庄水库谋划推进。", "谋划"),
    ("加快推进王哥庄水库建设。", "在建"),
    ("开工建设王哥庄水库。", "开工"),
    ("王哥庄水库建成投用。", "建成"),
])
def test_stage_verbs_give_chinese_stages(text: str, stage: str) -> None:
    at = text.index("王哥庄水库")
    assert stage_of(text, at, at + 5, load_gazetteer()) == stage


def test_one_mapping_from_codes_to_stored_stages() -> None:
    assert schema.STAGES == ("谋划", "开工", "在建", "建成")
    assert schema.stage_value("under_way") == "在建" and schema.stage_value("建成") == "建成"


def test_graph_holds_chinese_stages_only(pair) -> None:  # type: ignore[no-untyped-def]
    stages = {r["s"] for r in pair.query("MATCH ()-[r:REPORTED_IN]->() WHERE r.stage IS NOT NULL RETURN r.stage AS s")}
    mention_stages = {r["s"] for r in pair.query("MATCH ()-[m:MENTIONED_IN]->() WHERE m.stage IS NOT NULL "
                                                  "RETURN DISTINCT m.stage AS s")}
    assert stages and stages | mention_stages <= set(schema.STAGES)


# --- the pair written for the tests ----------------------------------------------------------------------------


def changes(store, place: str, year_from: int, year_to: int) -> dict[tuple[str, str], dict]:  # type: ignore[no-untyped-def,type-arg]
    rows = run_report(store, "changes", {"place": place, "from": year_from, "to": year_to}).rows
    return {(r["change"], r["item"]): r for r in rows}


def test_year_over_year_on_the_pair(pair) -> None:  # type: ignore[no-untyped-def]
    got = changes(pair, "崂山区", 2024, 2025)
    completed = got[("建成", "沙子口污水处理厂")]  # started in 2024, completed in 2025, with both sentences
    assert (completed["before"], completed["after"]) == ("开工", "建成")
    assert completed["before_sentence"] == "开工建设沙子口污水处理厂一期工程。"
    assert "沙子口污水处理厂建成投用" in completed["after_sentence"]
    moved = got[("推进", "王哥庄水库")]
    assert (moved["before"], moved["after"]) == ("谋划", "开工")  # 谋划推进 was planning
    assert ("新增", "金家岭金融中心") in got
    assert ("未再提及", "北宅智慧农业产业园") in got  # dropped
    renamed = got[("持续", "崂山科技创新园")]  # renamed: one project, the later name in the note
    assert renamed["note"] == "本年写作：崂山数字产业园" and "崂山数字产业园" in renamed["after_sentence"]
    assert ("新增", "崂山数字产业园") not in got and ("新增", "崂山湾健康城") not in got
    targets = [(r["before"], r["after"]) for (change, _), r in got.items() if change == "目标变化"]
    assert targets == [("地区生产总值增长5.5%左右", "地区生产总值增长5%左右")]  # 3% unchanged: not listed
    order = [change for change, _ in got]
    order_of = ["建成", "推进", "计划建成", "新增", "持续", "未再提及", "建成后未再提及", "目标变化"]
    assert order == sorted(order, key=order_of.index)


def test_place_may_be_written_short_or_left_out(pair) -> None:  # type: ignore[no-untyped-def]
    assert changes(pair, "崂山", 2024, 2025) == changes(pair, "崂山区", 2024, 2025) == changes(pair, "", 2024, 2025)
    assert changes(pair, "海拉尔区", 2024, 2025) == {}


def test_trajectory_tells_the_review_from_the_plan(pair) -> None:  # type: ignore[no-untyped-def]
    rows = run_report(pair, "project-trajectory", {"project": "沙子口污水处理厂"}).rows
    assert [(r["year"], r["stage"], r["stage_reviewed"], r["stage_planned"]) for r in rows] == [
        (2024, "开工", "", "开工"), (2025, "建成", "建成", "")]  # 2025's review: it was completed in 2024


def test_trajectory_on_the_pair(pair) -> None:  # type: ignore[no-untyped-def]
    rows = run_report(pair, "project-trajectory", {"project": "崂山湾健康城"}).rows  # a later name finds it
    assert [(r["year"], r["stage"], r["named_as"]) for r in rows] == [
        (2024, "在建", "崂山湾国际生态健康城"), (2025, "在建", "崂山湾健康城")]
    assert rows[1]["sentence"] == "加快推进崂山湾健康城建设。"


def test_markdown_and_xlsx_read_well(pair, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    args = ("report", "run", "changes", "-p", "place=崂山区", "-p", "from=2024", "-p", "to=2025")
    md = run_cli(*args, "--format", "md").stdout
    assert md.startswith("## 年度变化")
    assert "| 建成 | 沙子口污水处理厂 | 开工 | 建成 | 开工建设沙子口污水处理厂一期工程。 |" in md
    out = tmp_path / "变化.xlsx"
    res = run_cli(*args, "--format", "xlsx", "-o", str(out))
    assert res.exit_code == 0, res.output
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header == ["change", "item", "before", "after", "before_sentence", "after_sentence", "note"]
    assert [c.value for c in sheet[2]][:4] == ["建成", "沙子口污水处理厂", "开工", "建成"]


# --- the four published reports of 海拉尔区 ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def hailar(server):  # type: ignore[no-untyped-def]
    from qdkg.graph.falkor_store import FalkorStore

    s = FalkorStore(host="127.0.0.1", port=server.port, password=server.password, graph="hailar_series")
    s.clear()
    load(s, *sorted(HAILAR.glob("hailar-*.txt")))
    yield s
    s.clear()
    s.close()


def test_series_is_one_place_four_years(hailar) -> None:  # type: ignore[no-untyped-def]
    docs = hailar.query("MATCH (d:Document) RETURN d.city AS city, d.year AS year, d.level AS level ORDER BY year")
    assert docs == [{"city": "海拉尔区", "year": y, "level": "district"} for y in (2012, 2013, 2014, 2015)]


def test_series_year_over_year_2014_2015(hailar) -> None:  # type: ignore[no-untyped-def]
    got = changes(hailar, "海拉尔区", 2014, 2015)
    done = got[("建成", "中俄蒙文化创意产业园")]
    assert (done["before"], done["after"]) == ("在建", "建成") and "正式运营" in done["after_sentence"]
    assert ("新增", "内蒙古冰上运动训练中心") in got
    assert ("未再提及", "香港豪德商贸城") in got
    gdp = [r for (change, item), r in got.items() if change == "目标变化" and item.startswith("地区生产总值")
           and r["before"].endswith("增长11%")]
    assert [r["after"] for r in gdp] == ["地区生产总值增长8%"]  # the plan's growth target, 11% → 8%
    assert got[("持续", "西航大元文化旅游度假城")]["note"] == "本年写作：西航大元文化城"  # an abbreviation, joined
    # 2015 adds the head word (中网科技云计算数据中心: the same project) and only plans to finish it (确保…建成)
    cloud = got[("计划建成", "中网科技云计算")]
    assert (cloud["before"], cloud["after"], cloud["note"]) == ("开工", "建成", "本年写作：中网科技云计算数据中心")
    assert ("建成后未再提及", "绥满高速海拉尔至牙克石段") in got  # completed in 2013, not a quiet drop
    kinds = {change for change, _ in got}
    assert kinds == {"建成", "计划建成", "新增", "持续", "未再提及", "建成后未再提及", "目标变化"}


def test_series_trajectory_of_a_project_over_four_reports(hailar) -> None:  # type: ignore[no-untyped-def]
    rows = run_report(hailar, "project-trajectory", {"project": "中俄蒙国际物流园区"}).rows
    assert [(r["year"], r["stage"]) for r in rows] == [(2012, "在建"), (2013, "在建"), (2014, "在建"), (2015, "在建")]
    assert [r["document"] for r in rows][0] == "海拉尔区2012年政府工作报告"
    assert all(r["sentence"] and "物流园区" in r["sentence"] for r in rows)


def test_series_merges_are_listed_with_reasons(hailar) -> None:  # type: ignore[no-untyped-def]
    rows = run_report(hailar, "merges").rows
    across = [r for r in rows if r["reason"].startswith("跨报告")]
    assert {(r["name"], r["written"]) for r in across} >= {("西航大元文化旅游度假城", "西航大元文化城"),
                                                          ("哈克生态奶源基地", "哈克镇生态奶源基地")}
    assert json.dumps(across, ensure_ascii=False).count("第三中学分校") == 0  # a branch and a list stay apart


def test_projects_at_stage_takes_chinese_or_the_old_codes(pair) -> None:  # type: ignore[no-untyped-def]
    chinese = run_report(pair, "projects-at-stage", {"stage": "在建"}).rows
    assert chinese and chinese == run_report(pair, "projects-at-stage", {"stage": "under_way"}).rows
    assert "海尔路综合管廊" in {r["project"] for r in chinese}
