"""The backup folder after a week of daily use at 100,000 people, against the vault it protects.

Run alone with ``python -m tests.benchmarks.bench_backups [N]``. A copy of the
shared demo organisation is used for seven days: each day some people are
edited and the day's backup is taken (``make_backup`` with that day's date, as
the close of a changed vault or the window's daily backup takes it); on the
first day the window's background record check runs (``check_records_if_due``).
The first day's backup is the week's compressed base, the others hold the
pages that differ from it (``vault.packed``).
The row is the folder's size against the vault file's, and what the policy
(``vault.backup.keep_policy``) kept. Also timed against copying the file with
``shutil.copyfile``: a day's backup (the online copy, its ``quick_check``, the
page digests, the increment and its check that base + increment rebuild the
copy, and the rotation, which decrypts nothing), the week's base (the same,
compressing and checking every chunk, then reading the file back), and
restoring the newest day (rebuild, SHA-256 and ``quick_check``, swap).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from hrdesk.records import Records
from hrdesk.vault import Vault, anchor
from hrdesk.vault.backup import backup_dir, check_records_if_due, list_backups, make_backup, restore_backup
from tests.benchmarks.common import Timing, compare, copy_vault, demo_vault, print_table, row

EMPLOYEES = 100_000


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    t0 = datetime.now()
    fn()
    return (datetime.now() - t0).total_seconds()


def run(employees: int = EMPLOYEES) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        path = copy_vault(demo_vault(employees), Path(tmp) / "week.hrdesk")
        plain = Path(tmp) / "plain-copy"
        start = datetime(2026, 3, 2, 17, 30)  # a Monday
        bases, days, copies = [], [], []
        with Vault.open(path, "pw") as vault:
            # Every benchmark copies the same demo vault: the audit head another copy left remembered
            # would read as a rollback of this one (and the policy then keeps every backup).
            anchor.forget(vault.vault_id)
            people = Records(vault).employees.first(70)
            for day in range(7):
                for person in people[day * 10:(day + 1) * 10]:
                    Records(vault).employees.update(person.id, position=f"Technician, day {day}")
                took = _timed(lambda d=day: make_backup(vault, keep=3, now=start + timedelta(days=d)))
                (bases if list_backups(path)[0].kind == "base" else days).append(took)
                copies.append(_timed(lambda: shutil.copyfile(path, plain)))
                if day == 0:
                    check_records_if_due(vault, now=start + timedelta(minutes=5))
            vault.close(backup=False)
        kept = list_backups(path)
        folder = sum(p.stat().st_size for p in backup_dir(path).iterdir())
        size = path.stat().st_size
        restore = _timed(lambda: restore_backup(path, kept[0].path))
        restore_copy = _timed(lambda: shutil.copyfile(plain, Path(tmp) / "plain-again"))
    n = f"{employees:,}"
    what = ", ".join(f"{sum(b.kind == k for b in kept)} {k}" for k in ("base", "increment", "full") if any(b.kind == k for b in kept))
    rows = [
        row(f"backup folder after a week of daily use, {n} ({len(kept)} points kept: {what})", folder / 2**20, "MiB",
            f"the vault {size / 2**20:.1f} MiB", folder / size, "<= 1x"),
        compare(f"one daily backup, {n} (copy, quick_check, page digests, increment and its check, rotation)", Timing(tuple(days)),
                "copying the file", Timing(tuple(copies)), "info"),
    ]
    if bases:
        rows.append(compare(f"the week's base, {n} (copy, quick_check, page digests, compress and check each chunk, read back)", Timing(tuple(bases)),
                            "copying the file", Timing(tuple(copies)), "info"))
    rows.append(compare(f"restore the newest day, {n} (rebuild, check, keep the replaced file, swap)",
                        Timing((restore,)), "copying the file", Timing((restore_copy,)), "info"))
    return rows


if __name__ == "__main__":
    print_table(run(int(sys.argv[1]) if len(sys.argv) > 1 else EMPLOYEES))
