"""Programs (campaigns, reforms, pilots, strategies, quoted slogans) and events (festivals, fairs, summits)."""

from __future__ import annotations

import re
from functools import lru_cache

from qdkg.loaders.extract.common import DIGITS, Cand, clauses, jieba_common_words, plain_cut, pos_cut
from qdkg.loaders.extract.names import _ends_name, balanced, left_boundary
from qdkg.loaders.gazetteer import Gazetteer, Lexicon

QUOTED = re.compile(r"“([^“”]{1,16})”")
FIVE_YEAR = re.compile(r"^[十]?[一二三四五六七八九十]+五$")
EDITION = re.compile(r"^(?:第[一二三四五六七八九十百零0-9]+(?:届|次)|(?:19|20)[0-9]{2}年?)")


@lru_cache(maxsize=8)
def _heads_regex(heads: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(h) for h in heads))


def _headed(text: str, gaz: Gazetteer, heads: tuple[str, ...], label: str) -> list[Cand]:
    out: list[Cand] = []
    pattern = _heads_regex(heads)
    for ca, cb in clauses(text):
        for m in pattern.finditer(text, ca, cb):
            lex = gaz.lexicon
            if m.group() in lex.strict_heads and not _ends_name(text, m.end(), cb, gaz):
                continue  # 节能, 节约: not an event's 节
            if not _ends_word(text, m.start(), m.end()):
                continue  # 全国运动会: 运动 is no head inside 运动会
            if label == "Program" and not m.group().endswith("改革") and _modifies_next(text, m.end(), cb, heads):
                continue  # 巩固拓展脱贫攻坚成果, 保持战略定力: the head word modifies the noun after it
                # (not 改革: 改革转型, 改革落地 are the reform's own verbs, which jieba tags as nouns)
            s = left_boundary(text, ca, m.start(), gaz)
            raw = text[s : m.end()]
            if not balanced(raw) or any(raw.endswith(w) for w in lex.event_stops):
                continue
            # an edition or year before an event's name is an alias: 第三届中国国际数字经济博览会
            edition = EDITION.match(raw) if label == "Event" else None
            name = raw[edition.end() :] if edition else raw
            body = name[: -len(m.group())]
            if len(body) < 2 or DIGITS.search(body) or _known_other(name, label, gaz):
                continue
            out.append(Cand(label, name, raw, s, m.end(), label.lower()))
    return out


#: Nouns after a programme's name that name its document, not a thing the head word modifies.
DOCUMENT_NOUNS = ("方案", "纲要", "意见", "细则", "办法", "清单")


def _modifies_next(text: str, end: int, cb: int, heads: tuple[str, ...]) -> bool:
    nxt = next(iter(pos_cut(text[end : min(cb, end + 4)])), None)
    if nxt is None or nxt.word.startswith(DOCUMENT_NOUNS) or any(text.startswith(h, end) for h in heads):
        return False
    return nxt.flag in ("n", "nz", "ng") or nxt.flag == "f" and len(nxt.word) == 1


def _ends_word(text: str, start: int, end: int) -> bool:
    """Whether jieba ends a word where the head ends (运动|会 is one word, 运动会: no)."""
    pos = start
    for w in plain_cut(text[start : end + 3]):
        pos += len(w)
        if pos >= end:
            return pos == end
    return True


def _inside_name(text: str, start: int, end: int, gaz: Gazetteer) -> bool:
    """未来技术“攻尖”工程: a noun before the quote and a name's head after it (工程, 中心) make one name."""
    if start == 0 or not any(text.startswith(h, end) for h in gaz.lexicon.heads):
        return False
    before = list(pos_cut(text[max(0, start - 6) : start]))
    return bool(before) and before[-1].flag in ("n", "nz", "j") and len(before[-1].word) >= 2


def _known_other(name: str, label: str, gaz: Gazetteer) -> bool:
    """Whether ``name`` is a known thing of another kind (上合示范区 is a place, not a program)."""
    entry = gaz.lookup(name)
    return entry is not None and entry.label != label


