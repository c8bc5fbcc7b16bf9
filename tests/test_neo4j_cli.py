"""The `qdkg` commands a planner runs against a real Neo4j 5 (QDKG_URI=bolt://…, QDKG_PASSWORD): schema, loading
(idempotent, revisions, a load killed with SIGKILL), project tables, paths, exports, ad-hoc Cypher and the
errors a user meets. Results are checked against the embedded store's where both should agree."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import report_files as rf
from conftest import SAMPLE_REPORT, TEST_DATA
from neo4j_server import free_port, load_sample, snapshot

from qdkg.graph import statements as st
from qdkg.graph.common_ground import shared_rows
from qdkg.graph.export_common import ExportSpec, export_graph
from qdkg.graph.falkor_store import FalkorStore
from qdkg.graph.neo4j_store import Neo4jStore, constraint_statements
from qdkg.graph.paths import connection_rows, explain, shortest_connections

SAMPLE_KEY = "qingdao-2025-work-report-part"


def doc_status(store: Neo4jStore, key: str) -> str | None:
    rows = store.query(*st.document_state(key))
    return rows[0]["status"] if rows else None


def one_error_line(res) -> str:  # type: ignore[no-untyped-def]
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), res.stderr
    return lines[0]


def test_db_init_twice(neo4j_cli, neo4j_store: Neo4jStore) -> None:  # type: ignore[no-untyped-def]
    for row in neo4j_store.query("SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'qdkg_' RETURN name"):
        neo4j_store.write("DROP CONSTRAINT %s" % row["name"])  # names come from the server, not from a user
    for row in neo4j_store.query("SHOW INDEXES YIELD name, owningConstraint "
                                 "WHERE name STARTS WITH 'qdkg_' AND owningConstraint IS NULL RETURN name"):
        neo4j_store.write("DROP INDEX %s" % row["name"])
    first = neo4j_cli("db", "init")
    assert first.exit_code == 0, first.output
    total = len(constraint_statements())
    assert first.stdout == f"Schema ready on Neo4j at {neo4j_store.uri}: {total} created, the rest already there.\n"
    second = neo4j_cli("db", "init")
    assert second.stdout == f"Schema ready on Neo4j at {neo4j_store.uri}: 0 created, the rest already there.\n"
    names = {r["name"] for r in neo4j_store.query("SHOW INDEXES YIELD name RETURN name")}
    assert {f"qdkg_{lbl.lower()}_key" for lbl in ("Project", "Document", "Target")} <= names


def test_sample_loaded_twice_changes_nothing(neo4j_cli, neo4j_store: Neo4jStore,  # type: ignore[no-untyped-def]
                                             sample_store: FalkorStore) -> None:
    first = neo4j_cli("load", str(SAMPLE_REPORT))
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith(f"loaded    {SAMPLE_REPORT}: ")
    before = snapshot(neo4j_store)
    second = neo4j_cli("load", str(SAMPLE_REPORT))
    assert second.exit_code == 0, second.output
    assert second.stdout.startswith(f"unchanged {SAMPLE_REPORT}: ")
    assert snapshot(neo4j_store) == before
    assert before == snapshot(sample_store)  # and it is the graph the embedded store holds
    assert doc_status(neo4j_store, SAMPLE_KEY) == "complete"


def test_revised_document_replaces_its_facts(neo4j_cli, neo4j_store: Neo4jStore,  # type: ignore[no-untyped-def]
                                             tmp_path: Path) -> None:
    path = tmp_path / "excerpt.txt"
    path.write_text(rf.EXCERPT.read_text(encoding="utf-8"), encoding="utf-8")
    assert neo4j_cli("load", str(path)).stdout.startswith("loaded ")
    assert neo4j_store.query("MATCH (n:Entity) WHERE n.name CONTAINS '双山隧道' RETURN n.name AS n")
    text = path.read_text(encoding="utf-8").replace("双山隧道", "浮山隧道")
    path.write_text(text, encoding="utf-8")
    res = neo4j_cli("load", str(path))
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith(f"replaced  {path}: ")
    assert not neo4j_store.query("MATCH (n:Entity) WHERE n.name CONTAINS '双山隧道' RETURN n.name AS n")
    assert len(neo4j_store.query("MATCH (n:Entity) WHERE n.name ENDS WITH '浮山隧道' RETURN n.key AS k")) == 1
    replaced = snapshot(neo4j_store)
    neo4j_store.clear()
    assert neo4j_cli("load", str(path)).stdout.startswith("loaded ")
    assert snapshot(neo4j_store) == replaced  # the same graph as a clean load of the revised file


def test_sigkilled_load_then_rerun_equals_a_clean_load(neo4j_server, neo4j_store: Neo4jStore,  # type: ignore[no-untyped-def]
                                                       neo4j_cli, sample_store: FalkorStore) -> None:
    env = {**os.environ, "QDKG_URI": neo4j_server.uri, "QDKG_PASSWORD": neo4j_server.password}
    env.pop("QDKG_DATABASE", None)
    qdkg = str(Path(sys.executable).parent / "qdkg")
    proc = subprocess.Popen([qdkg, "load", "--batch-size", "1", str(SAMPLE_REPORT)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen_loading = False
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            # killed once it has written some entities (each statement is a transaction of its own)
            if doc_status(neo4j_store, SAMPLE_KEY) == "loading" and \
                    neo4j_store.query("MATCH (n:Entity) RETURN count(n) AS n")[0]["n"] > 0:
                seen_loading = True
                break
            time.sleep(0.02)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert seen_loading, "the load finished before it could be interrupted"
    assert doc_status(neo4j_store, SAMPLE_KEY) == "loading"
    assert neo4j_store.query("MATCH (n:Entity) RETURN count(n) AS n")[0]["n"] > 0  # it had written something
    res = neo4j_cli("load", str(SAMPLE_REPORT))
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("loaded ")
    assert doc_status(neo4j_store, SAMPLE_KEY) == "complete"
    assert snapshot(neo4j_store) == snapshot(sample_store)  # a clean load of the sample, on the other store


def test_project_table_loads_and_joins_the_report(neo4j_cli, neo4j_store: Neo4jStore) -> None:  # type: ignore[no-untyped-def]
    table = TEST_DATA / "projects.csv"
    assert neo4j_cli("load", str(SAMPLE_REPORT)).exit_code == 0
    res = neo4j_cli("load", str(table))
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith(f"loaded    {table}: ")
    assert neo4j_cli("load", str(table)).stdout == f"unchanged {table}: already loaded (projects)\n"
    joined = neo4j_store.query(
        "MATCH (p:Project)-[:REPORTED_IN]->(d:Document) WITH p, collect(d.key) AS docs "
        "WHERE size(docs) = 2 RETURN p.name AS name, docs ORDER BY name")
    names = {r["name"] for r in joined}
    assert {"官路水库", "即墨女岛绿色能源装备产业园"} <= names, joined
    assert all(sorted(r["docs"]) == ["projects", SAMPLE_KEY] for r in joined)
    owner = neo4j_store.query("MATCH (p:Project)-[:OWNED_BY]->(c) WHERE p.name STARTS WITH '海信激光电视' RETURN DISTINCT c.name AS c")
    assert owner == [{"c": "海信"}]


def test_path_matches_the_embedded_store(neo4j_cli, neo4j_store: Neo4jStore,  # type: ignore[no-untyped-def]
                                         sample_store: FalkorStore) -> None:
    load_sample(neo4j_store)
    res = neo4j_cli("path", "三峡", "绿色能源", "--typed-only", "--format", "json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert rows == json.loads(json.dumps(connection_rows(shortest_connections(sample_store, "三峡", "绿色能源",
                                                                              typed_only=True)), default=str))
    assert rows and "三峡深远海海上风电" in json.dumps(rows, ensure_ascii=False)
    assert shortest_connections(neo4j_store, "三峡", "绿色能源", typed_only=True)[0].describe() == \
        "三峡 <-[OWNED_BY]- 三峡深远海海上风电 -[IN_INDUSTRY]-> 绿色能源"
    # no typed link: what the two share, with both sentences, the same on both stores
    shared = neo4j_cli("path", "崂山实验室", "上合示范区", "--format", "json")
    assert shared.exit_code == 0, shared.output
    embedded = explain(sample_store, "崂山实验室", "上合示范区")
    assert embedded.shared and json.loads(shared.stdout) == json.loads(json.dumps(
        connection_rows(embedded.connections) + shared_rows("崂山实验室", "上合示范区", embedded.shared), default=str))
    none = neo4j_cli("path", "崂山实验室", "上合示范区", "--typed-only")
    assert one_error_line(none).startswith("Error: no connection between '崂山实验室' and '上合示范区'")


def test_export_html_focus(neo4j_cli, neo4j_store: Neo4jStore, sample_store: FalkorStore,  # type: ignore[no-untyped-def]
                           tmp_path: Path) -> None:
    load_sample(neo4j_store)
    out = tmp_path / "dongjiakou.html"
    res = neo4j_cli("export", "html", "--focus", "董家口", "--depth", "2", "-o", str(out))
    assert res.exit_code == 0, res.output
    spec = ExportSpec(focus="董家口", depth=2)
    neo, embedded = export_graph(neo4j_store, spec), export_graph(sample_store, spec)
    assert set(neo.nodes) == set(embedded.nodes) and neo.number_of_nodes() > 5
    assert sorted(neo.edges(keys=True)) == sorted(embedded.edges(keys=True))
    assert res.stderr.startswith(f"Wrote {neo.number_of_nodes():,} nodes")
    html = out.read_text(encoding="utf-8")
    assert "董家口" in html and "<script" in html


def test_cypher_write_without_write_flag_is_refused(neo4j_cli, neo4j_store: Neo4jStore) -> None:  # type: ignore[no-untyped-def]
    neo4j_store.write("CREATE (:Project {key: 'p1', name: '官路水库'})")
    before = snapshot(neo4j_store)
    res = neo4j_cli("cypher", "MATCH (p:Project) SET p.name = 'x' CREATE (:Project {key: 'p2'})")
    assert one_error_line(res) == ("Error: the query would change the graph and this command runs read-only; "
                                   "use `qdkg cypher --write` to change the graph")
    assert snapshot(neo4j_store) == before
    ok = neo4j_cli("cypher", "--write", "CREATE (:Project {key: $k})", "-p", "k=p2")
    assert ok.exit_code == 0, ok.output
    assert "Nodes created 1" in ok.stderr
    read = neo4j_cli("cypher", "MATCH (p:Project) RETURN p.key AS key ORDER BY key", "--format", "json")
    assert json.loads(read.stdout) == [{"key": "p1"}, {"key": "p2"}]


def test_report_file_with_a_write_is_refused(neo4j_cli, neo4j_store: Neo4jStore, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    neo4j_store.write("CREATE (:Project {key: 'p1', name: '官路水库'})")
    before = snapshot(neo4j_store)
    for body, clause in (("MATCH (p:Project) SET p.name = $n RETURN p.name", "SET"),
                         ("CALL apoc.create.node(['Project'], {key: 'p9'}) YIELD node RETURN node", "CALL apoc")):
        query = tmp_path / "mine.cypher"
        query.write_text(body + "\n", encoding="utf-8")
        line = one_error_line(neo4j_cli("report", "run", str(query), "-p", "n=x"))
        assert line.startswith(f"Error: {query}: reports are read-only but the query has {clause}")
    assert snapshot(neo4j_store) == before
    query.write_text("MATCH (p:Project) RETURN p.name AS name\n", encoding="utf-8")
    res = neo4j_cli("report", "run", str(query), "--format", "json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == [{"name": "官路水库"}]


def test_wrong_password_is_one_line(neo4j_cli, neo4j_server) -> None:  # type: ignore[no-untyped-def]
    line = one_error_line(neo4j_cli("stats", QDKG_PASSWORD="wrong-password"))
    assert line == f"Error: {neo4j_server.uri} refused user 'neo4j'; check QDKG_USER and QDKG_PASSWORD"


def test_server_down_is_one_line(neo4j_cli) -> None:  # type: ignore[no-untyped-def]
    uri = f"bolt://127.0.0.1:{free_port()}"
    started = time.monotonic()
    line = one_error_line(neo4j_cli("report", "run", "overview", QDKG_URI=uri))
    assert line == (f"Error: cannot reach Neo4j at {uri} (Connection refused); start one with `make neo4j` "
                    "(or `docker compose up -d`), or check QDKG_URI")
    assert time.monotonic() - started < 5  # found at once, not after the driver's retries


def test_unknown_database_is_one_line(neo4j_cli, neo4j_server) -> None:  # type: ignore[no-untyped-def]
    line = one_error_line(neo4j_cli("stats", QDKG_DATABASE="nosuch"))
    assert line.startswith(f"Error: {neo4j_server.uri} has no database 'nosuch'; set QDKG_DATABASE")
