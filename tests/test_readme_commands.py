"""Every qdkg command line shown in README.md (the English and the Chinese sections) runs on the sample.

Command lines come from the fenced shell blocks; lines of other tools (make, export, docker, cp, npx) are the
reader's set-up and are skipped. Files a line names that a reader would have (报告/2024年政府工作报告.docx,
data/samples/, data/series/) are made in a scratch folder from the test data; the store is this test's embedded graph.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_REPORT, TEST_DATA

README = ROOT / "README.md"
FENCE = re.compile(r"```(?:bash|sh|shell|console)?\n(.*?)```", re.DOTALL)


def readme_commands() -> list[str]:
    """The qdkg command lines of README.md, in order, comments dropped, `a && b` split."""
    out: list[str] = []
    for block in FENCE.findall(README.read_text(encoding="utf-8")):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            for part in line.split("&&"):
                part = part.strip()
                if part.startswith("qdkg "):
                    out.append(part)
    return out


COMMANDS = readme_commands()


def test_readme_shows_commands_in_both_languages() -> None:
    text = README.read_text(encoding="utf-8")
    chinese = text[text.index("## 快速上手"):]
    assert len(COMMANDS) >= 8
    english = text[text.index("## What you can do"):]
    assert sum(c in chinese[: chinese.index("## What you can do")] for c in COMMANDS) >= 7  # 快速上手
    assert any(c in english for c in COMMANDS)  # the Neo4j set-up


def _docx(path: Path, source: Path) -> None:
    import docx

    doc = docx.Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line)
    doc.save(str(path))


@pytest.fixture
def reader_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """What a reader following the README has at hand: the sample, and a folder of their own reports."""
    (tmp_path / "data" / "samples").mkdir(parents=True)
    shutil.copy(SAMPLE_REPORT, tmp_path / "data" / "samples" / SAMPLE_REPORT.name)
    shutil.copytree(ROOT / "data" / "series", tmp_path / "data" / "series")
    (tmp_path / "报告").mkdir()
    _docx(tmp_path / "报告" / "2024年政府工作报告.docx", TEST_DATA / "dev_reports" / "qingdao-2024-dev.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_readme_command_runs(reader_folder: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    first = run_cli("load", str(SAMPLE_REPORT))
    assert first.exit_code == 0, first.output
    failed = []
    for line in COMMANDS:
        res = run_cli(*shlex.split(line)[1:])
        if res.exit_code != 0:
            failed.append(f"{line}: exit {res.exit_code}: {res.stderr.strip()[-300:]}")
    assert failed == []
    assert (reader_folder / "项目阶段.xlsx").stat().st_size > 0 and (reader_folder / "上合.html").stat().st_size > 0
