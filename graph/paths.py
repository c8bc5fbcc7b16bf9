"""Shortest connections between two named entities, hop by hop with the evidence for each.

Computed with networkx over :func:`qdkg.graph.projection.bounded_projection` (the links between the two
ends, read hop by hop from both) rather than in Cypher: FalkorDB only has directed ``shortestPath`` and only
inside WITH/RETURN, while a planner asks how two things are tied whichever way the links run. Direction is
kept per hop.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from qdkg.errors import NotFoundError, QdkgError
from qdkg.graph import schema

if TYPE_CHECKING:
    import networkx as nx

    from qdkg.graph.lookup import Match
    from qdkg.graph.store import GraphStore

DEFAULT_MAX_HOPS = 4
DEFAULT_LIMIT = 10
SCAN_FACTOR = 10  # shortest paths looked at per path shown, so typed ones can be put first
WEAK = "RELATED_TO"  # a co-mention in one sentence: a tie, but the weakest kind
MENTION = "MENTIONED_IN"  # fallback: both named in one section of a report (entity -> section -> entity)
OUTLINE = "IN_SECTION"  # fallback: sections joined through the report outline (paragraph -> chapter -> part)
WEAK_TYPES = (WEAK, MENTION, OUTLINE)

_OUTLINE = (
    "MATCH (s:%s)-[:IN_SECTION]->(p:%s) RETURN s.key AS child, p.key AS parent, "
    "p.number AS number, p.title AS title, s.doc AS doc"
) % (schema.SECTION, schema.SECTION)

_SECTION_MENTIONS = (
    "MATCH (e:%s)-[m:MENTIONED_IN]->(s:%s) "
    "RETURN labels(e) AS labels, e.key AS key, s.key AS section, s.number AS number, s.title AS title, "
    "m.sentence AS sentence, m.doc AS doc"
) % (schema.ENTITY, schema.SECTION)


@dataclass(frozen=True)
class Hop:
    """One step of a connection: ``source`` to ``target`` over a relationship running ``direction``."""

    source: str  # node id "Label:key"
    source_name: str
    target: str
    target_name: str
    type: str
    forward: bool  # True when the stored relationship runs source -> target
    evidence: str
    doc: str | None
    alternatives: int = 0  # other relationships between the same two nodes

    @property
    def arrow(self) -> str:
        return f"-[{self.type}]->" if self.forward else f"<-[{self.type}]-"


@dataclass(frozen=True)
class Connection:
    """A shortest path: its hops in order from the first entity to the second."""

    hops: tuple[Hop, ...]

    @property
    def length(self) -> int:
        return len(self.hops)

    @property
    def names(self) -> list[str]:
        return [self.hops[0].source_name, *(h.target_name for h in self.hops)] if self.hops else []

    def describe(self) -> str:
        """崂山实验室 -[RELATED_TO]-> 上合示范区, on one line."""
        if not self.hops:
            return ""
        return self.hops[0].source_name + "".join(f" {h.arrow} {h.target_name}" for h in self.hops)


def _edge_rank(data: dict[str, Any]) -> tuple[bool, bool, tuple[int, ...]]:
    """Typed links before co-mentions, then links with evidence, then the latest report (highest doc key)."""
    has = data.get("evidence") or data.get("has_evidence")
    return (data.get("type") in WEAK_TYPES, not has, _neg(str(data.get("doc") or "")))


def _best_edge(g: nx.MultiDiGraph, a: str, b: str) -> tuple[dict[str, Any], bool, int]:
    candidates = [(d, True) for d in g.get_edge_data(a, b, default={}).values()]
    candidates += [(d, False) for d in g.get_edge_data(b, a, default={}).values()]
    candidates.sort(key=lambda c: _edge_rank(c[0]))
    data, forward = candidates[0]
    return data, forward, len(candidates) - 1


def _weakness(c: Connection) -> tuple[int, int, int]:
    """Outline hops weigh most, then section hops, then co-mentions; typed links are best."""
    return (sum(h.type == OUTLINE for h in c.hops), sum(h.type == MENTION for h in c.hops),
            sum(h.type == WEAK for h in c.hops))


def with_sections(store: GraphStore, g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The projection plus report sections, each tied to the entities it names (for the fallback)."""
    from qdkg.graph.projection import node_id

    out = g.copy()
    for row in store.query(_SECTION_MENTIONS):
        entity = node_id(schema.primary_label(row["labels"]), row["key"])
        if entity not in out:
            continue
        section = node_id(schema.SECTION, row["section"])
        if section not in out:
            title = " ".join(x for x in (row.get("number"), row.get("title")) if x)
            out.add_node(section, label=schema.SECTION, name=f"§ {title}" if title else f"§ {row['section']}")
        key = f"{MENTION}|{row['doc']}"
        if not out.has_edge(entity, section, key=key):
            out.add_edge(entity, section, key=key, type=MENTION, evidence=row["sentence"] or "", doc=row["doc"])
    for row in store.query(_OUTLINE):
        child, parent = node_id(schema.SECTION, row["child"]), node_id(schema.SECTION, row["parent"])
        title = " ".join(x for x in (row.get("number"), row.get("title")) if x)
        if child not in out:
            continue  # a section naming nothing is no stepping stone of its own
        if parent not in out:
            out.add_node(parent, label=schema.SECTION, name=f"§ {title}" if title else f"§ {row['parent']}")
        out.add_edge(child, parent, key=f"{OUTLINE}|{row['doc']}", type=OUTLINE, evidence="", doc=row["doc"])
    return out


