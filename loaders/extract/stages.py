"""A project's stage in one report, read from the verbs around its name.

谋划/争取/前期 -> 谋划; 开工/开建/启动 -> 开工; 加快/推进/在建 -> 在建; 建成/竣工/投产/通车/投用 -> 建成
(the lexicon lists verbs under the stage codes; the value returned is the stored Chinese one, see
``schema.STAGE_NAMES``). A verb after the name in the same clause (实现X竣工) wins over one before it
(加快X建设), and the nearest verb wins among those. The longest verb is read first, so 谋划推进 is planning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from qdkg.graph import schema
from qdkg.loaders.gazetteer import Gazetteer

BREAKS = "，,。；;：:！？!?"


@lru_cache(maxsize=4)
def _pattern(words: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    stage_of = {w: st for w, st in words}
    alts = sorted(stage_of, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in alts)), stage_of


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    a = start
    while a > 0 and text[a - 1] not in BREAKS:
        a -= 1
    b = end
    while b < len(text) and text[b] not in BREAKS:
        b += 1
    return a, b


def stage_of(text: str, start: int, end: int, gaz: Gazetteer, *, others: Sequence[tuple[int, int]] = ()) -> str | None:
    """The stage the verbs of the clause around ``text[start:end]`` give a project, or None."""
    words = tuple((w, st) for st, ws in gaz.lexicon.stages.items() for w in ws)
    pat, stage_map = _pattern(words)
    a, b = clause_span(text, start, end)
    after: list[re.Match[str]] = []
    before: list[re.Match[str]] = []
    for m in pat.finditer(text, a, b):
        if start <= m.start() < end:
            continue
        inside_other = any(o0 <= m.start() < o1 for o0, o1 in others)
        if inside_other:
            continue
        (after if m.start() >= end else before).append(m)
    if after:
        return schema.stage_value(stage_map[after[0].group()])
    if before:
        return schema.stage_value(stage_map[before[-1].group()])
    return None
