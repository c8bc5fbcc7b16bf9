"""Restart time of the embedded store against its size: 10 and 100 reports loaded, then `qdkg db start`.

The corpus is made of perturbed copies of the sample (as in bench_load). Each store is loaded with
`qdkg load` (which compacts the append-only file afterwards), then restarted twice over: after a clean
`qdkg db stop`, and after the server was killed with SIGKILL (no stop-time compaction). The time is the
wall time of `qdkg db start` until it returns with the server answering, median of 3. The goal
(issue 11): under 10 s for 100 reports, growing with the data, not with the history of loads.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_load import SAMPLE, perturb
from bench.util import md_table

SIZES = (10, 100)
REPEAT = 3
QDKG = str(Path(sys.executable).parent / "qdkg")


def qdkg(home: Path, *args: str, timeout: float = 1800) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QDKG_HOME": str(home), "QDKG_DATABASE": "qdkg"}
    for k in ("QDKG_URI", "QDKG_USER", "QDKG_PASSWORD"):
        env.pop(k, None)
    res = subprocess.run([QDKG, *args], env=env, capture_output=True, text=True, timeout=timeout)
    if res.returncode != 0:
        raise RuntimeError(f"qdkg {' '.join(args)} failed: {res.stderr.strip()[-500:]}")
    return res


def make_corpus(folder: Path, n: int) -> int:
    """``n`` perturbed copies of the sample in ``folder``; returns their total bytes."""
    text = SAMPLE.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        p = folder / f"report-{i:03d}.txt"
        p.write_text(perturb(text, i), encoding="utf-8")
        total += p.stat().st_size
    return total


def store_bytes(home: Path) -> int:
    return sum(p.stat().st_size for p in (home / "data").rglob("*") if p.is_file())


def timed_start(home: Path) -> float:
    t0 = time.perf_counter()
    qdkg(home, "db", "start")
    return time.perf_counter() - t0


def kill_server(home: Path) -> None:
    pid = json.loads((home / "server.json").read_text(encoding="utf-8"))["pid"]
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def counts(home: Path) -> tuple[int, int]:
    out = qdkg(home, "cypher", "MATCH (n) RETURN count(n) AS n", "--format", "json").stdout
    rels = qdkg(home, "cypher", "MATCH ()-[r]->() RETURN count(r) AS n", "--format", "json").stdout
    return json.loads(out)[0]["n"], json.loads(rels)[0]["n"]


def measure(n: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="qdkg-restart-") as tmp:
        home, folder = Path(tmp) / "home", Path(tmp) / "corpus"
        size = make_corpus(folder, n)
        t0 = time.perf_counter()
        qdkg(home, "load", str(folder))
        load_s = time.perf_counter() - t0
        nodes, rels = counts(home)
        after_stop, after_kill = [], []
        try:
            for _ in range(REPEAT):
                qdkg(home, "db", "stop")
                on_disk = store_bytes(home)
                after_stop.append(timed_start(home))
            for _ in range(REPEAT):
                kill_server(home)
                after_kill.append(timed_start(home))
            assert counts(home) == (nodes, rels), "a restart changed the graph"
        finally:
            subprocess.run([QDKG, "db", "stop"], env={**os.environ, "QDKG_HOME": str(home)},
                           capture_output=True, timeout=120)
        return {
            "reports": n, "text": f"{size / 1e6:.2f} MB", "graph": f"{nodes:,} nodes, {rels:,} rels",
            "store on disk": f"{on_disk / 1e6:.1f} MB", "load s": f"{load_s:.1f}",
            "`db start` after `db stop` s": f"{statistics.median(after_stop):.2f}",
            "`db start` after SIGKILL s": f"{statistics.median(after_kill):.2f}",
        }


def run() -> str:
    rows = [measure(n) for n in SIZES]
    return (
        "## Restart of the embedded store (`qdkg db start`)\n\n"
        "Stores of 10 and 100 perturbed copies of the sample report, each loaded with one `qdkg load` of the "
        "folder into a fresh `QDKG_HOME` (the load compacts the append-only file onto a snapshot base when it "
        "ends). Restart: wall time of `qdkg db start` (a new process) until the server answers, median of "
        f"{REPEAT}, after a clean `qdkg db stop` and after the server was killed with SIGKILL; the node and "
        "relationship counts are checked to be the same after the restarts. Goal: under 10 s for 100 reports.\n\n"
        + md_table(rows)
    )


if __name__ == "__main__":
    print(run())
