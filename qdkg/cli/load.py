"""``qdkg load PATH...``: read reports, extract their facts, write them to the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from qdkg.cli.context import App
from qdkg.cli.options import store_options
from qdkg.errors import StoreError

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from qdkg.loaders.report_loader import FileOutcome, LoadSummary


def _check_encoding(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    import codecs

    if value:
        try:
            codecs.lookup(value)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {value!r}; use e.g. utf-8, gbk or gb18030") from None
    return value


def max_size_option(fn):  # type: ignore[no-untyped-def]
    """``--max-size``: the per-file limit, shared by `qdkg load` and `qdkg extract`."""
    from qdkg.loaders.safe_files import DEFAULT_MAX_SIZE, format_size

    def convert(_ctx: click.Context, _param: click.Parameter, value: str | None) -> int:
        from qdkg.loaders.safe_files import parse_size

        if value is None:
            return DEFAULT_MAX_SIZE
        try:
            return parse_size(value)
        except ValueError as e:
            raise click.BadParameter(str(e)) from None

    return click.option("--max-size", "max_size", metavar="SIZE", callback=convert,
                        help=f"Refuse files larger than this (e.g. 20MB; .docx/.xlsx unpacked) without reading them "
                             f"[default: {format_size(DEFAULT_MAX_SIZE)}].")(fn)


#: Free space below which a store failure during a load is put down to a full disk.
DISK_LOW_BYTES = 64 * 1024 * 1024


def _raise_if_disk_full(home: Path, error: StoreError) -> None:
    """The embedded server exits when it cannot append to its file (it fsyncs every write); say why."""
    import shutil

    from qdkg.loaders.safe_files import format_size

    try:
        free = shutil.disk_usage(home).free
    except OSError:
        return
    if free < DISK_LOW_BYTES:
        raise StoreError(
            f"the disk holding {home} is full ({format_size(free)} free) and the store stopped writing; the report "
            "being loaded is not marked complete. Free some space, then rerun `qdkg load` (it loads that report again)"
        ) from error


def _line(o: FileOutcome) -> str:
    from qdkg.loaders.reading import readable

    name = readable(o.path)
    if o.status == "unchanged":
        return f"unchanged {name}: already loaded ({o.document})"
    return (f"{o.status:<9} {name}: {o.entities} entities, {o.relations} relations, {o.sections} sections, "
            f"{o.targets} targets ({o.seconds:.1f}s)")


def _report(summary: LoadSummary) -> None:
    for o in summary.files:
        if o.status == "failed":
            click.secho(f"Error: {o.error}", err=True, fg="red")
            continue
        click.echo(_line(o))
        for warning in o.warnings:
            click.secho(f"Warning: {o.path}: {warning}", err=True, fg="yellow")
    if summary.skipped:
        kinds = ", ".join(sorted({p.suffix.lower() or "(no extension)" for p in summary.skipped}))
        click.echo(f"Skipped {len(summary.skipped)} file(s) that are not reports ({kinds}).", err=True)
    if len(summary.files) > 1:
        counts = ", ".join(f"{len(summary.with_status(s))} {s}" for s in ("loaded", "replaced", "unchanged", "failed"))
        warned = f"; {len(summary.warned)} with warnings" if summary.warned else ""
        click.echo(f"{len(summary.files)} files: {counts}{warned}")


@click.command()
@store_options
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--city", help="The report's city (e.g. 青岛), instead of the one found in the text.")
@click.option("--year", type=click.IntRange(1949, 2100), help="The report's work year, instead of the one found.")
@click.option("--encoding", callback=_check_encoding,
              help="Text encoding of .txt/.md/.html files (e.g. gbk); detected from the bytes by default.")
@click.option("--batch-size", type=click.IntRange(min=1), default=500, show_default=True,
              help="Rows per write statement.")
@click.option("--force", is_flag=True,
              help="Extract and write files again even if unchanged (after an upgrade), and load a text that is "
                   "already loaded under another name.")
@click.option("--as-revision-of", "revision_of", metavar="KEY",
              help="The one file given revises this loaded report (its document key): its facts are replaced.")
@max_size_option
@click.option("--strict", is_flag=True,
              help="Refuse a report in which nothing is found (no Chinese text, no entity) instead of loading it "
                   "with a warning.")
@click.option("--parallel", is_flag=True,
              help="Extract reports on every core at once (a local Dask cluster); writes stay in file order.")
@click.option("--scheduler", envvar="QDKG_SCHEDULER", metavar="ADDRESS",
              help="Extract on the Dask cluster at this scheduler address (tcp://host:8786; env QDKG_SCHEDULER).")
@click.pass_obj
def load(app: App, paths: tuple[Path, ...], city: str | None, year: int | None, encoding: str | None,
         batch_size: int, force: bool, revision_of: str | None, max_size: int, strict: bool, parallel: bool,
         scheduler: str | None) -> None:
    """Load reports (.txt, .md, .html, .docx, .pdf) or folders of them into the graph.

    Loading a file again changes nothing; a revised file (same name, same place, year and title)
    replaces what the old one contributed. Another report is never loaded over a loaded one, and
    the same text under a second name is refused. Only regular files are read (not pipes, devices
    or links to them). A report in which nothing is found loads with a warning (refused with
    --strict). Exit status 1 if any file failed; the others are still loaded. Progress of long
    files goes to stderr.
    """
    from qdkg.cli.context import say_progress
    from qdkg.loaders.report_loader import collect_files, load_paths

    store = app.open_store(read_only=False)
    store.init_schema()
    files, _, _ = collect_files(paths)
    kwargs = {"city": city, "year": year, "encoding": encoding, "batch_size": batch_size, "force": force,
              "debug": app.debug, "revision_of": revision_of, "max_size": max_size, "strict": strict,
              "notify": say_progress, "parallel": parallel, "scheduler": scheduler}
    try:
        if len(files) > 1 and sys.stderr.isatty():  # a bar only where someone watches it
            bar: ProgressBar[FileOutcome]
            with click.progressbar(length=len(files), label="Loading", file=sys.stderr,
                                   item_show_func=lambda o: o.path.name if o else None) as bar:
                summary = load_paths(store, paths, progress=lambda o: bar.update(1, o), **kwargs)  # type: ignore[arg-type]
        else:
            summary = load_paths(store, paths, **kwargs)  # type: ignore[arg-type]
    except StoreError as e:
        if app.uri is None:
            _raise_if_disk_full(Path(app.home), e)
        raise
    _report(summary)
    if app.uri is None and any(o.status in ("loaded", "replaced") for o in summary.files):
        from qdkg.graph.embedded import EmbeddedServer

        EmbeddedServer(app.home).compact()  # restart time follows the data, not the history of loads
    if not summary.ok:
        raise SystemExit(1)
