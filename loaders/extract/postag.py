"""jieba's part-of-speech tagger for the rules: it tags exactly as ``jieba.posseg`` does, starts and runs faster.

The rules tag thousands of short strings per report, and the tagger was the slowest step of extraction:

- its word-tag table is read from the on-disk cache instead of parsed from jieba's dictionary again (0.3 s
  in every process), and unpacked a first character at a time (:class:`WordTags`): ``jieba.posseg`` is
  imported with an empty dictionary stream and given the table;
- the HMM over a run of characters jieba does not know (``__cut``, most of the tagger's time) is remembered
  per run, and its Viterbi search looks for each state's best predecessor only among the states that can
  precede it (jieba tries every previous state, most of them at -inf): the same sums in the same order,
  the same ties, so the same words and tags.
"""

from __future__ import annotations

import io
import sys
from functools import lru_cache
from typing import Any

MIN_FLOAT = -3.14e100  # jieba.posseg.viterbi's floor for an unseen emission
MIN_INF = float("-inf")


class WordTags:
    """jieba.posseg's word-tag table (350,000 words), unpacked one first character at a time.

    Unpickling the whole table took 0.09 s of every start-up, a tenth of the spaCy+jieba floor, while a short
    file needs the words of a few dozen characters. The cache holds, for each first character, its words and
    their tags as two strings; :meth:`ensure` unpacks those of the characters a text holds into ``table``, a
    plain dict (the tagger reads that dict directly, at dict speed). ``get``, ``in``, ``[]`` and ``items``
    unpack what they need, so the object stands in for jieba's own dict.
    """

    def __init__(self, packed: tuple[tuple[str, ...], dict[str, tuple[str, str]]]) -> None:
        self.tag_names, self.packed = packed
        self.table: dict[str, str] = {}
        self.unpacked: set[str] = set()

    @staticmethod
    def pack(table: dict[str, str]) -> tuple[tuple[str, ...], dict[str, tuple[str, str]]]:
        tag_names = tuple(sorted(set(table.values())))
        index = {t: chr(i) for i, t in enumerate(tag_names)}
        by_char: dict[str, list[str]] = {}
        for word in table:
            by_char.setdefault(word[:1], []).append(word)
        return tag_names, {c: ("\n".join(words), "".join(index[table[w]] for w in words))
                           for c, words in by_char.items()}

    def ensure(self, text: str) -> None:
        """Unpack the words of every character of ``text`` (once each)."""
        missing = set(text).difference(self.unpacked)
        if missing:
            names, table = self.tag_names, self.table
            for char in missing:
                self.unpacked.add(char)
                words_tags = self.packed.get(char)
                if words_tags is not None:
                    words, tags = words_tags
                    table.update(zip(words.split("\n"), [names[ord(t)] for t in tags]))

    def get(self, word: str, default: Any = None) -> Any:
        self.ensure(word[:1])
        return self.table.get(word, default)

    def __getitem__(self, word: str) -> str:
        self.ensure(word[:1])
        return self.table[word]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        self.ensure(word[:1])
        return word in self.table

    def update(self, other: dict[str, str]) -> None:  # jieba.posseg adds user words' tags
        self.ensure("".join(other))
        self.table.update(other)

    def items(self) -> Any:
        self.ensure("".join(self.packed))
        return self.table.items()

    def __len__(self) -> int:
        self.ensure("".join(self.packed))
        return len(self.table)


def _packed_word_tags() -> tuple[tuple[str, ...], dict[str, tuple[str, str]]]:
    import jieba.posseg

    return WordTags.pack(jieba.posseg.dt.word_tag_tab)


