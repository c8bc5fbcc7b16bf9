"""Project the store's entity graph into networkx, for analytics, paths and exports.

Node ids are ``"Label:key"``; node attributes hold the label, name, aliases, other
properties and a few source sentences; edge attributes hold the relationship type, the
evidence sentence and the document it came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qdkg.graph import schema
from qdkg.graph.lookup import Match, resolve
from qdkg.graph.store import GraphStore

if TYPE_CHECKING:
    import networkx as nx

MAX_SENTENCES = 3

_NODES = "MATCH (n:%s) RETURN labels(n) AS labels, n AS node" % schema.ENTITY
_EDGES = (
    "MATCH (a:%s)-[r]->(b:%s) RETURN labels(a) AS a_labels, a.key AS a_key, type(r) AS type, "
    "r.evidence AS evidence, r.doc AS doc, r.count AS count, labels(b) AS b_labels, b.key AS b_key"
) % (schema.ENTITY, schema.ENTITY)
# The light projection's rows carry internal ids, not label lists and keys: 140,000 rows at 100 reports.
_NODES_LIGHT = "MATCH (n:%s) RETURN id(n) AS id, labels(n) AS labels, n.key AS key, n.name AS name" % schema.ENTITY
_EDGES_LIGHT = (
    "MATCH (a:%s)-[r]->(b:%s) RETURN id(a) AS a, type(r) AS type, r.evidence IS NOT NULL AS has_evidence, "
    "r.doc AS doc, id(b) AS b"
) % (schema.ENTITY, schema.ENTITY)
_SENTENCES = (
    "MATCH (n:%s)-[m:MENTIONED_IN]->(s:%s) "
    "RETURN labels(n) AS labels, n.key AS key, m.sentence AS sentence, m.doc AS doc, m.stage AS stage, "
    "s.title AS section ORDER BY m.doc, m.start"
) % (schema.ENTITY, schema.SECTION)
_DOCS = "MATCH (d:%s) RETURN d.key AS key, d.title AS title, d.year AS year, d.status AS status" % schema.DOCUMENT


def node_id(label: str, key: str) -> str:
    return f"{label}:{key}"


def project(store: GraphStore, *, rel_types: Iterable[str] | None = None, evidence: bool = True,
            sentences: bool = True) -> nx.MultiDiGraph:
    """The whole entity graph: every entity node and every entity-to-entity relationship.

    ``evidence=False`` and ``sentences=False`` leave the texts in the store (edges only say whether they have
    evidence): a path search reads the structure of the whole graph but the words of a few hops only."""
    import networkx as nx

    wanted = set(rel_types or schema.ENTITY_REL_TYPES)
    for t in wanted:
        schema.rel_type(t)
    g = nx.MultiDiGraph()
    g.graph["documents"] = store.query(_DOCS)
    if not evidence and not sentences:
        return _project_light(store, g, wanted)
    for row in store.query(_NODES):
        props: dict[str, Any] = {k: v for k, v in row["node"].items() if not k.startswith("_")}
        label = schema.primary_label(row["labels"] or [])
        props.setdefault("aliases", [])
        g.add_node(node_id(label, props["key"]), label=label, sentences=[], stages={}, **props)
    for row in store.query(_EDGES):
        if row["type"] not in wanted:
            continue
        a = node_id(schema.primary_label(row["a_labels"]), row["a_key"])
        b = node_id(schema.primary_label(row["b_labels"]), row["b_key"])
        if a in g and b in g:
            g.add_edge(a, b, key=f"{row['type']}|{row['doc']}", type=row["type"], evidence=row["evidence"] or "",
                       doc=row["doc"], count=row["count"])
    for row in store.query(_SENTENCES) if sentences else []:
        nid = node_id(schema.primary_label(row["labels"]), row["key"])
        if nid not in g:
            continue
        data = g.nodes[nid]
        if len(data["sentences"]) < MAX_SENTENCES and row["sentence"] not in data["sentences"]:
            data["sentences"].append(row["sentence"])
        if row.get("stage"):
            data["stages"][row["doc"]] = row["stage"]
    return g


def _project_light(store: GraphStore, g: nx.MultiDiGraph, wanted: set[str]) -> nx.MultiDiGraph:
    """Nodes with their key and name, edges with their type, report and whether they have evidence."""
    ids: dict[Any, str] = {}
    for row in store.query(_NODES_LIGHT):
        label = schema.primary_label(row["labels"] or [])
        nid = ids[row["id"]] = node_id(label, row["key"])
        g.add_node(nid, label=label, key=row["key"], name=row["name"], aliases=[], sentences=[], stages={})
    for row in store.query(_EDGES_LIGHT):
        if row["type"] in wanted and row["a"] in ids and row["b"] in ids:
            g.add_edge(ids[row["a"]], ids[row["b"]], key=f"{row['type']}|{row['doc']}", type=row["type"],
                       evidence="", has_evidence=bool(row["has_evidence"]), doc=row["doc"])
    return g


# One hop out of a set of entities, both directions, for the bounded path search: rows carry the end labels and keys
# (the same node ids as the projection), the type, the report and whether the link has evidence. The UNWIND seeks
# each entity through the :Entity(key) index, so a hop reads the edges of its frontier only.
_HOP = (
    "UNWIND $nodes AS row MATCH (a:%s {key: row.key})%s(b:%s) WHERE row.label IN labels(a) AND type(r) IN $types "
    "RETURN row.label AS a_label, a.key AS a_key, type(r) AS type, r.evidence IS NOT NULL AS has_evidence, "
    "r.doc AS doc, labels(b) AS b_labels, b.key AS b_key, b.name AS b_name"
)
_HOP_OUT = _HOP % (schema.ENTITY, "-[r]->", schema.ENTITY)
_HOP_IN = _HOP % (schema.ENTITY, "<-[r]-", schema.ENTITY)


def _add_light_node(g: nx.MultiDiGraph, label: str, key: str, name: str | None) -> str:
    nid = node_id(label, key)
    if nid not in g:
        g.add_node(nid, label=label, key=key, name=name, aliases=[], sentences=[], stages={})
    return nid


def _hop(store: GraphStore, g: nx.MultiDiGraph, frontier: Iterable[str], types: list[str]) -> set[str]:
    """Add every link of ``frontier``'s nodes (of ``types``, either direction) to ``g``; the nodes reached."""
    rows = [{"label": g.nodes[n]["label"], "key": g.nodes[n]["key"]} for n in frontier]
    reached: set[str] = set()
    if not rows:
        return reached
    params = {"nodes": rows, "types": types}
    for cypher, outgoing in ((_HOP_OUT, True), (_HOP_IN, False)):
        for row in store.query(cypher, params):
            a = node_id(row["a_label"], row["a_key"])
            b = _add_light_node(g, schema.primary_label(row["b_labels"] or []), row["b_key"], row["b_name"])
            src, dst = (a, b) if outgoing else (b, a)
            g.add_edge(src, dst, key=f"{row['type']}|{row['doc']}", type=row["type"], evidence="",
                       has_evidence=bool(row["has_evidence"]), doc=row["doc"])
            reached.add(b)
    return reached


