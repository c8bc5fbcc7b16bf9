"""Works named by what is done to a place or between two places, without a project head.

Reports write a port's expansion as the port and the works (洋浦港扩建, 马村港三期), a road's section by
its number and ends (G225乐东至三亚段), and a power line by the places it joins (海南—广东第三回500千伏交流线路).
None of them ends in a project head, so the name finder does not see them.
"""

from __future__ import annotations

import re

from qdkg.loaders.extract.common import Cand, common_vocab, cover_residue, leading_verb
from qdkg.loaders.gazetteer import Gazetteer

#: What is done to a port: the works, or the phase being built.
PORT_WORKS = re.compile(r"(?P<port>[\u4e00-\u9fff]{2,4}?(?:港区|港))"
                        r"(?P<works>改扩建|扩能改造|升级改造|扩建|改造|迁建|[一二三四五六七八九]期(?:工程)?)")
#: A numbered road's section between two places: G225乐东至三亚段.
ROAD_SECTION = re.compile(r"(?<![A-Za-z0-9])(?P<road>[GS][0-9]{1,4})(?P<a>[\u4e00-\u9fff]{2,4}?)至"
                          r"(?P<b>[\u4e00-\u9fff]{2,4}?)段")
#: A power line or channel between two places: 海南—广东第三回500千伏交流线路.
DASH_LINE = re.compile(r"[—－-](?P<b>[\u4e00-\u9fff]{2,3}?)"
                       r"(?:第[一二三四五六七八九十]回)?[0-9]*(?:千伏|kV|KV)?[\u4e00-\u9fff]{0,6}?"
                       r"(?:交流线路|直流线路|输电线路|线路|输电通道|输电工程|联网工程|特高压)")


def _place(name: str, gaz: Gazetteer) -> str | None:
    e = gaz.lookup(name)
    return e.name if e is not None and e.label == "District" else None


def find_works(text: str, gaz: Gazetteer, known: list[Cand]) -> list[Cand]:
    """Port works, road sections and dash-joined lines in ``text``, with their places."""
    out: list[Cand] = []
    taken = [(c.start, c.end) for c in known if c.label in ("Project", "Institution")]

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken)

    vocab = common_vocab(gaz)
    for m in PORT_WORKS.finditer(text):
        a, b = m.span()
        port_known = next((k for k in known if k.label == "District" and k.end == m.end("port")
                           and k.start >= a - 2), None)
        if port_known is not None:
            a = port_known.start
        if port_known is None:  # 推进洋浦港扩建: the name starts after the verb
            from qdkg.loaders.extract.names import left_boundary  # names builds on this module

            a = left_boundary(text, max(0, a - 8), m.end("port") - (2 if text.endswith("港区", 0, m.end("port")) else 1),
                              gaz)
            a += leading_verb(text[a : m.end("port")])
        port = text[a : m.end("port")]
        stem = port.removesuffix("港区").removesuffix("港")
        if not free(a, b) or len(stem) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in stem):
            continue
        if port_known is None and (not cover_residue(stem, vocab) or stem in vocab):
            continue  # 各港扩建, 内河港改造: no name before the port
        name = port + m.group("works")
        out.append(Cand("Project", name, name, a, b, "works", props={"head": m.group("works"), "phases": []},
                        places=[port_known.name if port_known is not None else port]))
        if port_known is None:
            out.append(Cand("District", port, port, a, a + len(port), "inner-zone", props={"kind": "port"},
                            places=[_place(stem, gaz) or stem]))  # 洋浦港 lies in 洋浦
            if _place(stem, gaz) is None:
                out.append(Cand("District", stem, stem, a, a + len(stem), "place"))
    for m in ROAD_SECTION.finditer(text):
        a, b = m.span()
        if not free(a, b):
            continue
        ends = []
        for g in ("a", "b"):
            known_end = _place(m.group(g), gaz)
            ends.append(known_end or m.group(g))
            if known_end is None:
                out.append(Cand("District", m.group(g), m.group(g), m.start(g), m.end(g), "list-link"))
        out.append(Cand("Project", m.group(), m.group(), a, b, "works", props={"head": "段", "phases": []},
                        connects=ends))
    for k in known:
        line = DASH_LINE.match(text, k.end) if k.label == "District" else None
        if line is None:
            continue
        a, b = k.start, line.end()
        ends = [k.name, _place(line.group("b"), gaz)]
        if not free(a, b) or ends[1] is None:
            continue  # both ends must be known places
        out.append(Cand("Project", text[a:b], text[a:b], a, b, "works", props={"head": "线路", "phases": []},
                        connects=[e for e in ends if e]))
    return out
