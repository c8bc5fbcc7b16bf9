"""``qdkg export``: interactive HTML, PNG/SVG pictures and GraphML/GEXF files of the graph, and the Neo4j
Browser kit (saved scripts, style, guide).

Every sub-command takes the same selection options and calls one library function; heavy
libraries (networkx, pyvis, matplotlib) load only when a command runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from qdkg.cli.context import App
from qdkg.cli.options import param_option, parse_params, store_options


def _labels(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, ...]:
    from qdkg.graph import schema

    if not value:
        return ()
    labels = tuple(v.strip() for v in value.split(",") if v.strip())
    known = {lbl.lower(): lbl for lbl in schema.ENTITY_LABELS}
    out = []
    for lbl in labels:
        if lbl.lower() not in known:
            raise click.BadParameter(f"unknown label {lbl!r}; choose from {', '.join(schema.ENTITY_LABELS)}")
        out.append(known[lbl.lower()])
    return tuple(out)


def selection_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The options every export shares: what to select, how much, and where to write."""
    decorators: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
        click.option("--focus", metavar="NAME", help="Only the neighbourhood of this entity (name or alias)."),
        click.option("--depth", type=click.IntRange(0, 10), default=2, show_default=True,
                     help="Hops around --focus."),
        click.option("--labels", callback=_labels, metavar="L1,L2",
                     help="Only these node labels, e.g. Project,District."),
        click.option("--report", metavar="NAME", help="Only the entities named in this canned report's rows."),
        param_option,
        click.option("--max-nodes", type=click.IntRange(min=1), metavar="N",
                     help="Keep only the N most important nodes (the caption says so)."),
        click.option("--title", help="Page or picture title (default from the selection)."),
        click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
                     help="File to write."),
        store_options,
    ]
    for deco in reversed(decorators):
        fn = deco(fn)
    return fn


def _spec(focus: str | None, depth: int, labels: tuple[str, ...], report: str | None, params: tuple[str, ...],
          max_nodes: int | None, title: str | None) -> Any:
    from qdkg.graph.export_common import ExportSpec

    if params and not report:
        raise click.UsageError("-p/--param only applies with --report NAME")
    return ExportSpec(focus=focus, depth=depth, labels=labels, report=report, params=parse_params(params),
                      max_nodes=max_nodes, title=title)


def _select(app: App, opts: dict[str, Any]) -> Any:
    from qdkg.graph.export_common import export_graph

    output = opts.pop("output")
    spec = _spec(**opts)
    store = app.open_store(read_only=True)
    return export_graph(store, spec), output


def _done(g: Any, path: Any, *, picture: bool = False) -> None:
    note = f" (trimmed from {g.graph['trimmed'][1]:,})" if g.graph.get("trimmed") else ""
    click.echo(f"Wrote {g.number_of_nodes():,} nodes{note} and {g.number_of_edges():,} relationships to {path}",
               err=True)
    if picture:
        from qdkg.graph.picture import unconnected_nodes

        alone = len(unconnected_nodes(g))
        if alone:
            what = "1 node without relationships is" if alone == 1 else f"{alone:,} nodes without relationships are"
            click.echo(f"{what} listed beside the drawing, not drawn", err=True)


@click.group()
def export() -> None:
    """Export the graph, or a selection of it, for briefings (HTML), print (PNG/SVG) or Gephi (GraphML/GEXF).

    \b
    Examples:
      qdkg export html -o out/graph.html
      qdkg export html --focus 上合示范区 --depth 2 -o out/shanghe.html
      qdkg export png --labels Project,District --max-nodes 150 -o out/projects.png
      qdkg export gexf -o out/graph.gexf
      qdkg export browser-kit -o out/browser-kit
    """


@export.command()
@selection_options
@click.pass_obj
def html(app: App, **opts: Any) -> None:
    """One self-contained HTML page (no network needed): names that never overlap, search that highlights a
    neighbourhood, a legend that filters by type, grouping by district or industry, tooltips with source sentences."""
    from qdkg.graph.export_html import write_html

    g, output = _select(app, opts)
    _done(g, write_html(g, output), picture=True)


def _image_command(fmt: str) -> click.Command:
    @click.option("--dpi", type=click.IntRange(50, 1200), default=300, show_default=True,
                  help="Resolution (PNG; the page is A4 landscape).")
    @selection_options
    @click.pass_obj
    def command(app: App, dpi: int, **opts: Any) -> None:
        from qdkg.graph.export_static import find_cjk_font, write_image

        font = find_cjk_font()  # fail before the query if there is no font
        g, output = _select(app, opts)
        _done(g, write_image(g, output, fmt=fmt, font_path=font, dpi=dpi), picture=True)

    command.__doc__ = f"{'An' if fmt == 'svg' else 'A'} {fmt.upper()} picture for print, in a Chinese font found on this machine."
    return click.command(name=fmt)(command)


def _graph_file_command(fmt: str) -> click.Command:
    @selection_options
    @click.pass_obj
    def command(app: App, **opts: Any) -> None:
        from qdkg.graph.export_graph_files import write_graph_file

        g, output = _select(app, opts)
        _done(g, write_graph_file(g, output, fmt=fmt))

    command.__doc__ = f"A {'GraphML' if fmt == 'graphml' else 'GEXF'} file for Gephi, yEd or networkx."
    return click.command(name=fmt)(command)


for _fmt in ("png", "svg"):
    export.add_command(_image_command(_fmt))
for _fmt in ("graphml", "gexf"):
    export.add_command(_graph_file_command(_fmt))


@export.command("browser-kit")
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Directory to write the kit into (created if missing).")
@store_options
@click.pass_obj
def browser_kit(app: App, out_dir: str) -> None:
    """Neo4j Browser in one step: every report as saved scripts (a .zip to drag onto Browser's star drawer),
    the graph style (qdkg.grass) and a guide (Markdown for :guide) with parameters set to names in the graph.
    """
    from qdkg.graph.browser_kit import write_browser_kit

    kit = write_browser_kit(app.open_store(read_only=True), out_dir)
    click.echo(f"Wrote {kit.script_count} saved scripts to {kit.scripts}", err=True)
    click.echo(f"Wrote the style to {kit.style} (drag it onto the Browser window)", err=True)
    click.echo(f"Wrote the guide to {kit.guide} (serve it and run :guide <its URL> in Browser)", err=True)
