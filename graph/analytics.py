"""Graph analytics for exports, written the networkx way: a graph in, a dict node -> value out.

The projection is a MultiDiGraph in which one fact reported in two documents is two edges;
importance counts distinct neighbours, so a project is not made important by being repeated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx


def simple_undirected(G: nx.Graph) -> nx.Graph:
    """``G`` as a simple undirected graph: parallel and reverse edges fold into one."""
    import networkx as nx

    H = nx.Graph()
    H.add_nodes_from(G.nodes)
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return H


def neighbour_count(G: nx.Graph) -> dict[Any, int]:
    """Number of distinct neighbours of each node, ignoring direction and parallel edges."""
    H = simple_undirected(G)
    return {n: d for n, d in H.degree()}


def degree_centrality(G: nx.Graph) -> dict[Any, float]:
    """Distinct neighbours over ``n - 1``, as :func:`networkx.degree_centrality` on the simple graph."""
    import networkx as nx

    return dict(nx.degree_centrality(simple_undirected(G)))


def mention_count(G: nx.Graph) -> dict[Any, int]:
    """Source sentences kept for each node by the projection (capped there; a tie-breaker only)."""
    return {n: len(d.get("sentences") or []) for n, d in G.nodes(data=True)}


def importance(G: nx.Graph) -> dict[Any, float]:
    """Degree centrality with mentions as a tie-breaker, in [0, 1]: what sizes nodes and decides trims."""
    if len(G) == 0:
        return {}
    deg = degree_centrality(G)
    mentions = mention_count(G)
    top = max(mentions.values()) or 1
    raw = {n: deg[n] + 0.01 * mentions[n] / top for n in G}
    peak = max(raw.values()) or 1.0
    return {n: v / peak for n, v in raw.items()}


def most_important(G: nx.Graph, n: int, *, keep: set[Any] | None = None) -> list[Any]:
    """The ``n`` most important nodes, best first (ties broken by node id, so the result is stable).

    Nodes in ``keep`` (a focus, say) come first whatever their score.
    """
    keep = set(keep or ()) & set(G)
    score = importance(G)
    ranked = sorted(G, key=lambda v: (v not in keep, -score[v], str(v)))
    return ranked[: max(n, 0)]


def trim(G: nx.MultiDiGraph, max_nodes: int, *, keep: set[Any] | None = None) -> nx.MultiDiGraph:
    """The subgraph on the ``max_nodes`` most important nodes; graph attributes say what was cut.

    ``G.graph["trimmed"]`` is ``(kept, total)`` when nodes were dropped, so a caption can say so.
    """
    if max_nodes <= 0:
        raise ValueError("max_nodes must be positive")
    if len(G) <= max_nodes:
        return G
    H = G.subgraph(most_important(G, max_nodes, keep=keep)).copy()
    H.graph.update(G.graph)
    H.graph["trimmed"] = (len(H), len(G))
    return H


def label_counts(G: nx.Graph) -> dict[str, int]:
    """How many nodes carry each label, largest first."""
    counts: dict[str, int] = {}
    for _, d in G.nodes(data=True):
        counts[d.get("label", "")] = counts.get(d.get("label", ""), 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
