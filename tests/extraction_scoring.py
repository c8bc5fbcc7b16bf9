"""The scoring rules of the shared extraction scorer, copied for tests (tests may not read ../shared).

Entities match when a type agrees and the predicted name or surface text equals the gold name or an
alias after normalisation; precision counts distinct predicted (type, name) pairs, recall gold rows.
Relations match on type and on names mapped through the gold aliases.
"""

from __future__ import annotations

import csv
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

CORE = ["Project", "Institution", "Company", "Industry", "District"]
STRIP = "“”\"'‘’「」『』《》〈〉 \t\u3000"


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    return "".join(ch for ch in s if ch not in STRIP)


def load_gold(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [{"types": set(r["type"].split("|")), "name": r["name"],
                 "names": {norm(r["name"])} | {norm(a) for a in (r.get("aliases") or "").split("|") if a.strip()}}
                for r in csv.DictReader(f)]


def prf(tp_pred: int, pred: int, tp_gold: int, gold: int) -> tuple[float, float, float]:
    p = tp_pred / pred if pred else 0.0
    r = tp_gold / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_core(gold: list[dict[str, Any]], ents: list[dict[str, Any]]) -> tuple[float, float, float]:
    preds: dict[tuple[str, str], set[str]] = {}
    for e in ents:
        preds.setdefault((e["type"], norm(e["name"])), set()).update({norm(e["name"]), norm(e.get("text"))} - {""})
    agg = defaultdict(int)
    matched: set[int] = set()
    for (t, _), forms in preds.items():
        if t not in CORE:
            continue
        hit = [i for i, g in enumerate(gold) if t in g["types"] and forms & g["names"]]
        agg["pred"] += 1
        if hit:
            agg["tp_pred"] += 1
            matched.update(hit)
    for i, g in enumerate(gold):
        if sorted(g["types"])[0] in CORE:
            agg["gold"] += 1
            agg["tp_gold"] += i in matched
    return prf(agg["tp_pred"], agg["pred"], agg["tp_gold"], agg["gold"])


def score_relations(path: Path, gold_ents: list[dict[str, Any]], rels: list[dict[str, Any]]) -> tuple[
        float, float, float]:
    """P, R, F1 of the relations, as the shared scorer computes them (its counts summed over types)."""
    return micro([relation_counts(path, gold_ents, rels)])


def core_counts(gold: list[dict[str, Any]], ents: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """``score_core``'s counts per type (a prediction's type; a gold row's first core type), for micro-averaging."""
    preds: dict[tuple[str, str], set[str]] = {}
    for e in ents:
        preds.setdefault((e["type"], norm(e["name"])), set()).update({norm(e["name"]), norm(e.get("text"))} - {""})
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    matched: set[int] = set()
    for (t, _), forms in preds.items():
        if t not in CORE:
            continue
        hit = [i for i, g in enumerate(gold) if t in g["types"] and forms & g["names"]]
        out[t]["pred"] += 1
        out[t]["tp_pred"] += bool(hit)
        matched.update(hit)
    for i, g in enumerate(gold):
        t = sorted(g["types"])[0]
        if t in CORE:
            out[t]["gold"] += 1
            out[t]["tp_gold"] += i in matched
    return out


def relation_counts(path: Path, gold_ents: list[dict[str, Any]], rels: list[dict[str, Any]]) -> dict[
        str, dict[str, int]]:
    """``score_relations``'s counts per relation type."""
    alias: dict[str, set[str]] = {}
    for g in gold_ents:
        for n in g["names"]:
            alias.setdefault(n, set()).add(norm(g["name"]))

    def canon(n: str) -> set[str]:
        return alias.get(norm(n), {norm(n)})

    with path.open(encoding="utf-8-sig", newline="") as f:
        gold = [(canon(r["source"]), r["relation"], canon(r["target"])) for r in csv.DictReader(f)]
    types = {g[1] for g in gold}
    pred = {(norm(r["source"]), r["type"], norm(r["target"])) for r in rels if r["type"] in types}
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for s, t, o in gold:
        out[t]["gold"] += 1
        out[t]["tp_gold"] += any(rt == t and canon(ps) & s and canon(po) & o for ps, rt, po in pred)
    for ps, rt, po in pred:
        out[rt]["pred"] += 1
        out[rt]["tp_pred"] += any(rt == t and canon(ps) & s and canon(po) & o for s, t, o in gold)
    return out


def micro(counts: list[dict[str, dict[str, int]]], types: list[str] | None = None) -> tuple[float, float, float]:
    """P, R, F1 over the summed counts of several files (of ``types``, or all)."""
    agg: dict[str, int] = defaultdict(int)
    for c in counts:
        for t, d in c.items():
            if types is None or t in types:
                for k, v in d.items():
                    agg[k] += v
    return prf(agg["tp_pred"], agg["pred"], agg["tp_gold"], agg["gold"])
