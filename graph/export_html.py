"""One self-contained, offline HTML page of a graph: pyvis builds the network, qdkg writes the page.

pyvis's own templates link bootstrap (and in ``local`` mode vis-network) from CDNs and its
writer uses the platform encoding, so we take pyvis's node, edge and option data, inline the
vis-network copy pyvis ships, and write UTF-8 ourselves. Document text reaches the page only
as JSON in a ``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped,
and the page script turns it into DOM text nodes; a hostile name stays text.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qdkg.errors import ExportError
from qdkg.graph.export_common import label_style, node_facts, node_groups, relation_style, write_atomic
from qdkg.graph.picture import FONT, Picture, label_text, plan_picture

if TYPE_CHECKING:
    import networkx as nx

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Above this many nodes edges are drawn straight and hidden while dragging or zooming.
BIG = 600
FONT_FACE = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'


class _IdList(list):  # type: ignore[type-arg]
    """pyvis keeps node ids in a list and tests membership per node and per edge (quadratic);
    this list answers ``in`` from a set, which keeps 10,000-node graphs fast."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set[Any] = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._set.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._set


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str, str]:
    """(vis-network JS, its CSS, version) from the copy inside the installed pyvis package."""
    import pyvis

    root = Path(pyvis.__file__).resolve().parent
    found = sorted(root.glob("templates/lib/vis-*/vis-network.min.js")) or sorted(root.glob("lib/vis-*/vis-network.min.js"))
    if not found:
        raise ExportError(f"pyvis at {root} ships no vis-network copy; reinstall pyvis (pip install 'pyvis>=0.3.2')")
    js_path = found[-1]
    css_path = js_path.with_name("vis-network.css")
    version = js_path.parent.name.removeprefix("vis-")
    js = js_path.read_text(encoding="utf-8")
    css = css_path.read_text(encoding="utf-8") if css_path.exists() else ""
    return _safe_inline(js), _safe_inline(css), version


def _safe_inline(text: str) -> str:
    """Code placed inside <script>/<style> must not contain a closing tag."""
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)


def json_for_html(value: Any) -> str:
    """JSON that is inert inside a <script> element: no </script>, <!--, or line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def vis_options(n_nodes: int) -> dict[str, Any]:
    """Physics off (positions come from :mod:`qdkg.graph.picture`), so the page is still at once."""
    big = n_nodes > BIG
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {"borderWidth": 1, "font": {"size": FONT, "face": FONT_FACE, "strokeWidth": 3,
                                             "strokeColor": "#ffffff"}},
        "edges": {
            "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.25},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "width": 1,
            "selectionWidth": 2,
            "font": {"size": 0},
        },
    }


def build_network(G: nx.MultiDiGraph, *, positions: dict[Any, tuple[float, float]] | None = None,
                  picture: Picture | None = None) -> Any:
    """A pyvis ``Network`` with styled, positioned nodes and one edge per (source, target, type).

    Named nodes carry their font size; the others are ``minor`` (named once one zooms in) and
    unconnected ones are hidden until the page's switch shows them.
    """
    from pyvis.network import Network

    pic = picture or plan_picture(G, positions=positions)
    hidden = set(pic.unconnected)
    net = Network(directed=True, cdn_resources="in_line")
    net.node_ids = _IdList()
    for nid, d in G.nodes(data=True):
        style = label_style(d.get("label", ""))
        x, y = pic.positions.get(nid, (0.0, 0.0))
        extra: dict[str, Any] = {"hidden": True} if nid in hidden else {}
        if nid in pic.fonts and pic.fonts[nid] != FONT:
            extra["font"] = {"size": round(pic.fonts[nid], 1)}
        net.add_node(
            str(nid), label=label_text(d, nid), shape=style.shape, color=style.colour,
            size=round(pic.sizes[nid], 1), x=round(x, 1), y=round(y, 1), physics=False, **extra,
        )
        node = net.node_map[str(nid)]
        node["qdkg"] = node_facts(G, nid)
        node["kind"] = str(d.get("label", ""))
        node["role"] = "unconnected" if nid in hidden else "named" if nid in pic.fonts else "minor"
        node["groups"] = node_groups(G, nid)
    titles = {doc.get("key"): doc.get("title") or doc.get("key") for doc in G.graph.get("documents") or []}
    merged: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, e in G.edges(data=True):
        merged[(str(u), str(v), str(e.get("type", "")))].append(e)
    for (u, v, rel), facts in merged.items():
        name, colour = relation_style(rel)
        docs = sorted({str(titles.get(f.get("doc"), f.get("doc"))) for f in facts if f.get("doc")})
        evidence = next((f.get("evidence") for f in facts if f.get("evidence")), "")
        net.add_edge(u, v, color=colour, width=1 + min(len(facts), 4) * 0.5 if rel != "RELATED_TO" else 1)
        net.edges[-1]["qdkg"] = {"relation": name, "docs": "、".join(docs), "evidence": str(evidence or "")}
    net.options = vis_options(len(G))  # not set_options(): it strips every space, font names included
    return net


def legend(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One entry per node label present: its style and count; ``kind`` is the schema label the page filters by."""
    from qdkg.graph.analytics import label_counts

    out = []
    for lbl, count in label_counts(G).items():
        style = label_style(lbl)
        shape = style.shape if re.fullmatch(r"[A-Za-z]+", style.shape) else "dot"
        kind = lbl if re.fullmatch(r"[A-Za-z]+", lbl or "") else ""
        out.append({"name": style.legend, "colour": style.colour, "shape": shape, "count": count, "kind": kind})
    return out


def render_html(G: nx.MultiDiGraph, *, positions: dict[Any, tuple[float, float]] | None = None,
                picture: Picture | None = None) -> str:
    """The page as a string; ``G.graph`` supplies ``title`` and ``caption``."""
    import jinja2
    import pyvis
    from markupsafe import Markup

    from qdkg import __version__

    pic = picture or plan_picture(G, positions=positions)
    net = build_network(G, picture=pic)
    js, css, vis_version = vis_assets()
    options = net.options if isinstance(net.options, dict) else json.loads(net.options.to_json())
    data = {
        "nodes": net.nodes, "edges": net.edges, "options": options, "font": FONT,
        "groupStyles": {kind: {"colour": label_style(kind).colour, "shape": label_style(kind).shape}
                        for kind in ("District", "Industry")},
    }
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)
    page = env.get_template("graph.html").render(
        title=G.graph.get("title") or "graph",
        caption=G.graph.get("caption") or "",
        legend=legend(G),
        version=__version__,
        pyvis_version=getattr(pyvis, "__version__", "?"),
        vis_version=vis_version,
        vis_js=Markup(js),
        vis_css=Markup(css),
        page_js=Markup(_safe_inline((TEMPLATES / "graph.js").read_text(encoding="utf-8"))),
        page_css=Markup(_safe_inline((TEMPLATES / "graph.css").read_text(encoding="utf-8"))),
        data_json=Markup(json_for_html(data)),
    )
    return page


def write_html(G: nx.MultiDiGraph, path: str | Path, **kwargs: Any) -> Path:
    """Render and write the page as UTF-8, atomically."""
    return write_atomic(path, render_html(G, **kwargs))
