"""One employee's page on a demo vault: rating history, check-ins, editing and consent."""

from __future__ import annotations

import datetime as dt

import pytest

from hrdesk.records import Records
from hrdesk.records.consent import AI_PROCESSING
from hrdesk.ui.employee_detail import ConsentHistoryModel, EditValues, EmployeeDetail, check_edit
from hrdesk.ui.employees_view import DETAIL, EmployeesView

pytestmark = pytest.mark.gui


def someone_with_history(records: Records):  # type: ignore[no-untyped-def]
    """An active employee with at least two ratings and some check-ins."""
    for employee in records.employees.list():
        if (not employee.is_leaver and len(records.ratings.for_employee(employee.id)) >= 2
                and len(records.checkins.for_employee(employee.id)) >= 3):
            return employee
    raise AssertionError("the demo vault has nobody with a history")


def open_detail(qtbot, context) -> tuple[EmployeesView, EmployeeDetail]:  # type: ignore[no-untyped-def]
    view = EmployeesView(context)
    qtbot.addWidget(view)
    view.resize(1240, 1180)
    view.show()
    qtbot.waitUntil(lambda: view.loaded, timeout=15_000)
    employee = someone_with_history(Records(context.vault))
    view.open_employee(employee.id)
    assert view.stack.currentIndex() == DETAIL
    qtbot.waitUntil(lambda: view.detail.data is not None, timeout=10_000)  # the page is read off the UI thread
    return view, view.detail


def test_detail_shows_rating_history_and_checkins(qtbot, demo_context, screenshot) -> None:
    view, detail = open_detail(qtbot, demo_context)
    data = detail.data
    assert data is not None
    records = Records(demo_context.vault)
    assert [p.value for p in data.ratings] == [r.value for r in sorted(
        records.ratings.for_employee(data.employee.id), key=lambda r: r.review_date)]
    assert detail.rating_chart is not None and len(detail.rating_chart.points) == len(data.ratings) >= 2
    assert detail.rating_chart.scale == records.ratings.scale()
    assert detail.wellbeing_chart is not None and len(detail.wellbeing_chart.checkins) >= 3
    shown = "\n".join(w.text() for w in detail.findChildren(type(view.count)) if w.isVisibleTo(detail))
    assert "coaching conversations only" in shown
    assert data.employee.name in shown
    assert "Sex" not in [w.text() for w in detail.findChildren(type(view.count))]  # no protected values shown
    qtbot.wait(50)
    screenshot(detail, "employee_detail")


def test_edit_validates_inline_and_saves_through_records(qtbot, demo_context, screenshot) -> None:
    view, detail = open_detail(qtbot, demo_context)
    employee_id = detail.data.employee.id
    before = len(demo_context.vault.audit_entries())
    detail.start_edit()
    form = detail.edit_form
    assert form is not None
    form.position.setText("   ")
    form.termination.setText((detail.data.employee.hire_date - dt.timedelta(days=1)).isoformat())  # picked: before hire
    form.submit()
    assert form.messages["position"].isVisibleTo(form) and "cannot be empty" in form.messages["position"].text()
    assert "before the hire date" in form.messages["termination_date"].text()
    assert "Nothing was saved" in form.summary.text()
    qtbot.wait(50)
    screenshot(detail, "employee_detail_edit_invalid")
    assert Records(demo_context.vault).employees.get(employee_id).position != ""

    qtbot.waitUntil(lambda: form.known_positions is not None, timeout=10_000)  # the vault's lists, read off the UI thread
    other = next(d for d in form.known_departments if d != detail.data.employee.department)
    form.position.setText("Senior Analyst")
    form.termination.setText("")
    form.department.setCurrentText(other)
    form.submit()  # a position no one holds yet: warned once
    assert "no one else in this vault holds" in form.messages["position"].text()
    with qtbot.waitSignal(demo_context.events.changed, timeout=10_000):
        form.submit()
    qtbot.waitUntil(lambda: not detail.editing and detail.data.employee.position == "Senior Analyst", timeout=10_000)
    saved = Records(demo_context.vault).employees.get(employee_id)
    assert (saved.position, saved.department) == ("Senior Analyst", other)
    entries = demo_context.vault.audit_entries()[before:]
    assert any(e.action == "employee.updated" and e.target == employee_id for e in entries)
    # the table refreshed itself through events.changed
    qtbot.waitUntil(lambda: any(e.position == "Senior Analyst" for e in view.model.snapshot.employees), timeout=10_000)


