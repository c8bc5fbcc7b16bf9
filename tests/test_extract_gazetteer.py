"""The packaged gazetteer is consistent: every form names one thing, every parent exists, Shandong is complete."""

from __future__ import annotations

from collections import defaultdict

import pytest

from qdkg.loaders.gazetteer import Gazetteer, read_gazetteer

SHANDONG_CITIES = ("济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海", "日照", "临沂",
                   "德州", "聊城", "滨州", "菏泽")
COUNTY_KINDS = ("district", "county_city", "county", "new_area")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return read_gazetteer()


def test_no_form_names_two_things(gaz: Gazetteer) -> None:
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for e in gaz.entries:
        for form in e.forms:
            owners[form].add((e.label, e.name))
    clashes = {f: sorted(o) for f, o in owners.items() if len(o) > 1}
    assert not clashes, clashes


def test_every_parent_exists(gaz: Gazetteer) -> None:
    places = {e.name for e in gaz.entries if e.label == "District"}
    industries = {e.name for e in gaz.entries if e.label == "Industry"}
    missing = [(e.name, e.parent) for e in gaz.entries if e.parent
               and e.parent not in (places if e.label == "District" else industries)]
    assert not missing, missing


def test_canonical_names_are_unique(gaz: Gazetteer) -> None:
    names = [(e.label, e.name) for e in gaz.entries]
    assert len(names) == len(set(names))


def test_shandong_has_sixteen_cities_and_136_county_level_divisions(gaz: Gazetteer) -> None:
    cities = [e.name for e in gaz.entries if e.label == "District" and e.kind == "city" and e.parent == "山东"]
    assert sorted(cities) == sorted(SHANDONG_CITIES)
    counties = [e for e in gaz.entries if e.label == "District" and e.kind in COUNTY_KINDS and e.parent in cities]
    assert len(counties) == 136  # 58 districts, 26 county-level cities, 52 counties (2024)
    per_city = defaultdict(int)
    for e in counties:
        per_city[e.parent] += 1
    assert per_city["济南"] == 12 and per_city["潍坊"] == 12 and per_city["临沂"] == 12 and per_city["威海"] == 4


@pytest.mark.parametrize(("form", "name", "parent"), [
    ("昌邑", "昌邑", "潍坊"), ("昌邑市", "昌邑", "潍坊"), ("奎文区", "奎文", "潍坊"), ("即墨区", "即墨", "青岛"),
    ("莒县", "莒县", "日照"), ("济南市市中区", "济南市中区", "济南"), ("枣庄市市中区", "枣庄市中区", "枣庄"),
    ("肥西县", "肥西", "合肥"), ("宝安区", "宝安", "深圳"), ("蔡甸", "蔡甸", "武汉"), ("蔡甸区", "蔡甸", "武汉"),
    ("武昌", "武昌", "武汉"), ("东西湖区", "东西湖", "武汉"),
])
def test_full_and_short_forms_resolve(gaz: Gazetteer, form: str, name: str, parent: str) -> None:
    e = gaz.lookup(form)
    assert e is not None and (e.name, e.parent) == (name, parent)


@pytest.mark.parametrize("form", [
    "市中区", "高新区", "开发区", "泰山", "天桥", "平原", "惠民", "牡丹", "光明", "盐田", "河东", "东港", "滨城",
    "栖霞", "福田", "南山", "钢城", "莒", "曹", "单", "冠", "莘", "费",
    "东城", "西城", "城东", "城区", "新区", "江南", "古城", "新建", "东湖", "滨海新", "双城", "姑苏",
])
def test_ambiguous_or_ordinary_short_forms_are_not_places(gaz: Gazetteer, form: str) -> None:
    assert gaz.lookup(form) is None


def _places(text: str) -> set[str]:
    from qdkg.loaders.model import Document
    from qdkg.loaders.pipeline import batch_rows, extract_batch

    doc = Document(key="t", title="t", source="t.txt", content_hash="0", text=text)
    return {r["name"] for r in batch_rows(extract_batch(doc)) if r["kind"] == "entity" and r["type"] == "District"}


@pytest.mark.parametrize(("text", "form"), [
    ("推进高密度城市更新。", "高密"), ("城市南部片区加快开发。", "市南"), ("引导社会资金乡村振兴。", "金乡"),
    ("落实主体责任城市安全。", "任城"), ("施用复合肥料。", "合肥"),
    ("提出了新的更高要求。", "高要"),  # one crossed edge, by a word far commoner than the place name
])
def test_a_short_place_name_inside_ordinary_words_is_no_place(gaz: Gazetteer, text: str, form: str) -> None:
    from qdkg.loaders.extract.gazetteer_hits import inside_word

    i = text.index(form)
    assert inside_word(text, i, i + 2, gaz)
    assert gaz.lookup(form).name not in _places(text)  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "form"), [
    ("推进城阳建设。", "城阳"), ("以东营建设为重点。", "东营"), ("山东城阳新区", "城阳"), ("北京城区", "北京"),
    ("山东人民", "山东"), ("支持寿光建设蔬菜基地。", "寿光"), ("推进诸城恐龙公园建设。", "诸城"),
])
def test_a_short_place_name_at_a_word_break_is_a_place(gaz: Gazetteer, text: str, form: str) -> None:
    from qdkg.loaders.extract.gazetteer_hits import inside_word

    i = text.index(form)
    assert not inside_word(text, i, i + 2, gaz)


def test_a_county_before_lake_or_bay_names_the_water() -> None:
    places = _places("推进东平湖生态保护,实施莱州湾海洋生态保护修复工程。临沂河东区加快发展。")
    assert {"东平湖", "莱州湾", "河东区"} <= places
    assert not {"东平", "莱州", "临沂河"} & places


def test_a_place_inside_a_company_name_does_not_locate_the_project() -> None:
    from qdkg.loaders.model import Document
    from qdkg.loaders.pipeline import batch_rows, extract_batch

    doc = Document(key="t", title="t", source="t.txt", content_hash="0", text="推进寿光蔬菜产业集团种业研发中心建设。")
    rows = batch_rows(extract_batch(doc))
    rels = {(r["source"], r["type"], r["target"]) for r in rows if r["kind"] == "relation"}
    assert ("寿光蔬菜产业集团种业研发中心", "OWNED_BY", "寿光蔬菜产业集团") in rels
    assert not any(t in ("LOCATED_IN", "PART_OF") for _, t, _ in rels), rels


def test_districts_of_other_cities_are_found_by_their_short_forms() -> None:
    places = _places("加快蔡甸、江夏、黄陂、新洲等新城建设,推进武昌区老城更新。")
    assert {"蔡甸", "江夏", "黄陂", "新洲", "武昌"} <= places, places
