"""The store interface every other part of qdkg talks to, and the factory that picks a backend.

A store runs Cypher with parameters and returns rows as plain dicts. Two backends:
``bolt://``, ``neo4j://``, ``neo4j+s://`` (and their ``+ssc`` forms) go to Neo4j through the
official driver; no URI means the embedded FalkorDB server kept in ``QDKG_HOME``; a
``falkordb://[:password@]host:port[/graph]`` URI reaches a FalkorDB server run elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from qdkg.errors import StoreError

NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
FALKOR_SCHEMES = ("falkordb", "falkor", "redis")
DEFAULT_GRAPH = "qdkg"

Rows = list[dict[str, Any]]
Statement = tuple[str, Mapping[str, Any]]


@dataclass
class WriteCounts:
    """What a write changed, summed over the statements of a batch."""

    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0

    def add(self, other: WriteCounts) -> WriteCounts:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def changed(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


@runtime_checkable
class GraphStore(Protocol):
    """What qdkg needs of a graph database; constructors do no I/O."""

    backend: str
    read_only: bool

    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> Rows:
        """Run a read-only query; a statement that would write is refused by the server."""

    def write(self, cypher: str, params: Mapping[str, Any] | None = None) -> WriteCounts:
        """Run one write statement."""

    def write_batch(self, statements: Iterable[Statement]) -> WriteCounts:
        """Run several write statements, in one transaction where the backend has them."""

    def init_schema(self) -> list[str]:
        """Create the schema's constraints and indexes if missing; return what was created."""

    def clear(self) -> None:
        """Delete every node and relationship of this graph."""

    def describe(self) -> str:
        """Where this store lives, for messages (never includes a password)."""

    def close(self) -> None:
        """Release connections; the embedded server keeps running."""


@dataclass(frozen=True)
class StoreSettings:
    """How to reach a store: from ``--uri`` / ``QDKG_URI`` and the ``QDKG_*`` variables."""

    uri: str | None = None
    user: str | None = None
    password: str | None = None
    database: str | None = None
    home: Path = field(default_factory=lambda: Path(".qdkg"))
    read_only: bool = False

    @classmethod
    def from_env(cls, *, uri: str | None = None, read_only: bool = False, **overrides: Any) -> StoreSettings:
        env = os.environ
        return cls(
            uri=uri or env.get("QDKG_URI") or None,
            user=overrides.get("user") or env.get("QDKG_USER") or None,
            password=overrides.get("password") or env.get("QDKG_PASSWORD") or None,
            database=overrides.get("database") or env.get("QDKG_DATABASE") or None,
            home=Path(overrides.get("home") or env.get("QDKG_HOME") or ".qdkg"),
            read_only=read_only,
        )


def scheme_of(uri: str) -> str:
    if "://" not in uri:
        raise StoreError(
            f"store URI {uri!r} has no scheme; use bolt://host:7687 for Neo4j, "
            "falkordb://host:port for a FalkorDB server, or leave QDKG_URI unset for the embedded store"
        )
    return uri.split("://", 1)[0].lower()


def open_store(settings: StoreSettings, *, progress: Callable[[str], None] | None = None) -> GraphStore:
    """Build the store the settings name. The embedded server is started on demand (``progress`` hears
    about a long start)."""
    if settings.uri is None:
        from qdkg.graph.embedded import EmbeddedServer
        from qdkg.graph.falkor_store import FalkorStore

        info = EmbeddedServer(settings.home).ensure_running(progress=progress)
        return FalkorStore(
            host="127.0.0.1",
            port=info.port,
            password=info.password,
            graph=settings.database or DEFAULT_GRAPH,
            read_only=settings.read_only,
            label=f"embedded FalkorDB in {settings.home} (port {info.port})",
        )
    scheme = scheme_of(settings.uri)
    if scheme in NEO4J_SCHEMES:
        from qdkg.graph.neo4j_store import Neo4jStore

        return Neo4jStore(
            settings.uri,
            user=settings.user or "neo4j",
            password=settings.password,
            database=settings.database,
            read_only=settings.read_only,
        )
    if scheme in FALKOR_SCHEMES:
        from qdkg.graph.falkor_store import FalkorStore

        return FalkorStore.from_uri(settings.uri, password=settings.password, read_only=settings.read_only)
    raise StoreError(
        f"unknown store URI scheme {scheme!r}; use one of {', '.join(NEO4J_SCHEMES + FALKOR_SCHEMES)}"
    )
