"""A contest dialog holding typed, unsaved input asks before Escape, Cancel or its close button throw it away.

Found on a second look: Escape closed the New contest dialog with a reason typed into it, without a word; an HR
person who pressed it by habit lost the employee's words. The question is one shared helper
(``hrdesk.ui.unsaved.AsksBeforeDiscarding``); its safe answer (Keep editing) is the default, so Enter or a second
Escape never discards, and a dialog with nothing typed closes at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.contests_ui.test_contest_dialogs_keyboard import open_new_contest
from tests.ui_keyboard.questions import answer_next_question
from tests.ui_keyboard.test_ui_keyboard import at, press, type_text


def test_escape_with_a_typed_reason_asks_and_keep_editing_keeps_it(qtbot, runner, tmp_path: Path, dialogs) -> None:  # type: ignore[no-untyped-def]
    session, window, view, dialog = open_new_contest(qtbot, runner, tmp_path)
    at(qtbot, dialog)
    dialog.reason.setFocus()
    type_text(qtbot, "It leaves out the spring project.")
    asked: list[str] = []
    answer_next_question(qtbot, "Escape", asked)  # Escape on the question: the safe answer
    press(qtbot, Qt.Key.Key_Escape)
    assert asked and "Discard what you typed" in asked[0]
    assert dialog.isVisible() and dialog.reason.toPlainText() == "It leaves out the spring project."
    answer_next_question(qtbot, "Enter", asked)  # Enter on the question: the default is Keep editing
    press(qtbot, Qt.Key.Key_Escape)
    assert len(asked) == 2 and dialog.isVisible()
    answer_next_question(qtbot, "Discard", asked)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert [c.id for c in session.contests()] == ["C-0001"]  # nothing saved
    assert not dialogs.errors and not dialogs.crashes
    window.close()
    session.close(backup=False)


def test_cancel_and_the_close_button_ask_too_and_an_untouched_dialog_just_closes(qtbot, runner, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                                 dialogs) -> None:
    session, window, view, dialog = open_new_contest(qtbot, runner, tmp_path)
    at(qtbot, dialog)
    asked: list[str] = []
    press(qtbot, Qt.Key.Key_Escape)  # nothing typed: no question
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert asked == []

    view.select("C-0001")
    dialog = view.assign()
    qtbot.waitUntil(dialog.isVisible)
    at(qtbot, dialog)
    dialog.reviewer.setFocus()
    type_text(qtbot, "Priya")
    cancel = next(b for b in dialog.buttons.buttons() if b is not dialog.ok_button)
    answer_next_question(qtbot, "Keep editing", asked)
    cancel.click()
    assert len(asked) == 1 and dialog.isVisible() and dialog.reviewer.text() == "Priya"
    answer_next_question(qtbot, "Discard", asked)
    dialog.close()  # the window's close button
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert len(asked) == 2 and session.contests()[0].reviewer == ""
    window.close()
    session.close(backup=False)


def test_a_lock_closes_a_dialog_with_typed_input_without_asking(qtbot, runner, tmp_path: Path, dialogs) -> None:  # type: ignore[no-untyped-def]
    """An idle lock must never wait on a question: the vault locks, the typed text goes with the dialog."""
    session, window, view, dialog = open_new_contest(qtbot, runner, tmp_path)
    dialog.reason.setPlainText("Typed before lunch.")
    asked: list[str] = []
    answer_next_question(qtbot, "Keep editing", asked, within=2.0)  # unblocks the test if a question wrongly opens
    window.lock()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert asked == [] and session.is_locked
    window.close()
    session.close(backup=False)
