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