def _neg(text: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in text)


def _undirected(g: nx.MultiDiGraph, *, typed_only: bool) -> nx.Graph:
    import networkx as nx

    ug = nx.Graph()
    ug.add_nodes_from(g.nodes)
    for a, b, data in g.edges(data=True):
        if typed_only and data.get("type") in WEAK_TYPES:
            continue
        ug.add_edge(a, b)
    return ug


def connections(
    g: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    max_hops: int = DEFAULT_MAX_HOPS,
    limit: int = DEFAULT_LIMIT,
    typed_only: bool = False,
) -> list[Connection]:
    """All shortest connections (up to ``limit``) between two node ids, if within ``max_hops``."""
    import networkx as nx

    if max_hops < 1:
        raise QdkgError(f"max hops must be at least 1, got {max_hops}")
    ug = _undirected(g, typed_only=typed_only)
    reach = nx.single_source_shortest_path_length(ug, source, cutoff=max_hops)
    if target not in reach:
        return []
    out: list[Connection] = []
    for nodes in nx.all_shortest_paths(ug, source, target):
        hops = []
        for a, b in pairwise(nodes):
            data, forward, others = _best_edge(g, a, b)
            hops.append(Hop(
                source=a, source_name=g.nodes[a].get("name", a), target=b, target_name=g.nodes[b].get("name", b),
                type=data.get("type", ""), forward=forward, evidence=data.get("evidence") or "",
                doc=data.get("doc"), alternatives=others,
            ))
        out.append(Connection(tuple(hops)))
        if len(out) >= SCAN_FACTOR * limit:  # enough to pick the best ``limit`` from without enumerating all
            break
    out.sort(key=lambda c: (_weakness(c), c.names))
    return out[:limit]


def shortest_connections(
    store: GraphStore,
    a: str,
    b: str,
    *,
    max_hops: int = DEFAULT_MAX_HOPS,
    limit: int = DEFAULT_LIMIT,
    typed_only: bool = False,
    rel_types: Iterable[str] | None = None,
    outline: bool = True,
    resolved: tuple[list[Match], list[Match]] | None = None,
) -> list[Connection]:
    """Resolve two user-typed names (aliases count) and connect them; raise when there is no connection.

    A name that matches several nodes (one name under two labels) uses every match; the
    shortest connections over all of them are returned. When no stored link joins the two,
    the report's sections count as stepping stones (``MENTIONED_IN`` hops: both are named in
    that section; ``IN_SECTION`` hops: up and down the outline), so a planner still sees where
    the report puts them (unless ``outline`` is False). ``resolved`` gives the nodes the two names resolve to
    when the caller has them already.
    """
    from qdkg.graph.lookup import resolve
    from qdkg.graph.projection import bounded_projection, node_id, project

    types = [schema.rel_type(t) for t in rel_types] if rel_types else None
    # unknown names fail here, with suggestions
    matches_a, matches_b = resolved if resolved is not None else (resolve(store, a), resolve(store, b))
    sources = list(dict.fromkeys(node_id(m.label, m.key) for m in matches_a))
    targets = list(dict.fromkeys(node_id(m.label, m.key) for m in matches_b))
    if set(sources) & set(targets):
        raise QdkgError(f"{a!r} and {b!r} name the same entity; give two different names")
    # Only the part of the graph between the two is read (hop by hop from both ends), and only its structure:
    # the words of the chosen hops come after. Typed-only searches never step over co-mentions.
    walked = [t for t in (types or schema.ENTITY_REL_TYPES) if not (typed_only and t in WEAK_TYPES)]
    g = bounded_projection(store, matches_a, matches_b, max_hops=max_hops, rel_types=walked)
    found: list[Connection] = []
    for s in sources:
        for t in targets:
            found += connections(g, s, t, max_hops=max_hops, limit=limit, typed_only=typed_only)
    if not found and not typed_only and outline:
        # No stored link joins them: say instead where the report names them side by side.
        gs = with_sections(store, project(store, rel_types=types, evidence=False, sentences=False))
        for s in sources:
            for t in targets:
                found += connections(gs, s, t, max_hops=max_hops, limit=limit)
    if not found:
        kind = "typed link" if typed_only else "link"
        raise NotFoundError(
            f"no connection between {a!r} and {b!r} within {max_hops} hops (by {kind}s); "
            f"try a larger --max-hops" + ("" if not typed_only else " or drop --typed-only")
        )
    shortest = min(c.length for c in found)
    unique = {c.describe(): c for c in found if c.length == shortest}  # one per route, whichever report
    best = list(unique.values())
    best.sort(key=lambda c: (_weakness(c), c.names))
    return [_with_evidence(store, c) for c in best[:limit]]


