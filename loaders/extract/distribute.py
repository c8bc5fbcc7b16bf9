"""Lists that share a head: ``A、B等项目``, ``A、B项目``, ``A、B、C等一批“…”标志性项目``: every item is a name.

An item is a project when it names one thing (a place, an owner, a quoted or proper part); it is owned by the firm
it starts with (a known firm, a firm named with 公司/银行 or a trade's ending, a place and a firm's ending, a known
firm's short name and more before a place) and located in the places it holds. A list whose class phrase names
fields or funds (等重点领域…项目, 等资金的项目) is not a list of projects.
"""

from __future__ import annotations

import re

from qdkg.loaders.extract.common import (
    DIGITS,
    Cand,
    clauses,
    common_vocab,
    cover_residue,
    ends_with_any,
    plain_words,
    starts_with_any,
    strip_quotes,
)
from qdkg.loaders.extract.names import PROGRAMME_VERBS, _class_industry, _inner, left_boundary
from qdkg.loaders.extract.owners import capacity_firm, firm_cand, unknown_owner
from qdkg.loaders.extract.specific import canonical_project, is_specific
from qdkg.loaders.gazetteer import Gazetteer

LIST_CLASS = re.compile(
    r"等(?:[0-9一二三四五六七八九十两]+[多余]?(?:个|家|所|项|大|条|座))?(?P<qual>[\u4e00-\u9fff“”]{0,16}?)"
    r"(项目|工程|研发机构|创新中心|国家创新中心|平台|国家平台)"
)
#: Words in a list's class phrase that make its items fields (等重点领域…项目, 等方面…工程).
DOMAIN_WORDS = re.compile("领域|方面|行业|环节")
#: Words in a list's class phrase that make its items organisations (等国内知名企业尽快实施项目).
ORGANISATION_WORDS = re.compile("企业|公司|集团|高校|院校|机构")


def _single_item(text: str, a: int, b: int, gaz: Gazetteer, known: list[Cand]) -> bool:
    """推动吉林梅花60万吨赖氨酸等项目, 国机智能装备等项目落地: one firm's project before 等…项目 is a list of
    one (a firm's capacity, or a known firm followed by what it makes)."""
    m = LIST_CLASS.search(text, a, b)
    if m is None or m.group(2) != "项目":
        return False
    s = left_boundary(text, a, m.start(), gaz)
    raw = text[s : m.start()]
    firm_first = any(k.start == s and k.label == "Company" and m.start() - k.end >= 2 for k in known)
    if not firm_first and not DIGITS.search(raw):
        brand = unknown_owner(raw + "项目", s, "项目", _inner(known, s, m.start()), gaz)  # 国机 智能装备
        firm_first = brand is not None and brand.label == "Company" and any(
            k.label == "Industry" and k.start == brand.end and k.end == m.start() for k in known)
    return firm_first or capacity_firm(raw, gaz) is not None


#: Endings of a town's or village's name: a size after one is the place's work, not a firm's.
TOWN_ENDINGS = ("镇", "乡", "村", "苏木", "嘎查")


