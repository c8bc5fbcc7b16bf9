"""HTML export at 30, 150, 300 and 3,000 nodes: qdkg's export beside pyvis's defaults, in one run.

For each size a synthetic report graph (hubs, chains, cross links, a few isolates) is written
through the real writer. We time qdkg's export (projection, layout with label overlap removal,
page) and then, in Debian's headless Chromium at 1400 x 900, the time from navigation until the
layout is still: for qdkg's page the first fitted frame (positions come precomputed, physics
off); for pyvis's defaults (``Network().from_nx(G)``, physics on) vis-network's "stabilized"
event, capped at :data:`CAP` seconds. Then both pages are measured with
:mod:`qdkg.graph.label_audit`: names drawn at first sight and overlapping node-and-name boxes
among them. pyvis's bootstrap links go to a CDN and are blocked (no network here).
"""

from __future__ import annotations

import hashlib
import random
import time
from pathlib import Path
from typing import Any

from bench.util import md_table, temp_store

SIZES = (30, 150, 300, 3000)
CAP = 30.0
CHROMIUM = "/usr/bin/chromium"
#: The drawing area of a 1400 x 900 window below the page header.
WINDOW = (1360.0, 780.0)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def synthetic_batch(n: int, *, seed: int = 1) -> Any:
    """``n`` entities with about 1.3 n relationships and a source sentence each."""
    from qdkg.graph import schema
    from qdkg.loaders.model import Document, Entity, GraphBatch, Mention, Relation, Section

    rng = random.Random(seed)
    key = f"bench-{n}"
    text = "合成基准文本。"
    doc = Document(key=key, title=f"合成报告 {n}", source=f"{key}.txt",
                   content_hash=hashlib.sha256(f"{n}".encode()).hexdigest(), text=text, year=2025)
    sec = Section(key=f"{key}#1", doc=key, kind="part", level=1, order=1, number="一", title="合成", start=0,
                  end=len(text))
    labels = schema.ENTITY_LABELS
    ents = [Entity(labels[i % len(labels)], f"合成{i}号{labels[i % len(labels)]}") for i in range(n)]
    rels = []
    for i in range(1, n):
        if i % 40:
            j = rng.randrange(i) if rng.random() < 0.7 else rng.randrange(max(1, i // 10))
            rels.append(Relation(ents[i].ref, "RELATED_TO", ents[j].ref, text, sec.key, {"count": 1}))
    for _ in range(n // 3):
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            rels.append(Relation(ents[a].ref, "SUPPORTED_BY", ents[b].ref, text, sec.key))
    mentions = [Mention(e.ref, sec.key, e.name, 0, 2, f"推进{e.name}建设。") for e in ents]
    return GraphBatch(document=doc, sections=[sec], entities=ents, mentions=mentions, relations=rels)


def pyvis_default_page(G: Any) -> str:
    """What a user gets from pyvis out of the box (in_line so vis-network itself needs no network)."""
    import networkx as nx
    from pyvis.network import Network

    simple = nx.DiGraph()
    for nid, d in G.nodes(data=True):
        simple.add_node(nid, label=d.get("name") or nid, title=d.get("label"))
    simple.add_edges_from((u, v) for u, v in G.edges())
    net = Network(directed=True, cdn_resources="in_line")
    net.from_nx(simple)
    return net.generate_html()


def _settle(browser: Any, path: Path, condition: str, *, cap: float) -> tuple[float | None, dict[str, Any]]:
    """Seconds from navigation until ``condition`` holds in the page (None if not within ``cap``),
    and the page's measured boxes at that moment (or at the cap)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from qdkg.graph.label_audit import MEASURE_JS

    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
               else route.abort())
    t0 = time.perf_counter()
    still: float | None = None
    try:
        page.goto(path.as_uri(), wait_until="load", timeout=cap * 1000)
        page.wait_for_function(condition, timeout=max(1.0, cap - (time.perf_counter() - t0)) * 1000, polling=100)
        still = time.perf_counter() - t0
    except PlaywrightTimeout:
        pass
    try:
        return still, dict(page.evaluate(MEASURE_JS))
    finally:
        ctx.close()


def _labels(measured: dict[str, Any]) -> str:
    from qdkg.graph.label_audit import named_overlaps

    named = sum(1 for n in measured["nodes"] if n["named"])
    return f"{named:,} / {len(named_overlaps(measured)):,}"


# vis-network stops simulating and emits "stabilized" when the layout is still; listen from the load event.
PYVIS_STABLE = """() => {
  if (typeof network === 'undefined' || !network) return false;
  if (!window.__qdkgWatch) {
    window.__qdkgWatch = true;
    window.__qdkgStable = false;
    network.on('stabilized', () => { window.__qdkgStable = true; });
  }
  return window.__qdkgStable === true;
}"""


def layered_rings(H: Any, nodes: list[Any], centre: Any) -> Any:
    """The layered alternative for focused views: the centre in the middle, each hop on a wider ring
    (stretched to the window's aspect), nodes ordered around it by their parents' mean angle."""
    import math

    import networkx as nx
    import numpy as np

    from qdkg.graph.label_boxes import ASPECT
    from qdkg.graph.layout import SPACING

    dist = nx.single_source_shortest_path_length(H, centre)
    angle: dict[Any, float] = {centre: 0.0}
    xy: dict[Any, tuple[float, float]] = {centre: (0.0, 0.0)}
    for d in range(1, max(dist.values()) + 1):
        def parents_angle(v: Any, d: int = d) -> float:
            ps = [angle[u] for u in H[v] if dist.get(u) == d - 1]
            return math.atan2(sum(math.sin(a) for a in ps), sum(math.cos(a) for a in ps)) if ps else 0.0

        layer = sorted((v for v in nodes if dist.get(v) == d), key=lambda v: (parents_angle(v), str(v)))
        for i, v in enumerate(layer):
            angle[v] = 2 * math.pi * i / len(layer)
            r = d * SPACING * 2.2
            xy[v] = (r * math.cos(angle[v]) * ASPECT, r * math.sin(angle[v]))
    return np.array([xy.get(v, (0.0, 0.0)) for v in nodes])


def crossings(pos: dict[Any, tuple[float, float]], G: Any) -> int:
    """Pairs of edges (without a shared end) whose straight segments cross."""
    from qdkg.graph.analytics import simple_undirected

    edges = list(simple_undirected(G).edges())

    def ccw(a: Any, b: Any, c: Any) -> bool:
        return (c[1] - a[1]) * (b[0] - a[0]) > (b[1] - a[1]) * (c[0] - a[0])

    count = 0
    for i, (u, v) in enumerate(edges):
        a, b = pos[u], pos[v]
        for x, y in edges[i + 1:]:
            if len({u, v, x, y}) == 4:
                c, d = pos[x], pos[y]
                count += ccw(a, c, d) != ccw(b, c, d) and ccw(a, b, c) != ccw(a, b, d)
    return count


def layout_choice() -> str:
    """Force layout vs layered rings, each followed by the same overlap removal, on the sample's focused
    views: the zoom at which the view fits a 1400 x 900 window (higher reads better) and edge crossings."""
    from dataclasses import replace

    from qdkg.graph.analytics import most_important, simple_undirected
    from qdkg.graph.export_common import ExportSpec, export_graph
    from qdkg.graph.layout import ForceLayout, arrange, force_layout
    from qdkg.graph.picture import fit_scale, plan_picture
    from qdkg.graph.projection import project
    from qdkg.graph.writer import write_batch
    from qdkg.loaders.pipeline import extract_batch
    from qdkg.loaders.reading import read_document

    rows = []
    with temp_store("bench_export_sample") as store:
        store.init_schema()
        write_batch(store, extract_batch(read_document(Path("data/samples/qingdao-2025-work-report-part.txt"))))
        full = project(store)
        busiest = [full.nodes[n]["name"] for n in most_important(full, 6)]
        names = ["董家口"] + [n for n in busiest if n != "董家口"][:5]
        for name in names:
            g = export_graph(store, ExportSpec(focus=name, depth=2))
            pic = plan_picture(g)
            drawn = [n for n in g if n not in pic.unconnected]
            force = force_layout(g)
            centre = g.graph["focus"][0]
            H = simple_undirected(g)
            layered = ForceLayout([(nodes, layered_rings(H, nodes, centre) if centre in nodes else xy, edges)
                                   for nodes, xy, edges in force.components], force.singles)
            rings = arrange(layered, pic.boxes())
            sub = g.subgraph(drawn)
            rows.append({
                "focus (depth 2)": name, "nodes": len(g),
                "force + overlap removal: zoom / crossings":
                    f"{fit_scale(pic, drawn, WINDOW):.2f} / {crossings(pic.positions, sub):,}",
                "layered rings + overlap removal: zoom / crossings":
                    f"{fit_scale(replace(pic, positions=rings), drawn, WINDOW):.2f} / {crossings(rings, sub):,}",
            })
    return (
        "### Layout for focused views, picked by measuring\n\n"
        "The sample's 董家口 view (`make demo`) and its five busiest other entities, two hops deep. Both layouts are "
        "followed by the same overlap removal on node-and-name rectangles, so neither has overlaps; *zoom* is the "
        "scale at which the view fits a 1400 x 900 window (capped at 1; higher means larger names), *crossings* "
        "counts pairs of crossing edges. qdkg uses the force layout.\n\n" + md_table(rows)
    )


def run() -> str:
    from playwright.sync_api import sync_playwright

    from qdkg.graph.export_common import ExportSpec, export_graph
    from qdkg.graph.export_html import render_html
    from qdkg.graph.layout import force_layout
    from qdkg.graph.picture import plan_picture
    from qdkg.graph.writer import write_batch

    rows = []
    out = (Path("out") / "bench-export").resolve()
    out.mkdir(parents=True, exist_ok=True)
    with temp_store("bench_export") as store, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in SIZES:
            store.clear()
            store.init_schema()
            write_batch(store, synthetic_batch(n))
            t0 = time.perf_counter()
            g = export_graph(store, ExportSpec())
            t_select = time.perf_counter() - t0
            t1 = time.perf_counter()
            pic = plan_picture(g)
            t_layout = time.perf_counter() - t1
            t4 = time.perf_counter()
            force_layout(g)  # the force layout alone, without names
            t_force = time.perf_counter() - t4
            t2 = time.perf_counter()
            page = render_html(g, picture=pic)
            t_page = time.perf_counter() - t2
            ours = out / f"qdkg-{n}.html"
            ours.write_text(page, encoding="utf-8")
            t3 = time.perf_counter()
            theirs_html = pyvis_default_page(g)
            t_pyvis = time.perf_counter() - t3
            theirs = out / f"pyvis-default-{n}.html"
            theirs.write_text(theirs_html, encoding="utf-8")
            ready, ours_m = _settle(browser, ours, "window.qdkg && window.qdkg.ready === true", cap=CAP)
            stable, theirs_m = _settle(browser, theirs, PYVIS_STABLE, cap=CAP)
            rows.append({
                "nodes": f"{len(g):,}",
                "edges": f"{g.number_of_edges():,}",
                "qdkg export s (project / layout / page)": f"{t_select + t_layout + t_page:.1f} "
                                                          f"({t_select:.1f} / {t_layout:.1f} / {t_page:.1f})",
                "force layout alone s": f"{t_force:.1f}",
                "qdkg page MB": f"{len(page.encode()) / 1e6:.1f}",
                "qdkg: still": f"{ready:.1f} s" if ready is not None else f"not ready after {CAP:.0f} s",
                "qdkg: named / overlaps": _labels(ours_m),
                "pyvis defaults: build s": f"{t_pyvis:.1f}",
                "pyvis defaults: still": f"{stable:.1f} s" if stable is not None else f"not still after {CAP:.0f} s",
                "pyvis defaults: named / overlaps": _labels(theirs_m),
            })
        browser.close()
    return (
        "## HTML export: qdkg vs pyvis defaults\n\n"
        "Synthetic report graphs written through the writer, opened in headless Chromium at 1400 x 900. "
        "*still*: wall time from navigation until the layout is still (capped at "
        f"{CAP:.0f} s). *named / overlaps*: nodes whose name vis-network draws at first sight, and pairs of "
        "them whose node-and-name boxes (`network.getBoundingBox`) overlap, measured when still (or at the cap). "
        "qdkg computes positions ahead (a force layout per component, then overlap removal on the rectangles of "
        "named nodes; every node named up to 150 shown nodes, else the 50 most important, enlarged to read) "
        "and turns physics off; pyvis's defaults simulate in the page and draw every name. *force layout alone*: "
        "the same force layout without names, timed in the same run, so the *layout* column minus it is what "
        "taking names into account costs.\n\n" + md_table(rows) + "\n\n" + layout_choice()
    )


if __name__ == "__main__":  # pragma: no cover
    print(run())
