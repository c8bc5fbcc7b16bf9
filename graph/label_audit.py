"""Measure a drawn page the way a reader sees it: vis-network's own boxes of every shown node and
its label (``network.getBoundingBox``), which names are drawn at the current zoom, and whether
each box lies inside the window. The browser tests and the export benchmark both count overlaps
with this, on qdkg's pages and on pyvis's defaults alike (any page with a global ``network``
or ``window.qdkg.network``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: Evaluated in the page (playwright ``page.evaluate``): one record per shown node.
MEASURE_JS = """() => {
  const net = (window.qdkg && window.qdkg.network) || window.network;
  const rect = net.body.container.getBoundingClientRect();
  const out = [];
  for (const id of net.body.nodeIndices) {
    const node = net.body.nodes[id];
    const b = net.getBoundingBox(id);
    const tl = net.canvasToDOM({x: b.left, y: b.top}), br = net.canvasToDOM({x: b.right, y: b.bottom});
    const lm = node.labelModule;
    out.push({id: String(id), label: String(node.options.label || ''), named: Boolean(lm.visible()),
              left: b.left, right: b.right, top: b.top, bottom: b.bottom, text: lm.size.width,
              fontPx: lm.fontOptions.size * net.getScale(),
              inside: tl.x >= -0.5 && tl.y >= -0.5 && br.x <= rect.width + 0.5 && br.y <= rect.height + 0.5});
  }
  return {scale: net.getScale(), nodes: out};
}"""


def overlapping(boxes: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs of boxes (dicts with left, right, top, bottom) that overlap, by id; a sweep on x."""
    order = sorted(boxes, key=lambda b: b["left"])
    pairs: list[tuple[str, str]] = []
    active: list[dict[str, Any]] = []
    for b in order:
        active = [a for a in active if a["right"] > b["left"]]
        for a in active:
            if a["top"] < b["bottom"] and b["top"] < a["bottom"]:
                pairs.append((a["id"], b["id"]))
        active.append(b)
    return pairs


def named_overlaps(measured: dict[str, Any]) -> list[tuple[str, str]]:
    """Overlapping pairs among the nodes whose names are drawn (each box is node and name)."""
    return overlapping([n for n in measured["nodes"] if n["named"]])
