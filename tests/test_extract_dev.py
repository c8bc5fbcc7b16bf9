"""Extraction on reports of other cities and years: the dev set's scores and one test per error class found there."""

from __future__ import annotations

import extraction_scoring as sc
import pytest
from dev_scores import dev_files, score_file

from qdkg.loaders.extract.names import balanced
from qdkg.loaders.gazetteer import load_gazetteer
from qdkg.loaders.model import Document
from qdkg.loaders.pipeline import batch_rows, extract_batch


def test_dev_reports_reach_the_targets() -> None:
    files = dev_files()
    assert len(files) == 7
    core, rels = [], []
    for report, ents_csv, rels_csv in files:
        c, r, _, _ = score_file(report, ents_csv, rels_csv)
        core.append(c)
        rels.append(r)
    _, _, f_core = sc.micro(core)
    _, _, f_rel = sc.micro(rels)
    # 0.955: gold-dev's conventions annotate the industry a base or park is named for (通威太阳能电池基地 ->
    # 太阳能电池); these reports, annotated with the seed's conventions, do not (the seed: 工业母机 in
    # 中国机械总院工业母机创新中心 is no Industry)
    # 0.95 since adjectives count as common words (a name needs more than 高效/精深/重要 before its head): brands
    # made of one (豪迈高端装备智能制造产业园) are missed with them
    assert f_core >= 0.95, f_core
    # 0.89: these reports were annotated before gold-dev's conventions; where the two differ (a region word
    # in a name locates it: 招商检测华北基地 -> 华北; a base is in the industry it is named for; a lead line
    # (四)推动海洋经济高质量发展。 puts the next paragraph's projects in its one industry; a zone is part of the
    # water or region its name starts with: 东湖高新区 -> 东湖, 长三角…示范区 -> 长三角; an organisation is named
    # as written and runs what its name starts: 中芯, 四川大学华西医院 -> 四川大学), gold-dev's is followed
    assert f_rel >= 0.87, f_rel  # 0.87: the two industries of 豪迈…产业园 go with it (see above)


def _rows(text: str) -> list[dict]:
    doc = Document(key="t", title="t", source="t.txt", content_hash="0", text=text)
    return batch_rows(extract_batch(doc))


def _ents(rows: list[dict]) -> set[tuple[str, str]]:
    return {(r["type"], r["name"]) for r in rows if r["kind"] == "entity"}


def _rels(rows: list[dict], type_: str) -> set[tuple[str, str]]:
    return {(r["source"], r["target"]) for r in rows if r["kind"] == "relation" and r["type"] == type_}


@pytest.fixture(scope="module")
def jinan() -> list[dict]:
    return _rows(
        "(一)坚持创新驱动。\n"
        "强化战略科技力量。加快济南实验室、中科院济南科创城建设,推动国家超级计算济南中心扩容升级。"
        "支持齐鲁工业大学(山东省科学院)建设先进材料研究院。\n"
        "(二)构建现代化产业体系。\n"
        "推动重汽智能网联重卡生产线建成投产,加快华熙生物科技园建设,规划建设中国算谷。"
        "建成轨道交通4号线一期工程。推进章丘区明水经济开发区开发建设。\n"
        "(三)深化改革开放。\n"
        "高水平建设中国(山东)自由贸易试验区济南片区,办好第三届中国国际数字经济博览会、济南泉水节。\n"
    )


def test_names_never_hold_half_a_bracket(jinan: list[dict]) -> None:
    names = [r["name"] for r in jinan if r["kind"] == "entity"] + [r["text"] for r in jinan if r["kind"] == "entity"]
    assert all(balanced(n) for n in names), [n for n in names if not balanced(n)]
    assert ("District", "中国(山东)自由贸易试验区济南片区") in _ents(jinan)
    assert not any("贸易试验区" == n or n.startswith("贸易") for _, n in _ents(jinan))
    assert any(n.startswith("齐鲁工业大学(山东省科学院)") for t, n in _ents(jinan) if t == "Institution")


