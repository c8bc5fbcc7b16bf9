"""What a report says about itself: its place and the place's level, the year, the meeting, the speaker, the title.

A work report opens the same way everywhere: a title (often spaced out, 政 府 工 作 报 告), the meeting line
(——2026年1月25日在北京市第十六届人民代表大会第四次会议上) and the speaker (北京市市长 殷勇). The meeting line
names the place whose congress hears the report, so a district's report is keyed to the district (海拉尔区), never
to its prefecture or to a word of its first sentence. Only when a text has no such opening (an excerpt) do the
phrases a report uses about its own government decide (X市人民政府, 中共X市委, X市YYYY年政府工作报告), with the
name's boundary found by how often each candidate recurs (青岛 recurs, 共青岛 does not). The year is the year of the
meeting, else the work year the plans are for (YYYY年工作总体要求), not the year the report reviews.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from qdkg.loaders.gazetteer import COUNTY_KINDS, Gazetteer, load_gazetteer
from qdkg.loaders.textnorm import for_extraction

_HAN = r"\u4e00-\u9fff"
_NUM = "一二三四五六七八九十百零〇"
_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}

#: Levels of government a report can come from, as stored on the Document node.
LEVELS = ("province", "city", "district", "county")
#: The gazetteer's kinds of place, as a level (a city without a parent is a municipality: province level).
_LEVEL_OF_KIND = {"province": "province", "city": "city", "county_city": "county", "county": "county",
                  "district": "district", "new_area": "district", "functional_area": "district"}
#: Name endings that give the level when the gazetteer does not know the place (longest first).
_LEVEL_OF_SUFFIX = (("自治区", "province"), ("自治州", "city"), ("自治县", "county"), ("自治旗", "county"),
                    ("省", "province"), ("市", "city"), ("州", "city"), ("盟", "city"), ("区", "district"),
                    ("县", "county"), ("旗", "county"))

# The meeting line: (——)2026年1月25日在北京市第十六届人民代表大会第四次会议上; numbers in digits or in Chinese.
_DATE = rf"(?P<y>\d{{4}}|[{_NUM}○O]{{4}})年(?P<m>\d{{1,2}}|[{_NUM}]{{1,3}})月(?P<d>\d{{1,2}}|[{_NUM}]{{1,3}})日"
_MEETING = re.compile(
    rf"{_DATE}在(?P<place>[{_HAN}]{{2,15}}?)(?:第)?[{_NUM}\d]+届人民代表大会(?:第[{_NUM}\d]+次会议)?上?"
)
_DASHES = "—―－-─ \u3000（()）"
# The speaker line: 海拉尔区人民政府区长　　张天喜, 北京市市长 殷勇, 省长 李炳军, 自治区人民政府主席 张雨浦.
_ROLES = r"(?:代理|代)?(?:省长|市长|区长|县长|旗长|州长|盟长|主席)"
_SPEAKER = re.compile(rf"^(?P<org>[{_HAN}]{{0,16}}?)(?P<role>{_ROLES})[\s\u3000]*(?P<name>[{_HAN}·][{_HAN}·\s\u3000]{{1,8}})$")
_SPEAKER_LINE_MAX = 30
# "我代表海拉尔区人民政府": the place the government speaks for, when the opening has no meeting line.
_ON_BEHALF = re.compile(rf"我代表(?P<place>[{_HAN}]{{2,12}}?)人民政府")
_SPACED = re.compile(rf"(?<=[{_HAN}])[ \u3000\t]+(?=[{_HAN}])")
_TITLE_LINE = re.compile(rf"^(?:\d{{4}}年)?(?:[{_HAN}]{{2,12}}?)?(?:\d{{4}}年)?政府工作报告(?:[(（][{_HAN}]{{1,6}}[)）])?$")
_OPENING_LINES = 40

#: Phrases that name the report's own city; group "pre" is the text before 市, right-aligned.
_CITY_CUES = (
    re.compile(rf"(?P<pre>[{_HAN}]{{2,6}})市第[{_NUM}\d]+届人民代表大会"),
    re.compile(rf"(?P<pre>[{_HAN}]{{2,6}})市人民(?:政府|代表大会)"),
    re.compile(rf"中共(?P<pre>[{_HAN}]{{2,5}})市委"),
    re.compile(rf"(?P<pre>[{_HAN}]{{2,6}})市(?:代)?市长"),
    re.compile(rf"(?P<pre>[{_HAN}]{{2,6}})市(?:\d{{4}}年)?政府工作报告"),
    re.compile(rf"(?P<pre>[{_HAN}]{{2,6}})市委(?:、市政府|市政府)"),
)
#: Characters that never begin a city name (verbs, pronouns and particles before one).
_NOT_FIRST = set("在向对为和与及的是了把被将从于全本我各该其此这那到由给让使以")
#: Endings that make "X市" a common word, not a city (城市, 超市, 县级市, 夜市 …).
_NOT_LAST = set("城超级夜门股楼上都")

#: Phrases that name the work year, strongest first.
_YEAR_CUES = (
    re.compile(r"(20\d{2}|19\d{2})年(?:政府)?工作(?:的)?总体要求"),
    re.compile(r"(20\d{2}|19\d{2})年(?:的)?重点工作"),
    re.compile(r"(20\d{2}|19\d{2})年(?:经济社会发展的)?主要(?:预期)?目标"),
    re.compile(r"(20\d{2}|19\d{2})年(?:政府)?工作(?:任务|安排)"),
    re.compile(r"(20\d{2}|19\d{2})年政府工作报告"),
    re.compile(r"(20\d{2}|19\d{2})年\d{1,2}月\d{1,2}日在[^\n]{0,30}人民代表大会"),
)

_HEADING_LIKE_MAX = 40
_OUTLINE = re.compile(rf"^(?:[{_NUM}]+、|[(（][{_NUM}]+[)）]|各位代表)")
_REPORT_TITLE = re.compile(rf"(?:[{_HAN}]{{2,8}}市)?(?:\d{{4}}年)?政府工作报告")


def _best_prefix(pre: str, text: str, counts: dict[str, int]) -> str | None:
    """Of the endings of ``pre`` (2–4 characters), the city name: the longest that recurs as often."""
    best: str | None = None
    best_n = 0
    for size in (2, 3, 4):
        if len(pre) < size:
            break
        cand = pre[-size:]
        if cand[0] in _NOT_FIRST or cand[-1] in _NOT_LAST:
            continue
        n = counts.get(cand)
        if n is None:
            n = counts[cand] = text.count(cand)
        # a longer name wins only if it is about as frequent (石家庄 vs 家庄), not a one-off (共青岛).
        if best is None or n >= 0.8 * best_n:
            best, best_n = cand, n
    return best


def detect_city(text: str) -> str | None:
    """The city the report is about, without 市 (青岛), or None when the text does not say."""
    votes: Counter[str] = Counter()
    counts: dict[str, int] = {}
    for weight, cue in zip((5, 5, 4, 4, 4, 3), _CITY_CUES):
        for m in cue.finditer(text):
            name = _best_prefix(m.group("pre"), text, counts)
            if name:
                votes[name] += weight
    if votes:
        return votes.most_common(1)[0][0]
    # Weak evidence: a "X市" name that recurs on its own (对青岛工作, 健康青岛 …) at least three times.
    for m in re.finditer(rf"([{_HAN}]{{2,4}})市(?![场民政区域级县内外值委属直容])", text):  # not 交易市场, 城市民生
        name = _best_prefix(m.group(1), text, counts)
        if name and counts.get(name, 0) >= 3:
            votes[name] += 1
    if votes:
        name, n = votes.most_common(1)[0]
        if n >= 2:
            return name
    return None


def detect_year(text: str) -> int | None:
    """The year the report's work plan is for, or None."""
    for cue in _YEAR_CUES:
        found = Counter(int(m.group(1)) for m in cue.finditer(text))
        if found:
            return found.most_common(1)[0][0]
    return None


