"""Candidates found in a paragraph, and the small text helpers every finder shares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from qdkg.loaders.gazetteer import GazEntry, Gazetteer

PUNCT = "、，,。；;：:！？!?"
OPEN_QUOTES = "“‘「『《"
CLOSE_QUOTES = "”’」』》"
QUOTES = OPEN_QUOTES + CLOSE_QUOTES + '"'
#: Kinds of administrative divisions (the gazetteer's ``kind``), a province included.
ADMIN_PLACE_KINDS = ("city", "county", "county_city", "district", "province")
DIGITS = re.compile(r"[0-9０-９]|[一二两三四五六七八九十百千万]+(?:个|家|条|座|所|处|项|大)")


@dataclass
class Cand:
    """One mention of a thing in a paragraph: label, canonical name, surface text and character offsets."""

    label: str
    name: str
    text: str
    start: int
    end: int
    rule: str  # which finder produced it: "gazetteer", "head", "list", "link", "owner", ...
    props: dict[str, Any] = field(default_factory=dict)
    # facts carried by the name itself, turned into relations later
    owner: tuple[str, str] | None = None  # (label, canonical) of the owner organisation
    places: list[str] = field(default_factory=list)  # canonical places inside the name (LOCATED_IN)
    connects: list[str] = field(default_factory=list)  # canonical places joined by a link (A至B)
    industries: list[str] = field(default_factory=list)  # canonical industries inside the name

    def shifted(self, by: int) -> Cand:
        self.start += by
        self.end += by
        return self

    def contains(self, other: Cand) -> bool:
        return self.start <= other.start and other.end <= self.end and (self.start, self.end) != (
            other.start, other.end)


def strip_quotes(s: str) -> str:
    return "".join(ch for ch in s if ch not in QUOTES)


@lru_cache(maxsize=16)
def _stops_regex(breaks: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape("(（)）" + breaks) + "]")


def clauses(text: str, start: int = 0, end: int | None = None, *, breaks: str = "，,。；;：:！？!?") -> list[
        tuple[int, int]]:
    """Spans of ``text[start:end]`` between clause punctuation, ignoring punctuation inside brackets."""
    return list(_clauses(text, start, len(text) if end is None else end, breaks))


@lru_cache(maxsize=4096)
def _clauses(text: str, start: int, end: int, breaks: str) -> tuple[tuple[int, int], ...]:
    """:func:`clauses`, remembered: every finder splits the same paragraph again."""
    out, depth, a = [], 0, start
    for m in _stops_regex(breaks).finditer(text, start, end):  # only the brackets and breaks, not every character
        i, ch = m.start(), m.group()
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif ch in breaks and depth == 0:
            if i > a:
                out.append((a, i))
            a = i + 1
    if end > a:
        out.append((a, end))
    return tuple(out)


def cover_residue(s: str, vocab: frozenset[str] | set[str], max_len: int = 8) -> str:
    """The characters of ``s`` not covered by longest-match words of ``vocab`` (what makes a name specific)."""
    out, i, n = [], 0, len(s)
    while i < n:
        for ln in range(min(max_len, n - i), 0, -1):
            if s[i : i + ln] in vocab:
                i += ln
                break
        else:
            if s[i] not in QUOTES and not s[i].isspace():
                out.append(s[i])
            i += 1
    return "".join(out)


def industry_entries(gaz: Gazetteer) -> list[GazEntry]:
    """``gaz.industries()``, listed once per gazetteer (the relation rules ask for it per candidate)."""
    cached = getattr(gaz, "_industry_entries", None)
    if cached is None:
        cached = gaz.industries()
        gaz._industry_entries = cached  # type: ignore[attr-defined]
    return cached


def generic_vocab(gaz: Gazetteer) -> frozenset[str]:
    """Words that alone never make a name specific: the lexicon's generic words and every industry term."""
    cached = getattr(gaz, "_generic_vocab", None)
    if cached is not None:
        return cached
    words = set(gaz.lexicon.generic_words)
    for e in gaz.industries():
        words.update(e.forms)
        words.update(e.keywords)
    words.update(gaz.lexicon.heads)
    words.update(gaz.lexicon.district_heads)
    vocab = frozenset(w for w in words if w)
    gaz._generic_vocab = vocab  # type: ignore[attr-defined]
    return vocab


