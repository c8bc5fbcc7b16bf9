"""The reference place files (countries, world regions, China's regions and physical features) are sane data."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from qdkg.loaders.gazetteer import GAZETTEER_DIR, PLACE_FILES, load_gazetteer

REFERENCE = ("place_conventions.csv", "world_places.csv", "china_regions.csv", "china_physical.csv")
PROPER_TAGS = {"ns", "nr", "nrt", "nrfg", "nz", "j"}


def _rows(fname: str) -> list[dict[str, str]]:
    with (GAZETTEER_DIR / fname).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _forms(fname: str) -> list[str]:
    return [f for r in _rows(fname) for f in (r["name"], *(a for a in r["aliases"].split("|") if a))]


def _jieba() -> dict[str, tuple[int, str]]:
    import jieba

    out = {}
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as f:
        for line in f:
            w, freq, tag = line.split()
            out[w] = (int(freq), tag)
    return out


def test_reference_files_are_place_files_after_the_hand_kept_ones() -> None:
    assert PLACE_FILES[:2] == ("places.csv", "china_divisions.csv")
    assert set(REFERENCE) <= set(PLACE_FILES[2:])


@pytest.mark.parametrize("form,name,kind", [
    ("卢森堡", "卢森堡", "country"), ("卢森堡大公国", "卢森堡", "country"), ("新加坡", "新加坡", "country"),
    ("哈萨克斯坦", "哈萨克斯坦", "country"), ("俄罗斯", "俄罗斯", "country"), ("东南亚", "东南亚", "world_region"),
    ("非洲", "非洲", "world_region"), ("拉丁美洲", "拉丁美洲", "world_region"), ("中亚", "中亚", "world_region"),
    ("欧盟", "欧盟", "bloc"), ("东盟", "东盟", "bloc"), ("松花江", "松花江", "river"), ("琼州海峡", "琼州海峡", "strait"),
    ("巴丹吉林", "巴丹吉林沙漠", "desert"), ("长兴岛", "长兴岛", "island"), ("鄱阳湖", "鄱阳湖", "lake"),
    ("晋北", "晋北", "region"),
])
def test_reference_places_have_their_kind(form: str, name: str, kind: str) -> None:
    e = load_gazetteer().lookup(form)
    assert e is not None and e.label == "District" and (e.name, e.kind) == (name, kind)


def test_hand_kept_places_win_on_a_shared_form() -> None:
    gaz = load_gazetteer()
    reference = {(r["name"], r["kind"]) for fname in REFERENCE for r in _rows(fname)}
    for fname in ("places.csv", "china_divisions.csv"):
        for form in _forms(fname):
            e = gaz.lookup(form)
            assert e is not None and (e.name, e.kind) not in reference, (fname, form)
    assert gaz.lookup("黄河").parent == "" and gaz.lookup("嫩江").kind == "county"  # type: ignore[union-attr]


def test_no_reference_form_is_short_common_or_known_elsewhere() -> None:
    words = _jieba()
    gaz = load_gazetteer()
    for fname in REFERENCE:
        for form in _forms(fname):
            assert len(form) >= 2, (fname, form)
            freq, tag = words.get(form, (0, "ns"))
            # hand-kept conventions say in their note why they are places (jieba tags 港澳台 m)
            assert tag in PROPER_TAGS or freq < 100 or fname == "place_conventions.csv", (fname, form, freq, tag)
            assert gaz.lookup(form).label == "District", (fname, form)  # type: ignore[union-attr]
    forms = {f for fname in REFERENCE for f in _forms(fname)}
    for word in ("中心", "发展", "东方红", "世界", "中国", "江河", "高山", "大海", "港湾", "中非", "五里河"):
        assert word not in forms


def test_every_reference_file_names_its_source_and_command() -> None:
    readme = (GAZETTEER_DIR / "README.md").read_text(encoding="utf-8")
    generated = ("world_places.csv", "china_regions.csv", "china_physical.csv")
    for fname in REFERENCE:
        line = next((ln for ln in readme.splitlines() if f"`{fname}`" in ln), "")
        assert line, fname
        if fname in generated:
            assert "Source:" in line and "tools/gazetteers/build_reference_places.py" in line, fname
    assert (GAZETTEER_DIR.parents[1] / "tools" / "gazetteers" / "build_reference_places.py").exists()
    assert all(r["note"].strip() for r in _rows("place_conventions.csv"))
