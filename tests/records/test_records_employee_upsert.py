"""Re-importing employees compares each stored record as it is read: the outcome is what a record-by-record
comparison gives, for unchanged, changed, moved, new and missing people, and for a file naming someone twice."""

from __future__ import annotations

from hrdesk.records import Records, tables
from hrdesk.records.employees import upsert_employees

FIELDS = {"employee_id", "name", "department", "manager_name", "sex", "race"}


def _people() -> list[dict]:
    return [
        {"employee_id": "1", "name": "Lee, Ann", "department": "Sales", "manager_name": "Kim Park", "sex": "F", "race": "Asian"},
        {"employee_id": "2", "name": "Park, Kim", "department": "Sales", "manager_name": None, "sex": "F", "race": "White"},
        {"employee_id": "3", "name": "Chan, Bo", "department": "IT", "manager_name": "Kim Park", "sex": "M", "race": "White"},
        {"employee_id": "4", "name": "Ode, Tam", "department": "IT", "manager_name": "Kim Park", "sex": "M", "race": "Black"},
    ]


def _stored(vault) -> dict[str, tuple]:
    records = Records(vault)
    protected = {r.links["employee_id"]: r.payload for r in vault.rows(tables.PROTECTED)}
    return {e.employee_id: (e.name, e.department, e.manager_name, e.team_id, protected[e.id]["sex"], protected[e.id]["race"])
            for e in records.employees.list()}


def test_a_reimport_updates_only_what_changed(vault) -> None:
    records = Records(vault)
    with vault.transaction():
        first = upsert_employees(vault, _people(), fields=FIELDS)
    assert (first.added, first.updated, first.unchanged, first.teams_added) == (4, 0, 0, 1)
    kim_team = records.teams.by_manager("Kim Park")
    assert kim_team.manager_employee_id == records.employees.by_employee_id("2").id
    newer = _people()
    newer[0]["department"] = "Marketing"  # a field
    newer[1]["name"] = "Park-Lee, Kim"  # the manager's name: her team no longer matches her by name
    newer[2]["manager_name"] = "Ann Lee"  # a team that does not exist yet
    newer[3]["race"] = "Two or more races"  # only a protected attribute
    newer = [newer[0], newer[1], newer[2], newer[3], {**newer[3], "employee_id": "5", "name": "New, Nia"}]
    with vault.transaction():
        again = upsert_employees(vault, newer, fields=FIELDS)
    assert (again.added, again.updated, again.unchanged, again.teams_added) == (1, 4, 0, 1)
    assert again.fields_changed == {"department": 1, "name": 1, "manager_name": 1, "team": 1, "race": 1}
    stored = _stored(vault)
    ann_team = records.teams.by_manager("Ann Lee")
    assert stored["1"] == ("Lee, Ann", "Marketing", "Kim Park", kim_team.id, "F", "Asian")
    assert stored["2"][0] == "Park-Lee, Kim"
    assert stored["3"][2:4] == ("Ann Lee", ann_team.id)
    assert stored["4"][5] == "Two or more races" and stored["5"][0] == "New, Nia"
    assert ann_team.manager_employee_id == records.employees.by_employee_id("1").id
    assert records.teams.by_manager("Kim Park").manager_employee_id is None  # 'Park-Lee, Kim' is not 'Kim Park'
    with vault.transaction():
        same = upsert_employees(vault, newer, fields=FIELDS)
    assert (same.added, same.updated, same.unchanged, same.teams_added) == (0, 0, 5, 0) and not same.changes
    assert _stored(vault) == stored


def test_a_file_naming_someone_twice_is_compared_row_by_row(vault) -> None:
    Records(vault)  # the tables
    with vault.transaction():
        upsert_employees(vault, _people(), fields=FIELDS)
    twice = [*_people(), {**_people()[0], "department": "Legal"}]  # the second row for employee 1 differs
    with vault.transaction():
        result = upsert_employees(vault, twice, fields=FIELDS)
    assert (result.updated, result.unchanged) == (1, 4)
    assert _stored(vault)["1"][1] == "Legal"


def test_a_partial_reimport_leaves_the_others_alone(vault) -> None:
    Records(vault)
    with vault.transaction():
        upsert_employees(vault, _people(), fields=FIELDS)
    before = _stored(vault)
    with vault.transaction():
        result = upsert_employees(vault, [{"employee_id": "3", "name": "Chan, Bo", "department": "Ops"}],
                                  fields={"employee_id", "name", "department"})
    assert (result.updated, result.unchanged) == (1, 0)
    after = _stored(vault)
    assert after["3"] == ("Chan, Bo", "Ops", *before["3"][2:])
    assert {k: v for k, v in after.items() if k != "3"} == {k: v for k, v in before.items() if k != "3"}
