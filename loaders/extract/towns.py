"""Towns, townships and sub-districts the reference data does not list, by the ending a county's report gives them.

The reference data stops at counties; a district's or county's report names its towns (哈克镇, 扎罗木得乡, 建设街道)
on every page. A town's name is a short proper word and an administrative ending: 镇, 乡, 街道, 苏木 or 嘎查. What
the ending follows must not be ordinary words (重点镇, 特色小镇, 城镇, 美丽乡村 are classes of places, not names).
"""

from __future__ import annotations

import re

from qdkg.loaders.extract.common import NAME_TAGS, Cand, clauses, plain_words, pos_cut
from qdkg.loaders.extract.gazetteer_hits import dictionary
from qdkg.loaders.extract.names import left_boundary
from qdkg.loaders.gazetteer import Gazetteer

TOWN_END = re.compile(r"街道|苏木|嘎查|[镇乡]")
#: How often jieba must have seen a word for it to be ordinary (乡镇, 小镇, 城乡).
COMMON = 100
#: How often jieba must have seen the ending and the next character together for them to be a word (乡风, 乡愁).
RARE = 5
#: Characters that make a class of towns with the ending (名镇, 强镇, 古镇, 重镇, 小镇, 集镇).
CLASS_BEFORE = tuple("名强古重小大集")
#: What a town's name may not start with: a verb or a class word read into it (建设重点镇, 全区各镇).
NOT_START = ("全", "各", "每", "本", "我", "该", "重点", "特色", "美丽", "中心", "建制", "民族", "边境", "口岸", "示范", "文明")


def find_towns(text: str, gaz: Gazetteer, known: list[Cand]) -> list[Cand]:
    """Towns in ``text`` that no known candidate covers, as District candidates."""
    words = dictionary()
    out: list[Cand] = []
    for ca, cb in clauses(text, breaks="，,。；;：:！？!?、和与及"):
        for m in TOWN_END.finditer(text, ca, cb):
            end, stem_end = m.end(), m.start()
            if words.get(text[stem_end : end + 1], 0) >= RARE or text[stem_end - 1 : stem_end] in CLASS_BEFORE:
                continue  # 乡村, 乡风, 镇街: the ending starts a word; 名镇, 强镇, 古镇: a class of towns
            start = left_boundary(text, ca, stem_end, gaz)
            start = max([start] + [c.end for c in known if start <= c.end < stem_end])  # 扎兰屯市|成吉思汗镇
            if text[start : start + 1] in "县市区旗州盟" and stem_end - start > 2:
                start += 1  # 海晏县|谢家滩乡: the county's ending, after its short form
            sizes = [stem_end - start] if 2 <= stem_end - start <= 4 else [2, 3]
            for size in sizes:
                s = stem_end - size
                if s < ca:
                    break
                stem = text[s:stem_end]
                if not all("\u4e00" <= ch <= "\u9fff" for ch in stem) or stem.startswith(NOT_START) \
                        or any(ch in "等的和与及镇乡村" for ch in stem):
                    continue  # 加格达奇大街等|街道, 奋斗镇|新镇: a list or another town, not a name
                if words.get(text[stem_end - 1 : end], 0) >= COMMON or (s > ca and words.get(text[s - 1 : s + 1], 0) >= COMMON):
                    continue  # 小镇, 城乡: the ending makes a word with what is before it; 推进|哈克: a word runs in
                if plain_words(stem) or any(len(t.word) >= 2 and t.flag not in NAME_TAGS and words.get(t.word, 0) >= COMMON
                                            for t in pos_cut(stem)):
                    continue  # 重点镇, 奋斗镇, 推动良|乡: ordinary words, not a town's own name
                if any(c.start < end and s < c.end for c in known + out) or text.rfind("《", ca, s) > text.rfind("》", ca, s):
                    continue  # taken, or inside a work's title (《画里乡田》)
                out.append(Cand("District", text[s:end], text[s:end], s, end, "town", props={"kind": "town"}))
                break
    return out


__all__ = ["find_towns"]
