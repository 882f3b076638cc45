"""Importing the real HRDataset_v14 export and its damaged copy."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from hrdesk.importing import ImportValidationError, import_file, prepare_import
from hrdesk.records import Records
from hrdesk.records.repository import RATING_SCALES_KEY

HRDATASET_FIELDS = {
    "Employee_Name": "name",
    "EmpID": "employee_id",
    "ManagerName": "manager_name",
    "Department": "department",
    "Position": "position",
    "Sex": "sex",
    "RaceDesc": "race",
    "HispanicLatino": "hispanic_latino",
    "DOB": "date_of_birth",
    "DateofHire": "hire_date",
    "DateofTermination": "termination_date",
    "TermReason": "termination_reason",
    "EmploymentStatus": "employment_status",
    "PerformanceScore": "performance_score",
    "EngagementSurvey": "engagement",
    "EmpSatisfaction": "satisfaction",
    "Absences": "absences",
    "SpecialProjectsCount": "special_projects",
    "LastPerformanceReview_Date": "last_review_date",
}
MUST_DROP = {"Salary", "Zip", "State", "MaritalDesc", "CitizenDesc", "RecruitmentSource", "MarriedID", "GenderID", "ManagerID", "PerfScoreID", "DeptID"}


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def import_actions(vault) -> list[str]:
    return [e.action for e in vault.audit_entries() if e.action.startswith("import.")]


def test_hrdataset_auto_maps_every_purposeful_column(hr_dataset: Path) -> None:
    plan = prepare_import(hr_dataset, "employees")
    assert {c.source: c.field for c in plan.mapping.columns if c.field} == HRDATASET_FIELDS
    dropped = {d.source: d.reason for d in plan.dropped_columns}
    assert MUST_DROP <= dropped.keys()
    assert "pay" in dropped["Salary"] and "numeric code" in dropped["GenderID"]
    assert plan.mapping.scales == {
        "performance": ["PIP", "Needs Improvement", "Fully Meets", "Exceeds"],
        "satisfaction": ["1", "2", "3", "4", "5"],
    }
    assert plan.ok and len(plan.rows) == 311


def test_hrdataset_imports_people_teams_and_scores(vault, hr_dataset: Path) -> None:
    source = read_csv(hr_dataset)
    report = import_file(vault, hr_dataset)
    records = Records(vault)
    assert (report.added, report.updated, report.skipped) == (311, 0, [])
    counts = records.counts()
    assert counts.employees == 311
    assert counts.teams == len({r["ManagerName"] for r in source}) == 21
    assert counts.leavers == sum(1 for r in source if r["DateofTermination"])
    employees = records.employees.list()
    assert Counter(e.performance_score for e in employees) == Counter(r["PerformanceScore"] for r in source)
    assert vault.meta_get(RATING_SCALES_KEY) == {
        "performance": ["PIP", "Needs Improvement", "Fully Meets", "Exceeds"],
        "satisfaction": ["1", "2", "3", "4", "5"],
    }
    assert import_actions(vault) == ["import.employees"]


def test_hrdataset_values_are_typed_and_clean(vault, hr_dataset: Path) -> None:
    import_file(vault, hr_dataset)
    wilson = Records(vault).employees.by_employee_id("10026")
    assert wilson is not None
    assert wilson.name == "Adinolfi, Wilson K"  # whitespace collapsed
    assert wilson.department == "Production"  # trailing spaces in the export
    assert wilson.hire_date.isoformat() == "2011-07-05"
    assert wilson.engagement == 4.6 and wilson.satisfaction == 5 and wilson.absences == 1
    assert not hasattr(wilson, "sex") and not hasattr(wilson, "date_of_birth")


def test_teams_are_direct_reports_and_link_managers_who_are_employees(vault, hr_dataset: Path) -> None:
    source = read_csv(hr_dataset)
    import_file(vault, hr_dataset)
    records = Records(vault)
    team = records.teams.by_manager("Amy Dunn")
    assert team is not None
    assert len(records.employees.in_team(team.id)) == sum(1 for r in source if r["ManagerName"] == "Amy Dunn")
    assert records.employees.get(team.manager_employee_id).name == "Dunn, Amy"
    # "Brandon R. LeBlanc" manages; the employee list has "LeBlanc, Brandon  R"
    leblanc = records.teams.by_manager("Brandon R. LeBlanc")
    assert records.employees.get(leblanc.manager_employee_id).employee_id == "10134"
    assert records.teams.by_manager("Board of Directors").manager_employee_id is None
    unlinked = {t.manager_name for t in records.teams.list() if not t.manager_employee_id}
    assert unlinked == {"Board of Directors", "Alex Sweetwater", "David Stanley", "Michael Albert", "Webster Butler"}


def test_messy_copy_is_rejected_row_by_row_and_nothing_is_written(vault, hr_dataset_messy: Path) -> None:
    before = vault.audit_entries()
    with pytest.raises(ImportValidationError) as caught:
        import_file(vault, hr_dataset_messy)
    errors = [(e.row, e.column, e.reason) for e in caught.value.errors]
    assert errors == [
        (2, "EmpID", "missing Employee ID (required)"),
        (3, "EmpID", "missing Employee ID (required)"),
        (4, "EmpID", "missing Employee ID (required)"),
        (5, "EmpID", "missing Employee ID (required)"),
        (6, "EmpID", "missing Employee ID (required)"),
        (10, "", "column shift: 35 fields where the header has 36"),
        (24, "EmpID", "missing Employee ID (required)"),
    ]
    assert "7 problems in 7 rows" in caught.value.message
    assert vault.audit_entries() == before
    assert "employees" not in vault.tables() or vault.count("employees") == 0


def test_messy_copy_findings_match_the_file(hr_dataset_messy: Path) -> None:
    """The expected rows above, derived independently with the csv module."""
    with open(hr_dataset_messy, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    shifted = [n for n, r in enumerate(rows[1:], start=2) if len(r) != len(header)]
    missing = [n for n, r in enumerate(rows[1:], start=2) if len(r) == len(header) and not r[header.index("EmpID")].strip()]
    assert shifted == [10] and missing == [2, 3, 4, 5, 6, 24]


def test_messy_copy_with_skip_invalid_imports_the_rest_sensibly(vault, hr_dataset_messy: Path, hr_dataset: Path) -> None:
    report = import_file(vault, hr_dataset_messy, skip_invalid=True)
    assert report.added == 311 - 7
    assert sorted({e.row for e in report.skipped}) == [2, 3, 4, 5, 6, 10, 24]
    records = Records(vault)
    assert records.counts().employees == 304
    # the same people as in the clean file, with the same scores
    clean = {r["EmpID"]: r for r in read_csv(hr_dataset)}
    for employee in records.employees.list():
        assert employee.performance_score == clean[employee.employee_id]["PerformanceScore"]
    entry = [e for e in vault.audit_entries() if e.action == "import.employees"][-1]
    assert entry.details["skipped_rows"] == 7 and entry.details["added"] == 304


def test_two_digit_birth_years_resolve_into_the_past(vault, hr_dataset_messy: Path, hr_dataset: Path) -> None:
    """03/10/75 is 1975, never 2075: the messy copy's dates of birth equal the clean file's."""
    from hrdesk.records import protected
    from hrdesk.records.fields import Purpose

    import_file(vault, hr_dataset_messy, skip_invalid=True)
    clean = {r["EmpID"]: r["DOB"] for r in read_csv(hr_dataset)}
    by_id = {e.id: e.employee_id for e in Records(vault).employees.list()}
    attributes = protected.for_fairness(vault, purpose=Purpose.FAIRNESS)
    assert len(attributes) == 304
    for vault_id, attrs in attributes.items():
        month, day, year = clean[by_id[vault_id]].split("/")
        assert attrs.date_of_birth.isoformat() == f"{year}-{int(month):02d}-{int(day):02d}"


def test_excel_round_trip_gives_the_same_result(vault, hr_dataset: Path, tmp_path: Path) -> None:
    import pandas as pd

    xlsx = tmp_path / "hr.xlsx"
    pd.read_csv(hr_dataset, dtype=str, keep_default_na=False, encoding="utf-8-sig").to_excel(xlsx, index=False)
    report = import_file(vault, xlsx)
    assert report.added == 311 and not report.skipped
    records = Records(vault)
    source = read_csv(hr_dataset)
    assert Counter(e.performance_score for e in records.employees.list()) == Counter(r["PerformanceScore"] for r in source)
    assert records.counts().teams == 21
    assert records.employees.by_employee_id("10026").hire_date.isoformat() == "2011-07-05"


def test_excel_with_native_dates_and_numbers(vault, hr_dataset: Path, tmp_path: Path) -> None:
    import pandas as pd

    frame = pd.read_csv(hr_dataset, encoding="utf-8-sig")
    for column in ("DOB", "DateofHire", "DateofTermination", "LastPerformanceReview_Date"):
        frame[column] = pd.to_datetime(frame[column], format="%m/%d/%Y")
    xlsx = tmp_path / "typed.xlsx"
    frame.to_excel(xlsx, index=False)
    report = import_file(vault, xlsx)
    assert report.added == 311
    wilson = Records(vault).employees.by_employee_id("10026")
    assert wilson.hire_date.isoformat() == "2011-07-05" and wilson.absences == 1


class CancelAfterBegin:
    """Asks to stop as soon as the import has started writing."""

    def __init__(self) -> None:
        self.began: list[tuple[str, int]] = []

    def begin(self, label: str, total: int) -> None:
        self.began.append((label, total))

    def advance(self, steps: int = 1) -> None:
        pass

    def cancelled(self) -> bool:
        return len(self.began) > 1


def test_cancel_rolls_everything_back(vault, hr_dataset: Path) -> None:
    from hrdesk.errors import CancelledError

    before = len(vault.audit_entries())
    progress = CancelAfterBegin()
    with pytest.raises(CancelledError):
        import_file(vault, hr_dataset, progress=progress)
    assert progress.began[-1] == ("Importing employees", 311)
    assert vault.count("employees") == 0 and vault.count("teams") == 0 and vault.count("protected_attributes") == 0
    assert len(vault.audit_entries()) == before and vault.meta_get(RATING_SCALES_KEY) is None


def test_formatted_numbers_in_the_messy_copy_read_as_the_clean_values(vault, hr_dataset_messy: Path, hr_dataset: Path) -> None:
    import_file(vault, hr_dataset_messy, skip_invalid=True)
    clean = {r["EmpID"]: r for r in read_csv(hr_dataset)}
    for employee in Records(vault).employees.list():
        row = clean[employee.employee_id]
        assert employee.engagement == float(row["EngagementSurvey"])  # "5.00" in the messy copy
        assert employee.absences == int(row["Absences"])