def detect_title(text: str, *, hint: str | None, city: str | None, year: int | None, stem: str) -> str:
    """A heading-like first line, the format's own title, a 城市+年份+政府工作报告 phrase, else the file stem."""
    candidates = [hint] if hint else []
    first = text.split("\n", 1)[0].strip() if text else ""
    if first and len(first) <= _HEADING_LIKE_MAX and not first.endswith(("。", "；", ";", "，", ",", "：", ":")) \
            and not _OUTLINE.match(first):
        candidates.append(first)
    for title in candidates:
        title = title.strip()
        if title == "政府工作报告" and city and year:
            return f"{city}市{year}年政府工作报告"
        if title:
            return title
    m = _REPORT_TITLE.search(text[:2000])
    if m and m.group(0) != "政府工作报告":
        return m.group(0)
    # An excerpt without its heading still reads as the report it is (政府工作总的要求是…).
    if city and year and ("政府工作报告" in text[:2000] or "政府工作" in text[:6000]):
        return f"{city}市{year}年政府工作报告"
    return stem


@dataclass(frozen=True)
class DocMeta:
    """What the opening of a report says about it."""

    title: str
    place: str | None  # as the report names it: 海拉尔区, 北京市, 甘肃省 (青岛市 when only phrases name it)
    level: str | None  # one of LEVELS
    year: int | None
    meeting: str | None  # 2026年1月25日在北京市第十六届人民代表大会第四次会议上
    speaker: str | None  # 殷勇
    speaker_role: str | None  # 市长, 区长, 代省长, 主席 …

    @property
    def city(self) -> str | None:
        """The document's place as stored (``Document.city``): a city without 市 (青岛), others as named."""
        if self.place and self.place.endswith("市") and len(self.place) > 2:
            return self.place[:-1]
        return self.place


