"""Relations between the things of one paragraph.

Most come from inside names (owner at the start, places, A至B links, industry words); the rest
from context: the one industry a sentence names, or the industries a paragraph lists before its
projects (matched through each industry's keywords), adjacent places (即墨女岛 -> 女岛 PART_OF
即墨), 支持 X 建设 Y, and co-mention in a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qdkg.loaders.extract.common import Cand, industry_entries
from qdkg.loaders.gazetteer import COUNTY_KINDS, Gazetteer

SUPPORT = re.compile(r"支持|推动|鼓励")
NATURE_KINDS = ("river", "lake", "bay", "water", "mountain", "island", "sea")
#: Places that, leading a name, say whom a project serves or trades with rather than where it is: world regions,
#: blocs and groups of countries (中俄蒙国际物流园区, 南亚东南亚辐射中心, 中国-中亚…中心). A country stays a place:
#: 老挝万象新城 lies in Laos (a foreign firm's name, 韩国晓星, is read apart).
SCOPE_KINDS = ("world_region", "bloc", "group")
SUPPORT_VERBS = ("建设", "打造", "创建", "实施", "发展")


@dataclass
class RelFact:
    source: tuple[str, str]  # (label, canonical name)
    type: str
    target: tuple[str, str]
    evidence: tuple[int, int]  # character span of the evidence (a sentence)
    props: dict = field(default_factory=dict)


#: One-character endings of a division's full name (海晏县, 扎兰屯市).
ADMIN_ENDINGS = "县市区旗州盟"
#: Kinds of places a town written right after them lies in (扎兰屯市成吉思汗镇).
TOWN_PARENTS = ("county", "district", "county_city", "city")


def _keywords(gaz: Gazetteer, industry: str, listed: list[str]) -> list[str]:
    """An industry's own names and keywords, and those of its tracks the paragraph does not list itself."""
    e = gaz.industry(industry)
    if e is None:  # the text's word for a known industry (新材料): its entry's keywords
        found = gaz.lookup(industry) or gaz.lookup(industry + "产业")
        e = found if found is not None and found.label == "Industry" else None
    if e is None:  # 汽车及零部件: each part is a keyword; 光电子信息: so are those of the known industry inside it
        words = [industry] + [w for w in re.split("及|和|与|、", industry) if len(w) >= 2 and w != industry]
        for known in industry_entries(gaz):
            if len(known.name) >= 4 and known.name in industry:
                words += list(known.forms) + list(known.keywords)
        return [w for w in words if len(w) >= 2]
    words = list(e.forms) + list(e.keywords)
    for child in industry_entries(gaz):
        if child.parent == e.name and child.name not in listed:
            words += list(child.forms) + list(child.keywords)
    return [w for w in words if len(w) >= 2]


def _ancestors(gaz: Gazetteer, industry: str) -> list[str]:
    out, e = [], gaz.industry(industry)
    while e is not None and e.parent and e.parent not in out:
        out.append(e.parent)
        e = gaz.industry(e.parent)
    return out


def _owner_industry(gaz: Gazetteer, owner: tuple[str, str], named: list[str]) -> str | None:
    """The industry of a project's known owner, when the paragraph names it (or the broader one it belongs to):
    比亚迪合肥基地 in a paragraph that lists 新能源汽车."""
    org = gaz.by_name.get(owner)
    if org is None:
        return None
    for ind in org.industries:
        for n in named:
            if n == ind or n in _ancestors(gaz, ind):
                return n
    return None


def _best_industry(name: str, listed: list[str], gaz: Gazetteer) -> str | None:
    best, best_len = None, 0
    for ind in listed:
        for w in _keywords(gaz, ind, listed):
            if w in name and len(w) > best_len:
                best, best_len = ind, len(w)
    return best


def _natural(p: str, gaz: Gazetteer) -> bool:
    """A river, lake, bay, mountain or island (known, or written with such an ending)."""
    place = gaz.place(p)
    return place.kind in NATURE_KINDS if place is not None else p.endswith(tuple("湖河江湾山"))


