"""Rivers, lakes, bays and ports the gazetteer lacks, found by the shape reports give them.

Another city's report names its own waters and ports: ``推进南淝河、十五里河水环境综合治理``,
``潍坊港中港区5万吨级通用泊位``, ``苏州港太仓港区四期工程``. A water name is a short word ending in
河/湖/江/湾/运河 that stands in a list or before a word about water (治理, 流域, 生态 …); a port is a
known place followed by 港 (and its 港区), or a known place followed by 港区.
"""

from __future__ import annotations

import re

from qdkg.loaders.extract.common import ADMIN_PLACE_KINDS, Cand, clauses, ends_here, starts_with_any
from qdkg.loaders.extract.names import left_boundary
from qdkg.loaders.gazetteer import Gazetteer

WATER_END = re.compile(r"运河|[河湖江湾海淀池]")
NUMBER_BEFORE = re.compile(r"[一二三四五六七八九十百]+$")
#: Endings that make a water only when jieba knows the whole word as a place (洱海, 白洋淀, 滇池; not 上海, 电池).
NAMED_ONLY_ENDS = ("海", "淀", "池")
#: How often jieba must have seen a place word for its name to stand without a word about water after it
#: (two-character ones more), and how often it may have seen it (滨海, 四海 are words more than names).
NAMED_MIN_FREQ, NAMED_MIN_FREQ_SHORT, COMMON_WORD = 10, 50, 1000
#: First characters that make a two-character word a description (大海, 深海, 陆海, 两江, 北河, 新海).
GENERIC_FIRST = set("山陆深大四五河新沙滨西东南北上下内外中两热马")
#: words after a water's name that show it is one (岸线, 流域, 综合治理 …)
WATER_AFTER = ("水环境", "水生态", "综合治理", "治理", "整治", "生态", "流域", "岸线", "沿岸", "两岸", "湿地", "水系",
               "水质", "保护", "修复", "干流", "支流", "航道", "段", "大桥", "隧道", "公园", "景区", "防洪", "防汛", "堤防",
               "清淤", "引水", "调水", "水资源", "供水", "河道")
#: ordinary words ending like a water name
WATER_STOPS = frozenset({"河湖", "江河", "内河", "运河", "江湖", "湖泊", "海湾", "港湾", "河道", "沿河", "沿江", "沿湖",
                         "环湖", "环湾", "滨河", "滨江", "滨湖", "跨江", "跨河", "长河", "大江", "大河", "清江",
                         "城市河", "黑臭河", "小河", "山河", "银河", "星河", "天河", "母亲河", "护城河"})
GENERIC_START = ("全市", "全域", "全省", "城市", "重点", "主要", "沿", "跨", "环", "各", "市内", "境内", "河湖", "入", "黑臭", "出")
#: verbs the left boundary may leave before a water's name (加强太湖 …)
LEAD_VERBS = ("加强", "强化", "开展", "保护", "治理", "整治", "建设", "打造", "做好", "抓好", "守护", "修复", "实施",
              "推进", "推动", "加快", "深化", "巩固", "提升", "统筹")
PORT_NOT_AFTER = tuple("口澳股集城务商运航")