#: jieba's tags of common words: nouns, verbs, adjectives, adverbs, locatives, times, measure words,
#: idioms (not ns/nr/nt/nz proper names, not j abbreviations such as 京津).
COMMON_TAGS = frozenset({"n", "v", "vn", "vd", "a", "ad", "an", "d", "b", "f", "t", "q", "l", "i", "r"})
COMMON_MIN_FREQ = 50


@lru_cache(maxsize=1)
def jieba_common_words() -> frozenset[str]:
    """Words of two or more characters that jieba's own dictionary tags as common words and has seen
    at least COMMON_MIN_FREQ times: what a name made only of them lacks is a proper part (物流园区, 虚拟电厂)."""
    from qdkg.loaders.cache import cached

    def build() -> frozenset[str]:
        import jieba

        jieba.initialize()
        freq = jieba.dt.FREQ
        from qdkg.loaders.extract.postag import tagger

        tags = tagger().tags
        return frozenset(w for w, t in tags.items()
                         if len(w) >= 2 and t in COMMON_TAGS and freq.get(w, 0) >= COMMON_MIN_FREQ)

    return cached("jieba-common-words", build, sources=(Path(__file__),))  # 0.005 s instead of 0.1 s


#: jieba's tags of names of places, persons, organisations and other proper nouns (华为 nr, 华电 nz, 横沙 ns).
NAME_TAGS = ("nr", "nz", "ns", "nt", "nrt", "nrfg")
#: 等 closing a list (A、B等), not the 等 of 高等, 中等, 同等, 平等 inside a name.
LIST_DENG = re.compile(r"(?<![高中同平均对初])等")

#: jieba's tags of proper names and of what it does not know: a token with one of them may be a brand.
PROPER_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j", "x", "eng"})
PLAIN_MIN_FREQ = 20


@lru_cache(maxsize=65536)
def pos_cut(s: str) -> tuple[Any, ...]:
    """``jieba.posseg.cut(s)`` as a tuple of its (word, flag) pairs, remembered: the rules tag the same short
    strings again and again, and jieba's tagger (an HMM over unknown characters) is the slowest step."""
    from qdkg.loaders.extract.postag import tagger

    return tuple(tagger().cut(s))


@lru_cache(maxsize=65536)
def plain_cut(s: str) -> tuple[str, ...]:
    """``jieba.cut(s, HMM=False)`` as a tuple, remembered (word-boundary checks ask about the same spans)."""
    import jieba

    return tuple(jieba.cut(s, HMM=False))


@lru_cache(maxsize=65536)
def is_word(s: str) -> bool:
    """Whether jieba's own dictionary has ``s`` as a word (和平, 敬老院)."""
    import jieba

    jieba.initialize()
    return bool(jieba.dt.FREQ.get(s))


@lru_cache(maxsize=65536)
def plain_words(s: str) -> bool:
    """Whether jieba reads ``s`` as ordinary words only (爱国主义, 丰富, 首批, 降碳): every token a word it has
    seen PLAIN_MIN_FREQ times or more, none tagged a proper name, none a lone character (均|胜|电子 is a
    brand jieba cannot read)."""
    import jieba

    jieba.initialize()
    return all(len(t.word) >= 2 and t.flag not in PROPER_TAGS and jieba.dt.FREQ.get(t.word, 0) >= PLAIN_MIN_FREQ
               for t in pos_cut(s))


def common_vocab(gaz: Gazetteer) -> frozenset[str]:
    """:func:`generic_vocab` and jieba's common words, minus the forms of places and organisations (a place
    is never common; an industry is: 新型储能项目 is a kind of project)."""
    cached = getattr(gaz, "_common_vocab", None)
    if cached is not None:
        return cached
    proper = {f for f, e in gaz.by_form.items() if e.label in ("District", "Company", "Institution")}
    vocab = frozenset((generic_vocab(gaz) | jieba_common_words()) - proper)
    gaz._common_vocab = vocab  # type: ignore[attr-defined]
    return vocab


