"""Run every benchmark module (or those named on the command line) and rewrite BENCHMARKS.md.

Each module's section sits between ``<!-- bench:NAME -->`` markers, so running some modules replaces
their sections and keeps the others (a full `make bench` rewrites all of them from one run). A module that
fails is reported (traceback, exit status 1) after the others have run, and keeps its previous section.
"""

from __future__ import annotations

import importlib
import os
import platform
import re
import sys
import time
import traceback
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
    kept = kept_sections()
    sections = dict(kept) if argv else {}
    failed: list[str] = []
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.{name}")
            sections[name] = module.run().strip() + f"\n\n_Measured {time.strftime('%Y-%m-%d')}._\n"
        except Exception:  # one broken section must not cost the run the others' figures
            traceback.print_exc()
            failed.append(name)
            if name in kept:
                sections[name] = kept[name]  # the last good figures stay until the section runs again
            print(f"  {name} FAILED after {time.perf_counter() - t0:.1f}s", file=sys.stderr, flush=True)
            continue
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
    if failed:
        print(f"failed: {', '.join(failed)} (their previous sections kept; the tracebacks are above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
