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
from qdkg.graph.export_common import documents_of, label_style, relation_style, write_atomic
from qdkg.graph.picture import Picture, label_text, plan_picture

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


#: A4 landscape, in inches.
PAGE = (11.69, 8.27)
#: Margins around the drawing, in inches: left, right (the legend), top (the title), bottom (caption, source).
MARGINS = (0.35, 1.9, 0.75, 1.0)
#: Smallest name on paper, in points.
PRINT_FONT = 6.5


def print_view() -> tuple[float, float]:
    """The drawing area of the page in the units :func:`plan_picture` plans for, so that a name
    planned to be READABLE at first sight is at least :data:`PRINT_FONT` points on paper."""
    from qdkg.graph.picture import READABLE

    w = (PAGE[0] - MARGINS[0] - MARGINS[1]) * 72
    h = (PAGE[1] - MARGINS[2] - MARGINS[3]) * 72
    return w * READABLE / PRINT_FONT, h * READABLE / PRINT_FONT


def draw(G: nx.MultiDiGraph, *, font_path: str, positions: dict[Any, tuple[float, float]] | None = None,
         picture: Picture | None = None) -> Any:
    """A matplotlib Figure of ``G`` on an A4 landscape page: the same picture as the HTML page (named
    nodes without overlaps, unconnected nodes left out and counted), title, legend, caption and source."""
    import textwrap

    import matplotlib

    matplotlib.use("Agg", force=False)
    import numpy as np
    from matplotlib import font_manager
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    from qdkg.graph.analytics import label_counts
    from qdkg.graph.label_boxes import box_arrays, extent

    font_manager.fontManager.addfont(font_path)
    fp = font_manager.FontProperties(fname=font_path)
    pic = picture or plan_picture(G, positions=positions, view=print_view())
    pos = pic.positions
    hidden = set(pic.unconnected)
    drawn = [n for n in G if n not in hidden]
    fig = Figure(figsize=PAGE)
    left, right, top, bottom = MARGINS
    rect = (left / PAGE[0], bottom / PAGE[1], 1 - (left + right) / PAGE[0], 1 - (top + bottom) / PAGE[1])
    ax = fig.add_axes(rect)
    ax.set_axis_off()
    # One layout unit is ``k`` points, the same across and down, so the layout's rectangles keep apart.
    xy = np.array([pos[n] for n in drawn], dtype=float)
    lo, hi = extent(xy, box_arrays(drawn, {n: pic.box(n) for n in drawn}))
    width_pt, height_pt = rect[2] * PAGE[0] * 72, rect[3] * PAGE[1] * 72
    k = min(width_pt / max(float(hi[0] - lo[0]), 1.0), height_pt / max(float(hi[1] - lo[1]), 1.0))
    cx, cy = float(lo[0] + hi[0]) / 2, float(lo[1] + hi[1]) / 2
    ax.set_xlim(cx - width_pt / k / 2, cx + width_pt / k / 2)
    ax.set_ylim(cy + height_pt / k / 2, cy - height_pt / k / 2)  # y grows downwards, as in the browser
    segments, colours = [], []
    shown = set(drawn)
    for u, v, e in G.edges(data=True):
        if u != v and u in shown and v in shown:
            segments.append([pos[u], pos[v]])
            colours.append(relation_style(str(e.get("type", "")))[1])
    if segments:
        ax.add_collection(LineCollection(segments, colors=colours, linewidths=0.4, alpha=0.5, zorder=1))
    handles = []
    for lbl, count in label_counts(G).items():
        style = label_style(lbl)
        members = [n for n in drawn if G.nodes[n].get("label") == lbl]
        if members:
            ax.scatter([pos[n][0] for n in members], [pos[n][1] for n in members],
                       s=[(2 * pic.sizes[n] * k) ** 2 for n in members], c=style.colour, marker=style.marker,
                       edgecolors="white", linewidths=0.3, zorder=2)
        handles.append(Line2D([], [], linestyle="", marker=style.marker, color=style.colour, markersize=8,
                              label=f"{style.legend}（{count}）"))
    for n in pic.labelled:
        x, y = pos[n]
        font = pic.fonts[n]
        text = ax.text(x, y + pic.sizes[n] + font / 2, label_text(G.nodes[n], n), ha="center", va="center",
                       fontproperties=fp, fontsize=font * k, zorder=3)
        text.set_gid(f"label:{n}")
    fig.legend(handles=handles, prop=fp, loc="upper right", bbox_to_anchor=(0.995, 1 - top / PAGE[1]),
               frameon=False, fontsize=9)
    fig.text(0.5, 1 - 0.3 / PAGE[1], str(G.graph.get("title") or ""), fontproperties=fp, fontsize=16,
             ha="center", va="top")
    caption = str(G.graph.get("caption") or "").split("来源：")[0]  # the source gets a line of its own
    lines = textwrap.wrap(caption, 95)
    if hidden:
        names = "、".join(label_text(G.nodes[n], n) for n in pic.unconnected[:15])
        more = "等" if len(hidden) > 15 else ""
        lines += textwrap.wrap(f"另有 {len(hidden)} 个未关联的节点未画出：{names}{more}。", 95)
    lines.append(source_line(G))
    fig.text(left / PAGE[0], 0.15 / PAGE[1], "\n".join(lines), fontproperties=fp, fontsize=7.5, color="#444444",
             ha="left", va="bottom", linespacing=1.4)
    return fig


def source_line(G: nx.MultiDiGraph) -> str:
    """Where the facts come from, as printed under the picture."""
    from qdkg import __version__

    docs = "；".join(f"《{d.get('title') or d.get('key')}》" + (f"（{d['year']}）" if d.get("year") else "")
                    for d in documents_of(G))
    return f"来源：{docs or '（未注明）'}。制图：qdkg {__version__}。"


def render_image(G: nx.MultiDiGraph, fmt: str, *, font_path: str | None = None, dpi: int = 300,
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
