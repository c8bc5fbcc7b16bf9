"""A real Neo4j 5 for the tests: qdkg's launcher (tools/neo4j, on Neo4j's own neo4j-harness) in a subprocess.

The session starts one server on free loopback ports with a data directory and password of its own,
and stops it with SIGTERM at the end. The launcher is built with Maven if its build is missing or older
than its sources (`make test-deps` builds it beforehand). Tests are skipped only where Java or Maven
cannot be had.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_REPORT = ROOT / "data" / "samples" / "qingdao-2025-work-report-part.txt"
LAUNCHER = ROOT / "tools" / "neo4j"
SOURCES = (LAUNCHER / "pom.xml", LAUNCHER / "src" / "main" / "java" / "qdkg" / "neo4j" / "Launcher.java")
CLASSPATH_FILE = LAUNCHER / "target" / "classpath.txt"
MAIN_CLASS = "qdkg.neo4j.Launcher"
START_TIMEOUT = 240.0
BUILD_TIMEOUT = 1200.0


class LauncherUnavailable(Exception):
    """Java or Maven is missing: the Neo4j tests cannot run here (the reason says which)."""


def missing_tools() -> str | None:
    """Why the launcher cannot be built or run here, or None."""
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        return (f"{' and '.join(missing)} not found: the Neo4j tests need Java 17 and Maven "
                "(`make test-deps` installs openjdk-17-jdk-headless and maven)")
    return None


def build_launcher() -> None:
    """``mvn package`` in tools/neo4j unless its classpath file is newer than the pom and the class."""
    reason = missing_tools()
    if reason:
        raise LauncherUnavailable(reason)
    if CLASSPATH_FILE.exists() and all(CLASSPATH_FILE.stat().st_mtime >= s.stat().st_mtime for s in SOURCES):
        return
    res = subprocess.run(["mvn", "-q", "-B", "package"], cwd=LAUNCHER, capture_output=True, text=True,
                         timeout=BUILD_TIMEOUT, check=False)
    if res.returncode != 0:
        raise RuntimeError(f"building tools/neo4j failed:\n{res.stdout[-4000:]}\n{res.stderr[-4000:]}")
    CLASSPATH_FILE.touch()  # Maven leaves an unchanged file alone; its time says the build is fresh


def launcher_env() -> dict[str, str]:
    """The environment that runs the launcher: its classpath in CLASSPATH (keeps `ps` readable)."""
    target = LAUNCHER / "target"
    classpath = f"{target / 'classes'}:{target / 'plugins'}/*:{CLASSPATH_FILE.read_text().strip()}"
    return {**os.environ, "CLASSPATH": classpath}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Neo4jServer:
    """One launcher process; :meth:`start` waits for its READY line."""

    data_dir: Path
    bolt_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    password: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    heap: str = "768m"
    proc: subprocess.Popen[str] | None = None
    ready_line: str = ""

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"

    @property
    def log(self) -> Path:
        return self.data_dir / "launcher.log"

    def command(self) -> list[str]:
        password_file = self.data_dir / "password"
        password_file.write_text(self.password, encoding="utf-8")
        password_file.chmod(0o600)
        return ["java", f"-Xmx{self.heap}", "-XX:+UseSerialGC", MAIN_CLASS, "--data", str(self.data_dir / "db"),
                "--password-file", str(password_file), "--bolt-port", str(self.bolt_port),
                "--http-port", str(self.http_port)]

    def start(self, *, timeout: float = START_TIMEOUT) -> Neo4jServer:
        build_launcher()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = self.log.open("w", encoding="utf-8")
        self.proc = subprocess.Popen(self.command(), env=launcher_env(), stdout=subprocess.PIPE, stderr=log,
                                     text=True, start_new_session=True)
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if line.startswith("READY "):
                self.ready_line = line.strip()
                return self
            if not line and self.proc.poll() is not None:
                break
        self.stop()
        raise RuntimeError(f"Neo4j did not start (exit {self.proc.returncode}): {self.log.read_text()[-3000:]}")

    def stop(self, *, timeout: float = 90.0) -> int | None:
        """SIGTERM and wait for a clean exit; the exit status (None if it had to be killed)."""
        if self.proc is None or self.proc.poll() is not None:
            return None if self.proc is None else self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def stdout_rest(self) -> str:
        """What the launcher printed after READY (read once it has exited)."""
        assert self.proc is not None and self.proc.stdout is not None
        return self.proc.stdout.read()


# --- comparing graphs across stores --------------------------------------------------------------


def snapshot(store: Any) -> tuple[list[str], list[str]]:
    """Every node (labels, properties) and relationship (type, end keys, properties), sorted: equal iff same
    graph, whichever store holds it."""
    nodes = store.query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    edges = store.query("MATCH (a)-[r]->(b) RETURN type(r) AS type, a.key AS a, b.key AS b, properties(r) AS props")
    return (sorted(repr((sorted(n["labels"]), sorted(n["props"].items()))) for n in nodes),
            sorted(repr((e["type"], e["a"], e["b"], sorted(e["props"].items()))) for e in edges))


@lru_cache(maxsize=1)
def sample_batch() -> Any:
    """The sample report, extracted once per session."""
    from qdkg.loaders.pipeline import extract_batch
    from qdkg.loaders.reading import read_document

    return extract_batch(read_document(SAMPLE_REPORT))


def load_sample(store: Any) -> None:
    """Empty the store, create the schema and load the sample report."""
    from qdkg.graph.writer import write_batch

    store.clear()
    store.init_schema()
    write_batch(store, sample_batch())
