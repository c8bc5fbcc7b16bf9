"""Turn driver values (nodes, relationships, paths) into plain dicts and lists.

Both backends return their own node and edge classes; everything above the store sees
``{"_labels": [...], **properties}`` for a node and ``{"_type": T, **properties}`` for an edge.
"""

from __future__ import annotations

from typing import Any


def to_plain(value: Any) -> Any:
    """Recursively convert a driver value into JSON-friendly Python values."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    kind = type(value).__name__
    module = type(value).__module__
    if module.startswith("falkordb"):
        if kind == "Node":
            return {"_labels": list(value.labels or []), **to_plain(value.properties)}
        if kind == "Edge":
            return {"_type": value.relation, **to_plain(value.properties)}
        if kind == "Path":
            return {"nodes": [to_plain(n) for n in value.nodes()], "relationships": [to_plain(e) for e in value.edges()]}
    from neo4j import graph as neo4j_graph  # the driver makes a Relationship subclass per type (class LOCATED_IN)

    if isinstance(value, neo4j_graph.Node):
        return {"_labels": sorted(value.labels), **to_plain(dict(value))}
    if isinstance(value, neo4j_graph.Relationship):
        return {"_type": value.type, **to_plain(dict(value))}
    if isinstance(value, neo4j_graph.Path):
        return {"nodes": [to_plain(n) for n in value.nodes], "relationships": [to_plain(r) for r in value.relationships]}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
