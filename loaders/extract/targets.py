"""Quantitative goals: 全市生产总值增长5.5%左右 -> metric 全市生产总值, 5.5, %, 左右."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from qdkg.loaders.extract.common import clauses, ends_with_any
from qdkg.loaders.gazetteer import Gazetteer, Lexicon

NUMBER = r"(?P<num>[0-9]+(?:\.[0-9]+)?)"


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


def find_targets(text: str, gaz: Gazetteer) -> list[TargetHit]:
    lex: Lexicon = gaz.lexicon
    pat = _pattern(lex.units, lex.comparators_after)
    out: list[TargetHit] = []
    for ca, cb in clauses(text):
        last = ca
        for m in pat.finditer(text, ca, cb):
            if m.start() > 0 and text[m.start() - 1] in "0123456789.":
                continue
            if text[m.end() : m.end() + 1] in ("级", "G", "g"):
                continue  # 30万吨级码头, 5G: part of a name, not a goal
            before = text[last : m.start()]
            comp_before = ends_with_any(before, lex.comparators_before)
            metric = before[: len(before) - len(comp_before)] if comp_before else before
            metric = metric.strip(" ，,、：:").lstrip("和及")
            if not metric:
                metric = text[ca : m.start()].strip()
            comparator = m.group("after") or comp_before
            if m.group("after") and comp_before:
                metric += comp_before  # 全市生产总值增长 5.5% 左右: the verb belongs to the metric
            start = m.start() - len(comp_before) - len(metric) if metric else m.start()
            out.append(TargetHit(metric=metric, value=float(m.group("num")), unit=m.group("unit"),
                                 comparator=comparator, text=text[max(ca, start) : m.end()],
                                 start=max(ca, start), end=m.end(), clause=(ca, cb)))
            last = m.end()
    return out
