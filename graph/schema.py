"""The one place that names node labels, relationship types and keys.

Cypher built in Python may only interpolate identifiers that pass :func:`label` or
:func:`rel_type`; every value travels as a parameter. Labels and types are ASCII so that
no identifier ever needs quoting; Chinese lives in property values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from qdkg.errors import SchemaError

#: Secondary label carried by every extracted entity node, so a name lookup need not know the type.
ENTITY = "Entity"

#: Node labels of things named in reports (each also carries :data:`ENTITY`).
ENTITY_LABELS: tuple[str, ...] = (
    "Project",
    "Institution",
    "Company",
    "Industry",
    "District",
    "Program",
    "Event",
)

#: Structural and value nodes.
DOCUMENT = "Document"
SECTION = "Section"
TARGET = "Target"

NODE_LABELS: tuple[str, ...] = (DOCUMENT, SECTION, *ENTITY_LABELS, TARGET)

#: The alias index (graph/aliases.py): one unconnected node per (label, node key, alias) pair, so that a name can
#: be looked up among the aliases through an index (a value of the list ``n.aliases`` is in none). Not a fact of
#: the graph: no relationship touches it, and :data:`NODE_LABELS` leaves it out.
ALIAS = "Alias"

#: Relationship types, with the direction they run in and what they mean.
RELATIONSHIPS: dict[str, str] = {
    "MENTIONED_IN": "entity -> Section: the sentence, offsets and stage of one mention",
    "IN_SECTION": "Section -> its parent Section (the report outline)",
    "IN_DOCUMENT": "Section -> the Document it belongs to",
    "REPORTED_IN": "entity -> Document: per-report summary (mentions, stage of a project in that report)",
    "LOCATED_IN": "entity -> District: where a project or institution is",
    "PART_OF": "District -> larger District; Industry track -> Industry",
    "IN_INDUSTRY": "entity -> Industry it serves",
    "OWNED_BY": "Project -> Company or Institution that owns or builds it",
    "SUPPORTED_BY": "Project or Institution -> the entity that backs it (支持/推动 X 建设 Y)",
    "CONNECTS": "transport Project -> a place it joins (A至B)",
    "HAS_TARGET": "entity or Section -> Target it carries",
    "RELATED_TO": "entity -> entity co-mentioned in one sentence (count, per report)",
}
REL_TYPES: tuple[str, ...] = tuple(RELATIONSHIPS)

#: Relationship types that link two entities and carry evidence (shown in neighbourhoods and paths).
ENTITY_REL_TYPES: tuple[str, ...] = (
    "LOCATED_IN",
    "PART_OF",
    "IN_INDUSTRY",
    "OWNED_BY",
    "SUPPORTED_BY",
    "CONNECTS",
    "HAS_TARGET",
    "RELATED_TO",
)

#: The key property of every label: the node's identity for MERGE.
KEY = "key"
KEYS: dict[str, str] = {label: KEY for label in NODE_LABELS}

#: Project stages: the extractor's and the tables' codes (planned …) -> the Chinese value the graph stores
#: (谋划, 开工, 在建, 建成), in the order a project moves through them (graph/stages.yaml).
STAGE_NAMES: dict[str, str] = {
    str(code): str(name)
    for code, name in yaml.safe_load((Path(__file__).resolve().parent / "stages.yaml").read_text("utf-8")).items()
}
#: The stored stage values, in order.
STAGES: tuple[str, ...] = tuple(STAGE_NAMES.values())


def primary_label(labels: list[str]) -> str:
    """The entity label of a node's labels (``["Entity", "Project"]`` -> ``"Project"``)."""
    return next((lbl for lbl in labels if lbl in ENTITY_LABELS), labels[0] if labels else ENTITY)


def stage_value(stage: str | None) -> str | None:
    """The stored (Chinese) value of a stage given as a code (``under_way``) or already in Chinese (在建)."""
    if stage is None or stage in STAGES:
        return stage
    if stage in STAGE_NAMES:
        return STAGE_NAMES[stage]
    raise SchemaError(f"unknown project stage {stage!r}; known stages: {', '.join(STAGES)}")


def label(name: str) -> str:
    """Return ``name`` if it is a node label of the schema, else raise :class:`SchemaError`."""
    if name in NODE_LABELS or name in (ENTITY, ALIAS):
        return name
    raise SchemaError(f"unknown node label {name!r}; known labels: {', '.join(NODE_LABELS)}")


def rel_type(name: str) -> str:
    """Return ``name`` if it is a relationship type of the schema, else raise :class:`SchemaError`."""
    if name in RELATIONSHIPS:
        return name
    raise SchemaError(f"unknown relationship type {name!r}; known types: {', '.join(REL_TYPES)}")


@dataclass(frozen=True)
class IndexSpec:
    """A uniqueness constraint (``unique``), a range index, or (``text``) a substring index on one property.

    Text indexes exist on Neo4j only: its planner serves ``CONTAINS`` from them, and without one Neo4j 5.26
    may plan a ``CONTAINS`` scan on the range index and fail at run time. FalkorDB has no such index.
    """

    label: str
    prop: str
    unique: bool
    text: bool = False


def index_specs() -> list[IndexSpec]:
    """Constraints and indexes ``qdkg db init`` creates on every backend."""
    specs = [IndexSpec(lbl, KEYS[lbl], unique=True) for lbl in NODE_LABELS]
    specs.append(IndexSpec(ENTITY, "name", unique=False))
    specs.append(IndexSpec(ENTITY, "name", unique=False, text=True))
    specs.append(IndexSpec(ENTITY, KEY, unique=False))
    specs.append(IndexSpec(SECTION, "doc", unique=False))
    specs.append(IndexSpec(TARGET, "doc", unique=False))
    specs.append(IndexSpec(TARGET, "section", unique=False))  # the sections pack counts targets per section
    specs.append(IndexSpec(DOCUMENT, "fingerprint", unique=False))  # the writer's duplicate-text check per load
    # What a report could join (graph/merges.py): the nodes reported for its place, and the planner's nodes.
    specs.append(IndexSpec(DOCUMENT, "city", unique=False))
    specs.append(IndexSpec(ENTITY, "planner", unique=False))
    # The alias index: a node's aliases by the name as written (the writer's joins) and by its key (`qdkg path`).
    specs.append(IndexSpec(ALIAS, KEY, unique=True))
    specs.append(IndexSpec(ALIAS, "form", unique=False))
    specs.append(IndexSpec(ALIAS, "form_key", unique=False))
    specs.append(IndexSpec(ALIAS, "of", unique=False))  # entries go with their node
    return specs
