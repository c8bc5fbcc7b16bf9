"""Programs: coordinated verbs stay out of names, and a known place or industry is never a program of its own name."""

from __future__ import annotations

import pytest
from conftest import SAMPLE_REPORT

from qdkg.loaders.extract.names import left_boundary
from qdkg.loaders.gazetteer import load_gazetteer
from qdkg.loaders.model import Document, GraphBatch
from qdkg.loaders.pipeline import extract_batch
from qdkg.loaders.reading import read_document


def _batch(text: str) -> GraphBatch:
    return extract_batch(Document(key="t", title="t", source="t.txt", content_hash="0", text=text))


def _ents(batch: GraphBatch) -> set[tuple[str, str]]:
    return {(e.label, e.name) for e in batch.entities}


@pytest.fixture(scope="module")
def sample() -> GraphBatch:
    return extract_batch(read_document(SAMPLE_REPORT))


def test_the_last_of_coordinated_verbs_is_dropped_from_a_name() -> None:
    text = "做实、做好、做美、做响上合示范区。"
    pos = text.index("示范区")
    assert text[left_boundary(text, 0, pos, load_gazetteer()) : pos] == "上合"


@pytest.mark.parametrize("text", ["实施创新、协调、绿色发展战略。", "推动、支持、建设董家口港区。"])
def test_lists_that_are_not_coordinated_verbs_keep_their_names(text: str) -> None:
    ents = _ents(_batch(text))
    assert ("Program", "绿色发展战略") in ents or ("District", "董家口港区") in ents


def test_coordinated_verbs_and_a_known_place_give_no_program() -> None:
    ents = _ents(_batch("深入实施上合示范区综合改革,做实、做好、做美、做响上合示范区。"))
    assert ("District", "上合示范区") in ents
    assert ("Program", "上合示范区综合改革") in ents
    assert not any(label == "Program" and name in ("上合示范区", "做响上合示范区") for label, name in ents), ents


def test_a_quoted_known_industry_is_no_program() -> None:
    ents = _ents(_batch("聚焦“10+1”创新型产业体系。"))
    assert ("Program", "10+1") not in ents


def test_sample_has_no_program_named_as_a_place(sample: GraphBatch) -> None:
    gaz = load_gazetteer()
    programs = {e.name for e in sample.entities if e.label == "Program"}
    assert not {p for p in programs if (gaz.lookup(p) is not None)}
    assert not {p for p in programs if p.startswith(("做响", "做美"))}
