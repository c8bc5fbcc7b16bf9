"""``qdkg path A B``: how two named things are tied, hop by hop, with the sentence behind each hop."""

from __future__ import annotations

import click

from qdkg.cli.context import App
from qdkg.cli.options import emit_rows, output_options, store_options
from qdkg.output import FORMATS


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--max-hops", type=click.IntRange(1, 10), default=4, show_default=True,
              help="Longest connection to look for.")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True,
              help="How many shortest connections to show at most.")
@click.option("--typed-only", is_flag=True, help="Ignore co-mentions (RELATED_TO); follow typed links only.")
@store_options
@output_options(formats=FORMATS, default="table")
@click.pass_obj
def path(app: App, a: str, b: str, max_hops: int, limit: int, typed_only: bool, fmt: str,
         output: str | None) -> None:
    """Show how the entities named A and B are tied: the shortest connections, and what they share.

    Names resolve through aliases (西海岸新区 finds 青岛西海岸新区). Each path row is one hop:
    the relation with its direction, and the evidence sentence. When no typed link joins them
    within --max-hops, rows marked 共同点 say what they share instead (the same sentence,
    paragraph, chapter or part of a report; a place, an industry, a programme), with both
    sentences. Exit status 1 when they share nothing and no connection is found.

    \b
    Example:
      qdkg path 崂山实验室 上合示范区
      qdkg path 三峡 绿色能源 --typed-only
      qdkg path 董家口 五莲 --max-hops 6 --format md
    """
    from qdkg.graph.common_ground import shared_rows
    from qdkg.graph.paths import connection_rows, explain

    store = app.open_store(read_only=True)
    found = explain(store, a, b, max_hops=max_hops, limit=limit, typed_only=typed_only)
    if fmt == "table" and not output:
        for i, c in enumerate(found.connections, 1):
            click.echo(f"{i}. {c.describe()}  ({c.length} hop{'s' if c.length != 1 else ''})", err=True)
        for s in found.shared:
            click.echo(f"共同点 {s.kind}：{s.via}", err=True)
    emit_rows(connection_rows(found.connections) + shared_rows(a, b, found.shared), fmt, output,
              title=f"{a} ↔ {b}")
