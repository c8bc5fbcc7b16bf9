"""Hostile input files, made at test time in a temporary folder (no big binaries in the repository).

Each maker writes what a planner's colleagues might send — pipes, device links, sockets, zip
bombs, scans, truncated packages, formula cells, deep HTML — and returns the path to give qdkg.
"""

from __future__ import annotations

import os
import socket
import zipfile
from collections.abc import Sequence
from pathlib import Path

import report_files as rf
from conftest import SAMPLE_REPORT

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def excerpt_text() -> str:
    return rf.EXCERPT.read_text(encoding="utf-8")


def sample_text() -> str:
    return SAMPLE_REPORT.read_text(encoding="utf-8")


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def link(path: Path, target: str) -> Path:
    path.symlink_to(target)
    return path


def unix_socket(path: Path) -> tuple[Path, socket.socket]:
    """A bound socket file; the caller keeps the socket object open while qdkg runs."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    return path, sock


def truncated(path: Path, data: bytes) -> Path:
    return write(path, data[: len(data) // 2])


def zip_bomb(path: Path, member: str, *, unpacked: int = 150 * 1024 * 1024) -> Path:
    """A package whose one member unpacks to ``unpacked`` bytes of zeros (about 150 KB on disk)."""
    chunk = b"\x00" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open(member, "w", force_zip64=True) as f:
            for _ in range(unpacked // len(chunk)):
                f.write(chunk)
    return path


def nested_html(depth: int, *, tag: str = "div", inner: str = "") -> str:
    return f"<html><body>{f'<{tag}>' * depth}{inner}{f'</{tag}>' * depth}</body></html>"


def csv_rows(path: Path, n: int, *, header: bool = True) -> Path:
    lines = ["项目名称,所在区市,所属产业"] if header else []
    lines += [f"测试{i}号产业园项目,即墨区,新能源" for i in range(n)]
    return write(path, "\n".join(lines) + "\n")


def xlsx_rows(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def kangxi(text: str) -> str:
    """Text as browser-printed PDFs carry it: some characters as Kangxi radicals (⼯ for 工, ⽔ for 水 …)."""
    return text.translate(str.maketrans("工水山日大", "⼯⽔⼭⽇⼤"))


def traditional(text: str) -> str:
    import opencc

    return str(opencc.OpenCC("s2t").convert(text))
