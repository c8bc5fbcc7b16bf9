"""Pick the window of a report to annotate, as gold_dev's README describes (tests/data/gold_team_2026 was cut so).

From the start of the report's 2026 tasks section (``--from``, a character offset), the 2,500-3,500-character
window cut at paragraph boundaries that is densest in the words gold_dev's README names. Prints the offsets; the
excerpt is ``open(report).read()[start:end]``.

    .venv/bin/python tools/gold_windows.py REPORT.txt --from 6280
    .venv/bin/python tools/gold_windows.py hailar-2012.txt --encoding gbk --from 0 --to 4933
"""

from __future__ import annotations

import argparse
from pathlib import Path

KEYWORDS = ("项目", "工程", "铁路", "机场", "实验室", "基地", "产业园", "集团", "大学", "港")
MIN_CHARS, MAX_CHARS = 2500, 3500


def densest_window(text: str, start: int) -> tuple[int, int]:
    offsets = [start] + [i + 1 for i, ch in enumerate(text) if ch == "\n" and start < i + 1 < len(text)]
    best: tuple[float, int, int] | None = None
    for k, a in enumerate(offsets):
        for b in offsets[k + 1 :] + [len(text)]:
            window = text[a:b].rstrip("\n")
            if len(window) < MIN_CHARS:
                continue
            if len(window) > MAX_CHARS:
                break
            density = sum(window.count(w) for w in KEYWORDS) / len(window)
            if best is None or density > best[0]:
                best = (density, a, a + len(window))
    if best is None:
        raise SystemExit("no window of 2,500-3,500 characters at paragraph boundaries after that offset")
    return best[1], best[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--from", dest="start", type=int, required=True, help="offset of the tasks section")
    parser.add_argument("--to", dest="end", type=int, help="offset the window may not pass (the next section)")
    parser.add_argument("--encoding", default="utf-8", help="the report's encoding (gbk for the Hailar reports)")
    args = parser.parse_args()
    text = args.report.read_text(encoding=args.encoding)
    a, b = densest_window(text[: args.end] if args.end else text, args.start)
    print(f"{args.report.name}: {a}-{b} ({b - a} characters)")


if __name__ == "__main__":
    main()
