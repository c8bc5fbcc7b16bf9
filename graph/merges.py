"""One project, one node, across reports: names of one undertaking in other years resolve to its node.

The writer calls :func:`resolve_batch` before it writes a report. A project (or a renamed zone) whose key
is not in the graph yet joins an existing node of the same label when

1. the planner's alias table says so (``same-as``), and never when it says ``not-same-as``;
2. the graph already lists the name as one of the node's aliases;
3. the report says it was renamed (X更名为Y, Y（原X）);
4. the names agree once generic endings are dropped (工程, 项目, 建设, 主体工程, 一期): 沙子口污水处理厂一期工程;
5. one name abbreviates the other: same first characters, same head, the short one's characters in
   order in the long one (崂山湾健康城 / 崂山湾国际生态健康城);
6. one name is the other without its head word (维多利 / 维多利商城).

Rules 4 to 6 only join a node reported for the same place, never one the same report also names (a report
naming both means two things), and only when exactly one node qualifies. A reservoir and its 配套工程 keep
different head words and stay apart. Each merge is recorded on the report's REPORTED_IN edge (the name as
written, the key it would have had, the reason), so the ``merges`` pack lists them for review, and a
``not-same-as`` row followed by a reload (``qdkg load --force``) undoes one. The planner's rules live on
the graph's nodes (``same_as`` / ``not_same_as``) and survive reloads.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qdkg.errors import LoaderError
from qdkg.graph import aliases, schema
from qdkg.graph.store import GraphStore, WriteCounts
from qdkg.loaders.gazetteer import load_gazetteer
from qdkg.loaders.model import Entity, GraphBatch, Mention, Ref, Relation, Target
from qdkg.loaders.names import name_key

#: Labels whose nodes are joined across reports (a zone may be renamed too).
MERGED_LABELS = ("Project", "District")
#: Labels joined by rules 4 and 5 (names alone); places are joined only by the planner, an alias or a renaming.
FUZZY_LABELS = ("Project",)
_GENERIC_TAIL = re.compile(r"(?:建设)?(?:主体)?(?:工程|项目)$|一期$|建设$")
_MIN_ABBREVIATION = 4
_MIN_PREFIX = 3
_MAX_ADDED = 6  # the most characters a head word may add (数据中心, 产业园区)
#: Words that make the longer name another thing than the shorter one: its 配套工程, a branch, a later phase,
#: an extension, or a list of two things (第三中学分校及标准化中学 is not 第三中学).
_APART_MARKERS = ("配套", "分校", "分院", "分园", "二期", "三期", "四期", "扩建", "改扩建", "续建", "及", "和", "、", "与")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"

REASON_PLANNER = "规划人员别名表"
REASON_ALIAS = "已知别名"
REASON_RENAMED = "报告写明更名"
REASON_CORE = "去掉“工程/项目/一期”等后同名"
REASON_ABBREVIATION = "简称与全称"
REASON_HEAD = "名称补全（加上“商城/中心…”）"


@dataclass(frozen=True)
class Known:
    """A node already in the graph, as the resolver sees it."""

    label: str
    key: str
    name: str
    aliases: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # the places of the reports it is reported in
    same_as: tuple[str, ...] = ()  # the planner's: names that are this node
    not_same_as: tuple[str, ...] = ()  # the planner's: names that never are

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Merge:
    """One name of a report joined to an existing node, and why."""

    label: str
    name: str  # as the report writes it
    key: str  # the key it would have had
    into_key: str
    into_name: str
    reason: str


@dataclass
class AliasRule:
    """One row of the planner's alias table."""

    name: str
    same_as: str = ""
    not_same_as: str = ""
    label: str = "Project"


def core_name(name: str) -> str:
    """The name without generic endings: 沙子口污水处理厂一期工程 -> 沙子口污水处理厂."""
    out = name
    while True:
        shorter = _GENERIC_TAIL.sub("", out)
        if shorter == out or len(shorter) < 2:
            return out
        out = shorter


