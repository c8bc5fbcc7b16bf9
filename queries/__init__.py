"""Canned Cypher reports (the ``.cypher`` packs in this folder) and the runner that executes them."""

from qdkg.queries.pack import Pack, Param, find_pack, load_packs, named_parameters
from qdkg.queries.runner import ReportResult, run_pack, run_report

__all__ = ["Pack", "Param", "ReportResult", "find_pack", "load_packs", "named_parameters", "run_pack", "run_report"]
