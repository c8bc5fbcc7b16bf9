"""Targets: every metric names what is counted or measured, on the sample and on excerpts of other reports.

What a bad metric is comes from jieba's parts of speech and the metric's shape, not from a list of bad
outputs: no noun at all (抓好, 实施), a function word at either end (的, 和, 分别, 从), a leading verb chain
(加快推进), a list (A、B、C等), an unbalanced quote.
"""

from __future__ import annotations

import re

import pytest
from conftest import SAMPLE_REPORT

from qdkg.loaders.extract.targets import TargetHit, find_targets
from qdkg.loaders.gazetteer import Lexicon, load_gazetteer
from qdkg.loaders.model import GraphBatch
from qdkg.loaders.pipeline import extract_batch
from qdkg.loaders.reading import read_document

#: jieba's tags of nouns, nominal verbs and adjectives, abbreviations, idioms, Latin words, places (县, 村: zg).
NOUN_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "ng", "vn", "an", "j", "l", "i", "eng", "s", "zg"})
#: jieba's tags of function words, adverbs, numbers, times and locatives: none heads a metric.
FUNCTION_TAGS = frozenset({"p", "c", "r", "d", "ad", "y", "e", "o", "m", "f", "t"})
VERB_TAGS = frozenset({"v", "vd", "vi", "vg"})
QUOTED = re.compile(r"“[^“”]*”")


def _words(metric: str) -> list[tuple[str, str]]:
    """jieba's words and tags, a quoted name (“四好农村路”) counted as one noun."""
    import jieba.posseg

    out: list[tuple[str, str]] = []
    pos = 0
    for q in QUOTED.finditer(metric):
        out += [(t.word, t.flag) for t in jieba.posseg.cut(metric[pos : q.start()])]
        out.append((q.group(), "nz"))
        pos = q.end()
    return out + [(t.word, t.flag) for t in jieba.posseg.cut(metric[pos:])]


def metric_fault(metric: str, lex: Lexicon) -> str:
    """Why ``metric`` names nothing measured, or "" when it is a noun phrase."""
    if not metric:
        return "empty"
    if re.search(r"[、，,；;：:。]", metric):
        return "a list or a clause"
    if metric.count("“") != metric.count("”") or metric.count("(") + metric.count("（") != metric.count(
            ")") + metric.count("）"):
        return "an unbalanced quote or bracket"
    words = _words(metric)
    first, last = words[0], words[-1]
    if first[1].startswith("u") or first[1] in ("p", "c") or first[0] in ("等", "和", "及", "与", "或"):
        return "starts with a function word"
    ends_measured = any(metric.endswith(m) for m in lex.measure_nouns)
    if not ends_measured and (last[1].startswith("u") or last[1] in FUNCTION_TAGS or last[0] in ("等", "和", "及")):
        return "ends with a function word"
    split_noun = len(words) > 1 and last[1] == "q"  # 充电桩, 堵点: jieba splits off a noun's last character
    if not any(f in NOUN_TAGS or w in lex.measure_nouns for w, f in words) and not ends_measured and not split_noun:
        return "a verb (no noun)"
    if len(words) > 1 and first[1] in VERB_TAGS and len(first[0]) >= 2 and first[0] not in lex.measure_nouns and (
            words[1][1] in VERB_TAGS or first[0] in lex.comparators_before or first[0] in lex.change_verbs):
        return "starts with a verb"
    return ""


def _faults(metrics: list[str]) -> dict[str, str]:
    lex = load_gazetteer().lexicon
    return {m: why for m in metrics if (why := metric_fault(m, lex))}


def _targets(text: str) -> list[TargetHit]:
    return find_targets(text, load_gazetteer())


def _metrics(text: str) -> list[str]:
    return [t.metric for t in _targets(text)]


@pytest.fixture(scope="module")
def sample() -> GraphBatch:
    return extract_batch(read_document(SAMPLE_REPORT))


@pytest.mark.parametrize("metric", ["的", "抓好", "实施", "加快推进", "增长", "规模以上工业企业从", "较“十三五”末的",
                                    "推进长江存储三期、华星光电", "做强光电子信息、新能源与智能网联汽车、北斗",
                                    "产业关键技术攻关和", "有力推进“", "提速推进胶州湾第二隧道、唐山路快速路和"])
def test_the_judge_finds_verbs_function_words_and_fragments(metric: str) -> None:
    assert metric_fault(metric, load_gazetteer().lexicon), metric


@pytest.mark.parametrize("metric", ["全市生产总值增长", "一般公共预算收入", "省市重点项目建设", "“四好农村路”",
                                    "城镇新增就业", "交通堵点", "小区改造", "县", "炼铁先进产能占比"])
def test_the_judge_accepts_noun_phrases(metric: str) -> None:
    assert metric_fault(metric, load_gazetteer().lexicon) == "", metric


def test_no_metric_of_the_sample_is_a_verb_a_function_word_or_a_fragment(sample: GraphBatch) -> None:
    metrics = [t.metric for t in sample.targets]
    assert len(metrics) >= 75  # the sample's figures are still found, not dropped wholesale
    assert _faults(metrics) == {}


