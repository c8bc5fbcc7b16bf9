"""``qdkg report``: list, show and run the canned Cypher reports (queries/**/*.cypher)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from qdkg.cli.context import App
from qdkg.cli.options import emit_rows, param_option, parse_params, store_options
from qdkg.output import FORMATS

if TYPE_CHECKING:
    from qdkg.queries.pack import Pack
    from qdkg.queries.runner import ReportResult

EXTENSIONS = {"table": "txt", "json": "json", "csv": "csv", "md": "md", "xlsx": "xlsx"}


@click.group()
def report() -> None:
    """List and run the canned reports (Cypher query packs).

    \b
    Examples:
      qdkg report list
      qdkg report run district-profile -p district=董家口
      qdkg report run industry-chain -p industry=绿色能源 --format md -o 绿色能源.md
      qdkg report run-all -o out/reports
    """


def _param_text(pack: Pack) -> str:
    shown = {p.name: ("''" if p.default == "" else p.default) for p in pack.params}
    return ", ".join(f"{p.name}={shown[p.name]} ({p.type})" for p in pack.params)


def _list_rows(packs: dict[str, Pack], *, full: bool) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for pack in packs.values():
        if full:
            rows.append({
                "name": pack.id, "title": pack.title, "title_zh": pack.title_zh, "title_en": pack.title_en,
                "theme": pack.theme, "description": pack.description,
                "params": [{"name": p.name, "type": p.type, "default": p.default, "example": p.example,
                            "help": p.help} for p in pack.params],
                "file": str(pack.path) if pack.path else None,
            })
        else:
            rows.append({"name": pack.id, "title": pack.title_zh, "title_en": pack.title_en, "theme": pack.theme,
                         "params": _param_text(pack)})
    return rows


@report.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "md"]), default="table",
              show_default=True, help="Output format.")
def list_reports(fmt: str) -> None:
    """List the reports: name, titles, theme and parameters (with defaults)."""
    from qdkg.queries.pack import load_packs

    packs = load_packs()
    emit_rows(_list_rows(packs, full=fmt == "json"), fmt, None, title="qdkg reports")


@report.command("show")
@click.argument("name")
def show(name: str) -> None:
    """Print a report's Cypher with the :param lines to paste into Neo4j Browser."""
    import json

    from qdkg.queries.pack import find_pack

    pack = find_pack(name)
    for p in pack.params:
        click.echo(f":param {p.name} => {json.dumps(p.default, ensure_ascii=False)}")
    if pack.params:
        click.echo()
    click.echo(pack.text)


def markdown(result: ReportResult) -> str:
    """A report as a section to paste into a briefing: title, description, parameters, table."""
    from qdkg.output import render_md

    pack = result.pack
    lines = [f"## {pack.title_zh} / {pack.title_en}", "", pack.description, ""]
    if result.params:
        shown = ", ".join(f"{k} = {v!r}" if isinstance(v, str) else f"{k} = {v}" for k, v in result.params.items())
        lines += [f"参数 Parameters: {shown}", ""]
    body = render_md(result.rows)
    return "\n".join(lines) + "\n" + body  # a blank line: a table cannot interrupt a paragraph


def _write_text(path: Path, text: str) -> None:
    """Write atomically: a temporary file renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _write(result: ReportResult, fmt: str, output: str | None) -> None:
    if fmt != "md":
        emit_rows(result.rows, fmt, output, title=result.pack.title_zh)
    elif output:
        _write_text(Path(output), markdown(result))
        click.echo(f"Wrote {len(result.rows)} rows to {output}", err=True)
    else:
        click.echo(markdown(result), nl=False)


@report.command("run")
@click.argument("name")
@param_option
@store_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead.")
@click.pass_obj
def run(app: App, name: str, params: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Run report NAME (or a FILE.cypher with a pack header) with -p key=value parameters.

    Parameters not given take their defaults (`qdkg report list` shows them); entity names
    resolve through aliases. Reports are read-only.
    """
    from qdkg.queries.pack import find_pack
    from qdkg.queries.runner import run_pack

    if fmt == "xlsx" and not output:
        raise click.UsageError("--format xlsx needs -o FILE.xlsx")
    pack = find_pack(name)
    values = parse_params(params, coerce=False)
    store = app.open_store(read_only=True)
    result = run_pack(store, pack, values)
    for key, canonical in result.resolved.items():
        given = values.get(key, getattr(pack.param(key), "default", ""))
        click.echo(f"{key}: {given} → {canonical}", err=True)
    _write(result, fmt, output)


@report.command("run-all")
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Directory to write one file per report into.")
@click.option("--format", "fmt", type=click.Choice(["md", "csv", "json", "xlsx"]), default="md",
              show_default=True, help="File format of each report.")
@store_options
@click.pass_obj
def run_all(app: App, out_dir: str, fmt: str) -> None:
    """Run every report with its default parameters and write each to OUT_DIR/<name>.<ext>.

    A report that fails is named on stderr and the others still run; the exit status is 1 if any failed.
    """
    from qdkg.errors import QdkgError
    from qdkg.queries.pack import load_packs
    from qdkg.queries.runner import run_pack

    store = app.open_store(read_only=True)
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    failed: list[str] = []
    done = 0
    for pack_id, pack in load_packs().items():
        target = directory / f"{pack_id}.{EXTENSIONS[fmt]}"
        try:
            result = run_pack(store, pack)
        except QdkgError as e:
            failed.append(pack_id)
            click.secho(f"{pack_id}: {e}", err=True, fg="red")
            continue
        if fmt == "md":
            _write_text(target, markdown(result))
        else:
            from qdkg.output import write_rows

            write_rows(result.rows, fmt, target, title=pack.title_zh)
        done += 1
        click.echo(f"{pack_id}: {len(result.rows)} rows → {target}", err=True)
    click.echo(f"Wrote {done} reports to {directory}" + (f"; {len(failed)} failed: {', '.join(failed)}"
                                                          if failed else ""), err=True)
    if failed:
        raise click.exceptions.Exit(1)
