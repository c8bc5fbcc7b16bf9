"""Write a document's :class:`GraphBatch` into a store, idempotently and with provenance.

The document is marked ``loading`` first and ``complete`` last, so a load killed midway is
never visible as complete; loading it again first removes whatever the broken load left.
Loading an unchanged document again changes nothing; a revised one (same key, new content
hash) has its old facts replaced. A project named differently than in another year's report
joins that report's node (graph/merges.py), each join recorded on the REPORTED_IN edge.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from qdkg.errors import LoaderError
from qdkg.graph import aliases, merges, schema
from qdkg.graph import statements as st
from qdkg.graph.store import GraphStore, WriteCounts
from qdkg.loaders.model import Document, GraphBatch, Mention, Ref

DEFAULT_BATCH_SIZE = 500
#: Batches of rows written per transaction (``GraphStore.write_batch``): a report's facts in one or a few, each one
#: round trip and one commit (one fsync) instead of one per statement; a very long report still reports progress.
BATCHES_PER_TRANSACTION = 10
ROWS_PER_TRANSACTION = BATCHES_PER_TRANSACTION * DEFAULT_BATCH_SIZE

# Stores whose constraints and indexes this process has ensured: once per store object, so a caller
# that never ran `db init` (a notebook calling load_paths) still writes through the key indexes.
_SCHEMA_ENSURED: weakref.WeakSet[GraphStore] = weakref.WeakSet()


def ensure_schema(store: GraphStore) -> None:
    """Create the schema's constraints and indexes on ``store`` unless this process already did."""
    if store not in _SCHEMA_ENSURED:
        store.init_schema()
        _SCHEMA_ENSURED.add(store)


@dataclass
class LoadResult:
    """What loading one document did."""

    document: str
    status: str  # "loaded" | "unchanged" | "replaced"
    counts: WriteCounts
    entities: int = 0
    relations: int = 0


