"""Pure builders of the writer's Cypher: each returns ``(query, params)``.

Only schema identifiers are put into the text (through :func:`_q`, which checks them);
every value travels in ``$rows`` or another parameter. Each statement is one batch:
``UNWIND $rows AS row MERGE ...``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qdkg.graph import aliases, schema

Statement = tuple[str, dict[str, Any]]


def _q(template: str, **identifiers: str) -> str:
    """Fill ``%(name)s`` slots with labels/types checked against the schema."""
    checked = {}
    for slot, value in identifiers.items():
        checked[slot] = schema.rel_type(value) if slot.startswith("rel") else schema.label(value)
    return template % checked


def document_started(doc: dict[str, Any]) -> Statement:
    """Mark a document as loading; it only reads as complete once every fact is in.

    The document's properties are replaced (a revised file may no longer name a city), and
    its content hash is removed until :func:`document_completed` sets the new one.
    """
    props = {k: v for k, v in doc.items() if v is not None}
    props.update(status="loading")
    return (
        _q("MERGE (d:%(doc)s {key: $key}) SET d = $props", doc=schema.DOCUMENT),
        {"key": doc["key"], "props": props},
    )


def document_completed(key: str, content_hash: str) -> Statement:
    return (
        _q("MATCH (d:%(doc)s {key: $key}) SET d.status = 'complete', d.content_hash = $hash", doc=schema.DOCUMENT),
        {"key": key, "hash": content_hash},
    )


def document_state(key: str) -> Statement:
    return (
        _q("MATCH (d:%(doc)s {key: $key}) RETURN d.status AS status, d.content_hash AS hash, d.city AS city, "
           "d.year AS year, d.source AS source, d.title AS title", doc=schema.DOCUMENT),
        {"key": key},
    )


def documents_with_fingerprint(fingerprint: str, key: str) -> Statement:
    """Other complete documents whose words are the same (the same report under another name)."""
    return (
        _q("MATCH (d:%(doc)s {fingerprint: $fingerprint}) WHERE d.key <> $key AND d.status = 'complete' "
           "RETURN d.key AS key, d.source AS source ORDER BY key", doc=schema.DOCUMENT),
        {"fingerprint": fingerprint, "key": key},
    )


def merge_sections(rows: Sequence[dict[str, Any]]) -> list[Statement]:
    """Section nodes, each tied to its document and to its parent section."""
    return [
        (
            _q(
                "UNWIND $rows AS row MERGE (s:%(section)s {key: row.key}) SET s += row.props "
                "WITH s, row MATCH (d:%(doc)s {key: row.doc}) MERGE (s)-[:%(rel_doc)s]->(d)",
                section=schema.SECTION, doc=schema.DOCUMENT, rel_doc="IN_DOCUMENT",
            ),
            {"rows": list(rows)},
        ),
        (
            _q(
                "UNWIND $rows AS row MATCH (s:%(section)s {key: row.key}) MATCH (p:%(section)s {key: row.parent}) "
                "MERGE (s)-[:%(rel_in)s]->(p)",
                section=schema.SECTION, rel_in="IN_SECTION",
            ),
            {"rows": [r for r in rows if r.get("parent")]},
        ),
    ]


def merge_entities(label: str, rows: Sequence[dict[str, Any]]) -> Statement:
    """Entities of one label; aliases accumulate across reports without duplicates."""
    return (
        _q(
            "UNWIND $rows AS row MERGE (n:%(label)s {key: row.key}) "
            "ON CREATE SET n.name = row.name, n.aliases = [] "
            "SET n:%(entity)s, n += row.props, "
            "n.aliases = reduce(acc = coalesce(n.aliases, []), a IN row.aliases | "
            "CASE WHEN a IN acc OR a = n.name THEN acc ELSE acc + a END)",
            label=label, entity=schema.ENTITY,
        ),
        {"rows": list(rows)},
    )


def merge_mentions(label: str, rows: Sequence[dict[str, Any]]) -> Statement:
    """MENTIONED_IN edges from entities of one label to sections, one per mention."""
    return (
        _q(
            "UNWIND $rows AS row MATCH (e:%(label)s {key: row.key}) MATCH (s:%(section)s {key: row.section}) "
            "MERGE (e)-[m:%(rel)s {doc: row.doc, start: row.start}]->(s) SET m += row.props",
            label=label, section=schema.SECTION, rel="MENTIONED_IN",
        ),
        {"rows": list(rows)},
    )


def merge_relations(source_label: str, rel: str, target_label: str, rows: Sequence[dict[str, Any]]) -> Statement:
    """Entity-to-entity relations of one (label, type, label) shape, one edge per document."""
    return (
        _q(
            "UNWIND $rows AS row MATCH (a:%(src)s {key: row.source}) MATCH (b:%(dst)s {key: row.target}) "
            "MERGE (a)-[r:%(rel)s {doc: row.doc}]->(b) SET r += row.props",
            src=source_label, dst=target_label, rel=rel,
        ),
        {"rows": list(rows)},
    )


def merge_entity_relations(rel: str, rows: Sequence[dict[str, Any]]) -> Statement:
    """Entity-to-entity relations of one type whatever the end labels (rows carry ``src``/``dst`` labels).

    One statement per type instead of one per (label, type, label) shape: each statement is a
    round trip (and an fsync on the embedded store), so fewer statements load faster. Ends are
    found through the :Entity(key) index and checked against their label.
    """
    return (
        _q(
            "UNWIND $rows AS row MATCH (a:%(entity)s {key: row.source}) WHERE row.src IN labels(a) "
            "MATCH (b:%(entity)s {key: row.target}) WHERE row.dst IN labels(b) "
            "MERGE (a)-[r:%(rel)s {doc: row.doc}]->(b) SET r += row.props",
            entity=schema.ENTITY, rel=rel,
        ),
        {"rows": list(rows)},
    )


def merge_entity_mentions(rows: Sequence[dict[str, Any]]) -> Statement:
    """MENTIONED_IN edges for entities of any label (rows carry ``label``); see :func:`merge_mentions`."""
    return (
        _q(
            "UNWIND $rows AS row MATCH (e:%(entity)s {key: row.key}) WHERE row.label IN labels(e) "
            "MATCH (s:%(section)s {key: row.section}) "
            "MERGE (e)-[m:%(rel)s {doc: row.doc, start: row.start}]->(s) SET m += row.props",
            entity=schema.ENTITY, section=schema.SECTION, rel="MENTIONED_IN",
        ),
        {"rows": list(rows)},
    )


def merge_entity_reported_in(rows: Sequence[dict[str, Any]]) -> Statement:
    """REPORTED_IN edges for entities of any label (rows carry ``label``); see :func:`merge_reported_in`."""
    return (
        _q(
            "UNWIND $rows AS row MATCH (e:%(entity)s {key: row.key}) WHERE row.label IN labels(e) "
            "MATCH (d:%(doc)s {key: row.doc}) MERGE (e)-[r:%(rel)s {doc: row.doc}]->(d) SET r += row.props",
            entity=schema.ENTITY, doc=schema.DOCUMENT, rel="REPORTED_IN",
        ),
        {"rows": list(rows)},
    )


def merge_targets(rows: Sequence[dict[str, Any]]) -> Statement:
    return (
        _q("UNWIND $rows AS row MERGE (t:%(target)s {key: row.key}) SET t += row.props", target=schema.TARGET),
        {"rows": list(rows)},
    )


def link_targets(owner_label: str, rows: Sequence[dict[str, Any]]) -> Statement:
    """HAS_TARGET from the owning entity (or section) to each target."""
    return (
        _q(
            "UNWIND $rows AS row MATCH (o:%(owner)s {key: row.owner}) MATCH (t:%(target)s {key: row.key}) "
            "MERGE (o)-[r:%(rel)s {doc: row.doc}]->(t) SET r.evidence = row.evidence",
            owner=owner_label, target=schema.TARGET, rel="HAS_TARGET",
        ),
        {"rows": list(rows)},
    )


def merge_reported_in(label: str, rows: Sequence[dict[str, Any]]) -> Statement:
    """Per-report summary edge: how often an entity is named in a report, and a project's stage there."""
    return (
        _q(
            "UNWIND $rows AS row MATCH (e:%(label)s {key: row.key}) MATCH (d:%(doc)s {key: row.doc}) "
            "MERGE (e)-[r:%(rel)s {doc: row.doc}]->(d) SET r += row.props",
            label=label, doc=schema.DOCUMENT, rel="REPORTED_IN",
        ),
        {"rows": list(rows)},
    )


