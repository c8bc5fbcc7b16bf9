"""GraphML and GEXF files for Gephi, yEd and friends.

networkx's writers take scalar attributes only, and GEXF gives ``label`` and ``type`` their
own meanings (the display name; directed or undirected), so the projection is flattened:
lists become "; "-joined text, dicts JSON, the schema label travels as ``kind``, the node key
as ``node_key`` and the relationship type as ``relation``. GEXF also gets colours, sizes and positions (``viz``).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qdkg.errors import ExportError
from qdkg.graph.export_common import label_style, relation_style, write_atomic

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("graphml", "gexf")
SEPARATOR = "; "


def scalar(value: Any) -> str | int | float | bool | None:
    """A value a GraphML/GEXF attribute can hold; None means "leave the attribute out"."""
    if value is None:
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return SEPARATOR.join(str(v) for v in items)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def flatten(G: nx.MultiDiGraph, *, positions: dict[Any, tuple[float, float]] | None = None,
            viz: bool = False) -> nx.MultiDiGraph:
    """A copy of ``G`` whose every attribute is scalar, ready for networkx's writers."""
    import networkx as nx

    from qdkg.graph.analytics import importance

    score = importance(G)
    H = nx.MultiDiGraph()
    for attr in ("title", "caption"):
        if G.graph.get(attr):
            H.graph[attr] = str(G.graph[attr])
    docs = G.graph.get("documents") or []
    if docs:
        H.graph["documents"] = SEPARATOR.join(str(d.get("title") or d.get("key")) for d in docs)
    for nid, d in G.nodes(data=True):
        attrs: dict[str, Any] = {}
        for k, v in d.items():
            if k in ("label", "type", "id"):
                continue
            if k == "key":  # networkx's GEXF writer renames "key"; one name in both formats
                k = "node_key"
            flat = scalar(v)
            if flat is not None and flat != "":
                attrs[k] = flat
        attrs["kind"] = str(d.get("label", ""))
        attrs["kind_zh"] = label_style(attrs["kind"]).legend
        attrs["label"] = str(d.get("name") or d.get("key") or nid)
        attrs["importance"] = round(float(score.get(nid, 0.0)), 4)
        if viz:
            colour = label_style(attrs["kind"]).colour
            v_attr: dict[str, Any] = {
                "color": {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16), "a": 1.0},
                "size": round(4 + 26 * attrs["importance"], 2),
            }
            if positions and nid in positions:
                x, y = positions[nid]
                v_attr["position"] = {"x": round(x, 2), "y": round(-y, 2), "z": 0.0}
            attrs["viz"] = v_attr
        H.add_node(str(nid), **attrs)
    for u, v, k, e in G.edges(keys=True, data=True):
        attrs = {key: flat for key, val in e.items() if key not in ("type", "label", "id", "weight")
                 and (flat := scalar(val)) is not None}
        attrs["relation"] = str(e.get("type", ""))
        attrs["relation_zh"] = relation_style(attrs["relation"])[0]
        if viz:
            attrs["weight"] = float(e.get("count") or 1)
        H.add_edge(str(u), str(v), key=str(k), **attrs)
    return H


def render_graph_file(G: nx.MultiDiGraph, fmt: str, *, positions: dict[Any, tuple[float, float]] | None = None) -> bytes:
    """The graph as GraphML or GEXF bytes (UTF-8 XML)."""
    import networkx as nx

    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(flatten(G), buf, encoding="utf-8", prettyprint=True)
    elif fmt == "gexf":
        if positions is None:
            from qdkg.graph.layout import layout

            positions = layout(G)
        nx.write_gexf(flatten(G, positions=positions, viz=True), buf, encoding="utf-8", prettyprint=True)
    else:
        raise ExportError(f"unknown graph file format {fmt!r}; use one of {', '.join(FORMATS)}")
    return buf.getvalue()


def write_graph_file(G: nx.MultiDiGraph, path: str | Path, *, fmt: str | None = None, **kwargs: Any) -> Path:
    """Write GraphML or GEXF (format from ``fmt`` or the file suffix), atomically."""
    fmt = fmt or Path(path).suffix.lstrip(".").lower()
    return write_atomic(path, render_graph_file(G, fmt, **kwargs))
