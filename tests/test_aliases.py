"""The alias index (graph/aliases.py): kept in step with ``n.aliases`` by the writer, built once for older stores,
and what the writer's joins and ``qdkg path``'s name lookup go through instead of reading every node."""

from __future__ import annotations

from typing import Any

from conftest import TEST_DATA

from qdkg.graph import aliases, merges, schema
from qdkg.graph.lookup import all_names, exact_matches, resolve
from qdkg.graph.writer import remove_document, write_batch
from qdkg.loaders.names import name_key
from qdkg.loaders.pipeline import extract_batch
from qdkg.loaders.reading import read_document

PAIR = TEST_DATA / "changes"


def _load_pair(store: Any) -> None:
    for name in ("laoshan-2024.txt", "laoshan-2025.txt"):
        write_batch(store, extract_batch(read_document(PAIR / name)))


def _listed(store: Any) -> set[tuple[str, str, str]]:
    rows = store.query("MATCH (n:Entity) RETURN labels(n) AS labels, n.key AS key, n.aliases AS aliases")
    return {(schema.primary_label(r["labels"]), r["key"], a) for r in rows for a in r["aliases"] or []}


def _entries(store: Any) -> set[tuple[str, str, str]]:
    rows = store.query("MATCH (x:Alias) RETURN x.label AS label, x.of AS of, x.form AS form, x.form_key AS fk")
    assert all(r["fk"] == name_key(r["form"]) for r in rows)
    return {(r["label"], r["of"], r["form"]) for r in rows}


def test_the_writer_keeps_the_index_in_step_on_both_stores(store, neo4j_store) -> None:  # type: ignore[no-untyped-def]
    for s in (store, neo4j_store):
        _load_pair(s)
        listed = _listed(s)
        assert len(listed) > 5, "the pair's places and joined projects have aliases"
        assert listed <= _entries(s)
        # reloading changes nothing; removing the reports removes every entry with its node
        write_batch(s, extract_batch(read_document(PAIR / "laoshan-2025.txt")), force=True)
        assert listed == _listed(s) and listed <= _entries(s)
        remove_document(s, "laoshan-2025")
        assert {e[1] for e in _entries(s)} <= {r["key"] for r in s.query("MATCH (n:Entity) RETURN n.key AS key")}
        remove_document(s, "laoshan-2024")
        assert _entries(s) == set()


def test_a_store_written_before_the_index_gets_it_once(store, neo4j_store) -> None:  # type: ignore[no-untyped-def]
    for s in (store, neo4j_store):
        s.write("CREATE (:Project:Entity {key: '青岛西海岸新区', name: '青岛西海岸新区', aliases: ['西海岸新区', '西海岸']})")
        assert resolve(s, "西海岸新区")[0].key == "青岛西海岸新区"  # no index yet: every name is read
        created = s.init_schema()
        assert any("alias index: 2 aliases" in c for c in created), created
        assert not any("alias index" in c for c in s.init_schema())  # idempotent
        assert _entries(s) == {("Project", "青岛西海岸新区", "西海岸新区"), ("Project", "青岛西海岸新区", "西海岸")}
        assert [m.key for m in exact_matches(s, name_key("西海岸")) or []] == ["青岛西海岸新区"]
        found = merges.known_nodes(s, place=None, forms=["西海岸"], labels=("Project",))
        assert [k.key for k in found] == ["青岛西海岸新区"]


def test_exact_lookups_through_the_index_answer_what_reading_every_name_does(store) -> None:  # type: ignore[no-untyped-def]
    _load_pair(store)
    names = all_names(store)
    forms = {f for m, others in names for f in (m.name, *others)}
    assert forms
    for form in sorted(forms):
        wanted = name_key(form)
        scanned = {(m.label, m.key) for m, others in names
                   if m.key == wanted or wanted in {name_key(a) for a in others}}
        assert {(m.label, m.key) for m in exact_matches(store, wanted) or []} == scanned, form


def test_the_join_candidates_are_one_query_of_index_lookups(store) -> None:  # type: ignore[no-untyped-def]
    """FalkorDB's plan of the candidates query scans no label and no node: each branch starts at an index."""
    _load_pair(store)
    cypher, params = merges.known_node_statement(place="崂山区", forms=["西海岸新区", "沙子口污水处理厂"],
                                                 keys=["沙子口污水处理厂"], labels=merges.MERGED_LABELS,
                                                 starts=["沙子"])
    assert cypher.count("UNION ALL") == 4 and "沙子" not in cypher  # values travel as parameters
    plan = "\n".join(store._g().explain(cypher, params).plan)
    assert "Index Scan" in plan
    assert "Label Scan" not in plan and "All Node Scan" not in plan, plan
    rows = store.query(cypher, params)
    assert {r["key"] for r in rows} >= {"沙子口污水处理厂"}


def test_alias_index_statements_use_schema_names_and_parameters() -> None:
    rows = aliases.entry_rows("District", "青岛西海岸新区", ["西海岸新区", "西海岸新区", ""])
    assert rows == [{"key": "District|青岛西海岸新区|西海岸新区", "form": "西海岸新区", "form_key": "西海岸新区",
                     "label": "District", "of": "青岛西海岸新区"}]
    cypher, params = aliases.merge_alias_index(rows)
    assert "MERGE (x:Alias {key: row.key})" in cypher and params == {"rows": rows}
    assert "西海岸" not in aliases.match_forms() + aliases.lookup_key("西海岸")[0]
