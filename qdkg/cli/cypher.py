"""``qdkg cypher``: ad-hoc Cypher with parameters, read-only unless --write."""

from __future__ import annotations

import click

from qdkg.cli.context import App
from qdkg.cli.options import emit_rows, output_options, param_option, parse_params, store_options


@click.command()
@click.argument("query")
@param_option
@click.option("--write", is_flag=True, help="Allow the query to change the graph.")
@store_options
@output_options(default="table")
@click.pass_obj
def cypher(app: App, query: str, params: tuple[str, ...], write: bool, fmt: str, output: str | None) -> None:
    """Run QUERY (Cypher) with -p key=value parameters and print the rows.

    \b
    Example:
      qdkg cypher "MATCH (p:Project)-[:LOCATED_IN]->(d:District {name: $d}) RETURN p.name" -p d=董家口
    """
    values = parse_params(params)
    store = app.open_store(read_only=not write)
    if write:
        counts = store.write(query, values)
        click.echo(
            f"Nodes created {counts.nodes_created}, deleted {counts.nodes_deleted}; relationships created "
            f"{counts.relationships_created}, deleted {counts.relationships_deleted}; "
            f"properties set {counts.properties_set}.",
            err=True,
        )
        return
    emit_rows(store.query(query, values), fmt, output)