def test_check_edit_rules(demo_vault) -> None:
    employee = next(e for e in Records(demo_vault).employees.list() if not e.is_leaver and e.hire_date)
    ok = check_edit(employee, EditValues(employee.department or "", employee.position or "", employee.employment_status or "", ""))
    assert not ok.errors and not ok.changes
    before_hire = (employee.hire_date - dt.timedelta(days=1)).isoformat()
    bad = check_edit(employee, EditValues("Sales", "x", "Voluntarily Terminated", before_hire))
    assert "before the hire date" in bad.errors["termination_date"]
    leaver = check_edit(employee, EditValues("Sales", "x", "Voluntarily Terminated", ""))
    assert "needs a termination date" in leaver.errors["termination_date"]
    left = check_edit(employee, EditValues("Sales", "x", "Voluntarily Terminated", "2030-01-31"))
    assert not left.errors and left.changes["termination_date"] == dt.date(2030, 1, 31)
    mixed = check_edit(employee, EditValues("Sales", "x", "Active", "2030-01-31"))
    assert "status" in mixed.errors["employment_status"]


def test_opting_out_needs_a_reason_and_records_a_consent_change(qtbot, demo_context) -> None:
    _view, detail = open_detail(qtbot, demo_context)
    employee_id = detail.data.employee.id
    panel = detail.consent_panel
    assert panel is not None and not panel.toggle.isChecked()
    panel.toggle.setChecked(True)
    assert panel.editor.isVisibleTo(panel)
    panel.submit()  # no reason yet
    assert panel.reason_message.isVisibleTo(panel) and "reason" in panel.reason_message.text()
    assert Records(demo_context.vault).consents.history(employee_id) == []
    panel.reason.setText("Asked by email on 3 March")
    with qtbot.waitSignal(demo_context.events.changed, timeout=10_000):
        panel.submit()
    qtbot.waitUntil(lambda: detail.data is not None and not detail.data.consent[AI_PROCESSING], timeout=10_000)
    records = Records(demo_context.vault)
    assert records.consents.current(employee_id)[AI_PROCESSING] is False
    (event,) = records.consents.history(employee_id)
    assert event.note == "Asked by email on 3 March" and event.by == demo_context.vault.user.name
    assert detail.history_model.rowCount() == 1
    assert detail.history_model.index(0, 2).data() == "Opted out"
    assert detail.consent_panel is not None and detail.consent_panel.toggle.isChecked()
    assert any(e.action == "consent.changed" and e.target == employee_id for e in demo_context.vault.audit_entries())


def test_consent_history_model(qtmodeltester, demo_vault) -> None:
    records = Records(demo_vault)
    employee = records.employees.list()[0]
    records.consents.record_change(employee.id, AI_PROCESSING, False, by="Dana HR", note="asked")
    records.consents.record_change(employee.id, AI_PROCESSING, True, by="Dana HR", note="changed mind")
    model = ConsentHistoryModel()
    model.set_items(records.consents.history(employee.id))
    qtmodeltester.check(model, force_py=True)
    assert [model.index(r, 2).data() for r in range(2)] == ["Opted out", "Opted back in"]


def test_export_their_data_for_a_data_access_request(qtbot, demo_context, tmp_path, monkeypatch) -> None:
    view, detail = open_detail(qtbot, demo_context)
    employee = detail.data.employee
    monkeypatch.setattr(EmployeeDetail, "ask_export_folder", lambda self: tmp_path)
    detail.export_button.click()
    qtbot.waitUntil(lambda: detail.export_message.text().startswith("Exported"), timeout=10_000)
    folder = tmp_path / f"employee-{employee.employee_id}-data-{dt.date.today().isoformat()}"
    assert (folder / "employee.json").is_file()
    assert employee.name in (folder / "employee.json").read_text(encoding="utf-8")
    assert any(e.action.startswith("export") for e in demo_context.vault.audit_entries())


def test_leavers_consent_reason_and_chart_read_without_colour(qtbot, demo_context, screenshot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    from hrdesk.ui.employee_charts import series
    from hrdesk.ui.widgets import OptionalDateEdit

    view, detail = open_detail(qtbot, demo_context)
    # the well-being lines differ by dash and marker as well as colour
    lines = series()
    assert len({dash for _n, _c, dash, _m in lines}) == 3 and len({m for _n, _c, _d, m in lines}) == 3
    # the opt-out reason has a line of its own and a name
    panel = detail.consent_panel if hasattr(detail, "consent_panel") else None
    if panel is not None:
        panel.toggle.setChecked(not panel.toggle.isChecked())
        assert panel.reason.accessibleName() == "Reason for the consent change"
        assert panel.reason.width() >= panel.reason.fontMetrics().averageCharWidth() * 28
    # a leaver's status is a neutral chip, never the red error style
    leaver = next(e for e in Records(demo_context.vault).employees.list() if e.is_leaver)
    detail.show_employee(leaver.id)
    qtbot.waitUntil(lambda: detail.data is not None and detail.data.employee.id == leaver.id, timeout=10_000)
    chips = [w for w in detail.findChildren(QLabel) if w.text().startswith("Left")]
    assert chips and chips[0].property("role") == "chip" and chips[0].property("state") != "bad"
    # the termination date is a date picker, ticked for a leaver
    detail.start_edit()
    assert isinstance(detail.edit_form.termination, OptionalDateEdit)
    assert detail.edit_form.termination.text() == leaver.termination_date.isoformat()
    screenshot(detail, "employee_leaver_edit")
