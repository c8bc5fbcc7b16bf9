"""Mine the words industries end with from unlabelled work reports: ``loaders/gazetteers/industry_words.csv``.

An industry named in a list the text frames as industries (A、B等产业, 发展A、B经济, X业增加值) ends with a
word that names a kind of industry (风电, 物流, 装备, 加工). Those final words, seen in at least ``MIN_REPORTS``
reports, let the extractor accept an industry a sentence sets out to develop (大力发展海上风电) where no list
frames it. Only the list-framed finders' output is counted, never a gold annotation.

Usage (from the repo root; the reports are read, not copied):

    .venv/bin/python tools/gazetteers/mine_industry_words.py REPORT.txt [REPORT.txt ...]

It rewrites loaders/gazetteers/industry_words.csv (idempotent for the same reports).
"""

from __future__ import annotations

import collections
import csv
import sys
from pathlib import Path

from qdkg.loaders.extract.common import pos_cut
from qdkg.loaders.extract.industries import QUALIFIERS, find_industries, trim_industries
from qdkg.loaders.gazetteer import GAZETTEER_DIR, read_gazetteer
from qdkg.loaders.reading import read_document

#: The finders whose industries the text itself frames as industries.
FRAMED_RULES = ("industry-list", "industry-verb", "industry-suffix", "industry-sector")
MIN_REPORTS = 2
#: Final words that rank, place or count an industry rather than say its kind (数字经济核心 产业, 外商投资 企业).
NOT_KINDS = frozenset({"核心", "科技", "外商投资", "智能", "数据", "信息"})
OUT = GAZETTEER_DIR / "industry_words.csv"


def final_word(name: str) -> str | None:
    words = [w.word for w in pos_cut(name)]
    if len(words) < 2 or len(words[-1]) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in words[-1]):
        return None  # a one-word industry says nothing of what such names end with
    return words[-1]


def main(paths: list[str]) -> None:
    gaz = read_gazetteer()
    lex = gaz.lexicon
    seen: dict[str, set[str]] = collections.defaultdict(set)
    for p in paths:
        text = read_document(Path(p)).text
        for c in trim_industries(text, find_industries(text, gaz), gaz):
            if c.rule not in FRAMED_RULES:
                continue
            w = final_word(c.name)
            if w and w not in lex.industry_stops and not w.endswith(("产业", "经济", "行业")) \
                    and w not in QUALIFIERS.split("|") and not w.endswith(lex.industry_suffix_stops) \
                    and w not in NOT_KINDS:
                seen[w].add(Path(p).stem)
    rows = sorted(((w, len(r)) for w, r in seen.items() if len(r) >= MIN_REPORTS), key=lambda x: (-x[1], x[0]))
    with open(OUT, "w", encoding="utf-8", newline="") as f:  # provenance: loaders/gazetteers/README.md
        w = csv.writer(f)
        w.writerow(["word", "reports"])
        w.writerows(rows)
    print(f"{OUT}: {len(rows)} words", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
