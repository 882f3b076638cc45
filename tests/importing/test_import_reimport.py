"""Re-importing a newer export updates people in place and records what changed."""

from __future__ import annotations

import csv
from pathlib import Path

from hrdesk.importing import import_file
from hrdesk.records import Records


def write_changed_copy(source: Path, target: Path, changes: dict[str, dict[str, str]], drop_ids: set[str] = frozenset()) -> None:
    with open(source, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row.update(changes.get(row["EmpID"], {}))
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(r for r in rows if r["EmpID"] not in drop_ids)


def test_reimport_updates_without_duplicates_and_audits_field_names(vault, hr_dataset: Path, tmp_path: Path) -> None:
    import_file(vault, hr_dataset)
    records = Records(vault)
    ids_before = {e.employee_id: e.id for e in records.employees.list()}
    newer = tmp_path / "newer.csv"
    write_changed_copy(
        hr_dataset,
        newer,
        {
            "10026": {"Department": "IT/IS", "PerformanceScore": "Fully Meets"},
            "10084": {"Absences": "3"},
            "10196": {"ManagerName": "Amy Dunn", "Sex": "M"},
        },
    )
    report = import_file(vault, newer)
    assert (report.added, report.updated, report.unchanged) == (0, 3, 308)
    assert report.fields_changed == {"department": 1, "performance_score": 1, "absences": 1, "manager_name": 1, "team": 1, "sex": 1}
    assert {e.employee_id: e.id for e in records.employees.list()} == ids_before
    assert records.counts().employees == 311
    wilson = records.employees.by_employee_id("10026")
    assert (wilson.department, wilson.performance_score) == ("IT/IS", "Fully Meets")
    moved = records.employees.by_employee_id("10196")
    assert moved.team_id == records.teams.by_manager("Amy Dunn").id

    entries = vault.audit_entries()
    summary = [e for e in entries if e.action == "import.employees"][-1]
    assert summary.details["updated"] == 3 and summary.details["added"] == 0
    per_person = {e.target: e.details["fields"] for e in entries if e.action == "employee.updated"}
    assert per_person[ids_before["10026"]] == ["department", "performance_score"]
    assert per_person[ids_before["10196"]] == ["manager_name", "sex", "team"]
    # field names and counts only, never a value from the file
    flat = repr([(e.target, e.details) for e in entries])
    for value in ("IT/IS", "Fully Meets", "Amy Dunn", "Adinolfi", "10026"):
        assert value not in flat


def test_reimport_of_a_partial_file_leaves_others_alone(vault, hr_dataset: Path, tmp_path: Path) -> None:
    import_file(vault, hr_dataset)
    partial = tmp_path / "partial.csv"
    write_changed_copy(hr_dataset, partial, {}, drop_ids={"10026", "10084"})
    report = import_file(vault, partial)
    assert report.not_in_file == 2 and report.unchanged == 309
    assert Records(vault).counts().employees == 311


def test_reimport_with_fewer_columns_does_not_blank_the_rest(vault, hr_dataset: Path, tmp_path: Path) -> None:
    import_file(vault, hr_dataset)
    slim = tmp_path / "slim.csv"
    with open(hr_dataset, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(slim, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Employee ID", "Name", "Department"])
        writer.writerows([r["EmpID"], r["Employee_Name"], "Sales"] for r in rows)
    report = import_file(vault, slim)
    wilson = Records(vault).employees.by_employee_id("10026")
    assert wilson.department == "Sales" and wilson.performance_score == "Exceeds" and wilson.team_id
    assert report.fields_changed["department"] == sum(1 for r in rows if r["Department"].strip() != "Sales")
