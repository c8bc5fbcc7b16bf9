"""Run every benchmark module (or those named on the command line) and rewrite BENCHMARKS.md.

Each module's section sits between ``<!-- bench:NAME -->`` markers, so running some modules replaces
their sections and keeps the others (a full `make bench` rewrites all of them from one run).
"""

from __future__ import annotations

import importlib
import os
import platform
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "BENCHMARKS.md"
MARK = re.compile(r"<!-- bench:(\w+) -->\n(.*?)<!-- /bench:\1 -->\n", re.S)


def kept_sections() -> dict[str, str]:
    """The sections of the current BENCHMARKS.md, by module name."""
    if not OUT.exists():
        return {}
    return {m.group(1): m.group(2) for m in MARK.finditer(OUT.read_text(encoding="utf-8"))}


def main(argv: list[str]) -> int:
    names = argv or sorted(p.stem for p in HERE.glob("bench_*.py"))
    sections = kept_sections() if argv else {}
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        print(f"running {name} ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        sections[name] = module.run().strip() + f"\n\n_Measured {time.strftime('%Y-%m-%d')}._\n"
        print(f"  {name} done in {time.perf_counter() - t0:.1f}s", file=sys.stderr, flush=True)
    header = (
        "# Benchmarks\n\n"
        "Written by `make bench` (`python -m bench`; `python -m bench bench_NAME` reruns one section). "
        "Medians of repeated runs; ratios compare numbers measured side by side in the same run; "
        "each section says the date of its run.\n\n"
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}.\n"
    )
    body = "\n".join(f"<!-- bench:{n} -->\n{sections[n]}<!-- /bench:{n} -->\n" for n in sorted(sections))
    OUT.write_text(header + "\n" + body, encoding="utf-8")
    print("wrote BENCHMARKS.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
