"""Label rectangles from text metrics, and a pass that moves nodes until no two rectangles overlap.

vis-network draws a node's name below it, centred, one line (one font size) high, so a node of
size ``r`` with a name ``w`` wide fills the rectangle ``[x - max(r, w/2), x + max(r, w/2)]`` by
``[y - r, y + r + font]`` (checked against ``network.getBoundingBox`` in the browser tests).
Chinese glyphs are one em wide in every CJK font; Latin letters and digits are narrower (0.55 em
in Noto Sans CJK), so :func:`text_width` errs on the wide side and never under-counts.

:func:`separate` is a rectangle overlap-removal pass in the manner of Gephi's Noverlap and
Graphviz's PRISM: every overlapping pair is pushed apart along the axis where it overlaps less,
which keeps the force layout's neighbourhoods; then the drawing is shrunk step by step while it
stays free of overlaps, so it fills the window instead of floating in empty space.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

#: Width of a Latin letter, digit or ASCII sign, in ems (Noto Sans CJK measures 0.34 to 0.56).
LATIN_EM = 0.6
#: Free space kept between two rectangles side by side (about one character, so two names never
#: read as one) and one above the other, in the same units as positions.
GAP = (14.0, 4.0)
#: Width over height a drawing aims at (a landscape window or an A4 page).
ASPECT = 1.6


def text_width(text: str, font_size: float) -> float:
    """Width of ``text`` drawn at ``font_size``: wide (East Asian) characters one em, ASCII 0.6 em,
    other narrow characters (·, —, ①) one em, since CJK fonts draw most of them full width."""
    from wcwidth import wcwidth

    ems = 0.0
    for ch in text:
        width = wcwidth(ch)
        if width == 2 or not ch.isascii():
            ems += 1.0 if width != 0 else 0.0
        elif width == 1:
            ems += LATIN_EM
    return ems * font_size


@dataclass(frozen=True)
class Box:
    """A node with its label as offsets from the node's centre (y grows downwards, as on a canvas)."""

    left: float
    right: float
    top: float
    bottom: float

    @property
    def width(self) -> float:
        return self.left + self.right

    @property
    def height(self) -> float:
        return self.top + self.bottom


def node_box(size: float, label: str | None, font_size: float) -> Box:
    """The rectangle vis-network draws for a node of ``size`` with ``label`` below it (none if empty)."""
    if not label or font_size <= 0:
        return Box(size, size, size, size)
    half = max(size, text_width(label, font_size) / 2)
    return Box(half, half, size, size + font_size)


def box_arrays(nodes: list[Any], boxes: Mapping[Any, Box]) -> np.ndarray:
    """An (n, 4) array of (left, right, top, bottom) offsets; nodes without a box are points."""
    import numpy as np

    zero = Box(0.0, 0.0, 0.0, 0.0)
    return np.array([[b.left, b.right, b.top, b.bottom] for b in (boxes.get(v, zero) for v in nodes)], dtype=float)


def overlapping_pairs(xy: np.ndarray, ext: np.ndarray, *, gap: tuple[float, float] = (0.0, 0.0)) -> np.ndarray:
    """Index pairs (i < j) whose rectangles, grown by half the (x, y) ``gap`` on each side, overlap."""
    import numpy as np

    half = np.asarray(gap, dtype=float) / 2
    lo = xy - ext[:, [0, 2]] - half
    hi = xy + ext[:, [1, 3]] + half
    ox = np.minimum(hi[:, None, 0], hi[None, :, 0]) - np.maximum(lo[:, None, 0], lo[None, :, 0])
    oy = np.minimum(hi[:, None, 1], hi[None, :, 1]) - np.maximum(lo[:, None, 1], lo[None, :, 1])
    hit = np.triu((ox > 1e-9) & (oy > 1e-9), k=1)
    return np.argwhere(hit)


