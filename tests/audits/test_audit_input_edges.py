"""building the audit input from vault records (hrdesk/fairness/vault_input.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from hrdesk.fairness.vault_input import audit_input_from_records
from hrdesk.importing import import_file
from hrdesk.records import Records

TODAY = dt.date(2026, 1, 15)

HEADER = "EmpID,Employee_Name,ManagerName,EmploymentStatus,DateofTermination,PerformanceScore,Sex,DOB\n"


def _import(vault, tmp_path: Path, body: str) -> Records:
    path = tmp_path / "hris.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    import_file(vault, path, today=TODAY)
    return Records(vault)


def _row(people: pd.DataFrame, records: Records, employee_id: str) -> pd.Series:
    vault_id = records.employees.by_employee_id(employee_id).id
    return people.set_index("person").loc[vault_id]


def test_cycle_audit_does_not_borrow_the_hris_score_of_people_unrated_in_that_cycle(vault, tmp_path: Path) -> None:
    """`hrdesk audit --cycle 2023` must audit the 2023 ratings only.

    Someone hired in 2025 has no 2023 rating; today the HRIS 'PerformanceScore'
    (their latest, 2025 score) is put in their place, so the 2023 audit counts
    a 2025 'Exceeds' as a 2023 high rating.
    """
    records = _import(
        vault,
        tmp_path,
        "1,\"Old, Ann\",Boss One,Active,,Fully Meets,F,1/1/1980\n"
        "2,\"New, Bob\",Boss One,Active,,Exceeds,M,1/1/1990\n",
    )
    old = records.employees.by_employee_id("1")
    c2023 = records.cycles.add("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    records.ratings.add(old.id, c2023.id, "PIP", review_date=dt.date(2023, 12, 1))

    data = audit_input_from_records(records, cycle="2023", reference_date=TODAY)

    assert _row(data.people, records, "1")["rating"] == "PIP"
    new_rating = _row(data.people, records, "2")["rating"]
    assert pd.isna(new_rating), f"a person not rated in cycle 2023 got the rating {new_rating!r} from the HRIS export"


@pytest.mark.parametrize(
    ("status", "voluntary"),
    [
        ("Voluntarily Terminated", True),
        ("Involuntarily Terminated", False),  # contains the substring "voluntarily"
        ("Voluntary Resignation", True),  # does not contain "voluntarily"
        ("Terminated - Involuntary", False),
    ],
)
def test_voluntary_leaving_is_read_correctly_from_the_status(vault, tmp_path: Path, status: str, voluntary: bool) -> None:
    records = _import(vault, tmp_path, f"1,\"Doe, Jo\",Boss One,{status},6/1/2024,Fully Meets,F,1/1/1980\n")
    data = audit_input_from_records(records, reference_date=TODAY)
    assert bool(_row(data.people, records, "1")["left_voluntarily"]) is voluntary, status


def test_cycle_audit_measures_age_when_the_cycle_happened(vault, tmp_path: Path) -> None:
    """Age bands ('40 and over') must be taken at the cycle audited, not on the day the command runs.

    Born 1984-06-01: 36 when rated in the 2020 cycle, 41 today. Auditing the
    2020 cycle today puts a 36-year-old's rating in the '40 and over' group.
    """
    records = _import(vault, tmp_path, "1,\"Doe, Jo\",Boss One,Active,,Fully Meets,F,6/1/1984\n")
    jo = records.employees.by_employee_id("1")
    c2020 = records.cycles.add("2020", dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    records.ratings.add(jo.id, c2020.id, "Exceeds", review_date=dt.date(2020, 12, 1))

    data = audit_input_from_records(records, cycle="2020")  # what `hrdesk audit --cycle 2020` does

    assert data.reference_date <= dt.date(2020, 12, 31), (
        f"the 2020 cycle is audited with ages as of {data.reference_date}"
    )


def test_a_cycle_nobody_was_employed_in_is_refused_in_plain_words(vault, tmp_path: Path) -> None:
    from hrdesk.errors import InvalidInputError

    records = _import(
        vault,
        tmp_path,
        "1,\"Gone, Ann\",Boss One,Voluntarily Terminated,1/31/2010,Fully Meets,F,1/1/1980\n"
        "2,\"Gone, Bob\",Boss One,Voluntarily Terminated,6/30/2011,Exceeds,M,1/1/1990\n",
    )
    records.cycles.add("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    with pytest.raises(InvalidInputError) as err:
        audit_input_from_records(records, cycle="2023", reference_date=TODAY)
    assert "2023" in err.value.message and "employed" in err.value.message
    assert err.value.hint