def test_balanced() -> None:
    assert balanced("潍柴(青岛)海洋装备制造中心") and balanced("“国信”系列养殖装备")
    assert not balanced("齐鲁工业大学(山东省科学院") and not balanced("“金智谷")


def test_line_numbers_make_a_project(jinan: list[dict]) -> None:
    ents = _ents(jinan)
    assert ("Project", "轨道交通4号线") in ents
    assert ("Industry", "轨道交通") not in ents


def test_economy_inside_zone_names_is_no_industry(jinan: list[dict]) -> None:
    industries = {n for t, n in _ents(jinan) if t == "Industry"}
    assert not any("明水" in n or n == "现代化产业" for n in industries), industries


def test_edition_numbers_go_to_aliases(jinan: list[dict]) -> None:
    ev = [r for r in jinan if r["kind"] == "entity" and r["type"] == "Event"]
    expo = next(r for r in ev if "数字经济博览会" in r["name"])
    assert expo["name"] == "中国国际数字经济博览会" and expo["text"] == "第三届中国国际数字经济博览会"
    assert any(r["name"] == "济南泉水节" for r in ev)


def test_owner_is_the_brand_before_an_industry_word(jinan: list[dict]) -> None:
    owned = _rels(jinan, "OWNED_BY")
    assert ("重汽智能网联重卡生产线", "重汽") in owned
    assert ("华熙生物科技园", "华熙生物") in owned


def test_centres_cities_and_valleys_are_names(jinan: list[dict]) -> None:
    names = {n for _, n in _ents(jinan)}
    assert {"国家超级计算济南中心", "中科院济南科创城", "中国算谷", "先进材料研究院"} <= names


def test_organisation_prefix_owns_its_campus() -> None:
    rows = _rows("推动合肥市第二人民医院新区建成投用,加快山东交通学院潍坊校区、蔚来第二先进制造基地建设。")
    owned = _rels(rows, "OWNED_BY")
    assert ("合肥市第二人民医院新区", "合肥市第二人民医院") in owned
    assert ("山东交通学院潍坊校区", "山东交通学院") in owned
    assert ("蔚来第二先进制造基地", "蔚来") in owned
    assert ("Project", "合肥市第二人民医院新区") in _ents(rows)  # not a District: 新区 of a hospital


def test_company_with_a_phase_keeps_the_phase() -> None:
    rows = _rows("推进长鑫存储二期、晶合集成四期、京东方第10.5代TFT-LCD生产线技改项目建设。")
    owned = _rels(rows, "OWNED_BY")
    assert ("长鑫存储二期", "长鑫存储") in owned
    assert ("京东方第10.5代TFT-LCD生产线技改", "京东方") in owned


def test_unknown_rivers_and_towns_before_a_name() -> None:
    rows = _rows("加快白浪河湿地公园建设,建成胶州少海国家湿地公园二期。")
    located = _rels(rows, "LOCATED_IN")
    assert ("白浪河湿地公园", "白浪河") in located
    assert ("胶州少海国家湿地公园", "少海") in located
    assert ("少海", "胶州") in _rels(rows, "PART_OF")


def test_city_names_ending_in_a_head_are_places() -> None:
    rows = _rows("做好青岛至连云港至盐城高铁谋划争取。")
    assert ("青岛至连云港至盐城高铁", "盐城") in _rels(rows, "CONNECTS")
    assert not any(r["type"] == "LOCATED_IN" for r in rows if r["kind"] == "relation")


def test_holidays_and_modifiers_are_no_names() -> None:
    names = {n for _, n in _ents(_rows("完善“金智谷”智慧治理平台功能。存在薄弱环节。做好春节保供。"))}
    assert not any(n.startswith("“金智谷") and not balanced(n) for n in names)
    assert "薄弱环节" not in names and "春节" not in names


def test_industry_track_names_stay_as_written() -> None:
    gaz = load_gazetteer()
    track = gaz.industry("新能源汽车")
    assert track is not None and track.parent == "智能网联新能源汽车"