#: Sentences of the 2026 provincial reports (../shared/corpus) whose figures gave fragments and verbs.
CORPUS_EXCERPTS = [
    "全市地区生产总值5.2万亿元、增长5.4%。",
    "城镇和农村常住居民人均可支配收入分别增长3.9%和5.7%。",
    "全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元。",
    "食品、石化、医药、信息等产业增加值分别增长7.5%、11.5%、17.4%、7.3%。",
    "进口货值、免签入境游客、国际航行船舶进出、新增外资企业、离岛免税销售额分别增长38.9%、64%、19.6%、13%、19.6%。",
    "城镇调查失业率控制在5%以内。",
    "有效应对9轮强降雨，转移受威胁群众84.5万人次，2130人因提前转移避免伤亡。",
    "深化“四好农村路”建设，提质改造农村公路差等路1200公里，农村公路优良中等路比率稳定在85%以上。",
    "资质资格互认、“同事同标”事项均超200项。",
    "外贸进出口总值首次突破700亿元、年均增长13.2%，对共建“一带一路”国家进出口年均增长14.4%。",
    "炼铁、炼钢先进产能占比分别达到64.3%、62.3%。",
    "42个国家和省级现代农业产业园、产业集群、产业强镇梯次创建。",
    "先进装备、电子信息、新能源汽车等7大产业集群对工业贡献率超过70%。",
    "引进央企二、三级子公司超800家。",
    "全年接待游客人次、出游总花费分别增长20.7%、15.3%。",
    "接待游客、实现旅游总花费分别增长11.8%、11.5%。",
    "新建750千伏和330千伏电网工程16个。",
    "工业投资连续54个月保持两位数增长。",
    "人均GDP从2020年的5.2万元提高到2025年的7.4万元，高于全国0.4个百分点。",
    "进口“零关税”商品税目比例由21%提升至74%。",
]


def test_no_metric_of_the_corpus_excerpts_is_a_verb_a_function_word_or_a_fragment() -> None:
    metrics = [m for text in CORPUS_EXCERPTS for m in _metrics(text)]
    assert len(metrics) >= 30
    assert _faults(metrics) == {}


def test_a_count_names_the_noun_after_it() -> None:
    assert _metrics("抓好460个省市重点项目建设，完成投资2450亿元以上。") == ["省市重点项目建设", "投资"]
    assert _metrics("积极推进总投资2400亿元的170个海洋重点项目。") == ["总投资", "海洋重点项目"]
    assert _metrics("支持高速列车、高端智能家电、虚拟现实等3个国家创新中心加强行业共性关键技术攻关。") == ["国家创新中心"]


def test_a_rate_keeps_its_change_verb_and_a_level_does_not() -> None:
    gdp = _targets("主要预期目标是：全市生产总值增长5.5%左右，一般公共预算收入增长3%。")
    assert [(t.metric, t.comparator) for t in gdp] == [("全市生产总值增长", "左右"), ("一般公共预算收入增长", "")]
    assert _metrics("城镇调查失业率控制在5%以内。") == ["城镇调查失业率"]
    assert _metrics("进口“零关税”商品税目比例由21%提升至74%。") == ["进口“零关税”商品税目比例"] * 2


def test_a_figure_without_a_noun_continues_the_sentences_metric() -> None:
    assert _metrics("全市地区生产总值5.2万亿元、增长5.4%。") == ["全市地区生产总值", "全市地区生产总值增长"]
    assert _metrics("地方一般公共预算收入突破500亿元，年均增长5.2%。") == ["地方一般公共预算收入", "地方一般公共预算收入增长"]
    assert _metrics("全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元。") == ["全省生产总值"] * 2
    # a figure that opens a clause has no metric to continue
    assert _metrics("转移受威胁群众84.5万人次，2130人因提前转移避免伤亡。") == ["受威胁群众"]


def test_a_respective_list_gives_each_item_its_figure() -> None:
    assert _metrics("城镇、农村居民收入分别增长4.8%、5.9%。") == ["城镇居民收入增长", "农村居民收入增长"]
    assert _metrics("食品、石化等产业增加值分别增长7.5%、11.5%。") == ["食品产业增加值增长", "石化产业增加值增长"]
    assert _metrics("A、B、C分别增长1%、2%。") == []  # three items, two figures: no guess


def test_two_counts_are_two_metrics_and_a_comparison_base_is_none() -> None:
    assert _metrics("建成13座城市公园和275个口袋公园。") == ["城市公园", "口袋公园"]
    faster = _targets("外贸进出口增长15%，快于全国9.2个百分点。")
    assert [(t.metric, t.comparator) for t in faster] == [("外贸进出口增长", ""), ("外贸进出口", "快于")]
    assert [(t.metric, t.comparator) for t in _targets("进出口增速快于全国9.2个百分点。")] == [("进出口增速", "快于")]


@pytest.mark.parametrize("text", ["加快华星光电t5项目建设。", "建设6英寸碳化硅晶圆生产线。", "工业投资连续54个月保持两位数增长。",
                                  "出台“沪15条”。", "建成30万吨级码头。", "新开通5G网络。"])
def test_model_numbers_durations_and_quoted_names_are_no_targets(text: str) -> None:
    assert _targets(text) == []