def reporting_places(city: str | None, gaz: Gazetteer) -> set[str]:
    """The places every project of a report lies in: a province's or city's report, the place and the province
    above it; a district's or county's, only itself (海拉尔's report still places a theatre in 呼伦贝尔)."""
    if not city:
        return set()
    place = gaz.place(city)
    if place is not None and place.kind in COUNTY_KINDS:
        return {city}
    return {city, *gaz.place_ancestors(city)}


def name_relations(c: Cand, sentence: tuple[int, int], city: str | None, gaz: Gazetteer,
                   standalone: frozenset[str] = frozenset()) -> list[RelFact]:
    """What a project's or institution's own name says about it.

    ``standalone`` holds the places the document names outside any name: a place that only lends its
    name to an organisation (北京 in 北京大学) says nothing of where it is; one the text also names on
    its own does (兰州大学 in a report that names 兰州)."""
    src = (c.label, c.name)
    out: list[RelFact] = []
    if c.owner and c.owner[1] != c.name:
        out.append(RelFact(src, "OWNED_BY", c.owner, sentence, {"rule": "name"}))
    home = reporting_places(city, gaz)
    places = list(c.places)
    if c.label == "Institution" and not places:  # 兰州大学, 长春光机所: the place its name starts with
        own = max((p for p in standalone if c.name.startswith(p) and p != c.name), key=len, default=None)
        if own and not _natural(own, gaz):
            places = [own]
    places = [p for p in places if not any(p != q and p in q for q in places)]  # 马村港三期: 马村港, not 马村
    for p in places:
        if p in home or p == c.name:
            continue  # no link to the reporting place or its province: every project of the report is there
        if c.owner and p in c.owner[1]:
            continue  # 北京大学京津冀…中心: 北京 places the parent, not the centre
        if c.label == "Institution" and c.name.startswith(p) and (p not in standalone or _natural(p, gaz)):
            continue  # 西安交通大学 in a Hainan report, 崖州湾国家实验室: the place only lends the name
        if c.label == "District" and c.name.endswith(("都市圈", "经济圈", "城市群")):
            continue  # 杭州都市圈 is larger than 杭州, not part of it
        place = gaz.place(p)
        if place is not None and place.kind in SCOPE_KINDS:
            continue  # 中俄蒙国际物流园区: its partners, not its place
        rel = "PART_OF" if c.label == "District" else "LOCATED_IN"  # 平度经济开发区 -> 平度
        out.append(RelFact(src, rel, ("District", p), sentence, {"rule": "name"}))
    for p in c.connects:
        out.append(RelFact(src, "CONNECTS", ("District", p), sentence, {"rule": "link"}))
    for ind in c.industries:
        out.append(RelFact(src, "IN_INDUSTRY", ("Industry", ind), sentence, {"rule": "name"}))
    return out


#: A lead sentence is a short heading-like sentence (打造新型综合能源产业集群。), not a long first sentence.
LEAD_MAX = 32


def nested_industries(cands: list[Cand], industries: list[str], sentences: list[tuple[int, int]]) -> list[RelFact]:
    """An industry the document names, inside a project's or institution's name (甘肃种业实验室 → 种业).

    ``industries`` are the document's industry names, longest first; the longest inside the name wins.
    """
    out: list[RelFact] = []
    for c in cands:
        if c.label not in ("Project", "Institution") or c.industries:
            continue
        found = next((i for i in industries if i in c.name and i != c.name), None)
        if found:
            sent = next((s for s in sentences if s[0] <= c.start < s[1]), (c.start, c.end))
            out.append(RelFact((c.label, c.name), "IN_INDUSTRY", ("Industry", found), sent, {"rule": "name"}))
    return out