def test_waters_and_ports_of_other_cities_are_places() -> None:
    rows = _rows(
        "推进南淝河、十五里河水环境综合治理,加强太湖、京杭运河苏州段生态修复。"
        "推进潍坊港中港区5万吨级通用泊位、苏州港太仓港区四期工程建设。严格落实河湖长制。\n"
    )
    places = {n for t, n in _ents(rows) if t == "District"}
    assert {"南淝河", "十五里河", "太湖", "京杭运河", "潍坊港", "中港区", "苏州港", "太仓港区"} <= places
    assert not any(n.startswith("加强") or n in ("河湖", "运河") for n in places), places
    assert ("中港区", "潍坊港") in _rels(rows, "PART_OF")
    assert ("苏州港太仓港区四期", "太仓港区") in _rels(rows, "LOCATED_IN")


def test_counties_of_any_city_are_places_but_streets_named_after_them_are_not() -> None:
    rows = _rows("推动昆山、太仓、常熟争先进位。提速推进唐山路快速路建设。认真办理人大代表建议和政协提案。\n")
    places = {n for t, n in _ents(rows) if t == "District"}
    assert {"昆山", "太仓", "常熟"} <= places and "唐山" not in places and "和政" not in places


def test_a_name_keyword_beats_the_one_industry_of_the_clause() -> None:
    rows = _rows("壮大集成电路产业,推动三星半导体封装测试扩产项目建设,支持友达光电新型显示模组项目投产。\n")
    inds = _rels(rows, "IN_INDUSTRY")
    assert ("友达光电新型显示模组", "新型显示") in inds and ("友达光电新型显示模组", "集成电路") not in inds


def test_industries_listed_before_a_qualified_head() -> None:
    rows = _rows("做强电子信息、装备制造、生物医药四大主导产业,培育光子、航空航天等新兴产业。\n")
    inds = {n for t, n in _ents(rows) if t == "Industry"}
    assert {"电子信息", "装备制造", "生物医药", "光子", "航空航天"} <= inds


def test_designations_a_place_starts_are_places_and_their_areas_lie_in_them() -> None:
    rows = _rows(
        "推动合淮产业走廊、合六经济走廊建设,推进环太湖科创圈建设。高水平建设中国(江苏)自由贸易试验区苏州片区。"
        "积极申建国家服务贸易创新发展示范区。\n"
    )
    ents = _ents(rows)
    assert {("District", "合淮产业走廊"), ("District", "合六经济走廊"), ("District", "环太湖科创圈"),
            ("District", "中国(江苏)自由贸易试验区")} <= ents
    assert ("District", "国家服务贸易创新发展示范区") not in ents
    assert ("中国(江苏)自由贸易试验区苏州片区", "中国(江苏)自由贸易试验区") in _rels(rows, "PART_OF")


def test_sections_of_lines_join_the_places_on_both_sides_of_zhi() -> None:
    rows = _rows("加快环湾路快速路改造、新机场高速连接线(双埠至夏庄段)建设。加快京沪高铁辅助通道潍坊至宿迁段建设。\n")
    links = _rels(rows, "CONNECTS")
    assert {("新机场高速连接线(双埠至夏庄段)", "双埠"), ("新机场高速连接线(双埠至夏庄段)", "夏庄"),
            ("京沪高铁辅助通道潍坊至宿迁段", "潍坊"), ("京沪高铁辅助通道潍坊至宿迁段", "宿迁")} <= links, links


def test_campuses_venues_and_industrial_parks() -> None:
    rows = _rows("推动苏州大学附属第一医院总院二期建成投用,推动苏州湾数字艺术馆建成开放。"
                 "支持苏州工业园区建设世界一流高科技园区。加快青岛高新区科技创新园建设。\n")
    ents = _ents(rows)
    assert {("Project", "苏州大学附属第一医院总院"), ("Project", "苏州湾数字艺术馆"), ("District", "苏州工业园区"),
            ("Project", "青岛高新区科技创新园")} <= ents
    assert not any("世界一流" in n for _, n in ents)
    assert ("苏州大学附属第一医院总院", "苏州大学附属第一医院") in _rels(rows, "OWNED_BY")


