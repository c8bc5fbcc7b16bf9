"""From a read :class:`Document` to the :class:`GraphBatch` the writer stores.

outline (sections, sentences) -> spaCy pipeline per paragraph (gazetteer + rule candidates) ->
resolved candidates -> entities with canonical names and aliases, mentions with sentence and
offsets, relations, targets and each project's stage in this report.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from functools import lru_cache
from typing import Any

from qdkg.graph import schema
from qdkg.loaders.extract.common import Cand
from qdkg.loaders.extract.far_places import province_of, without_far_counties
from qdkg.loaders.extract.fields import fields_in_names
from qdkg.loaders.extract.industries import trim_industries
from qdkg.loaders.extract.relations import (
    LEAD_MAX,
    RelFact,
    co_mentions,
    context_relations,
    name_relations,
    nested_industries,
)
from qdkg.loaders.extract.resolve import resolve
from qdkg.loaders.extract.specific import is_fragment, programmes_not_projects, split_joined_works
from qdkg.loaders.extract.stages import stage_of
from qdkg.loaders.extract.targets import find_targets
from qdkg.loaders.gazetteer import COUNTY_KINDS, Gazetteer, load_gazetteer
from qdkg.loaders.model import Document, Entity, GraphBatch, Mention, Ref, Relation, Section, Target
from qdkg.loaders.names import name_key as _name_key
from qdkg.loaders.structure import Outline, outline
from qdkg.loaders.textnorm import for_extraction

STAGE_ORDER = {s: i for i, s in enumerate(schema.STAGES)}
#: Node keys of names, remembered: a report asks for the same few hundred names tens of thousands of times.
name_key = lru_cache(maxsize=65536)(_name_key)


def _is_boilerplate(line: str, gaz: Gazetteer) -> bool:
    return any(m in line for m in gaz.lexicon.boilerplate_markers)


def _city(document: Document, cands: list[Cand], gaz: Gazetteer) -> str | None:
    if document.city:
        e = gaz.lookup(document.city) or gaz.lookup(document.city.removesuffix("市"))
        return e.name if e else document.city
    def kind_counts(kind: str) -> Counter[str]:
        # how often the text writes each place, inside other names too (吉林 in 吉林梅花 still says 吉林)
        names = {c.name for c in cands if c.label == "District" and (gaz.place(c.name) or None)
                 and gaz.place(c.name).kind == kind}  # type: ignore[union-attr]
        return Counter({n: document.text.count(n) for n in sorted(names)})  # ties break alike in every process

    cities, provinces = kind_counts("city"), kind_counts("province")
    top_city = cities.most_common(1)[0] if cities else None
    top_province = provinces.most_common(1)[0] if provinces else None
    # a province's report names the province at least half as often as its busiest city (甘肃 7, 兰州 5);
    # a city's report names its city far more often than its province (潍坊 20, 山东 3)
    chosen = top_province if top_province and (top_city is None or 2 * top_province[1] >= top_city[1]) else top_city
    # a district's or county's report names itself at least as often as its city (海拉尔 5, 呼伦贝尔 5)
    counties: Counter[str] = Counter()
    for kind in COUNTY_KINDS:
        counties.update(kind_counts(kind))
    top_county = counties.most_common(1)[0] if counties else None
    if top_county and top_county[1] >= max(2, chosen[1] if chosen else 0) and (
            chosen is None or chosen[0] in gaz.place_ancestors(top_county[0])):
        return top_county[0]
    return chosen[0] if chosen else None


def _entity_props(label: str, name: str, gaz: Gazetteer, cands: list[Cand]) -> dict[str, Any]:
    e = gaz.by_name.get((label, name))
    props: dict[str, Any] = {"source": "gazetteer" if e else "rule"}
    if e is not None:
        if e.kind:
            props["kind"] = e.kind
        if e.parent:
            props["parent"] = e.parent
    phases = sorted({p for c in cands for p in c.props.get("phases", [])})
    if phases:
        props["phases"] = "、".join(phases)
    heads = [c.props.get("head") for c in cands if c.props.get("head")]
    if heads:
        props["head"] = heads[0]
    return props


#: Institutions and facilities every city has under the same words (市中心医院, 市图书馆新馆, 区人民医院).
CITY_RELATIVE_PREFIXES = ("市", "区", "县")
CITY_RELATIVE_LABELS = ("Project", "Institution")


def city_qualifier(name: str, label: str, city: str | None) -> str:
    """市中心医院 in Qingdao's report is 青岛市中心医院: without the city in its key, two cities' would be one node."""
    if city and label in CITY_RELATIVE_LABELS and name.startswith(CITY_RELATIVE_PREFIXES):
        return city
    return ""


def _one_form_per_organisation(per_section: list[tuple[Section, list[Cand]]]) -> None:
    """An organisation the text writes in two ways (海尔集团 … 海尔) is one node, named as the text first writes it:
    names follow the text (天大 stays 天大), but a document never splits one organisation in two."""
    first: dict[tuple[str, str], str] = {}
    for _, cands in per_section:
        for c in sorted(cands, key=lambda c: c.start):
            canonical = c.props.get("canonical") or (c.name if c.rule == "gazetteer" else None)
            if c.label in ("Company", "Institution") and canonical:
                first.setdefault((c.label, canonical), c.name)
    rename = {(c.label, c.name): first[(c.label, c.props.get("canonical") or c.name)]
              for _, cands in per_section for c in cands
              if c.label in ("Company", "Institution") and (c.label, c.props.get("canonical") or c.name) in first}
    for _, cands in per_section:
        for c in cands:
            c.name = rename.get((c.label, c.name), c.name)
            if c.owner is not None:
                c.owner = (c.owner[0], rename.get(c.owner, c.owner[1]))


def _without_parent_brands(cands: list[Cand]) -> list[Cand]:
    """``cands`` without a firm read at the start of a longer firm's name (中核 in 中核汇能, 一汽 in 一汽丰田):
    the text names the longer firm there (gold-dev: no 中粮 for 中粮油脂)."""
    firms = [c for c in cands if c.label == "Company"]
    return [c for c in cands if not (c.label == "Company" and any(
        o is not c and o.start == c.start and o.end > c.end for o in firms))]


def _towns_not_firms(per_section: list[tuple[Section, list[Cand]]]) -> None:
    """A firm read from a name whose words are a town of the same document is that town (哈克 of 哈克镇 in
    哈克现代化牧场): a district's report names its towns short. The name is then located there, not owned; so is
    a project whose name, or what follows its owner, starts with the town's short name (大唐哈克5万千瓦风电)."""
    towns = {c.name[:-1]: c.name for _, cands in per_section for c in cands
             if c.label == "District" and c.rule == "town" and len(c.name) >= 3}
    if not towns:
        return
    for _, cands in per_section:
        for c in cands:
            if c.label == "Company" and c.rule == "owner" and c.name in towns:
                c.label, c.name = "District", towns[c.name]
            if c.owner and c.owner[0] == "Company" and c.owner[1] in towns:
                c.places = [*c.places, towns[c.owner[1]]]
                c.owner = None
            if c.label == "Project" and not any(p in towns.values() for p in c.places):
                rest = c.name[len(c.owner[1]):] if c.owner and c.name.startswith(c.owner[1]) else c.name
                short = next((t for t in towns if rest.startswith(t) and not rest.startswith(towns[t])), None)
                if short is not None and len(rest) > len(short) + 1:
                    c.places = [*c.places, towns[short]]  # 哈克生态奶源基地, 大唐哈克5万千瓦风电: in 哈克镇


