"""Typed values passed from extraction to the graph writer.

Extraction is pure: a document's text goes in, a :class:`GraphBatch` comes out. The writer
turns a batch into parameterised statements. Offsets are character offsets into
``Document.text`` (after decoding and boilerplate removal), end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from qdkg.graph import schema
from qdkg.loaders.names import name_key


@dataclass(frozen=True)
class Ref:
    """A reference to a node by label and key."""

    label: str
    key: str

    def __post_init__(self) -> None:
        schema.label(self.label)


@dataclass
class Document:
    key: str  # stable across revisions: derived from the source file name
    title: str
    source: str  # file name as given
    content_hash: str  # sha256 of the text; a changed hash means a revised document
    text: str = field(repr=False)
    city: str | None = None
    year: int | None = None
    level: str | None = None  # province | city | district | county (docmeta.LEVELS)
    meeting: str | None = None  # the meeting line: 2026年1月25日在北京市第十六届人民代表大会第四次会议上
    speaker: str | None = None  # who delivered it: 殷勇
    speaker_role: str | None = None  # 市长, 区长, 代省长 …

    @property
    def ref(self) -> Ref:
        return Ref(schema.DOCUMENT, self.key)

    @property
    def fingerprint(self) -> str:
        """A hash of the words alone (NFKC, no white space): the same report saved as .pdf and .docx matches."""
        import hashlib
        import re
        import unicodedata

        words = re.sub(r"\s+", "", unicodedata.normalize("NFKC", self.text))
        return hashlib.sha256(words.encode("utf-8")).hexdigest()


@dataclass
class Section:
    """One node of the report outline: a part (一、), chapter ((一)), lead phrase or paragraph."""

    key: str  # f"{doc_key}#{path}", path like "3.2.1"
    doc: str
    kind: str  # "part" | "chapter" | "lead" | "paragraph"
    level: int
    order: int  # position in reading order, document-wide
    number: str  # "三", "(一)", or "" for paragraphs
    title: str  # heading or lead phrase; the first words of a plain paragraph
    start: int
    end: int
    parent: str | None = None  # key of the enclosing Section; None for top level

    @property
    def ref(self) -> Ref:
        return Ref(schema.SECTION, self.key)


@dataclass
class Entity:
    """One real thing; mentions of it in several places share this node."""

    label: str
    name: str  # canonical name
    aliases: set[str] = field(default_factory=set)  # other surface forms seen or known
    props: dict[str, Any] = field(default_factory=dict)  # e.g. phase, kind, parent, source ("gazetteer"/"rule")
    #: The city a city-relative name (市中心医院) belongs to: part of the key, not of the name, so that two
    #: cities' 市中心医院 stay two nodes while each reads as the report wrote it.
    qualifier: str = ""

    def __post_init__(self) -> None:
        schema.label(self.label)

    @property
    def key(self) -> str:
        return name_key(self.qualifier + self.name)

    @property
    def ref(self) -> Ref:
        return Ref(self.label, self.key)


@dataclass
class Mention:
    """Where an entity is named: the sentence, its section, the offsets of the surface text."""

    entity: Ref
    section: str  # Section key
    text: str  # surface form
    start: int
    end: int
    sentence: str
    stage: str | None = None  # one of schema.STAGES, for projects


@dataclass
class Relation:
    source: Ref
    type: str
    target: Ref
    evidence: str  # the sentence it came from
    section: str | None = None
    props: dict[str, Any] = field(default_factory=dict)  # e.g. count (RELATED_TO), rule

    def __post_init__(self) -> None:
        schema.rel_type(self.type)


@dataclass
class Target:
    """A quantitative goal: 全市生产总值增长5.5%左右."""

    key: str  # f"{doc_key}#t{n}"
    metric: str
    value: float | None
    unit: str
    comparator: str  # 左右, 以上, 突破, 达到, ...; "" when none
    text: str  # the phrase as written
    sentence: str
    section: str
    owner: Ref | None = None  # the entity it belongs to; None means the section carries it

    @property
    def ref(self) -> Ref:
        return Ref(schema.TARGET, self.key)


@dataclass
class GraphBatch:
    """Everything one document contributes to the graph."""

    document: Document
    sections: list[Section] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    stages: dict[Ref, str] = field(default_factory=dict)  # a project's stage in this report
