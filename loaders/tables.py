"""Planners' own project spreadsheets (CSV, Excel) as a document in the graph.

Each row names one entity (a project unless a type column says otherwise) and, where the
columns give them, its place (LOCATED_IN), industry (IN_INDUSTRY), owner (OWNED_BY) and stage.
The rows become the document's text, one line a row, so every fact keeps its provenance: the
row it came from. Headers are matched through ``table_columns.yaml``; a bad row stops the
file with its row number, and nothing of the file is written.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from qdkg.errors import LoaderError
from qdkg.graph import schema
from qdkg.loaders.model import Document, Entity, GraphBatch, Mention, Relation, Section
from qdkg.loaders.names import name_key
from qdkg.loaders.safe_files import DEFAULT_MAX_SIZE, check_zip_package, read_file

TABLE_EXTENSIONS = (".csv", ".xlsx", ".xls")


@dataclass(frozen=True)
class ColumnSpec:
    columns: dict[str, list[str]]
    types: dict[str, list[str]]
    stages: dict[str, list[str]]


@lru_cache(maxsize=1)
def column_spec() -> ColumnSpec:
    import yaml

    raw = yaml.safe_load(resources.files("qdkg.loaders").joinpath("table_columns.yaml").read_text(encoding="utf-8"))
    return ColumnSpec(raw["columns"], raw["types"], raw["stages"])


def _norm_header(h: Any) -> str:
    return re.sub(r"[\s_（）()/]+", " ", str(h)).strip().lower()


def map_columns(headers: list[str], path: str) -> dict[str, str]:
    """Field -> the header that holds it. A table without a name column is refused."""
    spec = column_spec()
    by_norm = {_norm_header(h): h for h in headers}
    found: dict[str, str] = {}
    for field_name, names in spec.columns.items():
        wanted = [_norm_header(n) for n in names]
        exact = [by_norm[w] for w in wanted if w in by_norm]
        # "总投资（亿元）" is the 总投资 column: a header that starts with a known name, then a unit
        prefixed = [h for w in wanted for n, h in by_norm.items() if len(w) >= 2 and n.startswith(w + " ")]
        if exact or prefixed:
            found[field_name] = (exact or prefixed)[0]
    if "name" not in found:
        raise LoaderError(
            path, f"no name column among the headers ({', '.join(map(str, headers)) or 'none'}); "
            f"name one column {' or '.join(spec.columns['name'][:3])}", row=1,
        )
    return found


def _label_of(value: str, path: str, row: int) -> str:
    v = value.strip()
    if not v:
        return "Project"
    if v in schema.ENTITY_LABELS:
        return v
    for label, words in column_spec().types.items():
        if any(w.lower() == v.lower() or w in v for w in words):
            return label
    raise LoaderError(path, f"type {value!r} is not one of {', '.join(column_spec().types)} "
                            "(or 项目/机构/企业/产业/区域/行动/活动)", row=row)


def stage_of(value: str) -> str | None:
    v = value.strip().lower()
    if not v:
        return None
    # longest words first, so 新开工 (starting) is not read as 开工 by a shorter rule elsewhere
    pairs = sorted(((w, st) for st, ws in column_spec().stages.items() for w in ws), key=lambda p: -len(p[0]))
    return next((st for w, st in pairs if w.lower() in v), None)


def _canonicaliser():  # type: ignore[no-untyped-def]
    """Map a cell to the name the report extractor would give the same thing, so tables and reports join:
    places, industries and organisations through the gazetteers' aliases (即墨区 -> 即墨), projects
    without generic endings and phases (官路水库主体工程二期 -> 官路水库)."""
    from qdkg.loaders.extract.specific import canonical_project
    from qdkg.loaders.gazetteer import load_gazetteer

    gaz = load_gazetteer()

    def canonical(label: str, written: str) -> tuple[str, str, list[str]]:
        known = gaz.lookup(written)
        if known is not None and (known.label == label or {known.label, label} <= {"Company", "Institution"}):
            return known.label, known.name, []
        if label == "Project":
            name, phases = canonical_project(written, gaz)
            return label, name, phases
        return label, written, []

    return canonical


#: Rows read from one table at most. A planner's project list runs to hundreds of rows; a 100,000-row
#: export is refused at once instead of writing for many minutes (every row is a node and its links).
MAX_TABLE_ROWS = 10_000


#: Rows a section of a table holds. A section is the place a mention points at; a district named in
#: every row of one 10,000-row section took the store 75 s to write (edges between one pair of nodes
#: are matched one by one), in sections of 100 rows it is linear.
ROWS_PER_SECTION = 100


def _too_many_rows(path: Path) -> LoaderError:
    return LoaderError(str(path), f"has more than {MAX_TABLE_ROWS:,} rows, more than qdkg loads from one project "
                                  f"table; split it into tables of up to {MAX_TABLE_ROWS:,} rows",
                       row=MAX_TABLE_ROWS + 2)


def _cell_text(value: Any) -> str:
    """An Excel cell as the text a planner sees; a formula stays its text (``=HYPERLINK(…)``), never evaluated."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        return value.date().isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def _unique_headers(raw: list[str]) -> list[str]:
    """Blank headers named by position and repeated ones numbered, as pandas names them for CSV."""
    headers: list[str] = []
    for i, h in enumerate(raw):
        h = h.strip() or f"Unnamed: {i}"
        name, n = h, 0
        while name in headers:
            n += 1
            name = f"{h}.{n}"
        headers.append(name)
    return headers


