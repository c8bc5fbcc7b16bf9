"""Known names from the gazetteer, found by longest match at character level.

The spaCy EntityRuler finds most of them on jieba tokens; this scan is the same lookup on
characters, so a name that jieba splits across token boundaries (董家/口至) is still found.
"""

from __future__ import annotations

from qdkg.loaders.extract.common import Cand
from qdkg.loaders.gazetteer import Gazetteer


def find_gazetteer(text: str, gaz: Gazetteer) -> list[Cand]:
    """Every longest, non-overlapping gazetteer form in ``text``."""
    forms = gaz.by_form
    max_len = max((len(f) for f in forms), default=0)
    out: list[Cand] = []
    i, n = 0, len(text)
    while i < n:
        for ln in range(min(max_len, n - i), 1, -1):
            e = forms.get(text[i : i + ln])
            if e is not None:
                out.append(Cand(e.label, e.name, text[i : i + ln], i, i + ln, "gazetteer",
                                props={"kind": e.kind}))
                i += ln
                break
        else:
            i += 1
    return out
