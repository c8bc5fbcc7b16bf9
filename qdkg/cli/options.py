"""Option decorators shared by commands: where the store is, and how output is written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from qdkg.output import FORMATS, TEXT_FORMATS


def _set_uri(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value:
        ctx.obj.uri = value
    return value


def store_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--uri`` (env QDKG_URI): a Neo4j or FalkorDB server instead of the embedded store."""
    return click.option(
        "--uri",
        envvar="QDKG_URI",
        expose_value=False,
        callback=_set_uri,
        help="Store URI: bolt://, neo4j://, neo4j+s:// or falkordb://; default the embedded store (env QDKG_URI).",
    )(fn)


def output_options(*, formats: tuple[str, ...] = TEXT_FORMATS, default: str = "table") -> Callable[..., Any]:
    """``--format`` and ``-o/--output`` for commands that print rows."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        fn = click.option(
            "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead."
        )(fn)
        fn = click.option(
            "--format", "fmt", type=click.Choice(formats), default=default, show_default=True, help="Output format."
        )(fn)
        return fn

    return decorate


def emit_rows(rows: list[dict[str, Any]], fmt: str, output: str | None, *, title: str | None = None) -> None:
    """Print rows, or write them to ``output`` and say where."""
    from pathlib import Path

    from qdkg.output import render, write_rows

    if fmt == "xlsx" and not output:
        raise click.UsageError("--format xlsx needs -o FILE.xlsx")
    if output:
        path = write_rows(rows, fmt, Path(output), title=title)
        click.echo(f"Wrote {len(rows)} rows to {path}", err=True)
    else:
        click.echo(render(rows, fmt, title=title))


ALL_FORMATS = FORMATS


def parse_params(pairs: tuple[str, ...], *, coerce: bool = True) -> dict[str, Any]:
    """``-p key=value`` pairs as a dict; a malformed pair is a usage error."""
    from qdkg.queries.runner import guess_value

    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key.isidentifier():
            raise click.BadParameter(f"{pair!r} is not key=value (for example -p district=董家口)", param_hint="-p")
        params[key] = guess_value(value) if coerce else value
    return params


param_option = click.option(
    "-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable)."
)
