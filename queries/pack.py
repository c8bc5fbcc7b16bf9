"""Canned reports as data: a ``.cypher`` file whose comment header says what it is.

A pack is plain Cypher that opens in Neo4j Browser as it is; the header is a block of
``// key: value`` comment lines at the top of the file (one key per line)::

    // id: district-profile
    // title_zh: 区域画像
    // title_en: District profile
    // description: Everything located in a place and in the places within it.
    // param: district | name:District | 董家口 | 西海岸新区 | the place (aliases work)
    // mode: read

``param`` is ``NAME | TYPE | DEFAULT | EXAMPLE [| HELP]``; ``-`` as the default means the
parameter is required. Types: ``string``, ``int``, ``float``, ``bool``, and ``name`` or
``name:Label`` for an entity name the runner resolves through aliases. The declared
parameters must equal the ``$params`` the text uses (as datasette's ``named_parameters``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from qdkg.errors import QueryPackError, SchemaError
from qdkg.graph import schema

#: Folder holding the packs shipped with qdkg (read from the source tree in editable installs).
PACK_ROOT = Path(__file__).resolve().parent

REQUIRED_KEYS = ("id", "title_zh", "title_en", "description")
KNOWN_KEYS = (*REQUIRED_KEYS, "param", "mode")
SCALAR_TYPES = ("string", "int", "float", "bool")
NO_DEFAULT = "-"

_HEADER_LINE = re.compile(r"^//\s*([a-z_]+)\s*:\s*(.*?)\s*$")
_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
# Strings and comments are blanked before looking for $params and write clauses.
_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL)
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_WRITE = re.compile(
    r"(?<![.\w])(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|FOREACH|LOAD\s+CSV)\b|(?<![.\w])CALL\s+(?!db\.(labels|relationshipTypes|"
    r"propertyKeys|indexes|constraints)\b)[A-Za-z_.]+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Param:
    """One declared parameter of a pack."""

    name: str
    type: str  # "string" | "int" | "float" | "bool" | "name" | "name:Label"
    default: object  # None when required
    example: str
    help: str = ""

    @property
    def required(self) -> bool:
        return self.default is None

    @property
    def is_name(self) -> bool:
        return self.type == "name" or self.type.startswith("name:")

    @property
    def label(self) -> str | None:
        """The label a ``name:Label`` parameter is resolved within."""
        return self.type.split(":", 1)[1] if self.type.startswith("name:") else None


@dataclass(frozen=True)
class Pack:
    """A canned report: its header fields and its Cypher text."""

    id: str
    title_zh: str
    title_en: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path | None = None
    theme: str = ""
    mode: str = "read"

    @property
    def title(self) -> str:
        return f"{self.title_zh} / {self.title_en}"

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    @property
    def source(self) -> str:
        return str(self.path) if self.path else self.id


def strip_strings_and_comments(text: str) -> str:
    """The Cypher with string literals, quoted names and comments blanked (same length)."""
    return _STRINGS_AND_COMMENTS.sub(lambda m: " " * len(m.group(0)), text)


def named_parameters(text: str) -> list[str]:
    """The ``$params`` a Cypher text uses, in order of first use (strings and comments ignored)."""
    out: list[str] = []
    for name in _PARAM.findall(strip_strings_and_comments(text)):
        if name not in out:
            out.append(name)
    return out


def write_clauses(text: str) -> list[str]:
    """Clauses that would change the graph (CREATE, MERGE, SET, DELETE, ... or a procedure call)."""
    return [m.group(0).split()[0].upper() if not m.group(0).upper().startswith("CALL") else m.group(0)
            for m in _WRITE.finditer(strip_strings_and_comments(text))]


def _coerce_default(raw: str, type_: str, where: str) -> object:
    if raw == NO_DEFAULT:
        return None
    try:
        if type_ == "int":
            return int(raw)
        if type_ == "float":
            return float(raw)
        if type_ == "bool":
            if raw.lower() not in ("true", "false"):
                raise ValueError(raw)
            return raw.lower() == "true"
    except ValueError:
        raise QueryPackError(f"{where}: default {raw!r} is not a valid {type_}") from None
    if raw in ("''", '""'):
        return ""
    return raw


def parse_param(value: str, where: str) -> Param:
    """``NAME | TYPE | DEFAULT | EXAMPLE [| HELP]`` as a :class:`Param`."""
    fields = [f.strip() for f in value.split("|")]
    if len(fields) < 4:
        raise QueryPackError(
            f"{where}: param needs 'NAME | TYPE | DEFAULT | EXAMPLE [| HELP]', got {value!r}"
        )
    name, type_, raw_default, example = fields[:4]
    help_ = " | ".join(fields[4:])
    if not name.isidentifier():
        raise QueryPackError(f"{where}: parameter name {name!r} is not an identifier")
    base, _, label = type_.partition(":")
    if base == "name":
        if label:
            try:
                schema.label(label)
            except SchemaError as e:
                raise QueryPackError(f"{where}: {e}") from None
    elif type_ not in SCALAR_TYPES:
        raise QueryPackError(
            f"{where}: parameter type {type_!r} is unknown; use {', '.join(SCALAR_TYPES)}, name or name:Label"
        )
    return Param(name, type_, _coerce_default(raw_default, type_, where), example, help_)


def parse_pack(text: str, *, path: Path | None = None, theme: str = "") -> Pack:
    """Parse one pack's header and check it against its text; raise :class:`QueryPackError` if wrong."""
    source = str(path) if path else "<query>"
    fields: dict[str, str] = {}
    params: list[Param] = []
    body_start = 0
    lines = text.splitlines()
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//"):
            body_start = i
            break
        m = _HEADER_LINE.match(stripped)
        body_start = i + 1
        if not m:
            continue  # free comment lines in the header are allowed
        key, value = m.group(1), m.group(2)
        where = f"{source}:{i + 1}"
        if key not in KNOWN_KEYS:
            raise QueryPackError(f"{where}: unknown header key {key!r}; known keys: {', '.join(KNOWN_KEYS)}")
        if key == "param":
            params.append(parse_param(value, where))
        elif key in fields:
            raise QueryPackError(f"{where}: header key {key!r} given twice")
        else:
            fields[key] = value
    missing = [k for k in REQUIRED_KEYS if not fields.get(k)]
    if missing:
        raise QueryPackError(f"{source}: header lacks {', '.join(missing)} (a '// key: value' line each)")
    pack_id = fields["id"]
    if not _ID.match(pack_id):
        raise QueryPackError(f"{source}: id {pack_id!r} must be lower-case words joined by '-'")
    mode = fields.get("mode", "read")
    if mode != "read":
        raise QueryPackError(f"{source}: mode {mode!r} is not supported; reports are read-only (mode: read)")
    body = "\n".join(lines[body_start:]).strip()
    if not body:
        raise QueryPackError(f"{source}: no Cypher after the header")
    names = [p.name for p in params]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise QueryPackError(f"{source}: parameter declared twice: {', '.join(dupes)}")
    used = named_parameters(body)
    undeclared = [n for n in used if n not in names]
    unused = [n for n in names if n not in used]
    if undeclared:
        raise QueryPackError(f"{source}: the query uses ${', $'.join(undeclared)} but the header does not declare "
                             f"it; add a '// param: NAME | TYPE | DEFAULT | EXAMPLE' line")
    if unused:
        raise QueryPackError(f"{source}: the header declares {', '.join(unused)} but the query never uses it")
    writes = write_clauses(body)
    if writes:
        raise QueryPackError(f"{source}: reports are read-only but the query has {', '.join(sorted(set(writes)))}")
    return Pack(
        id=pack_id, title_zh=fields["title_zh"], title_en=fields["title_en"], description=fields["description"],
        params=tuple(params), text=body, path=path, theme=theme, mode=mode,
    )


