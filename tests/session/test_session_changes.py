"""Every operation's Changes say what it did: no less than the tables and the audit log show."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrdesk.errors import PermissionDeniedError
from hrdesk.records import Records
from hrdesk.records.consent import AI_PROCESSING, WELLBEING_SHARING
from hrdesk.records.employees import upsert_employees
from hrdesk.records.repository import RATING_SCALES_KEY
from hrdesk.records.retention import retention_months
from hrdesk.session import Changes, Kind, Role, Session
from hrdesk.session.actor import Actor
from hrdesk.vault import KdfParams, Vault

FIELDS = {"employee_id", "name", "manager_name", "department", "employment_status", "termination_date", "sex"}
PEOPLE = [
    {"employee_id": str(i), "name": f"Person, {i}", "manager_name": "Mo Lead" if i % 2 else "Jo Boss",
     "department": "IT" if i % 3 else "Sales", "employment_status": "Active", "termination_date": None, "sex": "FM"[i % 2]}
    for i in range(1, 9)
]

#: The vault tables and the kind each one's rows are.
TABLE_KINDS = {
    "employees": Kind.EMPLOYEES, "teams": Kind.TEAMS, "protected_attributes": Kind.PROTECTED,
    "review_cycles": Kind.CYCLES, "ratings": Kind.RATINGS, "goals": Kind.GOALS, "feedback": Kind.FEEDBACK,
    "wellbeing_checkins": Kind.CHECKINS, "consents": Kind.CONSENTS, "audit_runs": Kind.AUDIT_RUNS,
}


def _people_session(vault: Vault) -> Session:
    Records(vault)  # the record tables
    with vault.transaction():
        upsert_employees(vault, [dict(p) for p in PEOPLE], fields=FIELDS)
    Records(vault).ratings.declare_scale(["Low", "Mid", "High"])
    return Session(vault)


def _snapshot(vault: Vault) -> dict[Any, Any]:
    """Every record table's rows and the vault settings a change can touch."""
    state: dict[Any, Any] = {
        kind: {row.id: (row.links, row.payload) for row in vault.rows(table)}
        for table, kind in TABLE_KINDS.items() if table in vault.tables()
    }
    state[Kind.SCALES] = vault.meta_get(RATING_SCALES_KEY, {})
    state[Kind.SETTINGS] = retention_months(vault)
    return state


# --- the operations a person can make, as hypothesis draws them -------------------------

def _employee(session: Session, index: int) -> str:
    employees = sorted(session.records().employees.list(), key=lambda e: e.employee_id)
    return employees[index % len(employees)].id


def _edit(session: Session, index: int, position: str) -> Changes:
    # a position: free text (a department must be one the vault knows, so random text would be refused)
    return session.update_employee(_employee(session, index), position=position).changes


def _leave(session: Session, index: int, _text: str) -> Changes:
    return session.update_employee(_employee(session, index), employment_status="Voluntarily Terminated",
                                   termination_date=dt.date(2019, 3, 1)).changes


def _consent(session: Session, index: int, text: str) -> Changes:
    kind = AI_PROCESSING if len(text) % 2 else WELLBEING_SHARING
    return session.record_consent(_employee(session, index), kind, bool(len(text) % 3), by="HR", note=text or "asked").changes


def _rating(session: Session, index: int, text: str) -> Changes:
    eid = _employee(session, index)
    label = ("Low", "Mid", "High")[len(text) % 3]
    return session.perform(lambda v: Records(v).ratings.add(eid, None, label, review_date=dt.date(2018, 1, 1))).changes


def _checkin(session: Session, index: int, _text: str) -> Changes:
    eid = _employee(session, index)
    return session.perform(lambda v: Records(v).checkins.add(eid, dt.date(2018, 6, 1 + index % 28), mood=3, workload=5,
                                                             stress=4)).changes


def _retention(session: Session, index: int, _text: str) -> Changes:
    months = dict(session.read(retention_months))
    first = sorted(months)[index % len(months)]
    months[first] = 12 + index % 60
    return session.set_retention(months).changes


def _purge(session: Session, index: int, _text: str) -> Changes:
    return session.purge_expired(today=dt.date(2030 + index % 5, 1, 1)).changes


