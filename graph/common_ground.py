"""What two entities share when no typed link joins them: the question a planner asks instead of a path.

Two things a report names apart (崂山实验室 and 上合示范区) are still tied for a reader: they are named in one
sentence, one paragraph, one chapter or one part of the report, or both sit in one place, serve one industry,
belong to one programme. Each shared thing comes with both sentences, so the answer can be checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from qdkg.graph import schema
from qdkg.graph.lookup import Match, resolve
from qdkg.graph.store import GraphStore

#: What a shared neighbour means, by its label (the kind shown to the planner, in Chinese).
_KIND_OF_LABEL = {"District": "同一地点", "Industry": "同一产业", "Program": "同一计划", "Event": "同一活动",
                  "Institution": "同一机构", "Company": "同一企业", "Project": "同一项目"}
#: Kinds from the report's own structure, by the kind of section both are named in.
_KIND_OF_SECTION = {"part": "同一部分", "chapter": "同一章节", "lead": "同一段落", "paragraph": "同一段落"}
#: Strongest first: one sentence, one paragraph, a place/industry/programme, then the outline.
ORDER = ("同一句", "同一段落", "同一地点", "同一产业", "同一计划", "同一活动", "同一机构", "同一企业", "同一项目",
         "同一章节", "同一部分")
#: Typed links through which a shared neighbour counts (co-mentions are covered by the sentence kinds).
_TYPES = tuple(t for t in schema.ENTITY_REL_TYPES if t != "RELATED_TO")

_MENTIONS = (
    "MATCH (e:%s {key: $key})-[m:%s]->(s:%s) WHERE $label IN labels(e) "
    "OPTIONAL MATCH (s)-[:%s*1..4]->(up:%s) "
    "RETURN m.doc AS doc, m.sentence AS sentence, s.key AS section, s.kind AS kind, s.number AS number, "
    "s.title AS title, collect({key: up.key, kind: up.kind, level: up.level, number: up.number, title: up.title}) AS ups"
) % (schema.ENTITY, schema.rel_type("MENTIONED_IN"), schema.SECTION, schema.rel_type("IN_SECTION"), schema.SECTION)

_NEIGHBOURS = (
    "MATCH (e:%s {key: $key})-[r]-(x:%s) WHERE $label IN labels(e) AND type(r) IN $types "
    "RETURN labels(x) AS labels, x.key AS key, x.name AS name, r.evidence AS evidence, r.doc AS doc"
) % (schema.ENTITY, schema.ENTITY)


@dataclass(frozen=True)
class Shared:
    """One thing two entities share, with the sentence for each."""

    kind: str  # one of ORDER
    via: str  # the shared thing: a place, an industry, a chapter's title, or the sentence itself
    a_evidence: str
    b_evidence: str
    doc: str | None


def _title(number: str | None, title: str | None) -> str:
    return " ".join(x for x in (number, title) if x) or "（无标题）"


def _mentions(store: GraphStore, m: Match) -> list[dict[str, Any]]:
    return store.query(_MENTIONS, {"key": m.key, "label": m.label})


def _by_outline(a_rows: list[dict[str, Any]], b_rows: list[dict[str, Any]]) -> list[Shared]:
    out: list[Shared] = []
    for ra in a_rows:
        for rb in b_rows:
            if ra["doc"] != rb["doc"]:
                continue
            if ra["sentence"] and ra["sentence"] == rb["sentence"]:
                out.append(Shared("同一句", ra["sentence"], ra["sentence"], rb["sentence"], ra["doc"]))
                continue
            if ra["section"] == rb["section"]:
                kind = _KIND_OF_SECTION.get(ra["kind"] or "", "同一段落")
                out.append(Shared(kind, _title(ra["number"], ra["title"]), ra["sentence"], rb["sentence"], ra["doc"]))
                continue
            ups_b = {u["key"]: u for u in rb["ups"] if u.get("key")}
            nearest_first = sorted((u for u in ra["ups"] if u.get("key")), key=lambda u: -(u.get("level") or 0))
            for up in nearest_first:
                if up.get("key") in ups_b:
                    kind = _KIND_OF_SECTION.get(up.get("kind") or "", "同一部分")
                    out.append(Shared(kind, _title(up.get("number"), up.get("title")), ra["sentence"],
                                      rb["sentence"], ra["doc"]))
                    break
    return out


def _by_neighbours(store: GraphStore, a: Match, b: Match) -> list[Shared]:
    def rows(m: Match) -> list[dict[str, Any]]:
        return store.query(_NEIGHBOURS, {"key": m.key, "label": m.label, "types": list(_TYPES)})

    b_rows: dict[str, list[dict[str, Any]]] = {}
    for r in rows(b):
        b_rows.setdefault(r["key"], []).append(r)
    out: list[Shared] = []
    for ra in rows(a):
        for rb in b_rows.get(ra["key"], []):
            if ra["key"] in (a.key, b.key):
                continue
            kind = _KIND_OF_LABEL.get(schema.primary_label(ra["labels"]), "同一项目")
            out.append(Shared(kind, ra["name"], ra["evidence"] or "", rb["evidence"] or "", ra["doc"] or rb["doc"]))
    return out


def shared_context(store: GraphStore, a: str, b: str, *, limit: int = 10,
                   resolved: tuple[list[Match], list[Match]] | None = None) -> list[Shared]:
    """What the entities named ``a`` and ``b`` share, strongest first, one row per shared thing (aliases count).

    ``resolved`` gives the nodes the names resolve to when the caller has them already."""
    matches_a, matches_b = resolved if resolved is not None else (resolve(store, a), resolve(store, b))
    found: list[Shared] = []
    for ma in matches_a:
        for mb in matches_b:
            if (ma.label, ma.key) == (mb.label, mb.key):
                continue
            found += _by_outline(_mentions(store, ma), _mentions(store, mb))
            found += _by_neighbours(store, ma, mb)
    best: dict[tuple[str, str], Shared] = {}
    for s in sorted(found, key=lambda s: (ORDER.index(s.kind), s.doc or "", s.via)):
        best.setdefault((s.kind, s.via), s)  # one row per shared thing, whichever sentences
    return list(best.values())[:limit]


def shared_rows(a: str, b: str, found: Iterable[Shared]) -> list[dict[str, Any]]:
    """Rows in the shape of :func:`qdkg.graph.paths.connection_rows`, path ``共同点``, with both sentences."""
    return [
        {"path": "共同点", "hop": i, "source": a, "relation": s.kind, "target": b, "evidence": s.a_evidence,
         "document": s.doc, "via": s.via, "evidence_b": s.b_evidence}
        for i, s in enumerate(found, 1)
    ]
