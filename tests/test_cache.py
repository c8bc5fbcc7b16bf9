"""The start-up cache: the extraction pipeline is built once per data version, read back on the next run,
equal to an uncached build, and rebuilt when a data file changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_REPORT

from qdkg.loaders import cache
from qdkg.loaders.gazetteer import GAZETTEER_DIR, read_gazetteer
from qdkg.loaders.nlp import build_state, make_nlp, pipeline_state
from qdkg.loaders.pipeline import extract_batch
from qdkg.loaders.reading import read_document


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("QDKG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("QDKG_CACHE", raising=False)
    return tmp_path / "cache"


def test_pipeline_is_built_once_then_read_and_equals_an_uncached_build(cache_home: Path) -> None:
    gaz = read_gazetteer()
    path = cache.cache_path("pipeline")
    assert path.parent.parent == cache_home and not path.exists()
    first = pipeline_state(gaz)  # builds and stores
    assert path.exists()
    stamp = path.stat().st_mtime_ns
    second = pipeline_state(gaz)  # read back: the file is not rewritten
    assert path.stat().st_mtime_ns == stamp
    fresh = build_state(gaz)
    assert second == fresh == first
    assert len(fresh.patterns) > 5000 and len(fresh.freq) > 1000

    doc = read_document(SAMPLE_REPORT)
    from_cache = extract_batch(doc, gazetteer=gaz, nlp=make_nlp(second))
    uncached = extract_batch(doc, gazetteer=gaz, nlp=make_nlp(fresh))
    assert from_cache == uncached
    assert any(e.name == "董家口" for e in from_cache.entities)


def test_gazetteer_cache_equals_a_fresh_read(cache_home: Path) -> None:
    built = cache.cached("gazetteer", read_gazetteer)
    assert cache.cache_path("gazetteer").exists()
    again = cache.cached("gazetteer", lambda: pytest.fail("the second call must read the file"))
    assert again == built == read_gazetteer()


def test_a_changed_data_file_invalidates_the_cache(cache_home: Path, tmp_path: Path) -> None:
    data = tmp_path / "gazetteers"
    shutil.copytree(GAZETTEER_DIR, data)
    sources = (data,)
    calls: list[int] = []

    def build() -> int:
        calls.append(1)
        return len(calls)

    assert cache.cached("probe", build, sources=sources) == 1
    assert cache.cached("probe", build, sources=sources) == 1  # same data: read back
    before = cache.data_version(sources)
    with (data / "places.csv").open("a", encoding="utf-8") as f:
        f.write("测试新区,district,青岛,\n")
    assert cache.data_version(sources) != before
    assert cache.cached("probe", build, sources=sources) == 2  # changed data: built again
    assert len(calls) == 2


def test_a_corrupt_file_is_rebuilt_and_off_disables(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = cache.cache_path("probe")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    assert cache.cached("probe", lambda: "built") == "built"
    assert cache.cached("probe", lambda: "other") == "built"  # the rebuilt value replaced the broken file
    monkeypatch.setenv("QDKG_CACHE", "off")
    assert cache.cached("probe", lambda: "fresh") == "fresh"


TAG_TABLE_PROBE = """
import hashlib, sys
from qdkg.loaders.extract.postag import tagger
was_imported = "jieba.posseg" in sys.modules
table = dict(tagger().tags.items())
import jieba, jieba.posseg
parsed = jieba.posseg.POSTokenizer(jieba.dt).word_tag_tab  # jieba's own parse of its dictionary
sentences = ["青岛市推进官路水库建设，海信落户西海岸新区。", "加快发展低空经济，支持崂山实验室建设。"]
from qdkg.loaders.extract.postag import tagger as fast
same = all([(p.word, p.flag) for p in fast().cut(s)] == [(p.word, p.flag) for p in jieba.posseg.dt.cut(s)]
           for s in sentences)
print(was_imported, table == parsed and same, len(table))
"""


def test_the_tag_table_read_from_the_cache_equals_jiebas_parse(cache_home: Path) -> None:
    """jieba.posseg is imported without its 0.3 s parse once the table is cached: the same table either way."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QDKG_CACHE_DIR": str(cache_home)}
    runs = [subprocess.run([sys.executable, "-c", TAG_TABLE_PROBE], env=env, capture_output=True, text=True,
                           check=True).stdout.split() for _ in range(2)]
    assert cache.cache_path("jieba-word-tags-by-char", sources=()).exists()
    assert runs[0][0] == runs[1][0] == "False"  # the probe imported jieba.posseg through the tagger
    assert runs[0][1:] == runs[1][1:] and runs[1][1] == "True" and int(runs[1][2]) > 300_000


def test_a_new_data_version_prunes_all_but_the_newest_folders(cache_home: Path, tmp_path: Path) -> None:
    """Every gazetteer edit or upgrade makes a new folder; the cache keeps the KEEP_VERSIONS newest."""
    import os

    stale = [cache_home / f"{i:016x}" for i in range(5)]
    for i, folder in enumerate(stale):
        folder.mkdir(parents=True)
        (folder / "pipeline.pickle").write_bytes(b"old")
        os.utime(folder, (1_000_000 + i, 1_000_000 + i))
    (cache_home / "notes.txt").write_text("not a version folder", encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "words.txt").write_text("官路水库", encoding="utf-8")
    assert cache.cached("probe", lambda: 1, sources=(data,)) == 1
    left = sorted(p.name for p in cache_home.iterdir())
    newest = cache.data_version((data,))
    assert left == sorted([newest, stale[4].name, stale[3].name, "notes.txt"])
