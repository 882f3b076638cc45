"""The contest dialogs with the keyboard alone: Tab reaches every control (and comes back round, no trap), each has
an accessible name, Enter records (the primary button), Escape closes without saving, and a refusal keeps what was
typed with the focus still in the dialog.

Found by this walk: once Tab had passed over Cancel, Enter pressed Cancel and threw away what was typed (the
primary button was made default before it was inside its dialog, so the dialog never remembered it); and a person
typed into the employee box (not picked from the list) left the deciding-manager note, the list of reviews and the
earliest received date unchanged.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from hrdesk.contests.model import Subject
from hrdesk.ui.screenshots import unnamed
from tests.contests.helpers import KARA, MANAGER, REVIEWER, add_reviewer, new_contest, set_rights
from tests.contests_ui.test_contests_section import _window
from tests.governance.conftest import small_dataset
from tests.letters.helpers import import_csv, new_session
from tests.ui_keyboard.questions import answer_next_question
from tests.ui_keyboard.test_ui_keyboard import at, focused, press, type_text

CONTROLS = (QAbstractButton, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit)


def _session(tmp_path: Path):  # type: ignore[no-untyped-def]
    session = new_session(tmp_path)
    import_csv(session, small_dataset(tmp_path))
    set_rights(session)
    add_reviewer(session)
    session.add_contest(new_contest(Subject.DATA, ref="department"))  # C-0001, no reviewer yet
    return session


def _owner(widget: QWidget) -> QWidget:
    """The control a focused inner editor belongs to (an editable combo's or a date edit's line edit)."""
    parent = widget.parentWidget()
    return parent if isinstance(parent, QComboBox | QDateEdit) else widget


def walk(qtbot, dialog: QWidget) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Every control Tab visits from the current focus until it comes back round (fails on a trap)."""
    at(qtbot, dialog)
    start = _owner(focused())
    seen = [start]
    for _ in range(80):
        press(qtbot, Qt.Key.Key_Tab)
        now = _owner(focused())
        assert now.window() is dialog, f"Tab left the dialog for {type(now).__name__}"
        if now is start:
            return seen
        if now not in seen:
            seen.append(now)
    raise AssertionError(f"Tab never came back round to {type(start).__name__}: a keyboard trap")


def _controls(dialog: QWidget) -> list[QWidget]:
    """The enabled, visible controls a person must be able to reach."""
    return [w for w in dialog.findChildren(QWidget) if isinstance(w, CONTROLS) and w.isVisibleTo(dialog)
            and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not isinstance(w.parentWidget(), QComboBox | QDateEdit)]


def _reaches_all(qtbot, dialog: QWidget) -> None:  # type: ignore[no-untyped-def]
    visited = walk(qtbot, dialog)
    missed = [f"{type(w).__name__} {w.accessibleName()!r}" for w in _controls(dialog) if w not in visited]
    assert not missed, f"Tab never reaches: {missed}"
    assert not unnamed(dialog), unnamed(dialog)


