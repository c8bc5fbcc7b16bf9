"""Add to ``china_divisions.csv`` the districts whose names several cities share (朝阳区 in 北京 and 长春, 鼓楼区 in
four cities, 通州区 in 北京 and 南通), which the file as first built left out: each name is one row, kind
``district``, no parent (the name does not say which city's it is) and no short form (朝阳 is a city's).

Source: cpca's ``adcodes.csv`` (the names that occur more than once). Left out: what is no name (市辖区, 城区, 郊区,
矿区, 省直辖县级行政区划), names that are also a kind of urban area in running text (新城区, 城中区, 市中区), and names
another place file already has (places.csv's 河东区, 南山区: an earlier file wins). Run from the
repository root (needs cpca, like build_reference_places.py):
``.venv/bin/python tools/gazetteers/shared_division_names.py``. Idempotent.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from pathlib import Path

from qdkg.loaders.gazetteer import PLACE_FILES

DIVISIONS = Path(__file__).resolve().parents[2] / "loaders" / "gazetteers" / "china_divisions.csv"
NOT_NAMES = {"市辖区", "城区", "郊区", "矿区", "省直辖县级行政区划", "县", "新城区", "城中区", "市中区"}


def main() -> None:
    import cpca

    adcodes = Path(os.path.dirname(cpca.__file__)) / "resources" / "adcodes.csv"
    with adcodes.open(encoding="utf-8") as f:
        counts = Counter(r["name"] for r in csv.DictReader(f))
    with DIVISIONS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    have: set[str] = set()
    for fname in PLACE_FILES:  # every place file's names and aliases
        with (DIVISIONS.parent / fname).open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                have |= {r.get("name") or ""} | {a for a in (r.get("aliases") or "").split("|") if a}
    added = sorted(n for n, k in counts.items() if k > 1 and n.endswith("区") and n not in have and n not in NOT_NAMES)
    rows += [{"name": n, "kind": "district", "parent": "", "aliases": ""} for n in added]
    with DIVISIONS.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["name", "kind", "parent", "aliases"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{DIVISIONS.name}: +{len(added)} shared district names: {' '.join(added)}")


if __name__ == "__main__":
    main()
