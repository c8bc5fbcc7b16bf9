"""Give the divisions of ``china_divisions.csv`` that have none the short form reports use (大同 for 大同市,
乐东 for 乐东黎族自治县, 临夏 for 临夏回族自治州), where the reading is safe.

Reports name a division by its short form far more often than by its full name. The file as first built
gave a short form only to some divisions; this pass derives the rest by rule, from the names alone:

- the short form is the name without its administrative ending (市 县 区 旗 盟 地区 林区 特区 自治州 自治县
  自治旗, with the ethnic names before 自治… removed, cpca's ``56_nations`` list), at least two characters;
- cities (prefectures and county-level cities) and counties get one (通榆 for 通榆县, 阿克塞 for 阿克塞哈萨克族自治县:
  reports name counties by their short forms); districts do not: their stems are too often ordinary words in
  running text (河西区, 海港区); a county's stem must pass the stricter test below (安新 in 雄安新区 and 沿河 in
  沿河公园 are left to the extractor's reading of word edges), and no other name of the gazetteer may hold it past
  its first character or start it (安新 in 雄安新区, 滨海 in 滨海新区, 长白 in 长白山), nor may it end in 新 (贵安新区);
- it is no form of any other gazetteer entry (places, world, physical features, regions, organisations,
  industries), and jieba's dictionary does not know it as a common noun, verb or adjective seen 50 times
  or more, nor any word it has seen 100 times or more that it does not tag a place (新兴, 友谊, 和平 stay
  full: jieba's tags are loose); below the prefectures, nor a word it has seen 1,000 times whatever its
  tag (江山, 商城), nor a form that starts or ends with 和, 与, 及, 的 or 在 (和政, 新和: read across the
  conjunction in running text);
- where several divisions share it, it goes to the city only if every other one lies inside that city
  (临夏回族自治州 over its 临夏市 and 临夏县), or, for a prefecture, a district elsewhere (大同 over 大庆's
  大同区, which keeps its 区); otherwise nobody gets it (东港: 日照's 东港区 and 丹东's 东港市).

The division is then named by its short form, the full name becoming an alias (the file's convention),
and parents that named it by its full name follow. Run from the repository root (needs cpca, like
build_reference_places.py): ``.venv/bin/python tools/gazetteers/division_short_forms.py``. Idempotent.
"""

from __future__ import annotations

import csv
import io
import os
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIR = ROOT / "loaders" / "gazetteers"
DIVISIONS = DIR / "china_divisions.csv"
OTHER_FILES = ("places.csv", "place_conventions.csv", "world_places.csv", "china_regions.csv",
               "china_physical.csv", "organisations.csv", "industries.csv")
LEVEL = {"city": 3, "county_city": 2, "county": 1, "district": 1}
ENDINGS = ("自治州", "自治县", "自治旗", "地区", "林区", "特区", "市", "县", "区", "旗", "盟")
COMMON_TAGS = {"n", "v", "vn", "a", "an", "ad", "d", "l", "i"}
CITY_COMMON_TAGS = {"n", "v", "vn", "a", "an"}
COMMON_MIN_FREQ = 50
FREQUENT = 100
VERY_FREQUENT = 1000
FUNCTION_CHARS = "和与及的在"


