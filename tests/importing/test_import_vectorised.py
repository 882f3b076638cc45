"""The column-at-a-time reading and checking of a large import refuses exactly what a row-by-row check would.

Validation works on whole columns (each distinct cell converted once, rows
assembled in C) and the CSV reader shares repeated cells only up to a bound:
these tests hold both to the plain reading of the messy HRDataset copy,
with more damage injected, row by row.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import pytest

from hrdesk.importing import plan_for, prepare_import, readers
from hrdesk.importing.table import SourceTable
from hrdesk.records.fields import ALL_PURPOSES

TODAY = dt.date(2026, 11, 26)

# (column, bad cell, what the refusal says): one injected into each chosen row of the messy copy.
DAMAGE = [
    ("DateofHire", "13/45/2001", "not a date"),
    ("DateofHire", "1/1/2099", "more than a year in the future"),
    ("DOB", "1/1/1890", "before 1900"),
    ("DOB", "2/2/2030", "date of birth is in the future"),
    ("Absences", "lots", "not a whole number"),
    ("SpecialProjectsCount", "2.5", "not a whole number"),
    ("EmpSatisfaction", "9", "outside"),
    ("EngagementSurvey", "nan", "not a number"),
    ("EngagementSurvey", "inf", "not a number"),
    ("Employee_Name", "Smith, \x1b[31mJo", "control character"),
    ("Position", "Clerk\u202e", "control character"),
    ("PerformanceScore", "Great", "not on the"),
    ("HispanicLatino", "perhaps", "expected yes or no"),
    ("EmpID", "   ", "missing Employee ID"),
]


def _messy_rows(hr_dataset_messy: Path) -> tuple[list[str], list[list[str]]]:
    with open(hr_dataset_messy, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def _damaged_copy(hr_dataset_messy: Path, folder: Path) -> tuple[Path, dict[int, str]]:
    """The messy copy with one more problem in each of the first rows that have an id, plus two rows sharing
    an id; returns the file and {spreadsheet row: column damaged}."""
    header, rows = _messy_rows(hr_dataset_messy)
    damaged: dict[int, str] = {}
    candidates = [i for i, r in enumerate(rows) if len(r) == len(header) and r[header.index("EmpID")].strip()]
    for (column, cell, _why), i in zip(DAMAGE, candidates[::7]):
        rows[i][header.index(column)] = cell
        damaged[i + 2] = column
    twin = candidates[-1]
    rows[candidates[-2]][header.index("EmpID")] = rows[twin][header.index("EmpID")]
    path = folder / "damaged.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path, damaged


def _errors(plan) -> set[tuple[int, str, str, str]]:  # noqa: ANN001 - an ImportPlan
    return {(e.row, e.column, e.reason, e.value) for e in plan.errors}


def test_each_injected_problem_is_refused_naming_its_row_and_column(hr_dataset_messy: Path, tmp_path: Path) -> None:
    path, damaged = _damaged_copy(hr_dataset_messy, tmp_path)
    plan = prepare_import(path, today=TODAY)
    found = {(e.row, e.column): e.reason for e in plan.errors}
    for (column, _cell, why), row in zip(DAMAGE, sorted(damaged)):
        assert damaged[row] == column
        assert why in found[(row, column)], (row, column, found.get((row, column)))
    duplicate = [e for e in plan.errors if e.reason.startswith("duplicate employee id")]
    assert len(duplicate) == 2 and {e.column for e in duplicate} == {"EmpID"}
    # the messy copy's own problems are still there, as the row-by-row test pins them
    assert (10, "") in found and found[(10, "")] == "column shift: 35 fields where the header has 36"


def test_whole_file_check_equals_checking_each_row_alone(hr_dataset_messy: Path, tmp_path: Path) -> None:
    """Every refusal and every accepted value, cell for cell, is what a one-row file of that row gives."""
    path, damaged = _damaged_copy(hr_dataset_messy, tmp_path)
    whole = prepare_import(path, today=TODAY)
    mapping = whole.mapping
    mapping.date_order = whole.date_order  # a single row cannot show the file's date order
    table = whole.source
    accepted = {r.row: r.values for r in whole.rows}
    picked = sorted(set(damaged) | set(range(0, len(table.rows), 9)) | {2, 3, 10, 24})
    for i in picked:
        if i >= len(table.rows):
            continue
        alone = SourceTable(table.path, "csv", "utf-8", ",", table.header, [table.rows[i]], [table.row_numbers[i]])
        one = plan_for(alone, mapping, purposes=ALL_PURPOSES, today=TODAY)
        number = table.row_numbers[i]
        assert _errors(one) == {e for e in _errors(whole) if e[0] == number and not e[2].startswith("duplicate")}
        if one.rows:
            assert accepted.get(number) == one.rows[0].values
        else:
            assert number not in accepted


def test_refusals_do_not_depend_on_the_order_of_the_rows(hr_dataset_messy: Path, tmp_path: Path) -> None:
    path, _damaged = _damaged_copy(hr_dataset_messy, tmp_path)
    whole = prepare_import(path, today=TODAY)
    table = whole.source
    order = list(range(len(table.rows)))
    random.Random(5).shuffle(order)
    shuffled = SourceTable(table.path, "csv", "utf-8", ",", table.header, [table.rows[i] for i in order],
                           [table.row_numbers[i] for i in order])
    again = plan_for(shuffled, whole.mapping, purposes=ALL_PURPOSES, today=TODAY)
    assert _errors(again) == _errors(whole)
    assert {r.row: r.values for r in again.rows} == {r.row: r.values for r in whole.rows}


@pytest.mark.parametrize("bound", [3, readers.SHARED_CELLS])
def test_shared_cells_never_change_what_a_cell_reads(hr_dataset_messy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     bound: int) -> None:
    """3,300 rows: past the bound, known cells are still shared and new ones kept as read, never altered."""
    header, rows = _messy_rows(hr_dataset_messy)
    many = [[*r[:1], f"{n}{r[1]}", *r[2:]] for n in range(11) for r in rows]
    path = tmp_path / "many.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *many])
    monkeypatch.setattr(readers, "SHARED_CELLS", bound)
    table = readers.read_table(path)
    assert table.header == header and table.rows == many
    department = header.index("Department")
    assert table.rows[-1][department] is table.rows[0][department] == "Production       "
