"""The library stays lint-clean (ruff) and type-checks (mypy), as CI sees it."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False)


def test_ruff_finds_nothing() -> None:
    res = _run("ruff", "check", ".")
    assert res.returncode == 0, res.stdout + res.stderr


def test_mypy_finds_nothing_in_the_library() -> None:
    res = _run("mypy", "qdkg", "graph", "loaders", "queries")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Success" in res.stdout
