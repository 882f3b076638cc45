"""The profile's edit form: a department the vault lacks is refused inline; a new position asks once.

Found on a second look: the form's department box is editable and any typed text was saved (a typo made a new
one-person department). The form now checks with the core's rule (``records.edit_rules``) against the vault's
departments and positions, read when Edit is pressed.
"""

from __future__ import annotations

import pytest

from hrdesk.records import Records
from tests.ui_people.test_ui_employees_detail import open_detail

pytestmark = pytest.mark.gui


def _editing(qtbot, detail):  # type: ignore[no-untyped-def]
    detail.start_edit()
    form = detail.edit_form
    qtbot.waitUntil(lambda: form.known_positions is not None, timeout=10_000)  # read off the UI thread
    return form


def _saving(qtbot, demo_context):  # type: ignore[no-untyped-def]
    """An employee's page with its edit form open: (the page, the employee, the form, what Save asks to save)."""
    _view, detail = open_detail(qtbot, demo_context)
    employee = detail.data.employee
    form = _editing(qtbot, detail)
    emitted: list[dict] = []
    form.save_requested.connect(emitted.append)
    return detail, employee, form, emitted


def test_an_unknown_department_is_refused_inline_and_nothing_is_saved(qtbot, demo_context) -> None:
    _detail, employee, form, emitted = _saving(qtbot, demo_context)
    form.department.setCurrentText("Data Office")
    form.submit()
    assert emitted == []
    message = form.messages["department"]
    assert message.isVisibleTo(form) and "'Data Office' is not a department in this vault" in message.text()
    assert "Nothing was saved" in form.summary.text()
    assert Records(demo_context.vault).employees.get(employee.id).department == employee.department


def test_a_known_department_in_another_case_saves_as_the_vault_spells_it(qtbot, demo_context) -> None:
    view, detail = open_detail(qtbot, demo_context)
    employee = detail.data.employee
    other = next(d for d in sorted({e.department for e in Records(demo_context.vault).employees.list()})
                 if d != employee.department)
    form = _editing(qtbot, detail)
    form.department.setCurrentText(other.upper())
    with qtbot.waitSignal(demo_context.events.changed, timeout=10_000):
        form.submit()
    qtbot.waitUntil(lambda: not detail.editing, timeout=10_000)
    assert Records(demo_context.vault).employees.get(employee.id).department == other


def test_a_new_position_is_saved_only_after_the_warning_was_seen(qtbot, demo_context) -> None:
    detail, employee, form, emitted = _saving(qtbot, demo_context)
    form.position.setText("Chief Snack Officer")
    form.submit()
    assert emitted == []
    assert "no one else in this vault holds" in form.messages["position"].text()
    assert form.messages["position"].isVisibleTo(form) and "Save again" in form.summary.text()
    form.submit()  # seen: the second Save keeps it
    assert emitted == [{"position": "Chief Snack Officer"}]
    qtbot.waitUntil(lambda: not detail.editing, timeout=10_000)
    assert Records(demo_context.vault).employees.get(employee.id).position == "Chief Snack Officer"