def abbreviates(short: str, long: str) -> bool:
    """``short`` abbreviates ``long``: the same first two characters and last character (the head: 城, 库, 园),
    its characters in order in ``long`` (崂山湾健康城 / 崂山湾国际生态健康城; 西航大元文化城 / 西航大元文化旅游度假城)."""
    s, lo = core_name(short), core_name(long)
    if len(s) < _MIN_ABBREVIATION or len(s) >= len(lo) or s[:2] != lo[:2] or s[-1] != lo[-1]:
        return False
    if not (_is_han(s[0]) and _is_han(s[-1])) or any(m in lo and m not in s for m in _APART_MARKERS):
        return False
    rest = iter(lo)
    return all(ch in rest for ch in s)


def completes(short: str, long: str, heads: Iterable[str]) -> bool:
    """``long`` is ``short`` with its head word added: 维多利 / 维多利商城, 中网科技云计算 / 中网科技云计算数据中心.

    Only a name without a head of its own counts (中俄蒙国际物流园区 ends in 园区: its 综合服务中心 is another thing),
    and never with a phase, a branch or 配套 added."""
    s, lo = core_name(short), core_name(long)
    if len(s) < _MIN_PREFIX or not lo.startswith(s) or len(lo) - len(s) > _MAX_ADDED or not _is_han(s[0]):
        return False
    added = lo[len(s):]
    heads = tuple(heads)
    return (not s.endswith(heads) and lo.endswith(heads) and added.endswith(heads)
            and not any(m in added for m in _APART_MARKERS))


_RENAME_MARKERS = ("更名为", "（原", "(原")
_SENTENCE_ENDS = "。；;\n"
_REACH = 24  # characters looked at on each side of a renaming marker


@dataclass(frozen=True)
class Renaming:
    """A place where the report says a name changed: the text before and after the marker, and the sentence."""

    before: str
    after: str
    former_first: bool  # X更名为Y (the old name first) rather than Y（原X）
    sentence: str

    def pairs(self, new: str) -> list[str]:
        """Old names this renaming could give ``new``: the endings of the text on the old name's side."""
        if self.former_first:
            if not self.after.startswith(new):
                return []
            left = self.before.removesuffix("正式").removesuffix("已")
            return [left[-n:] for n in range(2, len(left) + 1)]
        if not self.before.endswith(new):
            return []
        right = re.split(r"[)）]", self.after, maxsplit=1)
        return [right[0]] if len(right) == 2 else []


def renamings(text: str) -> list[Renaming]:
    """Every renaming the text states (usually none: found once per report, not per name)."""
    out: list[Renaming] = []
    for marker in _RENAME_MARKERS:
        at = text.find(marker)
        while at >= 0:
            start = max(text.rfind(ch, 0, at) for ch in _SENTENCE_ENDS) + 1
            ends = [i for i in (text.find(ch, at) for ch in _SENTENCE_ENDS) if i >= 0]
            sentence = text[start : (min(ends) + 1 if ends else len(text))].strip()
            before = re.split(r"[^\u4e00-\u9fff]", text[max(start, at - _REACH) : at])[-1]
            after = text[at + len(marker) : at + len(marker) + _REACH]
            out.append(Renaming(before, after, marker == "更名为", sentence))
            at = text.find(marker, at + 1)
    return out


_NODE_FIELDS = ("labels(n) AS labels, n.key AS key, n.name AS name, n.aliases AS aliases, n.same_as AS same_as, "
                "n.not_same_as AS not_same_as")


def _known(rows: Iterable[dict[str, Any]]) -> list[Known]:
    return [Known(schema.primary_label(r["labels"] or []), r["key"], r["name"], tuple(r.get("aliases") or ()),
                  tuple(p for p in r["places"] if p), tuple(r.get("same_as") or ()), tuple(r.get("not_same_as") or ()))
            for r in rows]


