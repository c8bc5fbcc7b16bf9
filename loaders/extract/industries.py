"""Industries named by the genre's patterns: lists before 产业/赛道, …经济/…产业 words, 发展 X、Y.

Known industries come from the gazetteer; these patterns find the ones it lacks
(``布局发展康复机器人、远程康复等产业``, ``繁荣演艺经济、赛事经济``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from qdkg.loaders.extract.common import (
    DIGITS,
    Cand,
    clauses,
    cover_residue,
    industry_name,
    leading_verb,
    pos_cut,
    starts_with_any,
)
from qdkg.loaders.extract.names import left_boundary
from qdkg.loaders.gazetteer import Gazetteer

QUANTITY = re.compile(r"(?:等)?(?:[0-9一二三四五六七八九十两]+(?:个|大))?$")
QUALIFIERS = "|".join(("战略性新兴", "新兴", "未来", "主导", "优势", "支柱", "特色", "重点", "先导", "传统", "万亿级",
                        "千亿级", "百亿级", "现代", "高端"))
LIST_VERBS = re.compile(r"(?:发展|培育|壮大|繁荣|布局|突破|抢占|支持|推动|聚焦|做强|打造)")


def _canonical(gaz: Gazetteer, text: str) -> str:
    return industry_name(text, gaz)


def _ok(item: str, gaz: Gazetteer) -> bool:
    lex = gaz.lexicon
    if not 2 <= len(item) <= 12 or DIGITS.search(item) or item in lex.industry_stops:
        return False
    e = gaz.lookup(item)
    return e is None or e.label == "Industry"


def find_industries(text: str, gaz: Gazetteer) -> list[Cand]:
    lex = gaz.lexicon
    out: list[Cand] = []
    heads = "|".join(re.escape(h) for h in lex.industry_list_heads)
    for ca, cb in clauses(text):
        clause = text[ca:cb]
        # 1. A、B(等)(N个)(产业|赛道|优势产品|国家创新中心)
        # (等新兴产业, 四大主导产业: a qualifier of up to five characters may stand before the head)
        for m in re.finditer(rf"(?:等|[0-9一二三四五六七八九十两]+[个大])(?:{QUALIFIERS})?({heads})", clause):
            before_end = ca + m.start()
            items = clauses(text, ca, before_end, breaks="、")
            if len(items) < 1:
                continue
            for k, (a, b) in enumerate(items):
                seg = text[a:b]
                q = QUANTITY.search(seg)
                if q and q.start() < len(seg):
                    b = a + q.start()
                if k == 0:
                    a = left_boundary(text, a, b, gaz, extra=lex.industry_left_stops, hard_conj=True)
                item = text[a:b]
                if _ok(item, gaz):
                    out.append(Cand("Industry", _canonical(gaz, item), item, a, b, "industry-list"))
        # 2. 发展 A经济、B旅游: every item ends with an industry suffix
        for m in LIST_VERBS.finditer(clause):
            a0 = ca + m.end()
            while True:
                w = starts_with_any(text[a0:cb], lex.left_stops + lex.industry_left_stops)
                if not w:
                    break
                a0 += len(w)
            items = clauses(text, a0, cb, breaks="、")
            found = []
            for a, b in items:
                item = text[a:b]
                suffix = next((s for s in lex.industry_suffixes if item.endswith(s)), "")
                if suffix and item.endswith(lex.industry_suffix_stops):
                    suffix = ""  # 中小企业, 社会事业, 充分就业
                if not suffix or not _ok(item, gaz) or len(item) > 8:
                    break
                found.append(Cand("Industry", _canonical(gaz, item), item, a, b, "industry-verb"))
            if len(found) == len(items) and found:
                out.extend(found)
        # 3. …经济 / …产业 anywhere, bounded on the left by a verb or function word
        for m in re.finditer(r"经济|产业", clause):
            e = ca + m.end()
            if text[e : e + 1] in ("化", "链"):
                continue
            s = left_boundary(text, ca, ca + m.start(), gaz, extra=lex.industry_left_stops, hard_conj=True)
            if "“" in text[s:e]:
                s = text.rindex("“", s, e) + 1  # 开发区“一号产业”: the word starts inside the quotation
            if starts_with_any(text[e:cb], lex.industry_blockers):
                continue  # 明水经济开发区, 现代化产业体系, 寿光蔬菜产业集团: part of another name
            item = text[s:e]
            if item.endswith("经济产业"):
                item, e = item[:-2], e - 2
            known = gaz.lookup(item) is not None
            if not known and not cover_residue(item[: -2], lex.generic_words):
                continue
            if _ok(item, gaz) and len(item) >= 4 and len(item) <= 10 and "、" not in item:
                out.append(Cand("Industry", _canonical(gaz, item), item, s, e, "industry-suffix"))
        # 4. a sector in 业 said to develop or counted (促进畜牧业高质量发展, 金融业、软件和信息服务业增加值)
        for m in SECTOR.finditer(clause):
            e = ca + m.end(1)
            s = left_boundary(text, ca, e - 1, gaz, extra=lex.industry_left_stops, hard_conj=True)
            s += leading_verb(text[s:e])
            item = text[s:e]
            if item.endswith(lex.industry_suffix_stops + ("产业", "行业")) or item in SECTOR_CLASSES \
                    or item.endswith("工业") and not item.endswith("加工业") \
                    or "规上" in item or "规模以上" in item \
                    or not 3 <= len(item) <= 10 or not _ok(item, gaz):
                continue  # 中小企业, 充分就业; 产业 words are found by (3); bare 制造业, 服务业 are classes
            out.append(Cand("Industry", _canonical(gaz, item), item, s, e, "industry-sector"))
        # 5. 非常规天然气发展方面: the sector a passage is about
        field = FIELD.match(text, ca, cb)
        if field and _ok(field.group(1), gaz) and not _no_industry(field.group(1), gaz) and all(
                t.flag.startswith(("n", "b")) for t in pos_cut(field.group(1))):  # nouns only: 这里概述几个方面 is none
            out.append(Cand("Industry", _canonical(gaz, field.group(1)), field.group(1), ca, ca + len(field.group(1)),
                            "industry-field"))
    return out


#: A sector ending in 业 followed by words of growth or output.
SECTOR = re.compile(r"([\u4e00-\u9fff]{2,9}?业)(?=(?:高质量|创新|融合|转型|提质|健康|加快|规范化|集聚)?发展|增加值|产值|营收|、[^、]{1,12}业)")
#: Classes, not sectors (gold-dev's conventions: bare 制造业, 服务业, 工业 are not industries).
SECTOR_CLASSES = ("制造业", "服务业", "工业", "农业", "商业", "行业", "各行业", "全行业")
#: A passage about one sector: 非常规天然气发展方面, 煤炭产业方面.
FIELD = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:产业)?(?:发展)?方面(?:[，,]|$)")


#: Words before an industry's name that rank or grow it rather than name it: 千亿级碳纤维, 世界一流鲜切花,
#: 全国首个化妆品…, 做精做优电机 (the genre's reduplicated verbs).
RANK_PREFIX = re.compile(r"^(?:[千百万]亿级|[万千百]亿元级|世界一流|国际一流|国内一流|全国首[个家批]|首[个家批]"
                         r"|做[大强优精深实特新][做育][大强优精深实特新])")


def trim_industries(text: str, cands: list[Cand], gaz: Gazetteer) -> list[Cand]:
    """Industries found by pattern lose the words that rank or grow them; one left with fewer than two
    characters, or with nothing but a verb, goes."""
    from qdkg.loaders.extract.common import leading_verb

    out = []
    for c in cands:
        if c.label != "Industry" or c.rule == "gazetteer":
            out.append(c)
            continue
        surface = text[c.start : c.end]
        m = RANK_PREFIX.match(surface)
        cut = m.end() if m else 0
        cut += leading_verb(surface[cut:])
        if cut:
            rest = surface[cut:]
            if len(rest) < 2:
                continue
            c.start += cut
            c.text = rest
            c.name = industry_name(rest, gaz)
        if _no_industry(c.name, gaz):
            continue
        out.append(c)
    return out


def _no_industry(name: str, gaz: Gazetteer) -> bool:
    """产业, 主导, 利用, 开发: a class word, a stop, or one ordinary verb or adjective is no industry's name."""
    if len(name) < 2 or name in ("产业", "行业", "经济", "业态") or name in gaz.lexicon.industry_stops \
            or name.endswith(gaz.lexicon.industry_end_stops):
        return True
    if gaz.lookup(name) is not None:
        return False
    return _one_plain_word(name)


@lru_cache(maxsize=65536)
def _one_plain_word(name: str) -> bool:
    words = pos_cut(name)
    return len(words) == 1 and words[0].flag in ("v", "vd", "a", "ad", "d", "b")