def ends_with_any(s: str, words: tuple[str, ...]) -> str:
    """The first of ``words`` that ``s`` ends with, or "" (most calls match none: str.endswith rejects in C)."""
    if isinstance(words, tuple) and not s.endswith(words):
        return ""
    for w in words:
        if s.endswith(w):
            return w
    return ""


def starts_with_any(s: str, words: tuple[str, ...]) -> str:
    """The first of ``words`` that ``s`` starts with, or ""."""
    if isinstance(words, tuple) and not s.startswith(words):
        return ""
    for w in words:
        if s.startswith(w):
            return w
    return ""


#: jieba's part-of-speech tags of a verb that starts a clause, not a name (动词, 名动词, 习用语).
VERB_FLAGS = ("v", "vn", "l", "vd")


DO_VERB = re.compile(r"做[大强优精深实特新活靓美细专]")


@lru_cache(maxsize=65536)
def leading_verb(s: str) -> int:
    """Length of the verbs a candidate starts with (做精做优电机 → 4, 高效开发利用地热能 → 6), never all of it.

    jieba's tagger decides what is a verb; a one-character verb is kept (引白济洮, 建好 are left stops).
    """
    cut = 0
    while (m := DO_VERB.match(s, cut)) and len(s) - m.end() >= 2:
        cut = m.end()  # 做优兰州新区, 做精做优电机: the genre's 做 + quality verbs, split apart by jieba
    for token in pos_cut(s[cut:]):
        word, flag = token.word, token.flag
        if flag == "a" and cut == 0 and len(word) == 2 and len(s) > 4:  # 高效开发利用…: an adverbial first
            nxt = s[len(word) :]
            if any(t.flag in VERB_FLAGS and len(t.word) >= 2 for t in pos_cut(nxt)[:1]):
                cut += len(word)
                continue
        if flag in VERB_FLAGS and len(word) >= 2 and len(s) - cut - len(word) >= 2:
            cut += len(word)
            continue
        break
    return cut


def ends_here(text: str, e: int, end: int, *, stops: str, flags: tuple[str, ...], after: tuple[str, ...] = ()) -> bool:
    """Whether a name ending at ``e`` (its clause ending at ``end``) ends there: the clause ends, one of ``stops``
    or ``after`` follows, or jieba's first word after it has one of ``flags`` (a verb, an adverb …)."""
    if e >= end or text[e] in stops or (after and text.startswith(after, e)):
        return True
    nxt = pos_cut(text[e : min(end, e + 4)])
    return bool(nxt) and nxt[0].flag.startswith(flags)


#: Endings of an industry that a partner's place may stand before (广东 热带农产品加工).
PLACED_INDUSTRY_ENDS = ("加工", "制造", "装备")


def lead_place(item: str, gaz: Gazetteer) -> str:
    """A province or city an industry's words start with, when four or more characters of a trade follow it
    (广东 in 广东热带农产品加工: the partner's place, not part of the industry); else ""."""
    if not item.endswith(PLACED_INDUSTRY_ENDS):
        return ""
    for k in (3, 2):
        e = gaz.lookup(item[:k])
        if e is not None and e.label == "District" and e.kind in ("province", "city") and len(item) - k >= 4:
            return item[:k]
    return ""


def industry_name(surface: str, gaz: Gazetteer) -> str:
    """An industry is named as the text names it (新材料, not a taxonomy label such as 高端化工与新材料);
    a trailing 产业 goes when what is left still names an industry (食品产业 → 食品, but 文化产业)."""
    name = strip_quotes(surface)
    if name.endswith("产业") and len(name) > 2:
        rest = name[:-2]
        known = gaz.lookup(rest)
        if len(rest) >= 3 or (known is not None and known.label == "Industry"):
            return rest
    return name


#: Heads of names that are toponyms: the place a mine, field or airport is named after is a place of its own
#: (九龙川 in 九龙川煤矿, 正义关 in 正义关硅矿, 武宿 in 武宿机场). Reservoirs, hydropower stations and irrigation
#: districts are not: they are named after places they do not stand for (gold-dev's convention).
TOPONYM_HEADS = ("煤层气田", "气田", "煤矿", "铁矿", "金矿", "铜矿", "硅矿", "锂矿", "磷矿", "钾矿", "锰矿", "钼矿",
                 "铝土矿", "国际机场", "机场", "通道")