def _xlsx_rows(path: Path, data: bytes) -> tuple[list[str], list[list[str]]]:
    """The first sheet, streamed (read-only mode): formulas come back as their text, values as shown."""
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        sheet = book.worksheets[0]
        rows: list[list[str]] = []
        for row in sheet.iter_rows(values_only=True):
            if len(rows) > MAX_TABLE_ROWS and any(v is not None for v in row):
                raise _too_many_rows(path)  # streamed: the rest of the sheet is never read
            rows.append([_cell_text(v) for v in row])
    finally:
        book.close()
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    if not rows:
        raise LoaderError(str(path), "the sheet is empty; give a table with a header row")
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return _unique_headers(rows[0]), rows[1:]


def read_rows(path: Path, *, max_size: int = DEFAULT_MAX_SIZE) -> tuple[list[str], list[dict[str, str]]]:
    """Headers and rows as text (every cell a string, blanks as ''), from CSV (UTF-8/GBK) or Excel.

    A cell is kept as written: ``=1+1`` or ``@SUM(A1)`` is text here, nothing is evaluated. Only a regular
    file within ``max_size`` (unpacked, for .xlsx) is read."""
    import pandas as pd

    data = read_file(path, max_size=max_size)
    if not data.strip():
        raise LoaderError(str(path), "the file is empty; give a table with a header row")
    records: list[list[str]]
    try:
        if path.suffix.lower() == ".csv":
            for enc in ("utf-8-sig", "gb18030"):
                try:
                    text = data.decode(enc)
                    break
                except UnicodeDecodeError:
                    continue
            else:
                raise LoaderError(str(path), "the file is not UTF-8 or GBK text; save it as CSV UTF-8 from Excel")
            import io

            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, nrows=MAX_TABLE_ROWS + 1)
            if len(frame) > MAX_TABLE_ROWS:
                raise _too_many_rows(path)
            headers = [str(h) for h in frame.columns]
            records = [["" if v is None else str(v) for v in rec] for rec in frame.itertuples(index=False)]
        elif path.suffix.lower() == ".xlsx":
            check_zip_package(path, data, max_size=max_size)
            headers, records = _xlsx_rows(path, data)
        else:
            import io

            frame = pd.read_excel(io.BytesIO(data), dtype=str, keep_default_na=False)
            headers = [str(h) for h in frame.columns]
            records = [["" if v is None else str(v) for v in rec] for rec in frame.itertuples(index=False)]
    except LoaderError:
        raise
    except Exception as e:  # pandas/openpyxl raise many kinds for broken files
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise LoaderError(str(path), f"cannot read the table ({first[:120]}); save it again as .csv or .xlsx") from e
    rows = [{h: v.strip() for h, v in zip(headers, rec)} for rec in records]
    return headers, rows


