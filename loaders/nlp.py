"""The spaCy pipeline of the extractor, built once per process by :func:`get_nlp`.

``spacy.blank("zh")`` segments with a private jieba tokenizer that knows every gazetteer form
(so known names are whole tokens), a ruler (spaCy's EntityRuler, restorable from token hashes) labels
the gazetteer's places, organisations and industries, and the ``qdkg_rules`` component adds what rules find (projects, institutions,
zones, industries by pattern, programs, events) as :class:`~qdkg.loaders.extract.common.Cand`
objects in ``doc._.qdkg_cands``, with character offsets into the text it was given.

What the gazetteer contributes (jieba's added words, the ruler's patterns) is built once per data
version and cached on disk (:mod:`qdkg.loaders.cache`), so a process starts at about the cost of
importing spaCy and loading jieba's own dictionary.
"""

from __future__ import annotations

import gc
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from qdkg.loaders.extract.common import Cand, industry_name
from qdkg.loaders.gazetteer import Gazetteer, load_gazetteer

COMPONENT = "qdkg_rules"
WHITE_SPACE = re.compile(r"\s")  # what str.split() and spaCy's alignment treat as white space
RULER = "qdkg_gazetteer"


def _jieba_tokenizer(gaz: Gazetteer) -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    for form in gaz.by_form:
        if len(form) >= 2:
            tok.add_word(form, freq=2000)
    for head in gaz.lexicon.heads:
        if len(head) >= 2:
            tok.add_word(head, freq=1000)
    return tok


def _rules(doc: Any) -> Any:
    """Run the rule finders on the doc's text; gazetteer hits come from the EntityRuler and a character scan."""
    from qdkg.loaders.extract.brands import find_brands, subsidiaries
    from qdkg.loaders.extract.gazetteer_hits import find_gazetteer, vet_known
    from qdkg.loaders.extract.industries import find_industries
    from qdkg.loaders.extract.lists import find_headed_lists, find_list_classes, type_siblings
    from qdkg.loaders.extract.names import find_named
    from qdkg.loaders.extract.programs import find_events, find_programs
    from qdkg.loaders.extract.towns import find_towns
    from qdkg.loaders.extract.waters import find_waters

    gaz = load_gazetteer()
    text = doc._.qdkg_text if doc._.qdkg_text is not None else doc.text
    known: list[Cand] = []
    for ent in doc.ents:
        e = gaz.by_name.get((ent.label_, ent.ent_id_)) or gaz.lookup(ent.text)
        if e is not None:
            name, props = e.name, {"kind": e.kind}
            if e.label in ("Company", "Institution") and ent.text in e.aliases:
                name = ent.text  # 天大, 中科院: an organisation is named as the text writes it (gold-dev's convention)
                props["canonical"] = e.name  # one form per document: pipeline._one_form_per_organisation
            if e.label == "Industry":  # the text's own word; the taxonomy's label is its track
                name, props = industry_name(ent.text, gaz), {"kind": e.kind, "track": e.name}
            known.append(Cand(e.label, name, ent.text, ent.start_char, ent.end_char, "gazetteer", props=props))
    taken = [(c.start, c.end) for c in known]
    for c in find_gazetteer(text, gaz):  # names jieba split across tokens
        if not any(a < c.end and c.start < b for a, b in taken):
            known.append(c)
    known = vet_known(text, sorted(known, key=lambda c: c.start), gaz)  # places inside common words
    waters = find_waters(text, gaz, known)  # rivers, lakes and ports of other cities (南淝河, 潍坊港中港区)
    ports = [(w.start, w.end) for w in waters if w.props.get("replaces")]
    known = sorted([c for c in known if not any(a < c.start and c.end <= b for a, b in ports)] + waters,
                   key=lambda c: c.start)  # 马村 stays a place beside 马村港; 港中 in 潍坊港中港区 is none
    known = sorted(known + find_towns(text, gaz, known), key=lambda c: c.start)  # 哈克镇: the data stops at counties
    cands = list(known)
    cands += find_headed_lists(text, gaz, known)  # before the name finder: its reading of a list item wins
    cands += find_named(text, gaz, known)
    cands += find_industries(text, gaz)
    cands += find_programs(text, gaz)
    cands += find_events(text, gaz)
    cands += find_list_classes(text, gaz)
    cands = subsidiaries(text, cands)  # 中车长客: the firm the text names, not its parent 中车
    cands += find_brands(text, gaz, cands)
    cands += type_siblings(text, gaz, cands)
    doc._.qdkg_cands = cands
    return doc