OPERATIONS = {"edit": _edit, "leave": _leave, "consent": _consent, "rating": _rating, "checkin": _checkin,
              "retention": _retention, "purge": _purge}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(sorted(OPERATIONS)), st.integers(0, 50), st.text("abcxyz ", max_size=6)),
                      min_size=1, max_size=8))
def test_each_operations_changes_are_what_it_did(tmp_path_factory: pytest.TempPathFactory, steps: list) -> None:
    path = tmp_path_factory.mktemp("prop") / "p.hrdesk"
    vault, _key = Vault.create(path, org_name="P", admin_name="HR", passphrase="pw", kdf=KdfParams.fast_for_tests())
    session = _people_session(vault)
    heard: list[Changes] = []
    session.subscribe(heard.append)
    try:
        for name, index, text in steps:
            before, seq = _snapshot(vault), len(vault.audit_entries())
            heard.clear()
            changes = OPERATIONS[name](session, index, text)
            after, entries = _snapshot(vault), vault.audit_entries()[seq:]
            changed = {kind for kind in after if after[kind] != before.get(kind)}
            assert changes.actions == tuple(e.action for e in entries), name
            assert changed <= changes.kinds, f"{name} changed {changed - changes.kinds} but its Changes do not say so"
            assert bool(changes) == bool(entries)
            assert changes.ratings_changed == (Kind.RATINGS in changes.kinds)
            assert changes.settings_changed == (Kind.SETTINGS in changes.kinds)
            if entries:
                assert Kind.AUDIT_LOG in changes.kinds
                assert heard == [changes], "every subscriber hears each change once, as returned"
            else:
                assert heard == []
            people_before = {i for i, (_l, p) in before[Kind.EMPLOYEES].items() if not p.get("termination_date")}
            people_after = {i for i, (_l, p) in after[Kind.EMPLOYEES].items() if not p.get("termination_date")}
            if people_before != people_after:
                assert changes.population_changed, f"{name} changed who is employed"
    finally:
        session.close(backup=False)


def test_an_edit_names_the_employee_and_only_a_status_change_moves_the_population(vault) -> None:
    session = _people_session(vault)
    eid = _employee(session, 0)
    edit = session.update_employee(eid, department="Sales").changes
    assert edit.touches(Kind.EMPLOYEES) and not edit.touches(Kind.RATINGS, Kind.AUDIT_RUNS, Kind.CHECKINS)
    assert edit.ids(Kind.EMPLOYEES) == {eid} and edit.actions == ("employee.updated",)
    assert not edit.population_changed and edit.audit_inputs_changed
    left = session.update_employee(eid, employment_status="Terminated for Cause", termination_date=dt.date(2020, 1, 1))
    assert left.changes.population_changed
    unchanged = session.update_employee(eid, department="Sales").changes
    assert not unchanged and unchanged.kinds == frozenset(), "no change, no Changes"


def test_consent_touches_consents_only_and_does_not_stale_an_audit(vault) -> None:
    session = _people_session(vault)
    changes = session.record_consent(_employee(session, 1), AI_PROCESSING, False, by="HR", note="asked by email").changes
    assert changes.touches(Kind.CONSENTS) and not changes.touches(Kind.EMPLOYEES, Kind.RATINGS)
    assert not changes.audit_inputs_changed


def test_unsubscribed_callbacks_hear_nothing_more(vault) -> None:
    session = _people_session(vault)
    heard: list[Changes] = []
    unsubscribe = session.subscribe(heard.append)
    session.update_employee(_employee(session, 0), department="Sales")
    unsubscribe()
    session.update_employee(_employee(session, 0), department="IT")
    assert len(heard) == 1


def test_reads_write_nothing_and_an_auditor_cannot_write(vault) -> None:
    session = _people_session(vault)
    seq = len(vault.audit_entries())
    session.records().employees.list()
    session.purge_preview(today=dt.date(2040, 1, 1))
    assert len(vault.audit_entries()) == seq, "a read or a preview appended to the audit log"
    session.actor = Actor(session.actor.id, "Ada Auditor", Role.AUDITOR)
    with pytest.raises(PermissionDeniedError):
        session.update_employee(_employee(session, 0), department="Sales")
    assert len(vault.audit_entries()) == seq
