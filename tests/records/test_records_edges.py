"""consent, features and the retention purge (hrdesk/records/*)."""

from __future__ import annotations

import datetime as dt

from hrdesk.fairness.runs import TABLE as AUDIT_RUNS, run_and_save
from hrdesk.records import Records
from hrdesk.records.consent import AI_PROCESSING
from hrdesk.records.employees import upsert_employees
from hrdesk.records.features import feature_rows
from hrdesk.session import Session

FIELDS = {"employee_id", "name", "manager_name", "termination_date", "employment_status", "performance_score", "sex"}


def _people(vault, people: list[dict]) -> Records:
    records = Records(vault)
    with vault.transaction():
        upsert_employees(vault, people, fields=FIELDS)
    return records


def test_backdated_consent_entry_does_not_undo_a_later_opt_out(vault) -> None:
    """HR enters the paper history after the fact: the opt-out of May 2024 first, then the grant of 2023.

    The current state is the latest event *by date*; the person opted out and
    must not reach the suggestion pipeline.
    """
    records = _people(vault, [{"employee_id": "1", "name": "Doe, Jo"}, {"employee_id": "2", "name": "Roe, Al"}])
    jo = records.employees.by_employee_id("1")
    records.consents.record_change(jo.id, AI_PROCESSING, False, by="Dana HR", at=dt.date(2024, 5, 1))
    records.consents.record_change(jo.id, AI_PROCESSING, True, by="Dana HR", at=dt.date(2023, 1, 1), note="from the 2023 form")

    assert records.consents.current(jo.id)[AI_PROCESSING] is False
    assert jo.id in records.consents.opted_out(AI_PROCESSING)
    assert jo.id not in {row.employee for row in feature_rows(vault)}


def test_purge_removes_the_team_of_a_purged_manager_with_no_one_left(vault) -> None:
    """A manager and their whole team left in 2019: after the purge nothing about them may remain.

    Today the team row, holding the manager's name, survives for ever.
    """
    records = _people(
        vault,
        [
            {"employee_id": "1", "name": "Gone, Manager", "termination_date": "2019-03-01"},
            {"employee_id": "2", "name": "Gone, Report", "manager_name": "Manager Gone", "termination_date": "2019-03-01"},
            {"employee_id": "3", "name": "Stay, Ann", "manager_name": "Other Boss"},
        ],
    )
    assert records.teams.by_manager("Manager Gone") is not None
    Session(vault).purge_expired(today=dt.date(2024, 6, 1))
    assert {e.employee_id for e in records.employees.list()} == {"3"}
    assert records.teams.by_manager("Manager Gone") is None, "the purged leaver's name is still held as a team"


def test_purge_reaches_feedback_quoted_in_saved_audit_runs(vault) -> None:
    """Feedback past its 36 months is deleted, but saved audit runs keep verbatim snippets of it (and the ids)."""
    records = _people(
        vault,
        [{"employee_id": str(i), "name": f"P, {i}", "performance_score": "High" if i % 2 else "Low", "sex": "FM"[i % 2]}
         for i in range(1, 13)],
    )
    records.ratings.declare_scale(["Low", "High"])
    person = records.employees.by_employee_id("1")
    secret = "Jo is abrasive and emotional in meetings about the divorce"
    records.feedback.add(person.id, None, secret, date=dt.date(2019, 1, 10))
    run_and_save(vault, reference_date=dt.date(2019, 2, 1))
    assert "divorce" in str([r.payload for r in vault.rows(AUDIT_RUNS)])

    from hrdesk.session import Kind

    changes = Session(vault).purge_expired(today=dt.date(2024, 6, 1)).changes  # what the CLI and the window call
    assert changes.touches(Kind.FEEDBACK, Kind.AUDIT_RUNS) and "audit.quotes_purged" in changes.actions
    assert records.feedback.list() == []
    kept = str([r.payload for r in vault.rows(AUDIT_RUNS)])
    assert "divorce" not in kept, "expired feedback text survives the purge inside a saved audit run"
