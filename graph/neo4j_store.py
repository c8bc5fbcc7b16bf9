"""Neo4j backend through the official driver: one server, a cluster, or Aura.

Where Neo4j 5 and the embedded FalkorDB differ, the difference is bridged here (see
``tests/test_neo4j_parity.py``): notifications are switched off (the driver would log a
warning for every label or type not yet in the graph), the schema's DDL is Neo4j's
``CREATE CONSTRAINT/INDEX ... IF NOT EXISTS`` with what was really created read from the
summary's counters, and a server that is down, refuses the password or lacks the database
is one line saying what to do, found once per driver instead of after the driver's retries.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

from qdkg.errors import QuerySyntaxError, ReadOnlyError, StoreError
from qdkg.graph import schema
from qdkg.graph.store import Rows, Statement, WriteCounts
from qdkg.graph.values import to_plain

#: How to get a Neo4j server when none answers.
START_HINT = "start one with `make neo4j` (or `docker compose up -d`), or check QDKG_URI"
#: Nodes deleted per transaction by :meth:`Neo4jStore.clear`, so a large graph does not need one huge transaction.
CLEAR_BATCH = 10_000


def _counts(summary: Any) -> WriteCounts:
    c = summary.counters
    return WriteCounts(
        nodes_created=c.nodes_created,
        nodes_deleted=c.nodes_deleted,
        relationships_created=c.relationships_created,
        relationships_deleted=c.relationships_deleted,
        properties_set=c.properties_set,
    )


def constraint_statements() -> list[str]:
    """Neo4j 5 DDL for the schema's constraints and indexes (identifiers from the schema only)."""
    out = []
    for spec in schema.index_specs():
        name = f"qdkg_{spec.label.lower()}_{spec.prop}"
        lbl = schema.label(spec.label)
        if spec.text:
            out.append("CREATE TEXT INDEX %s_text IF NOT EXISTS FOR (n:%s) ON (n.%s)" % (name, lbl, spec.prop))
        elif spec.unique:
            out.append("CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.%s IS UNIQUE" % (name, lbl, spec.prop))
        else:
            out.append("CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.%s)" % (name, lbl, spec.prop))
    return out


def _one_line(error: BaseException) -> str:
    """A driver message on one line: the socket's reason where there is one ("Connection refused")."""
    text = str(error)
    reason = re.search(r"reason (?:\[Errno \d+\] )?([^)\n]+)", text)
    if reason:
        return reason.group(1).strip()
    return " ".join(text.split())


class Neo4jStore:
    """Cypher over Neo4j; reads run in read transactions, which the server refuses to let write."""

    backend = "neo4j"

    def __init__(
        self,
        uri: str,
        *,
        user: str = "neo4j",
        password: str | None = None,
        database: str | None = None,
        read_only: bool = False,
    ):
        self.uri, self.user, self.password, self.database = uri, user, password, database
        self.read_only = read_only
        self._driver: Any = None

    def _drv(self) -> Any:
        if self._driver is None:
            from neo4j import GraphDatabase

            if self.password is None:
                raise StoreError(f"no password for {self.uri}; set QDKG_PASSWORD (and QDKG_USER if not 'neo4j')")
            # The driver logs retries and server notifications through the "neo4j" logger; without a handler
            # Python would print them on stderr. Applications that configure logging still receive them.
            logging.getLogger("neo4j").addHandler(logging.NullHandler())
            driver = GraphDatabase.driver(
                self.uri,
                auth=(self.user, self.password),
                connection_timeout=10,
                max_transaction_retry_time=5,
                notifications_min_severity="OFF",
            )
            try:
                self._translate(driver.verify_connectivity)  # fail fast: no retries against a server that is down
            except StoreError:
                driver.close()
                raise
            self._driver = driver
        return self._driver

    def _translate(self, call: Any) -> Any:
        """Run ``call`` and turn driver errors into one-line :class:`StoreError` s."""
        from neo4j import exceptions as nx

        try:
            return call()
        except nx.AuthError as e:
            raise StoreError(
                f"{self.uri} refused user {self.user!r}; check QDKG_USER and QDKG_PASSWORD"
            ) from e
        except nx.CypherSyntaxError as e:
            raise QuerySyntaxError(f"Cypher error: {' '.join((e.message or str(e)).split())}") from e
        except nx.ClientError as e:
            msg = " ".join((e.message or str(e)).split())
            code = e.code or ""
            if code.endswith("DatabaseNotFound"):
                raise StoreError(
                    f"{self.uri} has no database {self.database!r}; set QDKG_DATABASE to one that exists "
                    "(Neo4j community has one: neo4j), or unset it for the server's default"
                ) from e
            if "read access mode" in msg.lower() or "writing in read" in msg.lower():
                raise ReadOnlyError(
                    "the query would change the graph and this command runs read-only; "
                    "use `qdkg cypher --write` to change the graph"
                ) from e
            raise StoreError(f"the store rejected the query: {msg}") from e
        except (nx.ServiceUnavailable, nx.SessionExpired, OSError) as e:
            raise StoreError(f"cannot reach Neo4j at {self.uri} ({_one_line(e)}); {START_HINT}") from e
        except nx.Neo4jError as e:
            raise StoreError(f"Neo4j error: {' '.join((e.message or str(e)).split())}") from e
        except nx.DriverError as e:
            raise StoreError(f"Neo4j driver error for {self.uri}: {_one_line(e)}") from e

    def _run(self, work: Any, *, write: bool) -> Any:
        def call() -> Any:
            with self._drv().session(database=self.database) as session:
                return session.execute_write(work) if write else session.execute_read(work)

        return self._translate(call)

    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> Rows:
        def work(tx: Any) -> Rows:
            result = tx.run(cypher, dict(params or {}))
            return [{k: to_plain(v) for k, v in rec.items()} for rec in result]

        return self._run(work, write=False)

    def write(self, cypher: str, params: Mapping[str, Any] | None = None) -> WriteCounts:
        return self.write_batch([(cypher, params or {})])

    def write_batch(self, statements: Iterable[Statement]) -> WriteCounts:
        if self.read_only:
            raise ReadOnlyError(f"{self.describe()} is open read-only; pass --write to change the graph")
        batch = list(statements)

        def work(tx: Any) -> WriteCounts:
            total = WriteCounts()
            for cypher, params in batch:
                total.add(_counts(tx.run(cypher, dict(params)).consume()))
            return total

        return self._run(work, write=True)

    def init_schema(self) -> list[str]:
        """Create what is missing; ``IF NOT EXISTS`` makes the DDL safe to rerun, and the summary's counters
        say whether a statement created anything."""
        created: list[str] = []
        for ddl in constraint_statements():

            def work(tx: Any, q: str = ddl) -> int:
                c = tx.run(q).consume().counters
                return int(c.constraints_added + c.indexes_added)

            if self._run(work, write=True):
                created.append(ddl)
        created += _index_aliases(self)
        return created

    def clear(self) -> None:
        if self.read_only:
            raise ReadOnlyError(f"{self.describe()} is open read-only")
        while self.write("MATCH (n) WITH n LIMIT $n DETACH DELETE n", {"n": CLEAR_BATCH}).nodes_deleted:
            pass

    def describe(self) -> str:
        return f"Neo4j at {self.uri}" + (f", database {self.database}" if self.database else "")

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None


def _index_aliases(store: Any) -> list[str]:
    """The alias index of a store written before it existed (graph/aliases.py), built once with the schema."""
    from qdkg.graph.aliases import ensure_alias_index

    n = ensure_alias_index(store)
    return [f"alias index: {n} aliases of existing entities"] if n else []
