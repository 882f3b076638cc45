"""The typed repositories: reading, editing, consent history, audit of every change."""

from __future__ import annotations

import datetime as dt

import pytest

from hrdesk.errors import BugError, InvalidInputError, RecordNotFoundError
from hrdesk.records import Records
from hrdesk.records.consent import AI_PROCESSING
from hrdesk.records.employees import upsert_employees


@pytest.fixture
def records(vault) -> Records:
    records = Records(vault)
    rows = [
        {"employee_id": "1", "name": "Lee, Ann", "manager_name": "Bo Chan", "department": "IT", "sex": "F"},
        {"employee_id": "2", "name": "Chan, Bo", "manager_name": "Board", "department": "IT", "sex": "M"},
    ]
    with vault.transaction():
        upsert_employees(vault, rows, fields={"employee_id", "name", "manager_name", "department", "sex"})
    return records


def test_list_get_update_and_audit(records: Records) -> None:
    ann = records.employees.by_employee_id("1")
    assert records.employees.get(ann.id) == ann
    updated = records.employees.update(ann.id, department="Sales", hire_date=dt.date(2020, 1, 2))
    assert updated.department == "Sales" and updated.hire_date == dt.date(2020, 1, 2)
    entry = records.vault.audit_entries()[-1]
    assert entry.action == "employee.updated" and entry.details == {"fields": ["department", "hire_date"], "source": "edit"}
    with pytest.raises(BugError):
        records.employees.update(ann.id, sex="M")  # protected: no screen offers it, so asking is our bug
    with pytest.raises(RecordNotFoundError):
        records.employees.require("404")


def test_teams_link_the_manager_by_name(records: Records) -> None:
    team = records.teams.by_manager("bo  chan")
    assert records.employees.get(team.manager_employee_id).employee_id == "2"
    assert [e.employee_id for e in records.employees.in_team(team.id)] == ["1"]


def test_cycles_ratings_goals_feedback_checkins(records: Records) -> None:
    ann = records.employees.by_employee_id("1")
    records.ratings.declare_scale(["Low", "Mid", "High"])
    cycle = records.cycles.add("2024 H1", dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    rating = records.ratings.add(ann.id, cycle.id, "High", review_date=dt.date(2024, 6, 1))
    with pytest.raises(InvalidInputError):
        records.ratings.add(ann.id, cycle.id, "Stellar")
    records.goals.add(ann.id, cycle.id, "Ship the thing")
    records.feedback.add(ann.id, cycle.id, "Clear, kind communicator.", author="Bo Chan")
    records.checkins.add(ann.id, dt.date(2024, 5, 1), mood=4, workload=3, stress=2)
    with pytest.raises(InvalidInputError):
        records.checkins.add(ann.id, dt.date(2024, 5, 2), mood=6, workload=3, stress=2)
    assert records.ratings.for_employee(ann.id) == [rating]
    assert records.ratings.scale() == ["Low", "Mid", "High"]
    counts = records.counts()
    assert (counts.review_cycles, counts.ratings, counts.goals, counts.feedback, counts.checkins) == (1, 1, 1, 1, 1)
    actions = [e.action for e in records.vault.audit_entries()]
    for action in ("review_cycles.added", "ratings.added", "goals.added", "feedback.added", "wellbeing_checkins.added"):
        assert action in actions


def test_consent_history_keeps_every_change(records: Records) -> None:
    ann = records.employees.by_employee_id("1")
    assert records.consents.current(ann.id)[AI_PROCESSING] is True
    records.consents.record_change(ann.id, AI_PROCESSING, False, by="HR", at=dt.date(2024, 1, 1))
    records.consents.record_change(ann.id, AI_PROCESSING, True, by="HR", at=dt.date(2024, 3, 1))
    assert records.consents.current(ann.id)[AI_PROCESSING] is True
    assert [e.granted for e in records.consents.history(ann.id)] == [False, True]
    assert records.consents.opted_out() == set()
    with pytest.raises(BugError):  # no screen or command offers another kind: asking is API misuse
        records.consents.record_change(ann.id, "telepathy", True, by="HR")
