"""Per-format readers: bytes on disk to raw report text (plus a title hint where the format has one).

Each reader raises :class:`~qdkg.errors.LoaderError` naming the file and saying what to do.
The text they return is not cleaned yet; :mod:`qdkg.loaders.boilerplate` does that for all
formats alike. Text encodings are found from the bytes (BOM, strict UTF-8, strict GB18030 with
a plausibility check), never guessed from the extension.
"""

from __future__ import annotations

import codecs
import logging
import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from qdkg.errors import LoaderError
from qdkg.loaders.safe_files import DEFAULT_MAX_SIZE, check_zip_package, read_file

TEXT_EXTENSIONS = (".txt", ".md", ".markdown", ".text")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
DOCX_EXTENSIONS = (".docx",)
PDF_EXTENSIONS = (".pdf",)
PROJECT_TABLE_EXTENSIONS = (".csv", ".xlsx", ".xls")  # read by qdkg.loaders.tables, not as reports
TABLE_EXTENSIONS = (*PROJECT_TABLE_EXTENSIONS, ".tsv", ".xlsm", ".ods")
#: Every extension :func:`read_raw` accepts.
KNOWN_EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS + DOCX_EXTENSIONS + PDF_EXTENSIONS

UNDECODABLE = "the file is not UTF-8 or GBK; save it as UTF-8 or pass --encoding"


@dataclass
class RawText:
    """What a format reader found: the text and, if the format marks one, its title."""

    text: str
    title: str | None = None
    encoding: str | None = None


# --- plain text -----------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_MAGIC = ((b"%PDF-", "a PDF"), (b"PK\x03\x04", "a ZIP archive (a .docx or .xlsx?)"),
          (b"\xd0\xcf\x11\xe0", "an old Office file (.doc/.xls)"), (b"\x89PNG", "a PNG image"),
          (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"))
_CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026\u00b7]")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_chinese(text: str) -> bool:
    """GB18030 decodes many byte strings; real Chinese text is mostly common CJK characters."""
    non_ascii = [c for c in text if ord(c) > 0x7F]
    if not non_ascii:
        return True
    common = sum(1 for c in non_ascii if _CJK.match(c))
    return common / len(non_ascii) >= 0.9


def decode_text(data: bytes, path: str | Path, *, encoding: str | None = None,
                declared: str | None = None) -> tuple[str, str]:
    """Decode report bytes; returns ``(text, encoding used)``.

    ``encoding`` (the user's) is obeyed strictly. Otherwise: a BOM, then strict UTF-8 (GBK bytes
    are almost never valid UTF-8), then strict GB18030 if the result reads as Chinese, then the
    encoding a page ``declared`` for itself (Big5, Shift_JIS …), if any.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise LoaderError(str(path), f"unknown encoding {encoding!r}; use e.g. utf-8, gbk or gb18030") from None
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as e:
            raise LoaderError(
                str(path), f"the file is not valid {encoding}; check --encoding (or leave it out to detect it)",
                line=_line_of(data, e.start),
            ) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as e:
                raise LoaderError(str(path), UNDECODABLE, line=_line_of(data, e.start)) from None
    head = data[:8192]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise LoaderError(str(path), f"this is {what}, not text; give it the right extension or export it as text")
    if b"\x00" in head:
        raise LoaderError(str(path), "this is a binary file, not text; give a .txt, .md, .html, .docx or .pdf report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_chinese(text):
        return text, "gb18030"
    if declared and declared not in ("utf-8", "utf8", "gb2312", "gbk", "gb18030"):
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    raise LoaderError(str(path), UNDECODABLE, line=_line_of(data, utf8_error.start))


_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^[ \t]{0,3}(?:```|~~~).*$", re.MULTILINE), ""),  # code fences
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE), ""),  # horizontal rules
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE), r"\1"),  # ATX headings
    (re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE), ""),  # block quotes
    (re.compile(r"^[ \t]{0,3}[-*+][ \t]+", re.MULTILINE), ""),  # bullets (numbered items keep their numbers)
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # bold
    (re.compile(r"<[^>\n]+>"), ""),  # inline html tags
)
_MD_SETEXT = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)


def strip_markdown(text: str) -> tuple[str, str | None]:
    """Markdown markup off, words kept; the first ``#`` heading is the title hint."""
    m = re.search(r"^[ \t]{0,3}#[ \t]+(.+?)[ \t]*#*[ \t]*$", text, re.MULTILINE)
    title = m.group(1).strip() if m else None
    text = _MD_SETEXT.sub("", text)
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return text, title