def distribute(text: str, ca: int, cb: int, gaz: Gazetteer, known: list[Cand], found: list[Cand]) -> list[Cand]:
    """``A、B等项目`` and ``A、B项目``: a shared head makes every listed item a name."""
    items: list[tuple[int, int]] = clauses(text, ca, cb, breaks="、")
    if len(items) < 2 and not (items and _single_item(text, *items[0], gaz, known)):
        return []
    la, lb = items[-1]
    last = text[la:lb]
    m = LIST_CLASS.search(last)
    cls = ""
    class_industry = None
    if m and m.group(2) in ("项目", "工程") and (DOMAIN_WORDS.search(m.group("qual")) or "的" in m.group("qual")
                                               or ORGANISATION_WORDS.search(m.group("qual"))):
        return []  # 人的全面发展等重点领域…项目, 专债等资金的项目, 蒙西、银亿等国内知名企业尽快实施项目: fields,
        # funds or firms, not projects
    if m:
        cls = m.group(2)
        items = items[:-1] + [(la, la + m.start())]
        class_industry = _class_industry(m.group("qual"), gaz)  # 等绿色氢基能源项目
    phase_only = False
    fa = left_boundary(text, items[0][0], items[0][1], gaz)
    if ends_with_any(text[max(0, fa - 4) : fa], PROGRAMME_VERBS) and last.endswith("工程"):
        # 实施钾盐高效利用、锂盐量质提升…工程: the items are programmes, as 实施职教兴滇工程 is
        for c in found:
            if la <= c.start < lb and c.label == "Project" and c.text.endswith("工程"):
                c.label = "Program"
        return [Cand("Program", text[a:b], text[a:b], a, b, "program", props={"head": "工程"})
                for a, b in ([(fa, items[0][1])] + items[1:-1])]
    if not m:
        headed = [c for c in found if la <= c.start < lb and c.label == "Project"
                  and c.text.endswith(("项目", "工程"))]
        if not headed:
            # 推进芯恩集成电路二期、京东方…生产线建设: an item with a phase beside a project is a project
            if not any(la <= c.start < lb and c.label == "Project" and c.rule == "head" for c in found):
                return []
            phase_only = True
        items = items[:-1]
    out: list[Cand] = []
    lex = gaz.lexicon
    for k, (a, b) in enumerate(items):
        if any(c.start < b and a < c.end and c.rule != "link" and c.label != "District" for c in found):
            continue  # the item already has its own head
        s = left_boundary(text, a, b, gaz) if k == 0 else a
        raw = text[s:b]
        capacity = capacity_firm(raw, gaz) if raw and DIGITS.search(raw) else None
        if not raw or (DIGITS.search(raw) and capacity is None) or len(raw) > 20:
            continue
        if phase_only and not (ends_with_any(raw, lex.phases) and len(raw) >= 5
                               and _inner(known, s, b) and _inner(known, s, b)[0].label != "District"):
            continue
        if cls in ("创新中心", "国家创新中心"):
            name = raw + cls
            inner = _inner(known, s, b)
            out.append(Cand("Institution", name, raw, s, b, "list", props={"head": cls},
                            industries=[c.name for c in inner if c.label == "Industry"] or [raw]))
            continue
        if cls in ("研发机构", "平台", "国家平台"):
            continue
        inner = _inner(known, s, b)
        if gaz.lookup(strip_quotes(raw)) is not None:
            continue
        phased = (phase := ends_with_any(raw, lex.phases)) and m is not None and _phased_name(raw[: -len(phase)], gaz)
        if not phased and (not is_specific(raw, "", inner, gaz) or (
                not inner and len(cover_residue(raw, common_vocab(gaz))) < 2)):
            continue  # 碳化硅三期 in a list of projects is one: a phase belongs to one thing
        owner = next((c for c in inner if c.label in ("Company", "Institution") and c.start == s), None)
        if owner is not None and owner.label == "Company" and (longer := _owner_to_place(text, owner, inner, b)):
            owner = longer  # 中核汇能通榆: 中核汇能, not its parent 中核
            out.append(owner)
        places = [c.name for c in inner if c.label == "District" and not _home_country(c, s, b, gaz)]
        named_firm = firm_cand(capacity, text, s)
        if named_firm is not None and named_firm.name.endswith(TOWN_ENDINGS):
            if named_firm.name not in places:
                places.append(named_firm.name)
            named_firm = None  # 奋斗镇1.6万吨蔬菜仓储: the town's work, not a firm's
        if named_firm is not None and (owner is None or owner.start == s and named_firm.end > owner.end):
            owner = named_firm  # 中粮油脂年产60万吨油料: the firm 中粮油脂, not the parent brand 中粮
            out.append(owner)
        if owner is None and (placed := _place_named_firm(text, s, b, inner, gaz)) is not None:
            owner = placed  # 上海电气洮南: the firm 上海电气, not the place 上海
            out.append(owner)
            places = [c.name for c in inner if c.label == "District" and c.start >= owner.end]
        if owner is None:
            owner = unknown_owner(raw + "项目", s, "项目", inner, gaz)
            if owner is not None:
                out.append(owner)
                if owner.label == "District":
                    places.append(owner.name)
                    owner = None
                else:
                    places = [p for p in places if p not in owner.name]  # 盐湖 in 中国盐湖: the brand's word
        name, phases = canonical_project(raw, gaz)
        if phases and (owner is not None and owner.name == name or (known_word := gaz.lookup(name)) is not None
                       and known_word.label == "Industry" or plain_words(name)):
            name = raw  # 长鑫存储二期, 碳化硅三期: without its phase the name is a firm's or an industry's
        out.append(Cand("Project", name, raw, s, b, "list", props={"head": cls or "项目", "phases": phases},
                        owner=(owner.label, owner.name) if owner else None,
                        places=places,
                        industries=[c.name for c in inner if c.label == "Industry"]
                        or ([class_industry] if class_industry else [])))
    del lex
    return out


