"""Load report files and folders into a store: read → extract → write, one file at a time.

Each file is read (:func:`read_input`), extracted (:func:`extract_input`, no store needed: the part
that can run in parallel) and written in order. One bad file does not stop the others: its
:class:`~qdkg.errors.LoaderError` is kept in the summary and the next file is loaded. A store that
fails (:class:`~qdkg.errors.StoreError`) stops the run, since every later file would fail the same way. A file whose cleaned text is
already in the store, completely loaded, is reported "unchanged" without being extracted again.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from qdkg.errors import LoaderError, QdkgError, StoreError
from qdkg.graph import statements as st
from qdkg.graph.store import GraphStore, WriteCounts
from qdkg.loaders.formats import KNOWN_EXTENSIONS, PROJECT_TABLE_EXTENSIONS
from qdkg.loaders.model import Document, GraphBatch
from qdkg.loaders.progress import CountingNlp, FileProgress, Notify
from qdkg.loaders.reading import document_key, read_document
from qdkg.loaders.safe_files import DEFAULT_MAX_SIZE

Extractor = Callable[[Document], GraphBatch]

#: Reports, and project spreadsheets (read by :mod:`qdkg.loaders.tables` instead of the report extractor).
LOADABLE_EXTENSIONS = KNOWN_EXTENSIONS + PROJECT_TABLE_EXTENSIONS

STATUSES = ("loaded", "replaced", "unchanged", "failed")


@dataclass
class FileOutcome:
    """What happened to one file."""

    path: Path
    status: str  # one of STATUSES
    document: str | None = None  # the Document key
    title: str | None = None
    error: str | None = None  # the one-line message of a failure
    sections: int = 0
    entities: int = 0
    relations: int = 0
    targets: int = 0
    chars: int = 0
    seconds: float = 0.0
    counts: WriteCounts = field(default_factory=WriteCounts)
    warnings: list[str] = field(default_factory=list)  # loaded, but something the planner should know


@dataclass
class LoadSummary:
    files: list[FileOutcome] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # files in folders that are not reports

    def with_status(self, status: str) -> list[FileOutcome]:
        return [f for f in self.files if f.status == status]

    @property
    def loaded(self) -> list[FileOutcome]:
        return self.with_status("loaded")

    @property
    def unchanged(self) -> list[FileOutcome]:
        return self.with_status("unchanged")

    @property
    def replaced(self) -> list[FileOutcome]:
        return self.with_status("replaced")

    @property
    def failed(self) -> list[FileOutcome]:
        return self.with_status("failed")

    @property
    def warned(self) -> list[FileOutcome]:
        return [f for f in self.files if f.warnings]

    @property
    def ok(self) -> bool:
        return not self.failed


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path], list[FileOutcome]]:
    """Files to load (named files as given, folders searched recursively for report files, sorted),
    files skipped in folders, and failures for paths that do not exist or folders without reports."""
    files: list[Path] = []
    skipped: list[Path] = []
    failures: list[FileOutcome] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found: list[Path] = []
            for p in sorted(path.rglob("*")):
                rel = p.relative_to(path)
                # Not is_file(): a FIFO or a link to a device named like a report is refused with a line, not
                # passed over in silence.
                if p.is_dir() or any(part.startswith((".", "~$")) for part in rel.parts):
                    continue
                (found if p.suffix.lower() in LOADABLE_EXTENSIONS else skipped).append(p)
            if not found:
                kinds = ", ".join(sorted({".txt", ".md", ".html", ".docx", ".pdf", ".csv", ".xlsx"}))
                failures.append(FileOutcome(path, "failed", error=str(LoaderError(
                    str(path), f"no report files ({kinds}) in this folder; check the path"))))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            failures.append(FileOutcome(path, "failed", error=str(LoaderError(str(path), "no such file or folder; "
                                                                                         "check the path"))))
    return files, skipped, failures


def _first_line(e: Exception) -> str:
    text = str(e).strip()
    return text.splitlines()[0][:200] if text else ""


def _default_extractor(progress: FileProgress | None = None) -> Extractor:
    from qdkg.loaders.pipeline import extract_batch

    if progress is None or progress.notify is None:
        return extract_batch
    from qdkg.loaders.nlp import get_nlp

    counting = CountingNlp(get_nlp(), progress)
    return lambda document: extract_batch(document, nlp=counting)


def _is_unchanged(store: GraphStore, doc: Document) -> bool:
    rows = store.query(*st.document_state(doc.key))
    return bool(rows) and rows[0].get("status") == "complete" and rows[0].get("hash") == doc.content_hash


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u2e80-\u2fdf]")


def emptiness(batch: GraphBatch) -> str | None:
    """Why a report's load would be an empty one (no Chinese text, nothing found), or None."""
    if batch.entities:
        return None
    if not _CJK.search(batch.document.text):
        return "no Chinese text in it, so nothing was found (is it a 政府工作报告?)"
    return "nothing found in it (no project, place, organisation or industry); check that it is a government work report"


