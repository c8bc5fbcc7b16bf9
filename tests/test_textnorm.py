"""Compatibility forms and traditional characters are mapped for extraction; the stored text stays as written."""

from __future__ import annotations

import hashlib

import opencc

from qdkg.loaders.model import Document, GraphBatch
from qdkg.loaders.pipeline import extract_batch
from qdkg.loaders.textnorm import for_extraction, map_compatibility, to_simplified

SIMPLIFIED = ("2025年青岛市政府工作报告。加快建设官路水库，推进董家口港区万邦矿石码头建设，"
              "支持海信、青岛啤酒做大做强，发展集成电路产业。崂山实验室建设取得新进展。")


def _doc(text: str) -> Document:
    return Document(key="r", title="政府工作报告", source="r.txt",
                    content_hash=hashlib.sha256(text.encode()).hexdigest(), text=text, city="青岛", year=2025)


def _facts(batch: GraphBatch) -> set[tuple[str, str]]:
    return {(e.label, e.name) for e in batch.entities}


def test_kangxi_radicals_map_to_ideographs_one_for_one() -> None:
    assert map_compatibility("⼯业⽣产，加快建设") == "工业生产，加快建设"
    assert map_compatibility("（一）１２％") == "（一）１２％"  # full-width forms are read by the rules: left alone


def test_traditional_text_is_simplified_one_for_one() -> None:
    traditional = opencc.OpenCC("s2t").convert(SIMPLIFIED)
    assert traditional != SIMPLIFIED
    assert to_simplified(traditional) == SIMPLIFIED
    assert len(for_extraction(traditional)) == len(traditional)
    assert for_extraction(SIMPLIFIED) == SIMPLIFIED


def test_same_facts_from_kangxi_and_traditional_copies() -> None:
    plain = extract_batch(_doc(SIMPLIFIED))
    kangxi_text = SIMPLIFIED.replace("工", "⼯").replace("生", "⽣")
    traditional = opencc.OpenCC("s2t").convert(SIMPLIFIED)
    assert ("Project", "官路水库") in _facts(plain)
    for variant in (kangxi_text, traditional):
        batch = extract_batch(_doc(variant))
        assert _facts(batch) == _facts(plain)
        assert batch.document.text == variant  # stored as written
        for m in batch.mentions:  # provenance quotes the text as written, at the same offsets
            assert m.text == variant[m.start : m.end]
            assert m.sentence in variant