def known_node_statement(*, place: str | None, forms: list[str], keys: list[str], labels: Iterable[str],
                         starts: list[str] | None = None) -> tuple[str, dict[str, Any]]:
    """The one query of :func:`known_nodes` (pure): a UNION ALL of lookups that each find their nodes through
    an index: the reports of a place, keys, names, the alias index (graph/aliases.py) and the planner's nodes.

    ``starts`` (when given) keeps, of the place's nodes, those of the labels joined by names alone
    (:data:`FUZZY_LABELS`) one of whose forms starts with one of them: the only ones rules 4 to 6 can pick (both
    names of a pair share their first two characters), so a place reported for years is not read whole for
    each report. The planner's ``same_as``/``not_same_as`` names sit on planner nodes only
    (:func:`apply_alias_table` sets ``planner``), so the planner's lookup covers them."""
    lbls = [schema.label(lbl) for lbl in labels]
    # Each branch starts from its index: FalkorDB plans a filter on ``n`` written before a WITH as a scan of n's label.
    rep, doc, ent = schema.rel_type("REPORTED_IN"), schema.label(schema.DOCUMENT), schema.label(schema.ENTITY)
    of_labels = "any(l IN labels(n) WHERE l IN $labels)"
    tail = ("OPTIONAL MATCH (n)-[:%s]->(d:%s) RETURN %s, collect(DISTINCT d.city) AS places"
            % (rep, doc, _NODE_FIELDS))
    params: dict[str, Any] = {"labels": lbls}
    branches: list[str] = []
    if place:
        params["place"] = place
        if starts is None:
            branches.append("MATCH (d:%s {city: $place}) WITH d MATCH (d)<-[:%s]-(n:%s) WITH DISTINCT n WHERE %s "
                            % (doc, rep, ent, of_labels))
        elif starts and any(lbl in FUZZY_LABELS for lbl in lbls):
            params["fuzzy"] = [lbl for lbl in lbls if lbl in FUZZY_LABELS]
            params["starts"] = starts
            branches.append(
                "MATCH (d:%s {city: $place}) WITH d MATCH (d)<-[:%s]-(n:%s) WITH DISTINCT n "
                "WHERE any(l IN labels(n) WHERE l IN $fuzzy) "
                "AND (left(n.name, 2) IN $starts OR any(a IN coalesce(n.aliases, []) WHERE left(a, 2) IN $starts)) "
                "AND NOT n.key IN $keys " % (doc, rep, ent))
    params["keys"] = keys  # nodes found by key are left out of the other lookups: each node comes back once or so
    if keys:
        branches.append("UNWIND $keys AS key MATCH (n:%s {key: key}) WHERE %s WITH DISTINCT n " % (ent, of_labels))
    if forms:
        params["forms"] = forms
        branches.append("UNWIND $forms AS form MATCH (n:%s {name: form}) WHERE %s AND NOT n.key IN $keys "
                        "WITH DISTINCT n " % (ent, of_labels))
        branches.append(aliases.match_forms() + "AND NOT n.key IN $keys WITH DISTINCT n ")
    branches.append("MATCH (n:%s {planner: true}) WHERE %s " % (ent, of_labels))
    return " UNION ALL ".join(b + tail for b in branches), params


def known_nodes(store: GraphStore, *, place: str | None, forms: Iterable[str], keys: Iterable[str] = (),
                labels: Iterable[str] = MERGED_LABELS, starts: Iterable[str] | None = None) -> list[Known]:
    """The nodes a report could join: those reported for its place (with ``starts``, those whose names start
    like one of the report's; see :func:`known_node_statement`), those whose key, name, alias or planner's rule is
    one of ``keys``/``forms`` (the report's names), and those the planner created; with the places of their
    reports.

    One query of index lookups whatever the graph's size, never every node of a label: a corpus of a thousand
    reports stays as quick to load per report as one of a hundred."""
    cypher, params = known_node_statement(place=place, forms=sorted(set(forms)), keys=sorted(set(keys)),
                                          labels=labels, starts=None if starts is None else sorted(set(starts)))
    out: dict[tuple[str, str], Known] = {}
    for k in _known(store.query(cypher, params)):
        out[(k.label, k.key)] = k
    return list(out.values())


