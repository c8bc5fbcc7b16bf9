"""Firms named only as the owners of their projects, the way reports write them.

Two shapes say plainly that the words before them are a firm: a headquarters (中资信创总部,
一汽丰田销售总部: the firm, then what the headquarters does or where it serves) and a capacity project
(吉化120万吨乙烯转型升级, 中粮油脂年产60万吨油料: the firm, the yearly capacity, the product). Names
with figures are refused elsewhere (a figure usually makes a statistic, not a name); these two are not.
A third is weaker: a brand no dictionary reads at the start of a project's name, before the field it works
in (物元半导体先进封装生产线: :func:`unknown_owner`), which the name finder and the list readers share.
"""

from __future__ import annotations

import re

from qdkg.loaders.extract.common import (
    DIGITS,
    NAME_TAGS,
    QUOTES,
    Cand,
    common_vocab,
    cover_residue,
    ends_with_any,
    generic_vocab,
    plain_words,
    starts_with_any,
)
from qdkg.loaders.extract.gazetteer_hits import dictionary
from qdkg.loaders.gazetteer import Gazetteer

#: What a headquarters may say after its firm's name: its function or the region it serves.
HQ_QUALIFIERS = ("销售", "研发", "运营", "结算", "营销", "区域", "地区", "全球", "亚太", "国际", "中国", "北方", "南方",
                 "华北", "华东", "华南", "华中", "西南", "西北", "东北", "第二", "功能性", "创新", "数字", "业务")
#: A yearly capacity: 年产60万吨, 120万吨, 10GW.
CAPACITY = re.compile(r"(?:年产)?[0-9][0-9.]*(?:万|亿)?(?:吨|千瓦|兆瓦|辆|台|套|平方米|GW|GWh|MW|片|支)")
#: Words that name a class of firms, never one firm.
NOT_A_FIRM = ("央企", "国企", "民企", "外企", "企业", "总部",
              # …a first of its kind (全球首台25兆瓦级风电): a rank, not a firm
              "首台", "首个", "首套", "首座", "首批", "全球", "全国", "全省")


