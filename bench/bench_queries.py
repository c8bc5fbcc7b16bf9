"""How long each canned report and `qdkg path` take on graphs of 100 and 1,000 reports, on both stores.

The graphs are written straight through the writer from 20 extracted variants of the sample (place and
project characters changed), each repeated as renamed copies (every entity name + "·N", its own document),
so 1,000 reports cost 20 extractions. Copies share no entity, which makes the graph larger than a real
corpus of that size (where the same city, province and industries recur) and the reports no easier.
"""

from __future__ import annotations

import functools
import os
import time
from typing import Any

from bench.util import RATES, graph_size, machine_load, md_table, median_time, temp_neo4j, temp_store, write_reports
from qdkg.errors import QdkgError

SIZES = (100, 1000)
#: Neo4j is measured at the same sizes (the 1,000-report graph takes minutes to write; BENCH_NEO4J_1000=0 skips it
#: for a quick run).
NEO4J_SIZES = (100,) if os.environ.get("BENCH_NEO4J_1000") == "0" else SIZES
PATH = ("三峡", "绿色能源")


def _time_all(store: Any, *, repeat: int) -> dict[str, tuple[float, int]]:
    from qdkg.graph.paths import shortest_connections
    from qdkg.queries.pack import load_packs
    from qdkg.queries.runner import run_pack

    out: dict[str, tuple[float, int]] = {}
    for pack_id, pack in load_packs().items():
        try:
            rows = len(run_pack(store, pack).rows)
            out[pack_id] = (median_time(functools.partial(run_pack, store, pack), repeat=repeat, warmup=0), rows)
        except QdkgError as e:  # a pack another engineer is still writing must not sink the run
            out[f"{pack_id} (failed: {type(e).__name__})"] = (0.0, 0)
    name = f"path {PATH[0]} {PATH[1]}"
    try:
        n = len(shortest_connections(store, *PATH, max_hops=6))
        out[name] = (median_time(lambda: shortest_connections(store, *PATH, max_hops=6), repeat=repeat, warmup=0), n)
    except QdkgError as e:
        out[f"{name} (failed: {type(e).__name__})"] = (0.0, 0)
    return out


def _measure(store: Any, sizes: tuple[int, ...], results: dict[str, dict[str, tuple[float, int]]],
             meta: dict[str, str], store_name: str) -> None:
    for n in sizes:
        store.clear()
        store.init_schema()
        write_s = write_reports(store, n)
        nodes, rels = graph_size(store)
        col = f"{store_name} {n:,}"
        results[col] = _time_all(store, repeat=3 if n <= 100 else 1)
        meta[col] = f"{nodes:,} nodes, {rels:,} relationships, written in {write_s:.0f} s"
        RATES[f"write_{store_name.lower()}_s_per_report_{n}"] = write_s / n
        RATES[f"nodes_per_report_{n}"], RATES[f"rels_per_report_{n}"] = nodes / n, rels / n


def run() -> str:
    results: dict[str, dict[str, tuple[float, int]]] = {}
    meta: dict[str, str] = {}
    load = machine_load()
    with temp_store("bench_queries") as store:
        _measure(store, SIZES, results, meta, "embedded")
    try:
        with temp_neo4j() as neo:
            if neo is not None:
                _measure(neo, NEO4J_SIZES, results, meta, "Neo4j")
    except (QdkgError, RuntimeError, OSError) as e:
        meta["Neo4j"] = f"not measured ({type(e).__name__}: {str(e)[:120]})"
    cols = list(results)
    names = list(dict.fromkeys(name for col in cols for name in results[col]))
    rows = []
    slowest = {col: max((v[0], k) for k, v in results[col].items()) for col in cols}
    for name in names:
        row: dict[str, Any] = {"report": name}
        for col in cols:
            s, n = results[col].get(name, (0.0, 0))
            row[f"rows ({col})"] = f"{n:,}"
            row[f"s ({col})"] = f"{s:.2f}"
        rows.append(row)
    sizes = "; ".join(f"{col}: {meta[col]}" for col in cols)
    verdict = "; ".join(f"slowest at {col}: {name} {s:.2f} s" for col, (s, name) in slowest.items())
    neo_note = meta.get("Neo4j", "")
    return (
        "## Canned reports and paths at 100 and 1,000 reports, on both stores\n\n"
        "Every query pack with its default parameters, and `qdkg path` between two named entities (resolving both "
        "names, then reading the links between them hop by hop from both ends into networkx), on graphs written "
        "from 20 extracted variants of the sample "
        "and their renamed copies (no entity shared between copies). Median of 3 runs at 100 reports, one run at "
        f"1,000. Goals: every report under 2 s at 100 reports and under 10 s at 1,000; `path` under 2 s at 100. "
        f"The machine was shared with other work while measuring ({load}): absolute times are noisy, "
        f"columns of one store are comparable.\n\nGraphs — {sizes}.{(' Neo4j: ' + neo_note) if neo_note else ''}\n\n"
        f"{verdict}.\n\n" + md_table(rows)
    )


if __name__ == "__main__":
    t0 = time.perf_counter()
    print(run())
    print(f"{time.perf_counter() - t0:.0f} s")
