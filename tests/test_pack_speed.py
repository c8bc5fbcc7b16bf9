"""The packs rewritten for speed at corpus scale return exactly what their plain formulations return.

The plain texts below are the packs as first written (quadratic joins, per-candidate scans): obviously right,
too slow past a few dozen reports. Both run on a graph of three reports (the sample and two variants with
place and project characters changed, so names recur across documents); rows are compared order aside.
Speed itself is measured in bench/bench_queries.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import SAMPLE_REPORT

from qdkg.graph.falkor_store import FalkorStore
from qdkg.graph.writer import write_batch
from qdkg.loaders.pipeline import extract_batch
from qdkg.loaders.reading import read_document
from qdkg.queries.pack import load_packs

PLAIN: dict[str, str] = {
    "district-profile": """
MATCH (d:Entity)
WHERE d.name = $district OR $district IN coalesce(d.aliases, [])
MATCH (sub:Entity)-[:PART_OF*0..3]->(d)
MATCH (e:Entity)-[r]->(sub)
WHERE type(r) IN ['LOCATED_IN', 'CONNECTS', 'PART_OF']
RETURN sub.name AS place, [l IN labels(e) WHERE l <> 'Entity'][0] AS label, e.name AS name, type(r) AS relation,
       r.evidence AS evidence
UNION
MATCH (d:Entity)
WHERE d.name = $district OR $district IN coalesce(d.aliases, [])
MATCH (sub:District)
WITH d, sub, [d.name] + coalesce(d.aliases, []) AS forms
WHERE sub <> d AND any(a IN forms WHERE sub.name CONTAINS a)
MATCH (e:Entity)-[r]->(sub)
WHERE type(r) IN ['LOCATED_IN', 'CONNECTS', 'PART_OF']
RETURN sub.name AS place, [l IN labels(e) WHERE l <> 'Entity'][0] AS label, e.name AS name, type(r) AS relation,
       r.evidence AS evidence
UNION
MATCH (d:Entity)
WHERE d.name = $district OR $district IN coalesce(d.aliases, [])
MATCH (e:Entity)
WITH d, e, [d.name] + coalesce(d.aliases, []) AS forms, [e.name] + coalesce(e.aliases, []) AS names
WHERE e <> d AND NOT 'District' IN labels(e) AND any(x IN names WHERE any(a IN forms WHERE x CONTAINS a))
OPTIONAL MATCH (e)-[:LOCATED_IN|CONNECTS]->(p:Entity)
WITH d, e, forms, collect(p.name) AS places
WHERE none(x IN places WHERE any(a IN forms WHERE x CONTAINS a))
RETURN d.name AS place, [l IN labels(e) WHERE l <> 'Entity'][0] AS label, e.name AS name, 'NAME' AS relation,
       e.name AS evidence
""",
    "data-quality": """
MATCH (p:Project)
WHERE NOT (p)-[:LOCATED_IN]->() AND NOT (p)-[:CONNECTS]->()
RETURN 'no_place' AS issue, 'Project' AS label, p.name AS name, '无所在区域 (LOCATED_IN)' AS detail
UNION ALL
MATCH (p:Project)
WHERE NOT (p)-[:IN_INDUSTRY]->()
RETURN 'no_industry' AS issue, 'Project' AS label, p.name AS name, '无所属产业 (IN_INDUSTRY)' AS detail
UNION ALL
MATCH (a:Entity)
MATCH (b:Entity)
WHERE a <> b AND size(b.name) >= 2 AND a.name CONTAINS b.name
  AND [l IN labels(a) WHERE l <> 'Entity'][0] = [l IN labels(b) WHERE l <> 'Entity'][0]
  AND NOT (a)--(b)
RETURN 'possible_duplicate' AS issue, [l IN labels(a) WHERE l <> 'Entity'][0] AS label, a.name AS name,
       '名称包含「' + b.name + '」' AS detail
UNION ALL
MATCH (a:Entity)
MATCH (b:Entity)
WHERE a.name = b.name AND [l IN labels(a) WHERE l <> 'Entity'][0] < [l IN labels(b) WHERE l <> 'Entity'][0]
RETURN 'two_labels' AS issue, [l IN labels(a) WHERE l <> 'Entity'][0] AS label, a.name AS name,
       '同名实体亦为 ' + [l IN labels(b) WHERE l <> 'Entity'][0] AS detail
