"""Score the extractor on the dev reports (tests/data/dev_reports) per file and per type.

Run ``.venv/bin/python tests/dev_scores.py [-v]``; -v lists the misses and the false positives.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import extraction_scoring as sc

from qdkg.loaders.pipeline import batch_rows, extract_batch
from qdkg.loaders.reading import read_document

DATA = Path(__file__).resolve().parent / "data"
DEV_REPORTS = DATA / "dev_reports"
DEV_GOLD = DATA / "gold_dev"


def dev_files() -> list[tuple[Path, Path, Path]]:
    return [(p, DEV_GOLD / f"{p.stem}-entities.csv", DEV_GOLD / f"{p.stem}-relations.csv")
            for p in sorted(DEV_REPORTS.glob("*.txt"))]


def score_file(report: Path, ents_csv: Path, rels_csv: Path) -> tuple[Any, Any, list[dict[str, Any]], Any]:
    rows = batch_rows(extract_batch(read_document(report)))
    gold = sc.load_gold(ents_csv)
    ents = [r for r in rows if r["kind"] == "entity"]
    rels = [r for r in rows if r["kind"] == "relation"]
    return sc.core_counts(gold, ents), sc.relation_counts(rels_csv, gold, rels), rows, gold


def _fmt(p: float, r: float, f: float) -> str:
    return f"P {p:.2f} R {r:.2f} F1 {f:.2f}"


def main(verbose: bool) -> None:
    core_all, rel_all = [], []
    for report, ents_csv, rels_csv in dev_files():
        core, rel, rows, gold = score_file(report, ents_csv, rels_csv)
        core_all.append(core)
        rel_all.append(rel)
        print(f"{report.name}: core {_fmt(*sc.micro([core]))}; relations {_fmt(*sc.micro([rel]))}")
        if verbose:
            _details(rows, gold, rels_csv)
    print("ALL core", _fmt(*sc.micro(core_all)), "| relations", _fmt(*sc.micro(rel_all)))
    for t in sc.CORE:
        print(f"  {t:12} {_fmt(*sc.micro(core_all, [t]))}")
    for t in ("OWNED_BY", "LOCATED_IN", "PART_OF", "IN_INDUSTRY", "CONNECTS"):
        print(f"  {t:12} {_fmt(*sc.micro(rel_all, [t]))}")


def _details(rows: list[dict[str, Any]], gold: list[dict[str, Any]], rels_csv: Path) -> None:
    import csv

    preds: dict[tuple[str, str], set[str]] = {}
    for e in rows:
        if e["kind"] == "entity":
            preds.setdefault((e["type"], e["name"]), set()).update({sc.norm(e["name"]), sc.norm(e["text"])})
    for (t, n), forms in sorted(preds.items()):
        if t in sc.CORE and not any(t in g["types"] and forms & g["names"] for g in gold):
            print(f"    FP {t} {n}")
    for g in gold:
        t0 = sorted(g["types"])[0]
        if t0 in sc.CORE and not any(t in g["types"] and forms & g["names"] for (t, _), forms in preds.items()
                                     if t in sc.CORE):
            print(f"    FN {'|'.join(sorted(g['types']))} {g['name']}")
    alias: dict[str, set[str]] = {}
    for g in gold:
        for n in g["names"]:
            alias.setdefault(n, set()).add(sc.norm(g["name"]))

    def canon(n: str) -> set[str]:
        return alias.get(sc.norm(n), {sc.norm(n)})

    with rels_csv.open(encoding="utf-8-sig") as f:
        grel = [(canon(r["source"]), r["relation"], canon(r["target"]), r["source"], r["target"])
                for r in csv.DictReader(f)]
    types = {g[1] for g in grel}
    prel = {(r["source"], r["type"], r["target"]) for r in rows if r["kind"] == "relation" and r["type"] in types}
    for s, t, o, s0, o0 in grel:
        if not any(rt == t and canon(ps) & s and canon(po) & o for ps, rt, po in prel):
            print(f"    RFN {s0} {t} {o0}")
    for ps, rt, po in sorted(prel):
        if not any(rt == t and canon(ps) & s and canon(po) & o for s, t, o, _, _ in grel):
            print(f"    RFP {ps} {rt} {po}")


if __name__ == "__main__":
    main("-v" in sys.argv)
