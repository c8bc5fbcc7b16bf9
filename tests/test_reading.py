"""Reading report files: formats, encodings, clean-up, metadata, and the one-line errors for bad input."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import report_files as rf
from conftest import SAMPLE_REPORT

from qdkg.errors import LoaderError
from qdkg.loaders import boilerplate, docmeta
from qdkg.loaders.reading import content_hash, document_key, read_document

TITLE = "青岛市2025年政府工作报告"


def expected_text(*, title: bool = False) -> str:
    return "\n".join(([TITLE] if title else []) + rf.report_lines())


def error_of(path: Path, **kwargs: object) -> str:
    with pytest.raises(LoaderError) as info:
        read_document(path, **kwargs)  # type: ignore[arg-type]
    return str(info.value)


# --- the sample --------------------------------------------------------------------------------


def test_sample_metadata_and_boilerplate() -> None:
    doc = read_document(SAMPLE_REPORT)
    assert (doc.key, doc.source) == ("qingdao-2025-work-report-part", "qingdao-2025-work-report-part.txt")
    assert (doc.city, doc.year) == ("青岛", 2025)
    assert doc.title == "青岛市2025年政府工作报告"  # no heading line: the city and year name it
    assert doc.content_hash == content_hash(doc.text)
    for marker in rf.BOILERPLATE_MARKERS:
        assert marker not in doc.text
    assert doc.text.endswith("奋力推进中国式现代化青岛实践努力奋斗!")
    assert doc.text.startswith("我们也清醒看到")
    # the report's own characters are kept: no NFKC, offsets are into this text
    assert "“十四五”" in doc.text and "\r" not in doc.text
    raw_lines = SAMPLE_REPORT.read_text(encoding="utf-8").splitlines()
    assert doc.text.split("\n") == raw_lines[:-2]


def test_overrides_win() -> None:
    doc = read_document(SAMPLE_REPORT, city="烟台市", year=2024)
    assert (doc.city, doc.year) == ("烟台", 2024)


# --- formats and encodings: every variant reads as the same text --------------------------------


@pytest.mark.parametrize(
    ("name", "writer", "with_title"),
    [
        ("excerpt-gbk.txt", rf.write_gbk, False),
        ("excerpt-bom.txt", rf.write_utf8_bom_crlf, False),
        ("excerpt.html", rf.write_html, True),
        ("excerpt.docx", rf.write_docx, True),
        ("excerpt.pdf", rf.write_pdf, False),
    ],
)
def test_formats_read_the_same_text(tmp_path: Path, name: str, writer, with_title: bool) -> None:  # type: ignore[no-untyped-def]
    doc = read_document(writer(tmp_path / name))
    assert doc.text == expected_text(title=with_title)
    assert (doc.city, doc.year) == ("青岛", 2025)
    assert doc.key == document_key(name) == Path(name).stem
    if with_title:
        assert doc.title == TITLE


def test_same_words_same_hash_across_encodings(tmp_path: Path) -> None:
    utf8 = read_document(rf.EXCERPT)
    gbk = read_document(rf.write_gbk(tmp_path / "a.txt"))
    bom = read_document(rf.write_utf8_bom_crlf(tmp_path / "b.txt"))  # with CRLF and a zero-width space
    assert utf8.content_hash == gbk.content_hash == bom.content_hash
    assert "\u200b" not in bom.text


def test_gbk_html_declared_gb2312(tmp_path: Path) -> None:
    doc = read_document(rf.write_html(tmp_path / "page.htm", charset="gb2312"))
    assert doc.text == expected_text(title=True)


def test_html_drops_page_chrome(tmp_path: Path) -> None:
    doc = read_document(rf.write_html(tmp_path / "page.html"))
    for chrome in ("首页", "新闻中心", "分享到", "ICP备", "版权所有", "var nav", "margin"):
        assert chrome not in doc.text


def test_html_without_article_container_keeps_paragraph_breaks(tmp_path: Path) -> None:
    page = ("<html><body><div class='nav'>首页 | 要闻</div><p>三、2025年\n重点工作安排</p>"
            "<p>持续扩大有效益的投资。<b>建成官路水库</b>主体工程。</p><div>免责声明:转载请注明来源</div></body></html>")
    path = tmp_path / "bare.html"
    path.write_text(page, encoding="utf-8")
    assert read_document(path).text == "三、2025年重点工作安排\n持续扩大有效益的投资。建成官路水库主体工程。"


def test_pdf_wrapped_lines_join_into_paragraphs(tmp_path: Path) -> None:
    doc = read_document(rf.write_pdf(tmp_path / "wrapped.pdf", wrap=38))
    assert doc.text == expected_text()


def test_markdown_markup_removed(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("# 青岛市2025年政府工作报告\n\n## 三、2025年重点工作安排\n\n- **持续扩大**有效益的投资。"
                    "[官路水库](http://x)主体工程建成。\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.text == "青岛市2025年政府工作报告\n三、2025年重点工作安排\n持续扩大有效益的投资。官路水库主体工程建成。"
    assert doc.title == TITLE
    assert doc.year == 2025


def test_docx_tables_and_order(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("一、甲")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "项目"
    table.rows[0].cells[1].text = "官路水库"
    d.add_paragraph("二、乙")
    path = tmp_path / "t.docx"
    d.save(str(path))
    assert read_document(path).text == "一、甲\n项目 官路水库\n二、乙"


# --- clean-up ----------------------------------------------------------------------------------


def test_normalise_line_endings_and_invisibles() -> None:
    assert boilerplate.normalise("\u3000\u3000甲\u200b乙\r\n\r\n丙\r丁\u2028戊\x0c\ufeff己 ") == "甲乙\n丙\n丁\n戊\n己"


@pytest.mark.parametrize(
    "line",
    [
        "免责声明:本文仅代表作者观点,不代表本站立场。",
        "本站为非营利性网站,来源于网络的作品,若对您造成了侵权,请联系本站,我们会第一时间予以处理。",
        "来源:青岛日报",
        "【来源:大众网】",
        "责任编辑:王某",
        "版权所有 © 2025 青岛市人民政府",
        "鲁ICP备05008880号",
        "— 3 —",
        "未经许可,不得转载",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert boilerplate.is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "严厉打击侵权假冒行为,加强知识产权保护。",
        "拓宽农民增收来源。",
        "三、2025年重点工作安排",
        "编辑出版地方志丛书。",
        "新开通5G基站3000个。",
    ],
)
def test_report_lines_are_not_boilerplate(line: str) -> None:
    assert not boilerplate.is_boilerplate(line)


# --- metadata ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("在中共青岛市委坚强领导下", "青岛"),
        ("——2025年1月8日在石家庄市第十五届人民代表大会第三次会议上\n石家庄市代市长 马宇骏\n建设现代化石家庄", "石家庄"),
        ("向乌鲁木齐市人民政府报告。乌鲁木齐实现增长", "乌鲁木齐"),
        ("全市生产总值增长。推进城市更新,改造超市和夜市。", None),
    ],
)
def test_city(text: str, city: str | None) -> None:
    assert docmeta.detect_city(text) == city


def test_year_is_the_work_year_not_the_reviewed_one() -> None:
    text = "2024年全市生产总值增长5.7%。2024年工作回顾。二、2025年工作总体要求和主要目标\n三、2025年重点工作安排"
    assert docmeta.detect_year(text) == 2025
    assert docmeta.detect_year("——2026年1月10日在青岛市第十七届人民代表大会第五次会议上") == 2026
    assert docmeta.detect_year("没有年份") is None


def test_title_variants() -> None:
    assert docmeta.detect_title("政府工作报告\n各位代表:", hint=None, city="青岛", year=2025, stem="x") == TITLE
    assert docmeta.detect_title("各位代表:\n现在我代表市人民政府", hint=None, city=None, year=None, stem="x") == "x"
    assert docmeta.detect_title("长段落。\n青岛市2025年政府工作报告全文", hint=None, city=None, year=None,
                                stem="x") == TITLE


# --- bad input: one line naming the file and what to do ------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \r\n\n")
    assert error_of(path) == f"{path}: the file is empty; give a report with text in it"


def test_only_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_text("免责声明:本文仅代表作者观点\n来源:网络\n", encoding="utf-8")
    assert error_of(path) == f"{path}: no report text left after removing web boilerplate; give a report with text in it"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 4)
    assert error_of(path) == (f"{path}: this is a binary file, not text; give a .txt, .md, .html, .docx or .pdf "
                              "report")


def test_pdf_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(rf.pdf_bytes([(0, "三、重点工作")]))
    assert error_of(path) == f"{path}: this is a PDF, not text; give it the right extension or export it as text"


def test_undecodable_text_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("第一行\n第二行\n".encode() + "Café à la carte, déjà vu.\n".encode("latin-1"))
    assert error_of(path) == f"{path}:3: the file is not UTF-8 or GBK; save it as UTF-8 or pass --encoding"


def test_wrong_encoding_given(tmp_path: Path) -> None:
    path = rf.write_gbk(tmp_path / "gbk.txt")
    assert error_of(path, encoding="utf-8") == (
        f"{path}:1: the file is not valid utf-8; check --encoding (or leave it out to detect it)")
    assert error_of(path, encoding="klingon") == f"{path}: unknown encoding 'klingon'; use e.g. utf-8, gbk or gb18030"
    assert read_document(path, encoding="gbk").text == expected_text()


def test_broken_docx(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"this is not a zip file at all")
    assert error_of(path) == (f"{path}: not a readable .docx file (not a ZIP package); open it in Word and "
                              "save it again as .docx, or save it as .txt")
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(rf.write_docx(tmp_path / "ok.docx").read_bytes()[:600])
    assert error_of(truncated).startswith(f"{truncated}: not a readable .docx file (")


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    assert error_of(path) == (f"{path}: not a readable .docx file (no Word document inside); open it in Word and "
                              "save it again as .docx, or save it as .txt")


def test_broken_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"garbage " * 50)
    assert error_of(path) == (f"{path}: not a readable PDF (No /Root object! - Is this really a PDF?); re-export it "
                              "as PDF or save it as .txt")
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(rf.pdf_bytes([(0, "三、重点工作")])[:300])
    assert error_of(truncated).endswith("re-export it as PDF or save it as .txt")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(rf.pdf_bytes(None))
    assert error_of(path) == (f"{path}: the PDF has no text layer (a scan?); run OCR on it or give the report "
                              "as text")


def test_unknown_extension_and_tables(tmp_path: Path) -> None:
    odd = tmp_path / "report.rtf"
    odd.write_text("x", encoding="utf-8")
    assert error_of(odd) == f"{odd}: unknown file type '.rtf'; qdkg reads .docx, .htm, .html, .md, .pdf, .txt"
    table = tmp_path / "projects.xlsx"
    table.write_bytes(b"PK\x03\x04")
    assert error_of(table) == f"{table}: this is a project table, not a report; load it with `qdkg load`"
    ods = tmp_path / "projects.ods"
    ods.write_bytes(b"PK\x03\x04")
    assert error_of(ods) == f"{ods}: qdkg does not read .ods tables; save it as .csv or .xlsx"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    assert error_of(path) == f"{path}: no such file; check the path"


def test_html_declaring_gb2312_but_saved_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "mislabelled.html"
    path.write_bytes(rf.html_page(rf.excerpt_lines(), charset="gb2312").encode("utf-8"))
    assert read_document(path).text == expected_text(title=True)


def test_big5_page_uses_its_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "big5.html"
    page = "<html><head><meta charset='big5'></head><body><p>三、重點工作</p><p>建成官路水庫主體工程。</p></body></html>"
    path.write_bytes(page.encode("big5"))
    assert read_document(path).text == "三、重點工作\n建成官路水庫主體工程。"
