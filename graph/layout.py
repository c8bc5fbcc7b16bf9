"""Node positions computed ahead, so a browser shows a finished layout instead of simulating one.

Where labels are shown, the force layout is followed by overlap removal on the rectangles of
nodes and their labels (:mod:`qdkg.graph.label_boxes`), so no name is drawn over another.

Components are laid out apart and packed. Small ones (up to :data:`SPRING_LIMIT` nodes) use
:func:`networkx.spring_layout`. Its large-graph path needs scipy and is
quadratic anyway, so above :data:`SPRING_LIMIT` nodes we run a Fruchterman-Reingold variant
in numpy whose repulsion comes from the centroids of a coarse grid (a one-level Barnes-Hut):
O(n * cells) per iteration, a few seconds for 10,000 nodes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qdkg.graph.label_boxes import ASPECT, GAP, Box, box_arrays, extent, separate

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

#: Up to this many nodes networkx's exact spring layout is used.
SPRING_LIMIT = 60
#: Average distance, in output units (vis-network pixels), between neighbouring nodes.
SPACING = 90.0


@dataclass(frozen=True)
class ForceLayout:
    """Force-directed positions of each connected component, before labels are taken into account;
    computed once, arranged as often as label sizes change (:func:`arrange`)."""

    #: (nodes, positions, edges as an (m, 2) index array into nodes) per component.
    components: list[tuple[list[Any], np.ndarray, np.ndarray]]
    singles: list[Any]


def force_layout(G: nx.Graph, *, seed: int = 7, iterations: int | None = None) -> ForceLayout:
    """Each connected component of ``G`` laid out on its own, largest first; lone nodes apart."""
    import networkx as nx
    import numpy as np

    from qdkg.graph.analytics import simple_undirected

    H = simple_undirected(G)
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(H)), key=lambda c: (-len(c), str(c[0])))
    placed = []
    for c in comps:
        if len(c) > 1:
            index = {v: i for i, v in enumerate(c)}
            edges = np.array([(index[u], index[v]) for u, v in H.subgraph(c).edges()], dtype=np.int64).reshape(-1, 2)
            placed.append((c, component_layout(H.subgraph(c), c, seed=seed, iterations=iterations), edges))
    return ForceLayout(placed, [c[0] for c in comps if len(c) == 1])


def arrange(force: ForceLayout, boxes: Mapping[Any, Box] | None = None) -> dict[Any, tuple[float, float]]:
    """Move apart the nodes ``boxes`` gives a rectangle (the others follow their named neighbours),
    then pack the components in rows by their rectangles' extent, lone nodes on a grid at the end."""
    boxes = boxes or {}
    blocks: list[tuple[list[Any], np.ndarray, np.ndarray]] = []
    for comp, xy, edges in force.components:
        ext = box_arrays(comp, boxes)
        blocks.append((comp, separate_labelled(edges, xy, ext), ext))
    if force.singles:
        blocks.append(single_grid(force.singles, boxes))
    return pack(blocks) if blocks else {}


def layout(
    G: nx.Graph, *, seed: int = 7, iterations: int | None = None, boxes: Mapping[Any, Box] | None = None
) -> dict[Any, tuple[float, float]]:
    """Positions for every node of ``G`` in pixel-like units centred on (0, 0).

    Each connected component is laid out on its own; where ``boxes`` gives a node's rectangle
    (the node with its label, :func:`qdkg.graph.label_boxes.node_box`), the component's
    rectangles are then moved apart until none overlap. Components are packed in rows by
    their rectangles' extent, largest first, lone nodes on a grid at the end; so an isolate
    cannot push the rest of the picture into a corner, and no two components overlap.
    """
    return arrange(force_layout(G, seed=seed, iterations=iterations), boxes)