def find_programs(text: str, gaz: Gazetteer) -> list[Cand]:
    lex = gaz.lexicon
    out: list[Cand] = []
    headed = [c for c in (_canonical(h, gaz) for h in _headed(text, gaz, lex.program_heads, "Program")) if c]
    for m in QUOTED.finditer(text):
        q = m.group(1)
        if len(q) < 2 or q in lex.slogan_stops or "、" in q or "，" in q or "," in q or is_figure_of_speech(q):
            continue
        name = _quoted_name(q)
        if _known_other(name, "Program", gaz):
            continue
        if any(h.start <= m.start() and m.end() <= h.end and h.name != name for h in headed):
            continue  # 专项债项目“自审自发”试点: the quoted word is part of the programme's name, not one of its own
        if _inside_name(text, m.start(), m.end(), gaz):
            continue  # 未来技术“攻尖”工程: a noun before and a word after hold the quoted word inside a name
        out.append(Cand("Program", name, m.group(), m.start(), m.end(), "quoted"))
    out.extend(_place_designations(text, gaz, headed))
    if lex.zone_heads:
        out.extend(Cand("District", c.name, c.text, c.start, c.end, "zone")
                   for c in _headed(text, gaz, lex.zone_heads, "Program"))
    return out


PROVINCE_BRACKET = re.compile(r"^中国[(（][\u4e00-\u9fff]{2,3}[)）]")


def _place_designations(text: str, gaz: Gazetteer, cands: list[Cand]) -> list[Cand]:
    """长三角生态绿色一体化发展示范区, 中国(江苏)自由贸易试验区: a designation a place starts is a place."""
    lex = gaz.lexicon
    out: list[Cand] = []
    for c in cands:
        head = next((h for h in lex.place_designation_heads if c.name.endswith(h)), "")
        lead = next((e.name for k in range(5, 1, -1) if (e := gaz.lookup(c.name[:k])) is not None
                     and e.label == "District"), None)
        if head and (PROVINCE_BRACKET.match(c.name) or (head != "自由贸易试验区" and lead)):
            # 长三角生态绿色一体化发展示范区 lies in 长三角
            out.append(Cand("District", c.name, c.text, c.start, c.end, "zone", places=[lead] if lead else []))
        else:
            out.append(c)
    return out


def find_events(text: str, gaz: Gazetteer) -> list[Cand]:
    return [e for e in (_event_name(c, gaz) for c in _headed(text, gaz, gaz.lexicon.event_heads, "Event")) if e]


def _event_name(c: Cand, gaz: Gazetteer) -> Cand | None:
    """An event is named by a noun phrase: leading verbs and adverbs are the sentence's (精心筹办世界田径锦标赛,
    提请本次大会), of two events joined by 和 this is the second; nothing left, a pronoun or one common
    word (发展大会) is no event."""
    import jieba

    heads = gaz.lexicon.event_heads
    words = [(t.word, t.flag) for t in pos_cut(c.text)]
    cut = first = 0
    for w, f in words:  # 精心筹办…, 接续拓展…: leading verbs and adverbs of two characters, not a known name (上合)
        if f in ("v", "vd", "p", "d", "ad") and len(w) >= 2 and gaz.lookup(w) is None and jieba.dt.FREQ.get(w, 0) > 0:
            cut, first = cut + len(w), first + 1
            continue
        break
    if cut == 0 and len(words) > 2 and len(words[0][0]) <= 3 and words[1][1] == "v" and len(words[1][0]) >= 2 \
            and jieba.dt.FREQ.get(words[1][0], 0) > 0 and gaz.lookup(words[0][0] + words[1][0]) is None:
        cut, first = len(words[0][0]) + len(words[1][0]), 2  # 精心筹办…, 陇南入选…: a subject or manner and its verb (not 上合组织…)
    conj = c.text.rfind("和")
    if conj > cut and c.text[:conj].endswith(heads):  # A论坛和B博览会: two events; this one is B
        cut = conj + 1
        first = len(list(pos_cut(c.text[:cut])))
    surface = c.text[cut:].lstrip("·")
    cut = len(c.text) - len(surface)
    edition = EDITION.match(surface)
    name = (surface[edition.end() :] if edition else surface).lstrip("·")  # 2025·中国西藏发展论坛
    head = min((h for h in heads if name.endswith(h)), key=len)  # 国际啤酒节: the body is 国际啤酒
    body = [(t.word, t.flag) for t in pos_cut(name[: len(name) - len(head)])]
    if not body or any(_foreign(w, f) for w, f in body):
        return None
    if len(body) == 1 and body[0][1] not in ("n", "ns", "nz", "nt") and _too_common(*body[0]):
        return None  # 发展大会 (but 世界运动会, 全国运动会)
    if cut == 0 and name == c.name:
        return c
    return Cand(c.label, name, surface, c.start + cut, c.end, c.rule, props=dict(c.props))