def _with_evidence(store: GraphStore, c: Connection) -> Connection:
    """``c`` with each stored hop's evidence read from the store (the projection left the texts there)."""
    from dataclasses import replace

    hops = []
    for h in c.hops:
        if not h.evidence and h.type in schema.RELATIONSHIPS:
            a, b = (h.source, h.target) if h.forward else (h.target, h.source)
            where = "r.doc = $doc" if h.doc is not None else "r.doc IS NULL"
            cypher = ("MATCH (a:%s {key: $a})-[r:%s]->(b:%s {key: $b}) WHERE " + where +
                      " RETURN r.evidence AS evidence LIMIT 1") % (
                schema.label(a.split(":", 1)[0]), schema.rel_type(h.type), schema.label(b.split(":", 1)[0]))
            rows = store.query(cypher, {"a": a.split(":", 1)[1], "b": b.split(":", 1)[1], "doc": h.doc})
            if rows and rows[0].get("evidence"):
                h = replace(h, evidence=rows[0]["evidence"])
        hops.append(h)
    return Connection(tuple(hops))


def connection_rows(found: list[Connection]) -> list[dict[str, Any]]:
    """One row per hop, for the table/CSV/JSON renderers."""
    rows = []
    for i, c in enumerate(found, 1):
        for j, h in enumerate(c.hops, 1):
            rows.append({
                "path": i, "hop": j, "source": h.source_name, "relation": h.arrow, "target": h.target_name,
                "evidence": h.evidence, "document": h.doc,
            })
    return rows


@dataclass(frozen=True)
class Explanation:
    """How two entities are tied: the shortest connections, and what they share when no typed link joins them."""

    connections: list[Connection]
    shared: list[Any]  # common_ground.Shared

    @property
    def typed(self) -> bool:
        return any(all(h.type not in WEAK_TYPES for h in c.hops) for c in self.connections)


def explain(
    store: GraphStore,
    a: str,
    b: str,
    *,
    max_hops: int = DEFAULT_MAX_HOPS,
    limit: int = DEFAULT_LIMIT,
    typed_only: bool = False,
) -> Explanation:
    """What a planner asks of two names: the typed paths when there are some, and, when no typed link joins
    them within ``max_hops``, what they share (a sentence, a paragraph, a chapter, a place, an industry, a
    programme), each with its sentences. Only when they share nothing either do sections of the report serve as
    stepping stones; :class:`NotFoundError` when even those do not join them."""
    from qdkg.graph.common_ground import shared_context
    from qdkg.graph.lookup import resolve

    resolved = resolve(store, a), resolve(store, b)  # unknown names fail first, with suggestions; resolved once
    try:
        found = shortest_connections(store, a, b, max_hops=max_hops, limit=limit, typed_only=typed_only,
                                     outline=False, resolved=resolved)
    except NotFoundError:
        found = []
    result = Explanation(found, [])
    if result.typed or typed_only:  # typed-only asks for typed paths and nothing else
        if not found:
            return Explanation(shortest_connections(store, a, b, max_hops=max_hops, limit=limit, typed_only=True,
                                                    resolved=resolved), [])
        return result
    shared = shared_context(store, a, b, limit=limit, resolved=resolved)
    if found or shared:
        return Explanation(found, shared)
    return Explanation(shortest_connections(store, a, b, max_hops=max_hops, limit=limit, typed_only=typed_only,
                                            resolved=resolved), [])
