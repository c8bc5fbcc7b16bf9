"""Companies named on their own by a brand and a firm's ending: 华熙生物入选…, 国泰海通证券重组更名上市, 诺和诺德制药等.

A report names many firms outside any list or project name. A firm's name of the genre is a brand of two to four
characters (a word jieba does not know as an ordinary one, or a place) and an ending only firms carry (集团, 证券,
制药, 石化…: ``brand_suffixes`` in lexicon.yaml). The name must stand as the subject or an item: what follows it
is punctuation, a list's joiner or a verb (入选, 重组, 推出), never more of a noun (华熙生物医药产业园 is a park).
"""

from __future__ import annotations

import re

from qdkg.loaders.extract.common import Cand, clauses, ends_here, ends_with_any, plain_words, pos_cut
from qdkg.loaders.extract.names import left_boundary
from qdkg.loaders.gazetteer import Gazetteer

#: What may follow a firm's name: punctuation and list joiners; otherwise a verb or an adverb.
AFTER = "，。；、,;：:等和与及"
BRAND = re.compile(r"[\u4e00-\u9fff]{2,4}")
#: Levels of government: a firm named by one is a kind the level sets up, not a firm (省级征信公司).
LEVELS = ("省级", "市级", "县级", "区级", "国家级", "省属", "市属")
#: The last joiner of two firms before an ending (友谊公司与大商集团); 和 stays, brands hold it (诺和诺德).
JOINED = re.compile(r"(?:公司|银行|集团)?[与及](?=[\u4e00-\u9fff]{2,4}$)|(?:公司|银行)(?=[\u4e00-\u9fff]{2,4}$)")


def find_brands(text: str, gaz: Gazetteer, known: list[Cand]) -> list[Cand]:
    lex = gaz.lexicon
    suffixes = lex.brand_suffixes + lex.named_firm_suffixes
    if not suffixes:
        return []
    pattern = re.compile("|".join(re.escape(s) for s in suffixes))
    taken = [(c.start, c.end) for c in known if c.label != "District"]
    out: list[Cand] = []
    for ca, cb in clauses(text):
        for m in pattern.finditer(text, ca, cb):
            e = m.end()
            s = left_boundary(text, ca, m.start(), gaz)  # 诺和诺德制药: 和 inside a brand
            owned = text[s] in "省市" and m.start() - s >= 3 and text[m.start() : e] == "集团"
            if owned:
                s += 1  # 省纺织集团 is 纺织集团 (gold-dev, as the seed drops 省级/市级)
            joined = JOINED.search(text, s, m.start())
            if joined is not None:
                s = joined.end()  # 友谊公司与大商集团: the firm after the joiner
            brand = text[s : m.start()]
            if not BRAND.fullmatch(brand) or any(a < e and s < b for a, b in taken):
                continue
            named = m.group() in lex.named_firm_suffixes  # 交通银行, 友谊公司: the ending names a firm
            if named and brand.startswith("和") and m.start() - s >= 3:
                s, brand = s + 1, brand[1:]  # 组建和盛京银行入驻: the clause's 和, then the bank
            if named and (ends_with_any(brand, lex.generic_firm_stems) or brand.startswith(LEVELS)):
                continue  # 商业银行, 投资公司, 省级征信公司: a kind of firm
            if pos_cut(brand)[0].flag.startswith("v"):
                continue  # 筑牢生物安全屏障: a verb, no brand
            name = text[s:e]
            known_entry = gaz.lookup(name)
            if known_entry is not None and known_entry.label != "Company":
                continue
            place = gaz.lookup(brand)
            if plain_words(brand) and not owned and not named and not (place is not None and place.label == "District"):
                continue  # 数字科技, 生物医药: ordinary words, no brand
            if not ends_here(text, e, cb, stops=AFTER, flags=("v", "d", "p", "a")):
                continue
            out.append(Cand("Company", name, name, s, e, "brand"))
    return out


#: What ends a subsidiary's name written right after its parent's brand: a list's joiner or the clause's end.
SUBSIDIARY_END = "、，。；,;等"


def subsidiaries(text: str, cands: list[Cand]) -> list[Cand]:
    """A known firm's brand followed by two characters that make no word jieba knows and then a joiner names the
    subsidiary as the text writes it (中车长客、…; gold-dev: no row for the parent brand 中车)."""
    from qdkg.loaders.extract.gazetteer_hits import dictionary

    words = dictionary()
    for c in cands:
        if c.label != "Company" or c.rule != "gazetteer":
            continue
        e = c.end
        rest = text[e : e + 3]
        if len(rest) == 3 and rest[2] in SUBSIDIARY_END and all("\u4e00" <= ch <= "\u9fff" for ch in rest[:2]) \
                and rest[:2] not in words and not any(o is not c and o.start < e + 2 and e < o.end for o in cands):
            c.end, c.text = e + 2, text[c.start : e + 2]
            c.name = c.text
            c.props.pop("canonical", None)
    return cands
