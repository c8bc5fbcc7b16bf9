"""Items of enumerations typed by what the list says they are, or by the items the reader knows.

Reports name companies and industries in lists far more often than with a name head:
``华海清科、海光信息、安擎信息等快速成长`` after ``…等企业``, ``电机、信创、集成电路等高成长性产业``,
``培育锂电池、钠电池全产业链``. Two readings, both of the list as a whole:

1. a class word after the list (等…企业 / 等…产业) types every item;
2. without one, items the gazetteer or another finder already knows type their unknown siblings,
   when all known items agree (a list mixes kinds rarely; a list of one kind is the genre's habit).
"""

from __future__ import annotations

import re
from functools import lru_cache

from qdkg.loaders.extract.common import (
    DIGITS,
    PROPER_TAGS,
    QUOTES,
    Cand,
    clauses,
    common_vocab,
    cover_residue,
    ends_with_any,
    industry_name,
    is_word,
    lead_place,
    leading_verb,
    plain_cut,
    plain_words,
    pos_cut,
    strip_quotes,
)
from qdkg.loaders.extract.common import TOPONYM_HEADS as COMMON_TOPONYM_HEADS
from qdkg.loaders.extract.industries import SECTOR_CLASSES
from qdkg.loaders.extract.names import left_boundary
from qdkg.loaders.gazetteer import Gazetteer

#: Class words of firms that also name their premises: a list of them is of firms, a list of their 项目 is not.
VENUES = ("酒店", "商场", "超市")
#: What a list is of, from the class word after 等 (up to a few qualifying characters between).
CLASS_WORDS: dict[str, tuple[str, ...]] = {
    "Company": ("龙头企业", "链主企业", "领军企业", "骨干企业", "企业", "车企", "央企", "国企", "公司", "集团", *VENUES),
    "Industry": ("全产业链", "产业链", "产业集群", "产业", "行业", "业态", "赛道", "服务业"),
}
#: Class words that directly follow a list without 等: 培育锂电池、钠电池全产业链.
DIRECT_CLASS = {"全产业链": "Industry", "产业链": "Industry", "产业集群": "Industry"}
MAX_ITEM = {"Company": 8, "Industry": 10, "District": 6, "Project": 12}
#: Kinds that sibling typing may give: places only with two known siblings (short place-like words abound).
SIBLING_LABELS = {"Company": 1, "Industry": 1, "District": 2, "Project": 2}
ITEM_SPLIT = re.compile(r"[、]|(?<=[^\s])(?:和|及|以及)(?=[^\s])")
NON_NAME = re.compile(r"[0-9０-９%％]|[一二三四五六七八九十两]+(?:个|家|条|座|所|处|项|大|批)")


def _class_after(text: str, pos: int, end: int) -> tuple[str, int] | None:
    """The label a class word after ``等`` at ``pos`` gives, and where the class phrase ends."""
    window = text[pos + 1 : min(end, pos + 12)]
    best: tuple[int, str, int] | None = None
    for label, words in CLASS_WORDS.items():
        for w in words:
            k = window.find(w)
            if k < 0 or any(ch in "，,。；;：:、" for ch in window[:k]):
                continue
            if w in VENUES and text.startswith(("项目", "工程"), pos + 1 + k + len(w)):
                continue  # 喜来登、洲际等酒店 are firms; 等五星级酒店项目 lists works
            if best is None or k < best[0]:
                best = (k, label, pos + 1 + k + len(w))
    if best is None:
        return None
    return best[1], best[2]


FIRM_GAP = re.compile(r"(?:一批|多家|[一二三四五六七八九十]家)?(?:“[^”]{1,6}”)?")


def _firms_before(text: str, pos: int, end: int, gaz: Gazetteer) -> int | None:
    """Where the predicate ends when what follows ``等`` at ``pos`` is said only of firms
    (等快速成长, 等一批“金种子”茁壮成长), else None."""
    gap = FIRM_GAP.match(text, pos + 1, end)
    at = gap.end() if gap else pos + 1
    word = next((w for w in gaz.lexicon.firm_predicates if text.startswith(w, at)), None)
    return at + len(word) if word else None


