"""What every export shares: choosing the nodes, saying what was chosen, styles, atomic writes.

:func:`export_graph` turns an :class:`ExportSpec` (the CLI's selection options) into a
networkx graph whose ``graph`` attributes carry a title and a caption, so HTML, images and
graph files all say the same thing about what they show.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qdkg.errors import ExportError
from qdkg.graph import schema
from qdkg.graph.store import GraphStore

if TYPE_CHECKING:
    import networkx as nx

STYLES = Path(__file__).resolve().parent / "styles"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_TITLE = "项目知识图谱"
PROJECT = schema.label("Project")
#: How a year's entry in a project's trajectory reads when the report gives the project no stage.
NO_STAGE = "未标明阶段"


@dataclass(frozen=True)
class ExportSpec:
    """Which part of the graph to export (every field optional: the default is the whole graph)."""

    focus: str | None = None
    depth: int = 2
    labels: tuple[str, ...] = ()
    report: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    max_nodes: int | None = None
    title: str | None = None


@dataclass(frozen=True)
class LabelStyle:
    colour: str
    shape: str  # vis-network shape
    marker: str  # matplotlib marker
    legend: str  # Chinese name shown in legends and tooltips


@cache
def _yaml(name: str) -> dict[str, Any]:
    import yaml

    path = STYLES / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise ExportError(f"{path}: cannot read the style file ({e}); restore it from the package") from e
    if not isinstance(data, dict):
        raise ExportError(f"{path}: expected a mapping of names to styles")
    return data


def label_style(label: str) -> LabelStyle:
    """The colour, shapes and legend name of a node label (``default`` for unknown labels)."""
    styles = _yaml("labels.yaml")
    raw = {**styles.get("default", {}), **styles.get(label, {})}
    colour = str(raw.get("colour", "#9e9e9e"))
    if not _HEX.match(colour):
        raise ExportError(f"{STYLES / 'labels.yaml'}: {label}: colour {colour!r} is not #rrggbb")
    return LabelStyle(colour, str(raw.get("shape", "dot")), str(raw.get("marker", "o")), str(raw.get("legend", label)))


def relation_style(rel: str) -> tuple[str, str]:
    """(Chinese name, colour) of a relationship type."""
    raw = _yaml("relations.yaml").get(rel, {})
    colour = str(raw.get("colour", "#b0b0b0"))
    return str(raw.get("legend", rel)), colour if _HEX.match(colour) else "#b0b0b0"


def stage_name(stage: str) -> str:
    return str(_yaml("stages.yaml").get(stage, stage))


def report_names(rows: Iterable[Mapping[str, Any]]) -> set[str]:
    """Every text value in a report's rows (lists included): candidates for entity names."""
    out: set[str] = set()
    for row in rows:
        for value in row.values():
            for v in value if isinstance(value, (list, tuple)) else [value]:
                if isinstance(v, str) and v.strip():
                    out.add(v.strip())
    return out


def nodes_named(g: nx.MultiDiGraph, names: set[str]) -> list[str]:
    """Nodes whose name, key or an alias equals one of ``names`` (after name normalisation)."""
    from qdkg.loaders.names import name_key

    wanted = {name_key(n) for n in names}
    out = []
    for nid, d in g.nodes(data=True):
        forms = {d.get("key", ""), name_key(d.get("name", ""))} | {name_key(a) for a in d.get("aliases") or []}
        if forms & wanted:
            out.append(nid)
    return out


def export_graph(store: GraphStore, spec: ExportSpec) -> nx.MultiDiGraph:
    """Project the store, apply the selection, trim, and attach ``title`` and ``caption``."""
    from qdkg.graph.analytics import trim
    from qdkg.graph.projection import project, select

    full = project(store)
    if len(full) == 0:
        raise ExportError("the graph has no entities to export; load a report first (qdkg load FILE)")
    labels = tuple(schema.label(lbl) for lbl in spec.labels)
    g = select(store, full, focus=spec.focus, depth=spec.depth, labels=labels or None)
    report_title = None
    if spec.report:
        from qdkg.queries.runner import run_report

        result = run_report(store, spec.report, dict(spec.params))
        report_title = result.pack.title
        chosen = nodes_named(g, report_names(result.rows))
        if not chosen:
            raise ExportError(
                f"report {spec.report!r} returned {len(result.rows)} rows naming no entity of the selection; "
                "check its parameters (-p) or drop --focus/--labels"
            )
        g2 = g.subgraph(chosen).copy()
        g2.graph.update(g.graph)
        g = g2
    if len(g) == 0:
        raise ExportError("the selection is empty; widen --labels or --depth, or check the --focus name")
    if spec.max_nodes is not None:
        if spec.max_nodes < 1:
            raise ExportError("--max-nodes must be at least 1")
        g = trim(g, spec.max_nodes, keep=set(g.graph.get("focus") or []))
    projects = [nid for nid, d in g.nodes(data=True) if d.get("label") == PROJECT and d.get("key")]
    if projects:
        by_key = trajectories(store, [g.nodes[nid]["key"] for nid in projects])
        g.graph["trajectories"] = {nid: by_key[g.nodes[nid]["key"]] for nid in projects if g.nodes[nid]["key"] in by_key}
    g.graph["title"] = spec.title or _title(spec, g, report_title)
    g.graph["caption"] = caption(g, spec, report_title=report_title)
    return g