def read_text(path: Path, data: bytes, *, encoding: str | None = None) -> RawText:
    text, used = decode_text(data, path, encoding=encoding)
    title = None
    if path.suffix.lower() in (".md", ".markdown"):
        text, title = strip_markdown(text)
    return RawText(text, title, used)


# --- html -----------------------------------------------------------------------------------

_HTML_DROP = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "select",
              "nav", "header", "footer", "aside", "head", "object", "embed", "video", "audio", "map")
_HTML_BLOCKS = frozenset({
    "p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr",
    "table", "section", "article", "main", "blockquote", "pre", "center", "address", "figure", "figcaption",
    "td", "th", "caption", "tbody", "thead", "body", "html",
})
#: class/id words of page chrome on government and news sites.
_CHROME_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|header|footer|sidebar|side|share|bdsharebuttonbox|"
    r"comment|comments|copyright|toolbar|pager|pagination|related|recommend|ad|ads|advert|banner|login|search|"
    r"topbar|bottom|foot|links?|friend-?links?)(?:$|[\s_-])",
    re.IGNORECASE,
)
#: Containers that hold the article on common sites, tried in order.
_ARTICLE_SELECTORS = ("#TRS_Editor", ".TRS_Editor", "#zoom", "#Zoom", ".article-content", ".article_content",
                      "#article", ".pages_content", "#content", ".content", "article", "main")
_WS = re.compile(r"[ \t\r\n\f\u00a0]+")
_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


def _is_chrome(node, page_chars: int) -> bool:  # type: ignore[no-untyped-def]
    """A nav bar, footer, share box … by its class/id, unless it holds most of the page's text."""
    attrs = node.attributes
    words = " ".join(v for k, v in attrs.items() if k in ("class", "id") and v)
    if not words or not _CHROME_ATTR.search(words):
        return False
    return len(node.text(strip=True)) < 0.5 * page_chars


#: Page chrome sits near the top of a page; deeper nodes are not tested for it (each test reads a subtree's text).
_CHROME_DEPTH = 64
_CLOSE = object()  # marks, on the walk's stack, the end of a block element


def _html_text(root, page_chars: int) -> str:  # type: ignore[no-untyped-def]
    """Text of a node with a line break around every block element; inline whitespace collapsed.

    The walk keeps its own stack (no recursion), so however deep a page nests it neither overflows
    nor drops the deep text."""
    parts: list[str] = []
    stack: list[tuple[object, int]] = [(root, 0)]
    while stack:
        n, depth = stack.pop()
        if n is _CLOSE:
            parts.append("\n")
            continue
        tag = n.tag  # type: ignore[attr-defined]
        if tag == "-text":
            parts.append(_WS.sub(" ", n.text_content or ""))  # type: ignore[attr-defined]
            continue
        if tag in ("-comment", "!doctype") or tag in _HTML_DROP:
            continue
        if 0 < depth <= _CHROME_DEPTH and tag not in ("body", "html") and _is_chrome(n, page_chars):
            continue
        if tag in _HTML_BLOCKS:
            parts.append("\n")
            stack.append((_CLOSE, depth))
        children = []
        child = n.child  # type: ignore[attr-defined]
        while child is not None:
            children.append((child, depth + 1))
            child = child.next
        stack.extend(reversed(children))
    lines = (_CJK_GAP.sub("", line.strip()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


#: How deep elements may nest before a page is refused. Real pages nest a few dozen deep; the HTML
#: parser slows down with the square of the depth of block elements (200,000 nested <div> took 83 s,
#: 10,000 take 0.08 s).
MAX_HTML_DEPTH = 10_000
#: Elements whose end tag is optional or that never hold others: they are not counted as nesting.
_HTML_UNNESTED = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "thead", "tbody", "tfoot",
    "colgroup", "caption", "html", "head", "body",
})
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>")  # [^<>]: linear even when no '>' follows


def html_depth(text: str, *, stop_at: int = MAX_HTML_DEPTH) -> int:
    """How deep the page's elements nest, counted from its tags (a cheap scan, before any parsing)."""
    depth = deepest = 0
    for m in _HTML_TAG.finditer(text):
        if m.group(2).lower() in _HTML_UNNESTED or m.group(3).endswith("/"):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop_at:
                    break
    return deepest