@dataclass
class _Side:
    """One end of the bidirectional search: the nodes reached so far, and those reached by the last hop."""

    seen: set[str]
    frontier: set[str]


def bounded_projection(store: GraphStore, sources: Iterable[Match], targets: Iterable[Match], *, max_hops: int,
                       rel_types: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The part of the entity graph that holds every shortest connection between ``sources`` and ``targets``
    (within ``max_hops``), read hop by hop from both ends instead of projecting the whole graph.

    A bidirectional breadth-first search: each step reads the links of the smaller frontier, until the two sides
    meet or their depths add up to ``max_hops``. When they meet at depth ``ds`` + ``dt`` every shortest path's
    links are in the result (its first ``ds`` nodes were expanded from the sources, the rest from the targets), and
    no path in it is shorter than in the store, so shortest paths over it are the store's shortest paths. Nodes
    carry their key and name, links their type, report and whether they have evidence (as :func:`project` with
    ``evidence=False, sentences=False``)."""
    import networkx as nx

    types = sorted(set(rel_types or schema.ENTITY_REL_TYPES))
    for t in types:
        schema.rel_type(t)
    g = nx.MultiDiGraph()
    sides: list[_Side] = []
    for matches in (sources, targets):
        ids = {_add_light_node(g, m.label, m.key, m.name) for m in matches}
        sides.append(_Side(seen=set(ids), frontier=set(ids)))
    start, end = sides
    depth = 0
    while depth < max_hops and not start.seen & end.seen:
        side = min((s for s in sides if s.frontier), key=lambda s: len(s.frontier), default=None)
        if side is None:
            break  # both sides walked their whole component
        reached = _hop(store, g, side.frontier, types)
        side.frontier = reached - side.seen
        side.seen |= reached
        depth += 1
        if not side.frontier and not start.seen & end.seen:
            break  # one side walked its whole component without meeting the other: no connection
    return g


#: A node tied to more than this share of the graph (and to at least HUB_MIN_NEIGHBOURS) is a hub.
HUB_SHARE = 0.05
HUB_MIN_NEIGHBOURS = 30


def hubs(g: nx.MultiDiGraph) -> set[str]:
    """Nodes tied to a large part of the graph: the report's own city, say. Everything is two hops
    from everything through them, so a neighbourhood shows them but does not walk through them."""
    ug = g.to_undirected(as_view=True)
    limit = max(HUB_MIN_NEIGHBOURS, HUB_SHARE * len(g))
    return {n for n in g if len(ug[n]) > limit}


def neighbourhood(g: nx.MultiDiGraph, centre: str, depth: int) -> nx.MultiDiGraph:
    """The subgraph within ``depth`` hops of ``centre``, ignoring direction; hubs other than the
    centre are included but not walked through."""
    ug = g.to_undirected(as_view=True)
    stop = hubs(g) - {centre}
    seen = {centre}
    frontier = [centre]
    for _ in range(depth):
        nxt = []
        for n in frontier:
            if n in stop:
                continue
            for m in ug[n]:
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
        frontier = nxt
    return g.subgraph(seen).copy()


def focus_ids(store: GraphStore, g: nx.MultiDiGraph, name: str) -> list[str]:
    """Node ids of the entities a user-typed name resolves to (aliases count)."""
    return [node_id(m.label, m.key) for m in resolve(store, name) if node_id(m.label, m.key) in g]


def select(
    store: GraphStore,
    g: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 2,
    labels: Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """Narrow a projection to a name's neighbourhood and/or to some labels."""
    import networkx as nx

    out = g
    if focus:
        centres = focus_ids(store, g, focus)
        keep: set[str] = set()
        for c in centres:
            keep |= set(neighbourhood(g, c, depth))
        out = g.subgraph(keep).copy()
        out.graph["focus"] = centres
    if labels:
        wanted = {schema.label(lbl) for lbl in labels}
        out = out.subgraph([n for n, d in out.nodes(data=True) if d["label"] in wanted]).copy()
    if not isinstance(out, nx.MultiDiGraph):  # pragma: no cover
        out = nx.MultiDiGraph(out)
    out.graph.setdefault("documents", g.graph.get("documents", []))
    return out