#: What may stand before a programme's quoted name without changing which programme it is.
EDITION_PREFIX = re.compile(r"^(?:第[一二三四五六七八九十0-9]+[轮批期]|新一轮|新一批|国家|全国|省级|市级)")
#: An edition before a programme's name: the same programme, one more round.
ROUND = re.compile(r"^(?:第[一二三四五六七八九十0-9]+[轮批期]|新一轮|新一批)")
#: Heads that say what kind of document or phase a programme is in: …改革试点 is the reform, …攻坚三年行动 the
#: campaign. Zones (示范区, 试验区) are places of their own and are never stripped.
STACKED_HEADS = ("三年行动计划", "行动计划", "三年行动", "专项行动", "行动", "试点", "计划", "工程")
#: jieba tags of words no programme's name holds: pronouns (我们, 这个, 本次), locatives such as 上 (思想上).
FOREIGN_TAGS = frozenset({"r", "rr", "rz", "u", "uj", "ul", "y", "e"})
NUMBERED_FORMULA = re.compile(r"^[一两二三四五六七八九十百千万]+[个条篇项量]")  # 两个大局, 六条路径, 三篇…文章
MEASURE_METAPHOR = re.compile(r"^含.量$")
RESULTATIVE = re.compile(r"^.好$")  # 打好, 用好, 抓好: a verb and its result
RESULTATIVE_LEAD = re.compile(r"^(.{0,2}?)([\u4e00-\u9fff]好)(?!友|处|转)")


def _quoted_name(q: str) -> str:
    """A quoted name as a programme's name: “十四五” is the 十四五规划."""
    return q + "规划" if FIVE_YEAR.match(q) else q


def _foreign(word: str, flag: str) -> bool:
    """A pronoun or particle, which no name holds (本次, 这个, 得, 的); 之 is a name's own (品牌之都)."""
    return (flag in FOREIGN_TAGS or flag.startswith("u")) and word != "之"


def is_figure_of_speech(q: str) -> bool:
    """“先手棋”, “加速度”, “两个大局”, “含绿量”, “小切口”: a quoted figure of speech, no programme.

    A word of jieba's own dictionary in quotes is used figuratively; so is a numbered formula (两个X), a
    measure like 含金量, a phrase with a particle (管得好) and a one-character adjective before a common
    noun (小切口, 大文章)."""
    import jieba

    jieba.initialize()
    words = [(t.word, t.flag) for t in pos_cut(q)]
    if len(words) == 1 and jieba.dt.FREQ.get(q, 0) > 0 and words[0][1] in ("n", "a", "v", "vn", "l", "i", "d"):
        return True
    if NUMBERED_FORMULA.match(q) or MEASURE_METAPHOR.match(q):
        return True
    if any(_foreign(w, f) for w, f in words):
        return True  # 管得好, 小而美的: a clause with a particle or pronoun, said of something
    return (len(words) == 2 and words[0][1] == "a" and len(words[0][0]) == 1
            and words[1][0] in jieba_common_words() and words[1][1] == "n")