def table_batch(path: str | Path, *, city: str | None = None, year: int | None = None,
                max_size: int = DEFAULT_MAX_SIZE) -> GraphBatch:
    """Read a spreadsheet into a GraphBatch (pure apart from reading the file)."""
    path = Path(path)
    headers, rows = read_rows(path, max_size=max_size)
    cols = map_columns(headers, str(path))
    if not rows:
        raise LoaderError(str(path), "the table has a header but no rows", row=2)

    lines: list[str] = []
    for r in rows:
        lines.append("；".join(f"{h}：{r[h]}" for h in headers if r[h]))
    text = "\n".join(lines)
    from qdkg.loaders.reading import document_key, readable

    key = document_key(path)
    doc = Document(key=key, title=readable(path.stem), source=readable(path.name),
                   content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(), text=text, city=city, year=year)
    batch = GraphBatch(document=doc)
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line) + 1)
    for first in range(0, len(rows), ROWS_PER_SECTION):
        last = min(first + ROWS_PER_SECTION, len(rows))
        batch.sections.append(Section(
            key=f"{key}#rows-{first + 2}", doc=key, kind="table", level=1, order=first // ROWS_PER_SECTION,
            number="", title=f"{readable(path.name)} rows {first + 2}-{last + 1}", start=line_starts[first],
            end=line_starts[last] - 1))

    from qdkg.loaders.pipeline import city_qualifier

    entities: dict[tuple[str, str], Entity] = {}
    canonical = _canonicaliser()

    def entity(label: str, written: str) -> Entity:
        label, name, phases = canonical(label, written)
        k = (label, name_key(name))
        if k not in entities:
            entities[k] = Entity(label, name, props={"source": "table"}, qualifier=city_qualifier(name, label, city))
        if written != name:
            entities[k].aliases.add(written)
        if phases:
            entities[k].props["phase"] = "、".join(phases)
        return entities[k]

    offset = 0
    for i, (r, line) in enumerate(zip(rows, lines), start=2):  # row 1 is the header
        section = batch.sections[(i - 2) // ROWS_PER_SECTION]
        start_of_line = offset
        offset += len(line) + 1
        name = r[cols["name"]]
        if not name:
            if any(r.values()):
                raise LoaderError(str(path), f"the {cols['name']} cell is empty; fill it in or delete the row", row=i)
            continue
        label = _label_of(r.get(cols.get("type", ""), ""), str(path), i)
        ent = entity(label, name)
        for alias in re.split(r"[|、,，;；]", r.get(cols.get("aliases", ""), "")):
            if alias.strip():
                ent.aliases.add(alias.strip())
        for prop in ("investment", "description", "year"):
            if cols.get(prop) and r[cols[prop]]:
                ent.props[prop] = r[cols[prop]]

        def span(value: str, line: str = line, at_line: int = start_of_line) -> tuple[int, int]:
            at = line.find(value)
            return (at_line + at, at_line + at + len(value)) if at >= 0 else (at_line, at_line)

        stage = stage_of(r.get(cols.get("stage", ""), "")) if label == "Project" else None
        s0, s1 = span(name)
        batch.mentions.append(Mention(ent.ref, section.key, name, s0, s1, line, stage))
        if stage:
            batch.stages[ent.ref] = stage
        links = (("district", "District", "LOCATED_IN"), ("industry", "Industry", "IN_INDUSTRY"),
                 ("owner", "Company", "OWNED_BY"))
        for field_name, target_label, rel in links:
            value = r.get(cols.get(field_name, ""), "")
            for part in (p.strip() for p in re.split(r"[、,，;；/]", value)):
                if not part or name_key(part) == ent.key:
                    continue
                other = entity(target_label, part)
                t0, t1 = span(part)
                batch.mentions.append(Mention(other.ref, section.key, part, t0, t1, line))
                batch.relations.append(Relation(ent.ref, rel, other.ref, line, section.key, {"row": i}))
    batch.entities = list(entities.values())
    return batch
