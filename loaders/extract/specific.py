"""Whether a name names one thing: a project's canonical name, the kinds and designations that name a class, and the
pieces of sentences that name nothing (人的全面发展, 国家物流枢纽, 民营企业参与重大项目)."""

from __future__ import annotations

import re
from functools import lru_cache

from qdkg.loaders.extract.common import (
    DIGITS,
    QUOTES,
    Cand,
    common_vocab,
    cover_residue,
    ends_with_any,
    generic_vocab,
    is_word,
    pos_cut,
    starts_with_any,
    strip_quotes,
)
from qdkg.loaders.gazetteer import Gazetteer


def _place_or_firm(name: str, gaz: Gazetteer) -> bool:
    """Whether ``name`` names a place, a port or a firm: 马村港三期, 中船二期 keep their phase, or the project
    would take the name of what it belongs to."""
    known = gaz.lookup(name)
    if known is not None:
        return known.label in ("District", "Company")
    return name.endswith(PORT_ENDINGS) and len(name) >= 3


#: A port or port area is a place (gold-dev: 洋浦港, 罗泾港区); a phase of one is its project.
PORT_ENDINGS = ("港", "港区")


def canonical_project(name: str, gaz: Gazetteer) -> tuple[str, list[str]]:
    """Drop generic endings and phases: 官路水库主体工程 -> 官路水库; 歌尔微显示模组一期产线 -> 歌尔微显示模组产线."""
    lex = gaz.lexicon
    phases: list[str] = []
    changed = True
    while changed:
        changed = False
        w = ends_with_any(name, lex.generic_endings)
        if w and len(name) - len(w) >= 2:
            name = name[: -len(w)]
            changed = True
        w = ends_with_any(name, lex.phases)
        if w and len(name) - len(w) >= 2 and not _place_or_firm(name[: -len(w)], gaz):
            phases.append(w)
            name = name[: -len(w)]
            changed = True
    for p in lex.phases:
        i = name.find(p)
        if i > 0 and i + len(p) < len(name):
            phases.append(p)
            name = name[:i] + name[i + len(p) :]
    w = starts_with_any(name, ("市级", "省级"))
    if w and len(name) - len(w) >= 4:
        name = name[len(w) :]
    return name, phases


#: Institutions named like kinds when their words are all common (老年大学, 职业本科大学, 国家级实验室, 县级中医院).
INSTITUTION_KINDS = re.compile(r".*(?:大学|学院|医院|服务中心)$")
#: Level words alone before a head name a class (全国重点实验室, 国家级实验室, 省技术创新中心).
LEVEL_ONLY = re.compile(r"^(?:全国|国家级?|省级?|市级?|县级?|区级?|首批|新一批|一批|多个|[0-9一二三四五六七八九十]+个)?$")


#: Level words that make no project the nation's own one: 国家物流枢纽, 国家骨干冷链物流基地 are designations
#: many places hold (gold-dev: generic facility types), unlike 市中心医院, the city's own.
NATIONAL_MARKERS = ("国家", "全国", "中国")


#: A bracketed remark inside a name (a grade, a section): 高速（一级）公路.
BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


def is_specific(name: str, head: str, inner: list[Cand], gaz: Gazetteer) -> bool:
    """Whether ``name`` names one thing rather than a class of things."""
    lex = gaz.lexicon
    if any(ch in QUOTES for ch in name):
        return True
    if any(c.label in ("District", "Company", "Institution") for c in inner):
        return True
    core = name[: name.rfind(head)] if head in name else name
    if "至" in core[1:-1] or re.search(r"[(（][^()（）]+至[^()（）]+[)）]", name):
        return True  # 青岛至日照高铁, 新机场高速连接线(双埠至夏庄段)
    project = lex.heads.get(head) == "Project"
    marker = starts_with_any(core, lex.owner_markers) if head not in lex.district_heads else ""
    if marker and len(core) >= 2 and not core.startswith(("市域", "市场", "市民", "省内", "区(")) \
            and not (len(marker) == 1 and is_word(core[:2])):  # 市政基础设施: 市政 is a word, not 市's
        if core in (marker, marker + "制造业"):
            return False  # 国家制造业创新中心: the class the list's domains name
        if not project or not (marker.endswith("级") or marker in NATIONAL_MARKERS and (
                head in lex.weak_heads or head in lex.placed_heads or ends_with_any(core + head, tuple(lex.weak_heads)))):
            return True  # 市中心医院: the city's own one
        return bool(cover_residue(core[len(marker):], common_vocab(gaz)))  # 省级物流园区: a class of them
    if project and head in ("项目", "工程") and _ends_with_adjective(strip_quotes(core)) and not cover_residue(
            _before_last_word(strip_quotes(core)), common_vocab(gaz)):
        return False  # 民营企业参与重大项目: a kind of project; 王哥庄水库配套工程 keeps its 配套
    # a project's name must hold more than common words (物流园区, 虚拟电厂); an institution's may
    # (量子信息科学国家实验室), and a zone is checked against the lexicon's generic words alone
    zone = head in lex.district_heads
    if LEVEL_ONLY.match(strip_quotes(core)):
        return False
    residue = cover_residue(BRACKETED.sub("", core) if project else core,  # 高速（一级）公路: the grade names nothing
                            common_vocab(gaz) if project or zone or INSTITUTION_KINDS.match(core + head)
                            else generic_vocab(gaz))
    need = 2 if head in lex.weak_heads else 1
    joined = max(core.rfind("和", 1, len(core) - 1), core.rfind("与", 1, len(core) - 1))
    if project and head in lex.weak_heads and joined > 0 and not cover_residue(core[joined + 1 :], common_vocab(gaz)):
        return False  # 非遗进景区和星级酒店, 村卫生室与乡镇卫生院: the last of the joined words is a kind, not one
    if head in ("项目", "工程") and len(strip_quotes(core)) < 3:
        return False
    if head in lex.placed_heads:
        return False  # 大宗商品资源配置枢纽: a role, unless a place names it (宁波西枢纽, checked above)
    return len(residue) >= need