@dataclass(frozen=True)
class PipelineState:
    """What the pipeline builds from the gazetteer, as plain data that pickles and loads in milliseconds.

    ``freq`` is what adding the gazetteer's words changes in jieba's dictionary (new words, their
    prefixes, new frequencies), so the private tokenizer is jieba's own dictionary plus this, without a
    second load of the dictionary. ``patterns`` are the ruler's phrase patterns in the order they were
    added: label, id and the ORTH hashes of the form's tokens, as spaCy's EntityRuler stores them.
    """

    freq: dict[str, int]
    total: int
    patterns: list[tuple[str, str, tuple[int, ...]]]


class GazetteerRuler:
    """spaCy's EntityRuler (``overwrite_ents``, phrase patterns on ORTH), restorable from token hashes.

    It matches and annotates exactly as the EntityRuler does (longest match first, then the earliest;
    a span's id is the gazetteer name), but its patterns are the hashes of :class:`PipelineState` kept in a
    dict by first token: building it needs no tokenisation, no ``Doc`` per pattern and no lexeme per
    pattern token (spaCy's PhraseMatcher made 4,700 lexemes, a third of qdkg's start-up above spaCy's own).
    A match's id is the hash spaCy's matcher gives it, so ties between names of one span break as before.
    """

    sep = "||"  # spaCy's DEFAULT_ENT_ID_SEP

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab
        self.by_first: dict[int, list[tuple[tuple[int, ...], int]]] = {}
        self.ent_ids: dict[int, tuple[str, str]] = {}

    def add(self, patterns: list[tuple[str, str, tuple[int, ...]]]) -> None:
        from spacy.strings import hash_string  # type: ignore[attr-defined]  # a Cython function, no stub

        ids: dict[str, int] = {}
        seen: set[tuple[tuple[int, ...], int]] = set()
        for label, ent_id, keyword in patterns:
            key = f"{label}{self.sep}{ent_id}"
            match_id = ids.get(key)
            if match_id is None:
                match_id = ids[key] = hash_string(key)
                self.ent_ids[match_id] = (label, ent_id)
            if keyword and (keyword, match_id) not in seen:
                seen.add((keyword, match_id))
                self.by_first.setdefault(keyword[0], []).append((keyword, match_id))

    def matches(self, doc: Any) -> set[tuple[int, int, int]]:
        """Every (match id, start, end) of a pattern in the doc's tokens, as the PhraseMatcher finds them."""
        orths = tuple(doc.to_array("ORTH").tolist()) if len(doc) else ()
        found = set()
        by_first = self.by_first
        for i, orth in enumerate(orths):
            for keyword, match_id in by_first.get(orth, ()):
                if orths[i : i + len(keyword)] == keyword:
                    found.add((match_id, i, i + len(keyword)))
        return found

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Span

        matches = sorted(self.matches(doc), key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        entities = list(doc.ents)
        new_entities = []
        seen: set[int] = set()
        for match_id, start, end in matches:
            if start not in seen and end - 1 not in seen:
                label, ent_id = self.ent_ids[match_id]
                new_entities.append(Span(doc, start, end, label=label, span_id=ent_id))
                entities = [e for e in entities if not (e.start < end and e.end > start)]
                seen.update(range(start, end))
        doc.ents = entities + new_entities
        return doc


class TextKeepingTokenizer:
    """spaCy's Chinese tokenizer that also keeps the text it was given (``doc._.qdkg_text``) for the rules:
    ``Doc.text`` rebuilds it from a Python object per token, which cost more than some rules.

    A text without white space (nearly every paragraph) skips spaCy's alignment of words to text, which
    slices the text once per word: jieba's words are the text, none followed by a space."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Any:
        from spacy.tokens import Doc

        doc = None
        if self.tokenizer.segmenter == "jieba" and not WHITE_SPACE.search(text):
            words = [w for w in self.tokenizer.jieba_seg.cut(text, cut_all=False) if w]
            if "".join(words) == text:
                doc = Doc(self.tokenizer.vocab, words=words, spaces=[False] * len(words))
        if doc is None:
            doc = self.tokenizer(text)
        doc._.qdkg_text = text
        return doc

    def __getattr__(self, name: str) -> Any:  # segmenter, jieba_seg, pkuseg_seg … of the wrapped tokenizer
        return getattr(self.tokenizer, name)


def _blank() -> Any:
    """A blank Chinese pipeline with the rules component registered (char segmenter: no jieba load here)."""
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("qdkg_cands"):
        Doc.set_extension("qdkg_cands", default=None)
    if not Doc.has_extension("qdkg_text"):
        Doc.set_extension("qdkg_text", default=None)
    if COMPONENT not in Language.factories:
        Language.component(COMPONENT, func=_rules)
    if RULER not in Language.factories:
        Language.factory(RULER, func=lambda nlp, name: GazetteerRuler(nlp.vocab))
    return spacy.blank("zh")


def build_state(gaz: Gazetteer) -> PipelineState:
    """Add the gazetteer's words to a private jieba and tokenise every form with it (the slow part, ~2 s)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    tok = _jieba_tokenizer(gaz)
    base = jieba.dt.FREQ
    freq = {w: f for w, f in tok.FREQ.items() if base.get(w) != f}
    nlp = _blank()
    nlp.tokenizer.segmenter = "jieba"  # type: ignore[union-attr]
    nlp.tokenizer.jieba_seg = tok  # type: ignore[union-attr]
    patterns = [(e.label, e.name, tuple(t.orth for t in nlp.make_doc(form)))
                for e in gaz.entries for form in e.forms if len(form) >= 2]
    return PipelineState(freq, tok.total, [p for p in patterns if p[2]])


def pipeline_state(gaz: Gazetteer | None = None) -> PipelineState:
    """The state for the packaged gazetteer, from the on-disk cache when this data version built it before."""
    from qdkg.loaders.cache import cached

    return cached("pipeline", lambda: build_state(gaz or load_gazetteer()))


def make_nlp(state: PipelineState) -> Any:
    """The extractor's spaCy pipeline from its state: jieba's dictionary plus the gazetteer's words, the
    gazetteer ruler, the rules."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # jieba's own dictionary, which the rules use too
    tok = jieba.Tokenizer()
    tok.FREQ = {**jieba.dt.FREQ, **state.freq}
    tok.total = state.total
    tok.initialized = True
    nlp = _blank()
    nlp.tokenizer.segmenter = "jieba"  # type: ignore[union-attr]
    nlp.tokenizer.jieba_seg = tok  # type: ignore[union-attr]
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    ruler = nlp.add_pipe(RULER)
    ruler.add(state.patterns)  # type: ignore[attr-defined]
    nlp.add_pipe(COMPONENT)
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Any:
    """The extractor's spaCy pipeline, built once per process from the cached :class:`PipelineState`.

    What is built by then lives as long as the process: ``gc.freeze()`` takes it out of the cyclic
    collector's sight, so the collections that extraction's many small objects trigger do not scan it
    again and again (5% of extraction time)."""
    nlp = make_nlp(pipeline_state())
    gc.freeze()
    return nlp