def _canonical(c: Cand, gaz: Gazetteer) -> Cand | None:
    """One name per programme, or None for a fragment.

    - a quoted name before the head is the programme's name: 第三轮“四减四增”行动 and “四减四增” are one
      (国家“车路云一体化”应用试点 too); what precedes a quoted name with 和 is another programme;
    - a head stacked on a head is the same programme: …综合改革试点 is …综合改革, …攻坚三年行动 is …攻坚;
    - a name that starts with a pronoun or adverb, holds one, or whose body is one common word is a
      fragment of a sentence (我们必须始终保持战略, 思想上政治上行动, 发展行动, 坚持规划)."""
    name = c.name
    if re.match(r"^[(（][一二三四五六七八九十0-9]+[)）]", name):
        return None  # （五）突出经济体制改革: an outline number and its lead phrase
    conj = re.search(r"”[和与及]", name)
    if conj and len(_first_word(name[conj.end() :])) >= 2:
        # “人才强青”和青年人才集聚行动: two programmes; not “五好两宜”和美乡村 (和 joins 美, jieba has no 和美)
        name = name[conj.end() :]
    lead = _leading_predicate(name, gaz.lexicon)  # 全力打好安全生产治本攻坚: the adverb and its verb are the sentence's
    if lead is None:
        return None
    name = name[lead:]
    surface = name
    name = _strip_stacked(name, gaz)
    edition = ROUND.match(name)
    if edition and len(name) - edition.end() >= 4:
        name = name[edition.end() :]  # 新一轮国企改革 is 国企改革 (its edition stays an alias)
    head = next((h for h in gaz.lexicon.program_heads if name.endswith(h)), "")
    q = re.match(r"^(?:" + EDITION_PREFIX.pattern[1:] + r")?“([^“”]+)”(.{0,4})$", name[: len(name) - len(head)])
    if q and head and not is_figure_of_speech(q.group(1)):
        name = _quoted_name(q.group(1))
    else:
        body = EDITION_PREFIX.sub("", name[: len(name) - len(head)])
        words = [(t.word, t.flag) for t in pos_cut(body.replace("“", "").replace("”", ""))]
        if not words or any(_foreign(w, f) or (f == "f" and len(w) == 1) for w, f in words):
            return None
        if words[-1][1] == "c":
            return None  # 思想和行动: a coordination cut in half
        if len(words) == 1 and (len(body) < 2 or _too_common(*words[0]) or body.endswith("性")):
            return None
    if name == c.name and surface == c.text:
        return c
    start = c.end - len(surface)
    return Cand(c.label, name, surface, start, c.end, c.rule, props=dict(c.props))


#: A noun seen this often in jieba's corpus names no programme alone (国家战略, 领域改革, 工业战略), a rarer
#: one may (净土保卫战).
COMMON_NOUN_FREQ = 1000


def _too_common(word: str, flag: str) -> bool:
    """Whether a one-word body is a word of every sentence (发展行动, 坚持规划, 国家战略), not a name."""
    import jieba

    if word not in jieba_common_words():
        return False
    return flag != "n" or jieba.dt.FREQ.get(word, 0) >= COMMON_NOUN_FREQ


def _leading_predicate(name: str, lex: Lexicon) -> int | None:
    """Length of a leading adverb and the verbs after it (全力打好…, 更好服务…); None when a pronoun
    or particle shows the name is a piece of a sentence (我们必须始终保持战略, 内需这个战略)."""
    words = [(t.word, t.flag) for t in pos_cut(name)]
    if any(_foreign(w, f) for w, f in words):
        return None
    cut = len(name) - len(name.lstrip("·—-"))
    resultative = RESULTATIVE_LEAD.match(name)
    if resultative and next(iter(pos_cut(resultative.group(2)[0]))).flag == "v":
        return resultative.end()  # 全力打好…: jieba reads 全力 as a noun and 打/好 apart
    adverb = False
    for i, (w, f) in enumerate(words[:-1]):
        if w in "·—-":
            continue
        if f in ("d", "ad", "p", "c") and (len(w) >= 2 or f in ("p", "c")) or (adverb and f in ("v", "vd")):
            adverb = adverb or f in ("d", "ad")
            cut += len(w)
            continue
        if f == "v" and words[i + 1][0] == "“" and cut == 0:
            cut += len(w)  # 编制“十四五”规划: the verb before a quoted name
            continue
        if f == "v" and (w in lex.left_stops or w in lex.industry_left_stops or RESULTATIVE.match(w)) and cut == 0:
            cut += len(w)  # 打好蓝天碧水净土保卫战, 实施…: the sentence's verb
            continue
        break
    return cut


def _first_word(s: str) -> str:
    return next(iter(plain_cut(s[:6])), "")


def _strip_stacked(name: str, gaz: Gazetteer) -> str:
    heads = gaz.lexicon.program_heads
    changed = True
    while changed:
        changed = False
        for h in STACKED_HEADS:
            rest = name[: -len(h)]
            if name.endswith(h) and len(rest) > 2 and any(rest.endswith(x) for x in heads):
                name, changed = rest, True
                break
    return name
