"""PNG and SVG pictures of a graph for print, drawn with matplotlib in a CJK font from this machine.

matplotlib's default font has no Chinese glyphs and would draw empty boxes, so we look for a
font that really covers Chinese (checked glyph by glyph) and refuse clearly when none exists.
SVG text is written as glyph outlines, so the file looks the same where the font is missing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qdkg.errors import ExportError
from qdkg.graph.export_common import label_style, relation_style, write_atomic

if TYPE_CHECKING:
    import networkx as nx

FONT_ENV = "QDKG_CJK_FONT"
FONT_HINT = (
    "install a CJK font (Debian/Ubuntu: sudo apt-get install fonts-noto-cjk; Fedora: google-noto-sans-cjk-fonts) "
    f"or set {FONT_ENV}=/path/to/font.ttf"
)
_NAME_HINT = re.compile(r"cjk|han ?sans|hanserif|wqy|wenquanyi|hei|song|ming|kai|yahei|pingfang|simsun|fang|droidsansfallback|notosanssc|notoserifsc", re.IGNORECASE)
#: Characters a usable font must draw: common hanzi of report names.
_PROBE = "中国青岛项目区"
#: At most this many node names are written on a picture (the most important ones).
MAX_LABELS = 80


def covers_chinese(path: str) -> bool:
    """Whether the font file at ``path`` has glyphs for :data:`_PROBE`."""
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path)
    except (OSError, RuntimeError, ValueError):
        return False
    return all(font.get_char_index(ord(ch)) for ch in _PROBE)


def _candidates() -> list[str]:
    from matplotlib import font_manager

    known = [f.fname for f in font_manager.fontManager.ttflist if _NAME_HINT.search(f.name or "")]
    # The font cache may predate a font installed since; scan the system font folders too.
    scanned = [p for p in font_manager.findSystemFonts() if _NAME_HINT.search(Path(p).name)]
    ordered = sorted(dict.fromkeys(known + scanned), key=lambda p: (not re.search(r"sans", p, re.IGNORECASE), "bold" in p.lower(), p))
    return ordered


def find_cjk_font(candidates: Iterable[str] | None = None) -> str:
    """Path of a font that draws Chinese: ``$QDKG_CJK_FONT``, else the first covering candidate."""
    env = os.environ.get(FONT_ENV)
    if env:
        if not Path(env).is_file():
            raise ExportError(f"{FONT_ENV}={env}: no such font file; {FONT_HINT}")
        if not covers_chinese(env):
            raise ExportError(f"{FONT_ENV}={env}: this font has no Chinese glyphs; {FONT_HINT}")
        return env
    for path in _candidates() if candidates is None else candidates:
        if covers_chinese(path):
            return path
    raise ExportError(f"no font with Chinese glyphs found for the picture; {FONT_HINT}")


def _figure_size(n: int) -> tuple[float, float]:
    side = min(26.0, max(9.0, 4.0 + n ** 0.5 * 0.45))
    return side, side * 0.78


def draw(G: nx.MultiDiGraph, *, font_path: str, positions: dict[Any, tuple[float, float]] | None = None) -> Any:
    """A matplotlib Figure of ``G``: edges, nodes by label, the top names, legend, title and caption."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import font_manager
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    from qdkg.graph.analytics import importance, label_counts, most_important
    from qdkg.graph.layout import layout

    font_manager.fontManager.addfont(font_path)
    fp = font_manager.FontProperties(fname=font_path)
    pos = positions if positions is not None else layout(G)
    score = importance(G)
    fig = Figure(figsize=_figure_size(len(G)), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_aspect("equal")
    segments, colours = [], []
    for u, v, e in G.edges(data=True):
        if u != v:
            segments.append([pos[u], pos[v]])
            colours.append(relation_style(str(e.get("type", "")))[1])
    if segments:
        ax.add_collection(LineCollection(segments, colors=colours, linewidths=0.6, alpha=0.6, zorder=1))
    handles = []
    small = len(G) > 1500
    for lbl, count in label_counts(G).items():
        style = label_style(lbl)
        members = [n for n, d in G.nodes(data=True) if d.get("label") == lbl]
        xs = [pos[n][0] for n in members]
        ys = [pos[n][1] for n in members]
        sizes = [(4 if small else 18) + (160 if small else 420) * score.get(n, 0.0) for n in members]
        ax.scatter(xs, ys, s=sizes, c=style.colour, marker=style.marker, edgecolors="white", linewidths=0.4, zorder=2)
        handles.append(Line2D([], [], linestyle="", marker=style.marker, color=style.colour, markersize=8,
                              label=f"{style.legend}（{count}）"))
    for n in most_important(G, MAX_LABELS):
        x, y = pos[n]
        ax.annotate(str(G.nodes[n].get("name") or n), (x, y), xytext=(0, 6), textcoords="offset points",
                    ha="center", va="bottom", fontproperties=fp, fontsize=8, zorder=3,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.6})
    ax.autoscale_view()
    fig.legend(handles=handles, prop=fp, loc="outside right upper", frameon=False)
    fig.suptitle(str(G.graph.get("title") or ""), fontproperties=fp, fontsize=16)
    caption = str(G.graph.get("caption") or "")
    if caption:
        import textwrap

        fig.text(0.01, 0.005, "\n".join(textwrap.wrap(caption, 90)), fontproperties=fp, fontsize=8, color="#555555",
                 ha="left", va="bottom")
    return fig


def render_image(G: nx.MultiDiGraph, fmt: str, *, font_path: str | None = None, dpi: int = 200,
                 positions: dict[Any, tuple[float, float]] | None = None) -> bytes:
    """The picture as PNG or SVG bytes."""
    import io

    if fmt not in ("png", "svg"):
        raise ExportError(f"unknown image format {fmt!r}; use png or svg")
    fig = draw(G, font_path=font_path or find_cjk_font(), positions=positions)
    buf = io.BytesIO()
    import matplotlib

    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "qdkg"}):
        meta = {"Title": str(G.graph.get("title") or "")} if fmt == "png" else {"Title": str(G.graph.get("title") or ""),
                                                                              "Date": None}
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=meta)
    return buf.getvalue()


def write_image(G: nx.MultiDiGraph, path: str | Path, *, fmt: str | None = None, **kwargs: Any) -> Path:
    """Write a PNG or SVG (format from ``fmt`` or the file suffix), atomically."""
    fmt = fmt or Path(path).suffix.lstrip(".").lower()
    return write_atomic(path, render_image(G, fmt, **kwargs))