def _items(text: str, lo: int, hi: int, gaz: Gazetteer, *, split_and: bool) -> list[tuple[int, int]]:
    """The items of a list ending at ``hi`` within the clause starting at ``lo`` (the first item bounded
    on its left by a verb or function word)."""
    parts = clauses(text, lo, hi, breaks="、")
    if not parts:
        return []
    first_a, first_b = parts[0]
    first_a = left_boundary(text, first_a, first_b, gaz, hard_conj=True, extra=gaz.lexicon.industry_left_stops)
    verb = leading_verb(text[first_a:first_b])
    if verb and not any(text[first_a : first_a + n] in gaz.by_form for n in range(verb, min(7, first_b - first_a) + 1)):
        first_a += verb  # not 尖扎至贵德: a place jieba reads as a verb
    parts[0] = (first_a, first_b)
    out: list[tuple[int, int]] = []
    for a, b in parts:
        if split_and:
            k = max(text.rfind(w, a, b) for w in ("和", "及"))
            if k > a and k + 1 < b:
                out += [(a, k), (k + 1, b)]
                continue
        out.append((a, b))
    return out


def _item_ok(item: str, label: str, gaz: Gazetteer) -> bool:
    if not 2 <= len(strip_quotes(item)) <= MAX_ITEM[label] or NON_NAME.search(item):
        return False
    if any(ch in item for ch in "()（）") or item in gaz.lexicon.industry_stops:
        return False
    known = gaz.lookup(item)
    if known is not None and known.label != label:
        return False
    if label == "Company" and item.endswith(gaz.lexicon.phases + ("二线", "三线") + tuple(gaz.lexicon.heads)) \
            and not item.endswith(gaz.lexicon.named_firm_suffixes):
        return False  # 空客二线, 中资信创总部: a firm's project, not the firm
    if label == "Industry" and item.endswith(gaz.lexicon.phases):
        return False  # 碳化硅三期、阳泉铝产业链一体化等项目: a phase is a project's, never an industry's
    if label == "Project":  # a work named in such a list has a proper part (not 学校、医院等投入使用)
        return bool(cover_residue(item, common_vocab(gaz))) and not plain_words(item) and known is None
    if label == "Company":  # a company has a proper part: not only common words (民营, 龙头; 计量、标准、检测)
        lex = gaz.lexicon
        suffix = ends_with_any(item, lex.named_firm_suffixes + lex.company_suffixes)
        if suffix and len(item) - len(suffix) >= 2 and not ends_with_any(item[: -len(suffix)], lex.generic_firm_stems):
            return True  # 交通银行、天兵科技等…企业: a firm's ending after words of its own
        return bool(cover_residue(item, common_vocab(gaz))) and not (len(item) <= 2 and plain_words(item))
    return True


#: A firm's production line or phase: 空客二线, 中船二期 are the firm's projects.
LINE_ENDINGS = ("二线", "三线", "四线")


def _firm_project(text: str, a: int, b: int, gaz: Gazetteer) -> list[Cand]:
    """空客二线 in a list of firms: the firm's project, owned by the firm its name starts with."""
    item = text[a:b].strip()
    end = ends_with_any(item, LINE_ENDINGS + gaz.lexicon.phases)
    firm = item[: -len(end)] if end else ""
    known = gaz.lookup(firm)
    if not end or len(firm) < 2 or known is None or known.label != "Company":
        return []
    return [Cand("Project", item, item, a, b, "list", props={"head": end, "phases": []},
                 owner=("Company", known.name)),
            Cand("Company", known.name, firm, a, a + len(firm), "list-company")]


