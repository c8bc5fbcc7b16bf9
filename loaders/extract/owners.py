"""Firms named only as the owners of their projects, the way reports write them.

Two shapes say plainly that the words before them are a firm: a headquarters (中资信创总部,
一汽丰田销售总部: the firm, then what the headquarters does or where it serves) and a capacity project
(吉化120万吨乙烯转型升级, 中粮油脂年产60万吨油料: the firm, the yearly capacity, the product). Names
with figures are refused elsewhere (a figure usually makes a statistic, not a name); these two are not.
"""

from __future__ import annotations

import re

from qdkg.loaders.extract.common import common_vocab, cover_residue, ends_with_any, plain_words
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
