"""What a place leading a project's name says (issue 8, error class 9): a town, city or country places the project;
world regions and groups of countries name its partners or market, not its place."""

from __future__ import annotations

from extracting import entity_set, relation_set


def _located(text: str, city: str | None = None) -> set[tuple[str, str]]:
    return relation_set(text, "LOCATED_IN", "PART_OF", city=city)


def test_world_regions_and_groups_of_countries_leading_a_name_are_no_location() -> None:
    located = _located("加快建设中俄蒙国际物流园区，推进南亚东南亚辐射中心建设，建成中国-中亚荒漠化防治合作中心。"
                       "投资建设老挝万象新城项目。")
    assert not {t for _, t in located} & {"中俄蒙", "东南亚", "南亚", "中亚"}, located
    assert ("老挝万象新城", "老挝") in located, located  # a country stays a place


def test_a_city_leading_a_name_still_locates_it() -> None:
    located = _located("青海省加快西宁国家骨干冷链物流基地、格尔木国家物流枢纽和中俄蒙国际物流园区建设。")
    assert {("西宁国家骨干冷链物流基地", "西宁"), ("格尔木国家物流枢纽", "格尔木")} <= located, located
    assert not any(t == "中俄蒙" for _, t in located), located


def test_a_word_that_starts_with_a_place_suffix_makes_no_place() -> None:
    located = _located("推进联通市场设施建设，加快寿光市蔬菜产业园建设。")
    assert not any(t == "联通" for _, t in located), located
    assert ("寿光市蔬菜产业园", "寿光") in located, located


def test_a_town_before_a_size_places_the_work_and_owns_nothing() -> None:
    text = "建设奋斗镇1.6万吨蔬菜仓储、哈克镇7000平方米标准化奶牛养殖等项目。"
    located = relation_set(text, "LOCATED_IN", city="海拉尔区")
    ents = entity_set(text, city="海拉尔区")
    assert ("奋斗镇1.6万吨蔬菜仓储", "奋斗镇") in located and ("District", "奋斗镇") in ents, located
    assert not any(lbl == "Company" for lbl, _ in ents), ents


def test_a_town_named_short_inside_a_name_places_it() -> None:
    located = relation_set("哈克镇获评。推进哈克生态奶源基地建设。大唐哈克5万千瓦风电项目开工。", "LOCATED_IN",
                           city="海拉尔区")
    assert {("哈克生态奶源基地", "哈克镇"), ("大唐哈克5万千瓦风电", "哈克镇")} <= located, located