def _chunks(rows: Sequence[dict[str, Any]], size: int) -> Iterator[Sequence[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


#: Words of a part's title that make it the review of the past year(s), not the plan (一、2024年工作回顾).
REVIEW_PART_WORDS = ("回顾", "总结", "成就")


def review_and_plan_stages(batch: GraphBatch, mentions: Iterable[Mention]) -> dict[tuple[str, str], dict[str, str]]:
    """Per entity, the furthest stage the report's review part gives it (``stage_reviewed``: what happened) and
    the furthest its other parts give it (``stage_planned``: what the year's plan says, 确保…建成 is an intention)."""
    sections = {s.key: s for s in batch.sections}

    def part_title(key: str) -> str | None:
        s = sections.get(key)
        while s is not None and s.parent:
            s = sections.get(s.parent)
        return s.title if s is not None and s.kind == "part" else None

    order = {st_: i for i, st_ in enumerate(schema.STAGES)}
    out: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for m in mentions:
        stage = schema.stage_value(m.stage)
        if not stage:
            continue
        title = part_title(m.section)
        if title is None:
            continue
        field = "stage_reviewed" if any(w in title for w in REVIEW_PART_WORDS) else "stage_planned"
        held = out[(m.entity.label, m.entity.key)]
        if field not in held or order[stage] > order[held[field]]:
            held[field] = stage
    return out


def batch_statements(
    batch: GraphBatch,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    merged: Mapping[Ref, Mapping[str, Any]] | None = None,
) -> list[st.Statement]:
    """All statements that write ``batch`` after the document is marked loading (pure).

    ``merged`` adds, per node, what the REPORTED_IN edge records about names joined to it (graph/merges.py)."""
    doc = batch.document
    out: list[st.Statement] = []

    section_rows = [
        {
            "key": s.key,
            "doc": s.doc,
            "parent": s.parent,
            "props": {
                "doc": s.doc, "kind": s.kind, "level": s.level, "order": s.order, "number": s.number,
                "title": s.title, "start": s.start, "end": s.end, "text": doc.text[s.start : s.end],
            },
        }
        for s in batch.sections
    ]
    for chunk in _chunks(section_rows, batch_size):
        out.extend(st.merge_sections(chunk))

    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in batch.entities:
        by_label[e.label].append(
            {"key": e.key, "name": e.name, "aliases": sorted(a for a in e.aliases if a != e.name),
             "props": {k: v for k, v in e.props.items() if v is not None}}
        )
    for label, rows in sorted(by_label.items()):
        for chunk in _chunks(rows, batch_size):
            out.append(st.merge_entities(label, chunk))
    # every alias written is also entered in the alias index (graph/aliases.py), where the next report's joins find it
    alias_entries = [x for e in batch.entities
                     for x in aliases.entry_rows(e.label, e.key, (a for a in e.aliases if a != e.name))]
    for chunk in _chunks(alias_entries, batch_size):
        out.append(aliases.merge_alias_index(chunk))

    # Mentions and relations between entities go in one statement per type (not per label shape):
    # every statement is a round trip, and the number of shapes grows with the labels in play.
    entity_labels = set(schema.ENTITY_LABELS)
    # One MENTIONED_IN edge per (entity, section, start): of two mentions starting at the same place
    # ("“十四五”" and "“十四五”规划") the longer wins, whatever order the extractor gave them in.
    longest: dict[tuple[str, str, str, int], Mention] = {}
    for m in batch.mentions:
        at = (m.entity.label, m.entity.key, m.section, m.start)
        if at not in longest or m.end > longest[at].end:
            longest[at] = m
    mentions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in longest.values():
        mentions[m.entity.label if m.entity.label not in entity_labels else schema.ENTITY].append(
            {"label": m.entity.label, "key": m.entity.key, "section": m.section, "doc": doc.key, "start": m.start,
             "props": {"end": m.end, "text": m.text, "sentence": m.sentence, "stage": schema.stage_value(m.stage)}}
        )
    for label, rows in sorted(mentions.items()):
        for chunk in _chunks(rows, batch_size):
            out.append(st.merge_entity_mentions(chunk) if label == schema.ENTITY else st.merge_mentions(label, chunk))

    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_shape: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in batch.relations:
        row = {"source": r.source.key, "target": r.target.key, "doc": doc.key,
               "props": {"evidence": r.evidence, "section": r.section, **r.props}}
        if r.source.label in entity_labels and r.target.label in entity_labels:
            by_type[r.type].append({**row, "src": r.source.label, "dst": r.target.label})
        else:
            by_shape[(r.source.label, r.type, r.target.label)].append(row)
    for rel, rows in sorted(by_type.items()):
        for chunk in _chunks(rows, batch_size):
            out.append(st.merge_entity_relations(rel, chunk))
    for (src, rel, dst), rows in sorted(by_shape.items()):
        for chunk in _chunks(rows, batch_size):
            out.append(st.merge_relations(src, rel, dst, chunk))

    target_rows = [
        {"key": t.key, "props": {"doc": doc.key, "metric": t.metric, "value": t.value, "unit": t.unit,
                                 "comparator": t.comparator, "text": t.text, "sentence": t.sentence,
                                 "section": t.section}}
        for t in batch.targets
    ]
    for chunk in _chunks(target_rows, batch_size):
        out.append(st.merge_targets(chunk))
    owners: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for t in batch.targets:
        owner = t.owner or Ref(schema.SECTION, t.section)
        owners[owner.label].append({"owner": owner.key, "key": t.key, "doc": doc.key, "evidence": t.sentence})
    for label, rows in sorted(owners.items()):
        for chunk in _chunks(rows, batch_size):
            out.append(st.link_targets(label, chunk))

    counts: dict[tuple[str, str], int] = defaultdict(int)
    for m in longest.values():
        counts[(m.entity.label, m.entity.key)] += 1
    by_part = review_and_plan_stages(batch, longest.values())
    reported: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (label, key), n in counts.items():
        props: dict[str, Any] = {"mentions": n, "year": doc.year}
        props.update((merged or {}).get(Ref(label, key), {}))
        props.update(by_part.get((label, key), {}))
        stage = batch.stages.get(Ref(label, key))
        if stage:
            props["stage"] = schema.stage_value(stage)  # stored in Chinese (谋划 …) whatever code the source used
        reported[label if label not in entity_labels else schema.ENTITY].append(
            {"label": label, "key": key, "doc": doc.key, "props": props})
    for label, rows in sorted(reported.items()):
        for chunk in _chunks(rows, batch_size):
            out.append(st.merge_entity_reported_in(chunk) if label == schema.ENTITY
                       else st.merge_reported_in(label, chunk))
    return out


def transactions(statements: Sequence[st.Statement], *, rows: int = ROWS_PER_TRANSACTION) -> list[list[int]]:
    """The statements' indexes in groups of at most ``rows`` rows (a statement with more is a group of its own),
    in order; statements without rows to write are left out (pure)."""
    groups: list[list[int]] = []
    size = rows  # start a new group at the first statement
    for i, (_, params) in enumerate(statements):
        n = len(params["rows"]) if isinstance(params.get("rows"), list) else 1
        if n == 0:
            continue
        if size + n > rows:
            groups.append([])
            size = 0
        groups[-1].append(i)
        size += n
    return groups


def check_identity(
    store: GraphStore,
    batch_or_doc: GraphBatch | Document,
    *,
    revision: bool = False,
    allow_duplicate: bool = False,
) -> list[dict[str, Any]]:
    """Refuse a file that would replace another report, or load a loaded report a second time; returns the
    stored state of the document (:func:`~qdkg.graph.statements.document_state`'s rows, none when new).

    A revision is the same report: same place, year and title (or ``revision``, the planner's word
    for it). Another report whose file name gives the same key (东营.txt and 东营.pdf) is refused,
    never loaded over the first. A text already loaded under another key is refused unless
    ``allow_duplicate``: it would double every mention and co-mention count.
    """
    doc = batch_or_doc.document if isinstance(batch_or_doc, GraphBatch) else batch_or_doc
    rows = store.query(*st.document_state(doc.key))
    complete = bool(rows) and rows[0].get("status") == "complete"  # a broken load's leftovers are replaced
    if complete and not revision and rows[0].get("hash") != doc.content_hash:
        stored = rows[0]
        differences = [
            f"{field_name} {stored.get(field_name) or '(none)'} → {new or '(none)'}"
            for field_name, new in (("city", doc.city), ("year", doc.year), ("title", doc.title))
            if stored.get(field_name) != new
        ]
        if differences:
            raise LoaderError(
                doc.source,
                f"would replace the loaded report {doc.key!r} (from {stored.get('source')}) but is not the same "
                f"report ({'; '.join(differences)}); rename the file, or pass --as-revision-of {doc.key} "
                "if it revises that report",
            )
    if not allow_duplicate:
        twins = store.query(*st.documents_with_fingerprint(doc.fingerprint, doc.key))
        if twins:
            raise LoaderError(
                doc.source,
                f"has the same text as the loaded report {twins[0]['key']!r} (from {twins[0]['source']}); "
                "it is not loaded twice (pass --force to load it anyway)",
            )
    return rows


def write_batch(
    store: GraphStore,
    batch: GraphBatch,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_statement: Callable[[int, int], None] | None = None,
    force: bool = False,
    revision: bool = False,
) -> LoadResult:
    """Write one document's facts; unchanged documents are left alone unless ``force``
    (after the extractor itself changed, say). See :func:`check_identity` for what is refused;
    ``force`` also allows a text that is loaded under another key."""
    doc = batch.document
    ensure_schema(store)
    existing = check_identity(store, batch, revision=revision, allow_duplicate=force)
    status = "loaded"
    counts = WriteCounts()
    if existing and existing[0].get("status") == "complete":
        if existing[0].get("hash") == doc.content_hash and not force:
            return LoadResult(doc.key, "unchanged", counts, len(batch.entities), len(batch.relations))
        status = "replaced"
    doc_props = {"key": doc.key, "title": doc.title, "source": doc.source, "city": doc.city, "year": doc.year,
                 "level": doc.level, "meeting": doc.meeting, "speaker": doc.speaker, "speaker_role": doc.speaker_role,
                 "chars": len(doc.text), "fingerprint": doc.fingerprint}
    # Marked loading (and its hash cleared) before anything old is removed: from here until the
    # last statement, a reader never sees the document as complete, whatever is killed when.
    counts.add(store.write(*st.document_started(doc_props)))
    if existing:
        counts.add(store.write_batch(st.remove_document_facts(doc.key)))
    # Names of undertakings the graph knows under another name join their node (after the old facts
    # are gone, so a reload re-resolves with the planner's current rules).
    batch, merged = merges.resolve_batch(store, batch)
    statements = batch_statements(batch, batch_size=batch_size, merged=merges.reported_props(merged))
    for group in transactions(statements, rows=BATCHES_PER_TRANSACTION * batch_size):
        counts.add(store.write_batch(statements[i] for i in group))
        if on_statement:
            for i in group:
                on_statement(i + 1, len(statements))
    counts.add(store.write(*st.document_completed(doc.key, doc.content_hash)))
    return LoadResult(doc.key, status, counts, len(batch.entities), len(batch.relations))


def remove_document(store: GraphStore, doc_key: str) -> WriteCounts:
    """Delete a document and every fact only it contributed."""
    return store.write_batch(st.delete_document(doc_key))
