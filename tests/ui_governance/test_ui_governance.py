"""The Governance wizard: the rail shows every step's state, the order holds, one step is walked by keyboard only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QPushButton, QScrollArea

from hrdesk.governance.wizard import overview
from hrdesk.settings import Settings
from hrdesk.vault import KdfParams, Vault
from tests.governance.conftest import small_dataset
from tests.governance.helpers import SIGNER


@pytest.fixture
def gov_vault(tmp_path: Path):  # type: ignore[no-untyped-def]
    from hrdesk.fairness.runs import run_and_save
    from hrdesk.importing import import_file

    vault, _ = Vault.create(tmp_path / "org.hrdesk", org_name="Acme Ltd", admin_name=SIGNER, passphrase="pw pw pw pw",
                            kdf=KdfParams.fast_for_tests())
    import_file(vault, small_dataset(tmp_path))
    run_and_save(vault)
    yield vault
    vault.close(backup=False)


@pytest.fixture
def window(qtbot, gov_vault, runner, tmp_path, dialogs):  # type: ignore[no-untyped-def]
    from hrdesk.ui.main_window import MainWindow

    main = MainWindow(gov_vault, Settings(), runner, config_dir=tmp_path / "config")
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    main.raise_()
    main.activateWindow()
    QApplication.processEvents()
    return main


def _open(qtbot, window):  # type: ignore[no-untyped-def]
    from hrdesk.ui.governance_view import GovernanceView

    window.show_section("governance")
    view = window.shell.stack.currentWidget()
    assert isinstance(view, GovernanceView)
    qtbot.waitUntil(lambda: view.page is not None and view.page.data.view.step.number == view.current, timeout=10000)
    return view


def _wait_page(qtbot, view, number: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: view.page is not None and view.page.data.view.step.number == number
                    and view.page.isVisible(), timeout=15000)


def _rail(view) -> list[str]:  # type: ignore[no-untyped-def]
    return [view.rail_model.index(r, 0).data().split("\n")[1] for r in range(view.rail_model.rowCount())]


def _shots(window, view, name: str, screenshot) -> None:  # type: ignore[no-untyped-def]
    for size in ((1280, 800), (1024, 640)):
        window.resize(*size)
        QApplication.processEvents()
        screenshot(window, f"governance_{name}_{size[0]}x{size[1]}")
    window.resize(1280, 800)
    QApplication.processEvents()


def _sign(qtbot, view, number: int) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.signed, timeout=30000):
        view.page.sign_button.click()
    _wait_page(qtbot, view, min(number + 1, 6))


def test_the_wizard_walks_all_six_steps_in_order(qtbot, window, gov_vault, screenshot, tmp_path: Path) -> None:
    view = _open(qtbot, window)
    assert _rail(view) == ["to do now", "locked", "locked", "locked", "locked", "locked"]
    assert "next: step 1" in view.status.text()
    # a locked step's page says what comes first, and cannot be signed
    view.rail.setCurrentIndex(view.rail_model.index(3, 0))
    _wait_page(qtbot, view, 4)
    assert "step 1 (Audit the data) comes first" in view.page.state.text() and not view.page.sign_button.isEnabled()
    view.rail.setCurrentIndex(view.rail_model.index(0, 0))
    _wait_page(qtbot, view, 1)
    page = view.page
    findings = page.form.findings
    assert findings.needs and findings.count.text().startswith(f"0 of {len(findings.needs)} findings answered")
    # signing with blank answers is refused, the cursor put on the field that is wrong
    with qtbot.waitSignal(window.runner.task_finished, timeout=10000):
        page.sign_button.click()
    qtbot.waitUntil(lambda: page.problem.isVisible(), timeout=5000)
    assert page.problem.text().startswith("responses.")
    wrong = page.form.control(page.problem.text().split(":")[0])
    assert wrong is findings.editor.text or wrong is findings.editor.acknowledged
    qtbot.waitUntil(lambda: window.focusWidget() is wrong, timeout=3000)  # the window's focus (offscreen: not active)
    findings.only_open.setChecked(True)  # the findings still to answer; each answered one leaves the list
    while findings.proxy.rowCount():
        findings.table.setCurrentIndex(findings.proxy.index(0, 0))
        editor = findings.editor
        if editor.need.needs == "response":
            editor.text.setPlainText("Reviewed with the HR business partner in calibration; documented in the minutes.")
        else:
            editor.acknowledged.setChecked(True)
        findings.only_open.setChecked(False)
        findings.only_open.setChecked(True)
    total = len(findings.needs)
    assert findings.count.text().startswith(f"{total} of {total} findings answered")
    findings.only_open.setChecked(False)
    _shots(window, view, "step1", screenshot)
    _sign(qtbot, view, 1)
    assert _rail(view)[:2] == ["signed", "to do now"]
    _sign(qtbot, view, 2)  # the example register
    _wait_page(qtbot, view, 3)
    _shots(window, view, "step3", screenshot)
    _sign(qtbot, view, 3)
    _wait_page(qtbot, view, 4)
    _shots(window, view, "step4", screenshot)
    _sign(qtbot, view, 4)
    # step 5 needs the letters: refused with who lacks one, then done in Letters (the core here)
    assert "0 of 16 employees have a current AI-use disclosure" in "\n".join(
        w.text() for w in view.page.findChildren(type(view.status)))
    from hrdesk.letters import LetterType
    from hrdesk.session import Session

    session: Session = window.session
    session.generate_letters(LetterType.DISCLOSURE, tmp_path / "letters", everyone=True)
    session.mark_letters_delivered(None, channel="paper", on=dt.date.today())
    qtbot.waitUntil(lambda: view.page is not None and "16 of 16 employees" in "\n".join(
        w.text() for w in view.page.findChildren(type(view.status))), timeout=15000)
    _keyboard_sign_step_5(qtbot, view)
    _wait_page(qtbot, view, 6)
    _shots(window, view, "step6", screenshot)
    _sign(qtbot, view, 6)
    assert _rail(view) == ["signed"] * 6
    assert view.status.text().startswith("AI suggestions: live")
    assert window.status_text.text().startswith("AI suggestions: live")
    assert [v.state.value for v in overview(gov_vault)] == ["signed"] * 6


def _keyboard_sign_step_5(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    """Step 5 by keyboard only: Tab to each field, type, Tab to Sign, press Space."""
    page = view.page
    first = page.form.control("how_communicated")
    window = view.window()
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: window.focusWidget() is first, timeout=2000)
    qtbot.keyClick(first, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(first, "Letters by email, paper for the warehouse, and team briefings with HR.")
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    second = window.focusWidget()
    assert second is page.form.control("questions_to")
    qtbot.keyClick(second, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(second, "hr@acme.example")
    for _ in range(6):
        if window.focusWidget() is page.sign_button:
            break
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget() is page.sign_button
    with qtbot.waitSignal(view.signed, timeout=30000):
        qtbot.keyClick(page.sign_button, Qt.Key.Key_Space)
    answers = view.context.session.read(lambda v: __import__("hrdesk.governance.signoffs", fromlist=["latest"]).latest(v, 5))
    assert answers.answers["questions_to"] == "hr@acme.example"
    assert answers.answers["how_communicated"].startswith("Letters by email")
    assert isinstance(first, (QLineEdit, QPlainTextEdit))


def test_a_reopened_step_says_why_and_signs_again_with_one_button(qtbot, window, gov_vault, screenshot) -> None:
    from hrdesk.governance import wizard
    from tests.governance.helpers import answers, example

    session = window.session
    wizard.complete(session, 1, answers(session, 1), SIGNER)
    wizard.complete(session, 2, example(2), SIGNER)
    wizard.complete(session, 3, example(3), SIGNER)
    view = _open(qtbot, window)
    assert _rail(view)[:4] == ["signed", "signed", "signed", "to do now"]
    session.set_retention({"checkins": 6, "feedback": 36, "goals": 36, "ratings": 60, "leavers": 24})
    qtbot.waitUntil(lambda: _rail(view)[2] == "reopened", timeout=10000)
    assert "step 3 reopened: Changed the retention periods" in view.status.text() and "by Dana HR" in view.status.text()
    view.rail.setCurrentIndex(view.rail_model.index(2, 0))
    _wait_page(qtbot, view, 3)
    assert view.page.again.isVisible() and "Step 3 reopened: changed the retention periods" in view.page.state.text()
    with qtbot.waitSignal(view.signed, timeout=30000):
        view.page.again.click()
    qtbot.waitUntil(lambda: _rail(view)[2] == "signed", timeout=10000)


def test_overview_has_a_button_to_the_next_step(qtbot, window) -> None:
    from hrdesk.ui.overview import OverviewView

    overview_view = window.shell.stack.currentWidget()
    assert isinstance(overview_view, OverviewView)
    qtbot.waitUntil(lambda: not overview_view.loading, timeout=5000)
    button = next(b for b in overview_view.findChildren(QPushButton) if b.text().startswith("Go to step 1"))
    assert button.accessibleName()
    button.click()
    view = _open(qtbot, window)
    assert view.current == 1


def test_the_wizard_reads_at_a_14pt_font(qtbot, window, screenshot) -> None:
    app = QApplication.instance()
    old = app.font()
    font = QFont(old)
    font.setPointSize(14)
    app.setFont(font)
    try:
        window.resize(1280, 800)
        view = _open(qtbot, window)
        QApplication.processEvents()
        screenshot(window, "governance_step1_14pt")
        assert view.page is not None
        # nothing reaches past the page's right edge (the page scrolls only vertically)
        assert view.page.width() <= view.scroll.viewport().width()
    finally:
        app.setFont(old)


def test_an_auditor_reads_the_steps_but_cannot_sign(qtbot, gov_vault, runner, tmp_path, dialogs, screenshot) -> None:  # type: ignore[no-untyped-def]
    from hrdesk.session import Session
    from hrdesk.ui.governance_view import GovernanceView
    from hrdesk.ui.main_window import MainWindow
    from tests.governance.helpers import answers

    path = gov_vault.path
    hr = Session(gov_vault)
    from hrdesk.governance import wizard

    wizard.complete(hr, 1, answers(hr, 1), SIGNER)
    hr.add_user("Ada Auditor", "auditor", "the auditor's own passphrase", kdf=KdfParams.fast_for_tests())
    gov_vault.close(backup=False)
    auditor = Vault.open(path, "the auditor's own passphrase", user="Ada Auditor")
    main = MainWindow(auditor, Settings(), runner, config_dir=tmp_path / "config2")
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    main.show_section("governance")
    view = main.shell.stack.currentWidget()
    assert isinstance(view, GovernanceView)
    qtbot.waitUntil(lambda: view.page is not None and view.page.isVisible(), timeout=10000)
    assert _rail(view)[:2] == ["signed", "to do now"]
    for number in (1, 4):
        view.rail.setCurrentIndex(view.rail_model.index(number - 1, 0))
        _wait_page(qtbot, view, number)
        page = view.page
        assert not page.sign_button.isVisible() and not page.form.isEnabled()
    assert "shown to HR only" in "\n".join(w.text() for w in view.page.findChildren(type(view.status)))
    screenshot(main, "governance_auditor_step4")
    assert not dialogs.errors
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
    main.close()
    auditor.close(backup=False)


def test_a_manager_takes_the_quiz_in_the_app(qtbot, gov_vault, runner, tmp_path, dialogs, screenshot) -> None:  # type: ignore[no-untyped-def]
    from hrdesk.governance import training
    from hrdesk.session import Session
    from hrdesk.ui.actions import ACTIONS
    from hrdesk.ui.main_window import MainWindow
    from hrdesk.ui.training_quiz import QuizDialog

    path = gov_vault.path
    Session(gov_vault).add_user("Amy Dunn", "manager", "amy's own long passphrase", kdf=KdfParams.fast_for_tests())
    gov_vault.close(backup=False)
    amy = Vault.open(path, "amy's own long passphrase", user="Amy Dunn")
    main = MainWindow(amy, Settings(), runner, config_dir=tmp_path / "config3")
    qtbot.addWidget(main)
    main.show()
    assert ACTIONS.get("governance.quiz") is not None
    dialog = ACTIONS.get("governance.quiz").trigger(main)
    assert isinstance(dialog, QuizDialog) and len(dialog.quiz.questions) == 10
    qtbot.waitExposed(dialog)
    for question in dialog.quiz.questions:
        dialog.groups[question.id].button(question.answer).setChecked(True)
    dialog.findChild(QScrollArea).verticalScrollBar().setValue(900)
    QApplication.processEvents()
    screenshot(dialog, "governance_quiz")
    result = dialog.submit_answers()
    assert result.passed and "Passed: 10 of 10" in dialog.result.text()
    manager = next(m for m in training.managers_in_scope(main.session.records()) if m.name == "Amy Dunn")
    assert main.session.read(lambda v: training.is_trained(v, manager))
    dialog.close()
    qtbot.wait(100)  # the quiz's Changes reach the open views before the window closes
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
    main.close()
    amy.close(backup=False)


def test_only_hr_is_offered_training_a_model(qtbot, gov_vault, runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Training reopens governance for everyone and the core refuses a manager: the window never offers it to one."""
    from hrdesk.session import Session
    from hrdesk.suggest.gate import may_train
    from hrdesk.ui.main_window import MainWindow
    from hrdesk.ui.suggestions_view import SuggestionsView

    assert may_train("admin") and not may_train("manager") and not may_train("auditor")
    path = gov_vault.path
    Session(gov_vault).add_user("Amy Dunn", "manager", "amy's own long passphrase", kdf=KdfParams.fast_for_tests())
    gov_vault.close(backup=False)
    for user, passphrase, offered in (("Amy Dunn", "amy's own long passphrase", False), (None, "pw pw pw pw", True)):
        vault = Vault.open(path, passphrase, user=user)
        main = MainWindow(vault, Settings(), runner, config_dir=tmp_path / f"config-{offered}")
        qtbot.addWidget(main)
        main.show()
        main.show_section("suggestions")
        view = main.shell.stack.currentWidget()
        assert isinstance(view, SuggestionsView)
        assert view.train_button.isVisible() is offered, user
        qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
        main.close()
        vault.close(backup=False)