def has_header(text: str) -> bool:
    """Whether the text starts with a pack header (an ``// id:`` line among its leading comments)."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//"):
            return False
        m = _HEADER_LINE.match(stripped)
        if m and m.group(1) == "id":
            return True
    return False


def plain_pack(text: str, path: Path) -> Pack:
    """A query file without a header (one copied from Neo4j Browser): each ``$param`` is required, and its
    value is read as what it looks like; it is still refused if it would write."""
    body = text.strip()
    if not body:
        raise QueryPackError(f"{path}: the file holds no Cypher")
    writes = write_clauses(body)
    if writes:
        raise QueryPackError(f"{path}: reports are read-only but the query has {', '.join(sorted(set(writes)))}")
    params = tuple(Param(name, "any", None, "VALUE") for name in named_parameters(body))
    pack_id = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "query"
    return Pack(id=pack_id, title_zh=path.stem, title_en=path.stem, description=f"Query from {path.name}",
                params=params, text=body, path=path)


def read_pack(path: str | Path, *, root: Path | None = None) -> Pack:
    """Parse a pack file; its theme is its folder below ``root``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryPackError(f"cannot read {path}: {getattr(e, 'strerror', None) or e}") from e
    theme = ""
    if root is not None:
        try:
            theme = "/".join(path.resolve().relative_to(root.resolve()).parts[:-1])
        except ValueError:
            theme = ""
    return parse_pack(text, path=path, theme=theme)


def load_packs(root: str | Path | None = None) -> dict[str, Pack]:
    """Every pack under ``root`` (default: the shipped packs), by id, sorted by theme then id."""
    base = Path(root) if root else PACK_ROOT
    return dict(_load(base.resolve()))


@lru_cache(maxsize=8)
def _load(base: Path) -> tuple[tuple[str, Pack], ...]:
    packs: dict[str, Pack] = {}
    for path in sorted(base.rglob("*.cypher")):
        pack = read_pack(path, root=base)
        if pack.id in packs:
            raise QueryPackError(f"{path}: id {pack.id!r} is also used by {packs[pack.id].path}")
        packs[pack.id] = pack
    return tuple(sorted(packs.items(), key=lambda kv: (kv[1].theme, kv[0])))


def find_pack(name: str, *, root: str | Path | None = None) -> Pack:
    """A pack by id, or a ``.cypher`` file path; an unknown id lists the closest ids."""
    if name.endswith(".cypher"):
        path = Path(name)
        if not path.is_file():
            raise QueryPackError(f"no such query file: {name}")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise QueryPackError(f"cannot read {path}: {getattr(e, 'strerror', None) or e}") from e
        return read_pack(path) if has_header(text) else plain_pack(text, path)
    packs = load_packs(root)
    if name in packs:
        return packs[name]
    close = difflib.get_close_matches(name, list(packs), n=4, cutoff=0.5)
    close += [p for p in packs if name and name in p and p not in close]
    hint = f"; did you mean: {', '.join(close[:5])}?" if close else ""
    raise QueryPackError(f"no report named {name!r}{hint} (`qdkg report list` shows them all)")
