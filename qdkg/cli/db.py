"""``qdkg db ...`` and ``qdkg stats``: manage the store and count what it holds."""

from __future__ import annotations

from pathlib import Path

import click

from qdkg.cli.context import App
from qdkg.cli.options import emit_rows, output_options, store_options


@click.group()
def db() -> None:
    """Manage the graph store (the embedded FalkorDB server by default)."""


def _server(app: App):  # type: ignore[no-untyped-def]
    from qdkg.graph.embedded import EmbeddedServer

    return EmbeddedServer(Path(app.home))


def _uses_embedded(app: App) -> bool:
    return app.uri is None


@db.command()
@click.pass_obj
def start(app: App) -> None:
    """Start the embedded server (commands that need it also start it on demand).

    A large store takes a moment to load from disk; progress is shown while it does.
    For a Neo4j server (Browser, Bolt clients) use `make neo4j` or docker compose.
    """
    from qdkg.cli.context import say_progress

    info = _server(app).ensure_running(progress=say_progress)
    click.echo(f"Embedded FalkorDB running: pid {info.pid}, 127.0.0.1:{info.port}, data in {app.home}")


@db.command()
@click.pass_obj
def stop(app: App) -> None:
    """Stop the embedded server cleanly."""
    if _server(app).stop():
        click.echo("Embedded FalkorDB stopped.")
    else:
        click.echo("Embedded FalkorDB was not running.")


@db.command()
@store_options
@click.pass_obj
def status(app: App) -> None:
    """Say whether the store is up and where it is."""
    if not _uses_embedded(app):
        store = app.open_store(read_only=True)
        store.query("RETURN 1 AS ok")
        click.echo(f"Reachable: {store.describe()}")
        return
    info = _server(app).status()
    if info is None:
        click.echo(f"Embedded FalkorDB is not running (data directory {app.home}).")
        raise SystemExit(3)
    click.echo(f"Embedded FalkorDB running: pid {info.pid}, 127.0.0.1:{info.port}, data in {app.home}")


@db.command()
@store_options
@click.pass_obj
def init(app: App) -> None:
    """Create the schema's constraints and indexes (safe to run again)."""
    store = app.open_store(read_only=False)
    created = store.init_schema()
    click.echo(f"Schema ready on {store.describe()}: {len(created)} created, the rest already there.")


@db.command()
@store_options
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def reset(app: App, yes: bool) -> None:
    """Delete everything in the graph (asks first unless --yes)."""
    store = app.open_store(read_only=False)
    if not yes:
        click.confirm(f"Delete every node and relationship in {store.describe()}?", abort=True)
    store.clear()
    store.init_schema()
    click.echo(f"Graph emptied: {store.describe()}")


@click.command()
@store_options
@output_options()
@click.pass_obj
def stats(app: App, fmt: str, output: str | None) -> None:
    """Count nodes by label and relationships by type."""
    from qdkg.graph.stats import graph_counts

    rows = graph_counts(app.open_store(read_only=True))
    emit_rows(rows, fmt, output, title="qdkg stats")
