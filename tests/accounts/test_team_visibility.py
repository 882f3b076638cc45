"""Two managers, two teams: each manager's session returns exactly their team, HR sees all, an
auditor sees governance and the audit log but no employee; moving an employee moves visibility."""

from __future__ import annotations

import pytest

from hrdesk.errors import PermissionDeniedError
from hrdesk.governance.status import suggestion_status
from hrdesk.importing import import_file
from hrdesk.session import Role, Session

from .conftest import AMY_PW, AUDITOR_PW, BRANNON_PW, HR_PW, Org, employee_ids


def test_each_manager_sees_exactly_their_team_and_hr_sees_all(org: Org) -> None:
    with Session.open(org.path, AMY_PW, user="amy dunn") as amy:
        assert amy.actor.role is Role.MANAGER and amy.actor.name == "Amy Dunn"
        assert employee_ids(amy) == org.names("Amy Dunn")
        records = amy.records()
        ratings = records.ratings.list()
        assert len(ratings) == len(org.names("Amy Dunn"))
        assert {t.manager_name for t in records.teams.list()} == {"Amy Dunn"}
    with Session.open(org.path, BRANNON_PW, user="Brannon Miller") as brannon:
        assert employee_ids(brannon) == org.names("Brannon Miller")
        assert len(brannon.records().feedback.list()) == len(org.names("Brannon Miller"))
    with Session.open(org.path, HR_PW) as hr:
        assert hr.actor.role is Role.HR
        assert employee_ids(hr) == org.names("Amy Dunn") | org.names("Brannon Miller")


def test_a_manager_reading_another_teams_record_by_id_is_refused(org: Org) -> None:
    with Session.open(org.path, HR_PW) as hr:
        brannons = [e.id for e in hr.records().employees.list() if str(e.employee_id) in org.names("Brannon Miller")]
        protected = [r.id for r in hr.vault.rows("protected_attributes")]
    with Session.open(org.path, AMY_PW, user="Amy Dunn") as amy:
        with pytest.raises(PermissionDeniedError):
            amy.records().employees.get(brannons[0])
        with pytest.raises(PermissionDeniedError):
            amy.vault.meta_get("audit_key")  # an org setting
        assert list(amy.vault.rows("protected_attributes")) == []  # none of them is hers to read
        with pytest.raises(PermissionDeniedError):
            amy.vault.get("protected_attributes", protected[0])


def test_moving_an_employee_by_reimport_moves_their_records_and_visibility(org: Org) -> None:
    mover = sorted(org.names("Amy Dunn"))[0]
    emp_col, mgr_col = org.header.index("EmpID"), org.header.index("ManagerName")
    rows = [list(r) for r in org.rows]
    for r in rows:
        if r[emp_col] == mover:
            r[mgr_col] = "Brannon Miller"
    org.write(rows)
    with Session.open(org.path, HR_PW) as hr:
        outcome = hr.perform(lambda v: import_file(v, org.csv, kind="employees"))
        assert outcome.changes
        moved = [e for e in hr.vault.audit_entries() if e.action == "employee.moved_team"]
        assert len(moved) == 1 and moved[0].details["records"] == 3  # the employee, a rating, a feedback
    with Session.open(org.path, AMY_PW, user="Amy Dunn") as amy:
        assert employee_ids(amy) == org.names("Amy Dunn") - {mover}
        assert len(amy.records().ratings.list()) == len(org.names("Amy Dunn")) - 1
    with Session.open(org.path, BRANNON_PW, user="Brannon Miller") as brannon:
        assert employee_ids(brannon) == org.names("Brannon Miller") | {mover}
        mine = [e for e in brannon.records().employees.list() if str(e.employee_id) == mover][0]
        assert len(brannon.records().ratings.for_employee(mine.id)) == 1


def test_an_auditor_reads_governance_and_the_log_but_no_employee(org: Org) -> None:
    with Session.open(org.path, AUDITOR_PW, user="Ada Auditor") as auditor:
        assert auditor.actor.role is Role.AUDITOR
        assert auditor.records().employees.list() == []
        assert auditor.records().ratings.list() == []
        actions = [e.action for e in auditor.vault.audit_entries()]
        assert "import.employees" in actions and "user.added" in actions
        assert auditor.vault.verify_audit_chain().ok
        suggestion_status(auditor.vault)  # readable without the org key
        with pytest.raises(PermissionDeniedError):
            auditor.perform(lambda v: v.meta_set("records.active_purposes", []))


def test_a_manager_writes_to_the_shared_chain_but_cannot_read_it(org: Org) -> None:
    with Session.open(org.path, AMY_PW, user="Amy Dunn") as amy:
        emp = amy.records().employees.list()[0]
        cycle = amy.records().cycles.list()[0]
        outcome = amy.perform(lambda v: __import__("hrdesk.records", fromlist=["Records"]).Records(v).goals.add(
            emp.id, cycle.id, "Lead the spring launch"))
        assert outcome.changes  # her own entry, known to her session
        with pytest.raises(PermissionDeniedError):
            amy.vault.audit_entries()
    with Session.open(org.path, HR_PW) as hr:
        entries = hr.vault.audit_entries()
        assert entries[-1].action == "goals.added" and entries[-1].actor == "Amy Dunn"
        assert hr.vault.verify_audit_chain().ok