#: jieba's tags of a common word that, as an item of a list of firms, is a brand: a numeral or a state word
#: (三元, 鼎盛, 豪迈), never a rank or a kind of firm (龙头, 骨干, 民营, 大型 are n and b).
BRAND_WORD_TAGS = ("m", "z", "a")


def _brand_word(item: str, gaz: Gazetteer) -> bool:
    words = pos_cut(item)
    return len(words) == 1 and words[0].flag in BRAND_WORD_TAGS and 2 <= len(item) <= 3 \
        and item not in gaz.lexicon.generic_firm_stems and gaz.lookup(item) is None


def _cands(text: str, spans: list[tuple[int, int]], label: str, gaz: Gazetteer, rule: str) -> list[Cand]:
    out = []
    firms = label == "Company" and any(_item_ok(text[a:b].strip(), label, gaz) for a, b in spans)
    for a, b in spans:
        item = text[a:b].strip()
        if firms and not _item_ok(item, label, gaz) and _brand_word(item, gaz):
            out.append(Cand(label, item, item, a, b, rule))  # 引导三元、元盛、鼎盛等传统工业企业: brands
            continue
        if label == "Company" and (project := _firm_project(text, a, b, gaz)):
            out += project
            continue
        if label == "Company" and item.endswith(ACTIVITY_ENDS) and len(item) >= 4 and gaz.lookup(item) is None \
                and not any((e := gaz.lookup(item[:k])) is not None and e.label == "Company" for k in (2, 3, 4)):
            out.append(Cand("Industry", industry_name(item, gaz), item, a, b, rule, props={"listed": True}))
            continue  # 卫星研发制造、卫星数据应用等企业: the firms' trades, not firms
        if label == "Industry" and (lead := lead_place(item, gaz)):
            a, item = a + len(lead), item[len(lead):]  # 广东 热带农产品加工: the partner's place, then the industry
        if _item_ok(item, label, gaz):
            known = gaz.lookup(strip_quotes(item))
            name = known.name if known is not None else strip_quotes(item)
            if label == "Industry":
                name = industry_name(item, gaz)
            out.append(Cand(label, name, item, a, b, rule, props={"listed": True} if label == "Industry" else {}))
    return out


#: Words that end a trade, not a firm's name (研发制造, 数据应用, 总装测试, 精深加工).
ACTIVITY_ENDS = ("制造", "应用", "测试", "研发", "加工", "服务", "开发", "运营", "维修")


def _class_industry(phrase: str, gaz: Gazetteer) -> str | None:
    """The industry a list's class phrase names before its class word (等商业航天企业 → 商业航天)."""
    words = sorted((w for ws in CLASS_WORDS.values() for w in ws), key=len, reverse=True)
    stem = next((phrase[: -len(w)] for w in words if phrase.endswith(w)), phrase)
    stem = re.sub(r"^(?:一批|多家|[0-9一二三四五六七八九十]+家)", "", stem)
    known = gaz.lookup(stem)
    if len(stem) >= 2 and known is not None and known.label == "Industry":
        return industry_name(stem, gaz)
    if known is None and len(stem) >= 4 and stem.endswith("经济") and stem not in gaz.lexicon.industry_stops \
            and not DIGITS.search(stem):
        return stem  # 等平台经济企业: an economy the firms make up
    if known is None and (stem in gaz.lexicon.sector_forms or 3 <= len(stem) <= 5 and stem.endswith("业")
                          and not stem.endswith(gaz.lexicon.industry_suffix_stops + ("产业", "行业", "工业"))
                          and stem not in SECTOR_CLASSES):
        return stem  # 等金融企业, 等农牧业龙头企业: a sector of the national classification, or one in 业
    return None


