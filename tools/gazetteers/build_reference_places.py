"""Build the reference place files of ``loaders/gazetteers/`` from maintained packages.

Run with the project venv, from the repository root::

    .venv/bin/python -m pip install babel pycountry cpca   # generator-only packages, not project dependencies
    .venv/bin/python tools/gazetteers/build_reference_places.py

It writes three files (header ``name,kind,parent,aliases``), each rebuilt whole on every run:

* ``world_places.csv``: countries and territories (ISO 3166-1) and world regions, by their Chinese names in
  Unicode CLDR (Babel's ``Locale('zh').territories``); the zh_CN translations of ISO 3166-1 shipped with
  pycountry (gettext domain ``iso3166-1``) add the official full names (卢森堡大公国, 哈萨克斯坦共和国) and other
  common names (阿联酋) as aliases.
* ``china_physical.csv``: rivers, lakes, seas, straits, bays, islands, mountains, deserts, grasslands, basins,
  plateaus, plains, deltas and peninsulas: the words jieba's own dictionary (``jieba/dict.txt``, columns word,
  frequency, POS) tags ``ns`` (place name) whose ending marks a physical feature, filtered (see ``physical``).
* ``china_regions.csv``: parts of provinces named by a province's one-character abbreviation (简称) and a
  direction (晋北, 豫东, 陕北, 苏南, 鲁西南), as jieba's dictionary tags them ``ns``.

Every form is checked against what the gazetteer already has: a form of ``places.csv``, ``china_divisions.csv``,
``place_conventions.csv``, ``organisations.csv`` or ``industries.csv`` is never repeated (those files win), nor
is the bare name of any division of China in cpca's adcodes table (南山, 江山, 沙河: a county's name is not
read as a mountain or river here); single characters and common words (a jieba word of a non-proper-noun POS
at least ``COMMON`` times frequent: 世界, 黄土) are never forms.
"""

from __future__ import annotations

import csv
import gettext
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GAZ = ROOT / "loaders" / "gazetteers"
HEADER = ("name", "kind", "parent", "aliases")
HAN = re.compile(r"[\u4e00-\u9fff]{2,}")

#: jieba POS tags of proper names: a word so tagged is no common word whatever its frequency.
PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "j"})
#: a jieba word of another POS this frequent is a common word (世界 34387 n, 黄土 1161 n, 火山 1753 n).
COMMON = 100

# --- world ---------------------------------------------------------------------------------------------

#: CLDR territory codes left out: China's own parts (香港, 澳门, 台湾 are kept by hand in places.csv),
#: the world itself (世界 is a common word), organisations (联合国), and CLDR's placeholders.
WORLD_SKIP = {"CN-HK", "HK", "MO", "TW", "001", "UN", "ZZ", "XA", "XB"}
#: CLDR names left out as forms: 中非 (Middle Africa, 017) reads as China–Africa in Chinese text (中非合作,
#: 中非经贸博览会); 中国 starts the names of national zones and bodies (中国(四川)自由贸易试验区, 中国科学技术大学),
#: which would all become parts of, or located in, 中国 (CN keeps its full name 中华人民共和国).
WORLD_AMBIGUOUS = {"中非", "中国"}
#: CLDR codes of political or monetary unions.
BLOCS = {"EU", "EZ"}


def world(jieba_words: dict[str, tuple[int, str]]) -> list[tuple[str, str, str, list[str]]]:
    import babel
    import pycountry

    cldr = babel.Locale("zh").territories
    iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    countries = {c.alpha_2: c for c in pycountry.countries}
    rows = []
    for code, cldr_name in sorted(cldr.items()):
        if code in WORLD_SKIP:
            continue
        forms: list[str] = []
        c = countries.get(code)
        iso_names = [iso.gettext(c.name)] if c else []
        if c is not None and getattr(c, "official_name", None):
            iso_names.append(iso.gettext(c.official_name))
        if re.search(r"[（(]", cldr_name):  # 刚果（金）: ISO's zh name (刚果民主共和国), else the name without the bracket
            plain = [n for n in iso_names if not re.search(r"[（(]", n)]
            forms += plain[:1] or [re.sub(r"\s*[（(][^)）]*[)）]\s*", "", cldr_name)]
        else:
            forms.append(cldr_name)
        forms += iso_names
        if code.isdigit():
            kind = "world_region"
            if cldr_name.endswith("洲") and jieba_words.get(cldr_name[:-1], (0, ""))[1] == "ns":
                forms.append(cldr_name[:-1])  # 北美洲 -> 北美, 南美洲 -> 南美 where jieba knows the short place name
        elif code in BLOCS:
            kind = "bloc"
        elif c is not None or code == "XK":
            kind = "country"  # ISO 3166-1 (dependent territories included) and Kosovo
        else:
            kind = "territory"  # CLDR's extra codes: 阿森松岛, 加纳利群岛 …
        forms = [f for f in dict.fromkeys(forms) if HAN.fullmatch(f) and f not in WORLD_AMBIGUOUS]
        if forms:
            rows.append((forms[0], kind, "", forms[1:]))
    return rows


