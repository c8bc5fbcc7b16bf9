"""Run a pack on a store: fill defaults, coerce types, resolve names, refuse writes.

Name-typed parameters go through :mod:`qdkg.graph.lookup`, so 西海岸新区 reaches
青岛西海岸新区 and a name the graph does not know fails with "did you mean". The query
itself runs through ``store.query``, which both backends run read-only.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from qdkg.errors import NotFoundError, QueryPackError, ReadOnlyError
from qdkg.graph.store import GraphStore, Rows
from qdkg.queries.pack import Pack, Param, write_clauses


@dataclass
class ReportResult:
    """The rows of one run, with the parameters actually sent and what names resolved to."""

    pack: Pack
    params: dict[str, Any]
    rows: Rows
    resolved: dict[str, str] = field(default_factory=dict)  # param -> canonical name, where it differs
    seconds: float = 0.0


def guess_value(text: str) -> Any:
    """A value typed on the command line, read as what it looks like: '10' -> 10, '2.5' -> 2.5,
    'true' -> True, 'null' -> None, '[1,2]' -> [1, 2]; '0532' stays text (a code, not a number)."""
    import json

    low = text.lower()
    if low in ("true", "false"):
        return low == "true"
    if low == "null":
        return None
    if len(text) > 1 and text.startswith("0") and text.isdigit():
        return text
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    if text[:1] in "[{":
        try:
            return json.loads(text)
        except ValueError:
            pass
    return text


def coerce(param: Param, value: Any) -> Any:
    """A user-given value (often text from ``-p``) as the parameter's type."""
    if value is None:
        return None
    if param.type == "any":  # a query file without a header: the value is what it looks like
        return guess_value(value) if isinstance(value, str) else value
    where = f"parameter {param.name!r} ({param.type})"
    if param.type == "int":
        if isinstance(value, bool):
            raise QueryPackError(f"{where}: {value!r} is not a whole number")
        try:
            if isinstance(value, float) and not value.is_integer():
                raise ValueError
            return int(value)
        except (TypeError, ValueError):
            raise QueryPackError(f"{where}: {value!r} is not a whole number, e.g. -p {param.name}={param.example}") \
                from None
    if param.type == "float":
        try:
            return float(value)
        except (TypeError, ValueError):
            raise QueryPackError(f"{where}: {value!r} is not a number, e.g. -p {param.name}={param.example}") from None
    if param.type == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "yes", "1", "是"):
            return True
        if text in ("false", "no", "0", "否"):
            return False
        raise QueryPackError(f"{where}: {value!r} is not true or false")
    return str(value)


def resolve_name(store: GraphStore, param: Param, value: str) -> str:
    """The canonical name a user-typed name stands for (within the parameter's label if it has one)."""
    from qdkg.graph.lookup import resolve

    try:
        matches = resolve(store, value, label=param.label)
    except NotFoundError as e:
        if param.label is None:
            raise
        # The extractor may have typed the thing differently; any label will do before giving up.
        try:
            matches = resolve(store, value)
        except NotFoundError:
            raise e from None
    return matches[0].name


def prepare_params(pack: Pack, given: Mapping[str, Any] | None, store: GraphStore | None = None) -> tuple[
        dict[str, Any], dict[str, str]]:
    """The parameters to send: declared defaults, overridden by ``given``, coerced and resolved.

    Returns ``(params, resolved)`` where ``resolved`` maps each name parameter to the canonical
    name it was changed to. Unknown or missing parameters raise :class:`QueryPackError`.
    """
    given = dict(given or {})
    unknown = [k for k in given if pack.param(k) is None]
    if unknown:
        declared = ", ".join(p.name for p in pack.params) or "none"
        raise QueryPackError(f"report {pack.id!r} has no parameter {', '.join(unknown)}; its parameters: {declared}")
    params: dict[str, Any] = {}
    resolved: dict[str, str] = {}
    for p in pack.params:
        value = given.get(p.name, p.default)
        if value is None:
            hint = f"the query uses ${p.name}" if p.type == "any" else f"{p.type}, for example {p.example}"
            raise QueryPackError(f"report {pack.id!r} needs -p {p.name}=VALUE ({hint})")
        value = coerce(p, value)
        if p.is_name and store is not None and value != "":
            canonical = resolve_name(store, p, value)
            if canonical != value:
                resolved[p.name] = canonical
            value = canonical
        params[p.name] = value
    return params, resolved


def run_pack(store: GraphStore, pack: Pack, params: Mapping[str, Any] | None = None) -> ReportResult:
    """Run one report read-only and return its rows."""
    writes = write_clauses(pack.text)
    if writes:  # packs read from disk are checked when parsed; this guards hand-built ones
        raise ReadOnlyError(f"{pack.source}: reports are read-only but the query has {', '.join(sorted(set(writes)))}")
    values, resolved = prepare_params(pack, params, store)
    started = time.perf_counter()
    rows = store.query(pack.text, values)
    return ReportResult(pack, values, rows, resolved, time.perf_counter() - started)


def run_report(store: GraphStore, name: str, params: Mapping[str, Any] | None = None) -> ReportResult:
    """Run a report by id (or ``.cypher`` path): the notebook entry point."""
    from qdkg.queries.pack import find_pack

    return run_pack(store, find_pack(name), params)