def firm(words: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """``words`` as the name of a firm: a known company or institution, or a brand no dictionary reads."""
    entry = gaz.lookup(words)
    if entry is not None:
        return (entry.label, entry.name) if entry.label in ("Company", "Institution") else None
    if not 2 <= len(words) <= 8 or not all("\u4e00" <= ch <= "\u9fff" or ch in "—-" or ch.isascii() and ch.isalpha()
                                          for ch in words) or any(w in words for w in NOT_A_FIRM):
        return None  # 德令哈3座, 无央企: a count or a class of firms
    if plain_words(words) or not cover_residue(words, common_vocab(gaz)):
        return None  # 重点企业, 龙头: ordinary words
    return ("Company", words)


def headquarters_owner(name: str, head: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """新紫光北方总部 -> 新紫光: the firm before the headquarters' function or region."""
    if head != "总部" or not name.endswith("总部"):
        return None
    rest = name[: -len("总部")]
    while (q := ends_with_any(rest, HQ_QUALIFIERS)) and len(rest) - len(q) >= 2:
        rest = rest[: -len(q)]
    place = gaz.lookup(rest)
    if place is not None and place.label == "District":
        return None  # 天津总部: a place's headquarters economy, no firm
    vocab = common_vocab(gaz)
    for k in range(len(rest) - 2, 1, -1):  # 国药医疗器械区域总部: the known firm, then its business
        known = gaz.lookup(rest[:k])
        if known is not None and known.label == "Company" and not cover_residue(rest[k:], vocab):
            return known.label, known.name
    return firm(rest, gaz)


def capacity_owner(raw: str) -> tuple[str, str] | None:
    """吉化120万吨乙烯转型升级 -> (吉化, the rest): the words before a yearly capacity, if any."""
    m = CAPACITY.search(raw)
    if m is None or m.start() < 2:
        return None
    before = raw[: m.start()]
    if before.endswith(APPROXIMATELY):
        return None  # 玉门超40吨金矿: 超 measures the mine, and 玉门 is its place, no firm
    return before, raw[m.start() :]


#: Words that qualify a figure (超40吨, 近百万吨): what stands before them is no firm's name.
APPROXIMATELY = ("超", "近", "约", "逾", "超过", "达")


ORDINAL_START = re.compile(r"第[一二三四五六七八九十0-9]")
MODEL = re.compile(r"[0-9]+[A-Za-z]|[A-Z]{2,}")  # a model number after a brand: 盛瑞 8AT自动变速器
#: Endings of places: a brand with one is a place (裕龙岛), and a size after one is a port's or a town's.
PLACE_ENDINGS = ("岛", "湾", "河", "湖", "港", "区", "县", "镇", "市", "口", "山", "滩")
#: Words a national brand starts with that are no brand alone (中国盐湖, 中国电子; not 中国 itself).
NATIONAL_BRAND_STARTS = ("中国", "中华")


#: What a firm's name does not hold: a quantity (百万吨), a road or model code (G334), a bracket.
OWNERLESS = re.compile(r"[0-9A-Za-z（(]|[一二三四五六七八九十百千万亿]+[万亿]?[吨个台辆千瓦]")


def capacity_firm(raw: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """The firm before a yearly capacity (吉化 in 吉化120万吨乙烯转型升级), when the figure is the only one."""
    split = capacity_owner(raw)
    if split is None or DIGITS.search(CAPACITY.sub("", split[1])):
        return None
    return firm(split[0], gaz)


def sized_firm(text: str, s: int, hs: int, gaz: Gazetteer) -> Cand | None:
    """南网720兆瓦储能电站: the firm before a size a name may hold (a port's 20万吨级泊位 has none)."""
    before = text[s:hs]
    found = capacity_firm(before, gaz) if DIGITS.search(before) else None
    if found is None or found[1].endswith(PLACE_ENDINGS):
        return None
    return firm_cand(found, text, s)


def firm_cand(found: tuple[str, str] | None, text: str, s: int) -> Cand | None:
    """A firm read at the start of a name (``s``) as a candidate, when the text writes it there."""
    if found is None:
        return None
    label, name = found
    if not text.startswith(name, s):
        return Cand(label, name, name, s, s, "gazetteer") if label else None
    return Cand(label, name, name, s, s + len(name), "owner")


def _dictionary_word(word: str) -> bool:
    """Whether jieba has seen ``word`` 100 times or more as something other than a proper name."""
    from qdkg.loaders.extract.postag import word_tag

    return dictionary().get(word, 0) >= 100 and word_tag(word) not in NAME_TAGS


def unknown_owner(name: str, s: int, head: str, inner: list[Cand], gaz: Gazetteer) -> Cand | None:
    """A brand at the start of a project name read as its owner: 物元半导体先进封装生产线 -> 物元半导体."""
    lex = gaz.lexicon
    if head not in lex.owner_heads or any(c.start == s for c in inner) or name[:1] in QUOTES:
        return None
    vocab = generic_vocab(gaz)
    common = common_vocab(gaz)
    run = 0
    while run < len(name):
        rest = name[run:]
        if (run >= 2 and starts_with_any(rest, lex.company_suffixes)) or any(rest[:k] in vocab for k in range(2, len(rest) + 1)):
            break
        if run >= 2 and rest[:1].isdigit():
            break  # 南网 720兆瓦: a size ends the brand
        if any(c.start == s + run for c in inner) or ORDINAL_START.match(rest) or (run >= 2 and MODEL.match(rest)):
            break
        run += 1
    if name[:run] in NATIONAL_BRAND_STARTS:
        nxt = next((c for c in inner if c.start == s + run and c.end - c.start <= 3), None)
        if nxt is not None:
            run += nxt.end - nxt.start  # 中国盐湖 金属镁…: a national brand goes on past the word after 中国
    if not 2 <= run <= 4:
        return None
    rest = name[run:]
    suffix = starts_with_any(rest, lex.company_suffixes)
    longer = max((len(w) for w in vocab if len(w) > len(suffix) and rest.startswith(w)), default=0)
    if suffix and longer:
        suffix = ""  # 重汽 智能网联重卡: the industry word is not the end of the brand
    place = gaz.lookup(name[:run])
    if suffix and place is not None and place.label == "District" and not starts_with_any(name[run + len(suffix):], tuple(lex.heads)):
        return None  # 京津 电子化学品 基地, 宁东 能源化工 基地: a place and a field, not a firm named after the place
    brand = name[: run + len(suffix)]
    after = name[len(brand) :]
    head_after = starts_with_any(after, tuple(lex.heads))
    if head_after and any(len(w) > len(head_after) for w in (after[:2], after[:3]) if w in common):
        head_after = ""  # 天富 城市燃气: 城 starts a longer word, not the head
    if head_after and not (suffix and len(brand) >= 4):
        return None  # 华熙生物 科技园: a brand with a company suffix may stand right before the head
    if not suffix and not any(after.startswith(w) for w in vocab if len(w) >= 2) and not after[:1].isdigit() \
            and not any(
            c.start == s + len(brand) for c in inner) and not ORDINAL_START.match(after) and not MODEL.match(after):
        return None
    if len(name) - len(brand) - len(head) < 2 and not (suffix and len(brand) >= 4):
        return None  # nothing between the brand and the head
    known = gaz.lookup(brand)
    if not cover_residue(brand, common_vocab(gaz)) or OWNERLESS.search(brand) or (len(brand) <= 2 and plain_words(brand)) \
            or any(w in brand for w in NOT_A_FIRM) \
            or (known is not None and known.label != "Company"):
        return None  # 传感器研发制造, 百万吨化工新材料基地, G334文旅大通道: a word, a size or a code, no firm
    if _dictionary_word(brand):
        return None  # 数控 机床产业基地, 光电 重大设备: a word jieba knows well, not a brand
    if brand.endswith(PLACE_ENDINGS):
        return Cand("District", brand, brand, s, s + len(brand), "place")  # 裕龙岛炼化一体化: a place, not a firm
    label = "Institution" if brand.endswith(("院", "所", "大学", "学院", "中心")) else "Company"
    return Cand(label, brand, brand, s, s + len(brand), "owner")
