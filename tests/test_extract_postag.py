"""The rules' part-of-speech tagger (loaders/extract/postag.py) tags exactly as jieba.posseg does."""

from __future__ import annotations

import random
import re

import jieba.posseg
from conftest import SAMPLE_REPORT
from jieba.posseg.viterbi import viterbi as jieba_viterbi

from qdkg.loaders.extract.postag import tagger, viterbi


def _pieces() -> list[str]:
    text = SAMPLE_REPORT.read_text(encoding="utf-8")
    rng = random.Random(7)
    starts = [rng.randrange(len(text)) for _ in range(3000)]
    return [c for c in re.split(r"[，。；：！？\n]", text) if c] + [text[a : a + rng.randrange(1, 14)] for a in starts]


def test_words_and_tags_equal_jieba_posseg() -> None:
    fast = tagger()
    for s in _pieces():
        assert [(p.word, p.flag) for p in fast.cut(s)] == [(p.word, p.flag) for p in jieba.posseg.dt.cut(s)], s


def test_viterbi_equals_jiebas_on_runs_of_chinese() -> None:
    tables = (jieba.posseg.char_state_tab_P, jieba.posseg.start_P, jieba.posseg.trans_P, jieba.posseg.emit_P)
    runs = [r for s in _pieces() for r in re.findall(r"[\u4e00-\u9fd5]+", s)]
    assert len(runs) > 2000
    for run in runs:
        assert viterbi(run, *tables) == jieba_viterbi(run, *tables), run