def open_new_contest(qtbot, runner, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The Contests section at 1280x800 on a fresh vault, with New contest open: (session, window, view, dialog)."""
    session = _session(tmp_path)
    window, view = _window(qtbot, runner, session, tmp_path, size=(1280, 800))
    dialog = view.new_contest()
    qtbot.waitUntil(dialog.isVisible)
    return session, window, view, dialog


def test_new_contest_by_keyboard_escape_then_enter(qtbot, runner, tmp_path: Path, dialogs) -> None:  # type: ignore[no-untyped-def]
    session, window, view, dialog = open_new_contest(qtbot, runner, tmp_path)
    at(qtbot, dialog)
    assert _owner(focused()) is dialog.employee_picker  # it opens on the first field
    type_text(qtbot, "Harrison")
    asked: list[str] = []
    answer_next_question(qtbot, "Discard", asked)  # typed: the dialog asks before throwing it away
    press(qtbot, Qt.Key.Key_Escape)  # the first Escape may only close the name list offered as you type
    if dialog.isVisible():
        press(qtbot, Qt.Key.Key_Escape)
    assert asked and "Discard what you typed" in asked[0]
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert [c.id for c in session.contests()] == ["C-0001"]  # Escape saved nothing

    dialog = view.new_contest()
    qtbot.waitUntil(dialog.isVisible)
    _reaches_all(qtbot, dialog)  # Tab passes over Cancel: Enter below must still record
    dialog.employee_picker.setFocus()
    type_text(qtbot, KARA)
    press(qtbot, Qt.Key.Key_Tab)  # About: a decision
    assert dialog.employee() is not None and dialog.employee().employee_id == KARA
    assert dialog.received.minimumDate().toPython() == dialog.employee().hire_date  # not before she joined
    assert f"{MANAGER} decided" in dialog.decided_note.text()  # typed, not picked: the notes follow all the same
    while _owner(focused()) is not dialog.subject:
        press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "my 2026 rating")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.reason
    type_text(qtbot, "It leaves out the spring project.")
    press(qtbot, Qt.Key.Key_Tab)  # the reason box gives the focus on (Tab is not typed into it)
    assert "\t" not in dialog.reason.toPlainText()
    while focused() is not dialog.reviewer:
        press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Amy Dunn")  # the manager who decided: refused inside the dialog
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message.isVisible() and "made the decision" in dialog.message.text(),
                    timeout=20_000)
    assert dialog.isVisible() and dialog.subject.text() == "my 2026 rating"  # what was typed is kept
    assert dialog.ok_button.isEnabled()
    dialog.reviewer.clear()
    dialog.reviewer.setFocus()
    type_text(qtbot, REVIEWER)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    made = session.contests()[-1]
    assert (made.id, made.employee_id, made.reviewer) == ("C-0002", KARA, REVIEWER)
    assert not dialogs.errors and not dialogs.crashes
    window.close()
    session.close(backup=False)


def test_assign_and_resolve_by_keyboard(qtbot, runner, tmp_path: Path, dialogs) -> None:  # type: ignore[no-untyped-def]
    session = _session(tmp_path)
    window, view = _window(qtbot, runner, session, tmp_path, size=(1280, 800))
    view.select("C-0001")
    dialog = view.assign()
    qtbot.waitUntil(dialog.isVisible)
    _reaches_all(qtbot, dialog)
    assert focused() is dialog.reviewer
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert session.contests()[0].reviewer == ""

    dialog = view.assign()
    qtbot.waitUntil(dialog.isVisible)
    walk(qtbot, dialog)  # round once, over Cancel
    assert focused() is dialog.reviewer
    type_text(qtbot, "priya shah")
    completer = dialog.reviewer.completer()
    assert completer is not None and completer.completionCount() == 1  # offered as typed, in any case
    press(qtbot, Qt.Key.Key_Return)  # takes the offered name if its list is open
    if completer.popup().isVisible() or dialog.isVisible() and not dialog.message.isVisible():
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    assert session.contests()[0].reviewer == REVIEWER

    qtbot.waitUntil(lambda: view.resolve_button.isEnabled(), timeout=20_000)
    dialog = view.resolve()
    qtbot.waitUntil(dialog.isVisible)
    _reaches_all(qtbot, dialog)
    assert _owner(focused()) is dialog.outcome_picker
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.reasons
    type_text(qtbot, "The transfer was in March.")
    while focused() is not dialog.correction["department"]:
        press(qtbot, Qt.Key.Key_Tab)
    focused().selectAll()
    type_text(qtbot, "Marketing")
    press(qtbot, Qt.Key.Key_Return)  # not a department the vault has: refused inside the dialog
    # the walk above passed over Cancel: Enter must still record, never cancel what was typed
    qtbot.waitUntil(lambda: "not a department" in dialog.message.text(), timeout=20_000)
    assert dialog.isVisible() and dialog.reasons.toPlainText() == "The transfer was in March."
    answer_next_question(qtbot, "Discard", [])
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert session.contests()[0].is_open
    assert not dialogs.errors and not dialogs.crashes
    window.close()
    session.close(backup=False)