def _said_of(text: str, c: Cand, sent: tuple[int, int], industries: list[Cand], named: list[Cand],
             others: list[Cand], gaz: Gazetteer) -> str | None:
    """The one industry a sentence says of the firms or institutes it starts with, after them and before any
    other project or institution (…等加快扩能建设，生物医药产值超千亿元)."""
    after = [i for i in industries if c.end <= i.start < sent[1] and i.name not in gaz.lexicon.umbrella_industries]
    before = [i for i in industries if sent[0] <= i.start < c.start]
    names = list(dict.fromkeys(i.name for i in after))
    if len(names) != 1 or before:
        return None
    first = min(i.start for i in after)
    if any(c.end <= n.start < first for n in named):
        return None  # the industry is said of a project named between
    if text.count("，", c.end, first) > 1 or any(
            o.label in ("Company", "Institution") and c.end <= o.start < first and "，" in text[c.end : o.start]
            for o in others):
        return None  # 海光信息…等快速成长，诺和诺德制药等加快扩能建设，生物医药…: said of the nearest list only
    return names[0]


SUBJECT_LEAD = re.compile(r"^(?:[一二三四五六七八九十]是|其中|同时|此外)?[，,：:]?")


def _subject_industry(text: str, sent: tuple[int, int], industries: list[Cand], gaz: Gazetteer) -> Cand | None:
    """The industry a sentence opens with as its subject (汽车产业加速向…转型，…): not an umbrella class."""
    lead = SUBJECT_LEAD.match(text, sent[0], sent[1])
    at = lead.end() if lead else sent[0]
    first = next((i for i in industries if i.start == at), None)
    if first is None or first.name in gaz.lexicon.umbrella_industries:
        return None
    after = text[first.end : first.end + 2]
    said = first.text.endswith(("产业", "行业")) or after.startswith(("产业", "行业")) or first.rule == "industry-field"
    return first if said and not after.startswith(("产业集群", "产业链")) else None


def _clause_of(text: str, pos: int, sent: tuple[int, int]) -> tuple[int, int]:
    start = max((text.rfind(ch, sent[0], pos) for ch in "，,；;"), default=-1) + 1
    ends = [k for k in (text.find(ch, pos, sent[1]) for ch in "，,；;") if k >= 0]
    return max(start, sent[0]), min(ends, default=sent[1])


def _frames(text: str, industry: str, c: Cand, sent: tuple[int, int], cands: list[Cand]) -> bool:
    """Whether the sentence's industry governs ``c``: it stands in ``c``'s own clause, or in a clause
    that names nothing else and lists nothing (推进生物医药产业集群建设，加快A、B建设)."""
    at = text.find(industry, sent[0], c.start)
    lo, hi = _clause_of(text, at, sent)
    if lo <= c.start < hi:
        return True
    if "、" in text[lo:hi]:
        return False  # 甲制药、乙新材料、丙化工院等向临港集聚: an item of a list of names, unrecognised or not
    return not any(o.label in ("Project", "Institution", "Company") and lo <= o.start < hi for o in cands)


#: A sentence that opens a sub-block of its paragraph: 一是…, 四是大力提升旅游业发展水平。, 第二，…
ENUMERATED = re.compile(r"[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、是]")


