"""Load time: the sample by stage; 10 and 100 reports through `load_paths`, one process against Dask workers;
and 10, 100 and 1,000 reports with extraction looked up, to see whether the rest of a load grows linearly.

The corpus is the sample's perturbed variants (place and project characters changed, so each report brings
entities of its own). Loading 1,000 reports for real means 1,000 extractions; instead the 1,000-report load
runs `load_paths` over 1,000 real files whose extraction is a lookup of 20 extracted variants renamed
(bench.util.corpus_batch), and the full time is that plus 1,000 times the per-report extraction measured
in the 100-report load.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.util import (
    RATES,
    SAMPLE,
    VARIANTS,
    alias_entries,
    cpu_seconds,
    graph_size,
    machine_load,
    md_table,
    perturb,
    renamed,
    temp_store,
    variant_batches,
    write_corpus,
)

SAMPLE_REPEAT = 3
LINEAR_SIZES = (10, 100, 1000)
REAL_SIZES = (10, 100)  # loaded for real; the parallel load runs at the larger


def _stages(store: Any, path: Path) -> dict[str, float]:
    from qdkg.graph.writer import write_batch
    from qdkg.loaders.pipeline import extract_batch
    from qdkg.loaders.reading import read_document

    t0 = time.perf_counter()
    doc = read_document(path)
    t1 = time.perf_counter()
    batch = extract_batch(doc)
    t2 = time.perf_counter()
    result = write_batch(store, batch)
    t3 = time.perf_counter()
    assert result.status == "loaded", result.status
    return {"read": t1 - t0, "extract": t2 - t1, "write": t3 - t2, "total": t3 - t0}


#: CPU seconds this process spent in :func:`_lookup_extractor`'s lookups (not part of a real load's cost).
LOOKUP_CPU: list[float] = [0.0]


def _lookup_extractor() -> Any:
    """Extraction as a lookup: file report-NNNN gets variant NNNN % 20, renamed copy NNNN // 20, as its batch."""
    variants = variant_batches()

    def extract(doc: Any) -> Any:
        c0 = time.process_time()
        i = int(doc.key.rsplit("-", 1)[1])
        batch = renamed(variants[i % VARIANTS], i // VARIANTS, document=doc)
        LOOKUP_CPU[0] += time.process_time() - c0
        return batch

    return extract


def _row(label: str, n: int, size: int, seconds: float, store: Any, **extra: str) -> dict[str, Any]:
    nodes, rels = graph_size(store)
    return {"input": label, "reports": n, "MB": f"{size / 1e6:.2f}", "total s": f"{seconds:.1f}",
            "s per report": f"{seconds / n:.3f}", "graph": f"{nodes:,} nodes, {rels:,} rels", **extra}


def run() -> str:
    from qdkg.loaders.parallel import dask_client, load_in_parallel
    from qdkg.loaders.pipeline import extract_batch
    from qdkg.loaders.reading import read_document
    from qdkg.loaders.report_loader import load_paths

    extract_batch(read_document(SAMPLE))  # warm up: the pipeline and its lazily built word lists
    variant_batches()  # the 20 extracted variants behind the looked-up loads, outside the timings
    load = machine_load()
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    with temp_store("bench_load") as store, tempfile.TemporaryDirectory(prefix="qdkg-corpus-") as tmp:
        runs = []
        for _ in range(SAMPLE_REPEAT):
            store.clear()
            store.init_schema()
            runs.append(_stages(store, SAMPLE))
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        stage = ", ".join(f"{k} {med[k]:.3f} s" for k in ("read", "extract", "write"))
        rows.append(_row("sample report, by stage: " + stage, 1, SAMPLE.stat().st_size, med["total"], store))

        folders = {}
        for n in LINEAR_SIZES:
            folder = Path(tmp) / f"c{n}"
            folder.mkdir()
            folders[n] = (folder, write_corpus(folder, n))

        real: dict[int, float] = {}
        for n in REAL_SIZES:
            folder, size = folders[n]
            store.clear()
            store.init_schema()
            t0 = time.perf_counter()
            summary = load_paths(store, [folder])
            real[n] = time.perf_counter() - t0
            assert summary.ok and len(summary.loaded) == n, [o.error for o in summary.failed][:3]
            rows.append(_row("load_paths, one process", n, size, real[n], store))

        big, small, top = REAL_SIZES[-1], REAL_SIZES[0], LINEAR_SIZES[-1]
        folder, size = folders[big]
        store.clear()
        store.init_schema()
        written: list[float] = []
        t0 = time.perf_counter()
        with dask_client() as client:
            started = time.perf_counter() - t0
            summary = load_in_parallel(store, [folder], client=client,
                                       progress=lambda _: written.append(time.perf_counter() - t0))
        parallel = time.perf_counter() - t0
        assert summary.ok and len(summary.loaded) == big
        rows.append(_row("load_in_parallel, Dask local cluster (one worker per core)", big, size, parallel, store))
        first = written[0] if written else parallel
        steady = (written[-1] - written[0]) / (len(written) - 1) if len(written) > 1 else parallel

        looked_up: dict[int, float] = {}
        used: dict[int, dict[str, float]] = {}
        for n in LINEAR_SIZES:
            folder, size = folders[n]
            store.clear()
            store.init_schema()
            c0, s0, LOOKUP_CPU[0] = time.process_time(), cpu_seconds(store.server_pid), 0.0
            t0 = time.perf_counter()
            summary = load_paths(store, [folder], extract=_lookup_extractor())
            looked_up[n] = time.perf_counter() - t0
            # what the rest of a load costs in CPU: this process (less the lookups), and the store's server
            used[n] = {"client": time.process_time() - c0 - LOOKUP_CPU[0], "server": cpu_seconds(store.server_pid) - s0}
            assert summary.ok and len(summary.loaded) == n, [o.error for o in summary.failed][:3]
            rows.append(_row("load_paths, extraction looked up (read, checks, write)", n, size, looked_up[n], store))

        t0 = time.perf_counter()
        again = load_paths(store, [folders[top][0]])
        unchanged = time.perf_counter() - t0
        assert len(again.unchanged) == top
        rows.append(_row(f"same {top:,} again (all unchanged, nothing extracted)", top, folders[top][1], unchanged,
                         store))
        entries = alias_entries(store)

    per_extract = (real[big] - looked_up[big]) / big
    cpu = {k: v / big for k, v in used[big].items()}
    cpu_ratio = sum(used[top].values()) / sum(used[big].values())
    cores = os.cpu_count() or 1
    per_cpu = per_extract + cpu["client"] + cpu["server"]
    # the writer's two halves take turns (a statement, then its answer), so it is never quicker than their sum
    per_report = max(per_cpu / cores, cpu["client"] + cpu["server"])
    floor = first + big * per_report
    notes.append(
        f"Parallel against one process at {big} reports: **{parallel / real[big]:.2f}×** ({parallel:.1f} s against "
        f"{real[big]:.1f} s; goal: at most 0.6×). The first report was written {first:.1f} s after the start "
        f"({started:.1f} s starting the cluster, workers forked from this process with its pipeline built, then extracting), then one "
        f"every {steady:.3f} s. Every report costs {per_cpu:.3f} s of CPU: extraction {per_extract:.3f} s, the rest "
        f"of a load {cpu['client']:.3f} s in this process (reading, checks, building statements) and "
        f"{cpu['server']:.3f} s in the store's server, which writes the reports one after another. On {cores} "
        f"cores fully free that is at best one report every {per_report:.3f} s, {floor:.1f} s for {big} "
        f"reports with the start, **{floor / real[big]:.2f}×** the one-process load: the floor the goal is measured "
        f"against.")
    RATES.update(write_client_cpu_s_per_report=cpu["client"], write_server_cpu_s_per_report=cpu["server"],
                 extract_s_per_report=per_extract, load_rest_s_per_report_1000=looked_up[top] / top,
                 parallel_ratio=parallel / real[big], report_mb=folders[big][1] / big / 1e6)
    full = looked_up[top] + top * per_extract
    notes.append(f"Without extraction, {top:,} reports take **{looked_up[top] / looked_up[big]:.1f}×** the time of "
                 f"{big} ({looked_up[top]:.0f} s against {looked_up[big]:.1f} s; {big} against {small}: "
                 f"{looked_up[big] / looked_up[small]:.1f}×). In CPU, which other work on the machine does not "
                 f"lengthen, {top:,} reports cost **{cpu_ratio:.1f}×** {big} ({sum(used[top].values()):.0f} s against "
                 f"{sum(used[big].values()):.1f} s, this process and the store's server).")
    notes.append(f"The graph's {top:,} reports hold {entries:,} alias index entries besides the nodes counted "
                 "(graph/aliases.py: one per alias, so that the writer's joins find a name among the aliases through "
                 "an index rather than by reading every node of a label).")
    notes.append(f"Extraction adds {per_extract:.2f} s per report (the {big}-report load minus its looked-up twin), "
                 f"the same for every report, so a real {top:,}-report load would take about {full:.0f} s, "
                 f"**{full / real[big]:.1f}×** the measured {big}-report load (goal: at most 11× for 1,000 against 100).")
    return (
        "## Load (`qdkg load`): one process, Dask, 10 / 100 / 1,000 reports\n\n"
        "Fresh embedded FalkorDB store in a temporary directory; the extraction pipeline is built beforehand. "
        "Corpus: the sample's perturbed variants (every file a distinct text). The 1,000-report rows replace "
        "extraction by a lookup of 20 extracted variants renamed, so the rest of a load can be timed at that "
        f"size. The machine was shared with other work while measuring ({load}): the parallel ratio in "
        "particular depends on how many cores were free.\n\n"
        + md_table(rows) + "\n\n" + "\n".join(f"- {n}" for n in notes)
    )


__all__ = ["SAMPLE", "perturb", "run"]  # bench_faults and bench_restart make their corpora with these


if __name__ == "__main__":
    print(run())
