"""Node positions computed ahead, so a browser shows a finished layout instead of simulating one.

Components are laid out apart and packed. Small ones (up to :data:`SPRING_LIMIT` nodes) use
:func:`networkx.spring_layout`. Its large-graph path needs scipy and is
quadratic anyway, so above :data:`SPRING_LIMIT` nodes we run a Fruchterman-Reingold variant
in numpy whose repulsion comes from the centroids of a coarse grid (a one-level Barnes-Hut):
O(n * cells) per iteration, a few seconds for 10,000 nodes.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

#: Up to this many nodes networkx's exact spring layout is used.
SPRING_LIMIT = 60
#: Average distance, in output units (vis-network pixels), between neighbouring nodes.
SPACING = 90.0
#: In small components no two nodes come closer than this (hubs are drawn up to ~76 px wide, labels below).
MIN_GAP = 140.0
#: Only components this small are spread so (a larger one would zoom out until labels vanish).
SPREAD_LIMIT = 12


def layout(G: nx.Graph, *, seed: int = 7, iterations: int | None = None) -> dict[Any, tuple[float, float]]:
    """Positions for every node of ``G`` in pixel-like units centred on (0, 0).

    Each connected component is laid out on its own and the components are packed in rows,
    largest first, with lone nodes on a grid at the end; so an isolate cannot push the rest
    of the picture into a corner.
    """
    import networkx as nx
    import numpy as np

    from qdkg.graph.analytics import simple_undirected

    H = simple_undirected(G)
    if len(H) == 0:
        return {}
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(H)), key=lambda c: (-len(c), str(c[0])))
    blocks: list[tuple[list[Any], np.ndarray]] = []
    singles = [c[0] for c in comps if len(c) == 1]
    for comp in comps:
        if len(comp) > 1:
            blocks.append((comp, component_layout(H.subgraph(comp), comp, seed=seed, iterations=iterations)))
    if singles:
        cols = math.ceil(math.sqrt(len(singles)))
        grid = np.array([(i % cols, i // cols) for i in range(len(singles))], dtype=float) * SPACING * 0.7
        blocks.append((singles, grid - grid.mean(axis=0)))
    return pack(blocks)


def component_layout(H: nx.Graph, nodes: list[Any], *, seed: int = 7, iterations: int | None = None) -> np.ndarray:
    """Pixel positions of one connected graph, in the order of ``nodes``."""
    import networkx as nx
    import numpy as np

    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in H.edges()], dtype=np.int64).reshape(-1, 2)
    if n <= SPRING_LIMIT:
        pos = nx.spring_layout(H, seed=seed, iterations=iterations or 100)
        xy = np.array([pos[v] for v in nodes], dtype=float)
    else:
        xy = grid_layout(n, edges, seed=seed, iterations=iterations or (60 if n <= 5000 else 40))
    px = _to_pixels(xy, edges)
    if 1 < n <= SPREAD_LIMIT:  # a tiny focused view: spread it until its big nodes and labels do not overlap
        diff = px[:, None, :] - px[None, :, :]
        dist = np.sqrt((diff * diff).sum(axis=2)) + np.eye(n) * 1e9
        closest = float(dist.min())
        if closest < MIN_GAP:
            px = px * min(MIN_GAP / max(closest, 1e-6), 2.5)
    return px


def pack(blocks: list[tuple[list[Any], np.ndarray]]) -> dict[Any, tuple[float, float]]:
    """Place laid-out blocks in rows (shelf packing), then centre the whole on (0, 0)."""
    import numpy as np

    margin = SPACING
    sizes = [(xy.max(axis=0) - xy.min(axis=0)) + margin for _, xy in blocks]
    area = sum(float(w * h) for w, h in sizes)
    row_width = max(max(float(w) for w, _ in sizes), math.sqrt(area) * 1.3)
    x = y = row_h = 0.0
    placed: dict[Any, tuple[float, float]] = {}
    all_xy = []
    for (nodes, xy), (w, h) in zip(blocks, sizes):
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        shifted = xy - xy.min(axis=0) + np.array([x, y]) + margin / 2
        all_xy.append(shifted)
        for v, (px, py) in zip(nodes, shifted):
            placed[v] = (float(px), float(py))
        x += float(w)
        row_h = max(row_h, float(h))
    centre = np.concatenate(all_xy).mean(axis=0)
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
        for start in range(0, n, chunk):
            d = pos[start : start + chunk, None, :] - cent[None, :, :]
            dist2 = np.maximum((d * d).sum(axis=2), 0.01)
            disp[start : start + chunk] += ((weight / dist2)[:, :, None] * d).sum(axis=1)
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
