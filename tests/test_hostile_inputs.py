"""Hostile inputs, one table of cases: whatever a planner is sent, qdkg answers in one clear line.

Every case runs the real ``qdkg`` command as a subprocess (a real hang guard: the subprocess is
killed at its timeout) against the session's embedded server, and asserts the exit status, a line
matching the expected message, no traceback, and the graph: unchanged (the shared graph holding the
sample report, compared key by key) or changed as the case expects (a graph of the case's own).
The hostile files are made in a temporary folder at test time.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hostile_files as hf
import pytest
import report_files as rf
from conftest import SAMPLE_REPORT

from qdkg.graph.embedded import ServerInfo
from qdkg.graph.falkor_store import FalkorStore

QDKG = str(Path(sys.executable).parent / "qdkg")
#: How qdkg's own stderr lines begin: errors, warnings, progress, the summary of skipped files.
OWN_LINES = ("Error: ", "Warning: ", "… ", "Skipped ", "Wrote ")
Make = Callable[[Path, list[Any]], list[str]]  # (folder, objects to keep alive) -> the command's arguments
Check = Callable[[FalkorStore], None]


@dataclass(frozen=True)
class Case:
    id: str
    make: Make
    exit: int
    message: str  # a regex one line of stderr (or stdout, for what a command reports) must match
    check: Check | None = None  # None: the shared graph must be unchanged; else run on a graph of its own
    timeout: float = 60.0


def load(name: str, data: bytes | str | Callable[[Path], Any], *extra: str) -> Make:
    """``qdkg load FILE`` of a file written from ``data`` (bytes, text, or a maker given the path)."""

    def make(tmp: Path, _keep: list[Any]) -> list[str]:
        path = tmp / name
        if callable(data):
            data(path)
        else:
            hf.write(path, data)
        return ["load", *extra, str(path)]

    return make


def args(*argv: str) -> Make:
    return lambda _tmp, _keep: list(argv)


def with_socket(tmp: Path, keep: list[Any]) -> list[str]:
    path, sock = hf.unix_socket(tmp / "report.txt")
    keep.append(sock)
    return ["load", str(path)]


def empty_files(tmp: Path, _keep: list[Any]) -> list[str]:
    folder = tmp / "empties"
    folder.mkdir()
    for i in range(1000):
        (folder / f"{i:04d}.txt").touch()
    return ["load", str(folder)]


def gbk_file_name(tmp: Path, _keep: list[Any]) -> list[str]:
    name = os.fsdecode("青岛报告".encode("gbk") + b".txt")  # bytes that are not UTF-8: surrogate-escaped
    (tmp / name).write_text(hf.excerpt_text(), encoding="utf-8")
    return ["load", str(tmp)]


def same_text_twice(tmp: Path, _keep: list[Any]) -> list[str]:
    folder = tmp / "twice"
    folder.mkdir()
    hf.write(folder / "a.txt", hf.excerpt_text())
    hf.write(folder / "b.txt", hf.excerpt_text())
    return ["load", str(folder)]


def link_loop(tmp: Path, _keep: list[Any]) -> list[str]:
    """A folder holding a link to its own parent: the walk must not go round for ever."""
    top = tmp / "loop"
    (top / "sub").mkdir(parents=True)
    (top / "sub" / "up").symlink_to("..")
    hf.write(top / "r.txt", hf.excerpt_text())
    return ["load", str(top)]


def folder(path: Path) -> Path:
    path.mkdir()
    return path


def truncated_docx(path: Path) -> None:
    rf.write_docx(path)
    hf.truncated(path, path.read_bytes())


def truncated_xlsx(path: Path) -> None:
    hf.xlsx_rows(path, [["项目名称", "所在区市"], ["官路水库", "平度"]])
    hf.truncated(path, path.read_bytes())


def pdf_with_chatter(path: Path) -> None:
    """A PDF whose font box cannot be read: pdfminer reads the text, and logs a warning per font it meets."""
    data = rf.pdf_bytes([(20.0, line) for line in rf.excerpt_lines()])
    path.write_bytes(data.replace(b"/FontBBox [-25 -254 1000 880]", b"/FontBBox [-25 -254 1000 abc]"))


def formula_table(path: Path) -> None:
    hf.xlsx_rows(path, [["项目名称", "所在区市", "总投资"],
                        ['=HYPERLINK("http://example.com/"&A1,"点击")', "平度", "=1+1"],
                        ["@SUM(A1)", "即墨区", -3]])


def formula_csv(path: Path) -> None:
    hf.write(path, '项目名称,所在区市\n"=HYPERLINK(""http://example.com"",""点击"")",平度\n+cmd|calc,即墨区\n'
                   "-2+3,平度\n\"\t=1+2\",平度\n")


def write_pack(tmp: Path, _keep: list[Any]) -> list[str]:
    pack = tmp / "wipe.cypher"
    pack.write_text("// id: wipe\n// title_zh: 清空\n// title_en: Wipe\n// description: hostile\n// mode: read\n"
                    "MATCH (n) DETACH DELETE n\n", encoding="utf-8")
    return ["report", "run", str(pack)]


# --- checks on a case's own graph -------------------------------------------------------------------


def count(store: FalkorStore, cypher: str) -> int:
    return int(store.query(cypher)[0]["n"])


def documents(n: int, *, entities_at_least: int = 0) -> Check:
    def check(store: FalkorStore) -> None:
        assert count(store, "MATCH (d:Document {status: 'complete'}) RETURN count(d) AS n") == n
        assert count(store, "MATCH (d:Document) WHERE d.status <> 'complete' RETURN count(d) AS n") == 0
        assert count(store, "MATCH (e:Entity) RETURN count(e) AS n") >= entities_at_least

    return check


def nothing(store: FalkorStore) -> None:
    assert count(store, "MATCH (n) RETURN count(n) AS n") == 0


def names_kept(*names: str) -> Check:
    def check(store: FalkorStore) -> None:
        found = {r["name"] for r in store.query("MATCH (e:Entity) RETURN e.name AS name")}
        found |= {a for r in store.query("MATCH (e:Entity) RETURN e.aliases AS a") for a in (r["a"] or [])}
        for name in names:
            assert name in found, (name, sorted(found)[:20])

    return check


def all_of(*checks: Check) -> Check:
    def check(store: FalkorStore) -> None:
        for c in checks:
            c(store)

    return check


def source_is(key: str, source: str) -> Check:
    def check(store: FalkorStore) -> None:
        rows = store.query("MATCH (d:Document {key: $k}) RETURN d.source AS s", {"k": key})
        assert [r["s"] for r in rows] == [source]

    return check


def text_as_written(fragment: str) -> Check:
    def check(store: FalkorStore) -> None:
        texts = [r["t"] for r in store.query("MATCH (s:Section) RETURN s.text AS t")]
        assert any(fragment in (t or "") for t in texts)

    return check


REFUSED = 1
EXCERPT = hf.excerpt_text()
SAMPLE = hf.sample_text()
ENGLISH = "The city government will build new roads and schools this year. " * 40
INJECTION = "董家口' }) MATCH (x) DETACH DELETE x //"

CASES: list[Case] = [
    # empty, binary and mislabelled files
    Case("empty-file", load("empty.txt", b""), REFUSED, r"empty\.txt: the file is empty"),
    Case("whitespace-only", load("blank.txt", " \n\t\r\n　\n"), REFUSED, r"blank\.txt: .*(empty|no report text)"),
    Case("binary-bytes", load("binary.txt", bytes(range(256)) * 16), REFUSED, r"binary\.txt: this is a binary file"),
    Case("png-as-txt", load("photo.txt", hf.PNG_HEADER), REFUSED, r"photo\.txt: this is a PNG image, not text"),
    Case("jpeg-as-txt", load("photo2.txt", b"\xff\xd8\xff\xe0" + bytes(100)), REFUSED, r"this is a JPEG image"),
    Case("pdf-as-txt", load("report.txt", rf.pdf_bytes([(0, "青岛")])), REFUSED, r"report\.txt: this is a PDF"),
    Case("zip-as-txt", load("archive.txt", b"PK\x03\x04" + bytes(60)), REFUSED, r"this is a ZIP archive"),
    Case("nul-bytes-in-text", load("nul.txt", EXCERPT.encode("utf-8")[:300] + b"\x00\x00" + b"x" * 100), REFUSED,
         r"nul\.txt: this is a binary file"),
    Case("latin1-bytes", load("latin.txt", "Café résumé naïve à la carte ".encode("latin-1") * 20), REFUSED,
         r"latin\.txt:\d+: the file is not UTF-8 or GBK"),
    Case("only-boilerplate", load("chrome.txt", "免责声明：本站转载文章仅供参考。\n本站不承担侵权责任。\n"), REFUSED,
         r"no report text left after removing web boilerplate"),
    Case("short-english", load("hello.txt", "hello world"), REFUSED, r"no Chinese report text found"),
    Case("wrong-encoding-flag", load("gbk.txt", EXCERPT.encode("gbk"), "--encoding", "utf-8"), REFUSED,
         r"gbk\.txt:\d+: the file is not valid utf-8"),
    Case("unknown-encoding-flag", load("x.txt", EXCERPT, "--encoding", "klingon"), 2, r"unknown encoding 'klingon'"),
    # formats that are not what their extension says, or truncated
    Case("truncated-docx", load("half.docx", truncated_docx), REFUSED, r"half\.docx: not a readable \.docx file"),
    Case("zip-that-is-no-docx", load("other.docx", lambda p: zipfile_with(p, "x.txt")), REFUSED,
         r"no Word document inside"),
    Case("old-doc-as-docx", load("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)), REFUSED,
         r"old Word \.doc file"),
    Case("truncated-pdf", load("half.pdf", rf.pdf_bytes([(0, "青岛市")])[:200]), REFUSED,
         r"half\.pdf: (not a readable PDF|the PDF has no text layer)"),
    Case("pdf-garbage", load("junk.pdf", b"%PDF-1.4\n" + b"garbage " * 200), REFUSED, r"junk\.pdf: not a readable PDF"),
    Case("scan-without-text", load("scan.pdf", rf.pdf_bytes(None)), REFUSED, r"scan\.pdf: the PDF has no text layer"),
    Case("pdf-library-chatter-kept-out", load("chatty.pdf", pdf_with_chatter), 0, r"^loaded +.*chatty\.pdf",
         check=documents(1, entities_at_least=5)),
    Case("truncated-xlsx", load("half.xlsx", truncated_xlsx), REFUSED, r"half\.xlsx: cannot read the table"),
    Case("xlsx-garbage", load("junk.xlsx", b"not a spreadsheet at all" * 10), REFUSED,
         r"junk\.xlsx: cannot read the table"),
    Case("xls-garbage", load("junk.xls", b"\xd0\xcf\x11\xe0" + bytes(600)), REFUSED, r"junk\.xls: cannot read the table"),
    Case("ods-table", load("t.ods", b"PK\x03\x04"), REFUSED, r"does not read \.ods tables"),
    Case("doc-extension", load("old.doc", b"\xd0\xcf\x11\xe0"), REFUSED, r"unknown file type '\.doc'"),
    Case("no-extension", load("README", EXCERPT), REFUSED, r"README: no file extension"),
    Case("missing-file", args("load", "/nonexistent/report.txt"), REFUSED, r"no such file or folder"),
    # tables
    Case("headerless-csv", load("rows.csv", "官路水库,平度,水利\n董家口港,西海岸,港口\n"), REFUSED,
         r"rows\.csv: row 1: no name column among the headers"),
    Case("empty-csv", load("none.csv", b""), REFUSED, r"none\.csv: the file is empty"),
    Case("header-only-csv", load("head.csv", "项目名称,所在区市\n"), REFUSED, r"head\.csv: row 2: the table has a header"),
    Case("undecodable-csv", load("bad.csv", b"\xff\xfe\xfa" * 50), REFUSED, r"bad\.csv: the file is not UTF-8 or GBK"),
    Case("csv-100000-rows", load("big.csv", lambda p: hf.csv_rows(p, 100_000)), REFUSED,
         r"big\.csv: row 10002: has more than 10,000 rows"),
    Case("xlsx-100000-rows", load("big.xlsx", lambda p: hf.xlsx_rows(p, [["项目名称", "所在区市"]] +
                                                                 [[f"测试{i}号产业园", "即墨区"] for i in range(100_000)])),
         REFUSED, r"big\.xlsx: row 10002: has more than 10,000 rows", timeout=120),
    Case("formula-cells-xlsx-kept-as-text", load("formulas.xlsx", formula_table), 0, r"^loaded +.*formulas\.xlsx",
         check=names_kept('=HYPERLINK("http://example.com/"&A1,"点击")', "@SUM(A1)")),
    Case("formula-cells-csv-kept-as-text", load("formulas.csv", formula_csv), 0, r"^loaded +.*formulas\.csv",
         check=names_kept('=HYPERLINK("http://example.com","点击")', "+cmd|calc", "-2+3")),
    # not regular files
    Case("fifo", lambda tmp, _k: ["load", str(hf.fifo(tmp / "pipe.txt"))], REFUSED,
         r"pipe\.txt: is a named pipe \(FIFO\), not a regular file"),
    Case("fifo-in-folder", lambda tmp, _k: ["load", str(hf.fifo(tmp / "pipe.txt").parent)], REFUSED,
         r"pipe\.txt: is a named pipe \(FIFO\)"),
    Case("fifo-extract", lambda tmp, _k: ["extract", str(hf.fifo(tmp / "pipe.txt"))], REFUSED,
         r"pipe\.txt: is a named pipe \(FIFO\)"),
    Case("link-to-dev-zero", lambda tmp, _k: ["load", str(hf.link(tmp / "zero.txt", "/dev/zero"))], REFUSED,
         r"zero\.txt: is a character device \(a link to /dev/zero\), not a regular file"),
    Case("link-to-dev-zero-as-pdf", lambda tmp, _k: ["load", str(hf.link(tmp / "zero.pdf", "/dev/zero"))], REFUSED,
         r"zero\.pdf: is a character device"),
    Case("link-to-dev-zero-as-csv", lambda tmp, _k: ["load", str(hf.link(tmp / "zero.csv", "/dev/zero"))], REFUSED,
         r"zero\.csv: is a character device"),
    Case("link-to-dev-urandom", lambda tmp, _k: ["load", str(hf.link(tmp / "rand.html", "/dev/urandom"))], REFUSED,
         r"rand\.html: is a character device \(a link to /dev/urandom\)"),
    Case("link-to-dev-urandom-extract", lambda tmp, _k: ["extract", str(hf.link(tmp / "r.txt", "/dev/urandom"))],
         REFUSED, r"r\.txt: is a character device"),
    Case("socket", with_socket, REFUSED, r"report\.txt: is a socket, not a regular file"),
    Case("link-to-dev-null", lambda tmp, _k: ["load", str(hf.link(tmp / "null.txt", "/dev/null"))], REFUSED,
         r"null\.txt: is a character device \(a link to /dev/null\)"),
    Case("folder-with-a-link-loop", link_loop, 0, r"^loaded +.*r\.txt", check=documents(1, entities_at_least=10)),
    Case("dangling-link", lambda tmp, _k: ["load", str(hf.link(tmp / "gone.txt", str(tmp / "nowhere.txt")))],
         REFUSED, r"gone\.txt: no such file"),
    Case("folder-named-like-a-file", lambda tmp, _k: ["load", str(folder(tmp / "r.txt"))], REFUSED,
         r"r\.txt: no report files"),
    # size limits and zip bombs
    Case("too-large-with-max-size", load("sample.txt", SAMPLE, "--max-size", "10KB"), REFUSED,
         r"sample\.txt: is 2\d\.\d KB, over the 10 KB limit per file; .*--max-size"),
    Case("max-size-extract", lambda tmp, _k: ["extract", "--max-size", "1k", str(hf.write(tmp / "s.txt", SAMPLE))],
         REFUSED, r"s\.txt: is .* over the 1 KB limit"),
    Case("max-size-not-a-size", load("s.txt", SAMPLE, "--max-size", "lots"), 2, r"'lots' is not a size"),
    Case("zip-bomb-docx", load("bomb.docx", lambda p: hf.zip_bomb(p, "word/document.xml")), REFUSED,
         r"bomb\.docx: unpacks to 150 MB \(a zip bomb\?\), over the 100 MB limit"),
    Case("zip-bomb-xlsx", load("bomb.xlsx", lambda p: hf.zip_bomb(p, "xl/worksheets/sheet1.xml")), REFUSED,
         r"bomb\.xlsx: unpacks to 150 MB \(a zip bomb\?\)"),
    # deep and long
    Case("html-200000-nested-divs", load("deep.html", hf.nested_html(200_000, inner="青岛市政府工作报告")), REFUSED,
         r"deep\.html: the page nests its elements more than 10,000 deep"),
    Case("html-5000-nested-divs-text-kept", load("deep5k.html", hf.nested_html(5000, inner=EXCERPT.replace(
        "\n", "<br>"))), 0, r"^loaded +.*deep5k\.html", check=documents(1, entities_at_least=10)),
    Case("html-5000-unclosed-tags", load("open.html", "<html><body>" + "<p>青岛市崂山实验室" * 5000), 0,
         r"^loaded +.*open\.html", check=documents(1, entities_at_least=2), timeout=120),
    Case("line-of-200000-characters", load("oneline.txt", (SAMPLE.replace("\n", "") * 8)[:200_000]), 0,
         r"^loaded +.*oneline\.txt", check=documents(1, entities_at_least=100), timeout=180),
    Case("folder-of-1000-empty-files", empty_files, REFUSED, r"^1000 files: 0 loaded, 0 replaced, 0 unchanged, "
                                                             r"1000 failed", timeout=120),
    Case("gbk-bytes-file-name", gbk_file_name, 0, r"^loaded +.*青岛报告\.txt",
         check=all_of(documents(1, entities_at_least=10), source_is("青岛报告", "青岛报告.txt"))),
    # reports that find little, or are written unusually
    Case("english-only-report", load("english.txt", ENGLISH), 0,
         r"Warning: .*english\.txt: no Chinese text in it, so nothing was found", check=documents(1)),
    Case("english-only-report-strict", load("english.txt", ENGLISH, "--strict"), REFUSED,
         r"english\.txt: no Chinese text in it.*not loaded \(--strict\)", check=nothing),
    Case("english-only-extract", lambda tmp, _k: ["extract", str(hf.write(tmp / "en.txt", ENGLISH))], 0,
         r"Warning: .*en\.txt: no Chinese text"),
    Case("chinese-nothing-found", load("weather.txt", "今天天气很好，我们去公园散步吧。明天也许会下雨。\n" * 5), 0,
         r"Warning: .*weather\.txt: nothing found in it", check=documents(1)),
    Case("traditional-characters", load("traditional.txt", hf.traditional(SAMPLE)), 0, r"^loaded +.*traditional",
         check=all_of(documents(1, entities_at_least=250), names_kept("董家口"))),
    Case("kangxi-radicals", load("kangxi.txt", hf.kangxi(SAMPLE)), 0, r"^loaded +.*kangxi",
         check=all_of(documents(1, entities_at_least=250), text_as_written("⼯"))),
    Case("same-text-under-two-names", same_text_twice, REFUSED, r"b\.txt: has the same text as the loaded report 'a'",
         check=documents(1)),
    # queries: injection through parameters and names, writes without --write
    Case("cypher-detach-delete", args("cypher", "MATCH (n) DETACH DELETE n"), REFUSED, r"read-only.*--write"),
    Case("cypher-create", args("cypher", "CREATE (:Project {key: 'x', name: 'x'})"), REFUSED, r"--write"),
    Case("cypher-merge", args("cypher", "MERGE (p:Project {key: 'evil'}) RETURN p"), REFUSED, r"--write"),
    Case("cypher-set", args("cypher", "MATCH (p:Project) SET p.name = 'pwned' RETURN count(p)"), REFUSED,
         r"--write"),
    Case("cypher-remove", args("cypher", "MATCH (p:Project) REMOVE p.name RETURN count(p)"), REFUSED, r"--write"),
    Case("cypher-foreach", args("cypher", "MATCH (p:Project) WITH collect(p) AS ps "
                                          "FOREACH (x IN ps | SET x.name = 'pwned')"), REFUSED, r"--write"),
    Case("cypher-call-subquery", args("cypher", "CALL { CREATE (n:Project {key: 'sub'}) RETURN n } RETURN n"),
         REFUSED, r"would change the graph and this command runs read-only; .*--write"),
    Case("cypher-load-csv", args("cypher", "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row"), REFUSED,
         r"Error: the store rejected the query: Error opening CSV URI"),
    Case("cypher-param-injection", args("cypher", "MATCH (d:District {name: $d}) RETURN d.name AS name",
                                        "-p", f"d={INJECTION}"), 0, r"^\(0 rows\)|no rows"),
    Case("cypher-bad-param", args("cypher", "RETURN 1", "-p", "nonsense"), 2, r"not key=value"),
    Case("report-param-injection", args("report", "run", "district-profile", "-p", f"district={INJECTION}"),
         REFUSED, r"Error: no entity named \"董家口' \}\) MATCH \(x\) DETACH DELETE x //\" with label District"),
    Case("report-pack-file-with-write", write_pack, REFUSED, r"wipe\.cypher: reports are read-only but the query has "
                                                             r"DELETE"),
    Case("report-unknown-param", args("report", "run", "find", "-p", "text=港", "-p", "evil=1"), REFUSED,
         r"Error: report 'find' has no parameter evil"),
    Case("path-injection", args("path", INJECTION, "董家口"), REFUSED, r"Error: no entity named \"董家口' \}\)"),
    Case("export-focus-injection", lambda tmp, _k: ["export", "html", "--focus", INJECTION, "-o",
                                                    str(tmp / "x.html")], REFUSED, r"Error: no entity named \"董家口' \}\)"),
]


# --- the run --------------------------------------------------------------------------------------


def snapshot(store: FalkorStore) -> tuple[Any, ...]:
    """Counts, and every node's labels, key and name, and every relationship's type and ends, sorted."""
    nodes = sorted((tuple(sorted(r["l"])), str(r["k"]), str(r["n"])) for r in store.query(
        "MATCH (n) RETURN labels(n) AS l, n.key AS k, n.name AS n"))
    rels = sorted((r["t"], str(r["a"]), str(r["b"])) for r in store.query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, a.key AS a, b.key AS b"))
    return len(nodes), len(rels), tuple(nodes), tuple(rels)


@pytest.fixture(scope="module")
def shared_graph(server: ServerInfo) -> Iterator[tuple[str, Any]]:
    """The sample report loaded once into a graph the refused cases must leave as it is."""
    from qdkg.graph.writer import write_batch
    from qdkg.loaders.pipeline import extract_batch
    from qdkg.loaders.reading import read_document

    name = f"hostile_{uuid.uuid4().hex[:8]}"
    store = FalkorStore(host="127.0.0.1", port=server.port, password=server.password, graph=name)
    write_batch(store, extract_batch(read_document(SAMPLE_REPORT)))
    yield name, snapshot(store)
    store.clear()
    store.close()


def run_qdkg(argv: list[str], env: dict[str, str], timeout: float, cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run([QDKG, *argv], env=env, capture_output=True, text=True, timeout=timeout, cwd=cwd,
                              errors="replace")
    except subprocess.TimeoutExpired:
        pytest.fail(f"qdkg {' '.join(argv)[:120]} hung: killed after {timeout:.0f}s")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path, server: ServerInfo, server_home: Path,
                       shared_graph: tuple[str, Any]) -> None:
    graph, before = shared_graph
    if case.check is not None:
        graph = f"hostile_{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "QDKG_HOME": str(server_home), "QDKG_DATABASE": graph}
    for k in ("QDKG_URI", "QDKG_USER", "QDKG_PASSWORD"):
        env.pop(k, None)
    keep: list[Any] = []
    argv = case.make(tmp_path, keep)
    res = run_qdkg(argv, env, case.timeout, tmp_path)
    for obj in keep:
        obj.close()
    out = res.stdout + res.stderr
    assert "Traceback" not in out, out[-2000:]
    assert res.returncode == case.exit, out[-2000:]
    lines = res.stderr.splitlines() + res.stdout.splitlines()
    assert any(re.search(case.message, line) for line in lines), (case.message, out[-2000:])
    if case.exit != 2:  # nothing on stderr but qdkg's own lines (no library chatter), each a line of its own
        foreign = [line for line in res.stderr.splitlines() if line.strip() and not line.startswith(OWN_LINES)]
        assert not foreign, foreign[:5]
        assert all(len(line) < 400 for line in res.stderr.splitlines()), res.stderr[-2000:]
    store = FalkorStore(host="127.0.0.1", port=server.port, password=server.password, graph=graph)
    try:
        if case.check is None:
            assert snapshot(store) == before, "the graph changed"
        else:
            case.check(store)
    finally:
        if case.check is not None:
            store.clear()
        store.close()


def zipfile_with(path: Path, member: str) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        z.writestr(member, "hello")
    return path


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)


# --- spreadsheet outputs never carry a live formula ---------------------------------------------------


def test_report_outputs_carry_no_live_formula(tmp_path: Path, server_home: Path, graph_name: str,
                                              store: FalkorStore) -> None:
    """A planner's table names a project =HYPERLINK(…): `report run --format csv|xlsx` gives it back as text."""
    import csv

    from openpyxl import load_workbook

    env = {**os.environ, "QDKG_HOME": str(server_home), "QDKG_DATABASE": graph_name}
    env.pop("QDKG_URI", None)
    table = tmp_path / "formulas.xlsx"
    formula_table(table)
    assert run_qdkg(["load", str(table)], env, 60, tmp_path).returncode == 0
    formula = '=HYPERLINK("http://example.com/"&A1,"点击")'
    out_csv, out_xlsx = tmp_path / "find.csv", tmp_path / "find.xlsx"
    for out, fmt in ((out_csv, "csv"), (out_xlsx, "xlsx")):
        res = run_qdkg(["report", "run", "find", "-p", "text=", "--format", fmt, "-o", str(out)], env, 60, tmp_path)
        assert res.returncode == 0, res.stderr
    with open(out_csv, encoding="utf-8-sig", newline="") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert "'" + formula in cells and "'@SUM(A1)" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
    assert not [c for c in cells if c.startswith("-") and not re.fullmatch(r"-\d+(\.\d+)?", c)]
    book = load_workbook(out_xlsx)
    typed = [(c.value, c.data_type) for row in book.active.iter_rows() for c in row if c.value is not None]
    assert (formula, "s") in typed and ("@SUM(A1)", "s") in typed
    assert not [v for v, t in typed if t == "f"]
    numbers = [v for v, t in typed if t == "n"]
    assert numbers and all(isinstance(v, (int, float)) for v in numbers)  # link counts stay numbers


