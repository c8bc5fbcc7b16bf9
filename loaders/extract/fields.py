"""The field a base, park, laboratory or centre is named for: 甘肃种业实验室 → 种业, 京津电子化学品基地 → 电子化学品.

A name of the genre is built as place, owner, rank words, the field, then a head (基地, 产业园, 实验室, 创新中心…).
What is left between the name's proper parts and its head names the industry the thing serves, unless it is an
activity every such place has (科学试验, 中试, 研发). The field words come from the text itself, so a report's own
industries are found even where no list of the gazetteer names them.
"""

from __future__ import annotations

from qdkg.loaders.extract.common import NAME_TAGS, Cand, leading_verb, pos_cut, strip_quotes
from qdkg.loaders.gazetteer import Gazetteer

#: The label a proper part of a name carries: places, owners and organisations are no field.
PROPER_LABELS = ("District", "Company", "Institution")
#: jieba's tags of places, persons and brands: such a word, if jieba has seen it less often than this, is a
#: proper part of the name (横沙, 百克, 三江), not a field; a common one is (海洋 in 海洋装备).
PROPER_TAGS = NAME_TAGS
PROPER_MAX_FREQ = 1000
#: The longest field of a laboratory that still names an industry (种业, 生物制造; not 内燃机可靠性).
LAB_FIELD_MAX = 6
#: Where a zone ends inside a name (晋北采煤沉陷区新能源基地): the field is what follows.
ZONE_ENDS = ("区", "县", "市", "镇", "乡", "村")


def _proper_word(word: str, flag: str) -> bool:
    """A place, person or brand jieba has seen seldom (横沙, 三江); a word it does not know at all may be either a
    place (羊口 in 羊口化工产业园) or part of the field (硅基 in 硅基半导体…), and stays."""
    import jieba

    freq = jieba.dt.FREQ.get(word, 0)
    return flag in PROPER_TAGS and freq < PROPER_MAX_FREQ


def _strip_proper(name: str, gaz: Gazetteer, owner: str | None, places: list[str]) -> str:
    """``name`` without the places, owner and rank words it starts with (长春百克生物制药… → 生物制药…)."""
    lex = gaz.lexicon
    proper = tuple(sorted({p for p in (owner, *places) if p}, key=len, reverse=True))
    while name:
        word = next((p for p in proper if name.startswith(p)), None)
        if word is None:
            word = next((q for q in lex.field_qualifiers if name.startswith(q)), None)
        if word is None:
            word = next((name[:n] for n in range(min(len(name) - 1, 8), 1, -1)
                         if (e := gaz.lookup(name[:n])) is not None and e.label in PROPER_LABELS), None)
        if word is None:
            first = pos_cut(name)[0]
            if len(first.word) < len(name) and _proper_word(first.word, first.flag):
                word = first.word
        if word is None:
            return name
        name = name[len(word):]
    return name


def _strip_head(name: str, gaz: Gazetteer) -> str | None:
    """``name`` without its ending, phase and head; None when its head is not one a field stands before."""
    lex = gaz.lexicon
    for endings in (lex.generic_endings, lex.phases):
        end = next((e for e in endings if name.endswith(e) and len(name) > len(e)), None)
        if end:
            name = name[: -len(end)]
    head = next((h for h in lex.field_heads if name.endswith(h)), None)
    if head is None:
        return None
    name = name[: -len(head)]
    if head.endswith("实验室") and len(name) > LAB_FIELD_MAX:
        return None  # 内燃机可靠性国家重点实验室: a laboratory's long field is a research topic, not an industry
    while (q := next((q for q in lex.field_qualifiers if name.endswith(q) and len(name) > len(q)), None)):
        name = name[: -len(q)]
    return name


#: One-character endings of natural features whose two-character stems are also used alone (太行山, 祁连山).
FEATURE_ENDS = ("山", "江", "河", "湖")


def field_of(name: str, gaz: Gazetteer, owner: str | None = None, places: list[str] | None = None) -> str | None:
    """The industry ``name`` is named for, or None."""
    lex = gaz.lexicon
    if _strip_head(strip_quotes(name), gaz) is None:
        return None  # no head a field stands before (checked first: it needs no tagger)
    rest = _strip_head(_strip_proper(strip_quotes(name), gaz, owner, places or []), gaz)
    if rest is None:
        return None
    rest = rest[leading_verb(rest):]  # 制造 新能源汽车 基地
    zone = max((rest.rfind(z) for z in ZONE_ENDS), default=-1)
    if zone >= 0:
        rest = _strip_proper(rest[zone + 1 :], gaz, None, [])  # 采煤沉陷区新能源 → 新能源
    if any(rest.endswith(w) for w in lex.field_stops if len(w) >= 3):
        return None  # 管网科学试验: an activity closes the name; the field is not named
    if not 2 <= len(rest) <= 8 or rest.endswith(lex.industry_end_stops) or rest in lex.field_stops or rest in lex.industry_stops or rest in lex.generic_words:
        return None
    known = gaz.lookup(rest)
    if known is not None and known.label != "Industry":
        return None  # a place or a firm: 长春 in 长春基地
    if len(rest) == 2 and any(gaz.place(rest + end) is not None for end in FEATURE_ENDS):
        return None  # 太行 of 太行山 in 太行国家实验室: a mountain's or river's short name, not a field
    words = pos_cut(rest)
    if any(w.flag in ("m", "q", "r", "p", "c", "u", "d", "f", "t") or _proper_word(w.word, w.flag)
           or ((e := gaz.lookup(w.word)) is not None and e.label in PROPER_LABELS) for w in words):
        return None  # 两个, 相关, 及; 三江 in 三江实验室, 华北 in 招商检测华北基地: no field
    if len(words) == 1 and words[0].flag in PROPER_TAGS:
        return None  # 天府实验室, 海洋实验室: a name of a place or a realm alone, not a field
    trade = len(words) == 1 and words[0].flag == "vn"  # 养殖: a trade names a field though jieba calls it a verb
    if not (trade or any(w.flag.startswith(("n", "j")) for w in words)):
        return None  # a verb or an adjective alone names no field
    if any(h in rest for h, lbl in lex.heads.items() if lbl == "Institution"):
        return None  # 实验室西北 is a branch, not a field
    return rest


def fields_in_names(text: str, cands: list[Cand], gaz: Gazetteer) -> list[Cand]:
    """An Industry mention for each project's or institution's field; the name's link to it is made with the
    document's other industries (:func:`qdkg.loaders.extract.relations.nested_industries`)."""
    out: list[Cand] = []
    for c in cands:
        if c.label not in ("Project", "Institution"):
            continue
        found = field_of(c.name, gaz, c.owner[1] if c.owner else None, c.places)
        if found is None or not all(i in found for i in c.industries):
            continue  # the name's own industry stands, unless the field holds it (硅基半导体 ⊃ 半导体)
        if c.industries:
            c.industries = [found]
        at = c.text.find(found)
        if at < 0:
            continue
        out.append(Cand("Industry", found, found, c.start + at, c.start + at + len(found), "industry-field-name"))
    return out
