"""``qdkg extract FILE``: what the extractor finds in one report, without a store."""

from __future__ import annotations

import click

from qdkg.cli.load import max_size_option


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="table", show_default=True,
              help="jsonl: one JSON object a line (entities, relations, targets).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead.")
@click.option("--city", help="The report's city, when the text does not say.")
@click.option("--year", type=int, help="The report's year, when the text does not say.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["entity", "relation", "target"]),
              help="Only these kinds of rows (repeatable).")
@max_size_option
@click.option("--strict", is_flag=True, help="Fail (exit 1) when nothing is found instead of warning.")
def extract(file: str, fmt: str, output: str | None, city: str | None, year: int | None,
            kinds: tuple[str, ...], max_size: int, strict: bool) -> None:
    """Extract entities, relations and targets from a report FILE (no store needed).

    \b
    Examples:
      qdkg extract report.txt --format jsonl > facts.jsonl
      qdkg extract report.docx --kind relation
    """
    from qdkg.cli.context import say_progress
    from qdkg.loaders.pipeline import batch_rows
    from qdkg.loaders.progress import FileProgress
    from qdkg.loaders.reading import read_document
    from qdkg.loaders.report_loader import extract_input

    document = read_document(file, city=city, year=year, max_size=max_size)
    batch, warnings = extract_input(document, strict=strict, progress=FileProgress(document.source, say_progress))
    for warning in warnings:
        click.secho(f"Warning: {file}: {warning}", err=True, fg="yellow")
    rows = batch_rows(batch)
    if kinds:
        rows = [r for r in rows if r["kind"] in kinds]
    from qdkg.cli.options import emit_rows

    if fmt == "table":
        rows = [{k: r.get(k, "") for k in ("kind", "type", "name", "text", "source", "target", "metric", "value",
                                           "unit", "comparator", "section")} for r in rows]
    emit_rows(rows, fmt, output)
