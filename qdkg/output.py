"""Render rows (a list of dicts) as a terminal table, JSON, CSV, Markdown or Excel.

Tables are laid out by display width, so Chinese text (two columns a character) lines up.
CSV files carry a BOM so that Excel opens them with Chinese intact; JSON is UTF-8, unescaped.
Spreadsheet outputs never carry a live formula: a text cell that starts like one (=, +, -, @, tab,
CR; a planner's table may hold ``=HYPERLINK(…)`` as a project name) is written to CSV behind a ``'``
and to Excel as a cell typed text. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qdkg.errors import ExportError

TEXT_FORMATS = ("table", "json", "csv", "md", "jsonl")
FORMATS = (*TEXT_FORMATS, "xlsx")
MAX_CELL_WIDTH = 60


def columns_of(rows: Sequence[dict[str, Any]]) -> list[str]:
    cols: list[str] = []
    for row in rows:
        for k in row:
            if k not in cols:
                cols.append(k)
    return cols


def cell_text(value: Any) -> str:
    """A cell as text: lists joined with '、', nested values as compact JSON, None as ''."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        if all(isinstance(v, (str, int, float)) for v in value):
            return "、".join(cell_text(v) for v in value)
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


#: How a spreadsheet recognises a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


def spreadsheet_text(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet evaluates: a formula-like start gets a leading ``'``.

    A plain number written as text (``-3``, ``+5.5%``) is left alone: a spreadsheet reads it as the
    number it is, and nothing in it can run."""
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def display_width(text: str) -> int:
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)


def _fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` display columns, marking the cut with '…'."""
    text = text.replace("\n", " ")
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = max(display_width(ch), 0)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def render_table(rows: Sequence[dict[str, Any]], *, max_width: int = MAX_CELL_WIDTH) -> str:
    if not rows:
        return "(no rows)"
    cols = columns_of(rows)
    cells = [[_fit(cell_text(r.get(c)), max_width) for c in cols] for r in rows]
    widths = [max([display_width(c)] + [display_width(row[i]) for row in cells]) for i, c in enumerate(cols)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(cols, widths)).rstrip()]
    lines.append("  ".join("─" * w for w in widths))
    lines.extend("  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in cells)
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def render_json(rows: Sequence[dict[str, Any]]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=2, default=str)


def render_jsonl(rows: Sequence[dict[str, Any]]) -> str:
    """One JSON object a line (UTF-8, unescaped): for streams and tools such as jq."""
    return "\n".join(json.dumps(r, ensure_ascii=False, default=str) for r in rows)


def render_csv(rows: Sequence[dict[str, Any]]) -> str:
    buf = io.StringIO()
    cols = columns_of(rows)
    # CRLF (RFC 4180): the writer then quotes a cell holding a lone CR, which "\n" endings left bare (a broken row)
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([spreadsheet_text(c) for c in cols])
    for r in rows:
        writer.writerow([spreadsheet_text(cell_text(r.get(c))) for c in cols])
    return buf.getvalue()


_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def write_xlsx(rows: Sequence[dict[str, Any]], path: Path, *, title: str | None = None) -> None:
    """An Excel sheet: numbers as numbers, everything else as cells typed text (data type 's'), so a value
    such as ``=HYPERLINK(…)`` is shown as written and never runs."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    sheet = book.active
    sheet.title = _SHEET_NAME_BAD.sub(" ", title or "qdkg")[:31].strip() or "qdkg"
    cols = columns_of(rows)

    def put(row: int, col: int, value: Any) -> None:
        cell = sheet.cell(row=row, column=col)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            cell.value = value
            return
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", cell_text(value))
        cell.data_type = "s"  # set after the value: openpyxl types a text starting with '=' as a formula

    for j, c in enumerate(cols, 1):
        put(1, j, c)
    for i, r in enumerate(rows, 2):
        for j, c in enumerate(cols, 1):
            put(i, j, r.get(c))
    book.save(path)


def render_md(rows: Sequence[dict[str, Any]], *, title: str | None = None) -> str:
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    cols = columns_of(rows)
    lines = [f"## {title}", ""] if title else []
    if not rows:
        return "\n".join(lines + ["_(no rows)_"]) + "\n"
    lines.append("| " + " | ".join(esc(c) for c in cols) + " |")
    lines.append("|" + "|".join(" --- " for _ in cols) + "|")
    lines.extend("| " + " | ".join(esc(cell_text(r.get(c))) for c in cols) + " |" for r in rows)
    return "\n".join(lines) + "\n"


def render(rows: Sequence[dict[str, Any]], fmt: str, *, title: str | None = None) -> str:
    if fmt == "table":
        return render_table(rows)
    if fmt == "json":
        return render_json(rows)
    if fmt == "csv":
        return render_csv(rows)
    if fmt == "md":
        return render_md(rows, title=title)
    if fmt == "jsonl":
        return render_jsonl(rows)
    raise ExportError(f"format {fmt!r} cannot be printed; use one of {', '.join(TEXT_FORMATS)}, or -o FILE for xlsx")


def write_rows(rows: Sequence[dict[str, Any]], fmt: str, path: Path, *, title: str | None = None) -> Path:
    """Write rows to ``path`` atomically (a temporary file renamed into place)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if fmt == "xlsx":
            write_xlsx(rows, tmp, title=title)
        else:
            text = render(rows, fmt, title=title)
            tmp.write_text(text if text.endswith("\n") else text + "\n",
                           encoding="utf-8-sig" if fmt == "csv" else "utf-8")
        tmp.replace(path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {e.strerror or e}") from e
    return path
