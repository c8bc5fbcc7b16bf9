"""Neo4j Browser, one step: the Browser kit (saved scripts, style, guide) and the real Browser served by the
launcher, driven in Debian's headless Chromium: connect with the password, run a canned report from the kit,
see its rows, and play the kit's guide."""

from __future__ import annotations

import re
import threading
import zipfile
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from neo4j_server import load_sample

from qdkg.graph.browser_kit import GUIDE_REPORTS, param_line, write_browser_kit
from qdkg.graph.neo4j_store import Neo4jStore
from qdkg.queries.pack import PACK_ROOT, load_packs
from qdkg.queries.runner import run_pack

PACKS = load_packs()


@pytest.fixture(scope="module")
def neo4j_sample(neo4j_server) -> Iterator[Neo4jStore]:  # type: ignore[no-untyped-def]
    store = Neo4jStore(neo4j_server.uri, password=neo4j_server.password)
    load_sample(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def kit(neo4j_sample: Neo4jStore, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return write_browser_kit(neo4j_sample, tmp_path_factory.mktemp("kit"))


def test_saved_scripts_zip_holds_every_pack_by_theme(kit) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(kit.scripts) as zf:
        names = sorted(zf.namelist())
        assert names == sorted(f"{p.theme}/{p.id}.cypher" for p in PACKS.values())
        assert {n.split("/")[0] for n in names} == {"entities", "industry", "overview", "places", "projects",
                                                    "quality", "reports", "targets"}
        for pack in PACKS.values():
            text = zf.read(f"{pack.theme}/{pack.id}.cypher").decode("utf-8")
            assert text.splitlines()[0] == f"// {pack.title_zh}"
            assert text.rstrip().endswith(pack.text.rstrip())
            for p in pack.params:
                assert f"//   :param {p.name} => " in text
    assert kit.script_count == len(PACKS)


def test_style_and_guide(kit, neo4j_sample: Neo4jStore) -> None:  # type: ignore[no-untyped-def]
    assert kit.style.read_text(encoding="utf-8") == (PACK_ROOT / "qdkg.grass").read_text(encoding="utf-8")
    guide = kit.guide.read_text(encoding="utf-8")
    slides = re.split(r"\r?\n---\r?\n", guide)  # how Browser splits a Markdown guide into slides
    assert len(slides) == 1 + len(GUIDE_REPORTS)
    for slide, report in zip(slides[1:], GUIDE_REPORTS):
        pack = PACKS[report]
        assert slide.strip().startswith(f"## {pack.title_zh} / {pack.title_en}")
        blocks = re.findall(r"```cypher\n(.*?)\n```", slide, re.DOTALL)
        assert blocks[-1] == pack.text.rstrip()
        if pack.params:
            assert blocks[0].splitlines() == [param_line(p.name, kit.params[report][p.name]) for p in pack.params]
            assert all(line.startswith(":param ") for line in blocks[0].splitlines())
    # the names the guide sets are real: each report runs with them and returns rows
    for report in ("district-profile", "industry-chain", "entity-neighbourhood"):
        names = [v for k, v in kit.params[report].items() if PACKS[report].param(k).is_name]  # type: ignore[union-attr]
        for name in names:
            assert neo4j_sample.query("MATCH (n:Entity {name: $n}) RETURN count(n) AS c", {"n": name}) == [{"c": 1}]
        assert run_pack(neo4j_sample, PACKS[report], kit.params[report]).rows


def test_cli_writes_the_kit(neo4j_cli, neo4j_sample: Neo4jStore, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    res = neo4j_cli("export", "browser-kit", "-o", str(tmp_path / "kit"))
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines()[0] == f"Wrote {len(PACKS)} saved scripts to {tmp_path / 'kit' / 'qdkg-saved-scripts.zip'}"
    assert sorted(p.name for p in (tmp_path / "kit").iterdir()) == ["qdkg-guide.md", "qdkg-saved-scripts.zip",
                                                                   "qdkg.grass"]


# --- the real Browser ----------------------------------------------------------------------------


@pytest.fixture
def connected(browser, neo4j_server, neo4j_sample: Neo4jStore) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """A Browser page, logged in with the session server's password."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    page.goto(f"{neo4j_server.browser_url}?dbms={neo4j_server.uri}&db=neo4j", wait_until="domcontentloaded")
    page.get_by_test_id("username").fill("neo4j")
    page.get_by_test_id("password").fill(neo4j_server.password)
    page.get_by_test_id("connect").click()
    page.wait_for_selector("text=You are connected as user", timeout=60_000)
    yield page
    ctx.close()


def run_in_editor(page: Any, text: str) -> Any:
    """Put ``text`` in Browser's editor (as pasted: no auto-closing brackets, newlines kept) and run it;
    returns the new result frame."""
    from playwright.sync_api import expect

    before = page.get_by_test_id("frame").count()
    page.get_by_test_id("activeEditor").click()
    page.keyboard.insert_text(text)
    page.get_by_test_id("editor-Run").click()
    expect(page.get_by_test_id("frame")).to_have_count(before + 1, timeout=60_000)  # (Browser's CSP forbids eval)
    frame = page.get_by_test_id("frame").first  # the newest frame is on top
    frame.get_by_text(re.compile(r"Started streaming|Successfully set your parameters|Set params")).first.wait_for(
        timeout=60_000)
    return frame


def test_browser_runs_a_canned_report_from_the_kit(connected, kit, neo4j_sample: Neo4jStore) -> None:  # type: ignore[no-untyped-def]
    page = connected
    with zipfile.ZipFile(kit.scripts) as zf:
        script = zf.read("places/district-profile.cypher").decode("utf-8")
    district = kit.params["district-profile"]["district"]
    set_params = run_in_editor(page, f":param district => \"{district}\"")
    assert district in set_params.inner_text()
    frame = run_in_editor(page, script)  # the saved script as it is, comments and all
    text = frame.inner_text()
    expected = run_pack(neo4j_sample, PACKS["district-profile"], {"district": district}).rows
    assert expected
    match = re.search(r"Started streaming (\d+) records", text)
    assert match and int(match.group(1)) == len(expected), text[-300:]
    first_column = next(iter(expected[0]))
    for row in expected[:5]:
        assert str(row[first_column]) in text


class _CorsHandler(SimpleHTTPRequestHandler):
    """Serves the kit to Browser's :guide, which fetches from another origin."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Headers", "*")
        super().end_headers()

    def do_OPTIONS(self) -> None:  # the preflight Browser's no-cache headers cause  # noqa: N802
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def test_browser_plays_the_guide(connected, kit) -> None:  # type: ignore[no-untyped-def]
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_CorsHandler, directory=str(kit.directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = connected
        page.get_by_test_id("activeEditor").click()
        page.keyboard.insert_text(f":guide http://localhost:{server.server_address[1]}/{kit.guide.name}")
        page.get_by_test_id("editor-Run").click()
        page.get_by_text("qdkg 城市项目知识图谱").first.wait_for(timeout=60_000)
        # the next slide: a report with its :param block and its Cypher, both runnable (click to edit)
        overview = page.get_by_text("图谱概览 / Overview").first
        for _ in range(6):  # a click before the carousel is live is lost on a loaded machine: click until it moves
            page.get_by_role("button", name="Next").first.click()
            try:
                overview.wait_for(timeout=10_000)
                break
            except Exception:  # noqa: BLE001 - Playwright's TimeoutError; try the click again
                continue
        overview.wait_for(timeout=10_000)
        runnable = page.locator("pre.runnable")
        assert runnable.count() >= 1
        assert "UNWIND labels(n) AS label" in runnable.first.inner_text()
    finally:
        server.shutdown()
