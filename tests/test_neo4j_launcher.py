"""The local Neo4j launcher (tools/neo4j): loopback only, auth on, APOC from the plugin directory, Browser served,
a port in use refused with a clear message, a clean stop on SIGTERM, and a restart that keeps the data."""

from __future__ import annotations

import base64
import json
import socket
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from neo4j_server import MAIN_CLASS, Neo4jServer, free_port, launcher_env

from qdkg.graph.neo4j_store import Neo4jStore

LOOPBACK = {"0100007F", "0000000000000000FFFF00000100007F"}  # 127.0.0.1, and as IPv4-mapped IPv6


def listening_addresses(port: int) -> set[str]:
    """Local addresses (hex, as /proc/net shows them) of sockets listening on ``port``."""
    out = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if fields[3] == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                out.add(address)
    return out


def test_binds_loopback_only(neo4j_server) -> None:  # type: ignore[no-untyped-def]
    for port in (neo4j_server.bolt_port, neo4j_server.http_port):
        addresses = listening_addresses(port)
        assert addresses and addresses <= LOOPBACK, (port, addresses)
    assert neo4j_server.ready_line == (f"READY bolt://127.0.0.1:{neo4j_server.bolt_port} "
                                       f"http://127.0.0.1:{neo4j_server.http_port}/browser/ "
                                       f"data={neo4j_server.data_dir / 'db'}")


def test_auth_is_on_for_http_too(neo4j_server) -> None:  # type: ignore[no-untyped-def]
    url = f"http://127.0.0.1:{neo4j_server.http_port}/db/neo4j/tx/commit"
    body = json.dumps({"statements": [{"statement": "RETURN 1 AS one"}]}).encode()
    anonymous = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(anonymous, timeout=10)
    assert err.value.code == 401
    token = base64.b64encode(f"neo4j:{neo4j_server.password}".encode()).decode()
    authed = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json",
                                                             "Authorization": f"Basic {token}"})
    with urllib.request.urlopen(authed, timeout=10) as res:
        assert json.load(res)["results"][0]["data"][0]["row"] == [1]
    with urllib.request.urlopen(neo4j_server.browser_url, timeout=10) as res:
        assert b"Neo4j Browser" in res.read()


def test_apoc_core_is_loaded(neo4j_server) -> None:  # type: ignore[no-untyped-def]
    store = Neo4jStore(neo4j_server.uri, password=neo4j_server.password)
    assert store.query("RETURN apoc.version() AS v")[0]["v"].startswith("5.26")
    assert store.query("RETURN apoc.coll.sort(['乙', '甲', '丙']) AS s") == [{"s": sorted(['乙', '甲', '丙'])}]
    store.close()


def test_a_port_in_use_is_refused_clearly(neo4j_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    password = tmp_path / "password"
    password.write_text("a-long-enough-password", encoding="utf-8")
    res = subprocess.run(["java", MAIN_CLASS, "--data", str(tmp_path / "db"), "--password-file", str(password),
                          "--bolt-port", str(neo4j_server.bolt_port), "--http-port", str(free_port())],
                         env=launcher_env(), capture_output=True, text=True, timeout=120, check=False)
    assert res.returncode == 2
    assert res.stderr.strip() == (f"ERROR: Bolt port 127.0.0.1:{neo4j_server.bolt_port} is already in use (another "
                                  "Neo4j? `make neo4j-stop` stops qdkg's); choose another with --bolt-port")
    assert not (tmp_path / "db").exists()  # refused before anything was created


def test_sigterm_stops_cleanly_and_a_restart_keeps_the_data(neo4j_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = Neo4jServer(tmp_path / "second", heap="384m").start()
    try:
        store = Neo4jStore(server.uri, password=server.password)
        store.write("CREATE (:Project {key: 'gl', name: '官路水库'})")
        store.close()
        assert server.stop() == 0
        assert server.stdout_rest().strip() == "STOPPED"
        with socket.socket() as s:  # the port is free again for a server (as the launcher checks: SO_REUSEADDR,
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # so closed connections in TIME_WAIT do not count)
            s.bind(("127.0.0.1", server.bolt_port))
        server.start()  # same data, same password: the launcher sets it again without complaint
        store = Neo4jStore(server.uri, password=server.password)
        assert store.query("MATCH (p:Project) RETURN p.name AS name") == [{"name": "官路水库"}]
        store.close()
    finally:
        server.stop()
