"""Shared fixtures: one real embedded FalkorDB server for the session, a fresh graph per test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from qdkg.graph.embedded import EmbeddedServer, ServerInfo
from qdkg.graph.falkor_store import FalkorStore

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_REPORT = ROOT / "data" / "samples" / "qingdao-2025-work-report-part.txt"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def server_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("qdkg-home")
    server = EmbeddedServer(home)
    server.ensure_running()
    yield home
    server.stop()


@pytest.fixture(scope="session")
def server(server_home: Path) -> ServerInfo:
    info = EmbeddedServer(server_home).status()
    assert info is not None
    return info


@pytest.fixture
def graph_name() -> str:
    return f"t_{uuid.uuid4().hex[:10]}"


@pytest.fixture
def store(server: ServerInfo, graph_name: str) -> Iterator[FalkorStore]:
    """A writable store on a graph of its own, deleted afterwards."""
    s = FalkorStore(host="127.0.0.1", port=server.port, password=server.password, graph=graph_name)
    yield s
    s.clear()
    s.close()


@pytest.fixture
def cli_env(server_home: Path, graph_name: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Environment for CLI runs: the session's server, this test's graph, no external URI."""
    env = {"QDKG_HOME": str(server_home), "QDKG_DATABASE": graph_name}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    for k in ("QDKG_URI", "QDKG_USER", "QDKG_PASSWORD"):
        monkeypatch.delenv(k, raising=False)
    return env


@pytest.fixture
def run_cli(cli_env: dict[str, str]):  # type: ignore[no-untyped-def]
    """Invoke ``qdkg`` in-process; returns click's Result (stdout and stderr kept apart)."""
    from qdkg.cli import cli

    runner = CliRunner()

    def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(cli, list(args), input=input, env=cli_env, catch_exceptions=False)

    return run


@pytest.fixture(scope="session")
def sample_store(server: ServerInfo) -> Iterator[FalkorStore]:
    """The sample report loaded once into a graph of its own; read it, do not write to it."""
    from qdkg.graph.writer import write_batch
    from qdkg.loaders.pipeline import extract_batch
    from qdkg.loaders.reading import read_document

    s = FalkorStore(host="127.0.0.1", port=server.port, password=server.password, graph="sample_session")
    s.clear()
    s.init_schema()
    write_batch(s, extract_batch(read_document(SAMPLE_REPORT)))
    ro = FalkorStore(host="127.0.0.1", port=server.port, password=server.password, graph="sample_session",
                     read_only=True)
    yield ro
    ro.close()
    s.clear()
    s.close()


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One real Neo4j 5 (tools/neo4j) for the session, on free loopback ports; see tests/neo4j_server.py."""
    from neo4j_server import Neo4jServer, missing_tools

    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    server = Neo4jServer(tmp_path_factory.mktemp("neo4j")).start()
    yield server
    server.stop()


@pytest.fixture
def neo4j_store(neo4j_server):  # type: ignore[no-untyped-def]
    """A writable store on the session's Neo4j, emptied first (community edition has one database)."""
    from qdkg.graph.neo4j_store import Neo4jStore

    s = Neo4jStore(neo4j_server.uri, password=neo4j_server.password)
    s.clear()
    yield s
    s.close()


@pytest.fixture
def neo4j_cli(neo4j_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Invoke ``qdkg`` in-process against the session's Neo4j (QDKG_URI, QDKG_PASSWORD)."""
    from qdkg.cli import cli

    env = {"QDKG_URI": neo4j_server.uri, "QDKG_USER": "neo4j", "QDKG_PASSWORD": neo4j_server.password,
           "QDKG_HOME": str(tmp_path / "no-embedded")}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("QDKG_DATABASE", raising=False)
    runner = CliRunner()

    def run(*args: str, **overrides: str):  # type: ignore[no-untyped-def]
        return runner.invoke(cli, list(args), env={**env, **overrides}, catch_exceptions=False)

    return run


# --- Debian's chromium, driven by Playwright (its own browser download cannot work here) ------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """One headless Chromium for the session; browser tests fail (never skip) when it is missing."""
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test-deps` "
                    "(or apt-get install -y chromium fonts-noto-cjk); browser tests do not skip")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
