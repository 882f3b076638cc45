"""How tests/data/legacy_single_key.hrdesk was made (run once, on main before team keys existed).

A vault of the single-key format (format 2, one data key, one HR user) with a
small organisation: 24 employees of the HR dataset in their managers' teams, a
review cycle with ratings and feedback, and well-being check-ins. Fast KDF
parameters so the migration tests open it in milliseconds. Passphrase:
"correct horse battery staple"; recovery key in legacy_single_key.txt.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
import tempfile
from pathlib import Path

from hrdesk.importing import import_file
from hrdesk.records import Records
from hrdesk.vault import KdfParams, Vault

HERE = Path(__file__).resolve().parent
MANAGERS = ("Amy Dunn", "Kelley Spirea", "Brannon Miller")


def main(target: Path) -> None:
    with open(HERE / "HRDataset_v14.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    col = header.index("ManagerName")
    picked = [r for r in body if r[col].strip() in MANAGERS][:24]
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.csv"
        with open(small, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([header, *picked])
        vault, recovery = Vault.create(target, org_name="Legacy Ltd", admin_name="Dana HR",
                                       passphrase="correct horse battery staple", kdf=KdfParams.fast_for_tests())
        with vault:
            with vault.transaction():
                import_file(vault, small, kind="employees")
            records = Records(vault)
            with vault.transaction():
                cycle = records.cycles.add("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31))
                for i, emp in enumerate(records.employees.list()):
                    records.ratings.add(emp.id, cycle.id, records.ratings.scale()[i % 4], review_date=dt.date(2024, 6, 1))
                    records.feedback.add(emp.id, cycle.id, f"Feedback {i}", date=dt.date(2024, 6, 1), author="Dana HR")
                    records.checkins.add(emp.id, dt.date(2024, 3, 1), mood=3, workload=3, stress=2)
        (target.with_suffix(".txt")).write_text(recovery + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
