"""The backup folder after a week of daily use at 100,000 people, against the vault it protects.

Run alone with ``python -m tests.benchmarks.bench_backups [N]``. A copy of the
shared demo organisation is used for seven days: each day some people are
edited and the day's backup is taken (``make_backup`` with that day's date, as
the close of a changed vault or the window's daily backup takes it); on the
first day the window's background record check runs (``check_records_if_due``).
The row is the folder's size against the vault file's, and how many copies the
policy (``vault.backup.keep_policy``) kept. Also timed: one backup (the online
copy, its ``quick_check`` and the rotation, which decrypts nothing) against
copying the file with ``shutil.copyfile``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from hrdesk.records import Records
from hrdesk.vault import Vault, anchor
from hrdesk.vault.backup import backup_dir, check_records_if_due, list_backups, make_backup
from tests.benchmarks.common import Timing, compare, copy_vault, demo_vault, print_table, row

EMPLOYEES = 100_000


def run(employees: int = EMPLOYEES) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        path = copy_vault(demo_vault(employees), Path(tmp) / "week.hrdesk")
        start = datetime(2026, 3, 2, 17, 30)  # a Monday
        backups, copies = [], []
        with Vault.open(path, "pw") as vault:
            # Every benchmark copies the same demo vault: the audit head another copy left remembered
            # would read as a rollback of this one (and the policy then keeps every backup).
            anchor.forget(vault.vault_id)
            people = Records(vault).employees.first(70)
            for day in range(7):
                for person in people[day * 10:(day + 1) * 10]:
                    Records(vault).employees.update(person.id, position=f"Technician, day {day}")
                t0 = datetime.now()
                make_backup(vault, keep=3, now=start + timedelta(days=day))
                backups.append((datetime.now() - t0).total_seconds())
                t0 = datetime.now()
                shutil.copyfile(path, Path(tmp) / "plain-copy")
                copies.append((datetime.now() - t0).total_seconds())
                if day == 0:
                    check_records_if_due(vault, now=start + timedelta(minutes=5))
            vault.close(backup=False)
        kept = list_backups(path)
        folder = sum(p.stat().st_size for p in backup_dir(path).iterdir())
        size = path.stat().st_size
    n = f"{employees:,}"
    return [
        row(f"backup folder after a week of daily use, {n} ({len(kept)} copies kept)", folder / 2**20, "MiB",
            f"the vault {size / 2**20:.1f} MiB", folder / size, "<= 1x"),
        compare(f"one daily backup, {n} (copy, quick_check, rotation)", Timing(tuple(backups)), "copying the file",
                Timing(tuple(copies)), "info"),
    ]


if __name__ == "__main__":
    print_table(run(int(sys.argv[1]) if len(sys.argv) > 1 else EMPLOYEES))