def test_csv_and_xlsx_rendering_keeps_numbers_and_defuses_text(tmp_path: Path) -> None:
    import csv
    import io

    from openpyxl import load_workbook

    from qdkg.output import render_csv, write_rows

    rows = [{"name": "=1+2", "n": -3, "s": "-3", "pct": "+5.5%", "cmd": "-2+3", "at": "@A1", "tab": "\t=1",
             "cr": "\r=1", "list": ["=x", "y"], "plain": "官路水库"}]
    got = next(csv.DictReader(io.StringIO(render_csv(rows), newline="")))
    assert got == {"name": "'=1+2", "n": "-3", "s": "-3", "pct": "+5.5%", "cmd": "'-2+3", "at": "'@A1",
                   "tab": "'\t=1", "cr": "'\r=1", "list": "'=x、y", "plain": "官路水库"}
    path = write_rows(rows, "xlsx", tmp_path / "x.xlsx", title="a/b:c")
    sheet = load_workbook(path).active
    values = {sheet.cell(1, j).value: (sheet.cell(2, j).value, sheet.cell(2, j).data_type)
              for j in range(1, sheet.max_column + 1)}
    assert values["name"] == ("=1+2", "s") and values["n"] == (-3, "n") and values["list"] == ("=x、y", "s")
    assert all(t != "f" for _, t in values.values())


