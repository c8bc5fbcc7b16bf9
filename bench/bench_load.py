"""Load time: the sample report into a fresh embedded store, and a corpus of 100 reports' worth of text.

The corpus is 100 variants of the sample with the characters of names perturbed (双山隧道 →
双川隧道 …), so each variant brings entities of its own rather than re-merging the same ones.
Each stage (read, extract, write) is timed on its own; the sample figures are medians of
repeated loads into an emptied graph, the corpus is loaded once.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.util import md_table, temp_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "qingdao-2025-work-report-part.txt"
CORPUS_SIZE = 100
SAMPLE_REPEAT = 3

# Characters common in place and project names, and what each variant turns them into.
_NAME_CHARS = "山水海港湾岛河东西南黄胶崂董即平莱城阳李沧官路潍宿"
_ROTATE = "川林江津浦洲溪春秋安宁兴华泰丰康福瑞祥和德顺远鸿昌盛嘉裕隆"


def perturb(text: str, i: int) -> str:
    """Variant ``i`` of the sample: each name character replaced by a variant-specific one."""
    table = {ord(c): _ROTATE[(j + i) % len(_ROTATE)] for j, c in enumerate(_NAME_CHARS) if (i >> (j % 7)) & 1}
    return text.translate(table)


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


def _counts(store: Any) -> tuple[int, int]:
    n = store.query("MATCH (n) RETURN count(n) AS n")[0]["n"]
    r = store.query("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return n, r


def run() -> str:
    from qdkg.loaders.pipeline import extract_batch
    from qdkg.loaders.reading import read_document
    from qdkg.loaders.report_loader import load_paths

    extract_batch(read_document(SAMPLE))  # warm up: build the pipeline and load the gazetteers once
    size = SAMPLE.stat().st_size
    rows: list[dict[str, Any]] = []
    with temp_store("bench_load") as store:
        store.init_schema()
        runs = []
        for _ in range(SAMPLE_REPEAT):
            store.clear()
            store.init_schema()
            runs.append(_stages(store, SAMPLE))
        nodes, rels = _counts(store)
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        rows.append({
            "input": "sample report (1 file)", "size": f"{size / 1024:.1f} KB",
            "read s": f"{med['read']:.3f}", "extract s": f"{med['extract']:.3f}", "write s": f"{med['write']:.3f}",
            "total s": f"{med['total']:.3f}", "docs/s": f"{1 / med['total']:.2f}",
            "MB/s": f"{size / 1e6 / med['total']:.3f}", "graph": f"{nodes} nodes, {rels} rels",
        })

        text = SAMPLE.read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory(prefix="qdkg-corpus-") as tmp:
            folder = Path(tmp)
            total_bytes = 0
            for i in range(CORPUS_SIZE):
                p = folder / f"report-{i:03d}.txt"
                p.write_text(perturb(text, i), encoding="utf-8")
                total_bytes += p.stat().st_size
            store.clear()
            store.init_schema()
            t0 = time.perf_counter()
            summary = load_paths(store, [folder])
            elapsed = time.perf_counter() - t0
            assert summary.ok and len(summary.loaded) == CORPUS_SIZE, [o.error for o in summary.failed][:3]
            nodes, rels = _counts(store)
            rows.append({
                "input": f"corpus ({CORPUS_SIZE} perturbed variants, load_paths)",
                "size": f"{total_bytes / 1e6:.2f} MB", "read s": "", "extract s": "", "write s": "",
                "total s": f"{elapsed:.1f}", "docs/s": f"{CORPUS_SIZE / elapsed:.2f}",
                "MB/s": f"{total_bytes / 1e6 / elapsed:.3f}", "graph": f"{nodes} nodes, {rels} rels",
            })
            t0 = time.perf_counter()
            again = load_paths(store, [folder])
            elapsed = time.perf_counter() - t0
            assert len(again.unchanged) == CORPUS_SIZE
            rows.append({
                "input": "same corpus again (all unchanged)", "size": f"{total_bytes / 1e6:.2f} MB", "read s": "",
                "extract s": "", "write s": "", "total s": f"{elapsed:.2f}", "docs/s": f"{CORPUS_SIZE / elapsed:.1f}",
                "MB/s": f"{total_bytes / 1e6 / elapsed:.2f}", "graph": "unchanged",
            })
            revised = folder / "report-050.txt"
            revised.write_text(perturb(text, 50).replace("双", "单"), encoding="utf-8")
            t0 = time.perf_counter()
            one = load_paths(store, [revised])
            elapsed = time.perf_counter() - t0
            assert [o.status for o in one.files] == ["replaced"]
            rows.append({
                "input": f"one revised report in the {CORPUS_SIZE}-report graph", "size": f"{size / 1024:.1f} KB",
                "read s": "", "extract s": "", "write s": "", "total s": f"{elapsed:.2f}",
                "docs/s": f"{1 / elapsed:.2f}", "MB/s": f"{size / 1e6 / elapsed:.3f}", "graph": "replaced",
            })
    return (
        "## Load (`qdkg load`)\n\n"
        f"Fresh embedded FalkorDB store in a temporary directory. Sample: median of {SAMPLE_REPEAT} loads into an "
        "emptied graph, by stage (the extraction pipeline is built once beforehand). Corpus: one `load_paths` "
        "call over a folder, reading, extracting and writing each file; the second pass finds every file "
        "unchanged by its content hash and skips extraction; the last row replaces one revised report (old facts "
        "removed, new ones written) in the full graph.\n\n" + md_table(rows)
    )


if __name__ == "__main__":
    print(run())
