"""Read a report file into a :class:`Document`: decode, clean, and find its title, city and year.

``Document.text`` is the cleaned text (one paragraph per line, boilerplate removed); the
extractor's offsets point into it and the content hash is taken over it, so a file re-saved
in another encoding or format with the same words is "unchanged".
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from qdkg.errors import LoaderError
from qdkg.loaders import boilerplate, docmeta
from qdkg.loaders.formats import KNOWN_EXTENSIONS, read_raw
from qdkg.loaders.model import Document
from qdkg.loaders.safe_files import DEFAULT_MAX_SIZE

__all__ = ["KNOWN_EXTENSIONS", "content_hash", "document_key", "read_document", "readable"]


def readable(name: str | Path) -> str:
    """A file name or path as text. Names unpacked from Windows zip files arrive in GBK bytes, which Python
    holds as surrogate escapes that no store or terminal accepts: they are read as GB18030 instead."""
    text = str(name)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        raw = os.fsencode(text)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


def document_key(path: str | Path) -> str:
    """A document's stable key: its file name without extension, so a revised file replaces the old one."""
    return re.sub(r"\s+", "-", readable(Path(path).stem).strip()).lower()


#: A line longer than this is split at sentence ends. Report paragraphs run to a few hundred characters;
#: a whole report on one line (some exports do that) took 95 s to extract as one 200,000-character
#: paragraph, and lost everything to one boilerplate sentence at its end.
MAX_LINE_CHARS = 3000
_SENTENCE = re.compile(r"[^。！？；!?;]*[。！？；!?;]+[”’」』)）]*|[^。！？；!?;]+$")


def split_long_lines(text: str, *, limit: int = MAX_LINE_CHARS) -> str:
    """Lines over ``limit`` characters broken into lines of whole sentences (cut hard if a sentence is longer)."""
    if all(len(line) <= limit for line in text.split("\n")):
        return text
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= limit:
            out.append(line)
            continue
        chunk = ""
        for m in _SENTENCE.finditer(line):
            sentence = m.group(0)
            if chunk and len(chunk) + len(sentence) > limit:
                out.append(chunk)
                chunk = ""
            while len(sentence) > limit:
                out.append(sentence[:limit])
                sentence = sentence[limit:]
            chunk += sentence
        if chunk:
            out.append(chunk)
    return "\n".join(out)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_document(
    path: str | Path,
    *,
    city: str | None = None,
    year: int | None = None,
    encoding: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
) -> Document:
    """Read one report (.txt/.md/.html/.docx/.pdf); ``city``/``year`` override what the text says.

    Only a regular file of at most ``max_size`` bytes is read (see :mod:`qdkg.loaders.safe_files`)."""
    path = Path(path)
    raw = read_raw(path, encoding=encoding, max_size=max_size)
    text = boilerplate.clean(split_long_lines(raw.text))
    if not text:
        problem = "no report text left after removing web boilerplate" if raw.text.strip() else "the file is empty"
        raise LoaderError(str(path), f"{problem}; give a report with text in it")
    if len(text) < 20 and not re.search(r"[\u4e00-\u9fff]", text):
        raise LoaderError(str(path), "no Chinese report text found; give a government work report")
    meta = docmeta.describe(text, hint=raw.title, stem=readable(path.stem), city=city, year=year)
    return Document(
        key=document_key(path),
        title=meta.title,
        source=readable(path.name),
        content_hash=content_hash(text),
        text=text,
        city=meta.city,
        year=meta.year,
        level=meta.level,
        meeting=meta.meeting,
        speaker=meta.speaker,
        speaker_role=meta.speaker_role,
    )
