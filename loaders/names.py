"""Name normalisation shared by extraction, the writer and name lookups.

Two surface forms are the same name when they agree after NFKC, with quotes, brackets'
width, and white space folded away; the result is the node key.
"""

from __future__ import annotations

import unicodedata

_DROP = set("“”\"'‘’「」『』《》〈〉 \t\u3000\r\n")


def name_key(name: str) -> str:
    """The stable key of a name: NFKC, quotes and spaces dropped, ASCII letters lower-cased."""
    s = unicodedata.normalize("NFKC", name or "")
    s = "".join(ch for ch in s if ch not in _DROP)
    return s.lower()
