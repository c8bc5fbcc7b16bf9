"""Counties and cities of other provinces that a report does not name: their short forms read inside words.

The reference data gives every county its two-character short form (惠农 for 惠农区, 阳春 for 阳春市), and many
of those are also pieces of ordinary words (强农惠农, 回迁安置) or of other names (六盘山, 赤阳春建材). A report
names its own province's counties by short form; another province's it names in full or at the start of a name.
"""

from __future__ import annotations

from collections import Counter

from qdkg.loaders.extract.common import Cand, pos_cut
from qdkg.loaders.extract.gazetteer_hits import dictionary
from qdkg.loaders.gazetteer import COUNTY_KINDS, Gazetteer


def province_of(place: str | None, gaz: Gazetteer) -> str | None:
    """The province ``place`` lies in (itself for a province), from the reference data."""
    if not place:
        return None
    chain = [place, *gaz.place_ancestors(place)]
    return next((p for p in reversed(chain) if (e := gaz.place(p)) is not None and e.kind == "province"), None)


def without_far_counties(cands: list[Cand], local: str, text: str, province: str | None, gaz: Gazetteer) -> list[Cand]:
    """``cands`` without the counties and cities of other provinces read, by their short form, inside other words.

    A report names another province's county or city in full (惠农区) or at the start of a name (宣威水库); its
    short form right after other characters is part of a word (强农惠农, 回迁安置, 六盘山, 引黄济宁, 医保定点) unless a
    place ends right before it (海口永兴). Short forms the reference data holds for two places (金川) are kept."""
    if province is None:
        return cands
    words = dictionary()

    def far(name: str, form: str) -> bool:
        e = gaz.place(name)
        return (e is not None and e.kind in (*COUNTY_KINDS, "city") and len(form) == 2 and not _shared_short_form(form, gaz)
                and province_of(name, gaz) not in (None, province) and not any(alias in text for alias in e.aliases))

    def inside(s: str, at: int) -> bool:
        """Whether the form at ``at`` of ``s`` follows characters of the same word."""
        if at <= 0 or not "\u4e00" <= s[at - 1] <= "\u9fff" or s[at - 1] in JOINERS:
            return False
        if s.startswith(LINK_MARKS, at + 2) or s.endswith(LINK_HEADS, 0, at):
            return False  # 京港高铁阜阳至黄冈段: an end of a link
        if any(words.get(s[at - k : at], 0) >= WORD_FREQ and _verb_like(s[at - k : at]) for k in (2, 3) if at >= k):
            return False  # 推进|宣威水库, 建成|嫩江干流: a verb ends right before it (not 各项|惠农, 黄河|黑山峡)
        return not any(s[:at].endswith(f) for f in (s[max(0, at - k) : at] for k in range(2, 6)) if
                       (e := gaz.lookup(f)) is not None and e.label == "District")
    out = []
    for c in cands:
        if c.label == "District" and far(c.name, c.text) and inside(local, c.start):
            continue
        if c.places:
            c.places = [p for p in c.places if not (far(p, p) and (at := c.text.find(p)) >= 0 and inside(c.text, at))]
        out.append(c)
    return out


def _verb_like(word: str) -> bool:
    """Whether jieba tags ``word`` as a verb, preposition, conjunction or adverb: a word after which a name starts."""
    tokens = pos_cut(word)
    return len(tokens) == 1 and tokens[0].flag[:1] in ("v", "p", "c", "d")


#: How often jieba must have seen a word for it to end a word before a place (推进, 建成).
WORD_FREQ = 100
#: What follows a link's end-point (阜阳至黄冈), and what a section of a named link starts after (京港高铁 阜阳…).
LINK_MARKS = ("至", "—", "-")
LINK_HEADS = ("高铁", "铁路", "高速", "公路", "国道", "城际")
#: Characters that join words, after which a place's short form starts a new one (和县 after 和 is 和|县级).
JOINERS = "和与及的在至到及"


def _shared_short_form(form: str, gaz: Gazetteer) -> bool:
    """Whether two divisions' names start with ``form`` (金川 of 阿坝, and 金川区 of 金昌); computed once per gazetteer."""
    shared = getattr(gaz, "_shared_short_forms", None)
    if shared is None:
        starts = Counter(e.name[:2] for e in gaz.entries if e.label == "District" and e.kind in (*COUNTY_KINDS, "city"))
        shared = frozenset(k for k, n in starts.items() if n > 1)
        object.__setattr__(gaz, "_shared_short_forms", shared)
    return form in shared


__all__ = ["province_of", "without_far_counties"]
