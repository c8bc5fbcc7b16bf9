"""The spaCy pipeline of the extractor, built once per process by :func:`get_nlp`.

``spacy.blank("zh")`` segments with a private jieba tokenizer that knows every gazetteer form
(so known names are whole tokens), an EntityRuler labels the gazetteer's places, organisations
and industries, and the ``qdkg_rules`` component adds what rules find (projects, institutions,
zones, industries by pattern, programs, events) as :class:`~qdkg.loaders.extract.common.Cand`
objects in ``doc._.qdkg_cands``, with character offsets into the text it was given.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from qdkg.loaders.extract.common import Cand, industry_name
from qdkg.loaders.gazetteer import Gazetteer, load_gazetteer

COMPONENT = "qdkg_rules"


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
    from qdkg.loaders.extract.gazetteer_hits import find_gazetteer, vet_known
    from qdkg.loaders.extract.industries import find_industries
    from qdkg.loaders.extract.lists import find_headed_lists, find_list_classes, type_siblings
    from qdkg.loaders.extract.names import find_named
    from qdkg.loaders.extract.programs import find_events, find_programs
    from qdkg.loaders.extract.waters import find_waters

    gaz = load_gazetteer()
    text = doc.text
    known: list[Cand] = []
    for ent in doc.ents:
        e = gaz.by_name.get((ent.label_, ent.ent_id_)) or gaz.lookup(ent.text)
        if e is not None:
            name, props = e.name, {"kind": e.kind}
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
    known = sorted([c for c in known if not any(a <= c.start and c.end <= b and (c.start, c.end) != (a, b)
                                                 for a, b in ports)] + waters, key=lambda c: c.start)
    cands = list(known)
    cands += find_headed_lists(text, gaz, known)  # before the name finder: its reading of a list item wins
    cands += find_named(text, gaz, known)
    cands += find_industries(text, gaz)
    cands += find_programs(text, gaz)
    cands += find_events(text, gaz)
    cands += find_list_classes(text, gaz)
    cands += type_siblings(text, gaz, cands)
    doc._.qdkg_cands = cands
    return doc


@lru_cache(maxsize=1)
def get_nlp() -> Any:
    """The extractor's spaCy pipeline (cached: building it loads jieba's dictionary, ~1 s)."""
    import jieba
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc

    jieba.setLogLevel(logging.WARNING)  # spaCy initialises jieba's default dictionary too
    gaz = load_gazetteer()
    if not Doc.has_extension("qdkg_cands"):
        Doc.set_extension("qdkg_cands", default=None)
    if COMPONENT not in Language.factories:
        Language.component(COMPONENT, func=_rules)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.tokenizer.jieba_seg = _jieba_tokenizer(gaz)  # type: ignore[union-attr]
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    patterns = [{"label": e.label, "pattern": form, "id": e.name} for e in gaz.entries for form in e.forms
                if len(form) >= 2]
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.add_pipe(COMPONENT)
    return nlp
