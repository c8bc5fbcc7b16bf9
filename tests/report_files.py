"""Build report files in every supported format from a short excerpt (tests only).

The excerpt is tests/data/report-excerpt.txt; the variants (GBK, UTF-8 with BOM, CRLF, HTML
with page chrome, .docx, .pdf with a text layer, .pdf without one) are written into a temporary
folder so the repository holds only one small text file.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
EXCERPT = DATA / "report-excerpt.txt"

#: The excerpt's closing web boilerplate: it must never reach Document.text.
BOILERPLATE_MARKERS = ("免责声明", "不得转载", "本站", "侵权")


def excerpt_lines() -> list[str]:
    return EXCERPT.read_text(encoding="utf-8").splitlines()


def report_lines() -> list[str]:
    """The excerpt without its boilerplate lines: what every variant should read as."""
    return [line for line in excerpt_lines() if not line.startswith(("免责声明", "本站"))]


def write_gbk(path: Path) -> Path:
    path.write_bytes(EXCERPT.read_text(encoding="utf-8").encode("gbk"))
    return path


def write_utf8_bom_crlf(path: Path) -> Path:
    text = "\r\n".join(excerpt_lines()) + "\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("重点工作", "重点\u200b工作", 1).encode("utf-8"))
    return path


def html_page(lines: list[str], *, title: str = "青岛市2025年政府工作报告", charset: str = "utf-8") -> str:
    paras = "\n".join(f"<p>\u3000\u3000{line}</p>" for line in lines)
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{title}_青岛市人民政府</title>
<style>p {{ margin: 0 }}</style><script>var nav = "首页 新闻";</script></head>
<body>
<div class="header"><a href="/">首页</a> <a href="/news">新闻中心</a> 政务公开</div>
<nav><ul><li>首页</li><li>政务公开</li></ul></nav>
<div class="breadcrumb">首页 &gt; 政务公开 &gt; 政府工作报告</div>
<h1>{title}</h1>
<div id="zoom">
{paras}
</div>
<div class="share">分享到: 微信 微博</div>
<div class="footer">版权所有:青岛市人民政府办公厅 鲁ICP备12345678号</div>
</body></html>
"""


def write_html(path: Path, *, charset: str = "utf-8") -> Path:
    page = html_page(excerpt_lines(), charset=charset)
    path.write_bytes(page.encode("gbk" if charset.lower() in ("gbk", "gb2312") else "utf-8"))
    return path


def write_docx(path: Path, *, title: str | None = "青岛市2025年政府工作报告") -> Path:
    import docx

    doc = docx.Document()
    if title:
        doc.add_heading(title, level=1)
    doc.add_paragraph("")
    for line in excerpt_lines():
        doc.add_paragraph(line)
    doc.save(str(path))
    return path


def pdf_bytes(lines: list[tuple[float, str]] | None, *, chars_per_line: int = 0) -> bytes:
    """A one-page PDF in the built-in STSong-Light font (no font file needed); ``None`` draws only a box.

    Each item is ``(indent in points, text)``; with ``chars_per_line`` long lines are wrapped
    as a page layout would, so the reader has to join them back into paragraphs.
    """
    ops: list[str] = []
    if lines is None:
        ops.append("0.5 g 72 600 200 100 re f")
    else:
        wrapped: list[tuple[float, str]] = []
        for indent, text in lines:
            if chars_per_line:
                first = True
                while text:
                    width = chars_per_line - (2 if first and indent else 0)
                    wrapped.append((indent if first else 0, text[:width]))
                    text, first = text[width:], False
            else:
                wrapped.append((indent, text))
        ops.append("BT /F1 10 Tf")
        y = 800.0
        for indent, text in wrapped:
            ops.append(f"1 0 0 1 {40 + indent:.1f} {y:.1f} Tm <{text.encode('utf-16-be').hex().upper()}> Tj")
            y -= 14
        ops.append("ET")
    content = "\n".join(ops).encode("ascii")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
         b"/Contents 4 0 R >>"),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
         b"/Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>"),
        (b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 "
         b"/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def write_pdf(path: Path, *, wrap: int = 0) -> Path:
    """The excerpt as a PDF page; paragraphs indented two characters, headings not."""
    lines = [(0.0 if line[:2] in ("二、", "三、") or line.startswith("(") else 20.0, line) for line in excerpt_lines()]
    path.write_bytes(pdf_bytes(lines, chars_per_line=wrap))
    return path