def test_a_known_company_ties_its_project_to_the_industry_the_paragraph_lists() -> None:
    rows = _rows("推动集成电路、新型显示2个产业集群扩能提质。加快华星光电第8.6代生产基地、比亚迪零部件产业园项目建设。\n")
    inds = _rels(rows, "IN_INDUSTRY")
    assert ("华星光电第8.6代生产基地", "新型显示") in inds, inds
    assert not any(s.startswith("比亚迪") and i == "新能源汽车" for s, i in inds)  # 新能源汽车 is not listed here


def test_owners_before_model_numbers_and_phased_items_beside_projects() -> None:
    rows = _rows("加快盛瑞8AT自动变速器生产线建设。推进芯恩集成电路二期、京东方青岛物联网移动显示端口器件生产线建设。"
                 "支持阳光电源储能系统生产基地扩产。\n")
    owners = _rels(rows, "OWNED_BY")
    assert {("盛瑞8AT自动变速器生产线", "盛瑞"), ("芯恩集成电路", "芯恩"), ("阳光电源储能系统生产基地", "阳光电源")} <= owners
    assert ("Project", "芯恩集成电路") in _ents(rows)


def test_ports_of_two_cities_port_areas_and_metro_areas() -> None:
    rows = _rows("推进宁波舟山港梅山港区二期、穿山港区中宅矿石码头扩建工程建设。建设大宗商品资源配置枢纽,开工建设宁波西枢纽。"
                 "高水平建设宁波杭州湾新区,积极融入杭州都市圈。加快宁波至慈溪市域铁路建设。\n")
    ents = _ents(rows)
    assert {("District", "宁波舟山港"), ("District", "梅山港区"), ("Project", "宁波舟山港梅山港区二期"),
            ("District", "穿山港区"), ("Project", "宁波西枢纽"), ("District", "杭州都市圈")} <= ents, ents
    assert not {("District", "舟山港"), ("District", "穿山港"), ("District", "宁波杭州湾"),
                ("Project", "大宗商品资源配置枢纽")} & ents
    assert ("杭州都市圈", "杭州") not in _rels(rows, "PART_OF")
    assert _rels(rows, "CONNECTS") >= {("宁波至慈溪市域铁路", "宁波"), ("宁波至慈溪市域铁路", "慈溪")}


def test_mountains_science_centres_and_economic_circles() -> None:
    rows = _rows("加快建设成渝(兴隆湖)综合性科学中心。推进龙泉山城市森林公园建设。深入推进成渝地区双城经济圈建设。"
                 "推动通威太阳能电池基地三期建设。\n")
    ents = _ents(rows)
    assert {("Institution", "成渝(兴隆湖)综合性科学中心"), ("District", "龙泉山"), ("District", "成渝地区双城经济圈"),
            ("Company", "通威")} <= ents, ents
    assert not {("District", "龙泉"), ("District", "成渝地")} & ents


def test_listed_compound_industries_and_zones_named_after_waters() -> None:
    rows = _rows("做强光电子信息、新能源与智能网联汽车、北斗3个优势产业集群。加快东风岚图汽车新能源整车工厂投产。"
                 "支持东湖高新区、武汉经开区、长江新区加快发展。\n")
    ents = _ents(rows)
    assert {("Industry", "光电子信息"), ("Industry", "新能源与智能网联汽车"), ("District", "武汉经开区")} <= ents, ents
    assert ("Industry", "电子信息") not in ents
    assert ("东风岚图汽车新能源整车工厂", "新能源与智能网联汽车") in _rels(rows, "IN_INDUSTRY")
    # gold-dev's convention: a zone is part of the water its name starts with (崖州湾科技城 -> 崖州湾)
    assert {("东湖高新区", "东湖"), ("长江新区", "长江")} <= _rels(rows, "PART_OF")
