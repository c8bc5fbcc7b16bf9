"""Counts by label and relationship type, asked per schema name so both backends answer alike."""

from __future__ import annotations

from typing import Any

from qdkg.graph import schema
from qdkg.graph.store import GraphStore


def graph_counts(store: GraphStore) -> list[dict[str, Any]]:
    """One row per label and per relationship type of the schema, with its count."""
    rows: list[dict[str, Any]] = []
    for lbl in schema.NODE_LABELS:
        n = store.query("MATCH (n:%s) RETURN count(n) AS n" % schema.label(lbl))[0]["n"]
        rows.append({"kind": "node", "name": lbl, "count": n})
    for rel in schema.REL_TYPES:
        n = store.query("MATCH ()-[r:%s]->() RETURN count(r) AS n" % schema.rel_type(rel))[0]["n"]
        rows.append({"kind": "relationship", "name": rel, "count": n})
    return rows
