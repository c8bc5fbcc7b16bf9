"""Every query pack passes Neo4j's own Cypher linter (@neo4j-cypher/language-support, pinned in tools/cypher-lint)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINTER = ROOT / "tools" / "cypher-lint"
QUERIES = ROOT / "queries"

pytestmark = pytest.mark.lint


def _run(*paths: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed; the Cypher lint needs it (CI has it; see `make test-deps`)")
    if not (LINTER / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        pytest.fail("the Cypher linter is not installed; run `make test-deps` (cd tools/cypher-lint && npm ci)")
    return subprocess.run([node, str(LINTER / "cypher_lint.mjs"), *map(str, paths)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT, check=False)


def test_every_pack_passes_neo4j_lint() -> None:
    expected = len(list(QUERIES.rglob("*.cypher")))
    res = _run(QUERIES)
    assert res.returncode == 0, res.stdout + res.stderr
    assert f"{expected} files linted, 0 with errors" in res.stdout
    assert expected >= 15


def test_linter_catches_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.cypher"
    bad.write_text("MATCH (n:Project) RETRUN n.name\n", encoding="utf-8")
    res = _run(bad)
    assert res.returncode == 1
    assert "bad.cypher:1:" in res.stdout


def test_the_cypher_qdkg_writes_and_reads_in_python_passes_neo4j_lint(tmp_path: Path) -> None:
    """Not only the packs: the writer's statements, the DDL and the library's read queries run on Neo4j too."""
    from conftest import SAMPLE_REPORT

    from qdkg.graph import lookup, paths, projection
    from qdkg.graph import statements as st
    from qdkg.graph.neo4j_store import constraint_statements
    from qdkg.graph.writer import batch_statements
    from qdkg.loaders.pipeline import extract_batch
    from qdkg.loaders.reading import read_document

    batch = extract_batch(read_document(SAMPLE_REPORT))
    queries = [q for q, _ in batch_statements(batch)]
    queries += [q for q, _ in st.delete_document("x")]
    queries += [st.document_state("x")[0], st.document_started({"key": "x"})[0], st.document_completed("x", "h")[0]]
    queries += constraint_statements()
    queries += [lookup._ALL_NAMES, projection._NODES, projection._EDGES, projection._SENTENCES, projection._DOCS,
                paths._SECTION_MENTIONS, paths._OUTLINE]
    unique = sorted(set(queries))
    for i, q in enumerate(unique):
        (tmp_path / f"q{i:03}.cypher").write_text(q + "\n", encoding="utf-8")
    res = _run(tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
    assert f"{len(unique)} files linted, 0 with errors" in res.stdout
    assert len(unique) >= 20
