"""The vault file against the CSV it came from, at 10,000 and 100,000 people, with where its bytes go.

Run alone with ``python -m tests.benchmarks.bench_vault_size [N ...]``. For each
size: an HRDataset-shaped export (``bench_import.write_hr_csv``) imported by
``hrdesk import`` as a process into a fresh vault (fast test key derivation),
then the file's size over the CSV's. The import's wall time is shown beside it
(one round: the size does not vary; the time is for information).

Side by side with older code: ``HRDESK_BENCH_BEFORE=/path/to/checkout`` runs the
same import with that checkout in the same run (e.g. ``git archive 94c25c9`` of
main before vault format 3, unpacked into a folder).

The breakdown rows (bytes per person by table and index, from SQLite's
``dbstat``) say where the bytes are, so the next saving is measured, not guessed.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.bench_import import MAKE_VAULT, write_hr_csv
from tests.benchmarks.bench_listing import BEFORE_ENV
from tests.benchmarks.common import bench_env, print_table, python, row, run_process

SIZES = (10_000, 100_000)
TARGET = "<= 1.5x"


def _import(work: Path, source: Path, code: Path | None) -> tuple[int, float, Path]:
    """A fresh vault filled by ``hrdesk import``; (its bytes, the import's seconds, the file)."""
    env = bench_env(code, HRDESK_PASSPHRASE="pw")
    vault = work / f"v{'before' if code else 'now'}.hrdesk"
    run_process(python("-c", MAKE_VAULT, str(vault)), env)
    done = run_process(python("-m", "hrdesk", "import", str(vault), str(source)), env)
    return vault.stat().st_size, done.seconds, vault


def _breakdown(vault: Path, people: int) -> list[tuple[str, float]]:
    """Bytes per person of each table and index (dbstat), largest first."""
    conn = sqlite3.connect(vault)
    try:
        found = conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    except sqlite3.OperationalError:  # an SQLite built without dbstat
        return []
    finally:
        conn.close()
    return [(name, size / people) for name, size in found if size / people >= 1]


def rows_for(people: int, before: Path | None) -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = work / f"hr{people}.csv"
        write_hr_csv(source, people)
        csv_bytes = source.stat().st_size
        csv_text = f"the CSV {csv_bytes / 2**20:.1f} MiB"
        size, seconds, vault = _import(work, source, None)
        parts = _breakdown(vault, people)
        n = f"{people:,}"
        rows = [row(f"vault file after importing {n} (format 3)", size / 2**20, "MiB", csv_text, size / csv_bytes, TARGET)]
        if before is not None:
            old_size, old_seconds, _ = _import(work, source, before)
            rows.append(row(f"  the same, code from {before.name} (before)", old_size / 2**20, "MiB", csv_text,
                            old_size / csv_bytes, "info"))
            rows.append(row(f"  import {n} employees (CLI process, one round)", seconds, "s",
                            f"code from {before.name} {old_seconds:.1f} s", seconds / old_seconds, "info"))
        else:
            rows.append(row(f"  import {n} employees (CLI process, one round)", seconds, "s", "", None, "info"))
        per_person = size / people
        rows += [row(f"  of which {name}", share, "B/person", f"the vault {per_person:.0f} B/person",
                     share / per_person, "info") for name, share in parts[:6]]
        return rows


def run(sizes: tuple[int, ...] = SIZES) -> list[dict]:
    before = os.environ.get(BEFORE_ENV)
    found: list[dict] = []
    for people in sizes:
        found += rows_for(people, Path(before) if before else None)
    return found


if __name__ == "__main__":
    print_table(run(tuple(int(a) for a in sys.argv[1:]) or SIZES))
