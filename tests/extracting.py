"""Extraction of a sentence written for a test: the batch, its entities, and its relations of one type by name."""

from __future__ import annotations

from qdkg.loaders.model import Document, GraphBatch
from qdkg.loaders.pipeline import extract_batch


def extract_text(text: str, city: str | None = None) -> GraphBatch:
    return extract_batch(Document(key="t", title="t", source="t.txt", content_hash="0", text=text, city=city))


def entity_set(text: str, city: str | None = None) -> set[tuple[str, str]]:
    """(label, name) of every entity ``text`` gives."""
    return {(e.label, e.name) for e in extract_text(text, city).entities}


def names_of(text: str, label: str, city: str | None = None) -> set[str]:
    return {name for lbl, name in entity_set(text, city) if lbl == label}


def relation_set(text: str, *types: str, city: str | None = None) -> set[tuple[str, str]]:
    """(source name, target name) of every relation of ``types`` that ``text`` gives."""
    batch = extract_text(text, city)
    names = {e.ref: e.name for e in batch.entities}
    return {(names[r.source], names[r.target]) for r in batch.relations if r.type in types}
