"""Shortest connections between two named entities, with each hop's relation, direction and evidence."""

from __future__ import annotations

import json

import pytest
from test_queries import load_mini

from qdkg.errors import NotFoundError, QdkgError
from qdkg.graph import schema
from qdkg.graph.paths import connection_rows, connections, shortest_connections


@pytest.fixture
def mini(store):
    """The hand-made graph of test_queries in this test's store (the one run_cli talks to)."""
    return load_mini(store)

def test_direct_link_with_evidence(mini) -> None:
    found = shortest_connections(mini, "崂山实验室", "上合示范区")
    assert found and all(c.length == 1 for c in found)
    hop = found[0].hops[0]
    assert (hop.source_name, hop.type, hop.target_name, hop.forward) == ("崂山实验室", "RELATED_TO", "上合示范区", True)
    assert "崂山实验室" in hop.evidence and hop.doc == "qingdao-2025"  # latest report first
    assert hop.alternatives == 1  # the same link from the 2024 report


def test_direction_is_kept_per_hop_and_aliases_resolve(mini) -> None:
    found = shortest_connections(mini, "西海岸新区", "万邦矿石码头")
    assert [c.describe() for c in found] == [
        "青岛西海岸新区 <-[PART_OF]- 董家口港区 <-[LOCATED_IN]- 万邦矿石码头"
    ]
    rows = connection_rows(found)
    assert [r["relation"] for r in rows] == ["<-[PART_OF]-", "<-[LOCATED_IN]-"]
    assert rows[1]["evidence"] == "抓好新版青岛港总体规划实施,建成董家口港区万邦矿石码头。"


def test_typed_only_skips_co_mentions(mini) -> None:
    # The two wind projects are co-mentioned (one hop); by typed links they meet in 绿色能源 (two hops).
    (c,) = shortest_connections(mini, "三峡深远海海上风电", "东方电气风电装备制造")
    assert [h.type for h in c.hops] == ["RELATED_TO"]
    (t,) = shortest_connections(mini, "三峡深远海海上风电", "东方电气风电装备制造", typed_only=True)
    assert t.describe() == "三峡深远海海上风电 -[IN_INDUSTRY]-> 绿色能源 <-[IN_INDUSTRY]- 东方电气风电装备制造"


def test_all_shortest_paths_typed_first() -> None:
    import networkx as nx

    g = nx.MultiDiGraph()
    for n in "abcd":
        g.add_node(n, name=n.upper())
    g.add_edge("a", "b", type="RELATED_TO", evidence="ab", doc="d")
    g.add_edge("b", "d", type="OWNED_BY", evidence="bd", doc="d")
    g.add_edge("a", "c", type="LOCATED_IN", evidence="ac", doc="d")
    g.add_edge("d", "c", type="CONNECTS", evidence="dc", doc="d")
    found = connections(g, "a", "d")
    assert [x.names for x in found] == [["A", "C", "D"], ["A", "B", "D"]]
    assert connections(g, "a", "d", limit=1)[0].length == 2


def test_no_path_within_max_hops(mini) -> None:
    with pytest.raises(NotFoundError, match="no connection between '万邦矿石码头' and '三峡' within 4 hops"):
        shortest_connections(mini, "万邦矿石码头", "三峡")
    with pytest.raises(NotFoundError, match="within 1 hops"):
        shortest_connections(mini, "三峡", "东方电气风电装备制造", max_hops=1)


def test_unknown_and_identical_names(mini) -> None:
    with pytest.raises(NotFoundError, match="did you mean: .*崂山实验室"):
        shortest_connections(mini, "崂山实验所", "上合示范区")
    with pytest.raises(QdkgError, match="name the same entity"):
        shortest_connections(mini, "西海岸新区", "青岛西海岸新区")


def test_connections_on_a_plain_graph() -> None:
    import networkx as nx

    g = nx.MultiDiGraph()
    for n in "abcd":
        g.add_node(n, name=n.upper())
    g.add_edge("a", "b", type="PART_OF", evidence="ab", doc="d")
    g.add_edge("c", "b", type="LOCATED_IN", evidence="cb", doc="d")
    g.add_edge("c", "d", type="CONNECTS", evidence="cd", doc="d")
    (c,) = connections(g, "a", "d")
    assert c.names == ["A", "B", "C", "D"]
    assert [h.forward for h in c.hops] == [True, False, True]
    assert connections(g, "a", "d", max_hops=2) == []