def _year_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    digits = [_DIGITS.get(ch) for ch in text]
    if any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


#: How a district's or county's report speaks of itself (全区经济, 我县, 本旗), and how a city's does (全市).
COUNTY_SELF = re.compile(r"[全我本](?:区|县|旗)(?![域级委政属])")
CITY_SELF = re.compile(r"[全我本]市(?![场民政属])")


def _own_district(gaz: Gazetteer, text: str, city: str | None) -> str | None:
    """The district or county of ``city`` whose report (or an excerpt of it) ``text`` is: the text speaks of itself
    as a district or county (全区, 我县) more often than as a city (全市) and names one of the city's districts at
    least twice (an excerpt of 海拉尔区's report names 呼伦贝尔市 more often than 海拉尔)."""
    entry = gaz.place(city) if city else None
    if entry is None or entry.kind != "city" or len(COUNTY_SELF.findall(text)) <= len(CITY_SELF.findall(text)):
        return None
    counts = {e.name: text.count(e.name) for e in gaz.entries
              if e.label == "District" and e.kind in COUNTY_KINDS and e.parent == entry.name and e.name in text}
    best = max(sorted(counts), key=lambda n: counts[n], default=None)
    return _full_name(gaz, best) if best is not None and counts[best] >= 2 else None


def _known_place(gaz: Gazetteer, name: str) -> tuple[str | None, str | None]:
    """(level, parent) of a place the gazetteer knows, or from its ending; (None, None) if it is no place."""
    for form in (name, *(name[: -len(s)] for s, _ in _LEVEL_OF_SUFFIX if name.endswith(s) and len(name) > len(s) + 1)):
        entry = gaz.lookup(form)
        if entry is not None and entry.label == "District" and entry.kind in _LEVEL_OF_KIND:
            level = _LEVEL_OF_KIND[entry.kind]
            if entry.kind == "city" and not entry.parent:
                level = "province"  # 北京, 上海, 天津, 重庆
            return level, entry.parent or None
    for suffix, level in _LEVEL_OF_SUFFIX:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return level, None
    return None, None


def _is_place(gaz: Gazetteer, name: str) -> bool:
    return len(name) >= 2 and name[0] not in _NOT_FIRST and _known_place(gaz, name)[0] is not None