# --- China's physical geography --------------------------------------------------------------------------

#: word endings that mark a physical feature, longest first, and the kind they give.
FEATURES = (
    ("三角洲", "delta"), ("海峡", "strait"), ("群岛", "island"), ("列岛", "island"), ("半岛", "peninsula"),
    ("山脉", "mountain"), ("沙漠", "desert"), ("戈壁", "desert"), ("草原", "grassland"), ("盆地", "basin"),
    ("高原", "plateau"), ("平原", "plain"), ("走廊", "corridor"),
    ("江", "river"), ("河", "river"), ("湖", "lake"), ("淀", "lake"), ("海", "sea"), ("湾", "bay"),
    ("岛", "island"), ("山", "mountain"), ("岭", "mountain"), ("峰", "mountain"),
)
#: feature characters: a two-character word of two of them is a generic pair (江河, 山川, 海湾, 河湖, 港湾).
FEATURE_CHARS = set("江河湖海山川岛湾峡岭峰泊淀洋港洲州水")
#: jieba tags of a one-character stem that is a bound place morpheme or abbreviation (淮, 渭, 闽, 渤, 湘): only
#: such a stem makes a two-character name (淮河, 渭河, 闽江, 渤海, 湘江); 开山, 马岛, 官山, 池河 are no names.
BOUND_TAGS = {"ns", "j", "ng", "zg"}
#: a direction or 黄 before 海 names a sea (东海, 南海, 黄海) whatever the stem's tag.
SEA_STEMS = set("东西南北黄")
#: characters that, before a one-character ending, make the last two characters a generic word: directions and
#: positions (日落西山, 马放南山), size (石投大海, 攀登高峰, 三座大山), numbers (扬名四海), verbs (信口开河, 香象渡河,
#: 猛虎下山) and literary words (曾经沧海, 休火山, 咸水湖).
GENERIC_TAIL = set("东西南北中上下前后内外大小高低深浅一二两三四五六七八九十百千万渡登入出开过跨沧刀火水")
#: the least jieba frequency of a kept word; two-character words (one-character stem) need more evidence.
MIN_FREQ = 3
MIN_FREQ_SHORT = 100
#: a word this frequent in jieba that starts a stem and is no known place makes the name generic, whatever its
#: tag (城市, ns 25084, in 城市热岛; 火山 in 火山湖; 青年 in 青年湖)
FREQUENT = 1000
#: a place name jieba has seen this often is one whatever common word it starts with (黄土高原 266: 黄土 is common)
WELL_KNOWN = 200
#: endings after which the stem alone names the feature (巴丹吉林沙漠 -> 巴丹吉林, 塔里木盆地 -> 塔里木); only stems of
#: three or more characters (a two-character stem is often a city or a common word: 巴黎盆地, 黄土高原, 雪山山脉).
SHORTENABLE = {"沙漠", "戈壁", "草原", "盆地", "高原", "山脉"}
DIRECTION_CHARS = set("东西南北中")
NUMBERED = re.compile(r"^[一二两三四五六七八九十百千万]+[里道岔汊沟号]")


