"""An organisation of two teams (HR-dataset rows of two managers) with ratings, and its users."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from hrdesk.importing import import_file
from hrdesk.records import Records
from hrdesk.session import Session
from hrdesk.vault import KdfParams

HR_PW = "correct horse battery staple"
AMY_PW = "amy's own long passphrase"
BRANNON_PW = "brannon's own long passphrase"
AUDITOR_PW = "the auditor's own passphrase"
MANAGERS = ("Amy Dunn", "Brannon Miller")


@dataclass
class Org:
    path: Path
    csv: Path
    header: list[str]
    rows: list[list[str]]
    team_of: dict[str, str]  # EmpID -> manager name, as the file says

    def names(self, manager: str) -> set[str]:
        return {r[self.header.index("EmpID")] for r in self.rows if r[self.header.index("ManagerName")].strip() == manager}

    def write(self, rows: list[list[str]]) -> None:
        with open(self.csv, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([self.header, *rows])


def employee_ids(session: Session) -> set[str]:
    return {str(e.employee_id) for e in session.records().employees.list()}


@pytest.fixture
def org(tmp_path: Path, hr_dataset: Path) -> Iterator[Org]:
    with open(hr_dataset, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    col = header.index("ManagerName")
    picked = [r for r in body if r[col].strip() in MANAGERS][:30]
    org = Org(tmp_path / "org.hrdesk", tmp_path / "staff.csv", header, picked,
              {r[header.index("EmpID")]: r[col].strip() for r in picked})
    org.write(picked)
    fast = KdfParams.fast_for_tests()
    session, _recovery = Session.create(org.path, org_name="Two Teams Ltd", admin_name="Dana HR", passphrase=HR_PW, kdf=fast)
    with session:
        session.perform(lambda v: import_file(v, org.csv, kind="employees"))

        def reviews(vault):  # noqa: ANN001, ANN202
            records = Records(vault)
            cycle = records.cycles.add("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31))
            for emp in records.employees.list():
                records.ratings.add(emp.id, cycle.id, records.ratings.scale()[1], review_date=dt.date(2024, 6, 1))
                records.feedback.add(emp.id, cycle.id, f"Feedback for {emp.name}", date=dt.date(2024, 6, 1))

        session.perform(reviews)
        session.add_user("Amy Dunn", "manager", AMY_PW, kdf=fast)
        session.add_user("Brannon Miller", "manager", BRANNON_PW, kdf=fast)
        session.add_user("Ada Auditor", "auditor", AUDITOR_PW, kdf=fast)
    assert org.names("Amy Dunn") and org.names("Brannon Miller")
    yield org