def _in_place(city: str | None, place: str, gaz: Gazetteer) -> bool:
    """Whether the document's place is ``place`` or lies in it (every document, when ``place`` is empty)."""
    if not place:
        return True
    return bool(city) and (city == place or place in gaz.place_ancestors(city))  # type: ignore[arg-type]


def _without_lent_names(cands: list[Cand], standalone: frozenset[str]) -> list[Cand]:
    """``cands`` without the places that only lend their name to an organisation (西安 in 西安交通大学, 崖州湾 in
    崖州湾国家实验室): a place an organisation's name starts with is no place of the text unless the text also
    names it on its own (gold-dev's convention)."""
    orgs = [c for c in cands if c.label in ("Institution", "Company")]
    return [c for c in cands if not (c.label == "District" and c.name not in standalone and any(
        o.start == c.start and o.end > c.end for o in orgs))]


def _standalone_places(per_section: list[tuple[Section, list[Cand]]]) -> frozenset[str]:
    """Places the document names outside the names of projects, institutions and companies."""
    out: set[str] = set()
    for _, cands in per_section:
        named = [c for c in cands if c.label in ("Project", "Institution", "Company")]
        out.update(c.name for c in cands if c.label == "District"
                   and not any(n.start <= c.start and c.end <= n.end for n in named))
    return frozenset(out)


