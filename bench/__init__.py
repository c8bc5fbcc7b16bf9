"""Benchmarks: ``make bench`` runs every ``bench_*.py`` module here and rewrites BENCHMARKS.md.

Each module defines ``run() -> str`` returning a Markdown section (a heading, what was
measured, a table of medians and ratios measured side by side in the same run).
"""
