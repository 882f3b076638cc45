"""The scaling table: import, re-import, listing, memory and file size at 1k, 10k, 100k and 300k people.

The listing runs against an anchor that decrypts as hrdesk does (``bench_listing``:
sqlite3 + AES-GCM + json.dumps, outputs compared).

One command: ``python -m tests.benchmarks.scaling`` (``--sizes 1000,10000``
for fewer, ``--rounds N``). Every row is a whole process against its floor
process, alternating (see ``bench_import``). Writes
``tests/benchmarks/SCALING.md``. The large sizes take minutes each on a
shared machine: run them deliberately, not in a loop.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from tests.benchmarks.bench_import import import_round, import_rows, write_hr_csv
from tests.benchmarks.bench_listing import run as listing_rows
from tests.benchmarks.common import print_table, write_markdown

SIZES = (1_000, 10_000, 100_000, 300_000)
OUT = Path(__file__).with_name("SCALING.md")


def rounds_for(n: int) -> int:
    return 5 if n <= 10_000 else 3 if n <= 100_000 else 2


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.scaling")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated numbers of employees")
    parser.add_argument("--rounds", type=int, default=0, help="rounds per size (default: 5 up to 10k, 3 at 100k, 2 above)")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the Markdown table")
    parser.add_argument("--import-only", action="store_true", help="leave out the listing rows (bench_listing)")
    args = parser.parse_args(argv)
    started = datetime.now(timezone.utc)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for n in (int(s) for s in args.sizes.split(",")):
            print(f"scaling: {n:,} employees ...", file=sys.stderr, flush=True)
            source = work / f"hr{n}.csv"
            write_hr_csv(source, n)
            rounds = [import_round(work, source, n) for _ in range(args.rounds or rounds_for(n))]
            rows.extend(import_rows(n, rounds, source.stat().st_size))
            source.unlink()
            if not args.import_only:  # the listing against sqlite3 + AES-GCM + json.dumps, both processes
                rows.extend(listing_rows(n, args.rounds or min(3, rounds_for(n))))
    print_table(rows)
    write_markdown(rows, args.out, "hrdesk scaling", "python -m tests.benchmarks.scaling " + " ".join(argv), started)
    print(f"written: {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