def physical(jieba_words: dict[str, tuple[int, str]], taken: set[str],
             division_stems: set[str]) -> list[tuple[str, str, str, list[str]]]:
    def common(w: str) -> bool:
        f, tag = jieba_words.get(w, (0, ""))
        return tag not in PROPER_TAGS and f >= COMMON

    picked: dict[str, tuple[str, str, int]] = {}  # word -> (kind, ending, freq)
    for w, (f, tag) in jieba_words.items():
        if tag != "ns" or w in taken or w in division_stems or common(w):
            continue
        ending = next((e for e, _ in FEATURES if w.endswith(e) and len(w) > len(e)), None)
        if ending is None:
            continue
        stem = w[: -len(ending)]
        if len(stem) == 1:
            if len(ending) > 1 or stem in FEATURE_CHARS or f < MIN_FREQ_SHORT:
                continue  # 兰平原, 斯海峡: a fragment; 江河, 港湾: a generic pair
            if jieba_words.get(stem, (0, ""))[1] not in BOUND_TAGS and not (ending == "海" and stem in SEA_STEMS):
                continue
            if stem in DIRECTION_CHARS and ending != "海":
                continue  # 东湖, 西山, 北河: a direction and a feature
        else:
            if f < MIN_FREQ or set(stem) <= DIRECTION_CHARS:
                continue  # 中南海, 南北湖
            if len(w) == 4 and len(ending) == 1 and w[1] in FEATURE_CHARS and w[3] in FEATURE_CHARS:
                continue  # 人山人海, 崇山峻岭, 五洲四海: a parallel idiom
            if w[-2] in FEATURE_CHARS and len(ending) == 1 and w[-2:] not in ("山湖",):
                if w[-2] != "海":
                    continue  # 锦绣江山, 跑江湖, 火山岛, 长江黄河: ends in a generic pair or nests a feature
            if NUMBERED.match(stem):
                continue  # 五里河, 三里河, 二道河: numbered names that recur everywhere and nest (十五里河)
            if len(ending) == 1 and w[-2] in GENERIC_TAIL:
                continue  # 日落西山, 石投大海, 攀登高峰, 信口开河, 咸水湖
            if f < WELL_KNOWN and any((common(stem[:k]) and k < len(stem)) or (
                    jieba_words.get(stem[:k], (0, ""))[0] >= FREQUENT and stem[:k] not in taken | division_stems)
                   for k in range(2, len(stem) + (len(ending) == 1))):
                continue  # 城市热岛, 曾经沧海, 半壁江山, 火山湖, 青年湖: a common or frequent non-place word first
            if len(ending) > 1 and f < WELL_KNOWN and any(common(stem[k:]) for k in range(len(stem) - 1)):
                continue  # 山间盆地, 陕北黄土高原: the stem ends in a common word
            if any(w[k:] in taken for k in range(1, len(stem))):
                continue  # 中国台湾, 广西北海, 赣九江: a known place at the end
        picked[w] = (dict(FEATURES)[ending], ending, f)

    # a picked word that is a known place + another picked word is that word's alias (甘肃河西走廊, 新疆塔里木盆地);
    # X山脉 is an alias of X山 where both are picked (昆仑山脉 -> 昆仑山)
    alias_of: dict[str, str] = {}
    for w in picked:
        for other in picked:
            if other != w and w.endswith(other) and w[: -len(other)] in taken | division_stems:
                alias_of[w] = other
        if w.endswith("山脉") and w[:-1] in picked:
            alias_of[w] = w[:-1]
    aliases: dict[str, list[str]] = defaultdict(list)
    for w, target in alias_of.items():
        while target in alias_of:
            target = alias_of[target]
        aliases[target].append(w)

    rows = []
    used = set(taken)
    for w in sorted(picked, key=lambda x: (-picked[x][2], x)):
        if w in alias_of:
            continue
        kind, ending, _ = picked[w]
        forms = [w, *sorted(aliases[w])]
        stem = w[: -len(ending)]
        if ending in SHORTENABLE and len(stem) >= 3 and stem not in division_stems and not common(stem) \
                and stem not in picked and stem[-1] not in GENERIC_TAIL:
            forms.append(stem)  # 巴丹吉林
        forms = [f for f in forms if f not in used]
        if not forms or forms[0] != w:
            continue
        used.update(forms)
        rows.append((w, kind, "", forms[1:]))
    return rows


# --- macro-regions of provinces --------------------------------------------------------------------------