def _push_apart(xy: np.ndarray, ext: np.ndarray, gap: tuple[float, float], *, aspect: float = ASPECT,
                rounds: int = 400) -> np.ndarray:
    """Move rectangles until none overlap: each pair apart along its axis of least overlap, the
    sideways overlap counted less while the drawing is narrower than ``aspect`` (and more while wider)."""
    import numpy as np

    xy = xy.copy()
    n = len(xy)
    # Box centres differ from node centres (the label hangs below the node).
    shift = np.stack([(ext[:, 1] - ext[:, 0]) / 2, (ext[:, 3] - ext[:, 2]) / 2], axis=1)
    order = np.arange(n)
    for r in range(rounds):
        pairs = overlapping_pairs(xy, ext, gap=gap)
        if len(pairs) == 0:
            return xy
        i, j = pairs[:, 0], pairs[:, 1]
        lo = xy - ext[:, [0, 2]] - np.asarray(gap) / 2
        hi = xy + ext[:, [1, 3]] + np.asarray(gap) / 2
        ox = np.minimum(hi[i, 0], hi[j, 0]) - np.maximum(lo[i, 0], lo[j, 0])
        oy = np.minimum(hi[i, 1], hi[j, 1]) - np.maximum(lo[i, 1], lo[j, 1])
        centre = xy + shift
        d = centre[j] - centre[i]
        sx = np.where(d[:, 0] != 0, np.sign(d[:, 0]), np.where(order[j] % 2, 1.0, -1.0))
        sy = np.where(d[:, 1] != 0, np.sign(d[:, 1]), 1.0)
        low, high = extent(xy, ext)
        bias = float(np.clip((high[0] - low[0]) / max((high[1] - low[1]) * aspect, 1e-9), 0.25, 4.0))
        along_x = ox * bias < oy
        push = np.zeros((len(pairs), 2))
        push[along_x, 0] = ox[along_x] * sx[along_x] / 2
        push[~along_x, 1] = oy[~along_x] * sy[~along_x] / 2
        disp = np.zeros_like(xy)
        np.add.at(disp, i, -push)
        np.add.at(disp, j, push)
        count = np.bincount(pairs.ravel(), minlength=n).astype(float)
        # A rectangle in many overlaps moves by their mean push, damped only early on, so crowds open
        # up without overshooting; a round that resolves nothing much ends with a gentle spread.
        xy += disp / np.maximum(count, 1.0)[:, None] * (1.0 if r < rounds // 2 else 1.2)
        if r % 50 == 49:  # a stubborn knot: spread everything a little about the centre
            xy = xy.mean(axis=0) + (xy - xy.mean(axis=0)) * 1.05
    while len(overlapping_pairs(xy, ext, gap=gap)):  # guaranteed to end: far enough apart nothing overlaps
        xy = xy.mean(axis=0) + (xy - xy.mean(axis=0)) * 1.2
    return xy


def separate(xy: np.ndarray, ext: np.ndarray, *, gap: tuple[float, float] = GAP, aspect: float = ASPECT,
             steps: int = 16) -> np.ndarray:
    """Positions near ``xy`` at which no two rectangles (``ext`` from :func:`box_arrays`) overlap.

    After a first separation the drawing is shrunk (as a whole, or across or down alone) and
    separated again while that lets it fit a smaller window of the given ``aspect``.
    """
    import numpy as np

    if len(xy) < 2:
        return xy.copy()
    best = _push_apart(xy, ext, gap, aspect=aspect)
    best_cost = _span(best, ext, aspect)
    for _ in range(steps):
        for factor in ((0.85, 0.85), (1.0, 0.8), (0.8, 1.0)):
            centre = best.mean(axis=0)
            trial = _push_apart(centre + (best - centre) * np.array(factor), ext, gap, aspect=aspect)
            cost = _span(trial, ext, aspect)
            if cost < best_cost * 0.99:
                best, best_cost = trial, cost
                break
        else:
            break
    return np.asarray(best)


def _span(xy: np.ndarray, ext: np.ndarray, aspect: float) -> float:
    """The width of the smallest window of ``aspect`` that holds every rectangle."""
    lo, hi = extent(xy, ext)
    return float(max(hi[0] - lo[0], (hi[1] - lo[1]) * aspect))


def extent(xy: np.ndarray, ext: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The (min corner, max corner) of every rectangle together."""
    return (xy - ext[:, [0, 2]]).min(axis=0), (xy + ext[:, [1, 3]]).max(axis=0)
