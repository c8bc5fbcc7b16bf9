"""What a report says about itself: its title, its city and the year it plans for.

Generic over Chinese cities: the city comes from the phrases a work report always uses about
its own government (X市人民政府, X市第N届人民代表大会, 中共X市委, X市市长, X市YYYY年政府工作报告),
with the name's boundary found by how often each candidate recurs in the text (青岛 recurs,
共青岛 does not). The year is the work year: the one the report's plans are for
(YYYY年工作总体要求, YYYY年重点工作), not the year it reviews.
"""

from __future__ import annotations

import re
from collections import Counter

_HAN = r"\u4e00-\u9fff"
_NUM = "一二三四五六七八九十百零〇"

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
    for m in re.finditer(rf"([{_HAN}]{{2,4}})市", text):
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
