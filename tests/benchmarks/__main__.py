"""python -m tests.benchmarks [area ...] — print every benchmark row with its anchor, and write RESULTS.md.

RESULTS.md holds one section per area, each with the date, the machine and
the command of its latest run: running some areas replaces their sections and
keeps the others, so the file is always the latest number of every row (a
whole run takes an hour on a shared machine; areas are re-run one by one).
"""

from __future__ import annotations

import importlib
import re
import sys
import traceback
from datetime import datetime, timezone
from pathlib import Path

from tests.benchmarks.common import machine, markdown_rows, print_table, row

#: Every ``bench_<area>.py`` beside this file is an area; the order is the files' order.
AREAS = tuple(sorted(p.stem.removeprefix("bench_") for p in Path(__file__).parent.glob("bench_*.py")))
RESULTS = Path(__file__).with_name("RESULTS.md")
HEADER = """# hrdesk benchmarks

Written by `python -m tests.benchmarks [area ...]`: one section per area, from its latest run.
Each row is min / median of the runs shown, hrdesk and its anchor alternating in the same run;
ratios are hrdesk over the anchor (min over min, median over median). The machine is shared
(two cores, eight engineers working on it at once when these were taken): read the ratios.
"""


def _sections(text: str) -> dict[str, str]:
    """Area name -> its section (from ``## area`` to the next one)."""
    found = {}
    for match in re.finditer(r"^## (\S+)\n.*?(?=^## |\Z)", text, flags=re.M | re.S):
        found[match.group(1)] = match.group(0).rstrip() + "\n"
    return found


def section(area: str, rows: list[dict], started: datetime, where: str) -> str:
    return (f"## {area}\n\n`python -m tests.benchmarks {area}`, {started.strftime('%Y-%m-%d %H:%M')} UTC; {where}.\n\n"
            + markdown_rows(rows))


def main(argv: list[str]) -> int:
    areas = argv or list(AREAS)
    unknown = [a for a in areas if a not in AREAS]
    if unknown:
        print(f"unknown area(s): {', '.join(unknown)}; the areas are: {', '.join(AREAS)}", file=sys.stderr)
        return 2
    everything: list[dict] = []
    sections = _sections(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    for area in areas:
        print(f"running {area} ...", file=sys.stderr, flush=True)
        started, where = datetime.now(timezone.utc), machine()
        try:
            module = importlib.import_module(f"tests.benchmarks.bench_{area}")
            rows = list(module.run())
        except Exception as exc:  # one broken area must not lose the others' rows
            traceback.print_exc()
            rows = [row(f"{area}: FAILED ({type(exc).__name__}: {exc})"[:120], float("nan"), "", target="see the log")]
        everything.extend(rows)
        sections[area] = section(area, rows, started, where)
        RESULTS.write_text(HEADER + "\n" + "\n".join(sections[a] for a in sorted(sections)), encoding="utf-8")
    print_table(everything)
    print(f"written: {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
