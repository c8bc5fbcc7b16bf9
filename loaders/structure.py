"""The outline of a work report: parts, chapters, lead phrases, paragraphs and sentences.

Work reports are numbered the same way everywhere: parts ``一、``, chapters ``(一)`` (half- or
full-width brackets, the heading being the line's first sentence), and paragraphs that open with a
short lead phrase (``更大力度激发消费潜能。``). Every paragraph becomes a :class:`Section` (kind
``lead`` when it has a lead phrase), nested under its chapter and part; sentences carry the key of
the section they sit in and their offsets into ``Document.text``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from qdkg.loaders.model import Document, Section

_CN_NUM = "一二三四五六七八九十"
PART_RE = re.compile(rf"^\s*(?:第([{_CN_NUM}]+)部分|([{_CN_NUM}]{{1,3}})[、.．])\s*")
CHAPTER_RE = re.compile(rf"^\s*[(（]([{_CN_NUM}]{{1,3}})[)）]\s*")
SENTENCE_END = "。！？!?；;"
LEAD_MAX = 24  # a paragraph's first sentence up to this length is its lead phrase
TITLE_CHARS = 16


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    section: str  # Section key
    paragraph: str  # key of the paragraph-level section (the section itself for headings)


@dataclass
class Outline:
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts: list[int] = []

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding character ``offset``."""
        if len(self._starts) != len(self.sentences):
            self._starts = [s.start for s in self.sentences]
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def section(self, key: str) -> Section | None:
        for s in self.sections:
            if s.key == key:
                return s
        return None


def split_sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (offsets shifted by ``start``); closing quotes stay with their sentence."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    begin = 0
    while i < n:
        ch = text[i]
        if ch in SENTENCE_END:
            j = i + 1
            while j < n and text[j] in "”’」』)）":
                j += 1
            if text[begin:j].strip():
                spans.append((start + begin, start + j))
            begin = j
            i = j
            continue
        i += 1
    if text[begin:].strip():
        spans.append((start + begin, start + n))
    # trim white space at both ends
    out = []
    for a, b in spans:
        while a < b and text[a - start].isspace():
            a += 1
        while b > a and text[b - 1 - start].isspace():
            b -= 1
        out.append((a, b))
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        a, b = pos, pos + len(body)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
        pos += len(line)
    return spans


def outline(document: Document) -> Outline:
    """Split ``document.text`` into sections and sentences."""
    text, doc = document.text, document.key
    out = Outline()
    part: Section | None = None
    chapter: Section | None = None
    counters: dict[str | None, int] = {}
    order = 0

    def child_path(parent: Section | None) -> str:
        counters[parent.key if parent else None] = counters.get(parent.key if parent else None, 0) + 1
        n = counters[parent.key if parent else None]
        prefix = parent.key.split("#", 1)[1] + "." if parent else ""
        return f"{prefix}{n}"

    for a, b in _lines(text):
        line = text[a:b]
        spans = split_sentences(line, a)
        if not spans:
            continue
        first = text[spans[0][0] : spans[0][1]]
        m_part = PART_RE.match(line)
        m_chap = CHAPTER_RE.match(line)
        if m_part and len(first) <= 40:
            part = Section(key=f"{doc}#{child_path(None)}", doc=doc, kind="part", level=1, order=order,
                           number=m_part.group(1) or m_part.group(2), title=first[m_part.end():].rstrip("。；;"),
                           start=a, end=b, parent=None)
            chapter = None
            sec = part
        elif m_chap:
            chapter = Section(key=f"{doc}#{child_path(part)}", doc=doc, kind="chapter", level=2, order=order,
                              number=f"({m_chap.group(1)})", title=first[m_chap.end():].rstrip("。；;"),
                              start=a, end=b, parent=part.key if part else None)
            sec = chapter
        else:
            parent = chapter or part
            lead = first.rstrip("。；;") if len(first) <= LEAD_MAX and first.endswith("。") and len(spans) > 1 else ""
            sec = Section(key=f"{doc}#{child_path(parent)}", doc=doc, kind="lead" if lead else "paragraph",
                          level=(parent.level + 1) if parent else 1, order=order, number="",
                          title=lead or line[:TITLE_CHARS], start=a, end=b, parent=parent.key if parent else None)
        order += 1
        out.sections.append(sec)
        for s, e in spans:
            out.sentences.append(Sentence(s, e, text[s:e], sec.key, sec.key))
    return out