def _home_country(place: Cand, s: int, b: int, gaz: Gazetteer) -> bool:
    """韩国晓星、意大利世科姆等外资项目: a country before a short brand says whose firm it is, not where it is built."""
    entry = gaz.place(place.name)
    return place.start == s and entry is not None and entry.kind == "country" and 2 <= b - place.end <= 4


def _owner_to_place(text: str, owner: Cand, inner: list[Cand], b: int) -> Cand | None:
    """A known firm's short name and the characters up to the place that follows, as the firm (中核汇能 in
    中核汇能通榆, where the gazetteer knows the parent 中核); None when no place follows within three."""
    place = next((c for c in inner if c.label == "District" and owner.end < c.start <= owner.end + 3), None)
    if place is None or place.end > b:
        return None
    gap = text[owner.end : place.start]
    if not all("\u4e00" <= ch <= "\u9fff" for ch in gap) or plain_words(gap):
        return None  # 中车 长客: 长客 is a word of its own
    name = text[owner.start : place.start]
    return Cand("Company", name, name, owner.start, place.start, "owner")


def _phased_name(base: str, gaz: Gazetteer) -> bool:
    """Whether ``base`` with a phase names one project in a list of projects: a field's word (碳化硅三期), not a
    kind of facility (机场三期) nor the tail of a longer name (…提升灌溉二期)."""
    entry = gaz.lookup(base)
    return 2 <= len(base) <= 5 and entry is not None and entry.label == "Industry" and base not in gaz.lexicon.heads


def _place_named_firm(text: str, s: int, b: int, inner: list[Cand], gaz: Gazetteer) -> Cand | None:
    """A firm at the start of a list item: a name and 公司/银行 (麦福劳公司综合技改), or a place and a firm's
    ending (上海电气洮南, 山东重工潍坊), when more of the item follows it."""
    lex = gaz.lexicon
    for m in re.finditer("|".join(lex.named_firm_suffixes) or "$^", text[s:b]):  # 麦福劳公司综合技改
        stem = text[s : s + m.start()]
        if len(stem) >= 2 and b - (s + m.end()) >= 2 and not ends_with_any(stem, lex.generic_firm_stems) \
                and not any(c.start < s + m.end() and s < c.end and c.label != "District" for c in inner):
            return Cand("Company", text[s : s + m.end()], text[s : s + m.end()], s, s + m.end(), "owner")
        break
    place = next((c for c in inner if c.label == "District" and c.start == s), None)
    if place is None:
        return None
    suffix = starts_with_any(text[place.end : b], gaz.lexicon.brand_suffixes)
    if not suffix or b - (place.end + len(suffix)) < 2:
        return None
    name = text[s : place.end + len(suffix)]
    return Cand("Company", name, name, s, s + len(name), "owner")


__all__ = ["LIST_CLASS", "distribute"]
