"""The text the extractor reads: compatibility forms and traditional characters mapped, length kept.

PDFs printed from browsers carry Kangxi radicals (⼯ for 工) and compatibility ideographs; reports from
Hong Kong, Macao or Taiwan sources, or re-typed by hand, carry traditional characters. Rules and gazetteers
are written in simplified characters, so both are mapped before extraction. The mapping keeps every offset:
each character maps to exactly one character, so a mention's span in the normalised text is its span in the
stored text, which stays as written. Punctuation and full-width forms are left alone: the rules read them.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Blocks whose NFKC form is the ordinary ideograph: Kangxi Radicals, CJK Radicals Supplement,
# CJK Compatibility Ideographs (and their supplement).
_COMPAT_BLOCKS = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
# Below this share of characters that OpenCC's t2s would change, a text is simplified with a few
# variant characters, and is left alone.
TRADITIONAL_SHARE = 0.02


def _compat_char(ch: str) -> str:
    code = ord(ch)
    if any(lo <= code <= hi for lo, hi in _COMPAT_BLOCKS):
        mapped = unicodedata.normalize("NFKC", ch)
        if len(mapped) == 1:
            return mapped
    return ch


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def map_compatibility(text: str) -> str:
    """Kangxi radicals and compatibility ideographs as ordinary ideographs, one character for one."""
    if not any(_compat_char(ch) != ch for ch in set(text)):
        return text
    return "".join(_compat_char(ch) for ch in text)


def traditional_share(text: str) -> float:
    """The share of CJK characters that OpenCC's t2s would change."""
    converter = _t2s()
    cjk = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not cjk:
        return 0.0
    changed = {ch for ch in set(cjk) if converter.convert(ch) != ch}
    return sum(1 for ch in cjk if ch in changed) / len(cjk)


def to_simplified(text: str) -> str:
    """Traditional characters as simplified ones (OpenCC t2s), one character for one."""
    converter = _t2s()
    whole = converter.convert(text)
    if len(whole) == len(text):
        return whole
    # a phrase mapping changed the length somewhere: map character by character instead
    return "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in text)


def for_extraction(text: str) -> str:
    """``text`` as the extractor reads it; ``len(for_extraction(t)) == len(t)`` always."""
    out = map_compatibility(text)
    if traditional_share(out) >= TRADITIONAL_SHARE:
        out = to_simplified(out)
    return out