def find_list_classes(text: str, gaz: Gazetteer) -> list[Cand]:
    """Items of lists whose class word says what they are (``A、B等企业``, ``A、B全产业链``)."""
    out: list[Cand] = []
    for ca, cb in clauses(text):
        clause = text[ca:cb]
        for m in re.finditer("等", clause):
            pos = ca + m.start()
            found = _class_after(text, pos, cb)
            if found is None and _firms_before(text, pos, cb, gaz) is not None:
                found = ("Company", pos)
            if found is None and text.startswith(gaz.lexicon.project_predicates, pos + 1):
                found = ("Project", pos)  # 泰达MSD、海光MALL、津一·PARK等焕新亮相: what is said only of works
            if found is None:
                continue
            label, class_end = found
            spans = _items(text, ca, pos, gaz, split_and=label == "Industry")
            if len(spans) >= 2 or (spans and label == "Company"):
                items = _cands(text, spans, label, gaz, f"list-{label.lower()}")
                industry = _class_industry(text[pos + 1 : class_end], gaz) if label == "Company" else None
                for c in items:
                    if industry:
                        c.industries = [industry]  # 天兵科技、天章卫星等商业航天企业
                if industry and items and gaz.lookup(industry) is None:
                    at = text.find(industry, pos, class_end)
                    items.append(Cand("Industry", industry, industry, at, at + len(industry), "list-class-industry"))
                out += items
        for word, label in DIRECT_CLASS.items():
            for m in re.finditer(re.escape(word), clause):
                pos = ca + m.start()
                if text[pos - 1 : pos] in ("等", "全") or pos == ca:
                    continue
                spans = _items(text, ca, pos, gaz, split_and=True)
                if len(spans) >= 2 or (word == "全产业链" and len(spans) == 1 and spans[0][0] == ca
                                       and 2 <= spans[0][1] - spans[0][0] <= 4):
                    out += _cands(text, spans, label, gaz, f"list-{label.lower()}")  # 椰子全产业链体系加快构建
        out += _short_institutes(text, ca, cb, gaz)
    return out


SHORT_INSTITUTE = re.compile(r"[\u4e00-\u9fff]{2,4}[院所]")


#: An institute's abbreviation after its organisation's name: 哈工大 先研院, 中科院 山西煤化所.
OWNED_INSTITUTE = re.compile(r"[\u4e00-\u9fff]{1,5}[院所]")


def _owned_institute(text: str, a: int, b: int, gaz: Gazetteer) -> Cand | None:
    """A list item that is a known organisation's name and an abbreviated institute of it, whole."""
    deng = text.find("等", a, b)
    b = deng if deng > a else b  # the last item: 中科院山西煤化所等
    for k in (4, 3, 2):
        org = gaz.lookup(text[a : a + k])
        if org is None or org.label not in ("Institution", "Company") or not 0 < b - a - k <= 6:
            continue
        if OWNED_INSTITUTE.fullmatch(text, a + k, b) is None:
            return None
        name = text[a:b]
        return Cand("Institution", name, name, a, b, "list-institute", owner=(org.label, text[a : a + k]))
    return None