def batch_forms(batch: GraphBatch) -> set[str]:
    """The names a report uses, and the old names its renamings may give (the endings before 更名为)."""
    forms = {f for e in batch.entities if e.label in MERGED_LABELS for f in (e.name, *e.aliases)}
    for r in renamings(batch.document.text):
        text = r.before if r.former_first else r.after
        forms |= {text[-n:] for n in range(2, len(text) + 1)} if r.former_first else \
            {text[:n] for n in range(2, len(text) + 1)}
    return forms


class _Index:
    """The graph's nodes looked up by form, core name, first characters and the planner's names."""

    def __init__(self, known: Iterable[Known]) -> None:
        self.by_form: dict[tuple[str, str], list[Known]] = {}
        self.by_alias: dict[tuple[str, str], list[Known]] = {}
        self.by_same_as: dict[tuple[str, str], list[Known]] = {}
        self.by_core: dict[tuple[str, str], list[Known]] = {}
        self.by_start: dict[tuple[str, str], list[tuple[str, Known]]] = {}
        for k in known:
            for f in k.forms:
                self.by_form.setdefault((k.label, f), []).append(k)
                core = core_name(f)
                self.by_core.setdefault((k.label, core), []).append(k)
                self.by_start.setdefault((k.label, core[:2]), []).append((f, k))
            for a in k.aliases:
                self.by_alias.setdefault((k.label, a), []).append(k)
            for a in k.same_as:
                self.by_same_as.setdefault((k.label, a), []).append(k)


def _one(hits: Iterable[Known]) -> Known | None:
    unique = {k.key: k for k in hits}
    return next(iter(unique.values())) if len(unique) == 1 else None


def _choose(entity: Entity, index: _Index, renames: list[Renaming], place: str | None,
            named_here: set[str], heads: tuple[str, ...]) -> tuple[Known, str] | None:
    """The node ``entity`` joins, with the reason, or None."""
    name, label = entity.name, entity.label
    forms = {name, *entity.aliases}

    def allowed(hits: Iterable[Known]) -> list[Known]:
        return [c for c in hits if c.key != entity.key and not (forms & set(c.not_same_as))]

    for reason, table in ((REASON_PLANNER, index.by_same_as), (REASON_ALIAS, index.by_alias)):
        hit = _one(allowed(k for f in forms for k in table.get((label, f), [])))
        if hit:
            return hit, reason
    renamed = [(k, r.sentence) for r in renames for old in r.pairs(name) if old != name
               for k in allowed(index.by_form.get((label, old), []))]
    hit = _one(k for k, _ in renamed)
    if hit:
        return hit, f"{REASON_RENAMED}：{renamed[0][1]}"
    if label not in FUZZY_LABELS or not _is_han(name[0]):
        return None  # places join by the planner, an alias or a renaming; (一)狠抓… is no name to join

    def local(hits: Iterable[Known]) -> list[Known]:
        return [c for c in allowed(hits) if c.key not in named_here and (not c.places or place in c.places)]

    core = core_name(name)
    hit = _one(local(index.by_core.get((label, core), [])))
    if hit:
        return hit, f"{REASON_CORE}：{name} = {hit.name}"
    near = index.by_start.get((label, core[:2]), [])
    hit = _one(local(k for f, k in near if abbreviates(name, f) or abbreviates(f, name)))
    if hit:
        return hit, f"{REASON_ABBREVIATION}：{name} / {hit.name}"
    hit = _one(local(k for f, k in near if completes(name, f, heads) or completes(f, name, heads)))
    if hit:
        return hit, f"{REASON_HEAD}：{name} / {hit.name}"
    return None


