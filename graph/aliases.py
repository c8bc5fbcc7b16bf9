"""The alias index: every alias of an entity where an index reaches it, on both stores.

An entity keeps its aliases in the list ``n.aliases`` (what every reader uses). A value of a list is in no
index of Neo4j 5, so "which nodes list this name as an alias" would read every node of a label. The index is
one unconnected ``:Alias`` node per (label, node key, alias), with the alias as written (``form``), its
normalised key (``form_key``), the node's label and key (``of``), each indexed (graph/schema.py).

The writer adds an entry for every alias it writes (:func:`merge_alias_index`); an entry whose node is deleted
goes with it (:func:`remove_orphan_entries`). The index may hold more than the lists (an alias equal to the
node's name, never stored in the list) but never less: lookups go through the index and then check the node's
list, so they answer exactly what a scan of the lists would. A store written before the index existed is
indexed once, when its schema is ensured (:func:`ensure_alias_index`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from qdkg.graph import schema
from qdkg.graph.store import GraphStore, Statement, WriteCounts
from qdkg.loaders.names import name_key

#: Entries written per statement when a whole store is indexed.
MIGRATION_BATCH = 2000


def entry_rows(label: str, key: str, aliases: Iterable[str]) -> list[dict[str, Any]]:
    """The index entries of one node's aliases (pure)."""
    schema.label(label)
    return [{"key": f"{label}|{key}|{a}", "form": a, "form_key": name_key(a), "label": label, "of": key}
            for a in sorted(set(aliases)) if a]


def merge_alias_index(rows: Sequence[dict[str, Any]]) -> Statement:
    """Add index entries (rows from :func:`entry_rows`); an entry already there is left as it is."""
    return (
        "UNWIND $rows AS row MERGE (x:%s {key: row.key}) "
        "ON CREATE SET x.form = row.form, x.form_key = row.form_key, x.label = row.label, x.of = row.of"
        % schema.label(schema.ALIAS),
        {"rows": list(rows)},
    )


def remove_orphan_entries() -> Statement:
    """Remove the entries of entities that are about to be deleted (no relationship, not the planner's): run
    just before the writer's statement that deletes them."""
    return (
        "MATCH (e:%s) WHERE NOT (e)--() AND e.planner IS NULL "
        "WITH e, e.key AS of MATCH (x:%s {of: of}) WHERE x.label IN labels(e) DELETE x"
        % (schema.label(schema.ENTITY), schema.label(schema.ALIAS)),
        {},
    )


def match_forms() -> str:
    """A MATCH fragment binding ``n`` to each entity of a label in ``$labels`` that lists one of ``$forms`` (as
    written) among its aliases: through the index, then checked against the node's own list."""
    # the entry's fields are carried by WITH: a MATCH on ``x.of`` itself is planned by FalkorDB as a join with a
    # scan of the label instead of an index lookup
    return ("UNWIND $forms AS form MATCH (x:%s {form: form}) WHERE x.label IN $labels "
            "WITH form, x.of AS of, x.label AS label MATCH (n:%s {key: of}) "
            "WHERE label IN labels(n) AND form IN coalesce(n.aliases, []) "
            % (schema.label(schema.ALIAS), schema.label(schema.ENTITY)))


def lookup_key(key: str) -> Statement:
    """Entities one of whose aliases has the normalised key ``key`` (through the index; the caller checks the
    node's list)."""
    return (
        "MATCH (x:%s {form_key: $key}) WITH x.of AS of, x.label AS label "
        "MATCH (n:%s {key: of}) WHERE label IN labels(n) "
        "RETURN DISTINCT labels(n) AS labels, n.key AS key, n.name AS name, n.aliases AS aliases"
        % (schema.label(schema.ALIAS), schema.label(schema.ENTITY)),
        {"key": key},
    )


def is_indexed(store: GraphStore) -> bool:
    """Whether the store has an alias index at all (a store written before it existed has none)."""
    return bool(store.query("MATCH (x:%s) RETURN x.key AS key LIMIT 1" % schema.label(schema.ALIAS)))


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def ensure_alias_index(store: GraphStore) -> int:
    """Index the aliases of a store written before the index existed; returns the entries written.

    Idempotent: a store with any entry was written with the index kept in step and is left alone (one indexed
    lookup); otherwise every entity with aliases is read once and indexed."""
    if store.read_only or is_indexed(store):
        return 0
    rows = store.query(
        "MATCH (n:%s) WHERE size(coalesce(n.aliases, [])) > 0 RETURN labels(n) AS labels, n.key AS key, "
        "n.aliases AS aliases" % schema.label(schema.ENTITY)
    )
    entries = [e for r in rows for e in entry_rows(schema.primary_label(r["labels"] or []), r["key"], r["aliases"])]
    counts = WriteCounts()
    for chunk in _chunks(entries, MIGRATION_BATCH):
        counts.add(store.write(*merge_alias_index(chunk)))
    return counts.nodes_created


__all__ = ["entry_rows", "ensure_alias_index", "is_indexed", "match_forms", "lookup_key", "merge_alias_index",
           "remove_orphan_entries"]
