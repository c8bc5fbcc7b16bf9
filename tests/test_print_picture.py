"""The printed picture (export png/svg): an A4 landscape page at 300 dpi in a CJK font from this
machine, with the HTML page's rules: every name of a focused view drawn, no name over another name
or another node, unconnected nodes left out and counted, a title and the source line."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from qdkg.errors import ExportError
from qdkg.graph.export_common import ExportSpec, export_graph
from qdkg.graph.export_static import PAGE, draw, find_cjk_font, print_view
from qdkg.graph.picture import plan_picture


@pytest.fixture(scope="module")
def cjk_font() -> str:
    try:
        return find_cjk_font()
    except ExportError as e:
        pytest.fail(f"{e} (run `make test-deps`)")


def _drawn(fig: Any, pic: Any) -> tuple[dict[str, Any], list[tuple[Any, Any]]]:
    """Label extents by node, and each drawn node's marker as a display-space box."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    labels = {t.get_gid().removeprefix("label:"): t.get_window_extent(renderer)
              for t in ax.texts if (t.get_gid() or "").startswith("label:")}
    x0, _ = ax.transData.transform((0, 0))
    x1, _ = ax.transData.transform((1, 0))
    px_per_unit = abs(x1 - x0)
    markers = []
    for n in pic.graph:
        if n in pic.unconnected:
            continue
        cx, cy = ax.transData.transform(pic.positions[n])
        r = pic.sizes[n] * px_per_unit
        markers.append((n, (cx - r, cy - r, cx + r, cy + r)))
    return labels, markers


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _box(e: Any) -> tuple[float, float, float, float]:
    return (e.x0, e.y0, e.x1, e.y1)


def test_focused_print_names_everything_without_overlap(sample_store, cjk_font: str) -> None:  # type: ignore[no-untyped-def]
    g = export_graph(sample_store, ExportSpec(focus="董家口", depth=2))
    pic = plan_picture(g, view=print_view())
    fig = draw(g, font_path=cjk_font, picture=pic)
    assert tuple(fig.get_size_inches()) == pytest.approx(PAGE)
    labels, markers = _drawn(fig, pic)
    assert set(labels) == {str(n) for n in g}
    boxes = {n: _box(e) for n, e in labels.items()}
    assert [(a, b) for a, b in combinations(boxes, 2) if _overlap(boxes[a], boxes[b])] == []
    over_nodes = [(n, m) for n, b in boxes.items() for m, mb in markers if str(m) != n and _overlap(b, mb)]
    assert over_nodes == []
    width, height = fig.canvas.get_width_height()
    assert all(b[0] >= 0 and b[1] >= 0 and b[2] <= width and b[3] <= height for b in boxes.values())
    sizes = [t.get_fontsize() for t in fig.axes[0].texts]
    assert min(sizes) >= 6.0  # points: readable on paper
    page_text = " ".join(t.get_text() for t in fig.texts)
    assert "董家口 关系图" in page_text and "来源：《" in page_text


def test_whole_print_leaves_out_and_counts_unconnected_nodes(sample_store, cjk_font: str) -> None:  # type: ignore[no-untyped-def]
    g = export_graph(sample_store, ExportSpec())
    pic = plan_picture(g, view=print_view())
    fig = draw(g, font_path=cjk_font, picture=pic)
    labels, _ = _drawn(fig, pic)
    assert len(labels) == 50
    boxes = [_box(e) for e in labels.values()]
    assert not any(_overlap(a, b) for a, b in combinations(boxes, 2))
    page_text = " ".join(t.get_text() for t in fig.texts)
    assert f"另有 {len(pic.unconnected)} 个未关联的节点未画出" in page_text


def test_png_is_a4_landscape_at_300_dpi(store, run_cli, cjk_font: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import SAMPLE_REPORT

    from qdkg.graph.writer import write_batch
    from qdkg.loaders.pipeline import extract_batch
    from qdkg.loaders.reading import read_document

    store.init_schema()
    write_batch(store, extract_batch(read_document(SAMPLE_REPORT)))
    out = tmp_path / "djk.png"
    res = run_cli("export", "png", "--focus", "董家口", "-o", str(out))
    assert res.exit_code == 0, res.output
    from PIL import Image

    with Image.open(out) as im:
        assert im.size == (round(PAGE[0] * 300), round(PAGE[1] * 300))