def _heading_industries(text: str, per_section: list[tuple[Section, list[Cand]]], industries: list[str],
                        gaz: Gazetteer) -> dict[str, str]:
    """Section key → the one industry of a lead line right before it (推动清洁能源集成融合发展。 on a line of its
    own, then the paragraph of its projects): a short one-sentence section that names no thing but one of the
    document's industries (``industries``, longest first; the lead may name it where no finder reads it)."""
    out: dict[str, str] = {}
    for (prev, prev_cands), (sec, _) in zip(per_section, per_section[1:]):
        lead = text[prev.start : prev.end].strip()
        if len(lead) > LEAD_MAX or lead.rstrip("。").count("。") or text[prev.end : sec.start].strip():
            continue
        if any(c.label in ("Project", "Institution", "Company") for c in prev_cands):
            continue
        names: list[str] = []
        for name in industries:
            if name in lead and not any(name in n for n in names):
                names.append(name)
        if len(names) == 1 and names[0] not in gaz.lexicon.umbrella_industries and names[0] not in gaz.lexicon.generic_words:
            out[sec.key] = names[0]  # not 绿色 of 厚植绿色发展底色: a generic word is no paragraph's industry
    return out


def extract_batch(document: Document, *, gazetteer: Gazetteer | None = None, nlp: Any = None) -> GraphBatch:
    """Everything ``document`` says, as a batch for :func:`qdkg.graph.writer.write_batch`."""
    from qdkg.loaders.nlp import get_nlp

    gaz = gazetteer or load_gazetteer()
    nlp = nlp or get_nlp()
    # The extractor reads compatibility forms and traditional characters mapped (offsets kept);
    # the document keeps its text as written.
    written = document.text  # provenance (mention text, sentences, evidence) quotes the text as written
    read = dataclasses.replace(document, text=for_extraction(written))
    out: Outline = outline(read)
    text = read.text
    sections = [s for s in out.sections if not _is_boilerplate(text[s.start : s.end], gaz)]
    per_section: list[tuple[Section, list[Cand]]] = []
    section_texts = [text[s.start : s.end] for s in sections]  # what each doc's text is (Doc.text rebuilds it)
    for sec, sec_text, doc in zip(sections, section_texts, nlp.pipe(section_texts)):
        cands = resolve(trim_industries(sec_text, doc._.qdkg_cands or [], gaz), gaz.lexicon.industry_end_stops)
        cands = programmes_not_projects([c for c in cands if not is_fragment(c, gaz)], gaz)
        cands = split_joined_works(cands, gaz)
        cands = _without_parent_brands(cands)
        cands += fields_in_names(sec_text, cands, gaz)
        per_section.append((sec, cands))

    _one_form_per_organisation(per_section)
    _towns_not_firms(per_section)
    all_cands = [c for _, cs in per_section for c in cs]
    doc_industries = sorted({c.name for c in all_cands if c.label == "Industry" and len(c.name) >= 2},
                            key=len, reverse=True)
    city = _city(document, all_cands, gaz)
    province = province_of(city, gaz)
    per_section = [(sec, without_far_counties(cands, text[sec.start : sec.end], text, province, gaz))
                   for sec, cands in per_section]
    standalone = _standalone_places(per_section)
    per_section = [(sec, _without_lent_names(cands, standalone)) for sec, cands in per_section]
    batch = GraphBatch(document=document, sections=list(out.sections))

    heading_industries = _heading_industries(text, per_section, doc_industries, gaz)
    grouped: dict[tuple[str, str], list[Cand]] = {}
    facts: list[tuple[RelFact, Section, int]] = []
    targets: list[Target] = []
    section_sentences: dict[str, list[Any]] = {}  # grouped once, not scanned whole per section
    for s in out.sentences:
        section_sentences.setdefault(s.section, []).append(s)
    for sec, cands in per_section:
        local_text = text[sec.start : sec.end]
        sents = [(s.start - sec.start, s.end - sec.start) for s in section_sentences.get(sec.key, [])]
        for c in cands:
            grouped.setdefault((c.label, name_key(c.name)), []).append(c)
        named_spans = [(c.start, c.end) for c in cands if c.label in ("Project", "Institution")]
        for c in cands:
            sent = next((s for s in sents if s[0] <= c.start < s[1]), (c.start, c.end))
            stage = None
            if c.label == "Project":
                stage = stage_of(local_text, c.start, c.end, gaz,
                                 others=[sp for sp in named_spans if sp != (c.start, c.end)])
                c.props["stage"] = stage
            if c.label in ("Project", "Institution") or (c.label == "District" and (
                    c.rule in ("head", "inner-zone", "zone") or c.props.get("replaces"))) or (
                    c.label == "Company" and c.industries):
                facts += [(f, sec, sec.start) for f in name_relations(c, sent, city, gaz, standalone)]
        heading = heading_industries.get(sec.key)
        facts += [(f, sec, sec.start) for f in context_relations(local_text, cands, sents, gaz, heading)]
        facts += [(f, sec, sec.start) for f in nested_industries(cands, doc_industries, sents)]
        facts += [(f, sec, sec.start) for f in co_mentions(cands, sents)]
        for hit in find_targets(local_text, gaz):
            owner_c = next((c for c in sorted(cands, key=lambda c: -c.start)
                            if c.label in ("Project", "Institution", "Industry")
                            and hit.clause[0] <= c.start < hit.clause[1] and c.start < hit.end), None)
            sent = next((s for s in sents if s[0] <= hit.start < s[1]), hit.clause)
            targets.append(Target(
                key=f"{document.key}#t{len(targets) + 1}", metric=hit.metric, value=hit.value, unit=hit.unit,
                comparator=hit.comparator, text=hit.text, sentence=written[sec.start + sent[0] : sec.start + sent[1]],
                section=sec.key,
                owner=Ref(owner_c.label, Entity(owner_c.label, owner_c.name).key) if owner_c else None,
            ))

    entities: dict[tuple[str, str], Entity] = {}
    refs: dict[tuple[str, str], Ref] = {}  # each entity's ref, computed once (Entity.ref normalises its name)
    for (label, key), cands in grouped.items():
        name = cands[0].name
        ent = Entity(label, name, props=_entity_props(label, name, gaz, cands), qualifier=city_qualifier(name, label, city))
        if ent.qualifier:
            ent.aliases.add(ent.qualifier + name)
        ent.aliases.update(c.text for c in cands if c.text != name)
        ent.aliases.update(c.props["surface"] for c in cands if c.props.get("surface"))
        e = gaz.by_name.get((label, name)) or gaz.lookup(name)
        if e is not None and e.label == label:
            ent.aliases.update(a for a in (e.name, *e.aliases) if a != name)
        ent.aliases.update(c.name for c in cands if c.name != name)
        entities[(label, key)] = ent
        refs[(label, key)] = ent.ref
    batch.entities = list(entities.values())
    for t in targets:  # owners were referred to by name before keys were qualified; point them at the entity
        if t.owner is not None:
            found = next((e for (lbl, k), e in entities.items() if lbl == t.owner.label and k == t.owner.key), None)
            t.owner = found.ref if found else t.owner

    def ref(label_name: tuple[str, str]) -> Ref:
        key = (label_name[0], name_key(label_name[1]))
        if key not in entities:
            ent = Entity(label_name[0], label_name[1], props={"source": "relation"})
            entities[key] = ent
            refs[key] = ent.ref
            batch.entities.append(ent)
        return refs[key]

    for sec, cands in per_section:
        local_text = text[sec.start : sec.end]
        for c in sorted(cands, key=lambda c: c.start):
            s = out.sentence_at(sec.start + c.start)
            batch.mentions.append(Mention(
                entity=refs[(c.label, name_key(c.name))], section=sec.key,
                text=written[sec.start + c.start : sec.start + c.end], start=sec.start + c.start,
                end=sec.start + c.end, sentence=written[s.start : s.end] if s else written[sec.start : sec.end],
                stage=c.props.get("stage"),
            ))
            if c.label == "Project" and c.props.get("stage"):
                r = refs[(c.label, name_key(c.name))]
                old = batch.stages.get(r)
                st = c.props["stage"]
                if old is None or STAGE_ORDER[st] > STAGE_ORDER[old]:
                    batch.stages[r] = st

    seen: dict[tuple[Ref, str, Ref], Relation] = {}
    for f, sec, base in facts:
        src, dst = ref(f.source), ref(f.target)
        if src == dst:
            continue
        k = (src, f.type, dst)
        if f.type == "RELATED_TO":
            k2 = (dst, f.type, src)
            if k2 in seen:
                k = k2
        if k in seen:
            if f.type == "RELATED_TO":
                seen[k].props["count"] = seen[k].props.get("count", 1) + 1
            continue
        evidence = written[base + f.evidence[0] : base + f.evidence[1]]
        props = dict(f.props)
        if f.type == "RELATED_TO":
            props["count"] = 1
        seen[k] = Relation(src, f.type, dst, evidence=evidence, section=sec.key, props=props)
    # The place hierarchy from reference data (董家口港区 ⊂ 西海岸新区 ⊂ 青岛), so that a question about a
    # place also finds what lies in the places within it. Not read from the text: marked rule=gazetteer.
    for ent in [e for e in batch.entities if e.label == "District"]:
        child = ent.name
        for parent_name in gaz.place_ancestors(ent.name):
            src, dst = ref(("District", child)), ref(("District", parent_name))
            if src != dst and (src, "PART_OF", dst) not in seen:
                seen[(src, "PART_OF", dst)] = Relation(
                    src, "PART_OF", dst, evidence=f"地名参考数据：{child}属于{parent_name}", props={"rule": "gazetteer"})
            child = parent_name
    # An industry named in the text's own words belongs to the taxonomy entry it was recognised by
    # (新材料 → 高端化工与新材料 → 10+1), so that the industry chain reaches its track. The taxonomy is one
    # place's system (lexicon: industry_system_place); elsewhere only the entries the text writes are joined.
    in_system = _in_place(city, gaz.lexicon.industry_system_place, gaz)
    for ent in [e for e in batch.entities if e.label == "Industry"]:
        tracks = [c.props.get("track") for c in grouped.get(("Industry", name_key(ent.name)), [])]
        child = ent.name
        track = next((t for t in tracks if t), None)
        while track and track != child and (in_system or track in text):
            src, dst = ref(("Industry", child)), ref(("Industry", track))
            seen.setdefault((src, "PART_OF", dst), Relation(
                src, "PART_OF", dst, evidence=f"产业分类参考数据：{child}属于{track}", props={"rule": "gazetteer"}))
            parent = gaz.industry(track)
            child, track = track, (parent.parent if parent is not None else None)
    batch.relations = list(seen.values())
    batch.targets = targets
    return batch


