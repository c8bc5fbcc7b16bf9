"""Programs: coordinated verbs stay out of names, a known place or industry is never a program of its own name,
no fragment or figure of speech is a programme, and one programme has one name (issue 8)."""

from __future__ import annotations

import itertools
import re

import pytest
from conftest import SAMPLE_REPORT

from qdkg.loaders.extract.names import left_boundary
from qdkg.loaders.gazetteer import load_gazetteer
from qdkg.loaders.model import Document, GraphBatch
from qdkg.loaders.pipeline import extract_batch
from qdkg.loaders.reading import read_document


def _batch(text: str) -> GraphBatch:
    return extract_batch(Document(key="t", title="t", source="t.txt", content_hash="0", text=text))


def _ents(batch: GraphBatch) -> set[tuple[str, str]]:
    return {(e.label, e.name) for e in batch.entities}


@pytest.fixture(scope="module")
def sample() -> GraphBatch:
    return extract_batch(read_document(SAMPLE_REPORT))


def test_the_last_of_coordinated_verbs_is_dropped_from_a_name() -> None:
    text = "做实、做好、做美、做响上合示范区。"
    pos = text.index("示范区")
    assert text[left_boundary(text, 0, pos, load_gazetteer()) : pos] == "上合"


@pytest.mark.parametrize("text", ["实施创新、协调、绿色发展战略。", "推动、支持、建设董家口港区。"])
def test_lists_that_are_not_coordinated_verbs_keep_their_names(text: str) -> None:
    ents = _ents(_batch(text))
    assert ("Program", "绿色发展战略") in ents or ("District", "董家口港区") in ents


def test_coordinated_verbs_and_a_known_place_give_no_program() -> None:
    ents = _ents(_batch("深入实施上合示范区综合改革,做实、做好、做美、做响上合示范区。"))
    assert ("District", "上合示范区") in ents
    assert ("Program", "上合示范区综合改革") in ents
    assert not any(label == "Program" and name in ("上合示范区", "做响上合示范区") for label, name in ents), ents


def test_a_quoted_known_industry_is_no_program() -> None:
    ents = _ents(_batch("聚焦“10+1”创新型产业体系。"))
    assert ("Program", "10+1") not in ents


def test_sample_has_no_program_named_as_a_place(sample: GraphBatch) -> None:
    gaz = load_gazetteer()
    programs = {e.name for e in sample.entities if e.label == "Program"}
    assert not {p for p in programs if (gaz.lookup(p) is not None)}
    assert not {p for p in programs if p.startswith(("做响", "做美"))}


# --- issue 8: no fragments, no duplicate pairs -------------------------------------------------------------

#: Heads after which a programme is the same programme in another format (…改革试点, …攻坚三年行动).
FORMAT_HEADS = ("三年行动计划", "行动计划", "三年行动", "专项行动", "行动", "试点", "计划", "工程")
ANY_HEAD = ("行动", "工程", "攻坚", "改革", "试点", "战略", "计划", "规划", "保卫战", "运动", "经验", "专项治理")
LEVEL_OR_ROUND = re.compile(r"^(?:第[一二三四五六七八九十0-9]+[轮批期届次]|新一轮|新一批|国家|全国|省级|市级)")


def programme_key(name: str) -> str:
    """Two names of one programme share this: quotes, a round or level before it, a format head stacked on
    its head and the head after a quoted name do not change which programme it is."""
    n = LEVEL_OR_ROUND.sub("", name)
    quoted = re.match(r"^“([^“”]+)”(.{0,4})(?:" + "|".join(ANY_HEAD) + ")", n)
    if quoted and n.endswith(ANY_HEAD + FORMAT_HEADS):
        return quoted.group(1)
    while True:
        h = next((h for h in FORMAT_HEADS if n.endswith(h) and n[: -len(h)].endswith(ANY_HEAD)), "")
        if not h:
            return n.replace("“", "").replace("”", "")
        n = n[: -len(h)]


def duplicate_pairs(names: list[str]) -> list[tuple[str, str]]:
    by_key: dict[str, set[str]] = {}
    for n in names:
        by_key.setdefault(programme_key(n), set()).add(n)
    return [(a, b) for v in by_key.values() for a, b in itertools.combinations(sorted(v), 2)]


def _names(batch: GraphBatch, label: str = "Program") -> list[str]:
    return [e.name for e in batch.entities if e.label == label]