@lru_cache(maxsize=1)
def tagger() -> Any:
    """A ``jieba.posseg.POSTokenizer`` sharing ``jieba.posseg.dt``'s tokenizer and table, with the faster HMM."""
    import jieba

    from qdkg.loaders.cache import cached

    jieba.initialize()
    if "jieba.posseg" not in sys.modules and jieba.dt.dictionary == jieba.DEFAULT_DICT:
        tags = WordTags(cached("jieba-word-tags-by-char", _packed_word_tags, sources=()))
        if "jieba.posseg" not in sys.modules:  # read from the cache: import the tagger without its own parse
            jieba.dt.get_dict_file = lambda: io.BytesIO()  # type: ignore[method-assign]
            try:
                import jieba.posseg
            finally:
                del jieba.dt.get_dict_file
            jieba.posseg.dt.word_tag_tab = tags
    import jieba.posseg

    class Tagger(jieba.posseg.POSTokenizer):  # type: ignore[misc]
        def __init__(self, default: Any) -> None:
            self.tokenizer, self.tags = default.tokenizer, default.word_tag_tab
            self.word_tag_tab = self.tags.table if isinstance(self.tags, WordTags) else self.tags

        def cut(self, sentence: str, HMM: bool = True) -> Any:  # noqa: N803  # jieba's name
            if isinstance(self.tags, WordTags):
                self.tags.ensure(sentence)
            return super().cut(sentence, HMM)

        def makesure_userdict_loaded(self) -> None:  # user words' tags go through the shared table
            if self.tokenizer.user_word_tag_tab:
                self.tags.update(self.tokenizer.user_word_tag_tab)
                self.tokenizer.user_word_tag_tab = {}

        def _POSTokenizer__cut(self, run: str) -> Any:  # jieba's private name for its HMM step
            return iter(_hmm_words(run))

    return Tagger(jieba.posseg.dt)


def word_tag(word: str) -> str | None:
    """jieba's tag of a word it knows, None for one it does not."""
    return tagger().tags.get(word)  # type: ignore[no-any-return]


@lru_cache(maxsize=65536)
def _hmm_words(run: str) -> tuple[Any, ...]:
    """jieba.posseg's ``__cut`` of a run of Chinese characters it does not know: the words and tags of the
    most likely state sequence."""
    from jieba.posseg import char_state_tab_P, emit_P, pair, start_P, trans_P

    _, states = viterbi(run, char_state_tab_P, start_P, trans_P, emit_P)
    out = []
    begin = nexti = 0
    for i, char in enumerate(run):
        pos = states[i][0]
        if pos == "B":
            begin = i
        elif pos == "E":
            out.append(pair(run[begin : i + 1], states[i][1]))
            nexti = i + 1
        elif pos == "S":
            out.append(pair(char, states[i][1]))
            nexti = i + 1
    if nexti < len(run):
        out.append(pair(run[nexti:], states[nexti][1]))
    return tuple(out)


def _preceding(trans_p: Any) -> dict[Any, list[tuple[Any, float]]]:
    """For each state, the states that can precede it and the transition's log probability (once per table)."""
    known = _PRECEDING.get(id(trans_p))
    if known is None or known[0] is not trans_p:
        out: dict[Any, list[tuple[Any, float]]] = {}
        for y0, following in trans_p.items():
            for y, p in following.items():
                out.setdefault(y, []).append((y0, p))
        known = _PRECEDING[id(trans_p)] = (trans_p, out)
    return known[1]


_PRECEDING: dict[int, tuple[Any, dict[Any, list[tuple[Any, float]]]]] = {}


def viterbi(obs: str, states: Any, start_p: Any, trans_p: Any, emit_p: Any) -> tuple[float, list[Any]]:
    """``jieba.posseg.viterbi.viterbi``, the same result, with predecessors sought among those that can precede."""
    preceding = _preceding(trans_p)
    all_states = trans_p.keys()
    v = {y: start_p[y] + emit_p[y].get(obs[0], MIN_FLOAT) for y in states.get(obs[0], all_states)}
    mem_path: list[dict[Any, Any]] = [dict.fromkeys(v, "")]
    for t in range(1, len(obs)):
        ch = obs[t]
        prev_states = [x for x in v if trans_p[x]]
        expect_next = {y for x in prev_states for y in trans_p[x]}
        obs_states = set(states.get(ch, all_states)) & expect_next
        if not obs_states:
            obs_states = expect_next if expect_next else set(all_states)
        cur: dict[Any, float] = {}
        path: dict[Any, Any] = {}
        for y in obs_states:
            emit = emit_p[y].get(ch, MIN_FLOAT)
            best = max(((v[y0] + p + emit, y0) for y0, p in preceding.get(y, ()) if y0 in v), default=None)
            if best is None:  # nothing before can lead here: jieba's own comparison, every candidate at -inf
                best = max((v[y0] + trans_p[y0].get(y, MIN_INF) + emit, y0) for y0 in prev_states)
            cur[y], path[y] = best
        v = cur
        mem_path.append(path)
    prob, state = max((v[y], y) for y in mem_path[-1])
    route: list[Any] = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = mem_path[i][state]
    return prob, route