def nations() -> list[str]:
    import cpca

    path = Path(os.path.dirname(cpca.__file__)) / "resources" / "56_nations.csv"
    names = [line.strip().split(",")[0] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ethnic = {n for n in names if n.endswith("族")} | {n.removesuffix("族") for n in names if len(n) > 2}
    return sorted(ethnic | {"各族"}, key=len, reverse=True)  # 龙胜各族自治县


def short_form(name: str, ethnic: list[str]) -> str | None:
    if name.endswith("新区"):
        return None  # 滨海新区: 新区 is part of the name
    for ending in ENDINGS:
        if name.endswith(ending):
            stem = name[: -len(ending)]
            if ending.startswith("自治"):
                while True:
                    cut = next((e for e in ethnic if stem.endswith(e) and len(stem) > len(e)), None)
                    if cut is None:
                        break
                    stem = stem[: -len(cut)]
            if len(stem) < 2 or stem.endswith(("左", "右", "前", "中", "后", "翼")) or stem in ethnic:
                return None  # 土默特左旗, 鄂温克族自治旗: without the ending the name reads as something else
            return stem
    return None


def common_word(word: str, kind: str) -> bool:
    import jieba
    import jieba.posseg

    jieba.initialize()
    tag = jieba.posseg.dt.word_tag_tab.get(word)
    freq = jieba.dt.FREQ.get(word, 0)
    if kind == "city":  # a prefecture's short form yields only to a true common word (大同, 白银 are cities)
        return tag in CITY_COMMON_TAGS and freq >= COMMON_MIN_FREQ
    if word[0] in FUNCTION_CHARS or word[-1] in FUNCTION_CHARS or freq >= VERY_FREQUENT:
        return True  # 和政, 新和: read across 和 in running text; 江山, 商城: words first, counties second
    # jieba's tags are loose (友谊 nr, 和平 nz, 新兴 b): a frequent word not tagged a place is common too
    return (tag in COMMON_TAGS and freq >= COMMON_MIN_FREQ) or (tag != "ns" and freq >= FREQUENT)


def taken_forms() -> set[str]:
    forms: set[str] = set()
    for fname in OTHER_FILES:
        path = DIR / fname
        if not path.exists():
            continue
        text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
        for row in csv.DictReader(io.StringIO(text)):
            forms.add((row.get("name") or "").strip())
            forms.update(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
    return forms


def main() -> None:
    raw = DIVISIONS.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(raw)))
    ethnic = nations()
    forms = taken_forms()
    for row in rows:
        forms.add(row["name"])
        forms.update(a for a in row["aliases"].split("|") if a)
    # a county's stem read inside another name, past its first character, would misread it (安新 in 雄安新区)
    inside = [f for f in forms if len(f) >= 3]
    by_stem: dict[str, list[dict[str, str]]] = defaultdict(list)
    hand = list(csv.DictReader(io.StringIO((DIR / "places.csv").read_text(encoding="utf-8"))))
    for row in rows + hand:
        for full in [row["name"], *(a for a in row["aliases"].split("|") if a)]:
            stem = short_form(full, ethnic)
            if stem:
                by_stem[stem].append(row)
    proposals: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        if row["aliases"] or row["kind"] not in ("city", "county_city", "county"):
            continue  # named by its short form already (丰台, aliases 丰台区); districts keep 区
        short = short_form(row["name"], ethnic)
        own = {row["name"], *(a for a in row["aliases"].split("|") if a)}
        if short and short not in forms and not common_word(short, row["kind"]) and not (
                row["kind"] == "county" and (short.endswith("新") or any(
                    short in f[1:] or f.startswith(short) and f not in own for f in inside))):
            proposals[short].append(row)
    renamed: dict[str, str] = {}
    for short, cands in proposals.items():
        top = max(LEVEL[c["kind"]] for c in cands)
        best = [c for c in cands if LEVEL[c["kind"]] == top]
        if len(best) != 1:
            continue
        row = best[0]
        others = [o for o in by_stem[short] if o is not row and o["parent"] != row["name"]
                  and not (row["kind"] == "city" and o.get("kind") == "district")]
        if others:
            continue  # 东港: 日照's 东港区 and 丹东's 东港市; a city's own district (荆州区 of 荆州市) does not count
        renamed[row["name"]] = short
        row["aliases"], row["name"] = row["name"], short
    for row in rows:
        row["parent"] = renamed.get(row["parent"], row["parent"])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["name", "kind", "parent", "aliases"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    DIVISIONS.write_text(out.getvalue(), encoding="utf-8")
    print(f"{len(renamed)} divisions now named by their short form")


if __name__ == "__main__":
    main()