def plan_merges(batch: GraphBatch, known: list[Known], *, heads: Iterable[str] = ()) -> dict[Ref, Merge]:
    """Which of the batch's entities join which existing node (pure: the graph's nodes and the name heads of
    the lexicon are given)."""
    head_words = tuple(sorted(set(heads), key=len, reverse=True))
    doc = batch.document
    in_graph = {(k.label, k.key) for k in known}
    named_here = {e.key for e in batch.entities}
    index = _Index(known)
    renames = renamings(doc.text)
    # a name the report renames from joins the new name's node when the graph knows neither yet
    batch_index = _Index(Known(e.label, e.key, e.name, (), (doc.city,) if doc.city else ())
                         for e in batch.entities if e.label in MERGED_LABELS and (e.label, e.key) not in in_graph)
    out: dict[Ref, Merge] = {}
    for e in batch.entities:
        if e.label not in MERGED_LABELS or e.qualifier:
            continue
        if (e.label, e.key) in in_graph:
            # a node of its own already: only the planner's same-as moves this report's facts elsewhere
            forced = _one(k for k in index.by_same_as.get((e.label, e.name), []) if k.key != e.key)
            if forced and name_key(forced.name) == forced.key:
                out[e.ref] = Merge(e.label, e.name, e.key, forced.key, forced.name, REASON_PLANNER)
            continue
        chosen = _choose(e, index, renames, doc.city, named_here, head_words)
        if chosen is None and renames:
            later = [(k, r.sentence) for (label_, form), ks in batch_index.by_form.items()
                     if label_ == e.label and form != e.name for r in renames if e.name in r.pairs(form) for k in ks]
            hit = _one(k for k, _ in later)
            if hit:
                chosen = hit, f"{REASON_RENAMED}：{later[0][1]}"
        if chosen is None or name_key(chosen[0].name) != chosen[0].key:
            continue
        target, reason = chosen
        out[e.ref] = Merge(e.label, e.name, e.key, target.key, target.name, reason)
    return out


def apply_merges(batch: GraphBatch, merges: Mapping[Ref, Merge]) -> GraphBatch:
    """``batch`` with every merged entity written as the node it joins (its name kept as an alias)."""
    if not merges:
        return batch

    def ref(r: Ref) -> Ref:
        m = merges.get(r)
        return Ref(r.label, m.into_key) if m else r

    entities: list[Entity] = []
    for e in batch.entities:
        m = merges.get(e.ref)
        entities.append(Entity(e.label, m.into_name, aliases=set(e.aliases) | {e.name}, props=dict(e.props))
                        if m else e)
    mentions: list[Mention] = [dataclasses.replace(m, entity=ref(m.entity)) for m in batch.mentions]
    relations: list[Relation] = [dataclasses.replace(r, source=ref(r.source), target=ref(r.target))
                                 for r in batch.relations if ref(r.source) != ref(r.target)]
    targets: list[Target] = [dataclasses.replace(t, owner=ref(t.owner) if t.owner else None) for t in batch.targets]
    order = {s: i for i, s in enumerate(schema.STAGES)}
    stages: dict[Ref, str] = {}
    for r, stage in batch.stages.items():
        value = schema.stage_value(stage) or stage
        old = stages.get(ref(r))
        if old is None or order.get(value, -1) > order.get(old, -1):
            stages[ref(r)] = value
    return dataclasses.replace(batch, entities=entities, mentions=mentions, relations=relations, targets=targets,
                               stages=stages)


def reported_props(merges: Mapping[Ref, Merge]) -> dict[Ref, dict[str, Any]]:
    """What the REPORTED_IN edge of each joined node records: the names as written, the keys, the reasons."""
    out: dict[Ref, dict[str, Any]] = {}
    for m in merges.values():
        props = out.setdefault(Ref(m.label, m.into_key), {"merged_names": [], "merged_keys": [], "merge_reasons": []})
        props["merged_names"].append(m.name)
        props["merged_keys"].append(m.key)
        props["merge_reasons"].append(m.reason)
    return out


def resolve_batch(store: GraphStore, batch: GraphBatch) -> tuple[GraphBatch, dict[Ref, Merge]]:
    """The batch to write, with names of known undertakings joined to their nodes, and the merges made."""
    keys = [e.key for e in batch.entities if e.label in MERGED_LABELS]
    starts = [e.name[:2] for e in batch.entities if e.label in FUZZY_LABELS]  # what rules 4 to 6 can join
    heads = load_gazetteer().lexicon.heads
    known = known_nodes(store, place=batch.document.city, forms=batch_forms(batch), keys=keys, starts=starts)
    merges = plan_merges(batch, known, heads=heads)
    return apply_merges(batch, merges), merges


