"""How tests/data/v2_text_ids.hrdesk was made (run once, on main at 94c25c9, before compact ids).

A vault of format 2 with team keys, as hrdesk wrote it before format 3: every
id and link stored as 16 characters of text, protected attributes in rows of
their own linked to the employee, key ids spelled out in each ciphertext. 24
employees of the HR dataset in three managers' teams, their protected
attributes, a review cycle with ratings and feedback, well-being check-ins,
and a manager user ("Amy Dunn", passphrase "amy's passphrase") who holds her
team's key. Fast KDF parameters so the migration tests open it in
milliseconds. HR passphrase: "correct horse battery staple".
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
import tempfile
from pathlib import Path

from hrdesk.importing import import_file
from hrdesk.records import Records
from hrdesk.vault import KdfParams, Vault, members

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
        vault, _recovery = Vault.create(target, org_name="Text Ids Ltd", admin_name="Dana HR",
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
            amy_team = next(r.id for r in vault.rows("teams") if r.payload.get("manager_name") == "Amy Dunn")
            members.add(vault, "Amy Dunn", "manager", "amy's passphrase", KdfParams.fast_for_tests(),
                        manager_name="Amy Dunn", team_ids=[amy_team])
        vault.close(backup=False)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
