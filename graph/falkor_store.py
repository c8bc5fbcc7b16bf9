"""FalkorDB backend: the embedded server (default) or any FalkorDB reachable over the Redis protocol."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from qdkg.errors import QuerySyntaxError, ReadOnlyError, StoreError
from qdkg.graph import schema
from qdkg.graph.store import DEFAULT_GRAPH, Rows, Statement, WriteCounts
from qdkg.graph.values import to_plain

_SYNTAX_HINTS = ("invalid input", "syntax error", "unknown function", "not defined", "errmsg", "type mismatch")


class FalkorStore:
    """Cypher over one FalkorDB graph. Reads go through GRAPH.RO_QUERY, which refuses writes."""

    backend = "falkordb"

    def __init__(
        self,
        *,
        host: str,
        port: int,
        password: str | None,
        graph: str = DEFAULT_GRAPH,
        read_only: bool = False,
        label: str | None = None,
    ):
        self.host, self.port, self.password, self.graph_name = host, port, password, graph
        self.read_only = read_only
        self._label = label or f"FalkorDB at {host}:{port}, graph {graph}"
        self._db: Any = None
        self._graph: Any = None

    @classmethod
    def from_uri(cls, uri: str, *, password: str | None = None, read_only: bool = False) -> FalkorStore:
        parts = urlsplit(uri)
        graph = parts.path.strip("/") or DEFAULT_GRAPH
        return cls(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 6379,
            password=unquote(parts.password) if parts.password else password,
            graph=graph,
            read_only=read_only,
        )

    # -- connection -------------------------------------------------------------------------------
    def _g(self) -> Any:
        if self._graph is None:

            def connect(_q: str, _p: Any) -> tuple[Any, Any]:
                from falkordb import FalkorDB

                db = FalkorDB(host=self.host, port=self.port, password=self.password, socket_connect_timeout=5)
                graph = db.select_graph(self.graph_name)
                # Reads on a graph that does not exist yet fail with "empty key"; an empty graph answers instead.
                if self.graph_name not in db.list_graphs():
                    graph.query("RETURN 1")
                return db, graph

            self._db, self._graph = self._call(connect, "", None)
        return self._graph

    def _call(self, fn: Any, cypher: str, params: Mapping[str, Any] | None) -> Any:
        import redis.exceptions as rex

        try:
            return fn(cypher, dict(params) if params else None)
        except rex.AuthenticationError as e:
            raise StoreError(
                f"{self.describe()} refused the password; set QDKG_PASSWORD to the server's password"
            ) from e
        except rex.ConnectionError as e:
            if "auth" in str(e).lower() or "password" in str(e).lower():
                raise StoreError(
                    f"{self.describe()} refused the password; set QDKG_PASSWORD to the server's password"
                ) from e
            raise StoreError(
                f"cannot reach {self.describe()}: {e}; run `qdkg db start` or check QDKG_URI"
            ) from e
        except rex.ResponseError as e:
            msg = str(e)
            low = msg.lower()
            if "read-only" in low or "ro_query" in low or "is a write" in low:
                raise ReadOnlyError("the query would change the graph and this command runs read-only; "
                                    "use `qdkg cypher --write` to change the graph") from e
            if "noauth" in low or "wrongpass" in low:
                raise StoreError(f"{self.describe()} refused the password; set QDKG_PASSWORD") from e
            if any(h in low for h in _SYNTAX_HINTS):
                raise QuerySyntaxError(f"Cypher error: {msg.strip()}") from e
            raise StoreError(f"the store rejected the query: {msg.strip()}") from e

    @staticmethod
    def _rows(result: Any) -> Rows:
        names = [h[1] if isinstance(h, (list, tuple)) else h for h in (result.header or [])]
        return [dict(zip(names, (to_plain(v) for v in row))) for row in result.result_set or []]

    @staticmethod
    def _counts(result: Any) -> WriteCounts:
        return WriteCounts(
            nodes_created=int(result.nodes_created),
            nodes_deleted=int(result.nodes_deleted),
            relationships_created=int(result.relationships_created),
            relationships_deleted=int(result.relationships_deleted),
            properties_set=int(result.properties_set),
        )

    # -- GraphStore -------------------------------------------------------------------------------
    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> Rows:
        return self._rows(self._call(self._g().ro_query, cypher, params))

    def write(self, cypher: str, params: Mapping[str, Any] | None = None) -> WriteCounts:
        if self.read_only:
            raise ReadOnlyError(f"{self.describe()} is open read-only; pass --write to change the graph")
        return self._counts(self._call(self._g().query, cypher, params))

    def write_batch(self, statements: Iterable[Statement]) -> WriteCounts:
        """Several statements in one MULTI/EXEC block: one round trip and one fsync of the append-only file,
        run in order with no other client's command between them. FalkorDB has no rollback: a statement that
        fails does not undo the ones before it (the writer's ``loading`` mark covers that)."""
        if self.read_only:
            raise ReadOnlyError(f"{self.describe()} is open read-only; pass --write to change the graph")
        batch = list(statements)
        if len(batch) == 1:
            return self.write(*batch[0])
        total = WriteCounts()
        if not batch:
            return total
        g = self._g()

        def run(_q: str, _p: Any) -> list[Any]:
            pipe = self._db.connection.pipeline(transaction=True)
            for cypher, params in batch:
                header = g._build_params_header(dict(params)) if params else ""
                pipe.execute_command("GRAPH.QUERY", self.graph_name, header + cypher, "--compact")
            return list(pipe.execute())

        from falkordb.query_result import QueryResult

        for response in self._call(run, "", None):
            total.add(self._counts(QueryResult(g, response)))
        return total

    def init_schema(self) -> list[str]:
        g = self._g()
        existing = set()
        for row in self.query("CALL db.indexes() YIELD label, properties RETURN label, properties"):
            for prop in row["properties"] or []:
                existing.add((row["label"], prop))
        created = []
        for spec in schema.index_specs():
            if not spec.text and (spec.label, spec.prop) not in existing:
                self._call(lambda _q, _p, s=spec: g.create_node_range_index(s.label, s.prop), "", None)
                created.append(f"index on :{spec.label}({spec.prop})")
        constraints = {
            (c.get("label"), tuple(c.get("properties") or ()))
            for c in self._list_constraints()
        }
        for spec in schema.index_specs():
            if spec.unique and (spec.label, (spec.prop,)) not in constraints:
                try:
                    g._create_constraint("UNIQUE", "NODE", spec.label, spec.prop)
                    created.append(f"unique :{spec.label}({spec.prop})")
                except Exception as e:  # an existing duplicate key makes the constraint fail
                    raise StoreError(f"cannot create unique constraint on :{spec.label}({spec.prop}): {e}") from e
        created += _index_aliases(self)
        return created

    def _list_constraints(self) -> list[dict[str, Any]]:
        rows = self.query("CALL db.constraints() YIELD type, label, properties RETURN type, label, properties")
        return [r for r in rows if r.get("type") == "UNIQUE"]

    def clear(self) -> None:
        if self.read_only:
            raise ReadOnlyError(f"{self.describe()} is open read-only")
        g = self._g()
        try:
            if self.graph_name in self._db.list_graphs():
                g.delete()
        except Exception as e:
            raise StoreError(f"cannot clear {self.describe()}: {e}") from e
        self._graph = None  # recreated (empty) on next use

    def describe(self) -> str:
        return self._label

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.connection.close()
            except Exception:
                pass
        self._db = self._graph = None


def _index_aliases(store: Any) -> list[str]:
    """The alias index of a store written before it existed (graph/aliases.py), built once with the schema."""
    from qdkg.graph.aliases import ensure_alias_index

    n = ensure_alias_index(store)
    return [f"alias index: {n} aliases of existing entities"] if n else []
