"""The Contests section as HR uses it: overdue cases marked, a new contest, the deciding manager refused as
reviewer, an upheld data contest resolved with its correction, both letters written; screenshots looked at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from hrdesk.contests.model import Outcome, Subject
from hrdesk.settings import Settings
from hrdesk.ui import palette
from hrdesk.ui.contests_view import OverdueRole
from hrdesk.ui.screenshots import clipped, too_wide, unnamed
from tests.contests.helpers import KARA, MANAGER, RESPONSE_DAYS, add_reviewer, new_contest, set_rights
from tests.governance.conftest import small_dataset
from tests.letters.helpers import import_csv, new_session, pdf_text
from tests.ui_keyboard.questions import answer_next_question

TODAY = dt.date.today()


def _session(tmp_path: Path):  # type: ignore[no-untyped-def]
    session = new_session(tmp_path)
    import_csv(session, small_dataset(tmp_path))
    set_rights(session)
    add_reviewer(session)  # Priya Shah, an HR user: reviewers are people the vault knows
    session.add_contest(new_contest(received=TODAY - dt.timedelta(days=RESPONSE_DAYS + 4)))  # C-0001, overdue
    session.add_contest(new_contest(Subject.DATA, ref="position", reviewer="Priya Shah"))  # C-0002
    return session


def _window(qtbot, runner, session, tmp_path: Path, size=(1024, 640)):  # type: ignore[no-untyped-def]
    from hrdesk.ui.main_window import MainWindow

    window = MainWindow(session, Settings(), runner, config_dir=tmp_path / "config")
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.show_section("contests")
    view = window.shell.views["contests"]
    qtbot.waitUntil(lambda: view.loaded, timeout=20_000)
    return window, view


def test_contests_from_the_window(qtbot, qtmodeltester, runner, tmp_path: Path, dialogs, screenshot) -> None:  # type: ignore[no-untyped-def]
    session = _session(tmp_path)
    window, view = _window(qtbot, runner, session, tmp_path)
    qtmodeltester.check(view.model)
    assert "2 open cases, 1 overdue" in view.summary.text() and "15 days" in view.summary.text()
    assert [view.model.item(r).id for r in range(view.model.rowCount())] == ["C-0001", "C-0002"]

    # the overdue case: in words and in the palette's warning colours
    late = view.model.index(0, 2)
    assert view.model.data(late) == "OVERDUE by 4 days" and view.model.data(late, OverdueRole) is True
    assert view.model.data(late, Qt.ItemDataRole.BackgroundRole) == palette.current().colour("bad_bg")
    assert view.model.data(late, Qt.ItemDataRole.ForegroundRole) == palette.current().colour("bad_fg")
    fine = view.model.index(1, 2)
    assert view.model.data(fine).startswith("open, due in") and view.model.data(fine, OverdueRole) is False
    assert view.model.data(fine, Qt.ItemDataRole.BackgroundRole) is None
    view.select("C-0002")  # the overdue row unselected, to see its colours
    qtbot.wait(100)
    screenshot(window, "contests_1024x640")
    view.select("C-0001")
    assert "OVERDUE by 4 days" in view.detail.facts.values["Status"].text()
    assert view.detail.facts.values["Decided by"].text() == MANAGER
    assert not view.resolve_button.isEnabled()  # no reviewer yet
    qtbot.wait(100)
    screenshot(window, "contests_1024x640_detail")
    assert not clipped(window), clipped(window)
    assert not unnamed(window), unnamed(window)
    assert not too_wide(window), too_wide(window)

    # a new contest: the deciding manager refused as reviewer inside the dialog, then another reviewer
    dialog = view.new_contest()
    qtbot.waitUntil(dialog.isVisible)
    dialog.employee_picker.setCurrentIndex(dialog.employee_picker.findData(KARA))
    dialog.subject_picker.setCurrentIndex(dialog.subject_picker.findData(Subject.SUGGESTION.value))
    assert f"{MANAGER} decided" in dialog.decided_note.text()
    dialog.subject.setText("the retention-risk flag of November")
    dialog.reason.setPlainText("I am not planning to leave; the flag counted my parental leave.")
    dialog.reviewer.setText("Dunn, Amy")
    screenshot(dialog, "contests_new_dialog")
    assert not unnamed(dialog), unnamed(dialog)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "made the decision" in dialog.message.text(), timeout=20_000)
    assert dialog.isVisible() and "Nothing was saved" in dialog.message.text()
    assert len(session.contests()) == 2
    dialog.reviewer.setText("Priya Shah")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=20_000)
    made = session.contests()[-1]
    assert (made.id, made.reviewer, made.due_on) == ("C-0003", "Priya Shah", TODAY + dt.timedelta(days=RESPONSE_DAYS))
    assert view.current() is not None and view.current().id == "C-0003"

    # resolve the data contest: upheld, the record corrected through the edit path
    view.select("C-0002")
    assert view.resolve_button.isEnabled()
    dialog = view.resolve()
    qtbot.waitUntil(dialog.isVisible)
    dialog.outcome_picker.setCurrentIndex(dialog.outcome_picker.findData(Outcome.UPHELD.value))
    dialog.reasons.setPlainText("The promotion letter of March shows the new title.")
    dialog.correction["position"].setText("Production Technician II")
    screenshot(dialog, "contests_resolve_dialog")
    assert not unnamed(dialog), unnamed(dialog)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    assert session.records().employees.require(KARA).position == "Production Technician II"
    assert [e.action for e in session.vault.audit_entries()[-2:]] == ["employee.updated", "contest.resolved"]
    qtbot.waitUntil(lambda: view.current() is not None and not view.current().is_open, timeout=20_000)
    assert view.filter_picker.currentData() == "all"  # the decided case stays in view
    assert "Position corrected from Production Technician I to Production Technician II." in (
        view.detail.facts.values["Changed"].text())

    # both letters for the decided case
    view.write_letters(tmp_path / "letters")
    qtbot.waitUntil(lambda: view.last_letters is not None, timeout=60_000)
    texts = [pdf_text(p) for p in view.last_letters.files]
    assert len(texts) == 2 and "reviewed by Priya Shah" in texts[0]
    assert "Your contest was upheld." in texts[1] and "Production Technician II" in texts[1]
    assert "Wrote the contest acknowledgement and contest outcome of C-0002" in view.message.text()
    assert not dialogs.errors and not dialogs.crashes
    window.close()
    session.close(backup=False)


def test_a_rejected_correction_keeps_the_dialog_open_and_changes_nothing(qtbot, runner, tmp_path: Path,
                                                                         dialogs) -> None:  # type: ignore[no-untyped-def]
    session = _session(tmp_path)
    window, view = _window(qtbot, runner, session, tmp_path)
    view.select("C-0002")
    dialog = view.resolve()
    qtbot.waitUntil(dialog.isVisible)
    dialog.reasons.setPlainText("The data was right after all, we think.")
    dialog.ok_button.click()  # upheld, but nothing corrected
    qtbot.waitUntil(lambda: "correcting it" in dialog.message.text(), timeout=20_000)
    assert session.contests()[1].is_open
    assert session.records().employees.require(KARA).position == "Production Technician I"
    answer_next_question(qtbot, "Discard", [])  # the typed reasons: closing asks first
    dialog.reject()
    assert not dialog.isVisible()
    window.close()
    session.close(backup=False)


def test_the_section_fits_with_a_14_point_font(qtbot, runner, tmp_path: Path, dialogs, screenshot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    before = QFont(app.font())
    font = QFont(before)
    font.setPointSizeF(14.0)
    app.setFont(font)
    try:
        session = _session(tmp_path)
        window, view = _window(qtbot, runner, session, tmp_path, size=(1280, 800))
        view.select("C-0001")
        qtbot.wait(100)
        screenshot(window, "contests_font14pt")
        # this section's own controls (the window's status bar is the screenshots test's business)
        ours = [problem for problem in clipped(window) if "SuggestionStatus" not in problem]
        assert not ours, ours
        assert not too_wide(window), too_wide(window)
        assert all(b.width() >= b.minimumSizeHint().width() for b in (view.new_button, view.assign_button,
                                                                     view.resolve_button, view.letters_button))
        dialog = view.new_contest()
        qtbot.waitUntil(dialog.isVisible)
        screenshot(dialog, "contests_new_dialog_font14pt")
        assert not clipped(dialog), clipped(dialog)
        # the fixed choice of "In review" is read whole, not cut off mid-word (it was at 560 px)
        shown = dialog.reference.itemText(0)
        assert shown.startswith("None named") and dialog.reference.width() > dialog.reference.fontMetrics(
        ).horizontalAdvance(shown) + 20
        placeholder = dialog.reviewer.placeholderText()
        assert dialog.reviewer.width() > dialog.reviewer.fontMetrics().horizontalAdvance(placeholder)
        dialog.reject()
        window.close()
        session.close(backup=False)
    finally:
        app.setFont(before)


def test_managers_do_not_see_the_section() -> None:
    from hrdesk.ui.sections import REGISTRY

    import hrdesk.ui.builtin_sections  # noqa: F401

    assert "contests" in [s.key for s in REGISTRY.sections("admin")]
    assert "contests" not in [s.key for s in REGISTRY.sections("manager")]
    assert not REGISTRY.get("contests").planned


def test_a_new_contest_names_the_review_it_is_about(qtbot, runner, tmp_path: Path, dialogs) -> None:  # type: ignore[no-untyped-def]
    from hrdesk.reviews.draft import ReviewDraft
    from tests.contests.test_contests_reviews import CYCLE, OTHER, _move_kara

    session = _session(tmp_path)
    session.open_review_cycle(CYCLE)
    review = session.record_review(ReviewDraft(KARA, rating=2, feedback="Owns the changeover next.")).result
    import_csv(session, _move_kara(tmp_path, OTHER))
    window, view = _window(qtbot, runner, session, tmp_path)
    dialog = view.new_contest()
    qtbot.waitUntil(dialog.isVisible)
    dialog.employee_picker.setCurrentIndex(dialog.employee_picker.findData(KARA))
    assert f"{OTHER} decided" in dialog.decided_note.text()  # none named yet: the team's manager now
    assert dialog.reference.count() == 2 and f"{CYCLE} review by {MANAGER}" in dialog.reference.itemText(1)
    dialog.reference.setCurrentIndex(1)
    assert f"{MANAGER} decided" in dialog.decided_note.text()
    dialog.subject.setText("my 2026 rating")
    dialog.reason.setPlainText("The rating ignores the spring project.")
    dialog.reviewer.setText(OTHER)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    made = session.contests()[-1]
    assert (made.subject_ref, made.decided_by, made.reviewer) == (review.id, MANAGER, OTHER)
    assert not dialogs.errors and not dialogs.crashes
    window.close()
    session.close(backup=False)


def test_file_record_a_contest_opens_the_new_contest_dialog(qtbot, runner, tmp_path: Path, dialogs) -> None:  # type: ignore[no-untyped-def]
    from hrdesk.ui.main_window import MainWindow

    session = _session(tmp_path)
    window = MainWindow(session, Settings(), runner, config_dir=tmp_path / "config")
    qtbot.addWidget(window)
    window.show()
    action = window.actions_by_key["contests.new"]
    assert action.text() == "&Record a contest…"
    action.trigger()
    view = window.shell.views["contests"]
    qtbot.waitUntil(lambda: view.new_dialog is not None and view.new_dialog.isVisible(), timeout=20_000)
    view.new_dialog.reject()
    window.close()
    session.close(backup=False)
