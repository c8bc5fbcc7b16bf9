"""The example notebook runs top to bottom against a real store (display-only cells aside)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def code_cells() -> list[str]:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def test_notebook_runs_and_finds_real_rows(cli_env: dict[str, str], tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "notebooks"
    work.mkdir()
    (tmp_path / "data").symlink_to(ROOT / "data")
    monkeypatch.chdir(work)
    namespace: dict[str, object] = {}
    ran = 0
    for source in code_cells():
        if "IPython" in source:
            continue  # display only
        exec(compile(source, str(NOTEBOOK), "exec"), namespace)  # noqa: S102 - the notebook is ours
        ran += 1
    assert ran >= 6
    assert os.environ["QDKG_DATABASE"] == cli_env["QDKG_DATABASE"]
    profile = namespace["profile"]
    assert any("万邦" in json.dumps(r, ensure_ascii=False) for r in profile.rows)  # type: ignore[attr-defined]
    out = namespace["out"]
    assert Path(out).read_text(encoding="utf-8").count("上合示范区") >= 1  # type: ignore[arg-type]
