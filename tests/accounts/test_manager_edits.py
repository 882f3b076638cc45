"""A manager may not change their team's records: the profile (department, position, status, leaving
date) comes from HR's system, so the core refuses a manager's edit with a sentence, logs the attempt and
changes nothing, and the window does not offer the edit to a manager at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk.errors import PermissionDeniedError
from hrdesk.records import Records
from hrdesk.records.edit_rules import may_edit_profile
from hrdesk.session import Role, Session
from hrdesk.settings import Settings
from hrdesk.ui.employees_model import IdRole
from hrdesk.ui.main_window import MainWindow
from qt_fixtures import _app_style, _collect_garbage_on_the_main_thread, dialogs, runner  # noqa: F401

from .conftest import AMY_PW, AUDITOR_PW, HR_PW, Org


def _amys_first(org: Org) -> tuple[str, str]:
    """The vault id and department of a member of Amy's team, read as HR."""
    with Session.open(org.path, HR_PW) as hr:
        member = next(e for e in hr.records().employees.list() if str(e.employee_id) in org.names("Amy Dunn"))
        return member.id, str(member.department)


def test_only_hr_may_edit_an_employee_profile() -> None:
    assert may_edit_profile(Role.HR)
    assert not may_edit_profile(Role.MANAGER)
    assert not may_edit_profile(Role.AUDITOR)


def test_a_manager_editing_a_team_member_is_refused_logged_and_nothing_changes(org: Org) -> None:
    member_id, department = _amys_first(org)
    with Session.open(org.path, AMY_PW, user="Amy Dunn") as amy:
        with pytest.raises(PermissionDeniedError) as refused:
            amy.update_employee(member_id, department="Executive Office")
        message = refused.value.message
        assert "Only HR can change an employee's details" in message
        assert "Amy Dunn (manager)" in message and "Nothing was changed" in message
        # the door around the session's operations is closed too: the records refuse a manager's edit
        with pytest.raises(PermissionDeniedError):
            amy.perform(lambda v: Records(v).employees.update(member_id, position="Chief Everything"))
    with Session.open(org.path, HR_PW) as hr:
        member = hr.records().employees.get(member_id)
        assert member.department == department and member.position != "Chief Everything"
        entries = hr.vault.audit_entries()
        assert not [e for e in entries if e.action == "employee.updated"]
        refusals = [(e.actor, e.details["attempted"]) for e in entries if e.action == "access.refused"]
        assert refusals == [("Amy Dunn", "edit employee")]
        hr.update_employee(member_id, position="Lead Technician")  # HR still may (a department must be a known one)
        assert hr.records().employees.get(member_id).position == "Lead Technician"


def test_an_auditor_cannot_edit_either(org: Org) -> None:
    member_id, _department = _amys_first(org)
    with Session.open(org.path, AUDITOR_PW, user="Ada Auditor") as auditor:
        with pytest.raises(PermissionDeniedError):
            auditor.update_employee(member_id, department="Executive Office")


def test_the_window_does_not_offer_a_manager_the_edit(qtbot, org: Org, runner, tmp_path: Path,  # noqa: ANN001, F811
                                                      dialogs) -> None:  # noqa: ANN001, F811
    for passphrase, user, offered in ((AMY_PW, "Amy Dunn", False), (HR_PW, None, True)):
        session = Session.open(org.path, passphrase, user=user)
        main = MainWindow(session, Settings(), runner, config_dir=tmp_path / "config")
        qtbot.addWidget(main)
        main.resize(1280, 800)
        main.show()
        main.show_section("employees")
        view = main.shell.views["employees"]
        qtbot.waitUntil(lambda v=view: v.model.rowCount() > 0, timeout=5000)
        view.open_employee(str(view.proxy.index(0, 0).data(IdRole)))
        qtbot.waitUntil(lambda v=view: v.detail.data is not None, timeout=10_000)
        button = view.detail.edit_button
        assert (button is not None and button.isVisibleTo(view.detail)) is offered, user
        view.detail.start_edit()  # a stray shortcut or call cannot open the form for a manager either
        assert (view.detail.edit_form is not None) is offered, user
        assert not dialogs.errors and not dialogs.crashes
        main.close()
        session.close()


def test_a_manager_cannot_export_a_team_members_data_through_the_core(org: Org, tmp_path: Path) -> None:
    """The window hides the button and the CLI's export is HR-only; the session refuses too."""
    with Session.open(org.path, HR_PW) as hr:
        member = next(e for e in hr.records().employees.list() if str(e.employee_id) in org.names("Amy Dunn"))
    with Session.open(org.path, AMY_PW, user="Amy Dunn") as amy:
        with pytest.raises(PermissionDeniedError, match="Only HR can export"):
            amy.export_employee(str(member.employee_id), tmp_path / "out")
    assert not (tmp_path / "out").exists()
    with Session.open(org.path, HR_PW) as hr:
        refusals = [e.details["attempted"] for e in hr.vault.audit_entries() if e.action == "access.refused"]
        assert refusals == ["export"]
        assert not [e for e in hr.vault.audit_entries() if e.action == "export.subject_access"]