def read_input(path: Path, *, city: str | None = None, year: int | None = None, encoding: str | None = None,
               max_size: int = DEFAULT_MAX_SIZE) -> Document | GraphBatch:
    """Read one file: a report as its :class:`Document`, a project table straight into its :class:`GraphBatch`."""
    if path.suffix.lower() in PROJECT_TABLE_EXTENSIONS:
        from qdkg.loaders.tables import table_batch

        return table_batch(path, city=city, year=year, max_size=max_size)
    return read_document(path, city=city, year=year, encoding=encoding, max_size=max_size)


def extract_input(read: Document | GraphBatch, *, extract: Extractor | None = None, strict: bool = False,
                  progress: FileProgress | None = None) -> tuple[GraphBatch, list[str]]:
    """The batch to write for what :func:`read_input` returned, and warnings about it.

    Pure apart from the extractor (no store): the part of a load that can run in parallel. A report in
    which nothing is found is loaded with a warning, or refused with ``strict``.
    """
    if isinstance(read, GraphBatch):
        return read, []
    extractor = extract or _default_extractor(progress)  # builds the pipeline once, before the clock starts
    with (progress or FileProgress(read.source, None)).stage("extracting", len(read.text)):
        batch = extractor(read)
    empty = emptiness(batch)
    if empty and strict:
        raise LoaderError(read.source, f"{empty}; not loaded (--strict)")
    return batch, [empty] if empty else []


def load_file(
    store: GraphStore,
    path: Path,
    *,
    city: str | None = None,
    year: int | None = None,
    encoding: str | None = None,
    batch_size: int | None = None,
    extract: Extractor | None = None,
    force: bool = False,
    revision_of: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    strict: bool = False,
    notify: Notify | None = None,
) -> FileOutcome:
    """Read, extract and write one report or project table; a :class:`LoaderError` propagates to the caller.

    ``revision_of`` names a loaded document this file revises (its facts are replaced even if the
    place, year or title read from the file differ). ``notify`` hears about the progress of a long file.
    """
    from qdkg.graph.writer import DEFAULT_BATCH_SIZE, check_identity, write_batch

    t0 = time.perf_counter()
    read = read_input(path, city=city, year=year, encoding=encoding, max_size=max_size)
    doc = read.document if isinstance(read, GraphBatch) else read
    if revision_of:
        if isinstance(read, GraphBatch):
            raise LoaderError(str(path), "--as-revision-of applies to reports, not project tables; "
                                         "a table replaces its own earlier load by file name")
        if not store.query(*st.document_state(revision_of)):
            raise LoaderError(str(path), f"--as-revision-of names {revision_of!r}, which is not a loaded "
                                         "report; `qdkg report run reports` lists their keys")
        doc.key = revision_of
    outcome = FileOutcome(path, "unchanged", document=doc.key, title=doc.title, chars=len(doc.text))
    if force or not _is_unchanged(store, doc):
        check_identity(store, doc, revision=bool(revision_of), allow_duplicate=force)  # before the slow part
        progress = FileProgress(path.name, notify)
        batch, outcome.warnings = extract_input(read, extract=extract, strict=strict, progress=progress)
        with progress.stage("writing") as writing:
            result = write_batch(store, batch, batch_size=batch_size or DEFAULT_BATCH_SIZE, force=force,
                                 revision=bool(revision_of), on_statement=writing.advance)
        outcome.status = result.status
        outcome.counts = result.counts
        outcome.sections = len(batch.sections)
        outcome.entities = len(batch.entities)
        outcome.relations = len(batch.relations)
        outcome.targets = len(batch.targets)
    outcome.seconds = time.perf_counter() - t0
    return outcome


