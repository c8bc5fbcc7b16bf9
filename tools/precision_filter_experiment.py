"""Would a learned precision stage beat the rules? Leave-one-excerpt-out on the tuned gold excerpts.

Issue 8 asked for a small classifier that decides which of the rules' entities to keep, kept only if it beats
the rules. This script is that test: every core entity the extractor finds in a tuned excerpt is a row
(features: type, length, head, gazetteer hit, jieba's tags of its first and last words, what stands before
and after its first mention, frequency, digits, mentions), labelled spurious or not by the gold; a model trained
on the other excerpts drops the entities it calls spurious above a threshold, and the excerpt is scored again.
The kept-aside excerpts are not used. Needs scikit-learn (``.venv/bin/pip install scikit-learn``), which the
project itself does not depend on: the answer so far is no (see the closing note of issue 8, session 11).

    .venv/bin/python tools/precision_filter_experiment.py [logistic|forest]
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "scorer_2026"))
import score_corpus  # noqa: E402

GOLD = {  # gold folder -> excerpts kept aside (never used here)
    ROOT / "tests/data/gold_dev_2026": {"guizhou-2026-1.txt", "henan-2026-1.txt", "xizang-2026-1.txt"},
    ROOT / "tests/data/gold_team_2026": {"beijing-2026-1.txt", "liaoning-2026-1.txt"},
    ROOT / "tests/data/gold_team_2": {"hailar-2015-1.txt"},
    ROOT / "tests/data/gold_team_3": set(),
}
CORE = ("Project", "Institution", "Company", "Industry", "District")
HEADS = ("项目", "工程", "中心", "基地", "园", "园区", "区", "集团", "公司", "经济", "产业", "业", "实验室", "大学", "院", "所",
         "港", "机场", "铁路", "高铁", "高速", "线", "电站", "水库", "城", "镇", "乡", "河", "湖", "山", "银行", "平台")
THRESHOLDS = (0.3, 0.35, 0.4, 0.5, 0.6, 0.7)


def extract(gold: Path, name: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from qdkg.loaders.model import Document
    from qdkg.loaders.pipeline import batch_rows, extract_batch
    from qdkg.loaders.reading import content_hash

    text = (gold / "texts" / name).read_text(encoding="utf-8")
    doc = Document(key=Path(name).stem, title=name, source=name, content_hash=content_hash(text), text=text)
    rows = batch_rows(extract_batch(doc))
    return [r for r in rows if r["kind"] == "entity"], [r for r in rows if r["kind"] == "relation"]


def features(label: str, name: str, mentions: list[dict[str, Any]], text: str) -> dict[str, Any]:
    import jieba

    from qdkg.loaders.extract.common import plain_words, pos_cut
    from qdkg.loaders.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    m = mentions[0]
    sentence = m.get("sentence") or ""
    i = sentence.find(m["text"])
    before = sentence[max(0, i - 2) : i] if i >= 0 else ""
    after = sentence[i + len(m["text"]) : i + len(m["text"]) + 2] if i >= 0 else ""
    head = next((h for h in sorted(HEADS, key=len, reverse=True) if name.endswith(h)), "-")
    entry = gaz.lookup(name)
    tokens = pos_cut(name)
    return {
        f"type={label}": 1, "length": min(len(name), 20) / 20, "mentions": min(len(mentions), 10) / 10,
        f"before1={before[-1:] or '^'}": 1, f"after1={after[:1] or '$'}": 1, f"before2={before}": 1,
        f"after2={after}": 1, "surface_differs": m["text"] != name, f"{label}:head={head}": 1,
        f"gazetteer={entry.label if entry else 'none'}": 1, f"{label}:known": bool(entry and entry.label == label),
        "plain_words": plain_words(name), f"{label}:first_tag={tokens[0].flag}": 1,
        f"{label}:last_tag={tokens[-1].flag}": 1, "tokens": min(len(tokens), 8) / 8,
        "digits": bool(re.search(r"\d", name)), "frequency": min(jieba.dt.FREQ.get(name, 0), 1000) / 1000,
        "in_text": min(text.count(name), 10) / 10,
    }


def f1(d: dict[str, int]) -> float:
    p = d["tp_pred"] / d["pred"] if d["pred"] else 0.0
    r = d["tp_gold"] / d["gold"] if d["gold"] else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    kind = sys.argv[1] if len(sys.argv) > 1 else "logistic"
    runs: dict[Path, dict[str, Any]] = {}
    rows: list[tuple[str, tuple[str, str], dict[str, Any], bool]] = []
    for gold, aside in GOLD.items():
        names = sorted(p.name for p in (gold / "texts").glob("*.txt") if p.name not in aside)
        ents: dict[str, list[dict[str, Any]]] = {}
        rels: dict[str, list[dict[str, Any]]] = {}
        for name in names:
            ents[name], rels[name] = extract(gold, name)
        runs[gold] = {"ents": ents, "rels": rels}
        for per_file in score_corpus.score(str(gold), ents, rels)["files"]:
            name = per_file["file"]
            if name in aside:
                continue
            spurious = set(per_file["spurious"])
            text = (gold / "texts" / name).read_text(encoding="utf-8")
            by_entity: dict[tuple[str, str], list[dict[str, Any]]] = collections.defaultdict(list)
            for m in ents[name]:
                if m["type"] in CORE:
                    by_entity[(m["type"], m["name"])].append(m)
            for ent, mentions in by_entity.items():
                rows.append((name, ent, features(*ent, mentions, text), ent in spurious))
    print(f"{len(rows)} entities, {sum(r[3] for r in rows)} spurious, {len({r[0] for r in rows})} excerpts")

    probability: dict[tuple[str, tuple[str, str]], float] = {}
    for held in sorted({r[0] for r in rows}):
        train = [r for r in rows if r[0] != held]
        vectors = DictVectorizer()
        x = vectors.fit_transform([r[2] for r in train])
        model = (RandomForestClassifier(n_estimators=300, min_samples_leaf=2, random_state=0) if kind == "forest"
                 else LogisticRegression(C=0.5, max_iter=2000))
        model.fit(x, [r[3] for r in train])
        test = [r for r in rows if r[0] == held]
        for r, p in zip(test, model.predict_proba(vectors.transform([r[2] for r in test]))[:, 1]):
            probability[(held, r[1])] = float(p)

    def scores(threshold: float | None) -> str:
        out = []
        for gold, run in runs.items():
            ents, rels = {}, {}
            for name, mentions in run["ents"].items():
                drop = {e for (f, e), p in probability.items() if f == name and threshold is not None and p > threshold}
                ents[name] = [m for m in mentions if (m["type"], m["name"]) not in drop]
                kept = {m["name"] for m in ents[name]} | {m["name"] for m in mentions if m["type"] not in CORE}
                rels[name] = [r for r in run["rels"][name] if r["source"] in kept and r["target"] in kept]
            result = score_corpus.score(str(gold), ents, rels)
            core = {k: sum(f["core"][k] for f in result["files"] if f["file"] in ents) for k in result["core"]}
            relations = {k: sum(f["relations"][k] for f in result["files"] if f["file"] in ents)
                         for k in result["relations"]}
            out.append(f"{gold.name} {f1(core):.3f}/{f1(relations):.3f}")
        return "  ".join(out)

    print(f"rules alone       {scores(None)}")
    for t in THRESHOLDS:
        print(f"drop above {t:.2f}  {scores(t)}")


if __name__ == "__main__":
    main()