def test_the_key_finds_pairs() -> None:
    assert duplicate_pairs(["放心消费", "“放心消费”行动", "安全生产治本攻坚", "安全生产治本攻坚三年行动",
                            "第三轮“四减四增”行动", "四减四增", "浦东综合改革试点", "浦东综合改革"]) == [
        ("“放心消费”行动", "放心消费"), ("安全生产治本攻坚", "安全生产治本攻坚三年行动"),
        ("四减四增", "第三轮“四减四增”行动"), ("浦东综合改革", "浦东综合改革试点")]
    assert duplicate_pairs(["乡村振兴战略", "乡村振兴试点", "公共资源“一网交易”改革", "一网交易"]) == []


def test_sample_has_no_duplicate_programmes_or_events(sample: GraphBatch) -> None:
    assert duplicate_pairs(_names(sample)) == []
    assert duplicate_pairs(_names(sample, "Event")) == []
    assert len(_names(sample)) >= 60  # the sample's programmes are still found


@pytest.mark.parametrize(("text", "name", "alias"), [
    ("深化“放心消费”行动。提升“放心消费”水平。", "放心消费", "“放心消费”行动"),
    ("开展第三轮“四减四增”行动。", "四减四增", "第三轮“四减四增”行动"),
    ("深化国家要素市场化配置综合改革试点。", "国家要素市场化配置综合改革", "国家要素市场化配置综合改革试点"),
    ("深入实施安全生产治本攻坚三年行动。", "安全生产治本攻坚", "安全生产治本攻坚三年行动"),
    ("推进新一轮国企改革。", "国企改革", "新一轮国企改革"),
    ("编制“十四五”规划。", "十四五规划", "“十四五”规划"),
])
def test_one_programme_has_one_name_and_keeps_the_others_as_aliases(text: str, name: str, alias: str) -> None:
    programs = [e for e in _batch(text).entities if e.label == "Program"]
    assert [e.name for e in programs] == [name]
    assert alias in programs[0].aliases


@pytest.mark.parametrize("text", [
    "自觉在思想上政治上行动上同以习近平同志为核心的党中央保持高度一致。",
    "面对深刻复杂变化的发展环境，我们必须始终保持战略定力。",
    "坚持扩大内需这个战略基点。",
    "我国新时代对外开放的重要门户，“先手棋”的战略使命。",
    "改革开放增活力，“小切口”举措撬动营商环境大提升。",
    "以发展“含绿量”提升增长“含金量”。",
    "统筹好“两个大局”。",
    "推动发展行动计划落地。",
    "让城市“管得好”。",
    "巩固拓展脱贫攻坚成果。",
])
def test_fragments_and_figures_of_speech_are_no_programmes(text: str) -> None:
    assert _names(_batch(text)) == []


def test_a_programme_keeps_its_name_but_not_the_sentences_words() -> None:
    assert _names(_batch("全力打好安全生产治本攻坚三年行动收官战。")) == ["安全生产治本攻坚"]
    # 和 joins 美 here (和美乡村), so the quoted name and its pilot are one programme
    pilot = [e for e in _batch("“五好两宜”和美乡村试点取得良好成效。").entities if e.label == "Program"]
    assert [(e.name, "“五好两宜”和美乡村试点" in e.aliases) for e in pilot] == [("五好两宜", True)]
    assert set(_names(_batch("实施“人才强青”和青年人才集聚行动。"))) == {"人才强青", "青年人才集聚行动"}
    assert "攻尖" not in _names(_batch("实施未来技术“攻尖”工程。"))  # a word inside the 工程's name
    assert _names(_batch("打好蓝天碧水净土保卫战。")) == ["蓝天碧水净土保卫战"]


@pytest.mark.parametrize(("text", "names"), [
    ("现将规划纲要草案提请本次大会审议。", []),
    ("大幅压减论坛。", []),
    ("推动发展大会召开。", []),
    ("精心筹办世界田径锦标赛。", ["世界田径锦标赛"]),
    ("办好太原能源低碳发展论坛和中国（太原）国际能源产业博览会。", ["太原能源低碳发展论坛", "中国（太原）国际能源产业博览会"]),
    ("举办第三届全国运动会。", ["全国运动会"]),
    ("高水平承办第二十届中国电影华表奖颁奖典礼。", ["中国电影华表奖颁奖典礼"]),
    ("举办上合组织旅游和文化之都主题活动。", ["上合组织旅游和文化之都主题活动"]),
    ("成功举办2025·中国西藏发展论坛。", ["中国西藏发展论坛"]),
])
def test_an_event_is_named_by_a_noun_phrase(text: str, names: list[str]) -> None:
    assert sorted(_names(_batch(text), "Event")) == sorted(names)
