"""Known names from the gazetteer, found by longest match at character level, and vetted at word boundaries.

The spaCy EntityRuler finds most of them on jieba tokens; this scan is the same lookup on
characters, so a name that jieba splits across token boundaries (董家/口至) is still found.
Characters know no word boundaries, so a two-character place name is checked against common words
that cross its edges: 高密 in 高密度, 市南 in 城市南部, 金乡 in 资金乡村 are no places. A county's short
name directly before 湖/湾/河 names the water, not the county (东平湖, 莱州湾).
"""

from __future__ import annotations

import re
from functools import lru_cache

from qdkg.loaders.extract.common import Cand, ends_with_any
from qdkg.loaders.gazetteer import Gazetteer

COMMON_FREQ = 500  # jieba dictionary frequency from which a word is common enough to break a place name
LONGER_FREQ = 5  # a dictionary word that starts with a place name and goes on: 高密度
DOMINANT = 100  # a word crossing one edge this many times as frequent as the place name breaks it
WATER = "湖湾河"
ADMIN_KINDS = ("city", "district", "county", "county_city")


def _form_lengths_by_prefix(gaz: Gazetteer) -> dict[str, tuple[int, ...]]:
    """For each first two characters of a form, the lengths (longest first) of the forms starting with them:
    most positions of a text start no form, and one lookup tells. Computed once per gazetteer."""
    cached = getattr(gaz, "_form_lengths_by_prefix", None)
    if cached is None:
        by_prefix: dict[str, set[int]] = {}
        for f in gaz.by_form:
            if len(f) >= 2:
                by_prefix.setdefault(f[:2], set()).add(len(f))
        cached = {p: tuple(sorted(lens, reverse=True)) for p, lens in by_prefix.items()}
        gaz._form_lengths_by_prefix = cached  # type: ignore[attr-defined]
    return cached


def _form_starts(gaz: Gazetteer) -> re.Pattern[str]:
    """A character class of the first characters of the gazetteer's forms (two or more characters long)."""
    cached = getattr(gaz, "_form_starts", None)
    if cached is None:
        cached = re.compile("[" + re.escape("".join(sorted({p[0] for p in _form_lengths_by_prefix(gaz)}))) + "]")
        gaz._form_starts = cached  # type: ignore[attr-defined]
    return cached


def find_gazetteer(text: str, gaz: Gazetteer) -> list[Cand]:
    """Every longest, non-overlapping gazetteer form in ``text`` that is not part of a common word."""
    forms = gaz.by_form
    lengths_by_prefix = _form_lengths_by_prefix(gaz)
    out: list[Cand] = []
    starts = _form_starts(gaz)
    i, n = 0, len(text)
    while i < n:
        m = starts.search(text, i)  # the next character that starts a form (in C: most do not)
        if m is None:
            break
        i = m.start()
        for ln in lengths_by_prefix.get(text[i : i + 2], ()):
            if ln > n - i:
                continue
            e = forms.get(text[i : i + ln])
            if e is not None and not inside_word(text, i, i + ln, gaz):
                out.append(Cand(e.label, e.name, text[i : i + ln], i, i + ln, "gazetteer",
                                props={"kind": e.kind}))
                i += ln
                break
        else:
            i += 1
    return out