@lru_cache(maxsize=65536)
def _before_last_word(core: str) -> str:
    words = pos_cut(core)
    return core[: len(core) - len(words[-1].word)] if words else core


@lru_cache(maxsize=65536)
def _ends_with_adjective(core: str) -> bool:
    """Whether jieba tags the last word of ``core`` an adjective (重大, 标志性 …)."""
    words = pos_cut(core)
    return bool(words) and words[-1].flag in ("a", "b") and len(words[-1].word) >= 2


#: Function words no name holds: 人的全面发展, 联合体及其项目 are pieces of a sentence.
FRAGMENT_WORDS = re.compile(r"的|及其|其他|之一|结束|不通|位列")  # 通化结束不通高铁, 山西博物院位列…
#: A single-character verb a name cannot start with (建抽水蓄能项目).
VERB_START = re.compile(r"^[建抓推促创办通]")


#: An outline number or an enumerator a sentence starts with ((一)经济…, 二要狠抓项目, 三是…): no name starts so.
OUTLINE_START = re.compile(r"^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[要是]|——)")
#: A function word no industry's name starts with (了商贸业, 与文化): the finder read across a clause.
FUNCTION_START = re.compile(r"^[了与和及]")
#: A scope word before 经济 or 产业 (全区经济, 我市经济, 全年经济): the economy of a place or a year, no industry.
SCOPE_START = re.compile(r"^(?:全|我|本|各)[省市区县旗州盟镇乡年国]")
#: What no zone's name holds: a joiner, a batch or a verb of law-making (试验区及临港新片区, 第二批自贸试验区联动创新区,
#: 市人大及其常委会制定修改浦东新区), or a grade of scenic areas (国家5A级旅游景区 is a title).
ZONE_FRAGMENT = re.compile(r"及|的|其|第[一二三四五六七八九十]+批|制定|修改|^国家[1-5]A级")
#: Two zones read as one across 和 (奋斗镇新镇区和哈克镇滨河新区); 和平区, 和林格尔 start with it.
#: …and a bare zone word after 和 (“千名医师下基层”和组团: a way of aiding, no zone).
TWO_ZONES = re.compile(r".[区镇城园港][和与].+(?:区|园|港)$|和(?:组团|片区|园区|新区|功能区)$")
#: Endings of a name that, right before 和, close a first name (…试点城市和…产业园).
JOINED_NAME_ENDS = ("城市", "园区", "产业园", "基地", "中心", "新区", "示范区", "试验区", "工程", "项目")
#: A conjunction ending a project's name: the head was shared with a word before it (投资和项目建设).
JOINED_END = re.compile(r"[和与及或]$")


