"""Neo4j Browser, one step: the query packs as Browser saved scripts, the style sheet, and a guide.

:func:`write_browser_kit` writes into a directory:

- ``qdkg-saved-scripts.zip``: every pack as a ``.cypher`` file in a folder per theme. Browser names a
  saved script after its first comment line, so each file starts ``// <Chinese title>``; the next lines give
  the English title, the description and the ``:param`` lines to run first. Drag the zip onto Browser's
  *Saved Cypher* (star) drawer once.
- ``qdkg.grass``: the style (drag onto the Browser window, or ``:style`` and paste).
- ``qdkg-guide.md``: a Browser guide in Markdown (``:guide <url of the file>``): one slide per main report,
  with a runnable ``:param`` block filled with a real name from the loaded graph and the report's Cypher.

Everything is built from the packs and from read-only queries that run on either store.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qdkg.errors import ExportError
from qdkg.graph import schema
from qdkg.graph.store import GraphStore
from qdkg.queries.pack import PACK_ROOT, Pack, Param, load_packs

ZIP_NAME = "qdkg-saved-scripts.zip"
GRASS_NAME = "qdkg.grass"
GUIDE_NAME = "qdkg-guide.md"

#: The reports the guide walks through, in order.
GUIDE_REPORTS: tuple[str, ...] = (
    "overview", "district-profile", "industry-chain", "project-stages", "projects-by-district",
    "entity-neighbourhood", "transport-links", "targets", "data-quality",
)


@dataclass(frozen=True)
class BrowserKit:
    """What :func:`write_browser_kit` wrote."""

    directory: Path
    scripts: Path
    style: Path
    guide: Path
    script_count: int
    params: dict[str, dict[str, Any]]  # pack id -> the parameter values the guide sets


def param_line(name: str, value: Any) -> str:
    """A Browser ``:param`` command; the value as a Cypher literal (JSON is one for strings and numbers)."""
    return f":param {name} => {json.dumps(value, ensure_ascii=False)}"


def saved_script(pack: Pack, values: Mapping[str, Any] | None = None) -> str:
    """A pack as a Browser saved script: ``// <Chinese title>`` first, then how to run it, then the Cypher."""
    values = values or {}
    lines = [f"// {pack.title_zh}", f"// {pack.title_en}: {pack.description}"]
    if pack.params:
        lines.append("// 先设置参数 Set the parameters first:")
        for p in pack.params:
            lines.append(f"//   {param_line(p.name, values.get(p.name, p.default))}")
    return "\n".join(lines) + "\n" + pack.text.rstrip() + "\n"


def script_path(pack: Pack) -> str:
    """Where a pack goes in the zip: its theme folder, its id."""
    return f"{pack.theme or 'other'}/{pack.id}.cypher"


def write_scripts_zip(packs: Mapping[str, Pack], path: Path, values: Mapping[str, Mapping[str, Any]]) -> int:
    """Every pack into one zip of saved scripts; returns how many."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for pack in packs.values():
            zf.writestr(script_path(pack), saved_script(pack, values.get(pack.id)))
    return len(packs)


# --- real names for the parameters --------------------------------------------------------------

_MOST_LINKED = (
    "MATCH (n:%(label)s)-[r]-() WHERE type(r) IN $types "
    "WITH n, count(r) AS links RETURN n.name AS name ORDER BY links DESC, name LIMIT 1"
)


def most_linked_name(store: GraphStore, label: str | None) -> str | None:
    """The name of the entity (of ``label``) with the most typed links: a name worth showing."""
    lbl = schema.label(label) if label else schema.ENTITY
    types = [t for t in schema.ENTITY_REL_TYPES if t != "RELATED_TO"]
    rows = store.query(_MOST_LINKED % {"label": lbl}, {"types": types})
    return rows[0]["name"] if rows else None


def guide_values(store: GraphStore, pack: Pack) -> dict[str, Any]:
    """Parameter values for a pack: a real name from the graph for each name parameter, else the default."""
    out: dict[str, Any] = {}
    for p in pack.params:
        value: Any = p.default
        if p.is_name:
            value = most_linked_name(store, p.label) or p.default
        out[p.name] = value
    return out


# --- the guide ----------------------------------------------------------------------------------


def _param_block(params: Sequence[Param], values: Mapping[str, Any]) -> list[str]:
    if not params:
        return []
    lines = ["点击运行，设置参数 (click to run, sets the parameters):", "", "```cypher"]
    lines += [param_line(p.name, values[p.name]) for p in params]
    return lines + ["```", ""]


def guide_markdown(packs: Mapping[str, Pack], values: Mapping[str, Mapping[str, Any]], *,
                   reports: Sequence[str] = GUIDE_REPORTS) -> str:
    """A Browser guide: an opening slide, then one slide per report (slides are split by ``---`` lines)."""
    chosen = [packs[r] for r in reports if r in packs]
    slides = ["\n".join([
        "# qdkg 城市项目知识图谱 / Project graph",
        "",
        "政府工作报告中的项目、机构、企业、产业、区域与目标，以及它们之间的关系；每条关系都附原文句子。",
        "Click a grey block to put it in the editor, then run it. Set the parameters first (the `:param` block).",
        "",
        "To colour the graph, drag `qdkg.grass` onto this window. All reports are also in the saved scripts "
        f"(`{ZIP_NAME}`).",
        "",
        "Reports in this guide: " + ", ".join(f"{p.title_zh} ({p.title_en})" for p in chosen),
    ])]
    for pack in chosen:
        body = [f"## {pack.title_zh} / {pack.title_en}", "", pack.description, ""]
        body += _param_block(pack.params, values.get(pack.id, {}))
        body += ["```cypher", pack.text.rstrip(), "```"]
        slides.append("\n".join(body))
    return "\n\n---\n\n".join(slides) + "\n"


def write_browser_kit(store: GraphStore, directory: str | Path, *, pack_root: Path | None = None) -> BrowserKit:
    """Write the saved-scripts zip, the style and the guide into ``directory`` (created if missing)."""
    out = Path(directory)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"cannot create {out}: {e.strerror or e}") from e
    packs = load_packs(pack_root)
    values = {pid: guide_values(store, pack) for pid, pack in packs.items() if pack.params}
    grass_src = (pack_root or PACK_ROOT) / GRASS_NAME
    try:
        count = write_scripts_zip(packs, out / ZIP_NAME, values)
        style = out / GRASS_NAME
        style.write_text(grass_src.read_text(encoding="utf-8"), encoding="utf-8")
        guide = out / GUIDE_NAME
        guide.write_text(guide_markdown(packs, values), encoding="utf-8")
    except OSError as e:
        raise ExportError(f"cannot write the Browser kit into {out}: {e.strerror or e}") from e
    return BrowserKit(out, out / ZIP_NAME, style, guide, count, values)
