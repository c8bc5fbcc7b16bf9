"""Loading reports into the real embedded store: idempotent, revisions replace, interrupted loads recover.

The guarantees are checked with the real extraction pipeline and, so that they do not depend on
what the extractor finds, with a small rule extractor defined here (projects by name head,
co-mentions, one target per growth figure).
"""

from __future__ import annotations

import itertools
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import report_files as rf
from conftest import SAMPLE_REPORT

from qdkg.graph import schema
from qdkg.graph import statements as st
from qdkg.graph.falkor_store import FalkorStore
from qdkg.graph.writer import batch_statements, write_batch
from qdkg.loaders.model import Document, Entity, GraphBatch, Mention, Ref, Relation, Section, Target
from qdkg.loaders.reading import read_document
from qdkg.loaders.report_loader import load_paths

# --- a small extractor of our own, so the writer's guarantees are tested on known facts ------------

_PROJECT = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:水库|隧道|铁路|码头|高速|高铁)")
_GROWTH = re.compile(r"增长(\d+(?:\.\d+)?)%")


def rule_extract(doc: Document) -> GraphBatch:
    batch = GraphBatch(document=doc)
    entities: dict[str, Entity] = {}
    start = 0
    for i, line in enumerate(doc.text.split("\n")):
        key = f"{doc.key}#{i + 1}"
        batch.sections.append(Section(key=key, doc=doc.key, kind="paragraph", level=1, order=i, number="",
                                      title=line[:12], start=start, end=start + len(line)))
        names = []
        for m in _PROJECT.finditer(line):
            name = m.group(0)
            entities.setdefault(name, Entity(schema.ENTITY_LABELS[0], name, props={"source": "rule"}))
            batch.mentions.append(Mention(Ref("Project", entities[name].key), key, name, start + m.start(),
                                          start + m.end(), line))
            names.append(name)
        for a, b in itertools.pairwise(names):
            if a != b:
                batch.relations.append(Relation(entities[a].ref, "RELATED_TO", entities[b].ref, line, key,
                                                {"count": 1}))
        for j, m in enumerate(_GROWTH.finditer(line)):
            batch.targets.append(Target(f"{key}t{j}", "增长", float(m.group(1)), "%", "", m.group(0), line, key))
        start += len(line) + 1
    batch.entities = list(entities.values())
    return batch


def pipeline_extract(doc: Document) -> GraphBatch:
    from qdkg.loaders.pipeline import extract_batch

    return extract_batch(doc)