def test_path_cli(run_cli, mini) -> None:
    res = run_cli("path", "西海岸新区", "万邦矿石码头")
    assert res.exit_code == 0, res.output
    assert "1. 青岛西海岸新区 <-[PART_OF]- 董家口港区 <-[LOCATED_IN]- 万邦矿石码头  (2 hops)" in res.stderr
    assert "抓好新版青岛港总体规划实施" in res.stdout
    rows = json.loads(run_cli("path", "崂山实验室", "上合示范区", "--format", "json").stdout)
    assert rows[0]["relation"] == "-[RELATED_TO]->" and rows[0]["evidence"]


def test_path_cli_no_connection_exits_1(run_cli, mini) -> None:
    res = run_cli("path", "万邦矿石码头", "三峡", "--max-hops", "3", "--typed-only")
    assert res.exit_code == 1
    assert res.stderr.strip() == ("Error: no connection between '万邦矿石码头' and '三峡' within 3 hops (by typed "
                                  "links); try a larger --max-hops or drop --typed-only")


def test_path_cli_says_what_unlinked_entities_share(run_cli, mini) -> None:
    res = run_cli("path", "万邦矿石码头", "三峡", "--max-hops", "3", "--format", "json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert rows and all(r["path"] == "共同点" and r["evidence"] and r["evidence_b"] and r["via"] for r in rows)
    assert "万邦矿石码头" in rows[0]["evidence"] and "三峡" in rows[0]["evidence_b"]


def test_sample_path_has_hops_with_evidence(sample_store) -> None:
    found = shortest_connections(sample_store, "三峡", "绿色能源", typed_only=True)
    assert found[0].describe() == "三峡 <-[OWNED_BY]- 三峡深远海海上风电 -[IN_INDUSTRY]-> 绿色能源"
    assert all("三峡深远海海上风电" in h.evidence for h in found[0].hops)
    (rail,) = shortest_connections(sample_store, "董家口", "五莲", typed_only=True)
    assert rail.describe() == "董家口 <-[CONNECTS]- 董家口至五莲铁路 -[CONNECTS]-> 五莲"
    assert all("董家口至五莲铁路" in h.evidence for h in rail.hops)


def test_unlinked_entities_connect_through_the_report_outline(sample_store) -> None:
    # 崂山实验室 has no stored link (the report names it alone); the fallback says where the report puts it.
    found = shortest_connections(sample_store, "崂山实验室", "上合示范区", max_hops=8)
    assert found
    first = found[0].hops[0]
    assert first.type == "MENTIONED_IN" and first.target.startswith("Section:")
    assert "崂山实验室" in first.evidence
    with pytest.raises(NotFoundError, match="typed links"):
        shortest_connections(sample_store, "崂山实验室", "上合示范区", max_hops=8, typed_only=True)


def test_bounded_search_finds_what_the_whole_projection_finds(sample_store) -> None:
    # The path search reads the graph hop by hop from both ends; its shortest paths must be the whole graph's.
    import random

    from qdkg.graph.lookup import Match
    from qdkg.graph.projection import bounded_projection, project

    whole = project(sample_store, evidence=False, sentences=False)
    nodes = sorted(whole.nodes)
    pairs = random.Random(12).sample([(a, b) for a in nodes for b in nodes if a < b], 60)
    linked = 0
    for a, b in pairs:
        ends = [[Match(whole.nodes[n]["label"], whole.nodes[n]["key"], whole.nodes[n]["name"])] for n in (a, b)]
        for typed_only, hops in ((False, 3), (True, 4)):
            walked = [t for t in schema.ENTITY_REL_TYPES if not (typed_only and t == "RELATED_TO")]
            part = bounded_projection(sample_store, ends[0], ends[1], max_hops=hops, rel_types=walked)
            expected = [c.describe() for c in connections(whole, a, b, max_hops=hops, typed_only=typed_only)]
            assert [c.describe() for c in connections(part, a, b, max_hops=hops, typed_only=typed_only)] == expected
            assert part.number_of_nodes() <= whole.number_of_nodes()
            linked += bool(expected)
    assert linked >= 10  # connected pairs among them: the comparison is not only between empty answers
