"""Parallel loading on Dask gives the same graph as a sequential load: on a real local Dask cluster reached by
its scheduler address (as a cluster would be), and on the default local cluster of worker processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE_REPORT

from qdkg.errors import QdkgError
from qdkg.graph.falkor_store import FalkorStore
from qdkg.loaders.parallel import ParallelExtractor, dask_client, extract_in_order, load_in_parallel
from qdkg.loaders.pipeline import extract_batch
from qdkg.loaders.reading import read_document
from qdkg.loaders.report_loader import load_paths

pytest.importorskip("distributed")


def _variant(text: str, i: int) -> str:
    """A report of its own: a few place and project characters changed, so entities differ between files."""
    return text.translate({ord("山"): "川林江"[i % 3], ord("港"): "浦洲湾"[i % 3]}) if i else text


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    text = SAMPLE_REPORT.read_text(encoding="utf-8")
    for i in range(4):
        (folder / f"report-{i}.txt").write_text(_variant(text, i)[: 6000 + 1500 * i], encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"")  # fails on its own, in its place
    return folder


@pytest.fixture(scope="module")
def local_cluster() -> Iterator[str]:
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address="127.0.0.1:0")
    yield cluster.scheduler_address
    cluster.close()


def dump(store: FalkorStore) -> tuple[list[tuple[str, str, int]], list[tuple[str, int]]]:
    """Sorted node keys by label with counts, and relationship counts by type: the graph, order aside."""
    nodes = store.query("MATCH (n) RETURN labels(n)[0] AS label, coalesce(n.key, '') AS key, count(*) AS n")
    rels = store.query("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")
    return (sorted((r["label"], r["key"], r["n"]) for r in nodes), sorted((r["type"], r["n"]) for r in rels))


def outcomes(summary) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(o.path.name, o.status) for o in summary.files]


@pytest.fixture(scope="module")
def sequential(server, corpus: Path) -> Iterator[tuple[FalkorStore, list[tuple[str, str]]]]:  # type: ignore[no-untyped-def]
    store = FalkorStore(host="127.0.0.1", port=server.port, password=server.password, graph="t_parallel_seq")
    store.clear()
    summary = load_paths(store, [corpus])
    yield store, outcomes(summary)
    store.clear()
    store.close()


def test_parallel_load_on_a_cluster_address_equals_sequential(store: FalkorStore, corpus: Path, sequential,  # type: ignore[no-untyped-def]
                                                             local_cluster: str) -> None:
    seq_store, seq_outcomes = sequential
    summary = load_in_parallel(store, [corpus], scheduler=local_cluster)
    assert outcomes(summary) == seq_outcomes
    assert [s for _, s in seq_outcomes].count("loaded") == 4 and ("broken.txt", "failed") in seq_outcomes
    graph = dump(store)
    assert graph == dump(seq_store) and len(graph[0]) > 500
    again = load_in_parallel(store, [corpus], scheduler=local_cluster)  # nothing to extract: all unchanged
    assert [s for _, s in outcomes(again)].count("unchanged") == 4
    assert dump(store) == graph


def test_parallel_load_on_the_default_local_cluster_equals_sequential(store: FalkorStore, corpus: Path,  # type: ignore[no-untyped-def]
                                                                      sequential, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QDKG_SCHEDULER", raising=False)
    seq_store, seq_outcomes = sequential
    progress: list[str] = []
    summary = load_in_parallel(store, [corpus], workers=2, progress=lambda o: progress.append(o.path.name))
    assert outcomes(summary) == seq_outcomes
    assert progress == [name for name, _ in seq_outcomes]  # every file reported once, in input order
    assert dump(store) == dump(seq_store)


def test_batches_come_back_in_input_order_and_equal_local_extraction(corpus: Path, local_cluster: str) -> None:
    docs = [read_document(p) for p in sorted(corpus.glob("report-*.txt"))]
    with dask_client(local_cluster) as client:
        batches = list(extract_in_order(docs, client, ahead=2))
        extractor = ParallelExtractor(client, ahead=2)
        extractor.submit(docs)
        skipped_first = extractor(docs[2])  # docs 0 and 1 were never asked for: dropped, not waited on
        extractor.close()
    assert [b.document.key for b in batches] == [d.key for d in docs]
    assert batches == [extract_batch(d) for d in docs]
    assert skipped_first == batches[2]


def test_an_unreachable_scheduler_is_one_clear_error() -> None:
    with pytest.raises(QdkgError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        with dask_client("tcp://127.0.0.1:9"):
            pass


def test_qdkg_load_on_a_scheduler_loads_what_a_sequential_load_does(run_cli, store: FalkorStore, corpus: Path,  # type: ignore[no-untyped-def]
                                                                    sequential, local_cluster: str) -> None:
    seq_store, _ = sequential
    result = run_cli("load", "--scheduler", local_cluster, str(corpus))
    assert result.exit_code == 1  # broken.txt fails on its own; the four reports load
    assert "broken.txt" in result.stderr
    assert dump(store) == dump(seq_store)


def _pipeline_was_built_here() -> bool:
    """On a worker: whether the extraction pipeline was already in memory before any extraction ran there."""
    from qdkg.loaders.nlp import get_nlp

    return get_nlp.cache_info().currsize == 1


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="workers are forked on Linux only")
def test_local_workers_start_with_this_process_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QDKG_SCHEDULER", raising=False)
    with dask_client(workers=2) as client:
        inherited = client.run(_pipeline_was_built_here)
    assert len(inherited) == 2 and all(inherited.values())  # forked after the warm-up, not rebuilt (~3 s each)
