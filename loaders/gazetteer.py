"""Reference knowledge the extractor reads from data files in ``loaders/gazetteers/``.

Places (with parent and aliases), organisations, the industry taxonomy (with keywords that tie a
project to an industry) and the genre lexicon (name heads, verbs, stage words, units). No report's
projects are listed here: projects are found by rules. Loaded once per process by
:func:`load_gazetteer` and passed on.
"""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from qdkg.errors import LoaderError

GAZETTEER_DIR = Path(__file__).resolve().parent / "gazetteers"
#: places.csv: hand-kept places with functional areas, ports, waters and aliases (wins on a shared form);
#: china_divisions.csv: every province, prefecture and county-level division of China (from the adcodes
#: table of the cpca package, MIT), short forms only where unambiguous and not a common word, so that
#: reports of other cities find their counties (昆山, 太仓) and the report's own city.
#: The reference files after them come from maintained sources (see gazetteers/README.md and
#: tools/gazetteers/build_reference_places.py): place_conventions.csv (hand-kept blocs and regions that no
#: package lists, each row with its reason), world_places.csv (countries, territories, world regions: Unicode
#: CLDR via Babel, ISO 3166-1 zh names via pycountry), china_regions.csv (晋北, 豫东 …) and china_physical.csv
#: (rivers, lakes, seas, straits, bays, islands, mountains, deserts …: jieba's dictionary, ``ns`` words).
#: Earlier files win on a shared form.
PLACE_FILES = ("places.csv", "china_divisions.csv", "place_conventions.csv", "world_places.csv",
               "china_regions.csv", "china_physical.csv")


#: Kinds of county-level divisions in the reference data (a district's or county's report is about one).
COUNTY_KINDS = ("county", "district", "county_city")


@dataclass(frozen=True)
class GazEntry:
    """One known thing: its label, canonical name, other names, and facts (kind, parent, keywords)."""

    label: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = ""
    parent: str = ""
    keywords: tuple[str, ...] = ()
    can_own: bool = True  # an organisation that may own or build projects (not an intergovernmental body)
    industries: tuple[str, ...] = ()  # a company's industries: its projects belong to one a paragraph lists

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class Lexicon:
    """The genre vocabulary from ``lexicon.yaml``."""

    heads: dict[str, str]  # head word -> label ("Project", "Institution")
    weak_heads: frozenset[str]
    generic_endings: tuple[str, ...]
    phases: tuple[str, ...]
    left_stops: tuple[str, ...]
    generic_prefixes: tuple[str, ...]
    generic_words: frozenset[str]
    owner_markers: tuple[str, ...]
    program_heads: tuple[str, ...]
    event_heads: tuple[str, ...]
    slogan_stops: frozenset[str]
    link_heads: tuple[str, ...]
    industry_list_heads: tuple[str, ...]
    industry_suffixes: tuple[str, ...]
    industry_stops: frozenset[str]
    stages: dict[str, tuple[str, ...]]
    units: tuple[str, ...]
    comparators_after: tuple[str, ...]
    comparators_before: tuple[str, ...]
    district_heads: tuple[str, ...]
    owner_heads: frozenset[str]
    company_suffixes: tuple[str, ...]
    boilerplate_markers: tuple[str, ...] = ()
    industry_left_stops: tuple[str, ...] = ()
    stop_shields: tuple[str, ...] = ()  # words a left stop may sit inside (自由贸易: 由 is no stop there)
    extensions: tuple[str, ...] = ()  # name parts after a head that stay in the name (支线, 西延段)
    strict_heads: frozenset[str] = frozenset()  # heads that must end the name (谷, 城, 中心, 节)
    industry_blockers: tuple[str, ...] = ()  # words after …经济/…产业 that make it part of another name
    org_heads: tuple[str, ...] = ()  # heads of an organisation inside a longer name (医院 in …医院西海岸院区)
    event_stops: frozenset[str] = frozenset()  # holidays and other 节 that are no events
    placed_heads: tuple[str, ...] = ()  # heads that make a name only with a place or owner in it (宁波西枢纽)
    zone_heads: tuple[str, ...] = ()  # designations that are places (合淮产业走廊, 环太湖科创圈)
    place_designation_heads: tuple[str, ...] = ()  # designations that are places when a place starts them
    firm_predicates: tuple[str, ...] = ()
    measure_nouns: frozenset[str] = frozenset()  # quantity nouns jieba tags as verbs (收入, 投资)
    change_verbs: tuple[str, ...] = ()  # a rate's change verb joins its metric (生产总值增长)
    comparison_words: tuple[str, ...] = ()  # the number is a difference from the figure before (高于全国)
    figure_adverbs: frozenset[str] = frozenset()  # 年均, 累计: adverbs of a figure, never its metric
    industry_suffix_stops: tuple[str, ...] = ()
    industry_end_stops: tuple[str, ...] = ()  # endings no industry's name has (…协同发展)
    brand_suffixes: tuple[str, ...] = ()  # endings only firms carry (集团, 证券, 制药)
    industry_system_place: str = ""  # the place whose industry system industries.csv's tracks are (青岛)
    project_predicates: tuple[str, ...] = ()  # what a list's 等 is followed by only for works (焕新亮相)
    named_firm_suffixes: tuple[str, ...] = ()  # endings that make any name a firm's (交通银行, 友谊公司)
    generic_firm_stems: tuple[str, ...] = ()  # what makes such a name a kind of firm instead (商业银行, 投资公司)
    industry_words: frozenset[str] = frozenset()  # words industries end with (风电, 物流), mined from reports
    sector_forms: frozenset[str] = frozenset()  # the national classification's sectors as reports write them (金融, 旅游)
    field_heads: tuple[str, ...] = ()  # heads a named field stands before (…种业实验室, …电子化学品基地)
    field_qualifiers: tuple[str, ...] = ()  # rank and activity words around a field (国家级, 研发生产)
    field_stops: frozenset[str] = frozenset()  # activities that name no field (科学试验, 中试)
    umbrella_industries: frozenset[str] = frozenset()  # classes of industries a lead names (先进制造业)  # 企业, 事业, 就业: words in 业 that name no industry  # what only firms do, after a list's 等 (快速成长, 投产增效)


