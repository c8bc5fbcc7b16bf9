"""Document metadata read from the report itself: place and level, year, meeting line, speaker, title.

The table covers every file of the shared corpus (the four 海拉尔区 reports as published, GBK with spaced
titles; the openings of the 17 provincial 2026 reports), the sample and the dev excerpts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_REPORT, TEST_DATA

from qdkg.graph.writer import write_batch
from qdkg.loaders import docmeta
from qdkg.loaders.pipeline import extract_batch
from qdkg.loaders.reading import read_document

HAILAR = TEST_DATA / "hailar"
PROVINCES = TEST_DATA / "province_openings"
DEV = TEST_DATA / "dev_reports"

#: file -> (title, city key, level, year, meeting line, speaker role, speaker)
EXPECTED: dict[Path, tuple[str, str, str, int, str | None, str | None, str | None]] = {
    HAILAR / "hailar-2012.txt": ("海拉尔区2012年政府工作报告", "海拉尔区", "district", 2012,
                                 "2012年2月29日在海拉尔区第十三届人民代表大会第六次会议上", "区长", "张天喜"),
    HAILAR / "hailar-2013.txt": ("海拉尔区2013年政府工作报告", "海拉尔区", "district", 2013,
                                 "2013年2月28日在海拉尔区第十四届人民代表大会第二次会议上", "区长", "杜联合"),
    HAILAR / "hailar-2014.txt": ("海拉尔区2014年政府工作报告", "海拉尔区", "district", 2014,
                                 "2014年2月19日在海拉尔区第十四届人民代表大会第三次会议上", "区长", "杜联合"),
    HAILAR / "hailar-2015.txt": ("海拉尔区2015年政府工作报告", "海拉尔区", "district", 2015,
                                 "2015年2月5日在海拉尔区第十四届人民代表大会第四次会议上", "区长", "杜联合"),
    PROVINCES / "beijing-2026.txt": ("2026年北京市政府工作报告", "北京", "province", 2026,
                                     "2026年1月25日在北京市第十六届人民代表大会第四次会议上", "市长", "殷勇"),
    PROVINCES / "gansu-2026.txt": ("2026年甘肃省政府工作报告", "甘肃省", "province", 2026,
                                   "二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上", "省长", "任振鹤"),
    PROVINCES / "guizhou-2026.txt": ("贵州省2026年政府工作报告", "贵州省", "province", 2026,
                                     "2026年1月27日在贵州省第十四届人民代表大会第四次会议上", "省长", "李炳军"),
    PROVINCES / "hainan-2026.txt": ("海南省2026年政府工作报告", "海南省", "province", 2026,
                                    "2026年1月27日在海南省第七届人民代表大会第五次会议上", "省长", "刘小明"),
    PROVINCES / "hebei-2026.txt": ("2026年河北省政府工作报告", "河北省", "province", 2026,
                                   "2026年1月26日在河北省第十四届人民代表大会第四次会议上", "省长", "王正谱"),
    PROVINCES / "heilongjiang-2026.txt": ("2026年黑龙江省政府工作报告", "黑龙江省", "province", 2026,
                                          "2026年1月31日在黑龙江省第十四届人民代表大会第四次会议上", "省长", "梁惠玲"),
    PROVINCES / "henan-2026.txt": ("2026年河南省政府工作报告", "河南省", "province", 2026,
                                   "2026年1月26日在河南省第十四届人民代表大会第四次会议上", "省长", "王凯"),
    PROVINCES / "jiangxi-2026.txt": ("2026年江西省政府工作报告", "江西省", "province", 2026,
                                     "2026年1月27日在江西省第十四届人民代表大会第四次会议上", "省长", "叶建春"),
    PROVINCES / "jilin-2026.txt": ("2026年吉林省政府工作报告", "吉林省", "province", 2026,
                                   "2026年1月27日在吉林省第十四届人民代表大会第五次会议上", "省长", "胡玉亭"),
    PROVINCES / "liaoning-2026.txt": ("2026年辽宁省政府工作报告", "辽宁省", "province", 2026,
                                      "2026年1月27日在辽宁省第十四届人民代表大会第五次会议上", "省长", "王新伟"),
    PROVINCES / "ningxia-2026.txt": ("2026年宁夏回族自治区政府工作报告", "宁夏回族自治区", "province", 2026,
                                     "2026年2月3日在宁夏回族自治区第十三届人民代表大会第四次会议上", "主席", "张雨浦"),
    PROVINCES / "qinghai-2026.txt": ("青海省2026年政府工作报告", "青海省", "province", 2026,
                                     "2026年1月27日在青海省第十四届人民代表大会第四次会议上", "省长", "罗东川"),
    PROVINCES / "shanghai-2026.txt": ("2026年上海市政府工作报告", "上海", "province", 2026,
                                      "2026年2月3日在上海市第十六届人民代表大会第四次会议上", "市长", "龚正"),
    PROVINCES / "shanxi-2026.txt": ("2026年山西省政府工作报告", "山西省", "province", 2026,
                                    "2026年2月2日在山西省第十四届人民代表大会第五次会议上", "省长", "卢东亮"),
    PROVINCES / "tianjin-2026.txt": ("2026年天津市政府工作报告", "天津", "province", 2026,
                                     "2026年1月26日在天津市第十八届人民代表大会第四次会议上", "市长", "张工"),
    PROVINCES / "xizang-2026.txt": ("2026年西藏自治区政府工作报告", "西藏自治区", "province", 2026,
                                    "2026年1月31日在西藏自治区第十二届人民代表大会第四次会议上", "主席", "嘎玛泽登"),
    PROVINCES / "yunnan-2026.txt": ("云南省2026年政府工作报告", "云南省", "province", 2026,
                                    "2026年1月28日在云南省第十四届人民代表大会第四次会议上", "省长", "王予波"),
    SAMPLE_REPORT: ("青岛市2025年政府工作报告", "青岛", "city", 2025, None, None, None),
    DEV / "chengdu-2024-dev.txt": ("2024年成都市政府工作报告(节选)", "成都", "city", 2024, None, None, None),
    DEV / "hefei-2024-dev.txt": ("2024年合肥市政府工作报告(节选)", "合肥", "city", 2024, None, None, None),
    DEV / "ningbo-2025-dev.txt": ("2025年宁波市政府工作报告(节选)", "宁波", "city", 2025, None, None, None),
    DEV / "qingdao-2024-dev.txt": ("2024年青岛市政府工作报告(节选)", "青岛", "city", 2024, None, None, None),
    DEV / "suzhou-2023-dev.txt": ("2023年苏州市政府工作报告(节选)", "苏州", "city", 2023, None, None, None),
    DEV / "weifang-2024-dev.txt": ("2024年潍坊市政府工作报告(节选)", "潍坊", "city", 2024, None, None, None),
    DEV / "wuhan-2025-dev.txt": ("2025年武汉市政府工作报告(节选)", "武汉", "city", 2025, None, None, None),
}


@pytest.mark.parametrize("path", list(EXPECTED), ids=lambda p: p.name)
def test_metadata_of_every_corpus_file(path: Path) -> None:
    doc = read_document(path)
    got = (doc.title, doc.city, doc.level, doc.year, doc.meeting, doc.speaker_role, doc.speaker)
    assert got == EXPECTED[path]


def test_hailar_files_are_the_published_gbk_bytes() -> None:
    raw = (HAILAR / "hailar-2014.txt").read_bytes()
    assert b"\r\n" in raw
    assert "政 府 工 作 报 告".encode("gbk") in raw


def test_district_report_is_never_keyed_to_a_word_of_its_first_sentence() -> None:
    """The old cues read 们在, 区政府在 and 围绕 here; the meeting line names the district."""
    text = ("政 府 工 作 报 告\n——2013年2月28日在海拉尔区第十四届人民代表大会第二次会议上\n"
            "各位代表：\n2012年，区政府在市委、市政府和区委的正确领导下，紧紧围绕“两个中心”建设。"
            "呼伦贝尔市人民政府支持。呼伦贝尔市委、市政府。")
    meta = docmeta.describe(text)
    assert (meta.place, meta.level, meta.year) == ("海拉尔区", "district", 2013)
    assert meta.title == "海拉尔区2013年政府工作报告"


def test_an_excerpt_that_speaks_of_itself_as_a_district_is_the_districts() -> None:
    """No title, no meeting line; the text names its city (呼伦贝尔市) more often than itself, but says 全区."""
    text = ("全区经济保持平稳。加快呼伦贝尔市中心城新区建设，推进呼伦贝尔市大剧院运营，服务呼伦贝尔市发展大局。"
            "海拉尔农业发展园区建设加快，海拉尔河堤防完工。全区完成固定资产投资100亿元。")
    assert docmeta.describe(text).place == "海拉尔区"
    city_text = text.replace("全区", "全市")  # a city's own report: the city stays
    assert docmeta.describe(city_text).place == "呼伦贝尔市"


def test_without_meeting_line_the_speaker_or_the_government_names_the_place() -> None:
    meta = docmeta.describe("政府工作报告\n海拉尔区人民政府区长　杜联合\n各位代表：\n现在，我代表区政府报告。2014年重点工作")
    assert (meta.place, meta.level, meta.speaker, meta.year) == ("海拉尔区", "district", "杜联合", 2014)
    meta = docmeta.describe("各位代表：\n现在，我代表昆山市人民政府向大会报告工作。2024年重点工作")
    assert (meta.place, meta.level) == ("昆山市", "county")


def test_overrides_win_and_keep_the_level() -> None:
    meta = docmeta.describe((HAILAR / "hailar-2014.txt").read_bytes().decode("gbk"), city="海拉尔", year=2013)
    assert (meta.place, meta.city, meta.level, meta.year) == ("海拉尔区", "海拉尔区", "district", 2013)


def test_cli_overrides_still_win(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("load", str(HAILAR / "hailar-2014.txt"), "--city", "呼伦贝尔市", "--year", "2020")
    assert result.exit_code == 0, result.output
    rows = run_cli("cypher", "MATCH (d:Document) RETURN d.city AS city, d.year AS year, d.level AS level",
                   "--format", "json")
    assert '"呼伦贝尔"' in rows.output and "2020" in rows.output and '"city"' in rows.output


def test_document_node_stores_level_meeting_and_speaker(store) -> None:  # type: ignore[no-untyped-def]
    write_batch(store, extract_batch(read_document(HAILAR / "hailar-2015.txt")))
    rows = store.query("MATCH (d:Document) RETURN d.city AS city, d.level AS level, d.year AS year, "
                       "d.meeting AS meeting, d.speaker AS speaker, d.speaker_role AS role, d.title AS title")
    assert rows == [{"city": "海拉尔区", "level": "district", "year": 2015,
                     "meeting": "2015年2月5日在海拉尔区第十四届人民代表大会第四次会议上",
                     "speaker": "杜联合", "role": "区长", "title": "海拉尔区2015年政府工作报告"}]


def test_a_place_named_with_its_parent_is_the_place_itself() -> None:
    meta = docmeta.describe("政府工作报告\n——2024年1月20日在青岛市崂山区第十八届人民代表大会第三次会议上\n崂山区人民政府区长 王明")
    assert (meta.place, meta.level, meta.speaker) == ("崂山区", "district", "王明")


def test_a_market_is_no_city_in_an_excerpt_without_its_title() -> None:
    text = ("加快龙腾果蔬粮油农贸批发市场改造，推进能源矿产品交易市场建设，建成二手车交易市场。"
            "规划农畜产品交易市场，培育建材交易市场。")
    assert docmeta.detect_city(text) is None  # 交易市场 recurs, but 交易 is no city