def separate_labelled(edges: np.ndarray, xy: np.ndarray, ext: np.ndarray) -> np.ndarray:
    """``xy`` with the nodes that have a rectangle moved apart; every other node moves by the mean
    move of its neighbours that have one, so it stays beside them."""
    import numpy as np

    has_box: np.ndarray = np.asarray(ext.any(axis=1))
    if has_box.sum() < 2:
        return xy
    out = xy.copy()
    out[has_box] = separate(xy[has_box], ext[has_box])
    if has_box.all():
        return out
    pairs = np.concatenate([edges, edges[:, ::-1]])
    follow = pairs[~has_box[pairs[:, 0]] & has_box[pairs[:, 1]]]
    moved = np.zeros_like(xy)
    count = np.zeros(len(xy))
    np.add.at(moved, follow[:, 0], out[follow[:, 1]] - xy[follow[:, 1]])
    np.add.at(count, follow[:, 0], 1.0)
    some = count > 0
    out[some] += moved[some] / count[some, None]
    return out


def single_grid(nodes: list[Any], boxes: Mapping[Any, Box]) -> tuple[list[Any], np.ndarray, np.ndarray]:
    """Lone nodes on a grid whose cells hold the widest rectangle among them."""
    import numpy as np

    ext = box_arrays(nodes, boxes)
    cell_w = max(float((ext[:, 0] + ext[:, 1]).max()), SPACING * 0.7) + GAP[0]
    cell_h = max(float((ext[:, 2] + ext[:, 3]).max()), SPACING * 0.7) + GAP[1]
    cols = max(1, math.ceil(math.sqrt(len(nodes) * ASPECT * cell_h / cell_w)))
    grid = np.array([((i % cols) * cell_w, (i // cols) * cell_h) for i in range(len(nodes))], dtype=float)
    return nodes, grid - grid.mean(axis=0), ext


def component_layout(H: nx.Graph, nodes: list[Any], *, seed: int = 7, iterations: int | None = None) -> np.ndarray:
    """Pixel positions of one connected graph, in the order of ``nodes``."""
    import networkx as nx
    import numpy as np

    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    pairs = sorted(tuple(sorted((index[u], index[v]))) for u, v in H.edges())
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    if n <= SPRING_LIMIT:
        # spring_layout draws its starting positions in the graph's node order, and ``H``'s order comes from
        # the store's answer and Python's string hashing: the same graph laid out on the numbered nodes in
        # ``nodes``' order gives the same picture in every process.
        K = nx.Graph()
        K.add_nodes_from(range(n))
        K.add_edges_from(pairs)
        pos = nx.spring_layout(K, seed=seed, iterations=iterations or 100)
        xy = np.array([pos[i] for i in range(n)], dtype=float)
    else:
        xy = grid_layout(n, edges, seed=seed, iterations=iterations or (60 if n <= 5000 else 40))
    return _to_pixels(xy, edges)


def pack(blocks: list[tuple[list[Any], np.ndarray, np.ndarray]]) -> dict[Any, tuple[float, float]]:
    """Place laid-out blocks (nodes, positions, rectangles) in rows by their extent (shelf packing),
    rows as wide as makes the whole about :data:`ASPECT`, then centre the whole on (0, 0)."""
    import numpy as np

    margin = SPACING
    corners = [extent(xy, ext) for _, xy, ext in blocks]
    sizes = [(hi - lo) + margin for lo, hi in corners]
    area = sum(float(w * h) for w, h in sizes)
    row_width = max(max(float(w) for w, _ in sizes), math.sqrt(area * ASPECT))
    x = y = row_h = 0.0
    placed: dict[Any, tuple[float, float]] = {}
    lows, highs = [], []
    for (nodes, xy, ext), (lo, _hi), (w, h) in zip(blocks, corners, sizes):
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        shifted = xy - lo + np.array([x, y]) + margin / 2
        low, high = extent(shifted, ext)
        lows.append(low)
        highs.append(high)
        for v, (px, py) in zip(nodes, shifted):
            placed[v] = (float(px), float(py))
        x += float(w)
        row_h = max(row_h, float(h))
    centre = (np.min(lows, axis=0) + np.max(highs, axis=0)) / 2
    return {v: (px - float(centre[0]), py - float(centre[1])) for v, (px, py) in placed.items()}


def _to_pixels(xy: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Centre, and scale so that the median edge is ``SPACING`` pixels long."""
    import numpy as np

    xy = xy - xy.mean(axis=0)
    if len(xy) == 1:
        return xy
    if len(edges):
        d = xy[edges[:, 0]] - xy[edges[:, 1]]
        unit = float(np.median(np.sqrt((d * d).sum(axis=1))))
    else:
        unit = float(np.abs(xy).max()) / math.sqrt(len(xy))
    return xy / (unit or 1.0) * SPACING


def grid_layout(
    n: int, edges: np.ndarray, *, seed: int = 7, iterations: int = 60, gravity: float = 1.0
) -> np.ndarray:
    """Fruchterman-Reingold with grid-approximated repulsion; ``edges`` is an (m, 2) index array."""
    import numpy as np

    rng = np.random.default_rng(seed)
    side = math.sqrt(n)  # ideal distance k = 1 in a square of side sqrt(n)
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    cells = int(min(24, max(4, math.sqrt(n) / 3)))
    t0 = side / 8
    chunk = max(1, 2_000_000 // (cells * cells))
    u, v = (edges[:, 0], edges[:, 1]) if len(edges) else (np.empty(0, int), np.empty(0, int))
    for it in range(iterations):
        temp = t0 * (1 - it / iterations) + 0.01
        disp = np.zeros_like(pos)
        # Repulsion from grid-cell centroids, each weighted by how many nodes it holds.
        lo = pos.min(axis=0)
        span = np.maximum(pos.max(axis=0) - lo, 1e-9)
        cell = np.minimum((((pos - lo) / span) * cells).astype(np.int64), cells - 1)
        flat = cell[:, 0] * cells + cell[:, 1]
        mass = np.bincount(flat, minlength=cells * cells).astype(float)
        sx = np.bincount(flat, weights=pos[:, 0], minlength=cells * cells)
        sy = np.bincount(flat, weights=pos[:, 1], minlength=cells * cells)
        full = mass > 0
        cent = np.stack([sx[full], sy[full]], axis=1) / mass[full, None]
        weight = mass[full]
        # x and y apart: two (n, cells) arrays instead of one (n, cells, 2), about 4x faster.
        for start in range(0, n, chunk):
            dx = pos[start : start + chunk, 0:1] - cent[None, :, 0]
            dy = pos[start : start + chunk, 1:2] - cent[None, :, 1]
            a = weight / np.maximum(dx * dx + dy * dy, 0.01)
            disp[start : start + chunk, 0] += (a * dx).sum(axis=1)
            disp[start : start + chunk, 1] += (a * dy).sum(axis=1)
        # The centroid cannot push apart nodes that share a cell; near neighbours in a fine grid repel exactly.
        _near_repulsion(pos, disp, rng)
        # Attraction along edges: d^2 / k.
        if len(u):
            delta = pos[u] - pos[v]
            dist = np.sqrt((delta * delta).sum(axis=1))[:, None]
            pull = delta * dist
            np.add.at(disp, u, -pull)
            np.add.at(disp, v, pull)
        disp -= gravity * pos
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), 1e-9)[:, None]
        pos += disp / length * np.minimum(length, temp)
    return pos


def _near_repulsion(pos: np.ndarray, disp: np.ndarray, rng: np.random.Generator, *, reach: int = 6) -> None:
    """Exact repulsion between nodes that share a cell of a unit grid (about one node per cell).

    Nodes are sorted by cell; each is paired with the next ``reach`` nodes in that order when
    they share its cell. Coincident nodes get a random direction, so stacks come apart.
    """
    import numpy as np

    cell = np.floor(pos).astype(np.int64)
    cid = (cell[:, 0] - cell[:, 0].min()) * (int(cell[:, 1].max() - cell[:, 1].min()) + 1) + (cell[:, 1] - cell[:, 1].min())
    order = np.argsort(cid, kind="stable")
    sorted_cid = cid[order]
    for k in range(1, reach + 1):
        same = sorted_cid[k:] == sorted_cid[:-k]
        if not same.any():
            break
        a, b = order[:-k][same], order[k:][same]
        d = pos[a] - pos[b]
        dist2 = (d * d).sum(axis=1)
        tiny = dist2 < 1e-6
        if tiny.any():
            angle = rng.uniform(0, 2 * np.pi, int(tiny.sum()))
            d[tiny] = np.stack([np.cos(angle), np.sin(angle)], axis=1) * 1e-3
            dist2[tiny] = 1e-6
        push = d / dist2[:, None]
        np.add.at(disp, a, push)
        np.add.at(disp, b, -push)