# --- the planner's alias table -------------------------------------------------------------------------

_COLUMNS = {"name": ("name", "名称", "项目名称"), "same_as": ("same_as", "same-as", "同一", "等同于"),
            "not_same_as": ("not_same_as", "not-same-as", "不同于", "非同一"), "label": ("label", "类型")}


def read_alias_table(path: str | Path) -> list[AliasRule]:
    """Rows of ``name, same_as, not_same_as[, label]`` (UTF-8, with or without BOM); one rule a row."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise LoaderError(str(path), f"cannot read the alias table ({e}); give a UTF-8 CSV file") from e
    reader = csv.DictReader(text.splitlines())
    header = {h.strip().lower(): h for h in reader.fieldnames or []}
    cols = {k: next((header[a] for a in alts if a in header), None) for k, alts in _COLUMNS.items()}
    if cols["name"] is None or (cols["same_as"] is None and cols["not_same_as"] is None):
        raise LoaderError(str(path), "the alias table needs the columns name and same_as and/or not_same_as")
    rules: list[AliasRule] = []
    for line, row in enumerate(reader, 2):
        def cell(col: str, row: dict[str, str] = row) -> str:
            c = cols[col]
            return (row.get(c) or "").strip() if c else ""

        rule = AliasRule(cell("name"), cell("same_as"), cell("not_same_as"), cell("label") or "Project")
        if not rule.name:
            continue
        if rule.label not in MERGED_LABELS:
            raise LoaderError(f"{path}:{line}", f"label {rule.label!r}: the alias table joins "
                                                f"{' or '.join(MERGED_LABELS)} nodes")
        if not (rule.same_as or rule.not_same_as):
            raise LoaderError(f"{path}:{line}", f"{rule.name}: give a same_as or a not_same_as name")
        rules.append(rule)
    return rules


@dataclass
class AliasTableResult:
    rules: int = 0
    nodes: int = 0
    documents: list[str] = field(default_factory=list)  # loaded reports naming a name of the table


def apply_alias_table(store: GraphStore, rules: list[AliasRule]) -> AliasTableResult:
    """Store the planner's rules on the nodes they name (created when missing); they apply at every later load.

    Returns the loaded reports that name one of the table's names: reload them (``qdkg load --force``)
    so that the rules re-resolve their facts."""
    counts = WriteCounts()
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rules:
        row = rows.setdefault((r.label, name_key(r.name)), {"key": name_key(r.name), "name": r.name,
                                                           "same_as": [], "not_same_as": []})
        if r.same_as:
            row["same_as"].append(r.same_as)
        if r.not_same_as:
            row["not_same_as"].append(r.not_same_as)
    for lbl in sorted({lbl for lbl, _ in rows}):
        batch = [row for (label_, _), row in rows.items() if label_ == lbl]
        counts.add(store.write(
            "UNWIND $rows AS row MERGE (n:%s {key: row.key}) ON CREATE SET n.name = row.name, n.aliases = [] "
            "SET n:%s, n.same_as = row.same_as, n.not_same_as = row.not_same_as, n.planner = true"
            % (schema.label(lbl), schema.label(schema.ENTITY)),
            {"rows": batch},
        ))
    names = sorted({n for r in rules for n in (r.name, r.same_as, r.not_same_as) if n})
    docs = store.query(
        "MATCH (e:%s)-[r:%s]->(d:%s) WHERE e.name IN $names OR any(a IN coalesce(r.merged_names, []) WHERE a IN $names) "
        "RETURN DISTINCT d.key AS key ORDER BY key"
        % (schema.label(schema.ENTITY), schema.rel_type("REPORTED_IN"), schema.label(schema.DOCUMENT)),
        {"names": names},
    )
    return AliasTableResult(rules=len(rules), nodes=len(rows), documents=[d["key"] for d in docs])
