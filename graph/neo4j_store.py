"""Neo4j backend through the official driver: one server, a cluster, or Aura."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from qdkg.errors import QuerySyntaxError, ReadOnlyError, StoreError
from qdkg.graph import schema
from qdkg.graph.store import Rows, Statement, WriteCounts
from qdkg.graph.values import to_plain


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
        if spec.unique:
            out.append("CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.%s IS UNIQUE" % (name, lbl, spec.prop))
        else:
            out.append("CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.%s)" % (name, lbl, spec.prop))
    return out


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
            self._driver = GraphDatabase.driver(
                self.uri, auth=(self.user, self.password), connection_timeout=10, max_transaction_retry_time=5
            )
        return self._driver

    def _run(self, work: Any, *, write: bool) -> Any:
        from neo4j import exceptions as nx

        try:
            with self._drv().session(database=self.database) as session:
                return session.execute_write(work) if write else session.execute_read(work)
        except nx.AuthError as e:
            raise StoreError(
                f"{self.uri} refused user {self.user!r}; check QDKG_USER and QDKG_PASSWORD"
            ) from e
        except nx.CypherSyntaxError as e:
            raise QuerySyntaxError(f"Cypher error: {e.message or e}") from e
        except nx.ClientError as e:
            msg = e.message or str(e)
            if "read access mode" in msg.lower() or "writing in read" in msg.lower():
                raise ReadOnlyError(f"the query would write, and reads run read-only ({msg})") from e
            raise StoreError(f"the store rejected the query: {msg}") from e
        except (nx.ServiceUnavailable, nx.SessionExpired, OSError) as e:
            raise StoreError(
                f"cannot reach Neo4j at {self.uri}: {e}; start it with `docker compose up -d` or check QDKG_URI"
            ) from e
        except nx.Neo4jError as e:
            raise StoreError(f"Neo4j error: {e.message or e}") from e
        except nx.DriverError as e:
            raise StoreError(f"Neo4j driver error for {self.uri}: {e}") from e

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
        created: list[str] = []
        for ddl in constraint_statements():
            try:
                self._run(lambda tx, q=ddl: tx.run(q).consume(), write=True)
            except StoreError:
                # FalkorDB's Bolt endpoint (used by the tests) has no Neo4j DDL; a real Neo4j never lands here.
                if "falkordb" in self._server_agent().lower():
                    return created
                raise
            created.append(ddl)
        return created

    def _server_agent(self) -> str:
        try:
            return str(self._drv().get_server_info().agent)
        except Exception:
            return ""

    def clear(self) -> None:
        self.write("MATCH (n) DETACH DELETE n")

    def describe(self) -> str:
        return f"Neo4j at {self.uri}" + (f", database {self.database}" if self.database else "")

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None
