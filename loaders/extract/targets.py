"""Quantitative goals: 全市生产总值增长5.5%左右 -> metric 全市生产总值增长, 5.5, %, 左右.

A target is only worth keeping when it says what is counted or measured, so the metric is a noun phrase
found by jieba's parts of speech, never the words that happen to precede the number:

- after a count, the counted noun phrase (抓好460个省市重点项目建设 -> 省市重点项目建设);
- else the noun phrase before the number, without leading verbs and function words, without the items
  of a list before it (燃气、供热、供水管网 -> 供水管网) and without the predicate after it (分别增长, 控制在);
  a rate's change verb joins it (一般公共预算收入增长3% -> 一般公共预算收入增长);
- a figure with no noun phrase of its own continues the sentence's last metric
  (全市生产总值达到5.67万亿元、增长5.4%; 高于全国0.4个百分点);
- a list read 分别 gives each item its own figure when the counts agree.

A figure whose metric cannot be found is dropped: better no target than one that measures 的 or 抓好.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from qdkg.loaders.extract.common import clauses, ends_with_any, plain_cut, pos_cut
from qdkg.loaders.gazetteer import Gazetteer, Lexicon

NUMBER = r"(?P<num>[0-9]+(?:\.[0-9]+)?)"
#: jieba tags of words that can head a noun phrase (nouns, nominal verbs, abbreviations, idioms, Latin).
#: jieba tags 县 and 村 zg.
NOUN_FLAGS = frozenset({"n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "ng", "vn", "an", "j", "l", "i", "eng", "s", "zg"})
#: tags of words that may sit inside a noun phrase without heading it (老旧小区, 科技型, “四首”).
MODIFIER_FLAGS = frozenset({"a", "b", "k", "m", "f", "q", "t"})
VERB_FLAGS = frozenset({"v", "vd", "vi", "vg"})
QUOTES = "“”‘’《》\"'()（）"
CONJUNCTIONS = ("和", "与", "及", "或")
LIST_BREAKS = ("、", "等", "等等", "及其")  # words, not characters: 差等路 is no list
SENTENCE_END = re.compile(r"[。；;！？!?]")
RATE_UNITS = ("%", "个百分点")
RESPECTIVELY = "分别"
DURATIONS = ("月", "小时", "工作日")


@dataclass
class TargetHit:
    metric: str
    value: float
    unit: str
    comparator: str
    text: str
    start: int
    end: int
    clause: tuple[int, int]


@lru_cache(maxsize=4)
def _pattern(units: tuple[str, ...], after: tuple[str, ...]) -> re.Pattern[str]:
    u = "|".join(re.escape(x) for x in units)
    a = "|".join(re.escape(x) for x in after)
    return re.compile(rf"{NUMBER}(?P<unit>(?:万|亿)?(?:{u}))(?P<after>{a})?")


QUOTED = re.compile(r"“[^“”]*”|《[^《》]*》")


@lru_cache(maxsize=65536)
def tokens(s: str) -> tuple[tuple[str, str], ...]:
    """jieba's words and tags of ``s``; a quoted name (“四好农村路”, “司机之家”) is one noun."""
    out: list[tuple[str, str]] = []
    pos = 0
    for q in QUOTED.finditer(s):
        out += [(t.word, t.flag) for t in pos_cut(s[pos : q.start()])]
        out.append((q.group(), "nz"))
        pos = q.end()
    out += [(t.word, t.flag) for t in pos_cut(s[pos:])]
    return tuple(out)


def nounish(word: str, flag: str, lex: Lexicon) -> bool:
    return flag in NOUN_FLAGS or word in lex.measure_nouns


def _ends_with_measure(toks: list[tuple[str, str]], lex: Lexicon) -> bool:
    """占比 is 占+比 to jieba: a quantity noun it splits still ends the metric."""
    joined = "".join(w for w, _ in toks)
    return any(joined.endswith(m) and len(joined) > len(m) for m in lex.measure_nouns)


def _unit_is_a_word(text: str, start: int, end: int) -> bool:
    """5项目, 3个人才: the unit's last character must end a word, not start one (项目 is no 项)."""
    pos = start
    for w in plain_cut(text[start : end + 3]):
        pos += len(w)
        if pos == end:
            return True
        if pos > end:
            return False
    return True


