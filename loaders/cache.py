"""An on-disk cache for what the extractor builds at start-up, keyed by the version of the data it is built from.

Reading the gazetteers, adding their words to jieba and tokenising every EntityRuler pattern costs seconds
in every process; a planner extracting or loading files one by one pays it each time. The results are
pickled under the user's cache directory (``QDKG_CACHE_DIR``, else platformdirs' user cache dir, which
honours ``XDG_CACHE_HOME``) in a folder named by :func:`data_version`: a hash of every file in
``loaders/gazetteers/``, of the modules that build from them, and of the versions of qdkg, spaCy and jieba.
An edited gazetteer or an upgrade therefore builds afresh. A cache that cannot be read or written is
rebuilt or skipped, never an error: it only ever saves time. ``QDKG_CACHE=off`` disables it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

HERE = Path(__file__).resolve().parent
#: The data the start-up artefacts are built from, and the code that builds them.
SOURCES = (HERE / "gazetteers", HERE / "gazetteer.py", HERE / "nlp.py", HERE / "cache.py")


def cache_dir() -> Path:
    """Where cached artefacts live: ``QDKG_CACHE_DIR`` or the user's cache directory for qdkg."""
    given = os.environ.get("QDKG_CACHE_DIR")
    if given:
        return Path(given)
    import platformdirs

    return Path(platformdirs.user_cache_dir("qdkg", appauthor=False))


def enabled() -> bool:
    return os.environ.get("QDKG_CACHE", "").lower() not in ("off", "0", "no", "false")


def _files(sources: tuple[Path, ...]) -> list[Path]:
    out: list[Path] = []
    for src in sources:
        out.extend(sorted(p for p in src.rglob("*") if p.is_file()) if src.is_dir() else [src])
    return [p for p in out if "__pycache__" not in p.parts]


@cache
def _dist_version(name: str) -> str:
    """An installed distribution's version, read once per process (importlib.metadata parses its metadata
    file each time: 5 ms a call, four calls per start-up)."""
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def data_version(sources: tuple[Path, ...] = SOURCES) -> str:
    """A short hash of the source files' names and bytes and of the versions of qdkg, spaCy and jieba
    (~1 MB read, a few milliseconds: not memoised, so an edit is seen at once)."""
    from qdkg import __version__

    h = hashlib.sha256()
    for part in (__version__, _dist_version("spacy"), _dist_version("jieba")):
        h.update(part.encode() + b"\0")
    for path in _files(sources):
        h.update(path.name.encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def cache_path(name: str, *, sources: tuple[Path, ...] = SOURCES) -> Path:
    """The file an artefact called ``name`` is cached in, for the current data version."""
    return cache_dir() / data_version(sources) / f"{name}.pickle"


#: How many data versions' folders the cache keeps (the newest, by last write): a planner switching between
#: two installs keeps both, while every upgrade or gazetteer edit no longer leaves a folder behind for good.
KEEP_VERSIONS = 3
VERSION_FOLDER = re.compile(r"[0-9a-f]{16}")


def prune(root: Path, keep: int = KEEP_VERSIONS) -> None:
    """Remove all but the ``keep`` newest data-version folders under ``root`` (other files are left alone)."""
    try:
        folders = [p for p in root.iterdir() if p.is_dir() and VERSION_FOLDER.fullmatch(p.name)]
        folders.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in folders[keep:]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as e:
        log.warning("cannot prune the cache folder %s (%s)", root, e)


def cached(name: str, build: Callable[[], T], *, sources: tuple[Path, ...] = SOURCES) -> T:
    """``build()``'s result, read from the cache when this data version built it before, else built and stored."""
    if not enabled():
        return build()
    path = cache_path(name, sources=sources)
    try:
        with path.open("rb") as f:
            value: T = pickle.load(f)
        return value
    except FileNotFoundError:
        pass
    except Exception as e:  # a truncated or foreign file: build again and replace it
        log.warning("ignoring the unreadable cache file %s (%s)", path, e)
    value = build()
    try:
        if not path.parent.exists():
            path.parent.mkdir(parents=True)
            prune(path.parent.parent)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{name}-", delete=False) as tmp:
            pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)  # atomic: a concurrent reader sees the old file or the whole new one
    except OSError as e:
        log.warning("cannot write the cache file %s (%s); the next run builds again", path, e)
    return value


__all__ = ["cache_dir", "cache_path", "cached", "data_version", "enabled", "prune"]