def check_html_depth(text: str, path: Path) -> None:
    deepest = html_depth(text)
    if deepest > MAX_HTML_DEPTH:
        raise LoaderError(str(path), f"the page nests its elements more than {MAX_HTML_DEPTH:,} deep (a broken or "
                                     "hostile page); open it in a browser and save the report's text as .txt")


_TITLE_SUFFIX = re.compile(r"\s*[_|｜—–-]+\s*[^_|｜—–-]*$")


def read_html(path: Path, data: bytes, *, encoding: str | None = None) -> RawText:
    """The article's text: scripts, styles, navigation, headers, footers and share boxes left out."""
    from selectolax.lexbor import LexborHTMLParser

    # The page's own <meta charset> is only a last resort: pages often declare gb2312 but are UTF-8.
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:4096], re.IGNORECASE)
    declared = m.group(1).decode("ascii").lower() if m else None
    text, used = decode_text(data, path, encoding=encoding, declared=declared)
    check_html_depth(text, path)
    tree = LexborHTMLParser(text)
    body = tree.body
    if body is None:
        raise LoaderError(str(path), "the page has no body text; save the report itself as .txt or .html")
    page_chars = len(body.text(strip=True))
    h1 = tree.css_first("h1")
    head_title = tree.css_first("title")
    title = None
    if h1 is not None and h1.text(strip=True):
        title = _WS.sub(" ", h1.text()).strip()
    elif head_title is not None and head_title.text(strip=True):
        title = _TITLE_SUFFIX.sub("", _WS.sub(" ", head_title.text()).strip()) or None
    root = body
    for selector in _ARTICLE_SELECTORS:
        found = tree.css_first(selector)
        if found is not None and len(found.text(strip=True)) >= 0.3 * page_chars:
            root = found
            break
    content = _html_text(root, page_chars)
    if title and h1 is not None and title not in content[: len(title) + 200]:
        content = title + "\n" + content  # the heading sat outside the article container
    return RawText(content, title, used)


# --- docx -----------------------------------------------------------------------------------


def read_docx(path: Path, data: bytes, *, encoding: str | None = None, max_size: int = DEFAULT_MAX_SIZE) -> RawText:
    """Paragraphs and table rows in document order; the Title or first Heading style is the title hint."""
    import io
    import zipfile

    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    advice = "open it in Word and save it again as .docx, or save it as .txt"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise LoaderError(str(path), f"this is an old Word .doc file, not .docx; {advice}")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise LoaderError(str(path), f"not a readable .docx file (not a ZIP package); {advice}")
    check_zip_package(path, data, max_size=max_size)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError) as e:
        raise LoaderError(str(path), f"not a readable .docx file ({_short(e)}); {advice}") from None
    if "word/document.xml" not in names:
        raise LoaderError(str(path), f"not a readable .docx file (no Word document inside); {advice}")
    try:
        doc = open_docx(io.BytesIO(data))
    except PackageNotFoundError:
        raise LoaderError(str(path), f"not a readable .docx file (no Word document inside); {advice}") from None
    except Exception as e:  # noqa: BLE001  # zip, XML (lxml) or key errors from deep inside python-docx
        raise LoaderError(str(path), f"not a readable .docx file ({_short(e)}); {advice}") from None
    lines: list[str] = []
    title = None
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, doc)
            text = para.text
            style = (para.style.name if para.style is not None else "") or ""
            if title is None and text.strip() and (style == "Title" or style.startswith("Heading 1")):
                title = text.strip()
            lines.append(text)
        elif tag == "tbl":
            for row in Table(child, doc).rows:
                cells: list[str] = []
                for cell in row.cells:
                    t = cell.text.strip()
                    if t and (not cells or cells[-1] != t):  # merged cells repeat their text
                        cells.append(t)
                lines.append(" ".join(cells))
    return RawText("\n".join(lines), title, None)


# --- pdf ------------------------------------------------------------------------------------

_SENTENCE_END = tuple("。！？!?：:；;”」』)）")
_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[、.．]|第[一二三四五六七八九十]+[章节部分])")


@contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs warnings about damaged objects and fonts (59 lines for one browser-printed PDF);
    they are not the planner's business, so its loggers are off while a PDF is read."""
    logger = logging.getLogger("pdfminer")  # its modules log through children (pdfminer.pdffont …)
    was = logger.level
    logger.setLevel(logging.CRITICAL + 1)  # the children inherit it: no record is even made
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(was)


def read_pdf(path: Path, data: bytes, *, encoding: str | None = None) -> RawText:
    """The PDF's text layer, with lines wrapped by the page layout joined back into paragraphs."""
    import io

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextBox, LTTextLine
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    paragraphs: list[str] = []
    try:
        with _quiet_pdfminer():
            for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
                lines: list[tuple[float, float, str]] = []
                for box in page:
                    if isinstance(box, LTTextBox):
                        for line in box:
                            if isinstance(line, LTTextLine):
                                text = line.get_text().strip()
                                if text:
                                    lines.append((line.x0, line.x1, text))
                paragraphs.extend(_join_pdf_lines(lines))
    except (PDFSyntaxError, PSException) as e:
        raise LoaderError(str(path), f"not a readable PDF ({_short(e)}); re-export it as PDF or save it as .txt") from None
    except Exception as e:  # pdfminer raises assorted errors on damaged files
        if isinstance(e, LoaderError):
            raise
        raise LoaderError(str(path), f"not a readable PDF ({_short(e)}); re-export it as PDF or save it as .txt") from None
    text = "\n".join(paragraphs)
    if not text.strip():
        raise LoaderError(str(path), "the PDF has no text layer (a scan?); run OCR on it or give the report as text")
    return RawText(text, None, None)


def _join_pdf_lines(lines: list[tuple[float, float, str]]) -> list[str]:
    """Join layout lines into paragraphs: a new paragraph starts indented, after a short line, or at a heading."""
    if not lines:
        return []
    left = min(x0 for x0, _, _ in lines)
    right = max(x1 for _, x1, _ in lines)
    char = max(1.0, min((x1 - x0) / max(len(t), 1) for x0, x1, t in lines))
    out: list[str] = []
    prev_short = True
    for x0, x1, text in lines:
        indented = x0 - left > 1.5 * char
        starts_new = not out or indented or prev_short or bool(_HEADING_START.match(text))
        if starts_new:
            out.append(text)
        else:
            out[-1] += text
        prev_short = right - x1 > 2 * char and text.endswith(_SENTENCE_END) or right - x1 > 6 * char
    return out


# --- dispatch -------------------------------------------------------------------------------


def _short(e: Exception) -> str:
    msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return msg[:80]


def _read_bytes(path: Path, max_size: int) -> bytes:
    """The file's bytes (regular files only, within the limit); an empty file is refused here for all formats."""
    data = read_file(path, max_size=max_size)
    if not data.strip():
        raise LoaderError(str(path), "the file is empty; give a report with text in it")
    return data


READERS: dict[str, Callable[..., RawText]] = {
    **{ext: read_text for ext in TEXT_EXTENSIONS},
    **{ext: read_html for ext in HTML_EXTENSIONS},
    **{ext: read_docx for ext in DOCX_EXTENSIONS},
    **{ext: read_pdf for ext in PDF_EXTENSIONS},
}


def read_raw(path: Path, *, encoding: str | None = None, max_size: int = DEFAULT_MAX_SIZE) -> RawText:
    """Read any supported format; unknown extensions, tables, files that are not regular files and files
    over ``max_size`` (bytes, or unpacked for .docx) get a clear error."""
    ext = path.suffix.lower()
    if ext in PROJECT_TABLE_EXTENSIONS:
        raise LoaderError(str(path), "this is a project table, not a report; load it with `qdkg load`")
    if ext in TABLE_EXTENSIONS:
        raise LoaderError(str(path), f"qdkg does not read {ext} tables; save it as .csv or .xlsx")
    reader = READERS.get(ext)
    if reader is None:
        known = ", ".join(sorted({".txt", ".md", ".html", ".htm", ".docx", ".pdf"}))
        what = f"unknown file type {ext!r}" if ext else "no file extension"
        raise LoaderError(str(path), f"{what}; qdkg reads {known}")
    data = _read_bytes(path, max_size)
    if reader is read_docx:
        return read_docx(path, data, encoding=encoding, max_size=max_size)
    return reader(path, data, encoding=encoding)
