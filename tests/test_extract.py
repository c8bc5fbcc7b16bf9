"""Facts the extractor must find in the sample report and in a short report of another city and year."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLE_REPORT, TEST_DATA

from qdkg.loaders.model import GraphBatch
from qdkg.loaders.pipeline import extract_batch
from qdkg.loaders.reading import read_document

OTHER_REPORT = TEST_DATA / "yantai-2024-style-report.txt"


@pytest.fixture(scope="module")
def sample() -> GraphBatch:
    return extract_batch(read_document(SAMPLE_REPORT))


@pytest.fixture(scope="module")
def other() -> GraphBatch:
    return extract_batch(read_document(OTHER_REPORT))


def names(batch: GraphBatch, label: str) -> set[str]:
    return {e.name for e in batch.entities if e.label == label}


def rels(batch: GraphBatch, type_: str) -> set[tuple[str, str]]:
    by_ref = {e.ref: e.name for e in batch.entities}
    return {(by_ref[r.source], by_ref[r.target]) for r in batch.relations if r.type == type_}


def test_projects_have_canonical_names(sample: GraphBatch) -> None:
    projects = names(sample, "Project")
    assert {"官路水库", "双山隧道", "董家口至五莲铁路", "海信激光电视屏幕扩能", "歌尔微显示模组产线"} <= projects
    assert "官路水库主体工程" not in projects  # generic ending dropped; the surface form is an alias
    reservoir = next(e for e in sample.entities if e.name == "官路水库")
    assert "官路水库主体工程" in reservoir.aliases
    line = next(e for e in sample.entities if e.name == "歌尔微显示模组产线")
    assert line.props["phases"] == "一期"


def test_generic_phrases_are_not_projects(sample: GraphBatch) -> None:
    projects = names(sample, "Project")
    assert not any(p[0].isdigit() for p in projects)  # 460个省市重点项目, 8条地铁线路
    assert "配套工程" not in projects and "零碳园区" not in projects


def test_relations_from_names(sample: GraphBatch) -> None:
    assert {("董家口至五莲铁路", "董家口"), ("董家口至五莲铁路", "五莲")} <= rels(sample, "CONNECTS")
    assert ("海信激光电视屏幕扩能", "海信") in rels(sample, "OWNED_BY")
    assert ("北航青岛研究院", "北航") in rels(sample, "OWNED_BY")
    assert ("万邦矿石码头", "董家口港区") in rels(sample, "LOCATED_IN") or (
        "董家口港区万邦矿石码头", "董家口港区") in rels(sample, "LOCATED_IN")
    assert ("女岛", "即墨") in rels(sample, "PART_OF")
    assert not any(t == "青岛" for _, t in rels(sample, "LOCATED_IN"))  # the report's own city is implied


def test_industry_from_the_paragraph_list(sample: GraphBatch) -> None:
    assert ("三峡深远海海上风电", "绿色能源") in rels(sample, "IN_INDUSTRY")
    assert ("海尔卡奥斯生态园冰箱制造", "智能家电") in rels(sample, "IN_INDUSTRY")


def test_stages_from_verbs(sample: GraphBatch) -> None:
    stage = {e.name: sample.stages.get(e.ref) for e in sample.entities if e.label == "Project"}
    assert stage["官路水库"] == "建成"
    assert stage["双山隧道"] == "开工"
    assert stage["董家口炼化一体化"] == "谋划"
    assert stage["致真存储芯片"] == "在建"


def test_targets(sample: GraphBatch) -> None:
    gdp = [t for t in sample.targets if t.value == 5.5]
    assert gdp and gdp[0].unit == "%" and gdp[0].comparator == "左右" and "生产总值" in gdp[0].metric
    assert any(t.value == 2450 and t.unit == "亿元" and t.comparator == "以上" for t in sample.targets)


def test_mentions_point_into_the_text(sample: GraphBatch) -> None:
    text = sample.document.text
    assert len(sample.mentions) > 300
    for m in sample.mentions:
        assert text[m.start : m.end] == m.text
        assert m.text in m.sentence or m.sentence in text
    assert len({(e.label, e.key) for e in sample.entities}) == len(sample.entities)


def test_boilerplate_gives_no_entities(sample: GraphBatch, other: GraphBatch) -> None:
    for batch in (sample, other):
        text = batch.document.text
        if "免责声明" in text:
            start = text.index("免责声明")
            assert not [m for m in batch.mentions if m.start >= start]


def test_another_city_and_year(other: GraphBatch) -> None:
    projects = names(other, "Project")
    assert {"门楼水库增容", "莱山至蓬莱高速公路", "裕龙岛炼化一体化", "万华化学蓬莱产业园", "东方电缆海缆生产基地"} <= projects
    assert {("莱山至蓬莱高速公路", "蓬莱"), ("莱山至蓬莱高速公路", "莱山")} <= rels(other, "CONNECTS")
    assert ("东方电缆海缆生产基地", "东方电缆") in rels(other, "OWNED_BY")
    assert ("裕龙岛炼化一体化", "裕龙岛") in rels(other, "LOCATED_IN")
    assert "裕龙岛" not in names(other, "Company")
    assert {"低空经济", "银发经济", "绿色石化"} <= names(other, "Industry")
    assert any(t.value == 6 and t.comparator == "左右" for t in other.targets)


def test_extract_command_jsonl(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    res = run_cli("extract", str(OTHER_REPORT), "--format", "jsonl")
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    ent = next(r for r in rows if r["kind"] == "entity" and r["name"] == "门楼水库增容")
    assert ent["type"] == "Project" and ent["text"] == "门楼水库增容工程" and ent["end"] - ent["start"] == 8
    assert any(r["kind"] == "relation" and r["type"] == "CONNECTS" for r in rows)
    assert any(r["kind"] == "target" and r["unit"] == "%" for r in rows)


def test_extract_command_missing_file(run_cli) -> None:  # type: ignore[no-untyped-def]
    res = run_cli("extract", "no-such-report.txt")
    assert res.exit_code == 2 and "does not exist" in res.output


def test_supported_by_stays_within_the_backers_clause() -> None:
    from qdkg.loaders.model import Document
    from qdkg.loaders.pipeline import extract_batch

    text = "青岛市人民政府\n三、2025年重点工作\n支持中国海洋大学建设海洋科技创新园,推动海尔集团建设智能家电产业基地。\n"
    doc = Document(key="s", title="s", source="s.txt", content_hash="h", text=text, city="青岛", year=2025)
    batch = extract_batch(doc)
    names = {e.ref: e.name for e in batch.entities}
    backed = {(names[r.source], names[r.target]) for r in batch.relations if r.type == "SUPPORTED_BY"}
    assert backed == {("海洋科技创新园", "中国海洋大学"), ("智能家电产业基地", "海尔集团")}  # named as written