def _short_institutes(text: str, ca: int, cb: int, gaz: Gazetteer) -> list[Cand]:
    """Abbreviated institutes named in a 、-list (北化院、石科院等; 工生所、天大前沿院、…入选): an item of
    two to four characters and 院 or 所 whose stem is no common word (卫生院, 研究所 are kinds)."""
    if "、" not in text[ca:cb]:
        return []
    out = []
    for k, (a, b) in enumerate(clauses(text, ca, cb, breaks="、")):
        if k == 0 and SHORT_INSTITUTE.search(text, a, b) is not None:
            a = left_boundary(text, a, b, gaz, hard_conj=True)
            a += leading_verb(text[a:b])  # 支持北化院、…: the verb is no part of the first item
        if text[a : a + 1] in ("省", "市") and b - a >= 4:
            a += 1  # 省工研院: the province's own, named 工研院 (as 省纺织集团 is 纺织集团)
        owned = _owned_institute(text, a, b, gaz)
        if owned is not None:
            out.append(owned)  # 哈工大先研院, 中科院山西煤化所: an institute of a known organisation
            continue
        m = SHORT_INSTITUTE.search(text, a, b)
        if m is None or (m.start() != a and text[a:m.start()] not in ("", "“")):
            continue
        end = m.end()
        if not (end == b or text[end] in "等、和及”" or text[end : end + 2] in ("入选", "获批", "落户")):
            continue
        item = m.group()
        level = LEVEL.match(item)
        if item.endswith("医院") or (level is not None and level.group()):
            continue  # 县级医院: a kind of hospital, not an abbreviated institute
        if gaz.lookup(item) is not None or is_word(item) or not cover_residue(item[:-1], common_vocab(gaz)):
            continue  # 敬老院, 卫生院: kinds jieba knows
        # 长春光机所 lies in 长春; 西工所's 西工 is no district of it
        city = next((item[:j] for j in (3, 2) if (p := gaz.place(item[:j])) is not None
                     and p.kind in ("city", "province")), None)
        inner = [(m.start() + i, m.start() + j) for i in range(len(item)) for j in range(i + 2, len(item) + 1)
                 if gaz.lookup(item[i:j]) is not None and not (i == 0 and item[:j] == city)]
        out.append(Cand("Institution", item, item, m.start(), end, "list-institute", props={"suppress": inner},
                        places=[gaz.place(city).name] if city else []))  # type: ignore[union-attr]
    return out


def _sibling_projects(cands: list[Cand], known: list[Cand], gaz: Gazetteer) -> list[Cand]:
    """Unknown items among named projects (特变电工智慧产业园、飞毛腿绿色储能、新紫光北方总部等): projects,
    owned by the firm their name starts with."""
    from qdkg.loaders.extract.owners import unknown_owner
    from qdkg.loaders.extract.specific import canonical_project

    out = []
    for c in cands:
        if not cover_residue(c.text, common_vocab(gaz)) or ends_with_any(c.text, tuple(gaz.lexicon.heads)):
            continue  # a headed item the name finder did not take is no project
        inner = [k for k in known if c.start <= k.start and k.end <= c.end]
        owner = next((k for k in inner if k.label in ("Company", "Institution") and k.start == c.start), None) \
            or unknown_owner(c.text + "项目", c.start, "项目", inner, gaz)
        if owner is None or owner.label == "District":
            continue  # 飞毛腿 绿色储能: a firm, then what it makes
        name, phases = canonical_project(c.text, gaz)
        out.append(Cand("Project", name, c.text, c.start, c.end, "list", props={"head": "项目", "phases": phases},
                        owner=(owner.label, owner.name) if owner else None,
                        industries=[k.name for k in inner if k.label == "Industry"]))
        if owner is not None and owner.rule == "owner":
            out.append(owner)
    return out


def type_siblings(text: str, gaz: Gazetteer, known: list[Cand]) -> list[Cand]:
    """Unknown items of a 、-list typed like their known siblings, when every known sibling agrees."""
    by_span = {(c.start, c.end): c for c in known}
    out: list[Cand] = []
    for ca, cb in clauses(text):
        if "、" not in text[ca:cb]:
            continue
        parts = clauses(text, ca, cb, breaks="、")
        if len(parts) < 3:
            continue
        # the last item ends where the list does: before 等, or at a known name's end
        a, b = parts[-1]
        stop = text.find("等", a, b)
        open_end = stop <= a  # no 等: the last item runs into the clause's verb unless a finder knows it
        if not open_end:
            parts[-1] = (a, stop)
        spans = [(a, b) for a, b in parts]
        first_a, first_b = spans[0]
        first_a = left_boundary(text, first_a, first_b, gaz, hard_conj=True, extra=gaz.lexicon.industry_left_stops)
        spans[0] = (first_a + leading_verb(text[first_a:first_b]), first_b)
        labels = []
        unknown = []
        for a, b in spans:
            c = by_span.get((a, b))
            if c is None:
                e = gaz.lookup(text[a:b])
                labels.append(e.label if e is not None else None)
                if e is None:
                    unknown.append((a, b))
            else:
                labels.append(c.label)
        if open_end and spans[-1] in unknown:
            unknown.remove(spans[-1])
        typed = [lb for lb in labels if lb]
        if not typed or len(set(typed)) != 1 or not unknown:
            continue
        label = typed[0]
        if label not in SIBLING_LABELS or len(typed) < SIBLING_LABELS[label]:
            continue
        # every unknown item must look like a name of that kind, or the list is read as something else
        cands = _cands(text, unknown, label, gaz, "list-sibling")
        if len(cands) == len(unknown) and not any(ch in QUOTES for c in cands for ch in c.text[1:-1]):
            out += cands if label != "Project" else _sibling_projects(cands, known, gaz)
    return [c for c in out if not DIGITS.search(c.text)]


