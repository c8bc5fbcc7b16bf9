"""Small helpers shared by the benchmarks: timing medians and a throw-away embedded store."""

from __future__ import annotations

import dataclasses
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def median_time(fn: Callable[[], Any], *, repeat: int = 5, warmup: int = 1) -> float:
    """Median wall time of ``fn`` in seconds."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def alias_entries(store: Any) -> int:
    """Entries of the alias index (graph/aliases.py): one node per alias, not a fact of the graph."""
    from qdkg.graph import schema

    return int(store.query("MATCH (x:%s) RETURN count(x) AS n" % schema.label(schema.ALIAS))[0]["n"])


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from /proc."""
    import os

    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def temp_store(graph: str = "bench") -> Iterator[Any]:
    """A fresh embedded server in a temporary directory, stopped afterwards (its pid in ``store.server_pid``)."""
    from qdkg.graph.embedded import EmbeddedServer
    from qdkg.graph.falkor_store import FalkorStore

    with tempfile.TemporaryDirectory(prefix="qdkg-bench-") as home:
        server = EmbeddedServer(Path(home))
        info = server.ensure_running()
        store = FalkorStore(host="127.0.0.1", port=info.port, password=info.password, graph=graph)
        store.server_pid = info.pid  # type: ignore[attr-defined]  # for cpu_seconds
        try:
            yield store
        finally:
            store.close()
            server.stop()


def md_table(rows: list[dict[str, Any]]) -> str:
    cols = list(rows[0]) if rows else []
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join(" --- " for _ in cols) + "|"]
    lines += ["| " + " | ".join(str(r[c]) for c in cols) + " |" for r in rows]
    return "\n".join(lines)


# --- corpora: the sample's variants, extracted once per run, and renamed copies of them -------------------------

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "qingdao-2025-work-report-part.txt"
#: Distinct extracted variants behind the large graphs: copy ``i`` of report ``n`` is variant ``n % VARIANTS``.
VARIANTS = 20

# Characters common in place and project names, and what each variant turns them into.
_NAME_CHARS = "山水海港湾岛河东西南黄胶崂董即平莱城阳李沧官路潍宿"
_ROTATE = "川林江津浦洲溪春秋安宁兴华泰丰康福瑞祥和德顺远鸿昌盛嘉裕隆"


def perturb(text: str, i: int) -> str:
    """Variant ``i`` of the sample: each name character replaced by a variant-specific one."""
    table = {ord(c): _ROTATE[(j + i) % len(_ROTATE)] for j, c in enumerate(_NAME_CHARS) if (i >> (j % 7)) & 1}
    return text.translate(table)


def write_corpus(folder: Path, n: int) -> int:
    """``n`` report files in ``folder``: the first VARIANTS are perturbed variants, the rest repeat them with a
    closing line of their own (distinct texts, so none is refused as a copy). Returns the bytes written."""
    text = SAMPLE.read_text(encoding="utf-8")
    total = 0
    for i in range(n):
        body = perturb(text, i % VARIANTS) + (f"\n本报告第{i}号。\n" if i >= VARIANTS else "")
        path = folder / f"report-{i:04d}.txt"
        path.write_text(body, encoding="utf-8")
        total += path.stat().st_size
    return total


_VARIANT_BATCHES: list[Any] = []


def variant_batches() -> list[Any]:
    """The VARIANTS perturbed variants of the sample, extracted once per benchmark run."""
    if not _VARIANT_BATCHES:
        from qdkg.loaders.pipeline import extract_batch
        from qdkg.loaders.reading import read_document

        with tempfile.TemporaryDirectory(prefix="qdkg-variants-") as tmp:
            write_corpus(Path(tmp), VARIANTS)
            _VARIANT_BATCHES.extend(extract_batch(read_document(p)) for p in sorted(Path(tmp).iterdir()))
    return _VARIANT_BATCHES


