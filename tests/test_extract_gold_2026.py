"""Extraction on independently annotated 2026 provincial excerpts: floors under the measured scores.

The seven tuned-on excerpts and the three kept aside are scored apart; the kept-aside score is the
estimate for reports no one has read. The team's seven excerpts (gold_team_2026) are scored the same way, five
tuned on and two kept aside; gold_team_2 (district reports and review sections) six and one; gold_team_3 (review sections) all tuned. Floors sit just under the last measured figures (closing note of
issue 8), so a change that loses ground fails here.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from qdkg.loaders.model import Document
from qdkg.loaders.pipeline import batch_rows, extract_batch
from qdkg.loaders.reading import content_hash

GOLD = Path(__file__).resolve().parent / "data" / "gold_dev_2026"
#: Seven more excerpts the team annotated before any extractor output was seen (its README says how).
TEAM_GOLD = Path(__file__).resolve().parent / "data" / "gold_team_2026"
#: District reports and review sections, annotated the same way (its README): the genres the extractor knows least.
DISTRICT_GOLD = Path(__file__).resolve().parent / "data" / "gold_team_2"
#: Review sections and two more district excerpts, all tuned on (its README).
REVIEW_GOLD = Path(__file__).resolve().parent / "data" / "gold_team_3"
sys.path.insert(0, str(Path(__file__).resolve().parent / "scorer_2026"))
import score_corpus  # noqa: E402

KEPT_ASIDE = ("guizhou-2026-1.txt", "henan-2026-1.txt", "xizang-2026-1.txt")
TEAM_KEPT_ASIDE = ("beijing-2026-1.txt", "liaoning-2026-1.txt")
DISTRICT_KEPT_ASIDE = ("hailar-2015-1.txt",)


def _score(gold: Path) -> dict[str, Any]:
    ents: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rels: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for path in sorted((gold / "texts").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = Document(key=path.stem, title=path.stem, source=path.name, content_hash=content_hash(text), text=text)
        for row in batch_rows(extract_batch(doc)):
            row["file"] = path.name
            (rels if row["kind"] == "relation" else ents)[path.name].append(row)
    return score_corpus.score(str(gold), ents, rels)


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    return _score(GOLD)


@pytest.fixture(scope="module")
def team_scores() -> dict[str, Any]:
    return _score(TEAM_GOLD)


def _f1(files: list[dict[str, Any]], key: str, keep: Any) -> float:
    tp_pred = sum(f[key]["tp_pred"] for f in files if keep(f["file"]))
    pred = sum(f[key]["pred"] for f in files if keep(f["file"]))
    tp_gold = sum(f[key]["tp_gold"] for f in files if keep(f["file"]))
    gold = sum(f[key]["gold"] for f in files if keep(f["file"]))
    p = tp_pred / pred if pred else 0.0
    r = tp_gold / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def test_tuned_excerpts_keep_their_scores(scores: dict[str, Any]) -> None:
    def tuned(name: str) -> bool:
        return name not in KEPT_ASIDE

    assert _f1(scores["files"], "core", tuned) >= TUNED_CORE
    assert _f1(scores["files"], "relations", tuned) >= TUNED_RELATIONS


def test_kept_aside_excerpts_keep_their_scores(scores: dict[str, Any]) -> None:
    def aside(name: str) -> bool:
        return name in KEPT_ASIDE

    assert _f1(scores["files"], "core", aside) >= ASIDE_CORE
    assert _f1(scores["files"], "relations", aside) >= ASIDE_RELATIONS


def test_team_excerpts_keep_their_scores(team_scores: dict[str, Any]) -> None:
    def tuned(name: str) -> bool:
        return name not in TEAM_KEPT_ASIDE

    def aside(name: str) -> bool:
        return name in TEAM_KEPT_ASIDE

    assert _f1(team_scores["files"], "core", tuned) >= TEAM_TUNED_CORE
    assert _f1(team_scores["files"], "relations", tuned) >= TEAM_TUNED_RELATIONS
    assert _f1(team_scores["files"], "core", aside) >= TEAM_ASIDE_CORE
    assert _f1(team_scores["files"], "relations", aside) >= TEAM_ASIDE_RELATIONS


def test_district_and_review_excerpts_keep_their_scores() -> None:
    files = _score(DISTRICT_GOLD)["files"]

    def tuned(name: str) -> bool:
        return name not in DISTRICT_KEPT_ASIDE

    def aside(name: str) -> bool:
        return name in DISTRICT_KEPT_ASIDE

    assert _f1(files, "core", tuned) >= DISTRICT_TUNED_CORE
    assert _f1(files, "relations", tuned) >= DISTRICT_TUNED_RELATIONS
    assert _f1(files, "core", aside) >= DISTRICT_ASIDE_CORE
    assert _f1(files, "relations", aside) >= DISTRICT_ASIDE_RELATIONS


def test_review_excerpts_keep_their_scores() -> None:
    files = _score(REVIEW_GOLD)["files"]
    assert _f1(files, "core", lambda _: True) >= REVIEW_CORE
    assert _f1(files, "relations", lambda _: True) >= REVIEW_RELATIONS


# Measured 2026-11-29, session 12 (see the closing note of issue 8); floors a little under the figures.
TUNED_CORE, TUNED_RELATIONS = 0.815, 0.75  # measured 0.825, 0.758 (first run 0.560, 0.238; session 12 0.819, 0.754)
ASIDE_CORE, ASIDE_RELATIONS = 0.75, 0.48  # measured 0.763, 0.491 (first run 0.613, 0.304; session 12 0.756, 0.491)
# The team's excerpts: first run (the code of session 10's start) 0.646, 0.290 tuned and 0.678, 0.466 kept aside.
TEAM_TUNED_CORE, TEAM_TUNED_RELATIONS = 0.77, 0.62  # measured 0.781, 0.634 (session 12: 0.756, 0.615)
TEAM_ASIDE_CORE, TEAM_ASIDE_RELATIONS = 0.66, 0.475  # measured 0.677, 0.489 (session 12: 0.673, 0.489)
# District and review excerpts (session 11): first run 0.539, 0.193 tuned and 0.318, 0.146 kept aside.
DISTRICT_TUNED_CORE, DISTRICT_TUNED_RELATIONS = 0.675, 0.39  # measured here 0.686, 0.403 (session 12: 0.663, 0.341)
DISTRICT_ASIDE_CORE, DISTRICT_ASIDE_RELATIONS = 0.41, 0.19  # measured here 0.425, 0.208 (session 12: 0.413, 0.163)
# Review excerpts (session 11): first run 0.595, 0.377 (score_corpus).
REVIEW_CORE, REVIEW_RELATIONS = 0.66, 0.485  # measured here 0.671, 0.496 (session 12: 0.670, 0.481)