def remove_document_facts(doc_key: str) -> list[Statement]:
    """Everything a document contributed, except the Document node; then entities left unlinked."""
    out: list[Statement] = []
    for rel in schema.REL_TYPES:
        if rel in ("IN_SECTION", "IN_DOCUMENT"):
            continue
        out.append((_q("MATCH ()-[r:%(rel)s]->() WHERE r.doc = $doc DELETE r", rel=rel), {"doc": doc_key}))
    out.append((_q("MATCH (t:%(target)s) WHERE t.doc = $doc DETACH DELETE t", target=schema.TARGET), {"doc": doc_key}))
    out.append((_q("MATCH (s:%(section)s) WHERE s.doc = $doc DETACH DELETE s", section=schema.SECTION),
                 {"doc": doc_key}))
    # a node carrying the planner's alias rules stays, so the rules survive reloads; the alias index's entries of
    # the nodes deleted go first
    out.append(aliases.remove_orphan_entries())
    out.append((_q("MATCH (e:%(entity)s) WHERE NOT (e)--() AND e.planner IS NULL DELETE e", entity=schema.ENTITY), {}))
    return out


def delete_document(doc_key: str) -> list[Statement]:
    return remove_document_facts(doc_key) + [
        (_q("MATCH (d:%(doc)s {key: $doc}) DETACH DELETE d", doc=schema.DOCUMENT), {"doc": doc_key})
    ]

