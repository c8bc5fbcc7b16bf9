"""Named projects, institutions and zones, found from the word their name ends with.

A work report names a project as [place][owner][descriptor][head][phase][ending]:
``即墨女岛绿色能源装备产业园``, ``中国联通智算中心二期``, ``官路水库主体工程``. The finder looks for
heads (lexicon ``heads``), extends over brackets, phases and generic endings, walks left until a
verb, a function word or punctuation, and keeps the name only when something in it is specific (a
known place or organisation, a quotation, an ``A至B`` link, an owner marker such as 市/国家, or
characters outside the generic vocabulary). Lists distribute a shared head (``A、B等项目``:
:mod:`qdkg.loaders.extract.distribute`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from qdkg.loaders.extract.common import (
    ADMIN_PLACE_KINDS,
    DIGITS,
    NAME_TAGS,
    Cand,
    clauses,
    common_vocab,
    cover_residue,
    ends_with_any,
    generic_vocab,
    industry_name,
    is_word,
    leading_verb,
    plain_words,
    pos_cut,
    starts_with_any,
    strip_quotes,
)
from qdkg.loaders.extract.common import TOPONYM_HEADS as COMMON_TOPONYM_HEADS
from qdkg.loaders.extract.gazetteer_hits import dictionary
from qdkg.loaders.extract.owners import (
    capacity_firm,
    firm_cand,
    headquarters_owner,
    sized_firm,
    unknown_owner,
)
from qdkg.loaders.extract.specific import PORT_ENDINGS, canonical_project, is_specific
from qdkg.loaders.extract.works import find_works
from qdkg.loaders.gazetteer import Gazetteer

CLAUSE_BREAKS = "，,。；;：:！？!?"
CONJ = ("和", "与", "及", "同")
COUNT_AFTER = re.compile(r"^\s*[0-9０-９.]+\s*(?:万)?(?:家|个|所|处|项|座|条|场|套)")
ORDINAL_OK = re.compile(
    r"第[一二三四五六七八九十]+|第[0-9.]+代|[0-9]+号线|[0-9.]+万?吨级|[0-9]+千伏|[0-9.]+万?千瓦|[0-9]+兆瓦|[0-9.]+英寸"
    r"|[A-Za-z]+[0-9]+[A-Za-z0-9-]*|[0-9]+[A-Za-z]+[A-Za-z0-9-]*|“[^”]*”"
)
QUOTED = re.compile(r"“([^”]{1,12})”")
#: Words before a list's class phrase that rank it rather than name its industry (等新一代煤电项目).
CLASS_RANKS = ("新一代", "新一批", "一批", "重点", "重大", "新")
#: A project's status in a list's class phrase that the stage verbs lack (等拟建项目, 等新建项目): no industry.
STATUS_WORDS = ("拟建", "新建", "已建")


@lru_cache(maxsize=4)
def _head_regex(heads: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True)))


def _shielded(text: str, lo: int, i: int, w: str, shields: tuple[str, ...]) -> bool:
    """Whether the stop ``w`` ending at ``i`` sits inside a longer word (由 in 自由贸易)."""
    for sh in shields:
        if w not in sh:
            continue
        for k in range(max(lo, i - len(sh)), i - len(w) + 1):
            if text.startswith(sh, k) and k + len(sh) >= i:
                return True
    return False


def left_boundary(text: str, lo: int, pos: int, gaz: Gazetteer, *, extra: tuple[str, ...] = (),
                  hard_conj: bool = False) -> int:
    """Where a name ending at ``pos`` begins: after the nearest verb, function word or punctuation.

    A bracketed part met on the way belongs to the name (中国(山东)自由贸易试验区, 潍柴(青岛)…); an
    opening bracket with no closing one before ``pos`` ends the walk, so names never have half a bracket.
    """
    lex = gaz.lexicon
    stops = tuple(sorted(lex.left_stops + extra, key=len, reverse=True)) if extra else lex.left_stops
    i = pos
    depth = 0
    while i > lo:
        ch = text[i - 1]
        if ch in ")）":
            depth += 1
            i -= 1
            continue
        if ch in "(（":
            if depth == 0:
                break
            depth -= 1
            i -= 1
            continue
        if depth:
            i -= 1
            continue
        if ch in CLAUSE_BREAKS or ch == "、":
            break
        w = ends_with_any(text[lo:i], stops) if text.endswith(stops, lo, i) else ""
        if w and any(text[i - ln : i] in gaz.by_form for ln in range(len(w) + 1, 7) if i - ln >= lo):
            w = ""  # 大同至天津: the stop 同 ends a place's name here
        if w and any(text[i - len(w) : i - len(w) + ln] in gaz.by_form for ln in range(len(w) + 1, 7)
                     if i - len(w) + ln <= pos):
            w = ""  # 开工同德至玛沁: the stop 同 starts a place's name here
        if w and not _shielded(text, lo, i, w, lex.stop_shields):
            if w in CONJ and not hard_conj and not ends_with_any(text[lo : i - len(w)], tuple(lex.heads)):
                i -= 1
                continue
            break
        i -= 1
    if depth:  # a closing bracket without its opening one: start after it
        j = text.rfind(")", i, pos)
        k = text.rfind("）", i, pos)
        i = max(j, k) + 1
    if i - 2 >= lo and pos - i > 3 and text[i] == text[i - 2] and text[i - 2 : i] in lex.left_stops \
            and "\u4e00" <= text[i + 1] <= "\u9fff":
        i += 2  # 落实落细民生工程, 抓实抓细: the stop's reduplicated twin is a verb too
    return i + coordinated_verb(text, lo, i, pos, gaz)


def coordinated_verb(text: str, lo: int, s: int, pos: int, gaz: Gazetteer) -> int:
    """Length of the verb a name starting at ``s`` inherits from a list of verbs before it.

    做实、做好、做美、做响上合示范区: the verbs before the last one are left stops of the same shape
    (same first character, same length), so the last item's first word is a verb too, not part of the name.
    """
    if s <= lo or text[s - 1] != "、":
        return 0
    items = text[lo : s - 1].split("、")
    items[0] = items[0][len(items[0]) - len(items[-1]) :] if len(items[0]) > len(items[-1]) else items[0]
    n = len(items[-1])
    if not 1 < n <= 3 or any(len(w) != n or w[0] != items[-1][0] for w in items):
        return 0
    if not any(w in gaz.lexicon.left_stops for w in items) or not text.startswith(items[-1][0], s):
        return 0
    return n if pos - s > n else 0


def balanced(s: str) -> bool:
    """Whether every bracket and quotation mark of ``s`` is closed (names never hold half a pair)."""
    if s.count("“") != s.count("”"):
        return False
    depth = 0
    for ch in s:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _extend(text: str, e: int, end: int, gaz: Gazetteer, *, project: bool) -> int:
    """Extend a name over a bracketed section, extensions, phases and generic endings after its head."""
    lex = gaz.lexicon
    while e < end:
        rest = text[e:end]
        m = re.match(r"[(（][^()（）]{1,14}[)）]", rest)
        if m:
            e += m.end()
            continue
        m = SECTION.match(rest)
        if m and project:
            e += m.end()
            continue
        w = starts_with_any(rest, lex.extensions) or starts_with_any(rest, lex.phases)
        if w:
            e += len(w)
            continue
        if project:
            w = starts_with_any(rest, tuple(x for x in lex.generic_endings if x != "建设"))
            if w:
                e += len(w)
                continue
        break
    return e


#: a section of a line after its name: 辅助通道潍坊至宿迁段, 潍坊段 is left to the phase words
SECTION = re.compile(r"(?:辅助通道|联络线|连接线|复线)?[\u4e00-\u9fff]{2,5}?至[\u4e00-\u9fff]{2,5}?段")
TRAILING_LINK = re.compile(r"至([\u4e00-\u9fff]{2,5})段$")


AFTER_STRICT = ("扩容", "升级", "提升", "开发", "开园", "功能", "能级", "运行", "运营", "高质量", "加快", "建设", "等")


def _ends_name(text: str, e: int, end: int, gaz: Gazetteer) -> bool:
    """Whether a strict head ending at ``e`` ends a name (谷 in 中国算谷, not in 谷物; 城 not in 城市)."""
    if e >= end:
        return True
    ch = text[e]
    if ch in CLAUSE_BREAKS or ch in "、“”\"(（)）":
        return True
    lex = gaz.lexicon
    words = AFTER_STRICT + lex.left_stops + lex.phases + lex.generic_endings + tuple(
        w for ws in lex.stages.values() for w in ws)
    return bool(starts_with_any(text[e:end], words))




def _industry_before_chanye(raw: str, s: int, inner: list[Cand], gaz: Gazetteer) -> str | None:
    """The industry a name states before 产业 (中国生物西北医美产业基地 → 医美): what stands between the
    owner or place it starts with and 产业, two to six characters, not only common words."""
    k = raw.find("产业")
    if k <= 0:
        return None
    start = max((c.end - s for c in inner if c.end - s <= k), default=0)
    seg = strip_quotes(raw[start:k])
    if start == 0 and not gaz.lookup(seg):
        return None  # 康宁制药产业园: a name that starts with what precedes 产业 is a brand's, not an industry's
    if not 2 <= len(seg) <= 6 or DIGITS.search(seg) or not cover_residue(seg, common_vocab(gaz)):
        return None
    known = gaz.lookup(seg)
    if known is not None and known.label != "Industry":
        return None
    return industry_name(seg, gaz)


def _widened_industry(text: str, c: Cand, s: int, gaz: Gazetteer) -> str:
    """An industry inside a name, widened by the industry words just before it (百万吨化工新材料基地:
    化工新材料, not 新材料)."""
    a = c.start
    tails = industry_tails(gaz)
    while a - 2 >= s and text[a - 2 : a] in tails:
        a -= 2
    return c.name if a == c.start else industry_name(text[a : c.end], gaz)


def _class_industry(qual: str, gaz: Gazetteer) -> str | None:
    """The industry a list's class phrase names (等绿色氢基能源项目 → 绿色氢基能源; 等新一代煤电项目 → 煤电):
    the phrase without its rank: a known industry, one ending in an industry's form or keyword, or a phrase
    with a proper part (not only common words)."""
    for rank in CLASS_RANKS:
        qual = qual.removeprefix(rank)
    qual = re.sub(r"^[千百万]亿级", "", qual).removesuffix("一体化")  # 等5个百亿级绿色氢基能源一体化项目
    if not 2 <= len(qual) <= 8 or any(ch in qual for ch in "和的及") or qual.endswith(("试点", "续建", "示范")) \
            or any(h in qual for h in gaz.lexicon.heads if len(h) >= 2) \
            or qual in STATUS_WORDS or qual in (w for ws in gaz.lexicon.stages.values() for w in ws):
        return None  # 等高速公路续建项目, 等水电站和抽水蓄能项目, 等拟建项目: no industry named
    known = gaz.lookup(qual)
    if known is not None and known.label != "Industry":
        return None
    if known is None and not any(qual.endswith(t) for t in industry_tails(gaz)) and (
            not cover_residue(qual, common_vocab(gaz)) or plain_words(qual)):
        return None  # 等基础设施项目, 等民生项目: a kind of project, not an industry
    return industry_name(qual, gaz)


def industry_tails(gaz: Gazetteer) -> frozenset[str]:
    """Every industry form and keyword of two or more characters (what an industry's name may end with)."""
    cached = getattr(gaz, "_industry_tails", None)
    if cached is None:
        cached = frozenset(w for e in gaz.industries() for w in (*e.forms, *e.keywords) if len(w) >= 2)
        gaz._industry_tails = cached  # type: ignore[attr-defined]
    return cached


def _in_head_words(word: str, gaz: Gazetteer) -> bool:
    """Whether ``word`` is part of a head word of the lexicon (科创 of 科创走廊, 高教 of 高教园): a descriptor."""
    lex = gaz.lexicon
    return any(word in h for h in (*lex.heads, *lex.district_heads, *lex.zone_heads, *lex.generic_words))


@lru_cache(maxsize=65536)
def _one_verb(s: str) -> bool:
    """Whether jieba reads ``s`` as one verb of two or more characters (推广, 复制)."""
    words = pos_cut(s)
    return len(words) == 1 and len(s) >= 2 and words[0].flag in ("v", "vd")


def _leading_conjunction(text: str, s: int, known: list[Cand]) -> bool:
    """Whether ``text[s]`` is a conjunction (和, 及, 与) rather than the first character of a word."""

    if text[s] not in "和及与" or any(k.start == s for k in known):
        return False
    if s == 0 or not "\u4e00" <= text[s - 1] <= "\u9fff":
        return False  # after 、 or at a clause's start it begins a name (、和舰芯片)
    return not is_word(text[s : s + 2])


def _inner(cands: list[Cand], s: int, e: int) -> list[Cand]:
    return [c for c in cands if s <= c.start and c.end <= e]


#: A dash joining two places at the start of a line's name (海南—广东第三回500千伏交流线路).
DASH_LINK = re.compile(r"[—－-]+")
#: What a dash-joined name must end with to be a line between its places (not 瓮福—江山产业园, 中国—东盟自贸区).
DASH_LINK_ENDS = ("线路", "输电通道", "直流", "特高压", "航线", "铁路", "高铁", "高速公路", "公路", "管道")


def _dash_link(text: str, s: int, e: int, known: list[Cand], gaz: Gazetteer) -> list[Cand]:
    """The two places a line written ``A—B…线路`` joins: known places right before and right after the dash."""
    name = canonical_project(text[s:e], gaz)[0]
    d = DASH_LINK.search(text, s, e)
    if d is None or not name.endswith(DASH_LINK_ENDS):
        return []
    first = next((c for c in known if c.label == "District" and c.start == s and c.end == d.start()), None)
    second = next((c for c in known if c.label == "District" and c.start == d.end() and c.end < e), None)
    if first is None or second is None:
        return []
    return [Cand("District", c.name, c.text, c.start, c.end, "link") for c in (first, second)]


def _link(text: str, s: int, e: int, known: list[Cand], gaz: Gazetteer) -> list[Cand]:
    """The places an ``A至B(至C)`` link joins, as District candidates (known or found by position)."""
    name = text[s:e]
    if "至" not in name:
        return _dash_link(text, s, e, known, gaz)
    m = re.search(r"[(（]([^()（）]*至[^()（）]*)[)）]", name)
    t = TRAILING_LINK.search(name)
    lead_len = _place_before(name[: t.start()], s + t.start(), known, gaz) if t and not m else 0
    if m:
        seg_start = s + m.start(1)
        seg = m.group(1)
    elif t and lead_len:
        # 京沪高铁辅助通道潍坊至宿迁段: the section joins the place before 至 and the one after it
        seg_start, seg = s + t.start() - lead_len, name[t.start() - lead_len :]
        m = t  # the pieces carry no line head
    else:
        seg_start, seg = s, name
    seg = re.sub(r"段$", "", seg)
    parts, pos = [], 0
    for piece in seg.split("至"):
        parts.append((seg_start + pos, piece))
        pos += len(piece) + 1
    lex = gaz.lexicon
    out: list[Cand] = []
    for k, (p0, piece) in enumerate(parts):
        if k == len(parts) - 1 and not m:
            # the last piece carries the head: 五莲铁路 -> 五莲
            multi = tuple(sorted(lex.link_heads + tuple(h for h in lex.heads if len(h) >= 2), key=len, reverse=True))
            # 盐城高铁: 城 stays; 慈溪市域铁路: the longest head goes
            head = ends_with_any(piece, multi)
            while head:
                piece = piece[: -len(head)]
                head = ends_with_any(piece, multi)
        if k == 0 and not m:
            head = ends_with_any(piece, lex.link_heads)
            if head:  # 潍宿高铁至青岛: the start is a line, not a place
                continue
        piece = piece.strip()
        if not (1 < len(piece) <= 6) or DIGITS.search(piece):
            continue
        known_here = [c for c in known if c.label == "District" and c.start == p0 and c.text == piece]
        entry = gaz.lookup(piece)
        pname = known_here[0].name if known_here else (entry.name if entry and entry.label == "District" else piece)
        out.append(Cand("District", pname, piece, p0, p0 + len(piece), "link"))
    return out


def _place_before(before: str, end: int, known: list[Cand], gaz: Gazetteer) -> int:
    """Length of the known place ``before`` ends with (a candidate ending at ``end``, or a gazetteer form)."""
    lead = next((c for c in known if c.label == "District" and c.end == end and c.end - c.start < len(before)), None)
    if lead is not None:
        return lead.end - lead.start
    return next((k for k in (4, 3, 2) if k < len(before) and (e := gaz.lookup(before[-k:])) is not None
                 and e.label == "District"), 0)


def _label(head: str, owner: Cand | None, gaz: Gazetteer) -> str:
    lab = gaz.lexicon.heads.get(head)
    if lab is None and head in gaz.lexicon.district_heads:
        return "District"
    return lab or "Project"


#: Verbs by which a name earns a title (入选首批国家级零碳园区, 跻身全国重点实验室): what follows is no thing.
DESIGNATION_VERBS = ("入选", "跻身", "进入", "获批", "列入", "获评", "成为", "荣获", "获得", "分别入选")
#: Verbs that seek or earn a title, inside what would be a name (湿地公园申报国家5A级景区, 晋升为国家4A级旅游景区).
TITLE_VERBS = re.compile("申报|晋升为|被评为|被命名为|入选|获评|荣获|进入世界|列入")
#: Complements that end a verb, never start a name (谋划好大型商贸综合体, 抓实…).
RESULT_START = ("好", "实", "细", "足")


def _after_word(text: str, s: int) -> bool:
    """Whether the complement at ``s`` closes the word before it (谋划|好) and starts none (实体, 足球 stay)."""
    words = dictionary()
    return words.get(text[s - 2 : s], 0) >= 100 and words.get(text[s : s + 2], 0) < 100


#: Heads of sites, which often only name the museum or park built on them.
SITE_HEADS = ("遗址",)
#: How often jieba must have seen a four-character word ending in a one-character head to read it as an idiom.
IDIOM_MIN_FREQ = 20
#: What follows a field's word, not a plant's name (光伏产能, 风电产量, 核电产业).
OUTPUT_WORDS = ("产能", "产量", "产值", "产业", "行业", "企业", "装机")


def _idiom(word: str, head: str) -> bool:
    """Whether a name with a one-character head is an idiom jieba knows whole (众志成城; 万里长城 is a place)."""
    from qdkg.loaders.extract.postag import word_tag

    tag = word_tag(word)
    return len(head) == 1 and len(word) >= 4 and tag is not None and tag not in NAME_TAGS \
        and dictionary().get(word, 0) >= IDIOM_MIN_FREQ


def _word_goes_on(text: str, hs: int, he: int) -> bool:
    """Whether the head and the character after it are a common word of their own (大学生, 学院派)."""
    longer = text[hs : he + 1]
    return he < len(text) and "\u4e00" <= text[he] <= "\u9fff" and dictionary().get(longer, 0) >= 100 \
        and dictionary().get(longer, 0) >= dictionary().get(text[hs:he], 0) // 20


def find_named(text: str, gaz: Gazetteer, known: list[Cand]) -> list[Cand]:
    """Projects, institutions and zones named in ``text`` (a paragraph), with owners, places and links."""
    from qdkg.loaders.extract.distribute import distribute  # distribute builds on this module

    lex = gaz.lexicon
    heads = tuple(lex.heads) + tuple(lex.district_heads)
    head_re = _head_regex(heads)
    out: list[Cand] = []
    for ca, cb in clauses(text, breaks=CLAUSE_BREAKS):
        covered_until = made_until = ca
        for m in head_re.finditer(text, ca, cb):
            hs, he = m.start(), m.end()
            if hs < covered_until:
                continue
            head = m.group()
            if ends_with_any(text[ca:he], lex.program_heads) not in ("", head) and len(
                    ends_with_any(text[ca:he], lex.program_heads)) > len(head):
                continue
            label0 = lex.heads.get(head, "District")
            if _word_goes_on(text, hs, he):
                continue  # 资助残疾人大学生, 万名大学生: the head is the start of a longer word
            if text.startswith(OUTPUT_WORDS, he) and label0 == "Project":
                continue  # 硅光伏产能利用率: an industry's output, not a plant
            if head in SITE_HEADS and starts_with_any(text[he:cb], tuple(lex.heads)):
                continue  # 汉魏洛阳故城遗址博物馆, 落笔洞国家考古遗址公园: the site names a museum or a park
            if head in lex.strict_heads:
                after = he + 1 if text[he : he + 1] == "”" else he
                if not _ends_name(text, after, cb, gaz) or any(
                        k.end == he and k.start < hs for k in known):
                    continue  # 城市, 谷物, “金智谷”平台, 盐城: not a name ending here
            if head in lex.strict_heads and text[he : he + 1] == "”":
                he += 1
            e = _extend(text, he, cb, gaz, project=label0 == "Project")
            s = left_boundary(text, ca, hs, gaz)
            verb = leading_verb(text[made_until:hs]) if s < made_until and hs - made_until > 2 else 0
            if verb and text.startswith(DESIGNATION_VERBS, made_until):
                covered_until = e  # 阳泉高新区入选首批国家级零碳园区: a title the name earned, not a thing
                continue
            if s < made_until and (verb or text.endswith("项目", 0, made_until) and label0 == "Project"):
                # 吉化…项目 新装置, 天津港 建设…: a name ended there and a verb follows it
                s = made_until + verb
            if s < hs and not any(k.start == s for k in known):
                s += leading_verb(text[s:hs])  # 拉动风电, 安排风电光伏: a verb jieba knows starts no name
                if head in lex.district_heads and _one_verb(text[s:hs]):
                    s = hs  # 推广自由贸易试验区: nor does it make one
            if s < hs - 2 and _leading_conjunction(text, s, known):
                s += 1  # 建设和景电灌区: the clause's "and", not the name's first character (和平, 和田 stay)
            if s < hs - 2 and text.startswith(RESULT_START, s) and s - 2 >= ca and _after_word(text, s):
                s += 1  # 谋划好大型商贸综合体: the verb's complement, not the name's first character
            if TITLE_VERBS.search(text, s, hs) or TITLE_VERBS.search(text[max(ca, s - 3) : s]):
                covered_until = e  # 湿地公园申报国家5A级景区: a title sought or earned, not a name
                continue
            if s >= hs or not balanced(text[s:e]):
                continue
            covered_until = e
            if _idiom(text[s:e], head):
                continue  # 众志成城: an idiom that ends like a name
            cand = _make(text, s, hs, e, head, gaz, known, out)
            if cand:
                out.extend(cand)
                made_until = e
        out.extend(distribute(text, ca, cb, gaz, known, out))
    from qdkg.loaders.extract.lists import shared_tails  # lists builds on this module

    out.extend(shared_tails(text, gaz, out))
    out.extend(find_works(text, gaz, known + out))
    return _drop_nested_prefixes(out, known)


def _make(text: str, s: int, hs: int, e: int, head: str, gaz: Gazetteer, known: list[Cand],
          found: list[Cand]) -> list[Cand]:
    lex = gaz.lexicon
    raw = text[s:e]
    if COUNT_AFTER.match(text[e : e + 8]) or "+" in raw or "＋" in raw:
        return []  # …5个; “高等研究院+大学科技园”: a formula, not a name
    body = ORDINAL_OK.sub("", text[s:hs + len(head)])
    capacity = capacity_firm(text[s:hs], gaz) if DIGITS.search(body) else None
    if DIGITS.search(body) and capacity is None:
        return []
    inner = _inner(known, s, e)
    label0 = lex.heads.get(head, "District")
    # a known name is not a new thing (康复大学, 青岛港)
    entry = gaz.lookup(strip_quotes(raw))
    if entry is not None:
        return []
    quoted = QUOTED.findall(raw)
    if quoted and head in ("项目", "工程") and label0 == "Project":
        return []  # “影视之都”系列旅游体验项目: a programme, found by the programme finder
    if head == "工程" and not inner and ends_with_any(text[max(0, s - 4) : s], PROGRAMME_VERBS):
        return [Cand("Program", raw, raw, s, e, "program", props={"head": head})]  # 实施职教兴滇工程
    if not is_specific(raw, head, inner, gaz) and not _built_by(text, s, head, known + found):
        return []
    out: list[Cand] = []
    owners = inner + [c for c in found if c.label == "Institution" and c.start == s and c.end < e]
    owner = next((c for c in owners if c.label in ("Company", "Institution") and c.start in (s, s + 1)
                  and (gaz.lookup(c.text) is None or gaz.lookup(c.text).can_own)), None)  # type: ignore[union-attr]
    new_owner = None
    org = _org_prefix(raw, s, hs, gaz)
    # 寿光蔬菜产业集团种业研发中心: the place names the company, it does not locate the project
    firm_end = org.end if org is not None and org.label == "Company" else s
    new_places = _unknown_places(text, s, hs, inner, gaz, zone=label0 == "District") \
        if owner is None and firm_end == s else []
    inner = inner + new_places
    named_firm = firm_cand(capacity or headquarters_owner(canonical_project(raw, gaz)[0], head, gaz), text, s) \
        if label0 != "District" else None
    if owner is None and label0 != "District":
        new_owner = unknown_owner(raw, s, head, inner, gaz) or named_firm or sized_firm(text, s, hs, gaz)
        owner = new_owner
    elif owner is not None and named_firm is not None and owner.start == s and named_firm.end > owner.end:
        owner = new_owner = named_firm  # 一汽丰田销售总部: the firm 一汽丰田, not the parent brand 一汽
    if org is not None and (owner is None or owner.end < org.end):
        owner = org
        new_owner = org if org.rule == "owner" else None
    label = _label(head, owner, gaz)
    if label == "District" and ends_with_any(raw, lex.phases):
        label = "Project"  # 宁波舟山港梅山港区二期: a phase of a port area is a project
    if label == "District" and org is not None:
        label = "Project"  # 合肥市第二人民医院新区: an organisation's new site, not a zone
    links = _link(text, s, e, known, gaz) if label == "Project" else []
    link_spans = {(c.start, c.end) for c in links}
    places = [c.name for c in inner if c.label == "District" and (c.start, c.end) not in link_spans
              and c.end > firm_end
              and not any(c.start >= lc.start and c.end <= lc.end for lc in links)]
    floor = max(s, owner.end if owner is not None and owner.end <= hs else s)  # 修正药业 大健康: not into the owner
    industries = [_widened_industry(text, c, floor, gaz) for c in inner if c.label == "Industry"] if head != "号线" else []
    if not industries and label0 == "Project":
        named = _industry_before_chanye(raw, s, inner + ([owner] if owner is not None else []), gaz)
        industries = [named] if named else []
    suppress = []
    if label == "Institution" and inner and inner[0].label == "District" and inner[0].start == s and \
            inner[0].end == hs:
        suppress.append((inner[0].start, inner[0].end))  # 崂山实验室: a name, not a location
        places = []
    if len(quoted) > 1 and raw.startswith("“"):
        # “国信”“深蓝”系列养殖装备 -> one project per quoted name
        tail = re.sub(r"^(?:“[^”]{1,12}”)+", "", raw)
        pos = s
        for q in quoted:
            qs = text.find(f"“{q}”", pos, e)
            qtext = f"“{q}”{tail}"
            own = next((c for c in inner if c.label == "Company" and c.start == qs + 1), None)
            name, phases = canonical_project(qtext, gaz)
            out.append(Cand("Project", name, text[qs : qs + len(q) + 2], qs, qs + len(q) + 2, "head",
                            props={"head": head, "phases": phases, "surface": qtext},
                            owner=(own.label, own.name) if own else None))
            pos = qs + 1
        return out
    if label == "Project":
        name, phases = canonical_project(raw, gaz)
    else:
        name, phases = canonical_project(raw, gaz) if label == "Institution" else (raw, [])
    if len(strip_quotes(name)) < 3:
        return []
    if label == "Project" and phases and ends_with_any(name, lex.district_heads):
        name += "".join(phases)  # 苏州港太仓港区四期工程: without its phase the name is the port area's
    if owner is not None and owner.label == "District":
        places.append(owner.name)
        owner = None
    for zone in _zones_in_name(text, s, hs, inner, gaz) if label == "Project" else []:
        # 海口经济圈规模化供水: the project lies in the circle, the longest place its name gives
        places = [zone.name if p == zone.places[0] else p for p in places]
        new_places = [*new_places, zone]
    toponym = _toponym(text, owner.end if owner is not None and head in CAMPUS_HEADS else s, e, inner, gaz) \
        if label == "Project" and (owner is None or head in CAMPUS_HEADS) else None
    if toponym is not None:  # 武宿机场, 长春龙嘉机场, 九龙川煤矿: the airport's or mine's own place
        suppress += [(k.start, k.end) for k in inner if k.label == "District" and k.start < toponym.end
                     and toponym.start < k.end and (k.start, k.end) != (toponym.start, toponym.end)]
        places = [p for p in places if not any(k.name == p and (k.start, k.end) in suppress for k in inner)]
        places.append(toponym.name)
        new_places = [*new_places, toponym]
    port = _toponym(text, s, e, inner, gaz, PORT_RE) if label == "District" and head in PORT_ENDINGS else None
    if port is not None:  # 马村港 lies in 马村, 罗泾港区 in 罗泾: the place the port is named after
        places.append(port.name)
        new_places = [*new_places, port]
    c = Cand(label, name, raw, s, e, "head", props={"head": head, "phases": phases, "suppress": suppress},
             owner=(owner.label, owner.name) if owner and owner.name != name else None,
             places=places, connects=[lc.name for lc in links], industries=industries)
    if owner is not None and owner.name == name and phases:
        c.name = name + "".join(phases)  # 长鑫存储二期: the company's name with a phase is the project
    out.append(c)
    out.extend(links)
    out.extend(new_places)
    if new_owner is not None:
        out.append(new_owner)
    return out


#: Verbs that carry out a programme: 实施…工程 is a programme (职教兴滇工程), 建设…工程 a project.
PROGRAMME_VERBS = ("启动实施", "深入实施", "全面实施", "组织实施", "实施")

BUILD_VERBS = ("建设", "打造", "组建", "筹建", "设立")


def _built_by(text: str, s: int, head: str, cands: list[Cand]) -> bool:
    """齐鲁工业大学(山东省科学院)建设先进材料研究院: what a named organisation builds is one thing
    (but 康复大学建设新型研究型大学 says what the university becomes)."""
    verb = next((v for v in BUILD_VERBS if text.endswith(v, 0, s)), "")
    if not verb:
        return False
    at = s - len(verb)
    return any(c.end == at and c.label in ("Institution", "Company") and not c.name.endswith(head) for c in cands)


def _org_prefix(raw: str, s: int, hs: int, gaz: Gazetteer) -> Cand | None:
    """The organisation a name starts with when an organisation head ends it before the name's own head."""
    lex = gaz.lexicon
    for k in range(hs - s, 3, -1):
        prefix = raw[:k]
        if not ends_with_any(prefix, lex.org_heads) or raw[k:].startswith("附属") or not balanced(prefix):
            continue
        firm_suffix = ends_with_any(prefix, lex.named_firm_suffixes)
        if k == 4 and not firm_suffix:
            continue  # 市立医院东院区: a four-character hospital is the project's own name; 天顺公司肉牛屠宰 is a firm's
        if firm_suffix and ends_with_any(prefix[: -len(firm_suffix)], lex.generic_firm_stems):
            return None  # 城投公司, 农村商业银行: a kind of firm, not one
        entry = gaz.lookup(prefix)
        if entry is not None:
            if entry.label not in ("Company", "Institution") or not entry.can_own:
                return None
            return Cand(entry.label, entry.name, prefix, s, s + k, "gazetteer")
        label = "Company" if prefix.endswith("集团") or firm_suffix else "Institution"
        return Cand(label, prefix, prefix, s, s + k, "owner")
    return None


PLACE_SUFFIX = re.compile(r"^[\u4e00-\u9fff]{1,3}[河湾湖]|^[\u4e00-\u9fff]{2,3}[市县区](?![\u4e00-\u9fff]*?[级属])"
                          r"(?!场|民|政|容|值|域|位|间|块|城)")  # 联通市场设施: 市场, 县域, 区域 are words, not suffixes


def _zones_in_name(text: str, s: int, hs: int, inner: list[Cand], gaz: Gazetteer) -> list[Cand]:
    """Zones inside a project's name: a known place followed by a zone's head (海口 经济圈, 兰州 新区)."""
    out = []
    heads = gaz.lexicon.district_heads
    for k in inner:
        if k.label != "District" or k.rule != "gazetteer" or not s <= k.start or k.end >= hs:
            continue
        head = starts_with_any(text[k.end : hs], heads)
        if not head or head in SITE_HEADS or any(o.start < k.end + len(head) and k.end < o.end for o in inner if o is not k):
            continue
        form = text[k.start : k.end + len(head)]
        entry = gaz.lookup(form)
        name = entry.name if entry is not None and entry.label == "District" else form
        out.append(Cand("District", name, form, k.start, k.end + len(head), "inner-zone", props={"head": head},
                        places=[k.name]))
    return out


#: Heads whose names are toponyms: the place the airport, mine or field is named after is a place of its own
#: (武宿 in 武宿机场, 大吉 in 大吉煤层气田). Reservoirs, hydropower stations and irrigation districts are not:
#: they are named after places they do not stand for.
TOPONYM_HEADS = (*COMMON_TOPONYM_HEADS, "校区")  # 港区: a port area is a place itself
#: A port's head at the end of its name (马村港, 罗泾港区).
PORT_RE = re.compile(r"港区$|港$")
#: Heads after an organisation whose words before them name the site (海南师范大学 桂林洋 校区).
CAMPUS_HEADS = ("校区",)
TOPONYM_RE = re.compile("|".join(sorted(TOPONYM_HEADS, key=len, reverse=True)))


def _toponym(text: str, s: int, e: int, inner: list[Cand], gaz: Gazetteer,
             heads: re.Pattern[str] = TOPONYM_RE) -> Cand | None:
    """The two or three characters before an airport's, mine's or field's head, after a known place
    (长春 龙嘉 机场), when they are no word (机场 after 国际 or 新 names no place)."""
    m = heads.search(text, s, e)
    if m is None:
        return None
    before = [k for k in inner if k.label == "District" and s <= k.start and k.end <= m.start() and k.rule == "gazetteer"
              and gaz.place(k.name) is not None and gaz.place(k.name).kind in ADMIN_PLACE_KINDS]  # type: ignore[union-attr]
    a = max((k.end for k in before if k.end <= m.start() - 2), default=s)
    vocab = common_vocab(gaz)
    end = m.start()
    if 4 <= end - a <= 5 and text[end - 2 : end] in vocab and a > s:
        end -= 2  # 太原 武宿 零碳 机场: a word between the place and the head says what kind of airport
    word = text[a:end]
    if not 2 <= len(word) <= 3 or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
        return None
    if any(k.start == a and k.end == end for k in inner if k.label == "District"):
        return None  # a known place: already one of the name's places
    if any(k.label != "District" and k.start < end and a < k.end for k in inner):
        return None  # a company's or industry's word
    if cover_residue(word, vocab) != word or plain_words(word):
        return None  # 新机场, 国际机场, 支线机场: words, not places
    parent = next((k.name for k in before if k.end == a), None)
    return Cand("District", word, word, a, end, "place", props={"part_of": parent} if parent else {})


#: How often jieba must have seen a two-character word for it to be no town's name (申报 in 石屏申报…; 下营 is rare).
COMMON_RUN = 500


def _unknown_places(text: str, s: int, hs: int, inner: list[Cand], gaz: Gazetteer, *, zone: bool = False,
                    ) -> list[Cand]:
    """Places a name starts with that the gazetteer lacks: a river, bay or lake (白浪河, 莱州湾), a county
    or city with its suffix (寿光市), and a two-character place between a known place and a descriptor
    (胶州 少海 国家湿地公园, 昌邑 下营 化工产业园) read as part of the place before it."""
    vocab = generic_vocab(gaz)
    out: list[Cand] = []
    lead = next((c for c in inner if c.start == s and c.label == "District"), None)
    if lead is not None:
        entry = gaz.place(lead.name)
        if entry is not None and entry.kind in ("city", "province", "region", "group"):
            lead = None  # 青岛涉外…: after a city's name comes a descriptor, not a town
    if lead is None and not any(c.start == s for c in inner) and not any(
            h in text[s : hs + 4] for h in gaz.lexicon.link_heads if len(h) >= 2):  # 如通苏湖城际铁路: a line
        m = PLACE_SUFFIX.match(text[s:hs])
        if m and m.end() <= hs - s and not m.group().endswith(("地区", "城区", "市区", "园区", "社区", "山区", "景区")):
            p = m.group()
            name = p[:-1] if p[-1] in "市县区" and not ends_with_any(p, gaz.lexicon.district_heads) else p  # 穿山港区
            if len(name) >= 2 and not any(p.startswith(w) for w in vocab if len(w) >= 2) and gaz.lookup(p) is None:
                lead = Cand("District", name, p, s, s + len(p), "place")
                out.append(lead)
    if lead is None and zone and not inner and hs - s >= 2:
        # 虹桥国际商务区, 罗泾港区, 临港新片区: a zone's name starts with the place it lies in
        place, rest = text[s : s + 2], text[s + 2 : hs]
        if all("\u4e00" <= ch <= "\u9fff" for ch in place) and not cover_residue(rest, common_vocab(gaz)) \
                and cover_residue(place, common_vocab(gaz)) == place and not plain_words(place) \
                and gaz.lookup(place) is None and not _in_head_words(place, gaz):
            out.append(Cand("District", place, place, s, s + 2, "place"))
        return out
    if lead is not None:
        a = lead.end
        run = text[a : a + 2]
        rest = text[a + 2 : hs]
        heads = tuple(gaz.lexicon.heads) + gaz.lexicon.district_heads
        if (len(run) == 2 and all("\u4e00" <= ch <= "\u9fff" for ch in run) and len(rest) >= 2
                and not any(c.start < a + 2 and a < c.end for c in inner)
                and not any(run.startswith(w) or w.startswith(run) for w in vocab if len(w) >= 2)
                and run[0] not in vocab and dictionary().get(run, 0) < COMMON_RUN
                and any(rest.startswith(w) for w in vocab if len(w) >= 2 and w not in heads)):
            out.append(Cand("District", run, run, a, a + 2, "place", props={"part_of": lead.name}))
    return out


def _drop_nested_prefixes(cands: list[Cand], known: list[Cand]) -> list[Cand]:
    """市立医院 inside 市立医院东院区, 潍宿高铁 inside 潍宿高铁至青岛连接线: parts of a longer name, not things."""
    keep = []
    for c in cands:
        if c.rule in ("head", "list") and any(
            o is not c and o.rule in ("head", "list") and o.start == c.start and o.end > c.end for o in cands
        ):
            outer = next(o for o in cands if o is not c and o.start == c.start and o.end > c.end)
            follows_place = any(k.label == "District" and k.start == c.end for k in known)
            owns = outer.owner == (c.label, c.name)
            if not (c.label == "Institution" and (follows_place or owns)):
                continue
        keep.append(c)
    return keep
