"""The example notebook runs top to bottom in a real Jupyter kernel (nbclient) against a real store, and the
committed file keeps its outputs, so that it reads on a code-hosting page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from conftest import ROOT
from nbclient import NotebookClient

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def outputs_text(nb: Any) -> list[str]:
    """Each code cell's outputs as one text (plain text, HTML, stream), in order."""
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        parts = []
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            parts += [o.get("text", ""), data.get("text/plain", ""), data.get("text/html", "")]
        out.append("\n".join(parts))
    return out


def has_png(nb: Any) -> bool:
    return any("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def test_committed_notebook_keeps_its_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) >= 8 and all(c.execution_count for c in code)
    assert all(c.outputs for c in code[1:]) and has_png(nb)
    assert not any(o.output_type == "error" for c in code for o in c.outputs)
    assert "海拉尔区2015年政府工作报告" in "".join(outputs_text(nb))


def test_notebook_runs_in_a_real_kernel(cli_env: dict[str, str], store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    work = tmp_path / "notebooks"
    work.mkdir()
    (tmp_path / "data").symlink_to(ROOT / "data")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(work)}}).execute()
    texts = outputs_text(nb)
    assert not any(o.output_type == "error" for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    documents, summary, completed, trajectory, merged = texts[1], texts[2], texts[3], texts[4], texts[5]
    for year in (2012, 2013, 2014, 2015):
        assert f"海拉尔区{year}年政府工作报告" in documents
    assert "district" in documents and "杜联合" in documents and "青岛市2025年政府工作报告" in documents
    assert "建成" in summary and "未再提及" in summary
    assert "中俄蒙文化创意产业园" in completed and "地区生产总值增长8%" in completed
    assert all(str(y) in trajectory for y in (2012, 2013, 2014, 2015)) and "中俄蒙国际物流园区" in trajectory
    assert "西航大元文化城" in merged
    assert "同一部分" in texts[7] or "同一章节" in texts[7] or "同一句" in texts[7]
    assert has_png(nb)
    # the kernel loaded into this test's graph (QDKG_HOME and QDKG_DATABASE reach it through the environment)
    assert store.query("MATCH (d:Document) RETURN count(d) AS n") == [{"n": 5}]
