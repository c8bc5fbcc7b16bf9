"""Industries named by the genre's patterns: lists before 产业/赛道, …经济/…产业 words, 发展 X、Y.

Known industries come from the gazetteer; these patterns find the ones it lacks
(``布局发展康复机器人、远程康复等产业``, ``繁荣演艺经济、赛事经济``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from qdkg.loaders.extract.common import (
    DIGITS,
    LIST_DENG,
    Cand,
    clauses,
    cover_residue,
    ends_with_any,
    industry_entries,
    industry_name,
    lead_place,
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


#: Words an item ends with when it ranks industries rather than names one (农业优势特色, 人工智能核心).
RANK_ENDS = (*QUALIFIERS.split("|"), "核心")


def _qualified_stop(item: str, gaz: Gazetteer) -> bool:
    """Whether ``item`` ends in one of the lexicon's longer stops (新型农村集体经济: 集体经济, however qualified)."""
    stops = getattr(gaz, "_long_industry_stops", None)
    if stops is None:
        stops = tuple(w for w in gaz.lexicon.industry_stops if len(w) >= 4)
        object.__setattr__(gaz, "_long_industry_stops", stops)
    return item.endswith(stops)


def _canonical(gaz: Gazetteer, text: str) -> str:
    return industry_name(text, gaz)


def _ok(item: str, gaz: Gazetteer) -> bool:
    lex = gaz.lexicon
    if not 2 <= len(item) <= 12 or DIGITS.search(item) or item in lex.industry_stops or _qualified_stop(item, gaz):
        return False  # 新型农村集体经济: a kind of economy the stops list, however qualified
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
            if len(items) < 1 or len(items) < 2 and not m.group().startswith("等") \
                    and not re.search("[与和及”]", text[items[-1][0] : before_end]):
                continue  # 落实新一轮十大重点行业: a count with no list (A与B两大, “…”八大) before it names no item
            for k, (a, b) in enumerate(items):
                seg = text[a:b]
                q = QUANTITY.search(seg)
                if q and q.start() < len(seg):
                    b = a + q.start()
                if k == 0:
                    a = _list_start(text, a, b, gaz)
                item = text[a:b]
                if _ok(item, gaz) and "+" not in item:  # “保税+”等新业态: a model, not an industry
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
            sector = item[:-2] in lex.sector_forms and item[:-2] not in SECTOR_CLASSES_STEMS  # 旅游产业, 金融经济
            if not known and not sector and not cover_residue(item[: -2], lex.generic_words):
                continue
            if _ok(item, gaz) and (len(item) >= 4 or sector) and len(item) <= 10 and "、" not in item:
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
                    or not 2 <= len(item) <= 10 or not _ok(item, gaz):
                continue  # 中小企业, 充分就业; 产业 words are found by (3); bare 制造业, 服务业 are classes
            out.append(Cand("Industry", _canonical(gaz, item), item, s, e, "industry-sector"))
        # 6. 大力发展海上风电, 促进再生铝和铝加工融合发展: what a sentence sets out to develop
        out.extend(_developed(text, ca, cb, gaz))
        # 5. 非常规天然气发展方面: the sector a passage is about
        field = FIELD.match(text, ca, cb)
        if field and _ok(field.group(1), gaz) and not _no_industry(field.group(1), gaz) and all(
                t.flag.startswith(("n", "b")) for t in pos_cut(field.group(1))):  # nouns only: 这里概述几个方面 is none
            out.append(Cand("Industry", _canonical(gaz, field.group(1)), field.group(1), ca, ca + len(field.group(1)),
                            "industry-field"))
    return out


#: A sector ending in 业 followed by words of growth or output.
SECTOR = re.compile(r"([\u4e00-\u9fff]{2,9}?业)(?=(?:高质量|创新|融合|转型|提质|健康|加快|规范化|集聚|快速|稳步|持续|蓬勃)?发展"
                    r"|振兴|增加值|产值|营收|、[^、]{1,12}业)")
#: Classes, not sectors (gold-dev's conventions: bare 制造业, 服务业, 工业 are not industries).
SECTOR_CLASSES = ("制造业", "服务业", "工业", "农业", "商业", "行业", "各行业", "全行业")
#: The stems of those classes, which the national classification lists as sectors too (制造 for 制造业).
SECTOR_CLASSES_STEMS = frozenset(c.removesuffix("业") for c in SECTOR_CLASSES)
#: A passage about one sector: 非常规天然气发展方面, 煤炭产业方面.
FIELD = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:产业)?(?:发展)?方面(?:[，,]|$)")


#: Words before an industry's name that rank or grow it rather than name it: 千亿级碳纤维, 世界一流鲜切花,
#: 全国首个化妆品…, 做精做优电机 (the genre's reduplicated verbs).
RANK_PREFIX = re.compile(r"^(?:[千百万]亿级|[万千百]亿元级|世界一流|国际一流|国内一流|全国首[个家批]|首[个家批]"
                         r"|做[大强优精深实特新][做育][大强优精深实特新])")