def is_fragment(c: Cand, gaz: Gazetteer) -> bool:
    """Whether a project or an industry read from a sentence is a piece of the sentence rather than a name:
    it starts with an outline number or an enumerator, a project holds a function word, starts with a
    one-character verb, ends with a conjunction or joins with 和 a first part of common words only
    (龙头企业和延链补链强链项目, 游客人次和出游总花费保持高速), an industry is a place's or a year's economy."""
    if c.label == "Industry" and c.rule != "gazetteer":
        return bool(OUTLINE_START.match(c.text) or FUNCTION_START.match(c.text) or SCOPE_START.match(c.name))
    if c.label == "District" and c.rule in ("head", "list"):
        return bool(ZONE_FRAGMENT.search(c.name) or OUTLINE_START.match(c.text) or TWO_ZONES.search(c.name))
    if c.label != "Project" or c.rule not in ("head", "list"):
        return False
    if "》《" in c.text or c.text.count("《") != c.text.count("》"):
        return True  # 《青藏高原生态保护法》《国家公园…: two titles or half of one, no project
    if any(ch in QUOTES for ch in c.text):
        return False
    name = c.name
    if OUTLINE_START.match(c.text) or JOINED_END.search(name):
        return True
    if FRAGMENT_WORDS.search(name):
        return True
    if VERB_START.match(name) and gaz.lookup(name) is None and not is_word(name[:2]):
        return True
    k = name.find("和")
    if 0 < k and ends_with_any(name[:k], JOINED_NAME_ENDS):
        return True  # 松原国家碳达峰试点城市和长春循环经济产业园: two names joined, not one
    return 0 < k and not cover_residue(name[:k], common_vocab(gaz))


#: Words of works that are no head of a name (雅下水电工程, 棚户区改造工程: a plant, a rebuilding).
WORK_WORDS = ("水电", "电站", "改造", "改建", "扩建", "搬迁", "修缮")
#: jieba's tags of proper names and abbreviations: a word with one makes a 工程 a work (南水北调, 陇电入浙, 东六环).
PROPER_FLAGS = ("ns", "nr", "nz", "nt", "j", "eng")


def _abstract(stem: str, gaz: Gazetteer) -> bool:
    """Whether a 工程's words name no thing: no head of a work (公路, 水库, 管网, 学校), no proper name."""
    lex = gaz.lexicon
    things = [h for h in (*lex.heads, *lex.link_heads, *lex.phases, *WORK_WORDS) if h not in ("工程", "项目")]
    return bool(stem) and not any(h in stem for h in things) and not any(
        w.flag.startswith(PROPER_FLAGS) for w in pos_cut(stem))


def programmes_not_projects(cands: list[Cand], gaz: Gazetteer) -> list[Cand]:
    """A 工程 that names no thing is a programme, not a work (文化惠民工程, 医疗卫生强基工程, 算电协同工程: the genre's
    campaigns), unless the programme reader found it too; a work names a place, a thing or a size (谢尔塔拉公路工程,
    南水北调中线工程, 卡阳750千伏电网工程)."""
    programs = [(c.start, c.end) for c in cands if c.label == "Program"]
    out = []
    for c in cands:
        if c.label == "Project" and c.rule in ("head", "list") and c.props.get("head") == "工程" \
                and c.text.endswith("工程") and c.owner is None and not c.places and not DIGITS.search(c.text) \
                and not any(ch in QUOTES for ch in c.text) and _abstract(c.text[:-2], gaz):
            if any(a < c.end and c.start < b for a, b in programs):
                continue  # the programme reader has it (民生工程 inside 落细民生工程: a verb read into the name)
            c.label, c.name = "Program", c.text
            c.industries = []
        out.append(c)
    return out


#: One-character ends of works, too short to head a name alone, that end both halves of a joined pair (农林桥).
SHORT_WORK_ENDS = ("桥", "路", "街", "线", "站", "港", "渠", "堤")
#: What a work's name may end with after its head, shared by two works joined by 和 (农林桥和呼达罕桥改造).
WORK_ACTIONS = ("改扩建", "改造", "扩建", "扩容", "加固", "迁建", "修缮", "提质", "升级", "维修")


def split_joined_works(cands: list[Cand], gaz: Gazetteer) -> list[Cand]:
    """Two works joined by 和, 与 or 及 that share what is done to them are two projects: 农林桥和呼达罕桥改造 is
    农林桥改造 and 呼达罕桥改造, as A、B扩容 is (gold-dev writes each work whole)."""
    heads = tuple(h for h, label in gaz.lexicon.heads.items() if label == "Project" and h not in ("项目", "工程")) \
        + SHORT_WORK_ENDS
    out: list[Cand] = []
    for c in cands:
        joins = [i for i, ch in enumerate(c.text) if ch in "和与及"]
        action = ends_with_any(c.text, WORK_ACTIONS)
        if c.label != "Project" or c.rule not in ("head", "list") or len(joins) != 1 or not action:
            out.append(c)
            continue
        k = joins[0]
        left, right = c.text[:k], c.text[k + 1 :]
        if not (ends_with_any(left, heads) and ends_with_any(right[: -len(action)], heads)) or len(left) < 2:
            out.append(c)
            continue
        first = Cand("Project", left + action, left, c.start, c.start + k, c.rule, props={**c.props},
                     places=[p for p in c.places if p in left])
        second = Cand("Project", right, right, c.start + k + 1, c.end, c.rule, props={**c.props},
                      places=[p for p in c.places if p in right], owner=c.owner, industries=list(c.industries))
        out += [first, second]
    return out
