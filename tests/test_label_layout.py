"""Label rectangles, overlap removal and the picture plan (what is drawn, named and where)."""

from __future__ import annotations

import math
from itertools import combinations

import networkx as nx
import numpy as np
import pytest

from qdkg.graph.label_boxes import box_arrays, node_box, overlapping_pairs, separate, text_width
from qdkg.graph.layout import layout
from qdkg.graph.picture import FONT, LABEL_ALL, READABLE, TOP_LABELS, VIEW, plan_picture


def test_text_width_counts_chinese_as_one_em_and_latin_narrower() -> None:
    assert text_width("董家口", 14) == 42
    assert text_width("10+1产业方向", 14) == pytest.approx(4 * 14 * 0.6 + 4 * 14)
    assert text_width("山东手造·青岛有礼", 10) == 90  # the middle dot is drawn full width by CJK fonts
    assert text_width("", 14) == 0


def test_node_box_hangs_the_label_below_the_node() -> None:
    box = node_box(10, "董家口炼化一体化", 14)  # 8 characters: 112 wide
    assert (box.left, box.right, box.top, box.bottom) == (56, 56, 10, 24)
    small = node_box(30, "港", 14)  # the node is wider than its name
    assert (small.left, small.right) == (30, 30)
    assert node_box(8, None, 14).bottom == 8


def test_separate_leaves_no_overlap_even_from_one_point() -> None:
    rng = np.random.default_rng(1)
    n = 60
    xy = np.zeros((n, 2)) + rng.normal(0, 1e-3, (n, 2))  # everything in one knot
    ext = np.array([[40, 40, 10, 24]] * n, dtype=float)
    out = separate(xy, ext)
    assert len(overlapping_pairs(out, ext)) == 0
    # Compact: the rectangles fill a fair share of their extent, not a sparse scatter.
    span = (out + ext[:, [1, 3]]).max(axis=0) - (out - ext[:, [0, 2]]).min(axis=0)
    assert (80 * 34 * n) / (span[0] * span[1]) > 0.3


def test_layout_with_boxes_keeps_a_clique_apart() -> None:
    g = nx.MultiDiGraph(nx.complete_graph(6))
    boxes = {v: node_box(20, f"很长的项目名称{v}号", FONT) for v in g}
    pos = layout(g, boxes=boxes)
    nodes = list(g)
    xy = np.array([pos[v] for v in nodes])
    assert len(overlapping_pairs(xy, box_arrays(nodes, boxes))) == 0
    assert min(math.dist(pos[a], pos[b]) for a, b in combinations(g, 2)) > 20


def _graph(n_connected: int, n_isolated: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(nx.barabasi_albert_graph(n_connected, 1, seed=5))
    for v in list(g):
        g.nodes[v].update(name=f"节点{v}", label="Project")
    for i in range(n_isolated):
        g.add_node(f"iso{i}", name=f"孤立{i}", label="Program")
    return g


def test_small_views_name_every_drawn_node_and_hide_unconnected_ones() -> None:
    pic = plan_picture(_graph(40, 3))
    assert sorted(pic.unconnected) == ["iso0", "iso1", "iso2"]
    assert set(pic.labelled) == set(range(40))
    drawn = [n for n in pic.graph if n not in pic.unconnected]
    xy = np.array([pic.positions[n] for n in drawn])
    assert len(overlapping_pairs(xy, box_arrays(drawn, {n: pic.box(n) for n in drawn}))) == 0


def test_whole_graphs_name_the_most_important_enlarged_to_read() -> None:
    g = _graph(LABEL_ALL + 100, 0)
    pic = plan_picture(g)
    assert len(pic.labelled) == TOP_LABELS
    hub = max(g.degree, key=lambda t: t[1])[0]
    assert pic.labelled[0] == hub
    named = pic.labelled
    xy = np.array([pic.positions[n] for n in named])
    assert len(overlapping_pairs(xy, box_arrays(named, {n: pic.box(n) for n in named}))) == 0
    # Fitted into the planned window, a name is about READABLE pixels high.
    drawn = list(g)
    xy = np.array([pic.positions[n] for n in drawn])
    ext = box_arrays(drawn, {n: pic.box(n) for n in drawn})
    span = ((xy + ext[:, [1, 3]]).max(axis=0) - (xy - ext[:, [0, 2]]).min(axis=0)) * 1.1
    scale = min(1.0, VIEW[0] / span[0], VIEW[1] / span[1])
    assert pic.fonts[hub] * scale >= READABLE * 0.9


def test_a_graph_without_edges_shows_its_nodes() -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", name="甲", label="Project")
    pic = plan_picture(g)
    assert pic.unconnected == [] and pic.labelled == ["a"]


LAYOUT_PROBE = """
import networkx as nx
from qdkg.graph.layout import layout
names = [f"项目{i}" for i in range(40)] + ["青岛", "董家口", "海信"]
G = nx.Graph()
for i, n in enumerate(names):
    G.add_edge(n, names[(i * 7) % len(names)])
G.add_nodes_from(sorted(set(names), key=hash))  # an insertion order that follows the process's string hashing
print(sorted((k, round(x, 6), round(y, 6)) for k, (x, y) in layout(nx.Graph(G.edges())).items()))
"""


def test_the_layout_is_the_same_in_every_process() -> None:
    """Positions do not follow Python's per-process string hashing (a focused view's names were 6.9 px in one
    run, 8.4 in another)."""
    import os
    import subprocess
    import sys

    runs = {subprocess.run([sys.executable, "-c", LAYOUT_PROBE], env={**os.environ, "PYTHONHASHSEED": seed},
                           capture_output=True, text=True, check=True).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1 and runs.pop().count("项目") == 40
