"""The Neo4j backend's own code, driven with the official neo4j driver.

Docker (and so Neo4j) is not available here; the embedded FalkorDB server can speak Bolt
(FalkorDB's experimental support), so the driver, sessions, transactions, parameters and
value conversion of :class:`Neo4jStore` run for real against it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from qdkg.errors import StoreError
from qdkg.graph.embedded import EmbeddedServer, ServerInfo, free_bolt_port, free_port
from qdkg.graph.neo4j_store import Neo4jStore, constraint_statements
from qdkg.graph.schema import NODE_LABELS
from qdkg.graph.store import StoreSettings, open_store
from qdkg.graph.writer import write_batch
from qdkg.loaders.model import Document, Entity, GraphBatch, Mention, Relation, Section


@pytest.fixture(scope="module")
def bolt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerInfo]:
    server = EmbeddedServer(tmp_path_factory.mktemp("bolt-home"))
    info = server.ensure_running(bolt_port=free_bolt_port())
    yield info
    server.stop()


@pytest.fixture(scope="module")
def neo_driver(bolt_server: ServerInfo) -> Iterator[Neo4jStore]:
    # One driver for the module: FalkorDB's Bolt listener stalls a new client's handshake after another closed.
    store = Neo4jStore(f"bolt://127.0.0.1:{bolt_server.bolt_port}", user="falkordb", password=bolt_server.password)
    yield store
    store.close()


@pytest.fixture
def neo(neo_driver: Neo4jStore) -> Iterator[Neo4jStore]:
    neo_driver.clear()
    yield neo_driver
    neo_driver.clear()


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


def test_parameters_and_chinese_round_trip(neo: Neo4jStore) -> None:
    counts = neo.write("CREATE (:Project {key: $k, name: $n, aliases: $a})", {"k": "gl", "n": "官路水库", "a": ["官路水库主体工程"]})
    assert counts.nodes_created == 1
    rows = neo.query("MATCH (p:Project {key: $k}) RETURN p.name AS name, p.aliases AS aliases, p AS node", {"k": "gl"})
    assert rows[0]["name"] == "官路水库"
    assert rows[0]["aliases"] == ["官路水库主体工程"]
    assert rows[0]["node"]["_labels"] == ["Project"] and rows[0]["node"]["name"] == "官路水库"


def test_writer_is_idempotent_through_bolt(neo: Neo4jStore) -> None:
    first = write_batch(neo, _batch())
    assert first.status == "loaded" and first.counts.nodes_created >= 4
    again = write_batch(neo, _batch())
    assert again.status == "unchanged" and not again.counts.changed
    rows = neo.query(
        "MATCH (p:Project)-[r:LOCATED_IN]->(d:District) RETURN p.name AS p, d.name AS d, r.evidence AS ev"
    )
    assert rows == [{"p": "万邦矿石码头", "d": "董家口港区", "ev": "加快董家口港区万邦矿石码头建设。"}]
    status = neo.query("MATCH (d:Document {key: 'r1'}) RETURN d.status AS s")
    assert status == [{"s": "complete"}]


def test_unreachable_neo4j_names_the_fix() -> None:
    store = Neo4jStore(f"bolt://127.0.0.1:{free_port()}", password="x")
    with pytest.raises(StoreError, match="docker compose up -d"):
        store.query("RETURN 1")
    store.close()


def test_missing_password_is_explained(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="QDKG_PASSWORD"):
        Neo4jStore("bolt://127.0.0.1:7687").query("RETURN 1")