def _own_part(gaz: Gazetteer, name: str) -> str:
    """青岛市崂山区 -> 崂山区: a place named with its parent in front is the place itself."""
    if gaz.lookup(name) is None:
        for cut in range(2, len(name) - 1):
            head, rest = name[:cut], name[cut:]
            if gaz.lookup(head) is not None and gaz.lookup(rest) is not None and _is_place(gaz, rest):
                return rest
    return name


def _full_name(gaz: Gazetteer, name: str) -> str:
    """A place named without its ending (青岛) as a report would name it (青岛市)."""
    entry = gaz.lookup(name)
    if entry is not None and entry.label == "District" and name == entry.name:
        for alias in entry.aliases:
            if alias.startswith(name) and alias[len(name):] in {s for s, _ in _LEVEL_OF_SUFFIX}:
                return alias
    return name


def _opening(text: str) -> list[str]:
    lines = [line.strip(" \u3000\t") for line in text.split("\n")]
    return [line for line in lines if line][:_OPENING_LINES]


def describe(
    text: str,
    *,
    hint: str | None = None,
    stem: str = "",
    city: str | None = None,
    year: int | None = None,
    gazetteer: Gazetteer | None = None,
) -> DocMeta:
    """Read a report's metadata from its text; ``city``/``year`` (the planner's overrides) win."""
    gaz = gazetteer or load_gazetteer()
    norm = for_extraction(text)
    opening = _opening(norm)
    head = "\n".join(opening)

    meeting_match = _MEETING.search(head)
    meeting = None
    found_year = None
    places: list[str] = []
    if meeting_match:
        meeting = re.sub(r"[\s\u3000]+", "", meeting_match.group(0)).strip(_DASHES)
        found_year = _year_number(meeting_match.group("y"))
        places.append(meeting_match.group("place"))
    speaker = role = None
    for line in opening:
        m = _SPEAKER.match(line) if len(line) <= _SPEAKER_LINE_MAX else None
        if m:
            speaker = re.sub(r"[\s\u3000]+", "", m.group("name"))
            role = m.group("role")
            org = m.group("org").removesuffix("人民政府")
            if org:
                places.append(org)
            break
    behalf = _ON_BEHALF.search(norm[:4000])
    if behalf:
        places.append(behalf.group("place"))
    titles = [_SPACED.sub("", t) for t in ([hint] if hint else []) + opening]
    titles = [t for t in titles if _TITLE_LINE.match(t)]
    for t in titles:
        named = re.sub(r"\d{4}年|政府工作报告|[(（].*", "", t)
        if named:
            places.append(named)

    place = _full_name(gaz, city) if city else next((_own_part(gaz, p) for p in places if _is_place(gaz, p)), None)
    if place is None:
        short = detect_city(norm)
        place = _full_name(gaz, short) if short else None
        place = _own_district(gaz, norm, short) or place
    level = _known_place(gaz, place)[0] if place else None
    title_years = [int(m.group(1)) for t in titles if (m := re.search(r"(\d{4})年", t))]
    work_year = year or found_year or (title_years[0] if title_years else None) or detect_year(norm)

    title = next((t for t in titles if place and _short(place) in t and t != "政府工作报告"), None)
    if title is None:
        if place and work_year and (titles or "政府工作" in norm[:6000]):
            title = f"{place}{work_year}年政府工作报告"
        else:
            title = detect_title(text, hint=hint, city=_short(place) if place else None, year=work_year, stem=stem)
    return DocMeta(title=title, place=place, level=level, year=work_year, meeting=meeting,
                   speaker=speaker, speaker_role=role)


def _short(place: str) -> str:
    """青岛市 -> 青岛, 甘肃省 -> 甘肃, 海拉尔区 -> 海拉尔: the form a title may use."""
    for suffix, _ in _LEVEL_OF_SUFFIX:
        if place.endswith(suffix) and len(place) > len(suffix) + 1:
            return place[: -len(suffix)]
    return place
