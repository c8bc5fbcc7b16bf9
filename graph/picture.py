"""What a picture of a graph shows before anyone touches it: which nodes are drawn, which are named,
how big, and where; the HTML page and the printed image both draw from one :class:`Picture`.

- A node with no relationship is not drawn (when anything else is): it is counted and listed
  beside the drawing, and a switch shows it.
- Up to :data:`LABEL_ALL` drawn nodes every name is shown; above that, the :data:`TOP_LABELS`
  most important (by the importance that sizes nodes), the rest on hover and zoom.
- Named nodes never overlap one another (the layout removes overlaps on their rectangles).
  When only some are named (a whole graph), their names and nodes are enlarged so that, fitted
  into a window of :data:`VIEW` pixels, a name is at least :data:`READABLE` pixels high.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from qdkg.graph.label_boxes import Box, box_arrays, extent, node_box

if TYPE_CHECKING:
    import networkx as nx

#: Up to this many drawn nodes, every node is named at first sight.
LABEL_ALL = 150
#: Above :data:`LABEL_ALL`, this many of the most important nodes are named.
TOP_LABELS = 50
#: Font size of names, in layout units (vis-network pixels at zoom 1).
FONT = 14.0
#: Height in screen pixels a name should have at first sight in a window of :data:`VIEW`.
READABLE = 12.0
#: The drawing area a page is planned for (a 1400 x 900 window less the page header), in pixels.
VIEW = (1300.0, 700.0)
#: vis-network's ``fit`` leaves this margin around the drawing.
FIT_MARGIN = 1.1


@dataclass(frozen=True)
class Picture:
    """A graph with everything decided that makes it readable at first sight."""

    graph: nx.MultiDiGraph
    positions: dict[Any, tuple[float, float]]
    #: Node sizes (vis-network ``size``: radius in layout units).
    sizes: dict[Any, float]
    #: Named nodes, most important first, with their font size.
    fonts: dict[Any, float]
    #: Nodes without any relationship: not drawn by default, listed beside the drawing.
    unconnected: list[Any]

    @property
    def labelled(self) -> list[Any]:
        return list(self.fonts)

    def boxes(self) -> dict[Any, Box]:
        """The rectangles of the named nodes (what the layout keeps apart)."""
        return {n: self.box(n) for n in self.fonts}

    def box(self, node: Any) -> Box:
        """The rectangle of a node and, when it is named, its name."""
        d = self.graph.nodes[node]
        return node_box(self.sizes[node], label_text(d, node) if node in self.fonts else None,
                        self.fonts.get(node, 0.0))


def label_text(d: Mapping[str, Any], node: Any) -> str:
    """The name drawn for a node."""
    return str(d.get("name") or d.get("key") or node)


def node_size(score: float) -> float:
    """Size (radius) of a node from its importance in [0, 1]."""
    import math

    return round(7 + 19 * math.sqrt(max(score, 0.0)), 1)


def unconnected_nodes(G: nx.Graph) -> list[Any]:
    """Nodes with no relationship to another node, when the graph has any relationship at all."""
    from qdkg.graph.analytics import neighbour_count

    count = neighbour_count(G)
    if not any(count.values()):
        return []
    return sorted((n for n, c in count.items() if c == 0), key=str)


def plan_picture(
    G: nx.MultiDiGraph, *, positions: Mapping[Any, tuple[float, float]] | None = None,
    view: tuple[float, float] = VIEW,
) -> Picture:
    """Decide what is drawn, named and where; ``positions`` (if given) are used as they are."""
    from qdkg.graph.analytics import importance, most_important
    from qdkg.graph.layout import arrange, force_layout

    score = importance(G)
    hidden = unconnected_nodes(G)
    drawn = [n for n in G if n not in set(hidden)]
    focus = set(G.graph.get("focus") or [])
    named = drawn if len(drawn) <= LABEL_ALL else most_important(G.subgraph(drawn), TOP_LABELS, keep=focus)
    ranked = sorted(named, key=lambda n: (n not in focus, -score.get(n, 0.0), str(n)))
    base = Picture(G, {}, {n: node_size(score.get(n, 0.0)) for n in G}, dict.fromkeys(ranked, FONT), hidden)
    if positions is not None:
        return replace(base, positions=dict(positions))
    force = force_layout(G)
    if len(ranked) == len(drawn):
        return replace(base, positions=arrange(force, base.boxes()))
    # A whole graph: enlarge the named until they read at first sight (estimated on the bare layout first).
    pic = replace(base, positions=arrange(force))
    for step in range(2):
        factor = max(1.0, READABLE / (FONT * fit_scale(pic, drawn, view)))
        if step > 0 and factor <= pic.fonts[ranked[0]] / FONT * 1.02:
            break
        pic = replace(base, fonts={n: FONT * factor for n in ranked},
                      sizes={**base.sizes, **{n: base.sizes[n] * factor for n in ranked}})
        pic = replace(pic, positions=arrange(force, pic.boxes()))
    return pic


def fit_scale(picture: Picture, drawn: list[Any], view: tuple[float, float]) -> float:
    """The zoom at which vis-network's ``fit`` shows the drawn nodes in ``view`` (at most 1)."""
    import numpy as np

    xy = np.array([picture.positions[n] for n in drawn], dtype=float)
    lo, hi = extent(xy, box_arrays(drawn, {n: picture.box(n) for n in drawn}))
    span = np.maximum((hi - lo) * FIT_MARGIN, 1.0)
    return float(min(1.0, view[0] / float(span[0]), view[1] / float(span[1])))