def find_waters(text: str, gaz: Gazetteer, known: list[Cand]) -> list[Cand]:
    """Water and port names in ``text`` that no known candidate covers."""
    out: list[Cand] = []
    taken = [(c.start, c.end) for c in known]

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y and not (a <= x and y <= b) for x, y in taken + [(c.start, c.end) for c in out])

    for ca, cb in clauses(text, breaks="，,。；;：:！？!?"):
        for m in WATER_END.finditer(text, ca, cb):
            e = m.end()
            nxt = text[e:cb]
            named = _named_water(text, m.start(), e)
            if named is not None and (not ends_here(text, e, cb, stops="、和与及的（(", flags=("v", "a", "d", "p", "c", "u"),
                                                    after=WATER_AFTER) or _names_lab(text, e, gaz)):
                named = None  # 低维电子材料海河实验室: the water lends its name to an organisation
            if m.group() in NAMED_ONLY_ENDS and named is None:
                continue
            after_ok = nxt == "" or nxt[:1] in "、和与及" or starts_with_any(nxt, WATER_AFTER) \
                or re.match(r"[\u4e00-\u9fff]{1,4}段", nxt)  # 京杭运河苏州段
            if not after_ok and named is None:
                continue
            s = named if named is not None else left_boundary(text, ca, m.start(), gaz)
            if named is not None and after_ok and NUMBER_BEFORE.search(text, max(ca, named - 2), named):
                s = left_boundary(text, ca, m.start(), gaz)  # 十五里河: the number is part of the name jieba cut
            while (w := starts_with_any(text[s : m.start()], LEAD_VERBS)) and m.start() - s - len(w) >= 1:
                s += len(w)
            name = text[s:e]
            lead = next((k for k in (3, 2) if len(name) - k >= 2 and _known_place(gaz, name[:k])), 0)
            if lead:  # 宁波杭州湾: the city's name, then the bay's
                s, name = s + lead, name[lead:]
            if not 2 <= len(name) <= 5 or name in WATER_STOPS or name.startswith(GENERIC_START):
                continue
            if not all("\u4e00" <= ch <= "\u9fff" for ch in name) or gaz.lookup(name) is not None:
                continue
            if any(c.start <= s and e <= c.end and c.label != "District" for c in known):
                continue  # inside an organisation's or industry's name
            if free(s, e) and not any(c.start == s and c.end == e for c in known):
                out.append(Cand("District", name, name, s, e, "place", props={"kind": "water"}))
        out.extend(_ports(text, ca, cb, gaz, known, out))
    return out


def _names_lab(text: str, e: int, gaz: Gazetteer) -> bool:
    """Whether an institution's head follows right after the water, which then names it (海河实验室: the lab's
    brand, no place of it; 赣江创新研究院 says more between, and lies by the river)."""
    return any(text.startswith(h, e) for h, label in gaz.lexicon.heads.items() if label == "Institution" and len(h) >= 2)


def _named_water(text: str, at: int, e: int) -> int | None:
    """Where a water's name ending at ``e`` starts when jieba knows it as a place (滇池, 洱海, 白洋淀), else None."""
    import jieba

    from qdkg.loaders.extract.postag import word_tag

    jieba.initialize()
    for size in (4, 3, 2):
        s = e - size
        if s < 0:
            continue
        word = text[s:e]
        freq = jieba.dt.FREQ.get(word, 0)
        if size == 2 and (word[0] in GENERIC_FIRST or freq < NAMED_MIN_FREQ_SHORT):
            continue  # 深海, 陆海, 山海, 北河: a description, not a water's name
        if word_tag(word) == "ns" and NAMED_MIN_FREQ <= freq < COMMON_WORD:
            return s
    return None


def _known_place(gaz: Gazetteer, form: str) -> bool:
    e = gaz.lookup(form)
    return e is not None and e.label == "District" and e.kind in ADMIN_PLACE_KINDS


def _ports(text: str, ca: int, cb: int, gaz: Gazetteer, known: list[Cand], found: list[Cand]) -> list[Cand]:
    out: list[Cand] = []
    have = {(c.start, c.end) for c in known + found}
    for m in re.finditer(r"港区|港", text[ca:cb]):
        hs, he = ca + m.start(), ca + m.end()
        place = next((c for c in known if c.label == "District" and c.end == hs and c.rule == "gazetteer"
                      and _known_place(gaz, c.text)), None)
        if place is None or (place.start, he) in have:
            continue
        before = next((c for c in known if c.label == "District" and c.end == place.start and _known_place(gaz, c.text)),
                      None)
        if before is not None and m.group() == "港":
            place = Cand("District", before.name, text[before.start : place.end], before.start, place.end, "place")
            # 宁波舟山港: two cities' port
        if m.group() == "港" and (text[he : he + 1] in PORT_NOT_AFTER or text[he : he + 2] == "港区"):
            continue
        port = text[place.start : he]
        if gaz.lookup(port) is not None:
            continue
        kind = "port_area" if m.group() == "港区" else "port"
        pc = Cand("District", port, port, place.start, he, "place", props={"kind": kind, "replaces": place.name},
                  places=[place.name])  # 马村港 is part of 马村
        if any(c.start == place.start and c.end == he for c in out):
            continue
        out.append(pc)
        area = re.match(r"[\u4e00-\u9fff]{1,3}?港区", text[he:cb])
        if kind == "port" and area:
            a_end = he + area.end()
            out.append(Cand("District", area.group(), area.group(), he, a_end, "place",
                            props={"kind": "port_area", "part_of": port}))
    return out