def _list_start(text: str, a: int, b: int, gaz: Gazetteer) -> int:
    """Where the first item of an industry list ending at ``b`` starts. A stop word that ends the item is part of
    it (推动商贸服务、…: 服务 stops a name before it, but here the item would be empty)."""
    extra = gaz.lexicon.industry_left_stops
    s = left_boundary(text, a, b, gaz, extra=extra, hard_conj=True)
    if s < b:
        return s
    w = ends_with_any(text[a:b], gaz.lexicon.left_stops + extra)
    if not w or b - len(w) <= a:
        return s
    s = left_boundary(text, a, b - len(w), gaz, extra=extra, hard_conj=True)
    return s if s < b - len(w) else b


def trim_industries(text: str, cands: list[Cand], gaz: Gazetteer) -> list[Cand]:
    """Industries found by pattern lose the words that rank or grow them; one left with fewer than two
    characters, or with nothing but a verb, goes."""
    from qdkg.loaders.extract.common import leading_verb

    out = []
    for c in cands:
        if c.label == "Industry" and (LIST_DENG.search(c.name) or _list_closed_by(text, c.end, CONSUMPTION_CLOSE)):
            continue  # 机器人等重点; 汽车、家电等大宗消费: consumption categories are no industries (gold-dev)
        if c.label == "Industry" and c.rule != "gazetteer" and _list_closed_by(text, c.end, SCENE_CLOSE):
            continue  # 空中物流、应急处突等应用场景: uses, unless a known industry's name (文化旅游)
        if c.label != "Industry" or c.rule == "gazetteer":
            out.append(c)
            continue
        surface = text[c.start : c.end]
        m = RANK_PREFIX.match(surface)
        cut = m.end() if m else 0
        listed = c.rule in LISTED_RULES and text[c.start - 1 : c.start] == "、"
        verb = 0 if listed else leading_verb(surface[cut:])  # 、会展服务、休闲娱乐等: an item, not a verb's object
        if not (surface[cut + verb :] in ("产业", "经济") and surface[cut : cut + verb] in gaz.lexicon.sector_forms):
            cut += verb  # 突出|产业; but 旅游产业: 旅游 is a sector, not a verb
        if c.rule == "industry-list":
            cut += len(lead_place(surface[cut:], gaz))  # 广东 热带农产品加工: a partner's place, then the industry
        if cut:
            rest = surface[cut:]
            if len(rest) < 2:
                continue
            c.start += cut
            c.text = rest
            c.name = industry_name(rest, gaz)
        if _no_industry(c.name, gaz, listed=c.rule in LISTED_RULES):
            continue
        out.append(c)
    return out


#: The rules that read items of a list an industry head closes (A、B等产业): items are nouns, whatever jieba says.
LISTED_RULES = ("industry-list", "list-industry")


def _no_industry(name: str, gaz: Gazetteer, *, listed: bool = False) -> bool:
    """产业, 主导, 利用, 开发: a class word, a stop, or one ordinary verb or adjective is no industry's name.
    A ``listed`` item of an industry list may be one attributive word (机械制造, which jieba tags b)."""
    if len(name) < 2 or name in ("产业", "行业", "经济", "业态") or name in gaz.lexicon.industry_stops \
            or name.endswith(gaz.lexicon.industry_end_stops):
        return True
    if gaz.lookup(name) is not None:
        return False
    if name.endswith("经济") and _one_quality_word(name[:-2]):
        return True  # 国有经济, 稳定经济: how an economy is, not a sector
    if listed and name in RANK_ENDS:
        return True  # 主导产业集群: a rank, however jieba tags it
    return _one_plain_word(name, ("v", "vd", "a", "ad", "d") if listed else PLAIN_TAGS)


@lru_cache(maxsize=65536)
def _one_quality_word(stem: str) -> bool:
    """Whether ``stem`` is one adjective or attributive jieba knows (稳定, 主要, 外向型), no sector's name."""
    words = pos_cut(stem)
    return len(words) == 1 and words[0].flag in ("a", "b")


PLAIN_TAGS = ("v", "vd", "a", "ad", "d", "b")


@lru_cache(maxsize=65536)
def _one_plain_word(name: str, tags: tuple[str, ...] = PLAIN_TAGS) -> bool:
    words = pos_cut(name)
    return len(words) == 1 and words[0].flag in tags


#: A verb that sets out to develop what follows (大力发展海上风电; 发展航空货运).
DEVELOP = re.compile(r"(?:大力|积极|加快|着力|因地制宜|稳步|有序|布局|培育|延伸)?发展(?!壮大|方式|理念|格局|环境|成果|优势|"
                     r"动能|水平|质量|需要|战略|规划|目标|能力|空间|新质|活力|潜力|韧性|后劲|基础|难题|机遇|步伐|态势)")
#: A verb that promotes what stands between it and 发展 (推动奶业高质量发展, 促进水泥、平板玻璃等低碳化发展).
PROMOTE = re.compile(r"推动|促进|推进|支持|引导")
#: How a promoted industry develops, between it and 发展: 高质量, 融合, 全产业链, 连锁化、品牌化.
HOW = re.compile(r"(?:等)?(?:(?:[\u4e00-\u9fff]{1,3}化[、和]?)+|高质量|深度融合|融合|协同|全产业链|产业链|集群|集聚|"
                 r"创新|健康|绿色|提质增效|规范)+$")
