"""Settle overlapping candidates: one reading per stretch of text, nesting allowed only inside names."""

from __future__ import annotations

from qdkg.loaders.extract.common import LIST_DENG, Cand

NAMED = ("Project", "Institution")


def resolve(cands: list[Cand], end_stops: tuple[str, ...] = ()) -> list[Cand]:
    """One reading per stretch of text; ``end_stops`` are endings no industry's name has (…协同发展), dropped
    from the industries names carry."""
    suppress = [sp for c in cands for sp in c.props.get("suppress", [])]
    seen: dict[tuple[str, int, int], Cand] = {}
    out: list[Cand] = []
    for c in cands:
        if c.rule in ("gazetteer", "place") and c.label == "District" and (c.start, c.end) in suppress:
            continue
        if c.label in ("Project", "Institution", "Company") and LIST_DENG.search(c.text) and LIST_DENG.search(c.name):
            continue  # 虚拟现实等(3个国家)创新中心: a list of kinds read as one name
        k = (c.label, c.start, c.end)
        if k in seen:
            seen[k].industries += [i for i in c.industries if i not in seen[k].industries]
            if c.rule == "industry-list":
                seen[k].props["listed"] = True  # a known industry read in a list of the paragraph's industries
            continue
        seen[k] = c
        if c.rule == "industry-list":
            c.props["listed"] = True
        out.append(c)
    named = [c for c in out if c.label in NAMED and c.rule in ("head", "list")]
    gaz_like = [c for c in out if c.rule == "gazetteer"]
    programs = [c for c in out if c.label == "Program"]
    events = [c for c in out if c.label == "Event"]

    def inside(c: Cand, group: list[Cand]) -> bool:
        return any(o is not c and o.start <= c.start and c.end <= o.end for o in group)
    # 光电子信息、新能源与智能网联汽车 4个产业集群: the listed item is the industry, not the known word inside it
    listed = [c for c in out if c.label == "Industry" and c.rule == "industry-list"]
    out = [c for c in out if not (c.label == "Industry" and c.rule == "gazetteer" and any(
        o.start <= c.start and c.end <= o.end and (o.end - o.start) > (c.end - c.start) for o in listed))]
    listed_firms = [c for c in out if c.label == "Company" and c.rule == "list-company"]
    keep: list[Cand] = []
    for c in out:
        if c.label == "Industry" and c.rule != "gazetteer":
            if any(n.start <= c.start and c.end <= n.end for n in named):
                continue
            if any(o is not c and o.label == "Industry" and o.start <= c.start and c.end <= o.end
                   and (o.end - o.start) > (c.end - c.start) for o in out):
                continue
            if any(g.label in ("Industry", "District") and g.start < c.end and c.start < g.end for g in gaz_like
                   if g in out and not (c.rule == "industry-list" and c.start <= g.start and g.end <= c.end)):
                continue
        if c.label == "Industry" and any(n.props.get("head") == "号线" and n.start <= c.start and c.end <= n.end
                                         for n in named):
            continue  # 轨道交通4号线: the line's name, not the industry
        if c.label == "Industry" and c.rule == "gazetteer" and inside(c, [p for p in programs if p.rule == "program"]):
            continue  # 跨境电商赋能产业行动: the campaign, not the industry
        if c.label == "District" and c.rule == "gazetteer" and inside(c, [p for p in programs if p.rule == "quoted"]):
            continue  # “莱西经验”: a model named after a place
        if c.label == "District" and c.rule == "gazetteer" and inside(c, listed_firms + [
                o for o in out if o.label == "Company" and o.rule == "owner"]):
            continue  # 合川生物 in a list of firms: the brand, not the place
        if c.label == "Industry" and inside(c, events):
            continue  # 世界数字经济大会: the event's name, not the industry
        if c.label in ("Company", "Institution") and c.rule == "gazetteer" and inside(c, events):
            continue  # 联合国“海洋十年”海洋城市大会: the organiser's name is part of the event's
        if c.label == "Company" and c.rule == "gazetteer" and any(
                o.label == "Company" and o.rule == "owner" and o.start == c.start and o.end > c.end for o in out):
            continue  # 一汽 in 一汽丰田: a parent brand inside a firm's name is no firm of the text
        if c.label in ("Program", "Event"):
            if any(n.start <= c.start and c.end <= n.end for n in named):
                continue
            if any(n.start < c.end and c.start < n.end and n.label in NAMED for n in named) and c.rule != "quoted":
                continue
        if c.label in NAMED and c.rule in ("head", "list"):
            crossing = [o for o in named if o is not c and o.start < c.end and c.start < o.end
                        and not (o.start <= c.start and c.end <= o.end) and not (c.start <= o.start and o.end <= c.end)]
            if any((o.end - o.start) > (c.end - c.start) for o in crossing):
                continue
        keep.append(c)
    orgs = [o for o in keep if o.label in ("Company", "Institution")]
    for c in keep:
        if c.industries and end_stops:
            c.industries = [i for i in c.industries if not i.endswith(end_stops)]
        if c.label in NAMED and c.owner is None:
            # 天大前沿院, 怀柔实验室山西研究院: the organisation a name starts with runs it
            head = max((o for o in orgs if o.start == c.start and o.end < c.end and o.name != c.name),
                       key=lambda o: o.end, default=None)
            if head is not None:
                c.owner = (head.label, head.name)
    return keep + _name_industries(keep)


def _name_industries(cands: list[Cand]) -> list[Cand]:
    """The industry inside a name, as a mention of its own (医美 in 中国生物西北医美产业基地, 种业 in
    甘肃种业实验室): the name says the industry as much as a list would."""
    have = {(c.start, c.end) for c in cands if c.label == "Industry"}
    out = []
    for c in cands:
        if c.label not in NAMED + ("Company",):
            continue
        for ind in c.industries:
            k = c.text.find(ind)
            if k < 0 or (c.start + k, c.start + k + len(ind)) in have or len(ind) < 2:
                continue
            if c.owner and 0 <= c.text.find(c.owner[1]) < k + len(ind) and k < c.text.find(c.owner[1]) + len(c.owner[1]):
                continue  # 修正药业大健康产业基地: not a word of the owner's name
            have.add((c.start + k, c.start + k + len(ind)))
            out.append(Cand("Industry", ind, ind, c.start + k, c.start + k + len(ind), "in-name"))
    return out