@dataclass
class Gazetteer:
    """Every entry, indexed by surface form; the lexicon; the place hierarchy."""

    entries: list[GazEntry]
    lexicon: Lexicon
    by_form: dict[str, GazEntry] = field(default_factory=dict)
    by_name: dict[tuple[str, str], GazEntry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for e in self.entries:
            self.by_name[(e.label, e.name)] = e
            for form in e.forms:
                # first entry wins: places are listed before organisations, organisations before industries
                self.by_form.setdefault(form, e)

    def lookup(self, form: str) -> GazEntry | None:
        return self.by_form.get(form)

    def place(self, name: str) -> GazEntry | None:
        return self.by_name.get(("District", name))

    def industry(self, name: str) -> GazEntry | None:
        return self.by_name.get(("Industry", name))

    def industries(self) -> list[GazEntry]:
        return [e for e in self.entries if e.label == "Industry"]

    def place_ancestors(self, name: str) -> list[str]:
        """The chain of parents of a place, nearest first."""
        out: list[str] = []
        cur = self.place(name)
        while cur and cur.parent and cur.parent not in out:
            out.append(cur.parent)
            cur = self.place(cur.parent)
        return out


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in (cell or "").split("|") if a.strip())


def _read_csv(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise LoaderError(str(path), f"cannot read the gazetteer ({e}); reinstall qdkg") from e
    for i, row in enumerate(rows, 2):
        missing = [c for c in required if not (row.get(c) or "").strip()]
        if missing:
            raise LoaderError(str(path), f"column {missing[0]!r} is empty; fill it in or delete the row", row=i)
    return rows


def _lexicon(data: dict[str, Any]) -> Lexicon:
    heads: dict[str, str] = {}
    for label, words in data["heads"].items():
        for w in words:
            heads.setdefault(w, label)

    def t(key: str) -> tuple[str, ...]:
        return tuple(sorted(data.get(key, []), key=len, reverse=True))

    return Lexicon(
        heads=heads,
        weak_heads=frozenset(data.get("weak_heads", [])),
        generic_endings=t("generic_endings"),
        phases=t("phases"),
        left_stops=t("left_stops"),
        generic_prefixes=t("generic_prefixes"),
        generic_words=frozenset(data.get("generic_words", [])),
        owner_markers=t("owner_markers"),
        program_heads=t("program_heads"),
        event_heads=t("event_heads"),
        slogan_stops=frozenset(data.get("slogan_stops", [])),
        link_heads=t("link_heads"),
        industry_list_heads=t("industry_list_heads"),
        industry_suffixes=t("industry_suffixes"),
        industry_stops=frozenset(data.get("industry_stops", [])),
        stages={k: tuple(v) for k, v in data["stages"].items()},
        units=t("units"),
        comparators_after=t("comparators_after"),
        comparators_before=t("comparators_before"),
        district_heads=t("district_heads"),
        owner_heads=frozenset(data.get("owner_heads", [])),
        company_suffixes=t("company_suffixes"),
        boilerplate_markers=t("boilerplate_markers"),
        industry_left_stops=t("industry_left_stops"),
        stop_shields=t("stop_shields"),
        extensions=t("extensions"),
        strict_heads=frozenset(data.get("strict_heads", [])),
        industry_blockers=t("industry_blockers"),
        org_heads=t("org_heads"),
        event_stops=frozenset(data.get("event_stops", [])),
        zone_heads=t("zone_heads"),
        placed_heads=t("placed_heads"),
        firm_predicates=t("firm_predicates"),
        industry_suffix_stops=t("industry_suffix_stops"),
        umbrella_industries=frozenset(t("umbrella_industries")),
        industry_end_stops=t("industry_end_stops"),
        brand_suffixes=t("brand_suffixes"),
        named_firm_suffixes=t("named_firm_suffixes"),
        project_predicates=t("project_predicates"),
        industry_system_place=str(data.get("industry_system_place", "")),
        generic_firm_stems=t("generic_firm_stems"),
        field_heads=t("field_heads"),
        field_qualifiers=t("field_qualifiers"),
        field_stops=frozenset(data.get("field_stops", [])),
        place_designation_heads=t("place_designation_heads"),
        measure_nouns=frozenset(data.get("measure_nouns", [])),
        change_verbs=t("change_verbs"),
        comparison_words=t("comparison_words"),
        figure_adverbs=frozenset(data.get("figure_adverbs", [])),
    )


def read_gazetteer(directory: Path = GAZETTEER_DIR) -> Gazetteer:
    """Read every gazetteer file of ``directory`` (uncached: tests may point it elsewhere)."""
    entries: list[GazEntry] = []
    for fname in PLACE_FILES:
        path = directory / fname
        if fname != "places.csv" and not path.exists():
            continue
        for row in _read_csv(path, ("name", "kind")):
            entries.append(GazEntry("District", row["name"].strip(), _split(row.get("aliases")),
                                    kind=row["kind"].strip(), parent=(row.get("parent") or "").strip()))
    for row in _read_csv(directory / "organisations.csv", ("name", "type")):
        label = row["type"].strip()
        if label not in ("Company", "Institution"):
            raise LoaderError(str(directory / "organisations.csv"),
                              f"type {label!r} of {row['name']} must be Company or Institution")
        entries.append(GazEntry(label, row["name"].strip(), _split(row.get("aliases")), kind=label.lower(),
                                can_own=(row.get("owner") or "").strip().lower() != "no",
                                industries=_split(row.get("industry"))))
    for row in _read_csv(directory / "industries.csv", ("name",)):
        entries.append(GazEntry("Industry", row["name"].strip(), _split(row.get("aliases")), kind="industry",
                                parent=(row.get("parent") or "").strip(), keywords=_split(row.get("keywords"))))
    path = directory / "lexicon.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise LoaderError(str(path), f"cannot read the lexicon ({e})") from e
    lexicon = _lexicon(data)
    words = directory / "industry_words.csv"
    if words.exists():  # mined from reports: tools/gazetteers/mine_industry_words.py
        lexicon = dataclasses.replace(lexicon, industry_words=frozenset(
            r["word"].strip() for r in _read_csv(words, ("word",))))
    sectors = directory / "sectors.csv"
    if sectors.exists():  # GB/T 4754-2017 and its satellite classifications: tools/gazetteers/build_sectors.py
        lexicon = dataclasses.replace(lexicon, sector_forms=frozenset(
            f for r in _read_csv(sectors, ("name", "forms")) for f in _split(r["forms"])))
    return Gazetteer(entries, lexicon)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once per process (from the on-disk cache while its files are unchanged)."""
    from qdkg.loaders.cache import cached

    return cached("gazetteer", read_gazetteer)
