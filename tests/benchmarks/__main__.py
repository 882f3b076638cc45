"""python -m tests.benchmarks [area ...] — print every benchmark row as one table."""

from __future__ import annotations

import importlib
import sys

from tests.benchmarks.common import print_table

AREAS = ("vault", "startup", "import", "employees_view", "fairness", "audit_vault", "language", "letters")


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