UNION ALL
MATCH (e:Entity)
WHERE NOT (e)-[:LOCATED_IN|PART_OF|IN_INDUSTRY|OWNED_BY|SUPPORTED_BY|CONNECTS|HAS_TARGET]-()
RETURN 'no_typed_link' AS issue, [l IN labels(e) WHERE l <> 'Entity'][0] AS label, e.name AS name,
       '仅有共现关系或孤立' AS detail
UNION ALL
MATCH (d:Document)
WHERE d.status <> 'complete' OR d.status IS NULL
RETURN 'incomplete_load' AS issue, 'Document' AS label, d.key AS name, '载入未完成,请重新载入' AS detail
""",
    "sections": """
MATCH (s:Section)-[:IN_DOCUMENT]->(d:Document)
WHERE s.kind IN ['part', 'chapter', 'lead']
OPTIONAL MATCH (sub:Section)-[:IN_SECTION*0..4]->(s)
WITH d, s, collect(DISTINCT sub) AS subs
UNWIND subs AS sub
OPTIONAL MATCH (e:Entity)-[:MENTIONED_IN]->(sub)
WITH d, s, subs, collect(DISTINCT e) AS ents
OPTIONAL MATCH (t:Target)
WHERE t.doc = d.key AND t.section IN [x IN subs | x.key]
WITH d, s, ents, count(DISTINCT t) AS targets
RETURN d.key AS document, s.order AS position, s.level AS level, s.kind AS kind, s.number AS number,
       s.title AS title, size(ents) AS entities, size([e IN ents WHERE 'Project' IN labels(e)]) AS projects, targets
ORDER BY document, position
""",
    "targets": """
MATCH (t:Target)
WHERE $metric = '' OR t.metric CONTAINS $metric
OPTIONAL MATCH (owner)-[:HAS_TARGET]->(t)
OPTIONAL MATCH (s:Section {key: t.section})
OPTIONAL MATCH (s)-[:IN_SECTION*0..4]->(c:Section)
WHERE c.kind IN ['part', 'chapter']
WITH t, owner, s, c
ORDER BY c.level
WITH t, owner, s, collect(coalesce(c.number, '') + ' ' + coalesce(c.title, '')) AS outline
RETURN t.doc AS document, outline, coalesce(owner.name, '') AS owner, t.metric AS metric, t.value AS value,
       t.unit AS unit, t.comparator AS comparator, t.text AS text, s.order AS position
ORDER BY document, position, metric
""",
}

CASES = [
    ("district-profile", {"district": d}) for d in ("董家口", "西海岸新区", "青岛", "崂山", "黄岛", "胶州湾", "上合示范区")
] + [
    ("data-quality", {}),
    ("sections", {}),
    ("targets", {"metric": ""}),
    ("targets", {"metric": "增长"}),
]


def rows_key(rows: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows)


@pytest.fixture(scope="module")
def three_reports(server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FalkorStore]:  # type: ignore[no-untyped-def]
    store = FalkorStore(host="127.0.0.1", port=server.port, password=server.password, graph="t_pack_rewrites")
    store.clear()
    store.init_schema()
    text = SAMPLE_REPORT.read_text(encoding="utf-8")
    folder = tmp_path_factory.mktemp("variants")
    for i, table in enumerate(({}, {ord("山"): "川", ord("港"): "湾"}, {ord("岛"): "洲", ord("东"): "西"})):
        path = folder / f"report-{i}.txt"
        path.write_text(text.translate(table), encoding="utf-8")
        write_batch(store, extract_batch(read_document(path)))
    yield store
    store.clear()
    store.close()


@pytest.mark.parametrize(("pack_id", "params"), CASES, ids=[f"{p}-{v}" for p, v in CASES])
def test_rewritten_pack_returns_the_plain_formulations_rows(three_reports: FalkorStore, pack_id: str,
                                                             params: dict[str, str]) -> None:
    pack = load_packs()[pack_id]
    fast = three_reports.query(pack.text, params)
    plain = three_reports.query(PLAIN[pack_id], params)
    assert rows_key(fast) == rows_key(plain)


def test_the_comparison_has_rows_to_compare(three_reports: FalkorStore) -> None:
    rows = three_reports.query(load_packs()["data-quality"].text, {})
    issues = {r["issue"] for r in rows}
    assert {"possible_duplicate", "no_typed_link", "no_place"} <= issues
    assert len(three_reports.query(load_packs()["district-profile"].text, {"district": "董家口"})) > 3
