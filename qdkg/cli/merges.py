"""``qdkg merges apply TABLE``: the planner's alias table (same-as / not-same-as) stored in the graph."""

from __future__ import annotations

import click

from qdkg.cli.context import App
from qdkg.cli.options import store_options


@click.group()
def merges() -> None:
    """Review and steer how names of one undertaking are joined across reports.

    \b
    `qdkg report run merges` lists what was joined and why.
    """


@merges.command("apply")
@click.argument("table", type=click.Path(exists=True, dir_okay=False))
@store_options
@click.pass_obj
def apply(app: App, table: str) -> None:
    """Store an alias table (CSV: name, same_as, not_same_as[, label]) in the graph.

    A same_as row joins the other name to NAME's node in every later load; a not_same_as row keeps
    them apart. The rules stay in the graph across reloads. Reports already loaded that use one of
    the names are listed: reload them with `qdkg load --force FILE` to re-resolve them.

    \b
    Example (aliases.csv):
      name,same_as,not_same_as
      李村河中游整治,李村河综合治理,
      崂山湾国际生态健康城,,崂山湾健康城
    """
    from qdkg.graph.merges import apply_alias_table, read_alias_table

    rules = read_alias_table(table)
    result = apply_alias_table(app.open_store(read_only=False), rules)
    click.echo(f"{result.rules} rules stored on {result.nodes} nodes")
    if result.documents:
        click.echo("reload to apply them to loaded reports: " + ", ".join(result.documents))
