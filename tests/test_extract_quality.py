"""Extraction quality on the annotated sample, scored with a copy of the shared scorer's rules."""

from __future__ import annotations

import extraction_scoring as sc
from conftest import SAMPLE_REPORT, TEST_DATA

from qdkg.loaders.pipeline import batch_rows, extract_batch
from qdkg.loaders.reading import read_document

GOLD = TEST_DATA / "gold"


def test_core_entities_and_relations_reach_the_targets() -> None:
    rows = batch_rows(extract_batch(read_document(SAMPLE_REPORT)))
    gold = sc.load_gold(GOLD / "seed-entities.csv")
    _, _, f_core = sc.score_core(gold, [r for r in rows if r["kind"] == "entity"])
    _, _, f_rel = sc.score_relations(GOLD / "seed-relations.csv", gold, [r for r in rows if r["kind"] == "relation"])
    assert f_core >= 0.90, f_core
    assert f_rel >= 0.75, f_rel
