"""Read a report file into a :class:`Document` (placeholder: UTF-8 text only; the full reader replaces it)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from qdkg.loaders.model import Document


def document_key(path: Path) -> str:
    """A document's stable key: its file name without extension, so a revised file replaces the old one."""
    return re.sub(r"\s+", "-", Path(path).stem.strip()).lower()


def read_document(path: str | Path, *, city: str | None = None, year: int | None = None) -> Document:
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    return Document(
        key=document_key(path), title=path.stem, source=path.name,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(), text=text, city=city, year=year,
    )
