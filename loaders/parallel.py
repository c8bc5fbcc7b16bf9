"""Extraction of many reports at once on Dask: a local cluster of worker processes by default, any Dask
cluster given its scheduler address (``--scheduler tcp://host:8786`` or ``QDKG_SCHEDULER``).

Extraction is pure and CPU-bound (a :class:`Document` in, a :class:`GraphBatch` out) and takes most of a
load's time; writing needs the one store connection and must stay in order. So documents are submitted to
the workers ahead of the writer, and the writer takes each batch back in input order: writes stay ordered
and atomic per document, a failed extraction fails its own file only, and progress is reported file by file
as before. Workers build the extraction pipeline once each (from the on-disk cache, :mod:`qdkg.loaders.cache`);
on a cluster every worker needs qdkg installed.
"""

from __future__ import annotations

import itertools
import logging
import os
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qdkg.errors import QdkgError
from qdkg.loaders.model import Document, GraphBatch

if TYPE_CHECKING:
    from qdkg.loaders.report_loader import LoadSummary

#: Environment variable naming the Dask scheduler of a cluster (``tcp://host:8786``).
SCHEDULER_ENV = "QDKG_SCHEDULER"

#: A sentence that makes the extractor build everything it builds lazily (places, owners, lists, targets).
_WARM_UP = Document(key="warm-up", title="", source="", content_hash="",
                    text="推进济南至青岛铁路建设，支持潍柴动力等企业发展氢能产业，青岛港董家口港区吞吐量增长5%。")


def _extract(document: Document) -> GraphBatch:
    """What a worker runs: the default pipeline, built once per worker process."""
    from qdkg.loaders.pipeline import extract_batch

    return extract_batch(document)


@contextmanager
def _worker_start_method() -> Iterator[None]:
    """Local workers forked from this process once it holds the extraction pipeline, where fork is safe (Linux).

    A spawned worker imports spaCy and rebuilds the pipeline (about 3 s of CPU per worker, on cores the load
    needs); a forked one starts with this process's copy. Elsewhere Dask's default (spawn) stands.
    """
    import multiprocessing
    import sys

    import dask

    if not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods():
        yield
        return
    from qdkg.loaders.pipeline import extract_batch

    extract_batch(_WARM_UP)  # the pipeline and the word lists it builds on first use, before the fork
    with dask.config.set({"distributed.worker.multiprocessing-method": "fork"}):
        yield


@contextmanager
def dask_client(scheduler: str | None = None, *, workers: int | None = None) -> Iterator[Any]:
    """A Dask client: on the cluster at ``scheduler`` (or ``QDKG_SCHEDULER``), else on a local cluster of
    ``workers`` single-threaded processes (default: one per core), closed afterwards."""
    from distributed import Client, LocalCluster

    address = scheduler or os.environ.get(SCHEDULER_ENV) or None
    if address:
        try:
            client = Client(address, timeout="10s")
        except (OSError, TimeoutError) as e:
            raise QdkgError(f"cannot reach the Dask scheduler at {address} ({e}); check --scheduler or "
                            f"{SCHEDULER_ENV}, or leave both unset to use this machine's cores") from e
        try:
            yield client
        finally:
            client.close()
        return
    with _worker_start_method():
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address="127.0.0.1:0",  # no port 8787
                               silence_logs=logging.CRITICAL)  # no shutdown chatter
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


class ParallelExtractor:
    """An extractor (``Document -> GraphBatch``) whose documents go to Dask workers before they are asked for.

    :meth:`submit` takes documents (any iterable, read lazily) in the order they will be asked for; at
    most ``ahead`` run or wait on the cluster at a time, so a corpus of any size streams through in
    bounded memory. Calling the extractor with a document returns that document's batch, blocking until
    it is ready, and forgets the documents submitted before it that were never asked for (files refused
    on the way). A document that is not among those in flight is extracted here, in this process.
    """

    def __init__(self, client: Any, *, ahead: int | None = None) -> None:
        self.client = client
        threads = sum(client.nthreads().values()) or 1
        self.ahead = ahead or 2 * threads
        self._pending: Iterator[Document] = iter(())
        self._running: OrderedDict[tuple[str, str], Any] = OrderedDict()

    @staticmethod
    def _key(document: Document) -> tuple[str, str]:
        return document.key, document.content_hash

    def submit(self, documents: Iterable[Document]) -> None:
        self._pending = itertools.chain(self._pending, documents)
        self._top_up()

    def _top_up(self) -> None:
        while len(self._running) < self.ahead:
            document = next(self._pending, None)
            if document is None:
                return
            self._running[self._key(document)] = self.client.submit(_extract, document, pure=False)

    def __call__(self, document: Document) -> GraphBatch:
        key = self._key(document)
        if key not in self._running:
            return _extract(document)
        while next(iter(self._running)) != key:  # submitted before it and never asked for
            self._running.popitem(last=False)[1].cancel()
        future = self._running.pop(key)
        self._top_up()
        batch: GraphBatch = future.result()
        return batch

    def close(self) -> None:
        for future in self._running.values():
            future.cancel()
        self._running.clear()
        self._pending = iter(())


def documents_to_extract(store: Any, files: Iterable[Path], *, force: bool = False, **read: Any) -> Iterator[Document]:
    """The reports among ``files`` that a load will extract, read lazily in order: not project tables,
    not unreadable files (the load reports those), not reports already loaded unchanged (unless ``force``)."""
    from qdkg.graph import statements as st
    from qdkg.loaders.report_loader import read_input

    for path in files:
        try:
            doc = read_input(path, **read)
        except QdkgError:
            continue
        if isinstance(doc, GraphBatch):
            continue
        if not force:
            rows = store.query(*st.document_state(doc.key))
            if rows and rows[0].get("status") == "complete" and rows[0].get("hash") == doc.content_hash:
                continue
        yield doc


def extract_in_order(documents: Iterable[Document], client: Any, *, ahead: int | None = None) -> Iterator[GraphBatch]:
    """Each document's batch, extracted on the client's workers and yielded in input order."""
    docs = list(documents)
    extractor = ParallelExtractor(client, ahead=ahead)
    extractor.submit(docs)
    try:
        for document in docs:
            yield extractor(document)
    finally:
        extractor.close()


def load_in_parallel(store: Any, paths: Iterable[str | Path], *, scheduler: str | None = None,
                     workers: int | None = None, client: Any = None, **options: Any) -> LoadSummary:
    """:func:`~qdkg.loaders.report_loader.load_paths` with extraction on Dask: ``client`` if given, else the
    cluster at ``scheduler`` (or ``QDKG_SCHEDULER``), else a local cluster of ``workers`` processes.
    ``options`` are load_paths' own; the summary is the one a sequential load returns."""
    from qdkg.loaders.report_loader import collect_files, load_paths

    files, _, _ = collect_files(paths)
    read = {k: options[k] for k in ("city", "year", "encoding", "max_size") if options.get(k) is not None}
    with nullcontext(client) if client is not None else dask_client(scheduler, workers=workers) as c:
        extractor = ParallelExtractor(c)
        extractor.submit(documents_to_extract(store, files, force=bool(options.get("force")), **read))
        try:
            return load_paths(store, paths, extract=extractor, **options)
        finally:
            extractor.close()


__all__ = ["SCHEDULER_ENV", "ParallelExtractor", "dask_client", "documents_to_extract", "extract_in_order",
           "load_in_parallel"]