#: the one-character abbreviations (简称) of the province-level divisions and the province each stands for.
ABBREVIATIONS = {
    "京": "北京", "津": "天津", "沪": "上海", "渝": "重庆", "冀": "河北", "晋": "山西", "蒙": "内蒙古", "辽": "辽宁",
    "吉": "吉林", "黑": "黑龙江", "苏": "江苏", "浙": "浙江", "皖": "安徽", "闽": "福建", "赣": "江西", "鲁": "山东",
    "豫": "河南", "鄂": "湖北", "湘": "湖南", "粤": "广东", "桂": "广西", "琼": "海南", "川": "四川", "蜀": "四川",
    "黔": "贵州", "滇": "云南", "藏": "西藏", "陕": "陕西", "甘": "甘肃", "陇": "甘肃", "青": "青海", "宁": "宁夏",
    "新": "新疆",
}
DIRECTIONS = ("东南", "东北", "西南", "西北", "东", "西", "南", "北", "中")
MIN_FREQ_REGION = 10


def regions(jieba_words: dict[str, tuple[int, str]], taken: set[str],
            division_stems: set[str]) -> list[tuple[str, str, str, list[str]]]:
    rows = []
    for w, (f, tag) in sorted(jieba_words.items(), key=lambda x: (-x[1][0], x[0])):
        if tag != "ns" or f < MIN_FREQ_REGION or w in taken or w in division_stems:
            continue
        if w[0] in ABBREVIATIONS and w[1:] in DIRECTIONS:
            rows.append((w, "region", ABBREVIATIONS[w[0]], []))
    return rows


# --- inputs ----------------------------------------------------------------------------------------------

def jieba_dictionary() -> dict[str, tuple[int, str]]:
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    out: dict[str, tuple[int, str]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                out[parts[0]] = (int(parts[1]), parts[2])
    return out


def gazetteer_forms(*files: str) -> set[str]:
    forms: set[str] = set()
    for fname in files:
        path = GAZ / fname
        if not path.exists():
            continue
        with path.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                forms.add(row["name"].strip())
                forms.update(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
    return forms


SUFFIXES = re.compile(r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|省|市|地区|盟|县|区|旗|林区)$")


def division_stems() -> set[str]:
    """The names of China's divisions in cpca's adcodes table, with and without their suffix."""
    from importlib.resources import files

    res = files("cpca") / "resources"
    nations = sorted((n.strip() for n in (res / "56_nations.csv").read_text(encoding="utf-8").splitlines()
                      if n.strip()), key=len, reverse=True)
    out: set[str] = set()
    for row in csv.DictReader((res / "adcodes.csv").read_text(encoding="utf-8").splitlines()):
        name = row["name"].strip()
        out.add(name)
        stem = SUFFIXES.sub("", name)
        changed = True
        while changed:  # 怒江傈僳族自治州 -> 怒江, 海西蒙古族藏族自治州 -> 海西
            changed = False
            for n in nations:
                if stem.endswith(n) and len(stem) > len(n):
                    stem, changed = stem[: -len(n)], True
            if stem.endswith("各族"):
                stem, changed = stem[:-2], True
        if len(stem) >= 2:
            out.add(stem)
    return out


def write(fname: str, rows: list[tuple[str, str, str, list[str]]]) -> None:
    with (GAZ / fname).open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for name, kind, parent, aliases in rows:
            w.writerow((name, kind, parent, "|".join(aliases)))
    print(f"{fname}: {len(rows)} rows", file=sys.stderr)


def main() -> None:
    words = jieba_dictionary()
    kept = gazetteer_forms("places.csv", "china_divisions.csv", "place_conventions.csv",
                           "organisations.csv", "industries.csv")
    stems = division_stems()

    world_rows = [(n, k, p, [a for a in al if a not in kept]) for n, k, p, al in world(words) if n not in kept]
    world_rows = [r for r in world_rows if not _common(words, r[0])]
    taken = kept | {f for n, _, _, al in world_rows for f in (n, *al)}
    write("world_places.csv", world_rows)

    region_rows = regions(words, taken, stems)
    taken |= {n for n, *_ in region_rows}
    write("china_regions.csv", region_rows)

    write("china_physical.csv", physical(words, taken, stems))


def _common(words: dict[str, tuple[int, str]], w: str) -> bool:
    f, tag = words.get(w, (0, ""))
    return tag not in PROPER_TAGS and f >= COMMON


if __name__ == "__main__":
    main()
