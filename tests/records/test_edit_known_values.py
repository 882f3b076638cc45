"""A hand edit of an employee's department must name a department the vault knows; a new position is kept but
flagged.

Found on a second look: the window's edit form (and ``Session.update_employee`` behind it) accepted any text as a
department, so "Sales " typed as "Slaes" made a one-person department that the audits then counted as its own
group; an upheld data contest already refused that (``hrdesk contest resolve``). The rule now lives once in
``records.edit_rules`` and every path uses it. A position may be new (a promotion to a title the HR system has not
exported yet; no model or audit groups by position), so it is saved, with a warning that names the nearest ones.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hrdesk.errors import InvalidInputError
from hrdesk.records.edit_rules import EditValues, check_edit, known_value, vault_values
from hrdesk.records.types import Employee
from tests.letters.helpers import DATA, import_csv, new_session

DEPARTMENTS = ["IT/IS", "Production", "Sales"]
POSITIONS = ["Area Sales Manager", "Production Technician I", "Production Technician II"]
ANN = Employee(id="x", employee_id="1", name="Lee, Ann", department="Sales", position="Area Sales Manager",
               employment_status="Active", hire_date=dt.date(2020, 5, 1))


def _edit(department: str = "Sales", position: str = "Area Sales Manager"):
    return check_edit(ANN, EditValues(department, position, "Active", ""), departments=DEPARTMENTS, positions=POSITIONS)


def test_a_department_the_vault_lacks_is_refused_naming_the_known_ones() -> None:
    check = _edit(department="Slaes")
    assert not check.ok and "department" not in check.changes
    assert "'Slaes' is not a department in this vault" in check.errors["department"]
    assert "IT/IS, Production, Sales" in check.errors["department"]


def test_a_known_department_typed_in_another_case_is_kept_as_the_vault_spells_it() -> None:
    check = _edit(department="  production ")
    assert check.ok and check.changes == {"department": "Production"}


def test_a_new_position_is_saved_with_a_warning_and_a_known_one_is_spelled_as_the_vault_does() -> None:
    new = _edit(position="Production Technician III")
    assert new.ok and new.changes == {"position": "Production Technician III"}
    assert "no one else in this vault holds" in new.warnings["position"]
    assert "Production Technician I" in new.warnings["position"]  # the nearest known ones, to spot a typo
    known = _edit(position="production technician ii")
    assert known.ok and known.changes == {"position": "Production Technician II"} and not known.warnings


def test_without_the_known_lists_only_the_shape_is_checked() -> None:
    assert check_edit(ANN, EditValues("Anything", "Dev", "Active", "")).ok  # a caller that has no vault at hand


def test_known_value_refuses_with_a_hint_and_nothing_changed() -> None:
    with pytest.raises(InvalidInputError) as err:
        known_value("department", "Marketing", DEPARTMENTS)
    assert "not a department in this vault" in err.value.message and "Nothing was changed" in err.value.hint


def test_the_session_refuses_an_unknown_department_whoever_calls_it(tmp_path: Path) -> None:
    """The window checks first, but the core refuses too: the rule holds for any caller."""
    session = new_session(tmp_path)
    try:
        import_csv(session, DATA)
        records = session.records()
        person = records.employees.by_employee_id("10026")
        assert "Production" in vault_values(records.employees.list(), "department")
        with pytest.raises(InvalidInputError, match="not a department in this vault"):
            session.update_employee(person.id, department="Prodution")
        assert session.records().employees.get(person.id).department.strip() == person.department.strip()
        session.update_employee(person.id, department="sales")
        assert session.records().employees.get(person.id).department == "Sales"
    finally:
        session.close(backup=False)
