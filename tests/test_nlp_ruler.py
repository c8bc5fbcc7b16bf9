"""The gazetteer ruler matches exactly as spaCy's PhraseMatcher does with the same patterns (it replaced it to
save a third of start-up), and labels spans as the EntityRuler would."""

from __future__ import annotations

from conftest import SAMPLE_REPORT
from spacy.matcher import PhraseMatcher

from qdkg.loaders.nlp import RULER, GazetteerRuler, get_nlp, pipeline_state


def test_ruler_matches_equal_spacys_phrase_matcher() -> None:
    nlp = get_nlp()
    state = pipeline_state()
    ruler = nlp.get_pipe(RULER)
    spacy_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    by_key: dict[str, list[tuple[int, ...]]] = {}
    for label, ent_id, keyword in state.patterns:
        by_key.setdefault(f"{label}{GazetteerRuler.sep}{ent_id}", []).append(keyword)
    for key, keywords in by_key.items():
        spacy_matcher.add(key, keywords)  # type: ignore[arg-type]
    paragraphs = [p for p in SAMPLE_REPORT.read_text(encoding="utf-8").splitlines() if p.strip()]
    total = 0
    for paragraph in paragraphs:
        doc = nlp.make_doc(paragraph)
        ours = ruler.matches(doc)
        assert ours == {(m, s, e) for m, s, e in spacy_matcher(doc) if s != e}, paragraph[:40]
        total += len(ours)
    assert total > 150  # the sample names well over a hundred of known places, organisations and industries


def test_the_longest_then_earliest_match_wins() -> None:
    from spacy.tokens import Doc

    nlp = get_nlp()
    words = ["推进", "青岛", "西海岸", "新区", "建设"]
    h = {w: nlp.vocab.strings.add(w) for w in words}
    ruler = GazetteerRuler(nlp.vocab)
    ruler.add([("District", "青岛", (h["青岛"],)),
               ("District", "西海岸新区", (h["西海岸"], h["新区"])),
               ("Company", "青岛西海岸", (h["青岛"], h["西海岸"]))])
    doc = ruler(Doc(nlp.vocab, words=words, spaces=[False] * len(words)))
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [("青岛西海岸", "Company", "青岛西海岸")]
    doc = ruler(Doc(nlp.vocab, words=words[2:], spaces=[False] * 3))
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [("西海岸新区", "District", "西海岸新区")]
