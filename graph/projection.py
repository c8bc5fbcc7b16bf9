"""Project the store's entity graph into networkx, for analytics, paths and exports.

Node ids are ``"Label:key"``; node attributes hold the label, name, aliases, other
properties and a few source sentences; edge attributes hold the relationship type, the
evidence sentence and the document it came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from qdkg.graph import schema
from qdkg.graph.lookup import resolve
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
