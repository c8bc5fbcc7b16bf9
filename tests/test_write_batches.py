"""A report's facts go to the store in a few transactions (``GraphStore.write_batch``), not a statement at a time."""

from __future__ import annotations

import pytest
from conftest import TEST_DATA

from qdkg.errors import QdkgError
from qdkg.graph.writer import batch_statements, transactions, write_batch
from qdkg.loaders.pipeline import extract_batch
from qdkg.loaders.reading import read_document


def test_statements_are_grouped_in_order_by_rows() -> None:
    statements = [("a", {"rows": [1] * 3}), ("b", {"rows": []}), ("c", {"rows": [1] * 4}), ("d", {"doc": "x"}),
                  ("e", {"rows": [1] * 9}), ("f", {"rows": [1]})]
    assert transactions(statements, rows=8) == [[0, 2, 3], [4], [5]]  # b has nothing to write; e is alone
    batch = extract_batch(read_document(TEST_DATA / "changes" / "laoshan-2024.txt"))
    statements = batch_statements(batch)
    groups = transactions(statements)
    assert len(groups) == 1 and len(statements) > 10  # a report of a few pages: one transaction
    assert [i for g in groups for i in g] == [i for i, (_, p) in enumerate(statements) if p.get("rows") != []]


def test_write_batch_runs_statements_in_order_and_sums_counts(store) -> None:  # type: ignore[no-untyped-def]
    counts = store.write_batch([
        ("CREATE (:Document {key: $k})", {"k": "a"}),
        ("MATCH (d:Document {key: $k}) CREATE (:Section {key: 's', doc: $k})-[:IN_DOCUMENT]->(d)", {"k": "a"}),
        ("MATCH (s:Section {key: 's'}) SET s.title = $t", {"t": "一、总体要求"}),
    ])
    assert (counts.nodes_created, counts.relationships_created, counts.properties_set) == (2, 1, 4)
    assert store.query("MATCH (s:Section)-[:IN_DOCUMENT]->(d:Document) RETURN s.title AS t, d.key AS k") == [
        {"t": "一、总体要求", "k": "a"}]
    with pytest.raises(QdkgError):
        store.write_batch([("CREATE (:Document {key: 'b'})", {}), ("MATCH (n) RETURN nonsense(n)", {})])


def test_progress_is_reported_for_every_statement_written(store) -> None:  # type: ignore[no-untyped-def]
    batch = extract_batch(read_document(TEST_DATA / "changes" / "laoshan-2024.txt"))
    seen: list[tuple[int, int]] = []
    write_batch(store, batch, on_statement=lambda i, n: seen.append((i, n)))
    statements = batch_statements(batch)
    assert seen and seen[-1][1] == len(statements) and [i for i, _ in seen] == sorted(i for i, _ in seen)
    assert len(seen) == sum(1 for _, p in statements if p.get("rows") != [])
