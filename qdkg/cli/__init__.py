"""The ``qdkg`` command: thin click commands over the library.

Sub-commands are imported only when used, and every heavy library (spaCy, pandas, pyvis,
networkx, jieba, the drivers) is imported inside the function that needs it, so
``qdkg --help`` starts instantly. A :class:`~qdkg.errors.QdkgError` becomes one line on
stderr and exit status 1; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from qdkg import __version__
from qdkg.cli.context import App
from qdkg.errors import QdkgError

#: name -> (module, attribute, one-line help shown by ``qdkg --help`` without importing the module)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "db": ("qdkg.cli.db", "db", "Start, stop, initialise or reset the graph store."),
    "stats": ("qdkg.cli.db", "stats", "Count nodes by label and relationships by type."),
    "cypher": ("qdkg.cli.cypher", "cypher", "Run an ad-hoc Cypher query (read-only unless --write)."),
    "extract": ("qdkg.cli.extract", "extract", "Extract entities and relations from a report (no store needed)."),
    "load": ("qdkg.cli.load", "load", "Load reports or tables into the graph."),
    "report": ("qdkg.cli.report", "report", "List and run the canned Cypher reports."),
    "path": ("qdkg.cli.path", "path", "Show the shortest connections between two named entities."),
    "merges": ("qdkg.cli.merges", "merges", "Store the planner's alias table (same-as / not-same-as) for merges."),
    "export": ("qdkg.cli.export", "export", "Export the graph as interactive HTML, PNG/SVG, GraphML or GEXF."),
}


class QdkgGroup(click.Group):
    """Loads sub-commands lazily and turns library errors into one clear line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module, attr, _ = COMMANDS[cmd_name]
            try:
                return getattr(importlib.import_module(module), attr)
            except (ImportError, AttributeError) as e:
                if ctx.obj is not None and getattr(ctx.obj, "debug", False):
                    raise
                raise click.ClickException(
                    f"the {cmd_name!r} command cannot load ({e}); reinstall qdkg with `pip install -e .`"
                ) from e
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QdkgError as e:
            if ctx.obj is not None and ctx.obj.debug:
                raise
            click.secho(f"Error: {e}", err=True, fg="red")
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)


@click.group(cls=QdkgGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--debug", is_flag=True, help="Show full tracebacks for errors.")
@click.option(
    "--home",
    envvar="QDKG_HOME",
    default=".qdkg",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Data directory of the embedded store (env QDKG_HOME).",
)
@click.version_option(__version__, prog_name="qdkg")
@click.pass_context
def cli(ctx: click.Context, debug: bool, home: str) -> None:
    """qdkg — a knowledge graph of the projects, institutions, companies, industries and places
    named in government work reports (政府工作报告).

    \b
    Quick start:
      qdkg load data/samples/                 load reports into the embedded store
      qdkg report list                        the canned reports
      qdkg report run district-profile -p district=董家口
      qdkg export html -o out/graph.html      an interactive graph for a briefing

    The store is the embedded FalkorDB server unless --uri / QDKG_URI names a Neo4j
    (bolt://, neo4j://, neo4j+s://) or FalkorDB (falkordb://) server.
    """
    ctx.obj = App(debug=debug, home=home)
    ctx.call_on_close(ctx.obj.close)


def main(argv: list[str] | None = None) -> Any:
    return cli.main(args=argv, prog_name="qdkg")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
