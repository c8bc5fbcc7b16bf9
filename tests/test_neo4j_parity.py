"""Parity: the sample report loaded into the embedded store and into a real Neo4j 5 is the same graph, and
every query pack returns the same rows on both, with its defaults and with its example parameters.

Rows are compared order aside (ORDER BY ties and unordered queries differ between the stores), and lists
inside a row as multisets: ``collect()`` gives no order on either store, and they differ in practice.
Whole numbers compare equal whether a store returns them as int or float.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j_server import load_sample, snapshot

from qdkg.graph.falkor_store import FalkorStore
from qdkg.graph.neo4j_store import Neo4jStore
from qdkg.graph.stats import graph_counts
from qdkg.queries.pack import Pack, load_packs
from qdkg.queries.runner import run_pack

PACKS = load_packs()


@pytest.fixture(scope="module")
def neo4j_sample(neo4j_server) -> Iterator[Neo4jStore]:  # type: ignore[no-untyped-def]
    writer = Neo4jStore(neo4j_server.uri, password=neo4j_server.password)
    load_sample(writer)
    writer.close()
    reader = Neo4jStore(neo4j_server.uri, password=neo4j_server.password, read_only=True)
    yield reader
    reader.close()


def canonical(value: Any) -> Any:
    """A value as both stores should agree on it: whole floats as ints, lists as sorted multisets."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 9)
    if isinstance(value, int):
        return value
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def rows_key(rows: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(canonical(r), ensure_ascii=False, sort_keys=True) for r in rows)


def variants(pack: Pack) -> list[tuple[str, dict[str, str]]]:
    """The pack with its defaults, and with every parameter at its example value."""
    out: list[tuple[str, dict[str, str]]] = [("defaults", {})]
    if pack.params:
        out.append(("examples", {p.name: p.example for p in pack.params}))
    return out


CASES = [pytest.param(pack_id, params, id=f"{pack_id}-{kind}")
         for pack_id, pack in PACKS.items() for kind, params in variants(pack)]


def test_every_pack_is_covered() -> None:
    covered = {c.values[0] for c in CASES}
    assert covered == set(PACKS) and len(PACKS) >= 20


def test_same_counts_per_label_and_type(sample_store: FalkorStore, neo4j_sample: Neo4jStore) -> None:
    embedded, neo = graph_counts(sample_store), graph_counts(neo4j_sample)
    assert embedded == neo
    by_name = {r["name"]: r["count"] for r in neo}
    assert by_name["Project"] > 30 and by_name["MENTIONED_IN"] > 100 and by_name["Document"] == 1


def test_same_graph_node_for_node(sample_store: FalkorStore, neo4j_sample: Neo4jStore) -> None:
    """Stronger than counts: every node's labels and properties (types included: lists, ints, floats) and every
    relationship's ends and properties are the same."""
    nodes, edges = snapshot(neo4j_sample)
    assert (nodes, edges) == snapshot(sample_store)
    assert len(nodes) > 300 and len(edges) > 1000


@pytest.mark.parametrize(("pack_id", "params"), CASES)
def test_pack_returns_the_same_rows(pack_id: str, params: dict[str, str], sample_store: FalkorStore,
                                    neo4j_sample: Neo4jStore) -> None:
    pack = PACKS[pack_id]
    embedded = run_pack(sample_store, pack, params)
    neo = run_pack(neo4j_sample, pack, params)
    assert neo.params == embedded.params  # names resolved alike (aliases, did-you-mean) before the query ran
    assert rows_key(neo.rows) == rows_key(embedded.rows)
    if neo.rows:
        assert list(neo.rows[0]) == list(embedded.rows[0])  # same columns in the same order


def test_most_packs_have_rows_to_compare(sample_store: FalkorStore, neo4j_sample: Neo4jStore) -> None:
    """Parity over empty results would prove little: nearly every pack returns rows on the sample."""
    empty = [c.id for c in CASES if not run_pack(neo4j_sample, PACKS[c.values[0]], c.values[1]).rows]
    assert len(empty) <= len(CASES) // 5, empty
