"""The Neo4j backend's own code on a real Neo4j 5 (tools/neo4j, started once per session): driver, sessions,
transactions, parameters, value conversion, the schema's DDL, the writer, and the errors a user meets."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from neo4j_server import free_port

from qdkg.errors import ReadOnlyError, StoreError
from qdkg.graph.neo4j_store import Neo4jStore, constraint_statements
from qdkg.graph.schema import NODE_LABELS
from qdkg.graph.store import StoreSettings, open_store
from qdkg.graph.writer import write_batch
from qdkg.loaders.model import Document, Entity, GraphBatch, Mention, Relation, Section
from qdkg.queries.pack import load_packs
from qdkg.queries.runner import run_pack


def _batch() -> GraphBatch:
    text = "加快董家口港区万邦矿石码头建设。"
    doc = Document(key="r1", title="报告", source="r1.txt", content_hash=hashlib.sha256(text.encode()).hexdigest(),
                   text=text, city="青岛", year=2025)
    sec = Section(key="r1#1", doc="r1", kind="paragraph", level=1, order=0, number="", title="加快", start=0,
                  end=len(text))
    wharf, port = Entity("Project", "万邦矿石码头", {"董家口港区万邦矿石码头"}), Entity("District", "董家口港区")
    return GraphBatch(
        document=doc, sections=[sec], entities=[wharf, port],
        mentions=[Mention(wharf.ref, sec.key, "董家口港区万邦矿石码头", 2, 13, text, "under_way"),
                  Mention(port.ref, sec.key, "董家口港区", 2, 7, text)],
        relations=[Relation(wharf.ref, "LOCATED_IN", port.ref, text, sec.key)],
        stages={wharf.ref: "under_way"},
    )


def test_uri_picks_the_neo4j_backend() -> None:
    store = open_store(StoreSettings(uri="neo4j+s://example.invalid:7687", password="x"))
    assert isinstance(store, Neo4jStore) and store.backend == "neo4j"


def test_constraints_are_neo4j_5_ddl_for_every_label() -> None:
    ddl = constraint_statements()
    for lbl in NODE_LABELS:
        assert f"CREATE CONSTRAINT qdkg_{lbl.lower()}_key IF NOT EXISTS FOR (n:{lbl}) REQUIRE n.key IS UNIQUE" in ddl


def test_schema_is_created_once_and_enforced(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write("DROP CONSTRAINT qdkg_project_key IF EXISTS")
    created = neo4j_store.init_schema()
    assert any("qdkg_project_key" in ddl for ddl in created)
    assert neo4j_store.init_schema() == []  # nothing new the second time
    names = {r["name"] for r in neo4j_store.query("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert {f"qdkg_{lbl.lower()}_key" for lbl in NODE_LABELS} <= names
    neo4j_store.write("CREATE (:Project {key: 'p'})")
    with pytest.raises(StoreError, match="already exists"):
        neo4j_store.write("CREATE (:Project {key: 'p'})")


def test_substring_search_is_served_by_a_text_index(neo4j_store: Neo4jStore) -> None:
    """Neo4j 5.26 plans ``a.name CONTAINS b.name`` on the range index and then fails at run time
    ("A STRING_CONTAINS predicate is not allowed for a RANGE index") unless a text index exists."""
    neo4j_store.init_schema()
    kinds = {r["type"] for r in neo4j_store.query(
        "SHOW INDEXES YIELD type, labelsOrTypes, properties "
        "WHERE labelsOrTypes = ['Entity'] AND properties = ['name'] RETURN type")}
    assert kinds == {"RANGE", "TEXT"}
    write_batch(neo4j_store, _batch())
    neo4j_store.write("CREATE (:Entity:Project {key: 'project:万邦矿石码头二期', name: '万邦矿石码头二期'})")
    rows = run_pack(neo4j_store, load_packs()["data-quality"]).rows
    assert {"issue": "possible_duplicate", "label": "Project", "name": "万邦矿石码头二期",
            "detail": "名称包含「万邦矿石码头」"} in rows


def test_parameters_and_chinese_round_trip(neo4j_store: Neo4jStore) -> None:
    counts = neo4j_store.write("CREATE (:Project {key: $k, name: $n, aliases: $a, year: $y, share: $s})",
                               {"k": "gl", "n": "官路水库", "a": ["官路水库主体工程"], "y": 2025, "s": 5.5})
    assert counts.nodes_created == 1 and counts.properties_set == 5
    rows = neo4j_store.query("MATCH (p:Project {key: $k}) RETURN p.name AS name, p.aliases AS aliases, p AS node, "
                             "p.year AS year, p.share AS share", {"k": "gl"})
    assert rows[0]["name"] == "官路水库"
    assert rows[0]["aliases"] == ["官路水库主体工程"]
    assert rows[0]["year"] == 2025 and isinstance(rows[0]["year"], int) and rows[0]["share"] == 5.5
    assert rows[0]["node"]["_labels"] == ["Project"] and rows[0]["node"]["name"] == "官路水库"


def test_relationships_and_paths_become_plain_values(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write("CREATE (:Project {key: 'a', name: '甲'})-[:LOCATED_IN {doc: 'd', evidence: '句'}]->"
                      "(:District {key: 'b', name: '乙'})")
    rows = neo4j_store.query("MATCH p = (:Project)-[r]->(:District) RETURN r, p")
    assert rows[0]["r"] == {"_type": "LOCATED_IN", "doc": "d", "evidence": "句"}
    assert [n["name"] for n in rows[0]["p"]["nodes"]] == ["甲", "乙"]
    assert [r["_type"] for r in rows[0]["p"]["relationships"]] == ["LOCATED_IN"]


def test_writer_is_idempotent(neo4j_store: Neo4jStore) -> None:
    neo4j_store.init_schema()
    first = write_batch(neo4j_store, _batch())
    assert first.status == "loaded" and first.counts.nodes_created >= 4
    again = write_batch(neo4j_store, _batch())
    assert again.status == "unchanged" and not again.counts.changed
    rows = neo4j_store.query(
        "MATCH (p:Project)-[r:LOCATED_IN]->(d:District) RETURN p.name AS p, d.name AS d, r.evidence AS ev"
    )
    assert rows == [{"p": "万邦矿石码头", "d": "董家口港区", "ev": "加快董家口港区万邦矿石码头建设。"}]
    assert neo4j_store.query("MATCH (d:Document {key: 'r1'}) RETURN d.status AS s") == [{"s": "complete"}]


def test_reads_cannot_write(neo4j_server, neo4j_store: Neo4jStore) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ReadOnlyError, match="read-only"):
        neo4j_store.query("CREATE (:Project {key: 'x'})")
    ro = Neo4jStore(neo4j_server.uri, password=neo4j_server.password, read_only=True)
    with pytest.raises(ReadOnlyError, match="--write"):
        ro.write("CREATE (:Project {key: 'x'})")
    ro.close()
    assert neo4j_store.query("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_clear_empties_the_database(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write("UNWIND range(1, 25) AS i CREATE (:Section {key: toString(i)})-[:IN_DOCUMENT]->(:Document)")
    neo4j_store.clear()
    assert neo4j_store.query("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_wrong_password_is_one_line(neo4j_server) -> None:  # type: ignore[no-untyped-def]
    store = Neo4jStore(neo4j_server.uri, password="not-the-password")
    with pytest.raises(StoreError) as err:
        store.query("RETURN 1")
    assert str(err.value) == f"{neo4j_server.uri} refused user 'neo4j'; check QDKG_USER and QDKG_PASSWORD"


def test_unknown_database_is_one_line(neo4j_server) -> None:  # type: ignore[no-untyped-def]
    store = Neo4jStore(neo4j_server.uri, password=neo4j_server.password, database="nosuch")
    with pytest.raises(StoreError) as err:
        store.query("RETURN 1")
    assert str(err.value).startswith(f"{neo4j_server.uri} has no database 'nosuch'; set QDKG_DATABASE")
    store.close()


def test_unreachable_neo4j_names_the_fix() -> None:
    store = Neo4jStore(f"bolt://127.0.0.1:{free_port()}", password="x")
    with pytest.raises(StoreError) as err:
        store.query("RETURN 1")
    assert "make neo4j" in str(err.value) and "Connection refused" in str(err.value)
    assert "\n" not in str(err.value)
    store.close()


def test_missing_password_is_explained(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="QDKG_PASSWORD"):
        Neo4jStore("bolt://127.0.0.1:7687").query("RETURN 1")
