"""Exported pages in a real headless Chromium (Debian's package), driven by playwright.

These fail, not skip, when Chromium is missing: `make test-deps` installs it
(apt-get install chromium fonts-noto-cjk). playwright's own browser download is never used.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM
from export_helpers import IMG_NAME, SCRIPT_NAME, briefing_batch, synthetic_batch

from qdkg.graph.export_common import ExportSpec, export_graph
from qdkg.graph.export_html import write_html
from qdkg.graph.writer import write_batch

pytestmark = pytest.mark.browser

READY = "window.qdkg && window.qdkg.ready === true"

COUNT_INK = """() => {
  const canvas = document.querySelector('#graph canvas');
  const ctx = canvas.getContext('2d');
  const img = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 0; i < img.length; i += 4) {
    if (img[i + 3] > 0 && (img[i] < 240 || img[i + 1] < 240 || img[i + 2] < 240)) ink++;
  }
  return ink;
}"""


class Watched:
    """A page that records console errors, page errors, dialogs and every request."""

    def __init__(self, page: Any):
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

        def on_dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)

    def check_clean(self) -> None:
        assert self.dialogs == [], f"a document string ran as script: {self.dialogs}"
        assert self.errors == [], self.errors
        foreign = [u for u in self.requests if not u.startswith(("file://", "data:"))]
        assert foreign == [], f"network requests: {foreign}"


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    ctx = browser.new_context(viewport={"width": 1200, "height": 800})
    w = Watched(ctx.new_page())
    yield w
    ctx.close()


@pytest.fixture
def briefing_page(store, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    store.init_schema()
    write_batch(store, briefing_batch())
    return write_html(export_graph(store, ExportSpec()), tmp_path / "briefing.html")


def _open(w: Watched, path: Path, timeout: float = 30_000) -> None:
    w.page.goto(path.as_uri())
    w.page.wait_for_function(READY, timeout=timeout)


def test_page_draws_offline_without_errors(watched: Watched, briefing_page: Path, tmp_path: Path) -> None:
    _open(watched, briefing_page)
    assert watched.page.evaluate(COUNT_INK) > 2000  # the canvas is drawn
    shot = tmp_path / "briefing.png"
    watched.page.screenshot(path=str(shot))
    from PIL import Image

    colours = Image.open(shot).convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50, "the screenshot is blank"
    assert watched.page.title() == "项目知识图谱"
    assert "青岛市2025年政府工作报告" in watched.page.text_content("#caption")
    legend = watched.page.text_content("#legend")
    assert "项目" in legend and "区域" in legend
    watched.check_clean()


def test_hostile_names_are_text_and_run_nothing(watched: Watched, briefing_page: Path) -> None:
    _open(watched, briefing_page)
    page = watched.page
    for name in (SCRIPT_NAME, IMG_NAME):
        page.fill("#search-input", name)
        page.click("#search button")
        assert page.text_content("#search-status") == f"已定位：{name}"
    # The tooltip of the hostile node is built from text nodes: the name is text, no element was made of it.
    tip = page.evaluate(
        """(name) => {
          const n = window.qdkg.nodes.get().find(n => n.facts.name === name);
          return {text: n.title.textContent, imgs: n.title.querySelectorAll('img,script').length};
        }""",
        IMG_NAME,
    )
    assert IMG_NAME in tip["text"] and tip["imgs"] == 0
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    watched.check_clean()


def test_hover_shows_the_facts_as_text(watched: Watched, briefing_page: Path) -> None:
    _open(watched, briefing_page)
    page = watched.page
    point = page.evaluate(
        """() => {
          const net = window.qdkg.network;
          const id = window.qdkg.nodes.get().find(n => n.facts.name === '上合国际枢纽港').id;
          const p = net.canvasToDOM(net.getPosition(id));
          const r = document.querySelector('#graph').getBoundingClientRect();
          return {x: p.x + r.left, y: p.y + r.top};
        }"""
    )
    page.mouse.move(point["x"] + 40, point["y"] + 40)
    page.mouse.move(point["x"], point["y"], steps=4)
    tip = page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    text = tip.text_content()
    for part in ("上合国际枢纽港", "类型：项目", "地点：上合示范区", "阶段：在建", "加快上合示范区建设"):
        assert part in text
    watched.check_clean()


def test_search_focuses_a_node_by_alias(watched: Watched, briefing_page: Path) -> None:
    _open(watched, briefing_page)
    page = watched.page
    page.fill("#search-input", "中国—上海合作组织地方经贸合作示范区")
    page.press("#search-input", "Enter")
    assert page.text_content("#search-status") == "已定位：上合示范区"
    state = page.evaluate(
        """() => {
          const net = window.qdkg.network;
          const id = net.getSelectedNodes()[0];
          const p = net.getPosition(id), v = net.getViewPosition();
          return {id, dist: Math.hypot(p.x - v.x, p.y - v.y)};
        }"""
    )
    assert state["id"] == "District:上合示范区" and state["dist"] < 1
    page.fill("#search-input", "没有这个")
    page.press("#search-input", "Enter")
    assert page.text_content("#search-status") == "未找到：没有这个"
    watched.check_clean()


def test_page_embeds_in_an_iframe(watched: Watched, briefing_page: Path, tmp_path: Path) -> None:
    host = tmp_path / "briefing-host.html"
    host.write_text(f'<!DOCTYPE html><meta charset="utf-8"><h1>简报</h1>'
                    f'<iframe src="{briefing_page.name}" width="900" height="600"></iframe>', encoding="utf-8")
    watched.page.goto(host.as_uri())
    frame = watched.page.frame_locator("iframe")
    frame.locator("body[data-ready='1']").wait_for(timeout=30_000)
    inner = next(f for f in watched.page.frames if f.url.endswith("briefing.html"))
    assert inner.evaluate(COUNT_INK) > 2000
    watched.check_clean()


def test_three_thousand_nodes_open_still(watched: Watched, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store.init_schema()
    write_batch(store, synthetic_batch(3000))
    path = write_html(export_graph(store, ExportSpec()), tmp_path / "big.html")
    _open(watched, path, timeout=60_000)
    page = watched.page
    assert page.evaluate("window.qdkg.nodes.length") == 3000
    # Positions were computed ahead and physics is off: nothing moves after the first frame.
    before = page.evaluate("JSON.stringify(window.qdkg.network.getPositions(['Project:合成project0号']))")
    page.wait_for_timeout(500)
    after = page.evaluate("JSON.stringify(window.qdkg.network.getPositions(['Project:合成project0号']))")
    assert before == after and before != "{}"
    assert page.evaluate(COUNT_INK) > 2000
    watched.check_clean()


def test_chromium_is_debians(browser: Any) -> None:
    assert CHROMIUM.exists() and shutil.which("chromium")
    assert browser.version


def test_sample_report_whole_and_focused(watched: Watched, sample_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    whole = write_html(export_graph(sample_store, ExportSpec()), tmp_path / "graph.html")
    focused = export_graph(sample_store, ExportSpec(focus="上合示范区", depth=2))
    assert any(d.get("name") == "上合示范区" for _, d in focused.nodes(data=True))
    for path in (whole, write_html(focused, tmp_path / "shanghe.html")):
        _open(watched, path)
        assert watched.page.evaluate(COUNT_INK) > 1000
    watched.check_clean()
