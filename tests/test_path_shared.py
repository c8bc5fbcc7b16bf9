"""What two entities share when no typed link joins them: sentence, paragraph, chapter, part, place, industry."""

from __future__ import annotations

from test_queries import load_mini

from qdkg.graph.common_ground import shared_context
from qdkg.graph.paths import explain


def test_shared_sentence_industry_chapter_and_part(store) -> None:  # type: ignore[no-untyped-def]
    mini = load_mini(store)
    found = shared_context(mini, "三峡深远海海上风电", "即墨女岛绿色能源装备产业园")
    kinds = [(s.kind, s.via) for s in found]
    assert kinds[0][0] == "同一句" and ("同一产业", "绿色能源") in kinds
    industry = next(s for s in found if s.kind == "同一产业")
    assert "三峡深远海海上风电" in industry.a_evidence and "即墨女岛绿色能源装备产业园" in industry.b_evidence
    (chapter,) = shared_context(mini, "崂山实验室", "三峡")
    assert (chapter.kind, chapter.via) == ("同一章节", "(二) 培育新兴产业")
    assert "崂山实验室" in chapter.a_evidence and "三峡" in chapter.b_evidence
    (part,) = shared_context(mini, "万邦矿石码头", "三峡")
    assert (part.kind, part.via) == ("同一部分", "三 2025年重点工作安排")


def test_explain_gives_typed_paths_and_shared_things(store) -> None:  # type: ignore[no-untyped-def]
    mini = load_mini(store)
    typed = explain(mini, "三峡", "绿色能源")
    assert typed.typed and typed.shared == []  # a typed link: the path is the answer
    loose = explain(mini, "崂山实验室", "上合示范区")  # joined by a co-mention only: what they share too
    assert not loose.typed and loose.connections and loose.shared[0].kind == "同一句"


def test_readme_example_answers_on_the_sample(sample_store) -> None:
    found = explain(sample_store, "崂山实验室", "上合示范区")
    assert found.shared and all(s.a_evidence and s.b_evidence for s in found.shared)
    assert "崂山实验室" in found.shared[0].a_evidence and "上合示范区" in found.shared[0].b_evidence
