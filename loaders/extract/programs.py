"""Programs (campaigns, reforms, pilots, strategies, quoted slogans) and events (festivals, fairs, summits)."""

from __future__ import annotations

import re

from qdkg.loaders.extract.common import DIGITS, Cand, clauses
from qdkg.loaders.extract.names import _ends_name, balanced, left_boundary
from qdkg.loaders.gazetteer import Gazetteer

QUOTED = re.compile(r"“([^“”]{1,16})”")
FIVE_YEAR = re.compile(r"^[十]?[一二三四五六七八九十]+五$")
EDITION = re.compile(r"^(?:第[一二三四五六七八九十百零0-9]+(?:届|次)|(?:19|20)[0-9]{2}年?)")


def _headed(text: str, gaz: Gazetteer, heads: tuple[str, ...], label: str) -> list[Cand]:
    out: list[Cand] = []
    pattern = re.compile("|".join(re.escape(h) for h in heads))
    for ca, cb in clauses(text):
        for m in pattern.finditer(text, ca, cb):
            lex = gaz.lexicon
            if m.group() in lex.strict_heads and not _ends_name(text, m.end(), cb, gaz):
                continue  # 节能, 节约: not an event's 节
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


def _known_other(name: str, label: str, gaz: Gazetteer) -> bool:
    """Whether ``name`` is a known thing of another kind (上合示范区 is a place, not a program)."""
    entry = gaz.lookup(name)
    return entry is not None and entry.label != label


def find_programs(text: str, gaz: Gazetteer) -> list[Cand]:
    lex = gaz.lexicon
    out: list[Cand] = []
    for m in QUOTED.finditer(text):
        q = m.group(1)
        if q in lex.slogan_stops or "、" in q or "，" in q or "," in q:
            continue
        name = q + "规划" if FIVE_YEAR.match(q) else q
        if _known_other(name, "Program", gaz):
            continue
        out.append(Cand("Program", name, m.group(), m.start(), m.end(), "quoted"))
    out.extend(_place_designations(text, gaz, _headed(text, gaz, lex.program_heads, "Program")))
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
        lead = any((e := gaz.lookup(c.name[:k])) is not None and e.label == "District" for k in range(2, 6))
        if head and (PROVINCE_BRACKET.match(c.name) or (head != "自由贸易试验区" and lead)):
            out.append(Cand("District", c.name, c.text, c.start, c.end, "zone"))
        else:
            out.append(c)
    return out


def find_events(text: str, gaz: Gazetteer) -> list[Cand]:
    return _headed(text, gaz, gaz.lexicon.event_heads, "Event")