# --- nothing qdkg starts listens beyond loopback ------------------------------------------------------


def _listening(pid: int) -> list[str]:
    """Local addresses (hex, as /proc/net/tcp* writes them) of the sockets ``pid`` listens on."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd)
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                found.append(fields[1])
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_the_embedded_server_listens_on_loopback_only(server: ServerInfo) -> None:
    addresses = _listening(server.pid)
    assert addresses, "the server listens nowhere?"
    loopback = ("0100007F:", "00000000000000000000000001000000:")  # 127.0.0.1 and ::1
    assert all(a.startswith(loopback) for a in addresses), addresses
    assert any(a.endswith(f":{server.port:04X}") for a in addresses)


# --- progress of a long file ------------------------------------------------------------------------


def test_a_long_file_reports_its_progress(store: FalkorStore, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction and writing say how far they have got (here every 10 ms instead of every 5 s)."""
    from qdkg.loaders import progress
    from qdkg.loaders.report_loader import load_paths

    monkeypatch.setattr(progress, "PROGRESS_EVERY_S", 0.01)
    report = hf.write(tmp_path / "long.txt", SAMPLE)
    heard: list[str] = []
    summary = load_paths(store, [report], notify=heard.append, batch_size=20)
    assert [o.status for o in summary.files] == ["loaded"]
    assert any(re.fullmatch(r"long\.txt: extracting(, \d+%)? \(\d+s\)", m) for m in heard), heard[:5]
    shares = [int(m.group(1)) for m in map(re.compile(r"long\.txt: writing, (\d+)%").match, heard) if m]
    assert shares and shares == sorted(shares) and all(0 <= s <= 100 for s in shares), heard[-5:]


def test_nothing_found_is_a_warning_in_the_summary_or_a_refusal(store: FalkorStore, tmp_path: Path) -> None:
    from qdkg.loaders.report_loader import load_paths

    english = hf.write(tmp_path / "english.txt", ENGLISH)
    refused = load_paths(store, [english], strict=True)
    assert [o.status for o in refused.files] == ["failed"] and "--strict" in (refused.files[0].error or "")
    assert not store.query("MATCH (d:Document) RETURN d.key AS k")
    summary = load_paths(store, [english])
    assert [o.status for o in summary.files] == ["loaded"] and summary.ok
    assert [len(o.warnings) for o in summary.warned] == [1]