def noun_phrase_after(s: str, lex: Lexicon) -> str:
    """The noun phrase a count introduces: 460个[省市重点项目建设], 3个[国家创新中心]加强…, 2个[产业]扩量提质.

    A verb inside it is kept only when one or two nouns follow it to the end (乡村振兴片区, 照护中心);
    any other verb starts the predicate."""
    s = re.split(r"[、，,；;：:。！？]", s, maxsplit=1)[0]
    toks = tokens(s)
    pos = end = 0
    depth = 0
    for i, (w, f) in enumerate(toks):
        rest = toks[i + 1 :]
        if w in QUOTES:
            depth += 1 if w in "‘(（" else -1
            if depth <= 0 and end:
                end = pos + len(w)
        elif f == "l" and rest and not nounish(*rest[0], lex):
            break  # 深入基层开展…: an idiom that is a predicate
        elif _is_predicate(w, lex) or (not end and f in ("f", "m", "q", "t")):
            break  # 13个重点园区营业收入突破…; 50米内…: no noun phrase starts with a locative or number
        elif nounish(w, f, lex):
            end = pos + len(w)
        elif f == "m" and w[:1].isdigit():
            break  # 13座城市公园和275个口袋公园: a second figure starts
        elif f in MODIFIER_FLAGS or (w in CONJUNCTIONS and end and rest
                                     and (nounish(*rest[0], lex) or rest[0][1] in MODIFIER_FLAGS)):
            pass
        elif f in VERB_FLAGS and end and _modifies_noun(rest, lex):
            pass
        else:
            break
        pos += len(w)
    metric = s[:end]
    return metric if _balanced(metric) else ""


def _modifies_noun(rest: tuple[tuple[str, str], ...], lex: Lexicon) -> bool:
    """Whether a verb inside a noun phrase modifies the nouns after it (乡村振兴片区, 国家创新中心加强…):
    one or two nouns follow it, then the end or another verb; a quantity noun after it is its object."""
    nouns = 0
    for w, f in rest:
        if f in NOUN_FLAGS - {"vn", "an", "l", "i"} and w not in lex.measure_nouns and not w.startswith("“"):
            nouns += 1
            continue
        return 1 <= nouns <= 2 and f in VERB_FLAGS
    return 1 <= nouns <= 2


@dataclass
class _Before:
    metric: str
    change: str  # a change verb of the predicate (增长), "" when none
    comparison: str  # 高于, 较 … when the figure is a difference from the one before


def noun_phrase_before(s: str, lex: Lexicon, *, rate: bool = False) -> _Before:
    """The metric written before the number, as :class:`_Before` (empty metric when there is none).

    Before a rate every trailing verb is predicate (收入增长); before an amount a verb after a noun is the
    work counted (小区改造10万户, 碳排放2810万吨) and stays, unless it says what the figure does (达到, 建成)."""
    toks = list(tokens(s))
    # 高于全国0.4个百分点: what follows 高于 is the base, not the metric; what precedes it may be (进出口增速快于…)
    at = [s.find(w) for w in lex.comparison_words if len(w) > 1 and w in s]  # 快于 is 快+于 to jieba
    at += [sum(len(x) for x, _ in toks[:i]) for i, (w, _) in enumerate(toks) if w in lex.comparison_words]
    if at:
        cut = min(at)
        word = next(w for w in lex.comparison_words if s.startswith(w, cut))
        return dataclasses.replace(noun_phrase_before(s[:cut], lex, rate=rate), change="", comparison=word)
    cut = max((i + 1 for i, (w, _) in enumerate(toks) if w in LIST_BREAKS), default=0)
    toks = toks[cut:]
    change = ""
    level = False  # 提高至, 增加到: the figure is the level reached, not the change
    while toks and _trailing_predicate(toks, lex, rate=rate):
        w = toks.pop()[0]  # the predicate: 分别增长, 控制在, 达到, 从, 的
        if w in ("至", "到", "为") or w.endswith(("至", "到")):
            level = True
        if not level:
            change = next((c for c in lex.change_verbs if w.startswith(c)), change)
    # leading verbs and function words, numbers and measures (新建750千伏和330千伏电网工程 -> 电网工程)
    while toks and (_leading_non_noun(toks, lex) or toks[0][1] in MODIFIER_FLAGS - {"a", "b", "k"}):
        toks.pop(0)
    metric = "".join(w for w, _ in toks)
    named = [(w, f) for i, (w, f) in enumerate(toks)
             if (nounish(w, f, lex) or (f == "q" and i > 0))  # 充电桩, 堵点: jieba splits a noun's last character
             and not _is_predicate(w, lex) and w not in _stage_verbs(lex)]
    if not named or not _balanced(metric):
        return _Before("", change, "")
    return _Before(metric, change, "")