@lru_cache(maxsize=1)
def dictionary() -> dict[str, int]:
    """jieba's own dictionary (word -> frequency; 0 for a prefix that is no word), without the gazetteer's
    words: the default tokenizer's, which the extractor never adds to (its gazetteer words go to a private
    copy). Used as it is, not copied: :func:`inside_word` asks only about words of two to four characters."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt.FREQ  # type: ignore[no-any-return]


def inside_word(text: str, start: int, end: int, gaz: Gazetteer) -> bool:
    """Whether the two-character place or company form ``text[start:end]`` is part of ordinary words around it.

    A common word crossing an edge counts unless the text also breaks there: a common word, a left
    stop or a known name ends at the edge, or a common word or a known name starts at it (推进|城阳,
    山东|城阳, 北京|城区). Two crossed edges make an ordinary phrase (城市|南部 around 市南, 资金|乡村
    around 金乡); so does one crossed right edge inside a dictionary word that starts with the form
    (高密度: 密度).
    """
    if end - start != 2:
        return False
    entry = gaz.lookup(text[start:end])
    if entry is None or entry.label not in ("District", "Company"):
        return False
    words = dictionary()
    forms = gaz.by_form

    def known(a: int, b: int, freq: int = COMMON_FREQ) -> bool:
        w = text[a:b]
        return 0 <= a and b <= len(text) and 2 <= b - a <= 4 and words.get(w, 0) >= freq and w not in forms

    def breaks(a: int, b: int) -> bool:
        return known(a, b) or (0 <= a and b <= len(text) and text[a:b] in forms)

    # inside an idiom or longer dictionary word that holds it whole (同心同德, 安居乐业; not 杭州湾)
    if any(known(a, b, LONGER_FREQ) for a in range(start - 3, start + 1) for b in range(end, end + 4)
           if b - a >= 4):
        return True
    own = max(words.get(text[start:end], 0), 1)  # 1: a name jieba does not know (新平 in 创新平台)
    # a three-character word far commoner than the name holds it whole (示范县 around 范县, 白云岩 around 云岩)
    if any(words.get(text[a : a + 3], 0) >= max(50, 10 * own) and text[a : a + 3] not in forms
           for a in (start - 1, start) if a >= 0):
        return True
    left_break = any(breaks(a, start) for a in range(start - 4, start - 1)) or \
        ends_with_any(text[max(0, start - 4) : start], gaz.lexicon.left_stops) != ""
    right_break = any(breaks(end, b) for b in range(end + 2, end + 5))
    # both edges crossed by words each far commoner than the name, no break at either (振兴|县域 around 兴县)
    if not left_break and not right_break and any(
            words.get(text[a : start + 1], 0) >= max(100, 5 * own) for a in (start - 1, start - 2) if a >= 0) \
            and any(words.get(text[end - 1 : b], 0) >= max(100, 5 * own) for b in (end + 1, end + 2)):
        return True
    left = not left_break and any(known(a, b) for a in range(start - 3, start) for b in range(start + 1, end + 1))
    right = [] if right_break else [b for a in range(start + 1, end) for b in range(end + 1, end + 4) if known(a, b)]
    if left and right:
        return True
    if entry.label == "Company" and (left or right):
        return True  # a brand's short form crossed by one common word (集中|交织 around 中交)
    # One crossed edge is enough when the crossing word is far commoner than the place name itself:
    # 高要 in 更高要求 (要求 is ~2,000 times as frequent as 高要).
    own = words.get(text[start:end], 0)  # 0: jieba does not know the name, so no ratio can be judged
    crossing = [] if right_break else [(a, b) for a in range(start + 1, end) for b in range(end + 1, end + 3)]
    if not left_break:
        crossing += [(a, b) for a in range(start - 2, start) for b in range(start + 1, end)]
    if own and any(known(a, b) and words[text[a:b]] >= DOMINANT * own for a, b in crossing):
        return True
    return any(known(start, b, LONGER_FREQ) for b in right)


def vet_known(text: str, cands: list[Cand], gaz: Gazetteer) -> list[Cand]:
    """The known-name candidates of ``text`` without places inside common words; county + 湖/湾/河 as water."""
    out: list[Cand] = []
    for c in cands:
        if c.label == "Company" and c.rule == "gazetteer" and inside_word(text, c.start, c.end, gaz):
            continue  # 中交 in 集中交织
        if c.label != "District" or c.rule != "gazetteer":
            out.append(c)
            continue
        entry = gaz.place(c.name)
        after = text[c.end : c.end + 1]
        if after and after in WATER and entry is not None and entry.kind in ADMIN_KINDS \
                and not _known_at(text, c.end, gaz):
            name = c.text + after
            out.append(Cand("District", name, name, c.start, c.end + 1, "place", props={"kind": "water"}))
        elif after == "山" and entry is not None and entry.kind in ADMIN_KINDS and not _known_at(text, c.end, gaz) \
                and text[c.end + 1 : c.end + 2] not in ("区", "东", "西", "南", "北", "路", "街", "镇", "乡", "村") \
                and gaz.lookup(c.text + after) is None:
            name = c.text + after  # 龙泉山城市森林公园: the mountain, not the county
            out.append(Cand("District", name, name, c.start, c.end + 1, "place", props={"kind": "mountain"}))
        elif entry is not None and entry.kind in ADMIN_KINDS + ("province",) and after == "路" \
                and text[c.end + 1 : c.end + 2] not in ("网", "线", "径", "桥"):
            continue  # 唐山路, 山东路: a street named after a place
        elif c.text.endswith("至") and text[c.end : c.end + 1] != "县":
            continue  # 乐东至三亚: 东至 reads across the link's 至
        elif _starts_earlier(text, c, gaz):
            continue  # 天津南站: 天津, not 津南
        elif not inside_word(text, c.start, c.end, gaz):
            out.append(c)
    return out


def _starts_earlier(text: str, c: Cand, gaz: Gazetteer) -> bool:
    """Whether a longer-or-equal known place starts before ``c`` and runs into it."""
    return any(text[a : a + ln] in gaz.by_form and a + ln > c.start and a + ln - a >= c.end - c.start
               for a in range(max(0, c.start - 4), c.start) for ln in range(2, 7) if a + ln <= c.end)


def _known_at(text: str, i: int, gaz: Gazetteer) -> bool:
    """Whether a gazetteer form of two or more characters starts at ``i`` (临沂河东区: 河东区, not 临沂河)."""
    return any(text[i : i + ln] in gaz.by_form for ln in range(2, 8))