#: Heads whose names are toponyms: the item is a place too (九龙川煤矿 lies in 九龙川; 武宿机场 in 武宿).
#: Reservoirs, hydropower stations and irrigation districts are named after places they do not stand for.
TOPONYM_HEADS = (*COMMON_TOPONYM_HEADS, "港区")
#: Measure words after a list's count (3个省实验室, 6条高铁; 4县高速: one per county).
COUNTERS = "个条座处家所县市"
COUNT = re.compile(rf"^[0-9一二三四五六七八九十两]+(?:[{COUNTERS}]|大)")
LEVEL = re.compile(r"^(?:国家级|省级|市级|国家|省|市)?")


#: A plant's size between a list and its head: 格尔木、德令哈3座35万千瓦光热电站.
CAPACITY = re.compile(r"[0-9][0-9.]*(?:万|亿)?(?:千瓦|吨|平方米)")
#: The longest run of ordinary words that may stand between a list and its head (抽水蓄能 电站, 省际大 通道).
MODIFIER_MAX = 5


def _plain_modifier(words: str) -> bool:
    """Ordinary words jieba knows, no place or brand among them (抽水蓄能, 光热, 省际大)."""
    return all("\u4e00" <= ch <= "\u9fff" for ch in words) and all(
        t.flag not in PROPER_TAGS and t.flag not in ("m", "q") for t in pos_cut(words))


