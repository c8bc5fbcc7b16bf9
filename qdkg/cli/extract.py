"""``qdkg extract FILE``: what the extractor finds in one report, without a store."""

from __future__ import annotations

import click


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="table", show_default=True,
              help="jsonl: one JSON object a line (entities, relations, targets).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead.")
@click.option("--city", help="The report's city, when the text does not say.")
@click.option("--year", type=int, help="The report's year, when the text does not say.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["entity", "relation", "target"]),
              help="Only these kinds of rows (repeatable).")
def extract(file: str, fmt: str, output: str | None, city: str | None, year: int | None,
            kinds: tuple[str, ...]) -> None:
    """Extract entities, relations and targets from a report FILE (no store needed).

    \b
    Examples:
      qdkg extract report.txt --format jsonl > facts.jsonl
      qdkg extract report.docx --kind relation
    """
    from qdkg.loaders.pipeline import batch_rows, extract_batch
    from qdkg.loaders.reading import read_document

    document = read_document(file, city=city, year=year)
    rows = batch_rows(extract_batch(document))
    if kinds:
        rows = [r for r in rows if r["kind"] in kinds]
    from qdkg.cli.options import emit_rows

    if fmt == "table":
        rows = [{k: r.get(k, "") for k in ("kind", "type", "name", "text", "source", "target", "metric", "value",
                                           "unit", "comparator", "section")} for r in rows]
    emit_rows(rows, fmt, output)