#: jieba tags of the words a predicate is made of (verbs, adverbs, prepositions, particles, numbers, times).
PREDICATE_FLAGS = frozenset({"v", "vd", "vi", "vg", "d", "ad", "p", "c", "r", "m", "x", "f", "t", "y", "e", "o"})


def _trailing_predicate(toks: list[tuple[str, str]], lex: Lexicon, *, rate: bool) -> bool:
    w, f = toks[-1]
    if _ends_with_measure(toks, lex) or w in QUOTES[1::2] and "“" in "".join(x for x, _ in toks):
        return False
    if _is_predicate(w, lex) or w in _stage_verbs(lex) or f.startswith("u") or w.endswith(("至", "到")):
        return True
    if f not in PREDICATE_FLAGS:
        return False
    if f in VERB_FLAGS and not rate and any(nounish(*t, lex) for t in toks[:-1]):
        return False  # 小区改造10万户, 农房节能改造: the work counted
    return True


def _is_predicate(w: str, lex: Lexicon) -> bool:
    """Words that say what the figure does, whatever jieba tags them (突破 is vn in 旅游收入突破)."""
    return w in lex.comparators_before or w in lex.change_verbs or w in lex.figure_adverbs


@lru_cache(maxsize=8)
def _stage_verbs_of(stages: tuple[str, ...], stops: tuple[str, ...]) -> frozenset[str]:
    verbs = {w for w in stops if tokens(w) and tokens(w)[0][1] not in ("n", "b", "t", "r", "m")}
    return frozenset(stages) | frozenset(verbs)


def _stage_verbs(lex: Lexicon) -> frozenset[str]:
    """Verbs of building and doing (建设, 新建, 抓好): they start a clause, never a metric (not 全市, 重点)."""
    known = _STAGE_VERBS.get(id(lex))
    if known is None or known[0] is not lex:  # once per lexicon: hashing its word lists per call cost more
        known = (lex, _stage_verbs_of(tuple(w for words in lex.stages.values() for w in words), lex.left_stops))
        _STAGE_VERBS[id(lex)] = known
    return known[1]


_STAGE_VERBS: dict[int, tuple[Lexicon, frozenset[str]]] = {}


def _leading_non_noun(toks: list[tuple[str, str]], lex: Lexicon) -> bool:
    """Whether the first word is a verb, adverb or function word to strip (新培育, 积极推进, 其中, 由, 建设).

    A one-character verb stays: jieba splits it from the word it belongs to (适老化改造)."""
    w, f = toks[0]
    if _is_predicate(w, lex) or w in _stage_verbs(lex):
        return True
    if nounish(w, f, lex) or w in QUOTES:
        return False
    if f in ("a", "b", "m", "q", "k"):
        # a one-character adjective before a verb is adverbial (新培育); else part of the name (公共停车泊位)
        if len(toks) > 2 and len(w) == 1 and toks[1][1] in VERB_FLAGS | {"vn"}:
            toks.pop(0)  # 新培育X: 培育 is the verb, whatever jieba tags it
            return True
        return False
    return not (f in VERB_FLAGS and len(w) == 1)


def _balanced(s: str) -> bool:
    return s.count("“") == s.count("”") and s.count("(") + s.count("（") == s.count(")") + s.count("）")


def _respectively(before: str, values: int, lex: Lexicon, *, rate: bool) -> list[str]:
    """城镇、农村居民收入分别增长4.8%、5.9%: the items of the list before 分别, one per value, or [].

    Items share the last item's tail when they are single words (城镇、农村居民收入 -> 城镇居民收入) or when
    等 names it (食品、石化等产业增加值 -> 食品产业增加值)."""
    head = before[: before.rindex(RESPECTIVELY)]
    parts = re.split(r"[、]|(?<=[\u4e00-\u9fff])[和与及](?=[\u4e00-\u9fff])", head)
    if len(parts) != values or len(parts) < 2:
        return []
    tail = ""
    if "等" in parts[-1]:
        parts[-1], tail = parts[-1].split("等", 1)
    parts = [noun_phrase_before(p, lex, rate=rate).metric for p in parts]
    if not tail and all(parts):
        last = tokens(parts[-1])
        if len(last) > 1 and nounish(*last[0], lex) and all(len(tokens(p)) == 1 for p in parts[:-1]):
            tail = parts[-1][len(last[0][0]) :]
    items = [p + tail if p and not p.endswith(tail) else p for p in parts]
    ok = all(p and _balanced(p) and (nounish(*tokens(p)[-1], lex) or _ends_with_measure(list(tokens(p)), lex))
             for p in items)
    return items if ok else []