def renamed(batch: Any, copy: int, *, document: Any = None) -> Any:
    """A disjoint copy of a GraphBatch: every entity name gets the suffix ``·copy``, and the document (given, or
    the batch's own under ``KEY-copyN``) owns the sections and targets. Copy 0 without a document is the batch."""
    from qdkg.loaders.model import Entity, Ref

    if copy == 0 and document is None:
        return batch
    old = batch.document
    suffix = f"·{copy}" if copy else ""
    doc = document or dataclasses.replace(old, key=f"{old.key}-copy{copy}", content_hash=f"{old.content_hash}-{copy}",
                                          text=f"{old.text}\n本报告第{copy}号副本。")  # not refused as a copy
    # Each copy is another city's report (its city renamed like its places): a real corpus has at most ~20 reports
    # per place, and the writer looks up what a report could join among the nodes reported for its place.
    doc = dataclasses.replace(doc, city=(old.city + suffix) if old.city else old.city)
    key = doc.key

    def sec(k: str | None) -> str | None:
        return None if k is None else key + k[len(old.key):] if k.startswith(old.key) else k

    ents = {e.ref: dataclasses.replace(e, name=e.name + suffix, aliases={a + suffix for a in e.aliases})
            for e in batch.entities}
    assert all(isinstance(e, Entity) for e in ents.values())

    def ref(r: Any) -> Any:
        if r is None:
            return None
        if r in ents:
            return ents[r].ref
        return Ref(r.label, sec(r.key) or r.key)

    return dataclasses.replace(
        batch,
        document=doc,
        sections=[dataclasses.replace(s, key=sec(s.key), doc=key, parent=sec(s.parent)) for s in batch.sections],
        entities=list(ents.values()),
        mentions=[dataclasses.replace(m, entity=ref(m.entity), section=sec(m.section)) for m in batch.mentions],
        relations=[dataclasses.replace(r, source=ref(r.source), target=ref(r.target), section=sec(r.section))
                   for r in batch.relations],
        targets=[dataclasses.replace(t, key=sec(t.key), section=sec(t.section), owner=ref(t.owner))
                 for t in batch.targets],
        stages={ref(r): s for r, s in batch.stages.items()},
    )


def corpus_batch(i: int) -> Any:
    """Report ``i`` of a large benchmark corpus: variant ``i % VARIANTS``, renamed copy ``i // VARIANTS``."""
    return renamed(variant_batches()[i % VARIANTS], i // VARIANTS)


def write_reports(store: Any, n: int) -> float:
    """Write reports 0..n-1 of the benchmark corpus straight through the writer; seconds taken."""
    from qdkg.graph.writer import write_batch

    t0 = time.perf_counter()
    for i in range(n):
        write_batch(store, corpus_batch(i))
    return time.perf_counter() - t0


def graph_size(store: Any) -> tuple[int, int]:
    """Nodes and relationships of the graph's facts (the alias index's entries, graph/aliases.py, left out)."""
    from qdkg.graph import schema

    nodes = store.query("MATCH (n) WHERE NOT n:%s RETURN count(n) AS n" % schema.label(schema.ALIAS))[0]["n"]
    rels = store.query("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return int(nodes), int(rels)


def machine_load() -> str:
    """The 1-minute load average against the core count: other people's work on a shared machine."""
    import os

    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


# --- Neo4j: one real server per benchmark run, where Java and Maven are available ------------------------------

_NEO4J: list[Any] = []


def neo4j_server() -> Any:
    """A real Neo4j 5 (tests/neo4j_server.py's launcher) started once per run and stopped at exit, or None
    with the reason when the tools are missing."""
    if _NEO4J:
        return _NEO4J[0]
    import atexit
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from neo4j_server import Neo4jServer, missing_tools  # type: ignore[import-not-found]

    reason = missing_tools()
    if reason:
        _NEO4J.append(None)
        return None
    home = Path(tempfile.mkdtemp(prefix="qdkg-bench-neo4j-"))
    server = Neo4jServer(home, heap="1500m").start()
    atexit.register(server.stop)
    _NEO4J.append(server)
    return server


@contextmanager
def temp_neo4j(database_note: str = "") -> Iterator[Any]:
    """A cleared Neo4j store on the run's server (None when Neo4j cannot run here)."""
    server = neo4j_server()
    if server is None:
        yield None
        return
    from qdkg.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(server.uri, password=server.password)
    store.clear()
    try:
        yield store
    finally:
        store.clear()
        store.close()


#: Per-report rates measured by one module for another in the same run (bench_scale reads them; when it runs
#: alone it measures smaller samples itself).
RATES: dict[str, float] = {}
