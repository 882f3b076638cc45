"""importing (hrdesk/importing/*) and re-importing employees."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from hrdesk.importing import import_file, prepare_import
from hrdesk.records import Records

TODAY = dt.date(2024, 1, 1)


def _csv(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reimport_with_float_formatted_ids_does_not_duplicate_people(vault, tmp_path: Path) -> None:
    """An export re-saved through pandas/Excel writes 10026 as '10026.0' (any column with a blank becomes float).

    The person must be matched, not added a second time under a new id.
    """
    first = _csv(tmp_path, "jan.csv", "EmpID,Employee_Name\n10026,\"Doe, Jo\"\n10027,\"Roe, Al\"\n")
    again = _csv(tmp_path, "feb.csv", "EmpID,Employee_Name\n10026.0,\"Doe, Jo\"\n10027.0,\"Roe, Al\"\n")
    import_file(vault, first, today=TODAY)
    report = import_file(vault, again, today=TODAY)
    records = Records(vault)
    ids = sorted(e.employee_id for e in records.employees.list())
    assert ids == ["10026", "10027"], f"re-import duplicated people: {ids} (report: {report.added} added)"


def test_excel_with_a_title_row_finds_the_header(vault, tmp_path: Path) -> None:
    """HRIS Excel exports often start with a title line ('Employee export, Jan 2024') above the header."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Employee export, January 2024"])
    ws.append(["EmpID", "Employee_Name", "PerformanceScore"])
    ws.append([10026, "Doe, Jo", "Exceeds"])
    ws.append([10027, "Roe, Al", "PIP"])
    path = tmp_path / "export.xlsx"
    wb.save(path)
    plan = prepare_import(path, today=TODAY)
    assert plan.problems == [], plan.problems
    assert [r.values["employee_id"] for r in plan.rows] == ["10026", "10027"]
    assert [r.row for r in plan.rows] == [3, 4]  # as Excel shows them