def find_targets(text: str, gaz: Gazetteer) -> list[TargetHit]:
    lex: Lexicon = gaz.lexicon
    pat = _pattern(lex.units, lex.comparators_after)
    out: list[TargetHit] = []
    prev_metric = ""  # the sentence's last metric, without its change verb
    prev_end = 0
    for ca, cb in clauses(text):
        last = ca
        matches = [m for m in pat.finditer(text, ca, cb) if _is_figure(text, m)]
        given: dict[int, str] = {}  # match index -> metric given by a 分别 list
        for i, m in enumerate(matches):
            if SENTENCE_END.search(text, prev_end, m.start()):
                prev_metric = ""
            prev_end = m.end()
            before = text[last : m.start()]
            last = m.end()
            if RESPECTIVELY in before and i not in given:
                run = _run(text, matches, i)
                items = _respectively(before, len(run), lex, rate=m.group("unit") in RATE_UNITS)
                verb = next((c for c in lex.change_verbs if c in before[before.rindex(RESPECTIVELY) :]), "")
                for j, item in zip(run, items):
                    given[j] = item + (verb if matches[j].group("unit") in RATE_UNITS else "")
                if not items:
                    given.update({j: "" for j in run})
            comp_before = ends_with_any(before.rstrip(), lex.comparators_before)
            comparator = m.group("after") or comp_before
            start = m.start()
            if i in given:
                metric = given[i]
            else:
                after = noun_phrase_after(text[m.end() : cb], lex) if not m.group("after") else ""
                if after:
                    metric = after
                    last = m.end() + len(after)
                else:
                    b = noun_phrase_before(before, lex, rate=m.group("unit") in RATE_UNITS)
                    own = b.metric
                    if own:
                        prev_metric = own
                        start = m.start() - len(before) + before.rfind(own)
                    if b.comparison:
                        comparator = b.comparison
                    inherits = not own and bool(before.strip(" 、，,和及"))  # 、增长5.4%: the sentence's metric goes on
                    metric = own or (prev_metric if inherits else "")
                    if metric and b.change and m.group("unit") in RATE_UNITS:
                        metric += b.change  # the rate's change: 全市生产总值增长
                        comparator = "" if comparator == b.change else comparator
            if not metric:
                continue
            if i in given:
                prev_metric = ""
            out.append(TargetHit(metric=metric, value=float(m.group("num")), unit=m.group("unit"),
                                 comparator=comparator, text=text[max(ca, start) : max(m.end(), last)],
                                 start=max(ca, start), end=max(m.end(), last), clause=(ca, cb)))
    return out


def _is_figure(text: str, m: re.Match[str]) -> bool:
    """A number with its unit, not a part of a name (30万吨级码头, 5G, T2航站楼, 华星光电t5项目)."""
    s = m.start()
    window = text[max(0, s - 16) : s]
    if window.rfind("“") > window.rfind("”") and "”" in text[m.end() : m.end() + 16]:
        return False  # “沪15条”, “1+7个专项行动”: the number is part of a quoted name
    if s > 0 and (text[s - 1] in "0123456789." or text[s - 1].isascii() and text[s - 1].isalpha()):
        return False
    if text[m.end() : m.end() + 1] in ("级", "G", "g", "代", "寸", "英"):
        return False
    if m.group("unit").endswith("个") and text.startswith(DURATIONS, m.end("unit")):
        return False  # 连续54个月: a duration, not a count
    return _unit_is_a_word(text, m.start("unit"), m.end("unit"))


def _run(text: str, matches: list[re.Match[str]], i: int) -> list[int]:
    """The figures listed together from match ``i``: 4.8%、5.9% or 6%和7.4%."""
    run = [i]
    for j in range(i + 1, len(matches)):
        if text[matches[j - 1].end() : matches[j].start()] not in ("、", "和", "及", "与"):
            break
        run.append(j)
    return run