def batch_rows(batch: GraphBatch) -> list[dict[str, Any]]:
    """The batch as flat rows for ``qdkg extract``: entities (one per mention), relations, targets.

    Only what the text says: the place hierarchy the gazetteer adds for the graph is left out.
    """
    titles = {s.key: s.title for s in batch.sections}
    names = {e.ref: e.name for e in batch.entities}
    rows: list[dict[str, Any]] = []
    for m in batch.mentions:
        rows.append({"kind": "entity", "type": m.entity.label, "name": names.get(m.entity, m.entity.key),
                     "text": m.text, "start": m.start, "end": m.end, "section": titles.get(m.section, m.section),
                     "section_key": m.section, "stage": m.stage, "sentence": m.sentence})
    for r in batch.relations:
        if r.props.get("rule") == "gazetteer":
            continue  # reference knowledge added for the graph, not something the text says
        rows.append({"kind": "relation", "source": names.get(r.source, r.source.key), "type": r.type,
                     "target": names.get(r.target, r.target.key), "source_type": r.source.label,
                     "target_type": r.target.label, "evidence": r.evidence, "section": titles.get(r.section or "", ""),
                     **({"count": r.props["count"]} if "count" in r.props else {})})
    for t in batch.targets:
        rows.append({"kind": "target", "metric": t.metric, "value": t.value, "unit": t.unit,
                     "comparator": t.comparator, "text": t.text,
                     "owner": names.get(t.owner) if t.owner else titles.get(t.section, t.section),
                     "owner_type": t.owner.label if t.owner else "Section", "section": titles.get(t.section, ""),
                     "sentence": t.sentence})
    return rows
