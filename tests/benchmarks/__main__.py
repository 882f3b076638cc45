"""python -m tests.benchmarks [area ...] — print every benchmark row with its anchor, and write RESULTS.md."""

from __future__ import annotations

import importlib
import sys
import traceback
from datetime import datetime, timezone
from pathlib import Path

from tests.benchmarks.common import print_table, row, write_markdown

#: Every ``bench_<area>.py`` beside this file is an area; the order is the files' order.
AREAS = tuple(sorted(p.stem.removeprefix("bench_") for p in Path(__file__).parent.glob("bench_*.py")))
RESULTS = Path(__file__).with_name("RESULTS.md")


def main(argv: list[str]) -> int:
    areas = argv or list(AREAS)
    started = datetime.now(timezone.utc)
    rows: list[dict] = []
    for area in areas:
        print(f"running {area} ...", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(f"tests.benchmarks.bench_{area}")
            rows.extend(module.run())
        except Exception as exc:  # one broken area must not lose the others' rows
            traceback.print_exc()
            rows.append(row(f"{area}: FAILED ({type(exc).__name__}: {exc})"[:120], float("nan"), "", target="see the log"))
    print_table(rows)
    out = RESULTS if not argv else RESULTS.with_name(f"RESULTS-{'-'.join(areas)}.md")
    write_markdown(rows, out, "hrdesk benchmarks", "python -m tests.benchmarks " + " ".join(argv), started)
    print(f"written: {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
