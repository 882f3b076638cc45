"""An employee's own data export, and formula-injection safety of its CSVs."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from hrdesk.errors import InvalidInputError, RecordNotFoundError
from hrdesk.importing import import_file
from hrdesk.records import Records
from hrdesk.records.export import export_employee, safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (None, ""),
        (True, "yes"),
        (dt.date(2020, 1, 2), "2020-01-02"),
    ],
)
def test_safe_cell_neutralises_formulas(value, expected) -> None:
    assert safe_cell(value) == expected


def test_export_has_everything_about_the_employee(vault, hr_dataset: Path, tmp_path: Path) -> None:
    import_file(vault, hr_dataset)
    records = Records(vault)
    wilson = records.employees.by_employee_id("10026")
    cycle = records.cycles.add("2024")
    records.feedback.add(wilson.id, cycle.id, "=cmd|' /C calc'!A0 great work", date=dt.date(2024, 1, 1))
    records.checkins.add(wilson.id, dt.date(2024, 2, 1), mood=4, workload=2, stress=1, comment="@mention me")
    records.consents.record_change(wilson.id, "ai_processing", False, by="HR")
    result = export_employee(records, "10026", tmp_path / "out")
    names = {p.name for p in result.files}
    assert {"employee.json", "employee.csv", "protected_attributes.csv", "feedback.csv", "wellbeing_checkins.csv", "consents.csv"} <= names

    data = json.loads((tmp_path / "out" / "employee.json").read_text(encoding="utf-8"))
    assert data["employee"]["Employee ID"] == "10026" and data["employee"]["Name"] == "Adinolfi, Wilson K"
    assert data["protected_attributes"]["Date of birth"] == "1983-07-10" and data["protected_attributes"]["Sex"] == "M"
    assert data["feedback"][0]["text"].startswith("=cmd") and data["feedback"][0]["cycle"] == "2024"
    assert data["consents"][0]["granted"] is False

    with open(tmp_path / "out" / "feedback.csv", encoding="utf-8-sig", newline="") as handle:
        feedback = list(csv.DictReader(handle))
    assert feedback[0]["text"] == "'=cmd|' /C calc'!A0 great work"
    with open(tmp_path / "out" / "wellbeing_checkins.csv", encoding="utf-8-sig", newline="") as handle:
        assert list(csv.DictReader(handle))[0]["comment"] == "'@mention me"
    entry = vault.audit_entries()[-1]
    assert entry.action == "export.subject_access" and entry.target == wilson.id


def test_export_refuses_unknown_employee_and_a_used_folder(vault, hr_dataset: Path, tmp_path: Path) -> None:
    import_file(vault, hr_dataset)
    records = Records(vault)
    with pytest.raises(RecordNotFoundError):
        export_employee(records, "nobody", tmp_path / "x")
    export_employee(records, "10026", tmp_path / "y")
    with pytest.raises(InvalidInputError):
        export_employee(records, "10026", tmp_path / "y")