def _blocks(text: str, sentences: list[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """Sentence → where its block starts: its line's start, or the start of the last sentence on its line that
    opens with an enumerator (a district's report runs 一是…。二是…。 in one paragraph; each is a block with its
    own lead)."""
    out: dict[tuple[int, int], int] = {}
    current = -1
    for start, end in sorted(sentences):
        current = max(current, text.rfind("\n", 0, start) + 1)  # a new line starts a new block
        sentence = text[start:end]
        if ENUMERATED.match(sentence.lstrip()):
            current = start
        out[(start, end)] = current
    return out


def context_relations(text: str, cands: list[Cand], sentences: list[tuple[int, int]], gaz: Gazetteer,
                      heading_industry: str | None = None) -> list[RelFact]:
    """Relations a paragraph states around its names (offsets relative to ``text``).

    ``heading_industry`` is the one industry of a lead written as a line of its own before the paragraph
    (推动清洁能源集成融合发展。⏎ …加快建设南山口…抽水蓄能电站): it stands for the paragraph's own lead."""
    out: list[RelFact] = []
    named = [c for c in cands if c.label in ("Project", "Institution") and c.rule in ("head", "list")]
    industries = [c for c in cands if c.label == "Industry"
                  and not any(n.start <= c.start and c.end <= n.end for n in named)]
    # a paragraph that lists industries (推动A、B、C 3个产业…) and then its projects
    listed = list(dict.fromkeys(c.name for c in industries if c.props.get("listed")))
    starts = sorted({c.start for c in cands})
    # a paragraph whose lead sentence names exactly one industry is about that industry
    leads: dict[int, tuple[tuple[int, int], str | None]] = {}
    heading = heading_industry  # a lead on a line of its own stands for the next paragraph's lead
    block_of = _blocks(text, sentences)
    for para in sorted(set(block_of.values())):
        in_para = [st for st in sentences if block_of[st] == para]
        lead = in_para[0] if in_para else (para, para)
        lead_names = list(dict.fromkeys(i.name for i in industries if lead[0] <= i.start < lead[1]))
        one = lead_names[0] if len(lead_names) == 1 and lead[1] - lead[0] <= LEAD_MAX \
            and lead_names[0] not in gaz.lexicon.umbrella_industries else None
        if one and len(in_para) == 1 and not any(lead[0] <= c.start < lead[1] for c in named):
            leads[para] = (lead, None)
            heading = one
            continue
        leads[para] = (lead, one if len(in_para) > 1 else None)
        if leads[para][1] is None and heading and not lead_names:
            leads[para] = ((para, para), heading)
        heading = None
    subjects = {sent: subj for sent in sentences if (subj := _subject_industry(text, sent, industries, gaz))}
    firms = [c for c in cands if c.label == "Company" and (c.rule.startswith("list") or c.rule == "brand")
             and not any(n.start <= c.start and c.end <= n.end for n in named)]
    institutes = [c for c in cands if c.label == "Institution" and c.rule == "list-institute"]
    for c in named + firms + institutes:
        sent = next((s for s in sentences if s[0] <= c.start < s[1]), (c.start, c.end))
        subject = subjects.get(sent)
        if subject and not c.industries and subject.end <= c.start:
            # 食品产业突出精深加工…，推动吉林梅花60万吨赖氨酸等项目: the sentence is about its subject
            out.append(RelFact((c.label, c.name), "IN_INDUSTRY", ("Industry", subject.name), sent, {"rule": "subject"}))
            continue
        if c.label == "Company" or c.rule == "list-institute":
            said = _said_of(text, c, sent, industries, named, firms + institutes, gaz)
            if said is not None and not c.industries:
                # 诺和诺德制药等加快扩能建设，生物医药产值超千亿元; 工生所、天大前沿院入选生物制造中试平台
                out.append(RelFact((c.label, c.name), "IN_INDUSTRY", ("Industry", said), sent, {"rule": "predicate"}))
            continue
        in_sentence = list(dict.fromkeys(i.name for i in industries if sent[0] <= i.start < sent[1]))
        nxt = next((p for p in starts if p >= c.end), sent[1])
        tail = text[c.end : min(nxt, sent[1])]
        tail = tail[: min((tail.find(ch) for ch in "，,；;。" if ch in tail), default=len(tail))]
        own = c.name + tail
        # the name's keywords first (京东方…显示…生产线 after 集成电路 in one sentence is still 新型显示)
        pool = list(dict.fromkeys(in_sentence + listed))
        choice = _best_industry(own, pool, gaz)
        if choice is None and c.owner:
            choice = _owner_industry(gaz, c.owner, pool)
        if choice is None and len(in_sentence) == 1 and c.label in ("Project", "Institution") \
                and in_sentence[0] in text[sent[0] : c.start] and _frames(text, in_sentence[0], c, sent, cands):
            choice = in_sentence[0]
            if c.industries and not any(choice in _ancestors(gaz, i) for i in c.industries):
                continue  # 友达光电新型显示模组 after 集成电路: the name's own industry wins (大健康 ⊂ 生命健康 may add)
        lead, lead_industry = leads.get(block_of.get(sent, text.rfind("\n", 0, sent[0]) + 1), ((0, 0), None))
        if choice and choice not in c.industries:
            out.append(RelFact((c.label, c.name), "IN_INDUSTRY", ("Industry", choice), sent, {"rule": "context"}))
        if lead_industry and sent[0] > lead[1] - 1 and lead_industry != choice and lead_industry not in c.industries \
                and (choice is None or c.rule == "list" or lead[0] == lead[1]):
            # 打造新型综合能源产业集群。…建成大湾、盘南等煤电项目: the lead's one industry, besides the sentence's
            # (gold-dev: IN_INDUSTRY is cumulative over the name, the sentence and the paragraph's lead)
            out.append(RelFact((c.label, c.name), "IN_INDUSTRY", ("Industry", lead_industry), sent, {"rule": "lead"}))
    places = sorted((c for c in cands if c.label == "District"), key=lambda c: c.start)
    ending_at: dict[int, list[Cand]] = {}
    for a in places:
        ending_at.setdefault(a.end, []).append(a)
    suffixed = [(before, after) for after in places if after.rule == "town" and text[after.start - 1 : after.start] in
                ADMIN_ENDINGS for before in ending_at.get(after.start - 1, [])]  # 海晏县谢家滩乡 read as 海晏, 谢家滩乡
    for a, b in [(before, after) for after in places for before in ending_at.get(after.start, [])] + suffixed:
        pb = gaz.place(b.name)
        if pb is not None and pb.parent == a.name or b.props.get("part_of") == a.name or (
                b.rule == "town" and (pa := gaz.place(a.name)) is not None and pa.kind in TOWN_PARENTS):
            sent = next((s for s in sentences if s[0] <= a.start < s[1]), (a.start, b.end))
            out.append(RelFact(("District", b.name), "PART_OF", ("District", a.name), sent, {"rule": "stated"}))
    for b in places:  # 中国(江苏)自由贸易试验区苏州片区: the area lies in the zone its name starts with
        zone = next((a for a in places if a is not b and a.start == b.start and a.end < b.end
                     and a.rule in ("zone", "head") and b.name.endswith("片区")), None)
        if zone is not None:
            sent = next((s for s in sentences if s[0] <= b.start < s[1]), (b.start, b.end))
            out.append(RelFact(("District", b.name), "PART_OF", ("District", zone.name), sent, {"rule": "name"}))
    for m in SUPPORT.finditer(text):
        found = next((s for s in sentences if s[0] <= m.start() < s[1]), None)
        if found is None:
            continue
        sent = found
        backer = next((c for c in sorted(cands, key=lambda c: c.start) if c.start == m.end()
                       and c.label in ("Company", "Institution", "District")), None)
        if backer is None:
            continue
        rest = text[backer.end : sent[1]]
        if not rest.startswith(SUPPORT_VERBS):
            continue
        # 支持X建设Y、Z, 推动W建设V: X backs what its own clause names, up to the next comma or semicolon.
        clause_end = backer.end + next((i for i, ch in enumerate(rest) if ch in "，,；;。"), len(rest))
        for c in named:
            if backer.end < c.start < clause_end and c is not backer:
                out.append(RelFact((c.label, c.name), "SUPPORTED_BY", (backer.label, backer.name), sent,
                                   {"rule": "支持"}))
    return out


def co_mentions(cands: list[Cand], sentences: list[tuple[int, int]]) -> list[RelFact]:
    """RELATED_TO between distinct things named in one sentence."""
    out: list[RelFact] = []
    for s in sentences:
        here = list(dict.fromkeys((c.label, c.name) for c in cands if s[0] <= c.start < s[1]))
        for i, a in enumerate(here):
            for b in here[i + 1 :]:
                out.append(RelFact(a, "RELATED_TO", b, s, {"rule": "sentence"}))
    return out
