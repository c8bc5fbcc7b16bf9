"""Query packs: headers parse and match their text, every pack runs, and the answers are real rows."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from qdkg.errors import NotFoundError, QueryPackError, ReadOnlyError
from qdkg.graph.writer import write_batch
from qdkg.loaders.model import Document, Entity, GraphBatch, Mention, Relation, Section, Target
from qdkg.queries.pack import PACK_ROOT, Pack, load_packs, named_parameters, parse_pack, write_clauses
from qdkg.queries.runner import prepare_params, run_pack, run_report

REQUIRED_REPORTS = {
    "overview", "projects-by-district", "projects-by-industry", "district-profile", "entity-neighbourhood",
    "institutions", "companies", "targets", "project-stages", "hubs", "industry-chain", "cross-section",
    "report-timeline", "data-quality", "sections",
}

# -- a small hand-made graph, shaped like the sample report -----------------------------------------------------

P1 = "三、2025年重点工作安排"
C1 = "(一)大力发展海洋经济"
S_PORT = "抓好新版青岛港总体规划实施,建成董家口港区万邦矿石码头。"
S_WIND = "实现三峡深远海海上风电、东方电气风电装备制造项目开工,加快打造即墨女岛绿色能源装备产业园。"
S_LAB = "支持崂山实验室实施重大科技任务,推动崂山实验室与上合示范区合作。"
S_GDP = "全市生产总值增长5.5%左右。"


def mini_batch(doc_key: str = "qingdao-2025", year: int = 2025, *, stage: str = "starting") -> GraphBatch:
    """A document with one part, two chapters and three paragraphs, and the facts planners ask about."""
    text = f"{P1}\n{C1}\n{S_PORT}\n(二)培育新兴产业\n{S_WIND}\n{S_LAB}\n{S_GDP}\n({year}年)"  # one text a year
    doc = Document(key=doc_key, title=f"青岛市{year}年政府工作报告", source=f"{doc_key}.txt",
                   content_hash=hashlib.sha256(text.encode()).hexdigest(), text=text, city="青岛", year=year)

    def span(s: str) -> tuple[int, int]:
        i = text.index(s)
        return i, i + len(s)

    def k(path):
        return f"{doc_key}#{path}"
    sections = [
        Section(k("3"), doc_key, "part", 1, 0, "三", "2025年重点工作安排", *span(P1)),
        Section(k("3.1"), doc_key, "chapter", 2, 1, "(一)", "大力发展海洋经济", *span(C1), parent=k("3")),
        Section(k("3.1.1"), doc_key, "paragraph", 3, 2, "", "抓好新版青岛港", *span(S_PORT), parent=k("3.1")),
        Section(k("3.2"), doc_key, "chapter", 2, 3, "(二)", "培育新兴产业", *span("(二)培育新兴产业"), parent=k("3")),
        Section(k("3.2.1"), doc_key, "paragraph", 3, 4, "", "实现三峡深远海", *span(S_WIND), parent=k("3.2")),
        Section(k("3.2.2"), doc_key, "paragraph", 3, 5, "", "支持崂山实验室", *span(S_LAB), parent=k("3.2")),
    ]
    E = Entity
    west = E("District", "青岛西海岸新区", {"西海岸新区", "西海岸"})
    area = E("District", "董家口", {"董家口经济区"})
    port = E("District", "董家口港区")
    wanbang = E("Project", "万邦矿石码头", {"董家口港区万邦矿石码头"})
    wind = E("Project", "三峡深远海海上风电", {"三峡深远海海上风电项目"})
    dongfang = E("Project", "东方电气风电装备制造", {"东方电气风电装备制造项目"})
    park = E("Project", "即墨女岛绿色能源装备产业园")
    green = E("Industry", "绿色能源")
    sanxia = E("Company", "三峡")
    lab = E("Institution", "崂山实验室")
    shanghe = E("District", "上合示范区", {"中国—上海合作组织地方经贸合作示范区"})
    entities = [west, area, port, wanbang, wind, dongfang, park, green, sanxia, lab, shanghe]

    def mention(e: Entity, para: int, sentence: str, st: str | None = None) -> Mention:
        start = text.index(e.name, text.index(sentence))
        return Mention(e.ref, sections[para].key, e.name, start, start + len(e.name), sentence, st)

    mentions = [
        mention(port, 2, S_PORT), mention(wanbang, 2, S_PORT, "completing"),
        mention(wind, 4, S_WIND, stage), mention(dongfang, 4, S_WIND, stage), mention(park, 4, S_WIND, "under_way"),
        mention(green, 4, S_WIND), mention(sanxia, 4, S_WIND), mention(lab, 5, S_LAB), mention(shanghe, 5, S_LAB),
    ]
    R = Relation
    relations = [
        R(port.ref, "PART_OF", west.ref, "董家口港区位于青岛西海岸新区", sections[2].key),
        R(area.ref, "PART_OF", west.ref, "董家口经济区位于青岛西海岸新区", sections[2].key),
        R(wanbang.ref, "LOCATED_IN", port.ref, S_PORT, sections[2].key),
        R(wind.ref, "IN_INDUSTRY", green.ref, S_WIND, sections[4].key),
        R(dongfang.ref, "IN_INDUSTRY", green.ref, S_WIND, sections[4].key),
        R(park.ref, "IN_INDUSTRY", green.ref, S_WIND, sections[4].key),
        R(wind.ref, "OWNED_BY", sanxia.ref, S_WIND, sections[4].key),
        R(lab.ref, "RELATED_TO", shanghe.ref, S_LAB, sections[5].key, {"count": 1}),
        R(wind.ref, "RELATED_TO", dongfang.ref, S_WIND, sections[4].key, {"count": 1}),
    ]
    gdp_start = text.index(S_GDP)
    targets = [Target(f"{doc_key}#t1", "全市生产总值增长", 5.5, "%", "左右", "全市生产总值增长5.5%左右", S_GDP,
                      sections[0].key)]
    stages = {wanbang.ref: "completing", wind.ref: stage, dongfang.ref: stage, park.ref: "under_way"}
    assert gdp_start > 0
    return GraphBatch(doc, sections, entities, mentions, relations, targets, stages)


def load_mini(store):
    """Write the hand-made graph: two reports, 2024 with the wind farm still planned, 2025 starting it."""
    store.init_schema()
    write_batch(store, mini_batch("qingdao-2024", 2024, stage="planned"))
    write_batch(store, mini_batch())
    return store


@pytest.fixture
def mini(store):
    return load_mini(store)


PACKS = load_packs()


# -- headers ------------------------------------------------------------------------------------------------------

def test_every_required_report_is_shipped() -> None:
    assert REQUIRED_REPORTS <= set(PACKS), REQUIRED_REPORTS - set(PACKS)


@pytest.mark.parametrize("pack", PACKS.values(), ids=list(PACKS))
def test_pack_header_is_complete(pack: Pack) -> None:
    assert pack.id and pack.title_zh and pack.title_en and len(pack.description) > 20
    assert any("\u4e00" <= ch <= "\u9fff" for ch in pack.title_zh)
    assert [p.name for p in pack.params] == named_parameters(pack.text) or \
        {p.name for p in pack.params} == set(named_parameters(pack.text))
    for p in pack.params:
        assert p.example, f"{pack.id}: parameter {p.name} has no example"
        assert p.default is not None, f"{pack.id}: shipped packs give every parameter a default"
    assert pack.path is not None and pack.path.is_relative_to(PACK_ROOT)
    assert pack.theme, "packs live in theme folders"
    assert write_clauses(pack.text) == []


def test_named_parameters_ignores_strings_and_comments() -> None:
    text = "// uses $nothing\nMATCH (n {name: $name}) WHERE n.x = '$price' AND n.y = $limit RETURN n // $z"
    assert named_parameters(text) == ["name", "limit"]


HEADER = "// id: t\n// title_zh: 测试\n// title_en: Test\n// description: A report used by the tests only.\n"


def test_undeclared_parameter_is_an_error() -> None:
    with pytest.raises(QueryPackError, match=r"uses \$who but the header does not declare"):
        parse_pack(HEADER + "MATCH (n {name: $who}) RETURN n.name", path=Path("t.cypher"))


def test_unused_parameter_is_an_error() -> None:
    with pytest.raises(QueryPackError, match="declares who but the query never uses it"):
        parse_pack(HEADER + "// param: who | name | 崂山实验室 | 崂山实验室\nMATCH (n) RETURN n.name")


def test_missing_title_names_the_file() -> None:
    with pytest.raises(QueryPackError, match=r"x\.cypher: header lacks title_en"):
        parse_pack("// id: x\n// title_zh: 甲\n// description: something long enough\nRETURN 1",
                   path=Path("x.cypher"))


def test_bad_param_line_names_the_line() -> None:
    with pytest.raises(QueryPackError, match=r"t\.cypher:5: param needs"):
        parse_pack(HEADER + "// param: who name\nRETURN $who", path=Path("t.cypher"))
    with pytest.raises(QueryPackError, match="type 'date' is unknown"):
        parse_pack(HEADER + "// param: d | date | - | 2025\nRETURN $d")
    with pytest.raises(QueryPackError, match="unknown node label 'Place'"):
        parse_pack(HEADER + "// param: d | name:Place | - | 董家口\nRETURN $d")
    with pytest.raises(QueryPackError, match="default 'ten' is not a valid int"):
        parse_pack(HEADER + "// param: n | int | ten | 10\nRETURN $n")


@pytest.mark.parametrize("cypher", [
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) SET n.x = 1 RETURN n",
    "MERGE (n:Project {key: 'x'}) RETURN n",
    "CALL apoc.periodic.iterate('a', 'b', {})",
])
def test_write_clauses_are_refused_when_parsed(cypher: str) -> None:
    with pytest.raises(QueryPackError, match="read-only"):
        parse_pack(HEADER + cypher)


def test_write_words_inside_strings_are_not_writes() -> None:
    pack = parse_pack(HEADER + "MATCH (n) WHERE n.name CONTAINS 'SET' AND n.created = 1 RETURN n.name AS name")
    assert write_clauses(pack.text) == []


def test_hand_built_writing_pack_is_refused_before_anything_changes(mini) -> None:
    before = mini.query("MATCH (n) RETURN count(n) AS n")[0]["n"]
    bad = Pack("bad", "坏", "Bad", "writes to the graph", (), "MATCH (n) DETACH DELETE n")
    with pytest.raises(ReadOnlyError):
        run_pack(mini, bad)
    assert mini.query("MATCH (n) RETURN count(n) AS n")[0]["n"] == before


def test_store_refuses_writes_as_a_second_guard(mini) -> None:
    # The text check is one guard; store.query (GRAPH.RO_QUERY on FalkorDB) is the other.
    with pytest.raises(ReadOnlyError):
        mini.query("MATCH (n:Project) WITH n LIMIT 1 CREATE (m:Project {key: 'zz'}) RETURN m.key AS k")
    assert mini.query("MATCH (n:Project {key: 'zz'}) RETURN count(n) AS n")[0]["n"] == 0


# -- parameters -----------------------------------------------------------------------------------------------------

def test_defaults_are_supplied_and_types_coerced(mini) -> None:
    pack = PACKS["hubs"]
    params, _ = prepare_params(pack, {"limit": "3"}, mini)
    assert params["limit"] == 3
    with pytest.raises(QueryPackError, match="'limit' .*is not a whole number"):
        prepare_params(pack, {"limit": "many"}, mini)
    with pytest.raises(QueryPackError, match="has no parameter colour; its parameters: limit"):
        prepare_params(pack, {"colour": "red"}, mini)


def test_alias_resolves_to_canonical_name(mini) -> None:
    result = run_report(mini, "district-profile", {"district": "西海岸新区"})
    assert result.params["district"] == "青岛西海岸新区"
    assert result.resolved == {"district": "青岛西海岸新区"}
    names = {r["name"] for r in result.rows}
    assert "万邦矿石码头" in names  # in 董家口港区, which is part of 青岛西海岸新区


def test_unknown_name_suggests_close_names(mini) -> None:
    with pytest.raises(NotFoundError, match="did you mean: .*崂山实验室"):
        run_report(mini, "entity-neighbourhood", {"name": "崂山实验"+"所"})


def test_unknown_report_lists_close_ids() -> None:
    with pytest.raises(QueryPackError, match="no report named 'district-profil'; did you mean: district-profile"):
        run_report(None, "district-profil")  # type: ignore[arg-type]


# -- every pack runs, on the hand-made graph ------------------------------------------------------------------------

@pytest.mark.parametrize("pack_id", list(PACKS))
def test_every_pack_runs_on_the_hand_made_graph(mini, pack_id: str) -> None:
    result = run_pack(mini, PACKS[pack_id])
    assert isinstance(result.rows, list)
    for row in result.rows:
        assert all(k.isidentifier() and k == k.lower() for k in row), row.keys()


def test_mini_district_profile(mini) -> None:
    # 董家口 (the area) and 董家口港区 (the port) are both parts of 西海岸新区; the port counts as within 董家口.
    rows = run_report(mini, "district-profile", {"district": "董家口"}).rows
    hit = next(r for r in rows if r["name"] == "万邦矿石码头")
    assert hit["label"] == "Project" and hit["relation"] == "LOCATED_IN" and "万邦" in hit["evidence"]
    assert hit["place"] == "董家口港区"
    assert [r["name"] for r in rows].count("万邦矿石码头") == 1


def test_mini_industry_chain(mini) -> None:
    rows = run_report(mini, "industry-chain", {"industry": "绿色能源"}).rows
    projects = {r["name"] for r in rows if r["role"] == "project"}
    assert {"三峡深远海海上风电", "东方电气风电装备制造"} <= projects
    assert any(r["role"] == "company" and r["name"] == "三峡" for r in rows)


def test_mini_neighbourhood_has_evidence(mini) -> None:
    rows = run_report(mini, "entity-neighbourhood", {"name": "崂山实验室"}).rows
    hit = next(r for r in rows if r["other"] == "上合示范区")
    assert hit["relation"] == "RELATED_TO" and "崂山实验室" in hit["evidence"]
    assert {r["document"] for r in rows} == {"qingdao-2024", "qingdao-2025"}


def test_mini_neighbourhood_same_section_after_links(mini) -> None:
    rows = run_report(mini, "entity-neighbourhood", {"name": "三峡"}).rows
    relations = [r["relation"] for r in rows]
    assert relations[:2] == ["OWNED_BY", "OWNED_BY"] and set(relations[2:]) == {"SAME_SECTION"}
    park = [r for r in rows if r["other"] == "即墨女岛绿色能源装备产业园"]
    assert len(park) == 2 and park[0]["evidence"] == S_WIND  # one per report
    assert "三峡深远海海上风电" not in {r["other"] for r in rows if r["relation"] == "SAME_SECTION"}


def test_mini_project_stages_and_timeline(mini) -> None:
    rows = run_report(mini, "report-timeline").rows
    wind = next(r for r in rows if r["name"] == "三峡深远海海上风电")
    assert wind["reports"] == 2 and "谋划" in wind["stages"] and "开工" in wind["stages"]
    stages = run_report(mini, "project-stages").rows
    assert any(r["year"] == 2024 and r["stage"] == "谋划" and "三峡深远海海上风电" in r["projects"] for r in stages)


def test_mini_overview_counts(mini) -> None:
    rows = run_report(mini, "overview").rows
    counts = {(r["kind"], r["name"]): r["count"] for r in rows}
    assert counts[("node", "Project")] == 4
    assert counts[("relationship", "LOCATED_IN")] == 2  # one per report


def test_mini_targets(mini) -> None:
    rows = run_report(mini, "targets").rows
    assert any(r["metric"] == "全市生产总值增长" and r["value"] == 5.5 and r["unit"] == "%" for r in rows)


# -- the sample report ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("pack_id", list(PACKS))
def test_every_pack_runs_on_the_sample(sample_store, pack_id: str) -> None:
    result = run_pack(sample_store, PACKS[pack_id])
    if pack_id == "report-timeline":  # needs two reports; the sample is one
        assert result.rows == []
    else:
        assert result.rows, f"{pack_id} found nothing in the sample report with its default parameters"


def test_sample_district_profile_lists_the_ore_wharf(sample_store) -> None:
    rows = run_report(sample_store, "district-profile", {"district": "董家口"}).rows
    assert any("万邦矿石码头" in r["name"] for r in rows), [r["name"] for r in rows]


def test_sample_district_profile_reaches_down_the_place_hierarchy(sample_store) -> None:
    # 西海岸新区 is never named with the wharf; the gazetteer's 董家口港区 ⊂ 西海岸新区 connects them,
    # and the user's short form resolves through the alias 青岛西海岸新区.
    rows = run_report(sample_store, "district-profile", {"district": "青岛西海岸新区"}).rows
    assert any("万邦矿石码头" in r["name"] and r["place"] == "董家口港区" for r in rows), rows
    part_of = [r for r in rows if r["relation"] == "PART_OF" and r["name"] == "董家口港区"]
    assert part_of and part_of[0]["evidence"].startswith("地名参考数据")


def test_sample_industry_chain_lists_offshore_wind(sample_store) -> None:
    rows = run_report(sample_store, "industry-chain", {"industry": "绿色能源"}).rows
    projects = {r["name"] for r in rows if r["role"] == "project"}
    assert any("三峡深远海海上风电" in p for p in projects), projects


def test_sample_neighbourhood_of_laoshan_lab(sample_store) -> None:
    # The report's only sentence on 崂山实验室 ("支持崂山实验室实施重大科技任务。") names nothing else, so it has no
    # stored link; its neighbourhood comes from the section it shares with the deep-sea gene bank and others.
    rows = run_report(sample_store, "entity-neighbourhood", {"name": "崂山实验室"}).rows
    assert rows, "崂山实验室 should have neighbours"
    assert all(r["relation"] and r["other"] and r["evidence"] for r in rows)
    gene_bank = next(r for r in rows if r["other"] == "国家深海基因库")
    assert gene_bank["relation"] == "SAME_SECTION" and gene_bank["evidence"] == "加快国家深海基因库等三大国家平台建设。"


def test_sample_neighbourhood_with_typed_links(sample_store) -> None:
    rows = run_report(sample_store, "entity-neighbourhood", {"name": "三峡深远海海上风电"}).rows
    typed = {(r["relation"], r["other"]) for r in rows}
    assert ("IN_INDUSTRY", "绿色能源") in typed and ("OWNED_BY", "三峡") in typed
    assert all("三峡深远海海上风电" in r["evidence"] for r in rows if r["relation"] in ("IN_INDUSTRY", "OWNED_BY"))


def test_sample_overview_has_projects(sample_store) -> None:
    counts = {(r["kind"], r["name"]): r["count"] for r in run_report(sample_store, "overview").rows}
    assert counts.get(("node", "Project"), 0) >= 20
    assert counts.get(("node", "Section"), 0) > 10


# -- the Browser style sheet ----------------------------------------------------------------------------------------

def test_grass_styles_every_label_and_type() -> None:
    import re

    from qdkg.graph import schema

    text = (PACK_ROOT / "qdkg.grass").read_text(encoding="utf-8")
    assert "/*" not in text and "//" not in text, "Browser's GraSS parser has no comments"
    rules = dict(re.findall(r"^([\w.]+) \{\n(.*?)\n\}", text, re.DOTALL | re.MULTILINE))
    assert text.count("{\n") == len(rules) == text.count("\n}")
    for label in (*schema.NODE_LABELS, schema.ENTITY):
        body = rules[f"node.{label}"]
        assert re.search(r"^  color: #[0-9a-f]{6};$", body, re.MULTILINE) and 'caption: "{' in body, label
    for rel in schema.REL_TYPES:
        assert f"relationship.{rel}" in rules, rel


def test_mini_find_matches_aliases(mini) -> None:
    rows = run_report(mini, "find", {"text": "经济区"}).rows
    assert [(r["label"], r["name"]) for r in rows] == [("District", "董家口")]


def test_mini_data_quality_flags_missing_place(mini) -> None:
    rows = run_report(mini, "data-quality").rows
    assert {"issue": "no_place", "label": "Project", "name": "三峡深远海海上风电",
            "detail": "无所在区域 (LOCATED_IN)"} in rows
    assert not any(r["issue"] == "no_place" and r["name"] == "万邦矿石码头" for r in rows)
