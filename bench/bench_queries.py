"""How long each canned report and `qdkg path` take on the sample report, and on ten disjoint copies of it.

The copies rename every entity (name + "·2", ...) and every document, so the graph grows ten-fold
in nodes and relationships the way ten different reports would, rather than merging into the same nodes.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from bench.util import md_table, median_time, temp_store
from qdkg.errors import QdkgError

COPIES = 10


def _renamed(batch: Any, i: int) -> Any:
    """A disjoint copy of a GraphBatch: new document key, sections, targets and entity names."""
    from qdkg.loaders.model import Entity, Ref

    if i == 0:
        return batch
    doc = batch.document
    key = f"{doc.key}-copy{i}"
    suffix = f"·{i + 1}"

    def sec(k: str | None) -> str | None:
        return None if k is None else key + k[len(doc.key):] if k.startswith(doc.key) else k

    ents = {e.ref: Entity(e.label, e.name + suffix, {a + suffix for a in e.aliases}, dict(e.props))
            for e in batch.entities}

    def ref(r: Any) -> Any:
        if r is None:
            return None
        if r in ents:
            return ents[r].ref
        return Ref(r.label, sec(r.key) or r.key)

    return dataclasses.replace(
        batch,
        document=dataclasses.replace(doc, key=key, content_hash=f"{doc.content_hash}-{i}"),
        sections=[dataclasses.replace(s, key=sec(s.key), doc=key, parent=sec(s.parent)) for s in batch.sections],
        entities=list(ents.values()),
        mentions=[dataclasses.replace(m, entity=ref(m.entity), section=sec(m.section)) for m in batch.mentions],
        relations=[dataclasses.replace(r, source=ref(r.source), target=ref(r.target), section=sec(r.section))
                   for r in batch.relations],
        targets=[dataclasses.replace(t, key=sec(t.key), section=sec(t.section), owner=ref(t.owner))
                 for t in batch.targets],
        stages={ref(r): s for r, s in batch.stages.items()},
    )


def _time_all(store: Any) -> dict[str, tuple[float, int]]:
    from qdkg.graph.paths import shortest_connections
    from qdkg.queries.pack import load_packs
    from qdkg.queries.runner import run_pack

    out: dict[str, tuple[float, int]] = {}
    for pack_id, pack in load_packs().items():
        rows = len(run_pack(store, pack).rows)
        out[pack_id] = (median_time(lambda p=pack: run_pack(store, p), repeat=5), rows)
    try:
        n = len(shortest_connections(store, "三峡", "绿色能源", max_hops=6))
        out["path 三峡 绿色能源"] = (
            median_time(lambda: shortest_connections(store, "三峡", "绿色能源", max_hops=6), repeat=3), n)
    except QdkgError as e:  # a missing fact in the extraction should not sink the benchmark
        out[f"path (failed: {type(e).__name__})"] = (0.0, 0)
    return out


def run() -> str:
    from pathlib import Path

    from qdkg.graph.writer import write_batch
    from qdkg.loaders.pipeline import extract_batch
    from qdkg.loaders.reading import read_document

    sample = Path(__file__).resolve().parent.parent / "data" / "samples" / "qingdao-2025-work-report-part.txt"
    batch = extract_batch(read_document(sample))
    results: dict[int, dict[str, tuple[float, int]]] = {}
    sizes: dict[int, int] = {}
    with temp_store("bench_queries") as store:
        store.init_schema()
        for copies in (1, COPIES):
            store.clear()
            store.init_schema()
            t0 = time.perf_counter()
            for i in range(copies):
                write_batch(store, _renamed(batch, i))
            load_s = time.perf_counter() - t0
            sizes[copies] = store.query("MATCH (n) RETURN count(n) AS n")[0]["n"]
            results[copies] = _time_all(store)
            results[copies]["(load)"] = (load_s, sizes[copies])
    rows = []
    for name in results[1]:
        one, many = results[1][name], results[COPIES].get(name, (0.0, 0))
        rows.append({"report": name, "rows (1×)": one[1], "ms (1×)": f"{one[0] * 1000:.1f}",
                     f"rows ({COPIES}×)": many[1], f"ms ({COPIES}×)": f"{many[0] * 1000:.1f}"})
    return (
        "## Canned reports and paths\n\n"
        f"Every query pack with its default parameters, median of 5 runs on the embedded FalkorDB, on the sample "
        f"report ({sizes[1]} nodes) and on {COPIES} disjoint renamed copies of it ({sizes[COPIES]} nodes). "
        "`path` includes projecting the whole entity graph into networkx. The `(load)` row is one write of all "
        "copies (rows column = nodes).\n\n" + md_table(rows)
    )