def _title(spec: ExportSpec, g: nx.MultiDiGraph, report_title: str | None) -> str:
    if spec.focus:
        names = list(dict.fromkeys(g.nodes[n].get("name", n) for n in g.graph.get("focus") or [] if n in g))
        return f"{'、'.join(names) or spec.focus} 关系图"
    if report_title:
        return report_title
    return DEFAULT_TITLE


def documents_of(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The documents the selection's facts come from (all documents when no edge names one)."""
    used = {d.get("doc") for _, _, d in g.edges(data=True)} - {None}
    for _, d in g.nodes(data=True):
        used |= set((d.get("stages") or {}).keys())
    docs = g.graph.get("documents") or []
    chosen = [d for d in docs if d.get("key") in used] or list(docs)
    return sorted(chosen, key=lambda d: (d.get("year") or 0, d.get("key") or ""))


def caption(g: nx.MultiDiGraph, spec: ExportSpec, *, report_title: str | None = None) -> str:
    """One paragraph saying what is shown, how it was chosen and where it comes from."""
    from qdkg.graph.analytics import label_counts

    counts = "、".join(f"{label_style(lbl).legend} {n}" for lbl, n in label_counts(g).items())
    parts = [f"共 {g.number_of_nodes():,} 个节点、{g.number_of_edges():,} 条关系（{counts}）。"]
    how = []
    if spec.focus:
        how.append(f"以“{spec.focus}”为中心 {spec.depth} 步以内")
    if spec.labels:
        how.append("类型：" + "、".join(label_style(lbl).legend for lbl in spec.labels))
    if report_title:
        how.append(f"报告“{report_title}”({spec.report}) 中出现的实体")
    if how:
        parts.append("选取：" + "；".join(how) + "。")
    if g.graph.get("trimmed"):
        kept, total = g.graph["trimmed"]
        parts.append(f"按重要性（连接数）只保留前 {kept:,} 个节点，共 {total:,} 个（--max-nodes {kept}）。")
    docs = documents_of(g)
    if docs:
        names = "；".join(
            f"《{d.get('title') or d.get('key')}》" + (f"（{d['year']}）" if d.get("year") else "") for d in docs
        )
        parts.append(f"来源：{names}。")
    return "".join(parts)


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file, so readers never see half a file."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as e:
        raise ExportError(f"{path}: cannot write the export ({e.strerror or e}); choose another -o path") from e
    return path


@dataclass(frozen=True)
class YearEntry:
    """A project in one report: the report's year, its stage there, the name the report wrote when it differs."""

    year: int | None
    doc: str
    title: str
    stage: str | None
    written: str | None = None


def trajectory_query(keys: Iterable[str]) -> tuple[str, dict[str, Any]]:
    """One statement reading every listed project's reports (complete ones), oldest first: the REPORTED_IN
    edge's stage and joined names, and the forms the report's mentions wrote."""
    query = (
        "MATCH (p:%(project)s)-[r:%(reported)s]->(d:%(doc)s) WHERE p.key IN $keys AND d.status = 'complete' "
        "OPTIONAL MATCH (p)-[m:%(mentioned)s]->(:%(section)s) WHERE m.doc = d.key "
        "WITH p, r, d, m ORDER BY m.start "
        "WITH p, r, d, collect(m.text) AS forms "
        "RETURN p.key AS key, p.name AS name, d.key AS doc, d.year AS year, d.title AS title, r.stage AS stage, "
        "r.merged_names AS merged_names, forms ORDER BY key, year, doc"
    ) % {
        "project": PROJECT, "reported": schema.rel_type("REPORTED_IN"), "doc": schema.label(schema.DOCUMENT),
        "mentioned": schema.rel_type("MENTIONED_IN"), "section": schema.label(schema.SECTION),
    }
    return query, {"keys": sorted(set(keys))}


def _written(name: str, merged: Iterable[str], forms: Iterable[str]) -> str | None:
    """The name a report used for a project, when it is another name: a name joined to the node that year
    (a rename, an abbreviation), else a form whose core differs (工程/项目/一期 endings are the same name)."""
    from qdkg.graph.merges import core_name

    for other in merged:
        if other and other != name:
            return str(other)
    core = core_name(name)
    return next((str(f) for f in forms if f and core_name(str(f)) != core), None)


def trajectories(store: GraphStore, keys: Iterable[str]) -> dict[str, list[YearEntry]]:
    """Project key -> its reports in year order, read with one query for all ``keys``."""
    wanted = list(keys)
    if not wanted:
        return {}
    query, params = trajectory_query(wanted)
    out: dict[str, list[YearEntry]] = {}
    for row in store.query(query, params):
        name = str(row.get("name") or row["key"])
        out.setdefault(str(row["key"]), []).append(YearEntry(
            year=row.get("year"), doc=str(row["doc"]), title=str(row.get("title") or row["doc"]),
            stage=row.get("stage"), written=_written(name, row.get("merged_names") or [], row.get("forms") or []),
        ))
    for entries in out.values():
        entries.sort(key=lambda e: (e.year is None, e.year or 0, e.doc))
    return out


def trajectory_lines(entries: Iterable[YearEntry]) -> list[str]:
    """One line per report: ``2014 开工``, ``2015 在建（写作：新名）``; a year given by two reports names each report."""
    entries = list(entries)
    years = [e.year for e in entries]
    lines = []
    for e in entries:
        when = str(e.year) if e.year is not None else e.title
        notes = [f"写作：{e.written}"] if e.written else []
        if e.year is not None and years.count(e.year) > 1:
            notes.insert(0, e.title)
        lines.append(f"{when} {stage_name(e.stage) if e.stage else NO_STAGE}" + (f"（{'，'.join(notes)}）" if notes else ""))
    return lines


def node_facts(g: nx.MultiDiGraph, nid: Any) -> dict[str, Any]:
    """What a tooltip says about a node: type, place, industry, stage, aliases, source sentences, and a
    project's trajectory (one line per report, year order) when :func:`export_graph` read one."""
    d = g.nodes[nid]
    places: list[str] = []
    industries: list[str] = []
    for _, other, e in g.out_edges(nid, data=True):
        name = g.nodes[other].get("name", other)
        if e.get("type") in ("LOCATED_IN", "PART_OF") and name not in places:
            places.append(name)
        elif e.get("type") == "IN_INDUSTRY" and name not in industries:
            industries.append(name)
    stages = d.get("stages") or {}
    titles = {doc.get("key"): doc.get("title") for doc in g.graph.get("documents") or []}
    stage_text = [
        stage_name(s) + (f"（{titles.get(doc) or doc}）" if len(stages) > 1 else "") for doc, s in sorted(stages.items())
    ]
    years: list[YearEntry] = (g.graph.get("trajectories") or {}).get(nid) or []
    if len(years) > 1 and years[-1].stage:  # the trajectory tells the past; the stage line says where it is now
        stage_text = [stage_name(years[-1].stage)]
    return {
        "name": str(d.get("name") or d.get("key") or nid),
        "type": label_style(d.get("label", "")).legend,
        "place": "、".join(places),
        "industry": "、".join(industries),
        "stage": "；".join(stage_text),
        "aliases": [str(a) for a in d.get("aliases") or [] if a != d.get("name")],
        "sentences": [str(s) for s in d.get("sentences") or []],
        "trajectory": trajectory_lines(years),
    }


def node_groups(g: nx.MultiDiGraph, nid: Any) -> dict[str, str]:
    """The district and the industry a node is grouped under on the page: a district or industry
    is its own group; anything else joins the first place (LOCATED_IN/PART_OF) or industry it points to."""
    d = g.nodes[nid]
    groups = {"district": "", "industry": ""}
    own = {"District": "district", "Industry": "industry"}.get(str(d.get("label", "")))
    if own:
        groups[own] = str(d.get("name") or d.get("key") or nid)
    for _, other, e in sorted(g.out_edges(nid, data=True), key=lambda t: str(t[1])):
        kind = {"LOCATED_IN": "district", "PART_OF": "district", "IN_INDUSTRY": "industry"}.get(str(e.get("type")))
        target = g.nodes[other]
        wanted = "District" if kind == "district" else "Industry"
        if kind and not groups[kind] and target.get("label") == wanted:
            groups[kind] = str(target.get("name") or target.get("key") or other)
    return groups
