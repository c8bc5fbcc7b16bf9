"""Resolve a name a user typed to entity nodes, through canonical names, aliases and keys.

西海岸新区 finds 青岛西海岸新区 when either lists the other as an alias. An exact name, key or alias is found
through the indexes (the key index and the alias index, graph/aliases.py); only a name found so nowhere reads
every name, for a unique containment or the closest names as suggestions of :class:`NotFoundError`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from qdkg.errors import NotFoundError
from qdkg.graph import aliases, schema
from qdkg.graph.store import GraphStore
from qdkg.loaders.names import name_key

_BY_KEY = "MATCH (n:%s {key: $key}) RETURN labels(n) AS labels, n.key AS key, n.name AS name, n.aliases AS aliases" % (
    schema.ENTITY
)
_ALL_NAMES = "MATCH (n:%s) RETURN labels(n) AS labels, n.key AS key, n.name AS name, n.aliases AS aliases" % (
    schema.ENTITY
)


@dataclass(frozen=True)
class Match:
    label: str
    key: str
    name: str


def all_names(store: GraphStore) -> list[tuple[Match, list[str]]]:
    """Every entity with its aliases (one query; fine for graphs of tens of thousands of nodes)."""
    out = []
    for row in store.query(_ALL_NAMES):
        m = Match(schema.primary_label(row["labels"] or []), row["key"], row["name"])
        out.append((m, list(row.get("aliases") or [])))
    return out


def exact_matches(store: GraphStore, wanted: str) -> list[Match] | None:
    """Entities whose key is ``wanted`` or one of whose aliases has that key, through the indexes; None on a
    store without an alias index (written before it existed, never opened for writing since)."""
    if not aliases.is_indexed(store):
        return None
    found: dict[tuple[str, str], Match] = {}
    for row in store.query(_BY_KEY, {"key": wanted}) + store.query(*aliases.lookup_key(wanted)):
        m = Match(schema.primary_label(row["labels"] or []), row["key"], row["name"])
        if m.key == wanted or wanted in {name_key(a) for a in row.get("aliases") or []}:  # the index may hold more
            found[(m.label, m.key)] = m
    return list(found.values())


def _sorted(exact: list[Match], wanted: str) -> list[Match]:
    return sorted(exact, key=lambda m: (m.key != wanted, m.label, m.name))


def resolve(store: GraphStore, name: str, *, label: str | None = None) -> list[Match]:
    """Entities whose key, name or an alias equals ``name`` (normalised); raise if there are none."""
    if label is not None:
        schema.label(label)
    wanted = name_key(name)
    indexed = exact_matches(store, wanted) if wanted else None
    if indexed is not None:
        exact = [m for m in indexed if label is None or m.label == label]
        if exact:
            return _sorted(exact, wanted)
    entries = [(m, forms) for m, forms in all_names(store) if label is None or m.label == label]
    exact = [m for m, forms in entries if m.key == wanted or wanted in {name_key(a) for a in forms}]
    if exact:
        return _sorted(exact, wanted)
    # A unique containment (董家口港区 for 董家口港) is a match too, before suggesting.
    contains = [m for m, _ in entries if wanted and (wanted in m.key)]
    if len(contains) == 1:
        return contains
    raise NotFoundError(f"no entity named {name!r}" + (f" with label {label}" if label else ""),
                        suggestions=suggest(entries, name))


def suggest(entries: list[tuple[Match, list[str]]], name: str, *, n: int = 5) -> list[str]:
    """The closest names, by containment first, then by similarity."""
    wanted = name_key(name)
    forms: dict[str, str] = {}
    for m, others in entries:
        for form in [m.name, *others]:
            forms.setdefault(name_key(form), m.name)
    containing = [forms[k] for k in forms if wanted and (wanted in k or k in wanted)]
    close = [forms[k] for k in difflib.get_close_matches(wanted, list(forms), n=n, cutoff=0.4)]
    out: list[str] = []
    for s in containing + close:
        if s not in out:
            out.append(s)
    return out[:n]