@pytest.fixture(params=["rules", "pipeline"])
def extract(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    if request.param == "pipeline":
        return pipeline_extract
    return rule_extract


# --- comparing whole graphs ----------------------------------------------------------------------


def snapshot(store: FalkorStore) -> tuple[list[Any], list[Any]]:
    """Every node (labels, properties) and edge (type, end keys, properties), sorted: equal iff same graph."""
    nodes = store.query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    edges = store.query("MATCH (a)-[r]->(b) RETURN type(r) AS type, a.key AS a, b.key AS b, properties(r) AS props")
    return (sorted(repr((sorted(n["labels"]), sorted(n["props"].items()))) for n in nodes),
            sorted(repr((e["type"], e["a"], e["b"], sorted(e["props"].items()))) for e in edges))


def counts(store: FalkorStore) -> tuple[int, int]:
    n = store.query("MATCH (n) RETURN count(n) AS n")[0]["n"]
    e = store.query("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return n, e


def doc_status(store: FalkorStore, key: str) -> str | None:
    rows = store.query(*st.document_state(key))
    return rows[0]["status"] if rows else None


@pytest.fixture
def other_store(server, graph_name: str):  # type: ignore[no-untyped-def]
    """A second fresh graph, for a clean load to compare against."""
    s = FalkorStore(host="127.0.0.1", port=server.port, password=server.password, graph=graph_name + "_b")
    yield s
    s.clear()
    s.close()


def revise(path: Path, dest: Path) -> Path:
    """The same report, edited: one project renamed, a sentence added."""
    text = path.read_text(encoding="utf-8")
    assert "双山隧道" in text
    text = text.replace("双山隧道", "浮山隧道").replace("建成官路水库主体工程", "建成官路水库主体工程和崂山水库")
    dest.write_text(text, encoding="utf-8")
    return dest


# --- guarantees ----------------------------------------------------------------------------------


def test_the_writer_creates_its_own_indexes(store: FalkorStore, extract) -> None:  # type: ignore[no-untyped-def]
    """A caller that never ran `db init` (a notebook calling the library) still gets the key indexes."""
    def indexed() -> set[tuple[str, str]]:
        rows = store.query("CALL db.indexes() YIELD label, properties RETURN label, properties")
        return {(r["label"], p) for r in rows for p in r["properties"] or []}

    assert indexed() == set()
    write_batch(store, extract(read_document(SAMPLE_REPORT)))
    wanted = {(s.label, s.prop) for s in schema.index_specs() if not s.text}
    assert wanted <= indexed()


def test_loading_twice_changes_nothing(store: FalkorStore, extract) -> None:  # type: ignore[no-untyped-def]
    store.init_schema()
    doc = read_document(SAMPLE_REPORT)
    first = write_batch(store, extract(doc))
    assert first.status == "loaded" and first.counts.nodes_created > 0
    before = snapshot(store)
    second = write_batch(store, extract(read_document(SAMPLE_REPORT)))
    assert second.status == "unchanged"
    assert not second.counts.changed
    assert snapshot(store) == before
    assert doc_status(store, doc.key) == "complete"


def test_revised_document_replaces_its_facts(store: FalkorStore, other_store: FalkorStore, extract,  # type: ignore[no-untyped-def]
                                             tmp_path: Path) -> None:
    store.init_schema()
    other_store.init_schema()
    original = tmp_path / "v1" / "report.txt"
    original.parent.mkdir()
    original.write_text(SAMPLE_REPORT.read_text(encoding="utf-8"), encoding="utf-8")
    revised = revise(original, tmp_path / "report.txt")
    write_batch(store, extract(read_document(original)))
    assert store.query("MATCH (n:Entity) WHERE n.name ENDS WITH '双山隧道' RETURN n.key AS k")
    result = write_batch(store, extract(read_document(revised)))
    assert result.status == "replaced"
    # the entity only the old text named is gone; the new one is there once
    assert not store.query("MATCH (n:Entity) WHERE n.name ENDS WITH '双山隧道' RETURN n.key AS k")
    assert len(store.query("MATCH (n:Entity) WHERE n.name ENDS WITH '浮山隧道' RETURN n.key AS k")) == 1
    # the same graph as a clean load of the revised file, edge for edge
    write_batch(other_store, extract(read_document(revised)))
    assert counts(store) == counts(other_store)
    assert snapshot(store) == snapshot(other_store)
    assert doc_status(store, "report") == "complete"


def test_interrupted_load_then_rerun_equals_clean_load(store: FalkorStore, other_store: FalkorStore,  # type: ignore[no-untyped-def]
                                                       extract) -> None:
    store.init_schema()
    other_store.init_schema()
    doc = read_document(SAMPLE_REPORT)
    batch = extract(doc)
    # a first load killed halfway: the document marked loading, half of its statements written
    store.write(*st.document_started({"key": doc.key, "title": doc.title, "source": doc.source}))
    statements = [s for s in batch_statements(batch, batch_size=50) if s[1].get("rows") != []]
    assert len(statements) >= 2
    for cypher, params in statements[: len(statements) // 2]:
        store.write(cypher, params)
    assert doc_status(store, doc.key) == "loading"
    result = write_batch(store, extract(read_document(SAMPLE_REPORT)), batch_size=50)
    assert result.status == "loaded"
    write_batch(other_store, extract(read_document(SAMPLE_REPORT)))
    assert snapshot(store) == snapshot(other_store)


def test_interrupted_replace_never_reads_complete(store: FalkorStore, extract, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A revision killed after the old facts were removed: not complete, and neither version reads unchanged."""
    store.init_schema()
    path = tmp_path / "report.txt"
    path.write_text(SAMPLE_REPORT.read_text(encoding="utf-8"), encoding="utf-8")
    old = read_document(path)
    write_batch(store, extract(old))
    before = snapshot(store)
    # a revision of the same file starts: marked loading, the old facts removed, then killed
    store.write(*st.document_started({"key": old.key, "title": old.title, "source": old.source}))
    store.write_batch(st.remove_document_facts(old.key))
    assert doc_status(store, old.key) == "loading"
    again = write_batch(store, extract(old))  # the old file again: must be written again, not "unchanged"
    assert again.status == "loaded"
    assert snapshot(store) == before


class Killed(Exception):
    pass


class KilledAfter:
    """The real store, cut off after ``n`` write statements (as if the process died there)."""

    def __init__(self, store: FalkorStore, n: int) -> None:
        self.store, self.left = store, n

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self.store.query(cypher, params)

    def init_schema(self) -> list[str]:
        return self.store.init_schema()

    def write(self, cypher: str, params: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
        if self.left == 0:
            raise Killed
        self.left -= 1
        return self.store.write(cypher, params)

    def write_batch(self, statements):  # type: ignore[no-untyped-def]
        from qdkg.graph.store import WriteCounts

        total = WriteCounts()
        for cypher, params in statements:
            total.add(self.write(cypher, params))
        return total


def test_revision_killed_at_every_statement(store: FalkorStore, other_store: FalkorStore, tmp_path: Path) -> None:
    """Kill a revision after each of its statements in turn: never complete midway; a rerun equals a clean load."""
    store.init_schema()
    other_store.init_schema()
    path = tmp_path / "report.txt"
    path.write_text(SAMPLE_REPORT.read_text(encoding="utf-8"), encoding="utf-8")
    old_batch = rule_extract(read_document(path))
    (tmp_path / "v2").mkdir()
    new_batch = rule_extract(read_document(revise(path, tmp_path / "v2" / "report.txt")))
    write_batch(other_store, new_batch, batch_size=1000)
    clean = snapshot(other_store)
    write_batch(store, old_batch, batch_size=1000)
    old = snapshot(store)
    n = 0
    while True:
        try:
            write_batch(KilledAfter(store, n), new_batch, batch_size=1000)  # type: ignore[arg-type]
        except Killed:
            # complete only if nothing was touched yet; otherwise loading, whatever was half done
            status = doc_status(store, old_batch.document.key)
            assert status == ("complete" if n == 0 else "loading"), f"{status} after {n} statements"
            if n:
                assert snapshot(store) != old
            assert write_batch(store, old_batch, batch_size=1000).status == ("unchanged" if n == 0 else "loaded")
            assert snapshot(store) == old
            n += 1
            continue
        break
    assert n > 5
    assert snapshot(store) == clean


def test_sigkilled_cli_load_recovers(store: FalkorStore, other_store: FalkorStore, cli_env: dict[str, str],
                                     run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`qdkg load` killed with SIGKILL while writing; the document is not complete; a rerun equals a clean load."""
    env = {**os.environ, **cli_env}
    qdkg = str(Path(sys.executable).parent / "qdkg")
    proc = subprocess.Popen([qdkg, "load", "--batch-size", "1", str(SAMPLE_REPORT)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    key = "qingdao-2025-work-report-part"
    deadline = time.monotonic() + 120
    seen_loading = False
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if doc_status(store, key) == "loading":
                seen_loading = True
                # let it write some facts first (polled: a loaded machine writes slowly)
                if store.query("MATCH (n:Entity) RETURN count(n) AS n")[0]["n"] > 0:
                    break
            time.sleep(0.02)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert seen_loading, "the load finished before it could be interrupted"
    assert doc_status(store, key) == "loading"
    assert store.query("MATCH (n:Entity) RETURN count(n) AS n")[0]["n"] > 0  # it had written something
    res = run_cli("load", str(SAMPLE_REPORT))
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("loaded ")
    assert doc_status(store, key) == "complete"
    other_store.init_schema()
    write_batch(other_store, pipeline_extract(read_document(SAMPLE_REPORT)))
    assert snapshot(store) == snapshot(other_store)


# --- load_paths and the command ------------------------------------------------------------------


def mixed_folder(root: Path) -> Path:
    folder = root / "reports"
    (folder / "sub").mkdir(parents=True)
    rf.write_gbk(folder / "a-gbk.txt")
    rf.write_docx(folder / "sub" / "b.docx")
    (folder / "c-empty.txt").write_bytes(b"")
    (folder / "d-binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "e-broken.pdf").write_bytes(b"%PDF-1.4\n" + b"garbage " * 50)
    (folder / "notes.rtf").write_text("not a report", encoding="utf-8")
    (folder / ".hidden.txt").write_text("hidden", encoding="utf-8")
    return folder


def test_load_paths_mixed_folder(store: FalkorStore, tmp_path: Path) -> None:
    store.init_schema()
    folder = mixed_folder(tmp_path)
    seen: list[str] = []
    summary = load_paths(store, [folder], extract=rule_extract, progress=lambda o: seen.append(o.path.name))
    assert seen == ["a-gbk.txt", "c-empty.txt", "d-binary.txt", "e-broken.pdf", "b.docx"]
    assert [o.path.name for o in summary.loaded] == ["a-gbk.txt", "b.docx"]
    assert [o.error for o in summary.failed] == [
        f"{folder / 'c-empty.txt'}: the file is empty; give a report with text in it",
        f"{folder / 'd-binary.txt'}: this is a binary file, not text; give a .txt, .md, .html, .docx or .pdf report",
        (f"{folder / 'e-broken.pdf'}: not a readable PDF (No /Root object! - Is this really a PDF?); re-export it as "
        "PDF or save it as .txt"),
    ]
    assert [p.name for p in summary.skipped] == ["notes.rtf"]
    assert not summary.ok
    assert {r["k"] for r in store.query("MATCH (d:Document) WHERE d.status = 'complete' RETURN d.key AS k")} == {
        "a-gbk", "b"}
    again = load_paths(store, [folder], extract=rule_extract)
    assert [o.path.name for o in again.unchanged] == ["a-gbk.txt", "b.docx"]


def test_same_key_twice_in_one_call(store: FalkorStore, tmp_path: Path) -> None:
    store.init_schema()
    rf.write_gbk(tmp_path / "report.txt")
    rf.write_docx(tmp_path / "report.docx")
    summary = load_paths(store, [tmp_path], extract=rule_extract)
    assert [o.path.name for o in summary.loaded] == ["report.docx"]
    assert [o.error for o in summary.failed] == [
        (f"{tmp_path / 'report.txt'}: has the same document key 'report' as {tmp_path / 'report.docx'}; rename one "
        "of them or load them separately")]


def test_cli_load_sample(run_cli, store: FalkorStore) -> None:  # type: ignore[no-untyped-def]
    res = run_cli("load", str(SAMPLE_REPORT))
    assert res.exit_code == 0, res.output
    assert re.fullmatch(rf"loaded    {re.escape(str(SAMPLE_REPORT))}: \d+ entities, \d+ relations, \d+ sections, "
                        r"\d+ targets \(\d+\.\ds\)\n", res.stdout)
    again = run_cli("load", str(SAMPLE_REPORT))
    assert again.stdout == f"unchanged {SAMPLE_REPORT}: already loaded (qingdao-2025-work-report-part)\n"
    row = store.query("MATCH (d:Document) RETURN d.city AS city, d.year AS year, d.status AS status")
    assert row == [{"city": "青岛", "year": 2025, "status": "complete"}]


def test_cli_mixed_folder_exit_status(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = mixed_folder(tmp_path)
    res = run_cli("load", str(folder), str(tmp_path / "missing.txt"))
    assert res.exit_code == 1
    errors = [line for line in res.stderr.splitlines() if line.startswith("Error: ")]
    assert errors == [
        f"Error: {tmp_path / 'missing.txt'}: no such file or folder; check the path",
        f"Error: {folder / 'c-empty.txt'}: the file is empty; give a report with text in it",
        (f"Error: {folder / 'd-binary.txt'}: this is a binary file, not text; give a .txt, .md, .html, .docx or .pdf "
        "report"),
        (f"Error: {folder / 'e-broken.pdf'}: not a readable PDF (No /Root object! - Is this really a PDF?); re-export "
        "it as PDF or save it as .txt"),
    ]
    assert "Traceback" not in res.output
    loaded = [line.split()[1].rstrip(":") for line in res.stdout.splitlines() if line.startswith("loaded")]
    assert loaded == [str(folder / "a-gbk.txt"), str(folder / "sub" / "b.docx")]
    assert res.stdout.splitlines()[-1] == "6 files: 2 loaded, 0 replaced, 0 unchanged, 4 failed"


def test_cli_loads_project_tables(run_cli, store: FalkorStore, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    table = rf.DATA / "projects.csv"
    res = run_cli("load", str(table))
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith(f"loaded    {table}: ")
    assert store.query("MATCH (d:Document {key: 'projects'}) RETURN d.status AS s") == [{"s": "complete"}]
    assert run_cli("load", str(table)).stdout == f"unchanged {table}: already loaded (projects)\n"
    ods = tmp_path / "projects.ods"
    ods.write_bytes(b"PK\x03\x04")
    res = run_cli("load", str(ods))
    assert res.exit_code == 1
    assert res.stderr == f"Error: {ods}: qdkg does not read .ods tables; save it as .csv or .xlsx\n"


def test_cli_bad_flags(run_cli) -> None:  # type: ignore[no-untyped-def]
    bad = run_cli("load", "--encoding", "klingon", str(SAMPLE_REPORT))
    assert bad.exit_code == 2
    assert "unknown encoding 'klingon'" in bad.stderr
    assert run_cli("load", "--year", "20", str(SAMPLE_REPORT)).exit_code == 2
    assert run_cli("load").exit_code == 2


def test_cli_overrides_and_encoding(run_cli, store: FalkorStore, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = rf.write_gbk(tmp_path / "excerpt.txt")
    res = run_cli("load", "--city", "烟台", "--year", "2024", "--encoding", "gbk", str(path))
    assert res.exit_code == 0, res.output
    assert store.query("MATCH (d:Document) RETURN d.city AS city, d.year AS year") == [{"city": "烟台", "year": 2024}]


def test_cli_revised_file_is_replaced(run_cli, store: FalkorStore, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "excerpt.txt"
    path.write_text(rf.EXCERPT.read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli("load", str(path)).stdout.startswith("loaded ")
    revise(path, path)
    res = run_cli("load", str(path))
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith(f"replaced  {path}: ")
    assert store.query("MATCH (d:Document) RETURN d.key AS k, d.status AS s") == [{"k": "excerpt", "s": "complete"}]
    assert not store.query("MATCH (n:Entity) WHERE n.name CONTAINS '双山隧道' RETURN n.name AS n")


def test_force_reloads_an_unchanged_file(run_cli, store: FalkorStore) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("load", str(rf.EXCERPT)).stdout.startswith("loaded ")
    before = snapshot(store)
    res = run_cli("load", "--force", str(rf.EXCERPT))
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("replaced ")
    assert snapshot(store) == before


def test_another_citys_report_under_the_same_file_name_is_refused(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from qdkg.errors import LoaderError
    from qdkg.graph.writer import write_batch
    from qdkg.loaders.pipeline import extract_batch
    from qdkg.loaders.reading import read_document

    first = tmp_path / "a" / "政府工作报告.txt"
    second = tmp_path / "b" / "政府工作报告.txt"
    for path, city in ((first, "青岛"), (second, "烟台")):
        path.parent.mkdir()
        path.write_text(f"{city}市人民政府\n2025年重点工作\n加快官路水库建设。\n", encoding="utf-8")
    assert write_batch(store, extract_batch(read_document(first))).status == "loaded"
    with pytest.raises(LoaderError, match="not the same report .city 青岛 → 烟台.*rename the file"):
        write_batch(store, extract_batch(read_document(second)))
    rows = store.query("MATCH (d:Document) RETURN d.city AS city, d.status AS status")
    assert rows == [{"city": "青岛", "status": "complete"}]  # the first report is intact


def test_city_relative_names_stay_apart_across_cities(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from qdkg.loaders.report_loader import load_paths

    for city in ("青岛", "烟台"):
        path = tmp_path / f"{city}-2025.txt"
        path.write_text(f"{city}市人民政府\n2025年重点工作\n建成市中心医院二期,推进市图书馆新馆建设。\n", encoding="utf-8")
    summary = load_paths(store, [tmp_path])
    assert not summary.failed
    rows = store.query("MATCH (p:Project) WHERE p.name = '市中心医院' RETURN p.key AS key ORDER BY key")
    assert [r["key"] for r in rows] == ["烟台市中心医院", "青岛市中心医院"]
    found = store.query("MATCH (p:Entity) WHERE '青岛市中心医院' IN p.aliases RETURN p.name AS name")
    assert found == [{"name": "市中心医院"}]


def _doc_rows(store):  # type: ignore[no-untyped-def]
    return store.query("MATCH (d:Document) RETURN d.key AS key, d.city AS city, d.status AS status ORDER BY key")


def test_a_report_differing_only_by_extension_never_replaces_a_loaded_one(run_cli, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """东营.txt loaded; 东营.html holding another report (no city found in it) is refused, nothing changes."""
    first = tmp_path / "dongying.txt"
    first.write_text("东营市人民政府工作报告\n2025年重点工作\n加快东营港建设。\n", encoding="utf-8")
    other = tmp_path / "dongying.html"
    other.write_text("<html><body><h1>政府工作报告</h1><p>2024年，推进官路水库建设，建成董家口港区。</p></body></html>",
                     encoding="utf-8")
    assert run_cli("load", str(first)).exit_code == 0
    before = store.query("MATCH (n) RETURN count(n) AS n")[0]["n"]
    result = run_cli("load", str(other))
    assert result.exit_code == 1
    assert "replaced" not in result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "would replace the loaded report 'dongying'" in lines[0], result.stderr
    assert "--as-revision-of dongying" in lines[0]
    assert _doc_rows(store) == [{"key": "dongying", "city": "东营", "status": "complete"}]
    assert store.query("MATCH (n) RETURN count(n) AS n")[0]["n"] == before
    # the planner says it is a revision: now it replaces
    result = run_cli("load", str(other), "--as-revision-of", "dongying")
    assert result.exit_code == 0, result.output
    assert "replaced" in result.stdout
    assert [r["key"] for r in _doc_rows(store)] == ["dongying"]


def test_a_true_revision_still_replaces(run_cli, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "qd.txt"
    path.write_text("青岛市政府工作报告\n2025年重点工作\n加快官路水库建设。\n", encoding="utf-8")
    assert run_cli("load", str(path)).exit_code == 0
    path.write_text("青岛市政府工作报告\n2025年重点工作\n加快官路水库建设，建成董家口港区。\n", encoding="utf-8")
    result = run_cli("load", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("replaced")


def test_the_same_text_under_two_names_loads_once(run_cli, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "青岛市政府工作报告\n2025年重点工作\n加快官路水库建设，推进董家口港区建设。\n"
    folder = tmp_path / "both"
    folder.mkdir()
    (folder / "a-report.txt").write_text(text, encoding="utf-8")
    (folder / "b-copy.md").write_text(text.replace("\n", "\n\n"), encoding="utf-8")  # other breaks, same words
    result = run_cli("load", str(folder))
    assert result.exit_code == 1
    assert "b-copy.md: has the same text as the loaded report 'a-report'" in result.stderr
    assert [r["key"] for r in _doc_rows(store)] == ["a-report"]
    mentions = store.query("MATCH ()-[m:MENTIONED_IN]->() RETURN count(m) AS n")[0]["n"]
    # across runs too, and --force overrides
    again = run_cli("load", str(folder / "b-copy.md"))
    assert again.exit_code == 1 and "same text" in again.stderr
    assert store.query("MATCH ()-[m:MENTIONED_IN]->() RETURN count(m) AS n")[0]["n"] == mentions
    forced = run_cli("load", str(folder / "b-copy.md"), "--force")
    assert forced.exit_code == 0, forced.output
    assert [r["key"] for r in _doc_rows(store)] == ["a-report", "b-copy"]


def test_as_revision_of_needs_a_loaded_report_and_one_file(run_cli, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.txt"
    path.write_text("青岛市政府工作报告\n2025年\n加快官路水库建设。\n", encoding="utf-8")
    result = run_cli("load", str(path), "--as-revision-of", "nope")
    assert result.exit_code == 1
    assert "'nope', which is not a loaded report" in result.stderr
    assert _doc_rows(store) == []
    result = run_cli("load", str(path), str(path), "--as-revision-of", "nope")
    assert result.exit_code == 1 and "exactly one report file" in result.stderr
