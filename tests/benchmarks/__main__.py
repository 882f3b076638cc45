"""python -m tests.benchmarks [area ...] — print every benchmark row as one table."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from tests.benchmarks.common import print_table

#: Every ``bench_<area>.py`` beside this file is an area; the order is the files' order.
AREAS = tuple(sorted(p.stem.removeprefix("bench_") for p in Path(__file__).parent.glob("bench_*.py")))


def main(argv: list[str]) -> int:
    areas = argv or list(AREAS)
    rows: list[dict] = []
    for area in areas:
        module = importlib.import_module(f"tests.benchmarks.bench_{area}")
        print(f"running {area} ...", file=sys.stderr, flush=True)
        rows.extend(module.run())
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