#: The longest run of items a develop sentence names.
DEVELOP_SPAN = 24


def _industry_like(item: str, gaz: Gazetteer) -> bool:
    """Whether ``item`` is named like an industry: known, ending in an industry suffix (…业, …经济, …旅游), or in
    a word industries end with (风电, 物流, 加工: mined from reports, and the gazetteer's industries')."""
    lex = gaz.lexicon
    known = gaz.lookup(item)
    if known is not None:
        return known.label == "Industry"
    if item.endswith(lex.industry_suffixes) and not item.endswith(lex.industry_suffix_stops):
        return True
    words = pos_cut(item)
    return len(words) >= 2 and words[-1].word in _industry_words(gaz)


def _industry_words(gaz: Gazetteer) -> frozenset[str]:
    got = getattr(gaz, "_industry_words", None)
    if got is None:  # the gazetteer's industries' final nouns (智能网联汽车 -> 汽车) and the mined ones
        ends = {pos_cut(f)[-1] for e in industry_entries(gaz) for f in (e.name, *e.aliases)
                if f and len(pos_cut(f)) >= 2}
        keywords = {k for e in industry_entries(gaz) for k in e.keywords if len(k) >= 2 and pos_cut(k)[-1].flag == "n"}
        got = frozenset(t.word for t in ends if len(t.word) >= 2 and t.flag == "n"
                        and t.word not in gaz.lexicon.field_stops) | gaz.lexicon.industry_words | frozenset(
            k for k in keywords if k not in gaz.lexicon.field_stops)  # the tracks' keywords: 风电, 光伏, 氢能
        object.__setattr__(gaz, "_industry_words", got)
    return got


def _developed(text: str, ca: int, cb: int, gaz: Gazetteer) -> list[Cand]:
    lex = gaz.lexicon
    spans: list[tuple[int, int]] = []
    for m in DEVELOP.finditer(text, ca, cb):
        end = min((i for i in (text.find(ch, m.end(), cb) for ch in "，,。；;") if i >= 0), default=cb)
        if end - m.end() <= DEVELOP_SPAN:
            spans.append((m.end(), end))
    for m in re.finditer("发展", text[ca:cb]):
        e = ca + m.start()
        verb = max((v for v in PROMOTE.finditer(text, max(ca, e - DEVELOP_SPAN), e)), key=lambda v: v.start(),
                   default=None)
        if verb is None:
            continue
        how = HOW.search(text, verb.end(), e)
        if how is None or how.start() == verb.end():
            continue  # 推动经济发展 without a how is too vague to say an industry
        spans.append((verb.end(), how.start()))
    out: list[Cand] = []
    for a, b in spans:
        a += leading_verb(text[a:b])
        if "，" in text[a:b] or b - a < 2:
            continue
        items = [(x, y) for x, y in clauses(text, a, b, breaks="、") if y > x]
        split: list[tuple[int, int]] = []
        for x, y in items:
            k = max(text.rfind(w, x, y) for w in ("和", "及", "与"))
            split += [(x, k), (k + 1, y)] if x < k < y - 1 else [(x, y)]
        found: list[Cand] = []
        for x, y in split:
            if text.endswith("等", x, y):
                y -= 1  # 卫星互联网等
            item = text[x:y]
            if any(ch in item for ch in "等的为+") or _qualified_stop(item, gaz) or item.endswith(RANK_ENDS):
                found = []
                break  # 新型农村集体经济, 农业优势特色, 人工智能核心: a class or a rank, not an industry
            if not 2 <= len(item) <= 8 or DIGITS.search(item) or item in lex.industry_stops \
                    or item.endswith(lex.industry_end_stops) or not _industry_like(item, gaz) or _no_industry(item, gaz):
                found = []
                break  # one item no industry: the run is something else (发展新质生产力和…)
            found.append(Cand("Industry", _canonical(gaz, item), item, x, y, "industry-develop"))
        out.extend(found)
    return out

#: What closes a list of consumption categories: 等大宗消费, 等服务消费, 等商品及服务消费 (not 等消费型产业, which frames
#: industries).
CONSUMPTION_CLOSE = re.compile(r"等?[\u4e00-\u9fff]{0,6}?消费(?!型|品)")
#: The longest stretch of a list after an item before its closing words.
LIST_TAIL = 40


#: What closes a list of uses: 等应用场景, 等场景.
SCENE_CLOSE = re.compile(r"等[\u4e00-\u9fff]{0,4}?场景")


def _list_closed_by(text: str, end: int, close: re.Pattern[str]) -> bool:
    """Whether the item ending at ``end`` belongs to a list closed by ``close`` (健康、家政、餐饮、物业等服务消费;
    汽车、家电等大宗消费)."""
    i = end
    limit = min(len(text), end + LIST_TAIL)
    while i < limit and text[i] in "、和及与":
        i += 1
        while i < limit and "\u4e00" <= text[i] <= "\u9fff" and text[i] not in "、和及与等":
            i += 1
    return text.startswith("等", i) and close.match(text, i, limit) is not None