def load_paths(
    store: GraphStore,
    paths: Iterable[str | Path],
    *,
    city: str | None = None,
    year: int | None = None,
    encoding: str | None = None,
    batch_size: int | None = None,
    progress: Callable[[FileOutcome], None] | None = None,
    extract: Extractor | None = None,
    force: bool = False,
    debug: bool = False,
    revision_of: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    strict: bool = False,
    notify: Notify | None = None,
    parallel: bool = False,
    scheduler: str | None = None,
) -> LoadSummary:
    """Load every report under ``paths``; failures are collected, not raised (a store failure is raised).

    ``progress`` is called after each file with its outcome; ``notify`` hears every few seconds how
    far a long file has got. ``extract`` replaces the default extraction pipeline (tests and
    benchmarks). With ``debug`` an unexpected error is raised instead of being recorded as that
    file's failure. With ``force`` unchanged files are extracted and written again (their old facts
    replaced), and a text already loaded under another key is loaded all the same. ``revision_of``
    (one file only) names the loaded report the file revises. Files that are not regular files, or
    larger than ``max_size`` bytes, are refused unread; with ``strict`` a report in which nothing is
    found is refused rather than loaded with a warning. With ``parallel`` (or a Dask ``scheduler`` address)
    reports are extracted on Dask workers and written here in input order (:mod:`qdkg.loaders.parallel`).
    """
    if parallel or scheduler:
        from qdkg.loaders.parallel import load_in_parallel

        return load_in_parallel(store, paths, scheduler=scheduler, city=city, year=year, encoding=encoding,
                                batch_size=batch_size, progress=progress, force=force, debug=debug,
                                revision_of=revision_of, max_size=max_size, strict=strict, notify=notify)
    files, skipped, failures = collect_files(paths)
    if revision_of and len(files) != 1:
        raise LoaderError(", ".join(str(p) for p in paths), "--as-revision-of takes exactly one report file")
    summary = LoadSummary(files=list(failures), skipped=skipped)
    seen: dict[str, Path] = {}
    for path in files:
        key = document_key(path)
        try:
            if key in seen:
                raise LoaderError(str(path), f"has the same document key {key!r} as {seen[key]}; "
                                             "rename one of them or load them separately")
            seen[key] = path
            outcome = load_file(store, path, city=city, year=year, encoding=encoding, batch_size=batch_size,
                                extract=extract, force=force, revision_of=revision_of, max_size=max_size,
                                strict=strict, notify=notify)
        except StoreError:
            raise
        except QdkgError as e:
            outcome = FileOutcome(path, "failed", document=key, error=str(e))
        except Exception as e:  # a bug in extraction must not cost the other files their load
            if debug:
                raise
            outcome = FileOutcome(path, "failed", document=key,
                                  error=f"{path}: internal error while loading ({type(e).__name__}: {_first_line(e)}); "
                                        "rerun with --debug and report it")
        summary.files.append(outcome)
        if progress:
            progress(outcome)
    return summary


__all__ = ["LOADABLE_EXTENSIONS", "FileOutcome", "LoadSummary", "collect_files", "emptiness", "extract_input",
           "load_file", "load_paths", "read_input"]
