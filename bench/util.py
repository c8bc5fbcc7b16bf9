"""Small helpers shared by the benchmarks: timing medians and a throw-away embedded store."""

from __future__ import annotations

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


@contextmanager
def temp_store(graph: str = "bench") -> Iterator[Any]:
    """A fresh embedded server in a temporary directory, stopped afterwards."""
    from qdkg.graph.embedded import EmbeddedServer
    from qdkg.graph.falkor_store import FalkorStore

    with tempfile.TemporaryDirectory(prefix="qdkg-bench-") as home:
        server = EmbeddedServer(Path(home))
        info = server.ensure_running()
        store = FalkorStore(host="127.0.0.1", port=info.port, password=info.password, graph=graph)
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
