"""The readings beyond one column to one field: scales and their evidence, leaving, age, names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from hrdesk.fairness.groups import age_bands
from hrdesk.importing import Mapping, MappingError, auto_map, import_file, prepare_import
from hrdesk.importing.scales import choose
from hrdesk.importing.understand import INVOLUNTARY, VOLUNTARY
from hrdesk.records import Records, protected
from hrdesk.records.fields import Purpose
from hrdesk.records.types import ProtectedAttributes

TODAY = dt.date(2026, 3, 15)


def write(tmp_path: Path, text: str, name: str = "f.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("values", "siblings", "expected", "said"),
    [
        ({"3", "4"}, {}, ["1", "2", "3", "4"], "the highest is 4"),
        ({"3", "4"}, {"JobSatisfaction": {"1", "2", "3", "4", "5"}}, ["1", "2", "3", "4", "5"], "run 1–5"),
        ({"3", "4"}, {"JobLevel": {"1", "2", "3", "4", "5"}}, ["1", "2", "3", "4"], "the highest is 4"),  # not a survey item
        ({"0", "2", "3"}, {}, ["0", "1", "2", "3"], "0–3"),
        ({"2", "3.0", "5", ""}, {}, ["1", "2", "3", "4", "5"], "the highest is 5"),
    ],
)
def test_numeric_codes_get_a_scale_and_the_sentence_that_chose_it(values, siblings, expected, said) -> None:
    choice = choose("Rating", values, siblings={"Rating": values, **siblings})
    assert choice is not None
    assert list(choice.labels) == expected and said in choice.evidence


@pytest.mark.parametrize("values", [{"1", "2"}, {"4", "70"}, {"good", "bad"}, set()])
def test_no_scale_is_guessed_from_too_little(values) -> None:
    assert choose("Rating", values, siblings={}) is None


def test_the_vaults_scale_wins_and_says_so() -> None:
    choice = choose("Rating", {"3", "4"}, siblings={}, prefer=["1", "2", "3", "4", "5"])
    assert choice is not None and choice.labels[-1] == "5" and "the vault's scale" in choice.evidence


def test_a_satisfaction_code_outside_its_declared_scale_is_a_row_error(tmp_path: Path) -> None:
    path = write(tmp_path, "Employee ID,JobSatisfaction,WorkLifeBalance\n1,4,1\n2,2,2\n3,3,4\n4,1,3\n")
    plan = prepare_import(path, "employees", today=TODAY)
    assert plan.mapping.scales["satisfaction"] == ["1", "2", "3", "4"] and plan.ok
    plan.mapping.set_scale("satisfaction", ["1", "2", "3"])
    again = plan.remap(plan.mapping)
    assert [(e.row, e.reason) for e in again.errors] == [(2, "outside the satisfaction scale 1–3")]
    assert any("set by hand" in note for note in again.understood)


def test_a_mapping_file_without_the_satisfaction_scale_still_imports(vault, tmp_path: Path) -> None:
    path = write(tmp_path, "Employee ID,Satisfaction\n1,5\n2,3\n3,1\n")
    mapping = Mapping.from_dict({"kind": "employees", "columns": {"Employee ID": "employee_id", "Satisfaction": "satisfaction"}})
    report = import_file(vault, path, mapping=mapping, today=TODAY)
    assert report.added == 3 and any("1–5" in note for note in report.understood)


def test_a_derived_field_cannot_be_mapped(tmp_path: Path) -> None:
    with pytest.raises(MappingError) as caught:
        Mapping.from_dict({"kind": "employees", "columns": {"EmpID": "employee_id", "When": "age_on"}})
    assert "not an hrdesk field" in caught.value.message and "--fields" in caught.value.hint


def test_statuses_that_say_only_inactive_are_read_with_the_reason(vault, tmp_path: Path) -> None:
    path = write(tmp_path, "Emp No,Status,Termination Type\n1,Active,\n2,Inactive,Voluntary\n3,Inactive,Involuntary\n"
                           "4,Inactive,\n5,Terminated for Cause,\n6,Voluntarily Terminated,\n")
    report = import_file(vault, path, today=TODAY)
    statuses = {e.employee_id: e.employment_status for e in Records(vault).employees.list()}
    assert statuses == {"1": "Active", "2": VOLUNTARY, "3": INVOLUNTARY, "4": VOLUNTARY,
                        "5": "Terminated for Cause", "6": "Voluntarily Terminated"}
    note = next(n for n in report.understood if n.startswith("Leaving"))
    assert "'Inactive' for 3 people" in note and "1 have an involuntary reason" in note


def test_a_leaving_flag_never_overrides_a_status_the_file_gives(vault, tmp_path: Path) -> None:
    path = write(tmp_path, "EmpID,Employment Status,Attrition\n1,Active,No\n2,,Yes\n3,Terminated for Cause,Yes\n")
    report = import_file(vault, path, today=TODAY)
    statuses = {e.employee_id: e.employment_status for e in Records(vault).employees.list()}
    assert statuses == {"1": "Active", "2": VOLUNTARY, "3": "Terminated for Cause"}
    assert any("2 rows keep the status given in 'Employment Status'" in n for n in report.understood)


def test_split_names_are_joined_and_a_later_file_without_names_keeps_them(vault, tmp_path: Path) -> None:
    import_file(vault, write(tmp_path, "employee_id,first_name,last_name\n7,Zoë,Müller\n"), today=TODAY)
    report = import_file(vault, write(tmp_path, "employee_id,department\n7,Sales\n", "later.csv"), today=TODAY)
    assert report.updated == 1
    person = Records(vault).employees.require("7")
    assert (person.name, person.department) == ("Zoë Müller", "Sales")
    stored = next(iter(vault.rows("employees"))).payload
    assert "first_name" not in stored and "last_name" not in stored


def test_an_age_is_stored_as_a_protected_attribute_and_gives_the_age_band(vault, tmp_path: Path) -> None:
    path = write(tmp_path, "EmployeeNumber,Age\n1,39\n2,40\n3,\n")
    report = import_file(vault, path, today=TODAY)
    assert any(n.startswith("Age: 'Age' holds ages in years") for n in report.understood)
    attrs = protected.for_fairness(vault, purpose=Purpose.FAIRNESS)
    by_id = {e.id: e.employee_id for e in Records(vault).employees.list()}
    stored = {by_id[k]: (a.age, a.age_on) for k, a in attrs.items()}
    assert stored == {"1": (39, TODAY), "2": (40, TODAY), "3": (None, None)}
    births = pd.Series({by_id[k]: protected.birth_date_for_age(a) for k, a in attrs.items()}).sort_index()
    assert age_bands(births, pd.Timestamp(TODAY)).tolist()[:2] == ["under 40", "40 and over"]
    # half a year later the 39-year-old may have turned 40: the band follows, the stored age does not change
    assert age_bands(births, pd.Timestamp(TODAY + dt.timedelta(days=200))).tolist()[0] == "40 and over"


@pytest.mark.parametrize("day", [dt.date(2024, 2, 29), dt.date(2025, 1, 1), dt.date(2025, 12, 31)])
@pytest.mark.parametrize("age", [18, 39, 40, 64])
def test_the_estimated_birth_date_gives_exactly_the_age_on_the_day_it_was_read(day: dt.date, age: int) -> None:
    born = protected.birth_date_for_age(ProtectedAttributes("x", "e", age=age, age_on=day))
    assert born is not None
    years = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    assert years == age


def test_a_date_of_birth_beats_an_age() -> None:
    born = dt.date(1980, 5, 1)
    attrs = ProtectedAttributes("x", "e", date_of_birth=born, age=20, age_on=TODAY)
    assert protected.birth_date_for_age(attrs) == born
    assert protected.birth_date_for_age(ProtectedAttributes("x", "e")) is None


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("EmployeeNumber", "employee_id"), ("employee_id", "employee_id"), ("Emp No", "employee_id"),
        ("Employee #", "employee_id"), ("personIdExternal", "employee_id"), ("userId", "employee_id"),
        ("hireDate", "hire_date"), ("Date of Joining", "hire_date"), ("job_title", "position"), ("JobRole", "position"),
        ("Business Title", "position"), ("Reporting to", "manager_name"), ("Supervisory Organization", "department"),
        ("Attrition", "left"), ("is_terminated", "left"), ("Primary Termination Reason", "termination_reason"),
        ("Race/Ethnicity", "race"), ("Hispanic or Latino", "hispanic_latino"), ("Date Of Birth", "date_of_birth"),
        ("Age", "age"), ("firstName", "first_name"), ("Surname", "last_name"), ("PerformanceRating", "performance_score"),
        ("JobSatisfaction", "satisfaction"),
    ],
)
def test_header_spellings_across_hris_exports(header: str, field: str) -> None:
    mapping = auto_map([header], "employees")
    assert mapping.field_of(header) == field


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("EmpID,Employment Status\n1,Full-Time\n2,Part-Time\n", "say nothing about leaving, so the audit cannot see who left"),
        ("EmpID,Employment Status\n1,Active\n2,Active\n", "marks no one as having left"),
    ],
)
def test_a_status_column_that_cannot_show_leaving_is_said_so(tmp_path: Path, text: str, said: str) -> None:
    plan = prepare_import(write(tmp_path, text), "employees", today=TODAY)
    assert any(said in note for note in plan.understood)


def test_the_data_access_export_shows_the_age_and_its_date(vault, tmp_path: Path) -> None:
    from hrdesk.records.export import collect

    import_file(vault, write(tmp_path, "EmployeeNumber,Age\n1,39\n"), today=TODAY)
    data = collect(Records(vault), "1")
    assert data["protected_attributes"]["Age (years)"] == 39
    assert data["protected_attributes"]["Age recorded on"] == TODAY.isoformat()
    assert data["employee"]["Name"] == "1"  # a pseudonymised export: the id is the name shown
