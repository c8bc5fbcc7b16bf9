"""The report outline: parts, chapters, lead phrases, paragraphs, sentences with exact offsets."""

from __future__ import annotations

from conftest import SAMPLE_REPORT

from qdkg.loaders.model import Document
from qdkg.loaders.reading import read_document
from qdkg.loaders.structure import outline, split_sentences


def _doc(text: str) -> Document:
    return Document(key="t", title="t", source="t.txt", content_hash="x", text=text)


def test_parts_chapters_and_leads() -> None:
    text = "二、主要目标\n(一)扩大内需。结合实际,形成机制。\n更大力度激发消费潜能。深入推进建设。\n（二）科技创新。\n普通段落没有引导语,只有一句话。"
    o = outline(_doc(text))
    kinds = [(s.kind, s.number, s.title) for s in o.sections]
    assert kinds[0] == ("part", "二", "主要目标")
    assert kinds[1] == ("chapter", "(一)", "扩大内需")
    assert kinds[2] == ("lead", "", "更大力度激发消费潜能")
    assert kinds[3][:2] == ("chapter", "(二)")
    assert kinds[4][0] == "paragraph"
    lead, chap = o.sections[2], o.sections[1]
    assert lead.parent == chap.key and chap.parent == o.sections[0].key
    assert lead.key == "t#1.1.1"


def test_sentence_offsets_point_into_the_text() -> None:
    doc = read_document(SAMPLE_REPORT)
    o = outline(doc)
    assert len(o.sentences) > 300
    for s in o.sentences:
        assert doc.text[s.start : s.end] == s.text
        assert s.text.strip() == s.text
    s = o.sentence_at(doc.text.index("官路水库"))
    assert s is not None and "建成官路水库主体工程" in s.text


def test_sample_has_the_ten_chapters() -> None:
    o = outline(read_document(SAMPLE_REPORT))
    chapters = [s for s in o.sections if s.kind == "chapter"]
    assert [c.number for c in chapters][:3] == ["(一)", "(二)", "(三)"]
    assert len(chapters) == 10
    assert any(s.kind == "lead" and s.title == "更大力度激发消费潜能" for s in o.sections)


def test_split_sentences_keeps_closing_quotes() -> None:
    text = "他说“好。”然后走了。"
    assert [text[a:b] for a, b in split_sentences(text)] == ["他说“好。”", "然后走了。"]