@lru_cache(maxsize=8)
def _heads_pattern(heads: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for the heads, longest first (a regex alternation takes the first that matches)."""
    return re.compile("|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True)))


def _head_after(after: str, heads: tuple[str, ...], vocab: frozenset[str],
                weak: frozenset[str] = frozenset()) -> tuple[str, str]:
    """The head a list's items share and the ordinary words before it (4个抽水蓄能电站 → 电站, 抽水蓄能).
    A weak head (中心, 设施) takes no words before it: 区域医疗中心 is a kind, not a name's ending."""
    pattern = _heads_pattern(heads)
    for k in range(MODIFIER_MAX + 1):
        m = pattern.match(after, k)
        head = m.group() if m else ""
        if head and k and head in weak:
            continue
        if head and (k == 0 or k >= 2 and (not cover_residue(after[:k], vocab) or _plain_modifier(after[:k]))):
            return head, after[:k]
        if after[k : k + 1] in ("", "，", "。", "；", "、", "等"):
            break
    return "", ""


def find_headed_lists(text: str, gaz: Gazetteer, known: list[Cand]) -> list[Cand]:
    """``旭龙、奔子栏、古水、橄榄坝等水电站``, ``A、B、C等6条高铁``: every item with the shared head is a project."""
    labels = {**{h: "Project" for h in gaz.lexicon.link_heads}, **gaz.lexicon.heads}
    heads = tuple(sorted((h for h, lb in labels.items() if lb in ("Project", "Institution") and len(h) >= 2
                          and h not in ("项目", "工程")), key=len, reverse=True))
    vocab = common_vocab(gaz)
    out: list[Cand] = []
    for ca, cb in clauses(text):
        clause = text[ca:cb]
        # the list ends at 等 or at a count (长白山、三江、吉光3个省实验室)
        for m in re.finditer(rf"等|(?<=[^0-9一二三四五六七八九十两])(?=[0-9一二三四五六七八九十两]+[{COUNTERS}])", clause):
            pos = ca + m.start()
            after = text[pos + len(m.group()) : cb]
            count = COUNT.match(after)
            if not m.group() and not count:
                continue
            skip = count.end() if count else 0
            if after.startswith("领域", skip):
                skip += 2  # 硅基半导体、铜基新材料等领域国家制造业创新中心: one per domain
            level = LEVEL.match(after[skip:]) if count or skip else None
            skip += level.end() if level else 0  # 3个省实验室
            size = CAPACITY.match(after, skip)
            skip = size.end() if size else skip  # 3座35万千瓦光热电站: the size is no part of the name
            head, modifier = _head_after(after[skip:], heads, vocab, gaz.lexicon.weak_heads)
            if not head:
                continue
            head = modifier + head  # 4个抽水蓄能电站: every item is a 抽水蓄能电站
            label = labels[head[len(modifier):]]
            lo = max(ca, text.rfind("”", ca, pos) + 1)  # “省市共建、一室一策”支持A、B: the slogan is no item
            spans = _items(text, lo, pos, gaz, split_and=True)
            if len(spans) < 2 and not (spans and "至" in text[spans[0][0] : spans[0][1]]):
                continue  # one item is a list only when it is a written-out link (大同至天津南等特高压)
            for a, b in spans:
                item = strip_quotes(text[a:b].strip())
                if not 2 <= len(item) <= 8 or NON_NAME.search(item) or gaz.lookup(item + head) is not None:
                    continue
                if label == "Project" and len(item) >= 4 and ends_with_any(item, heads):
                    continue  # 包商银行培训中心、呼伦贝尔大饭店等酒店: an item with a head of its own is named whole
                if not cover_residue(item, common_vocab(gaz)) or (modifier and plain_words(item)):
                    continue  # 大型、中型等水库, 养老院、敬老院等设施, 口岸、物流货场等基础设施: kinds, not names
                place = gaz.lookup(item)
                places = [place.name] if place is not None and place.label == "District" else []
                ends = item.split("至")
                if len(ends) == 2 and all(2 <= len(x) <= 5 for x in ends):  # 白山至临江、松江河至长白等高速公路
                    connects = []
                    for x, xa in ((ends[0], a), (ends[1], a + len(ends[0]) + 1)):
                        known_end = gaz.lookup(x)
                        if known_end is None and x[-1] in "东南西北" and gaz.lookup(x[:-1]) is not None:
                            x, known_end = x[:-1], gaz.lookup(x[:-1])  # 天津南: a station of 天津
                        connects.append(known_end.name if known_end is not None else x)
                        if known_end is None:
                            out.append(Cand("District", x, x, xa, xa + len(x), "list-link"))
                    out.append(Cand("Project", item + head, text[a:b], a, b, "list",
                                    props={"head": head, "phases": [], "surface": item + head}, connects=connects))
                    continue
                if head in TOPONYM_HEADS and not places:
                    inner = [(k.start, k.end) for k in known if k.label == "District" and a <= k.start and k.end <= b]
                    out.append(Cand("District", item, text[a:b], a, b, "list-toponym", props={"suppress": inner}))
                    places = [item]  # 九龙川 (not the county 龙川 inside it)
                if label == "Institution":  # 三江实验室, 长白山实验室: a name, not a location
                    inner = [(k.start, k.end) for k in known if k.label == "District" and a <= k.start and k.end <= b]
                    out.append(Cand(label, item + head, text[a:b], a, b, "list",
                                    props={"head": head, "suppress": inner}))
                    continue
                out.append(Cand("Project", item + head, text[a:b], a, b, "list",
                                props={"head": head, "phases": [], "surface": item + head}, places=places))
    return out


def _cuts(name: str) -> set[int]:
    """Where jieba's words of ``name`` end (the places a name may be cut without splitting a word)."""
    out, at = set(), 0
    for w in plain_cut(name):
        at += len(w)
        out.add(at)
    return out


def _own_part(name: str, gaz: Gazetteer) -> int | None:
    """Where a headed name's own part ends when ordinary words stand before its head (车马碧 大型水库)."""
    head = ends_with_any(name, tuple(gaz.lexicon.heads))
    if not head:
        return None
    rest = name[: -len(head)]
    words = pos_cut(rest)
    k = len(words)
    while k > 1 and words[k - 1].flag in ("a", "b", "an") and plain_words(words[k - 1].word):
        k -= 1  # 大型, 重大: a size or a rank, not part of the name (加工 in 精深加工基地 is)
    if k == len(words):
        return None  # nothing ordinary before the head: the same-length rule decides
    return sum(len(w.word) for w in words[:k])


def shared_tails(text: str, gaz: Gazetteer, named: list[Cand]) -> list[Cand]:
    """``湘琼、粤琼、深儋合作产业园``: items as long as the last name's own part share the rest of it
    (湘琼合作产业园, 粤琼合作产业园). Every item must be specific (no common words only)."""
    out: list[Cand] = []
    for last in named:
        if last.label not in ("Project", "Institution") or last.rule != "head" or text[last.start - 1 : last.start] != "、":
            continue
        lo = max(text.rfind(ch, 0, last.start) for ch in "，,。；;：:！？\n") + 1
        parts = clauses(text, lo, last.start - 1, breaks="、")
        if not parts:
            continue
        a0, b0 = parts[0]
        parts[0] = (left_boundary(text, a0, b0, gaz, hard_conj=True) + 0, b0)
        parts[0] = (parts[0][0] + leading_verb(text[parts[0][0] : b0]), b0)
        size = {b - a for a, b in parts}
        cuts = _cuts(last.text)
        own = _own_part(last.text, gaz)  # 德厚、阿岗、车马碧大型水库: ordinary words before the head start the tail
        if own is not None and 2 <= own <= 4 and all(2 <= b - a <= 4 for a, b in parts):
            size = {own}
            cuts = cuts | {own}
        if len(size) != 1:
            continue
        n = size.pop()
        place = next((k for k in (4, 3, 2) if k in cuts and (e := gaz.lookup(last.text[:k])) is not None
                      and e.label == "District"), None)
        if place is not None and place != n and 2 <= n <= 4:
            n = place  # 格尔木东、海南清洁能源基地: the last item's own part is the place 海南, not 海南清洁
        elif n not in cuts:
            continue  # the cut would split a word of the last name
        tail = last.text[n:]
        if not 2 <= n <= 4 or len(tail) < 2 or not ends_with_any(tail, tuple(gaz.lexicon.heads)) \
                or (cover_residue(tail[:2], common_vocab(gaz)) and not plain_words(tail[:2])):
            continue  # the tail starts with an ordinary word (合作产业园), not with more of a name (温福高铁)
        if any(o is not last and o.start < b and a < o.end for o in named for a, b in parts):
            continue  # the items have names of their own (甬舟高铁、…)
        items = [text[a:b] for a, b in parts] + [last.text[:n]]
        owned = tail in gaz.lexicon.owner_heads  # 中国星网、中国中化、中国华能总部: each firm's headquarters
        if any(gaz.lookup(i) is not None and gaz.lookup(i).label not in (
                ("District", "Company", "Institution") if owned else ("District",)) for i in items) or any(
                not cover_residue(i, common_vocab(gaz)) or NON_NAME.search(i) for i in items):
            continue
        for a, b in parts:
            firm = gaz.lookup(text[a:b]) if owned else None
            out.append(Cand(last.label, text[a:b] + tail, text[a:b], a, b, "list",
                            props={"head": last.props.get("head"), "phases": [], "surface": text[a:b] + tail},
                            owner=(firm.label, text[a:b]) if firm is not None and firm.label != "District" else None))
    return out
