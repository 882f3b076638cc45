# ruff: noqa: F811  (pytest fixtures imported from qt_fixtures are parameters of the tests below)
"""The Reviews section as a manager: one page, a suggestion accepted, one disagreed with, a plan naming a path no
suggestion named, the live language check, Save; an untrained manager's page has no suggestions."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from hrdesk.reviews import query  # noqa: E402
from hrdesk.reviews.model import Verdict  # noqa: E402
from hrdesk.session import Session  # noqa: E402
from hrdesk.settings import Settings  # noqa: E402
from hrdesk.ui.screenshots import clipped, too_wide, unnamed  # noqa: E402
from hrdesk.ui.sections import SectionContext, VaultEvents  # noqa: E402
from tests.qt_fixtures import (DialogRecorder, _app_style, _collect_garbage_on_the_main_thread, dialogs,  # noqa: E402,F401
                               runner, screenshot)
from tests.reviews.helpers import HR_PW, TRAINED_PW, UNTRAINED_PW, Org  # noqa: E402

pytestmark = pytest.mark.gui


class _Host:
    def save_settings(self) -> None: ...

    def lock(self) -> None: ...

    def restore_backup(self, backup: object) -> None: ...

    def show_section(self, key: str) -> None: ...


def _context(path: Path, passphrase: str, user: str | None, runner) -> SectionContext:
    session = Session.open(path, passphrase, user=user)
    events = VaultEvents()
    session.subscribe(events.post)
    return SectionContext(session=session, settings=Settings(), runner=runner, events=events, host=_Host())


@pytest.fixture
def as_trained(org: Org, runner) -> Iterator[SectionContext]:
    context = _context(org.path, TRAINED_PW, org.trained, runner)
    yield context
    runner.wait_for_done()
    context.session.close(backup=False)


def _page(qtbot, context: SectionContext, hris_id: str, size=(1280, 800)):
    from hrdesk.ui.reviews_view import ReviewsView

    view = ReviewsView(context)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitUntil(lambda: view.loaded_once, timeout=20000)
    view.show_person(hris_id)
    qtbot.waitUntil(lambda: view.page is not None and not view.loading, timeout=30000)
    return view


def test_the_person_picker_finds_by_any_part_and_keeps_the_person_across_a_reload(qtbot, org: Org, as_trained) -> None:
    view = _page(qtbot, as_trained, org.person)
    person = next(p for p in view.people if p.employee_id == org.person)
    assert view.picker.currentData() == org.person and view.picker.currentText() == f"{person.name} ({org.person})"
    completer = view.picker.completer()
    part = person.name.split()[-1][1:5]  # a piece from inside the last name
    completer.setCompletionPrefix(part)
    found = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert f"{person.name} ({org.person})" in found and all(part.casefold() in f.casefold() for f in found)
    completer.setCompletionPrefix(org.person)  # an HRIS id finds the person too
    assert completer.completionCount() >= 1
    loaded = view.people
    view.reload_people()
    qtbot.waitUntil(lambda: view.people is not loaded, timeout=20000)
    assert view.picker.currentData() == org.person  # still the person being reviewed
    assert view.people_model.row_of("no such id") == -1


def test_a_manager_holds_a_review_on_one_page_and_saves_it(qtbot, org: Org, as_trained, dialogs, screenshot) -> None:
    view = _page(qtbot, as_trained, org.person)
    people = {view.picker.itemData(i) for i in range(view.picker.count())}
    assert org.person in people and org.other_team_person not in people  # only their own team to pick from
    page = view.page
    assert page.employee.employee_id == org.person and len(view.decisions) >= 2
    assert view.rating.currentText() == "Not rated yet"  # never pre-filled
    assert view.rating_chart is not None and view.rating_chart.isVisible()
    first, second = view.decisions[0], view.decisions[1]
    qtbot.mouseClick(first.buttons[Verdict.ACCEPT], Qt.MouseButton.LeftButton)
    first.reason.setText("A good opening for the conversation")
    second.buttons[Verdict.DISAGREE].setChecked(True)
    second.reason.setText("Already under way")
    second.context.setText("Started an evening course last month")
    for box in view.decisions[2:]:
        box.buttons[Verdict.SET_ASIDE].setChecked(True)
        box.reason.setText("Not now")
    row = view.plan.rows[0]
    row.text.setText("Move into the data team's on-call rota")  # a path no suggestion named
    row.source.setCurrentIndex(row.source.findData("employee"))
    suggested = view.plan.add()
    suggested.text.setText(first.item.suggestion.suggest)
    suggested.source.setCurrentIndex(suggested.source.findData("suggestion"))
    view.feedback.edit.setPlainText("She is abrasive in meetings, but the release went out on time.")
    qtbot.waitUntil(lambda: view.feedback.hint.isVisible(), timeout=3000)  # the live check, after a pause
    assert "abrasive" in view.feedback.hint.text() and view.save_button.isEnabled()  # a hint, never a block
    view.rating.setCurrentIndex(view.rating.findData(page.scale[2]))
    assert not unnamed(view), unnamed(view)
    screenshot(view.scroll.widget(), "review_page_full")
    view.resize(1024, 640)
    qtbot.wait(50)
    screenshot(view, "review_page_1024")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Saved the review" in view.message.text(), timeout=20000)
    assert not dialogs.errors
    qtbot.waitUntil(lambda: view.page is not None and view.page.current is not None and not view.loading,
                    timeout=20000)  # the view refreshed from the saved review
    saved = view.page.current
    assert [d.verdict for d in saved.decisions][:2] == [Verdict.ACCEPT, Verdict.DISAGREE]
    assert saved.decisions[1].context == "Started an evening course last month"
    assert ("Move into the data team's on-call rota", "employee") in [(p.text, p.source) for p in saved.plan]
    assert saved.rating_label == page.scale[2]
    assert view.rating.currentText() == page.scale[2]  # their own saved rating, shown back
    assert as_trained.session.read(lambda v: query.reviews(v, employee_id=org.person)) == [saved]


def test_the_page_fits_1024_by_640_and_a_14pt_font(qtbot, org: Org, as_trained, screenshot) -> None:
    view = _page(qtbot, as_trained, org.person, size=(1024, 640))
    qtbot.wait(100)
    assert not too_wide(view), too_wide(view)
    screenshot(view, "review_page_top_1024")
    view.setStyleSheet("QWidget { font-size: 14pt; }")
    view.reload_page()
    qtbot.waitUntil(lambda: not view.loading, timeout=20000)
    view.resize(1024, 640)
    qtbot.wait(100)
    assert not too_wide(view), too_wide(view)
    assert not clipped(view), clipped(view)
    screenshot(view, "review_page_14pt")
    screenshot(view.scroll.widget(), "review_page_14pt_full")


def test_an_untrained_managers_page_has_no_suggestions_and_says_why(qtbot, org: Org, runner, dialogs) -> None:
    context = _context(org.path, UNTRAINED_PW, org.untrained, runner)
    try:
        view = _page(qtbot, context, org.other_team_person)
        assert view.decisions == []
        assert "has not passed the AI-literacy training" in view.no_suggestions.text()
        assert view.no_suggestions.isVisible()
    finally:
        runner.wait_for_done()
        context.session.close(backup=False)


def test_a_save_the_core_refuses_shows_the_reason_and_writes_nothing(qtbot, org: Org, as_trained, dialogs) -> None:
    view = _page(qtbot, as_trained, org.person)
    view.decisions[0].buttons[Verdict.ACCEPT].setChecked(True)  # the others undecided
    view.decisions[0].reason.setText("Worth raising")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=20000)
    assert "decide on every suggestion shown" in dialogs.errors[0].error.message
    for box in view.decisions[1:]:
        box.buttons[Verdict.SET_ASIDE].setChecked(True)  # decided, but one without a reason
    qtbot.waitUntil(view.save_button.isEnabled, timeout=5000)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dialogs.errors) == 2, timeout=20000)
    assert "give a reason for the decision on" in dialogs.errors[1].error.message
    assert view.save_button.isEnabled()
    assert as_trained.session.read(query.reviews) == []


def test_the_letters_section_writes_the_review_summary_of_saved_reviews_only(qtbot, org: Org, runner, dialogs,
                                                                               tmp_path: Path) -> None:
    from pypdf import PdfReader

    from hrdesk.letters import LetterType
    from hrdesk.reviews.draft import ReviewDraft
    from hrdesk.reviews.model import PlanItem
    from hrdesk.ui.letters_view import EVERYONE, LettersView

    with Session.open(org.path, UNTRAINED_PW, user=org.untrained) as theirs:  # no suggestions to decide on
        theirs.record_review(ReviewDraft(org.other_team_person, plan=(PlanItem("Run the spring stock-take", "employee"),)))
    context = _context(org.path, HR_PW, None, runner)
    try:
        view = LettersView(context)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda: view.summary is not None, timeout=20000)
        view.type_picker.setCurrentIndex(view.type_picker.findData(LetterType.REVIEW_SUMMARY.value))
        view.recipient_picker.setCurrentIndex(view.recipient_picker.findData(EVERYONE))
        assert view.recipients() == [org.other_team_person]  # everyone employed, but only one has a saved review
        assert view.count_label.text().startswith("1 letter")
        view.generate(tmp_path / "out")
        qtbot.waitUntil(lambda: getattr(view, "last_result", None) is not None, timeout=60000)
        assert not dialogs.errors
        [pdf] = view.last_result.files
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
        assert "Run the spring stock-take (your own choice)" in text
    finally:
        runner.wait_for_done()
        context.session.close(backup=False)


def test_hr_closes_and_opens_cycles_from_the_section(qtbot, org: Org, runner, dialogs, monkeypatch) -> None:
    import hrdesk.ui.widgets

    monkeypatch.setattr(hrdesk.ui.widgets, "confirm", lambda *args, **kwargs: True)  # the modal question, answered
    context = _context(org.path, HR_PW, None, runner)
    try:
        view = _page(qtbot, context, org.other_team_person)
        assert view.close_cycle_button.isVisible() and "2026 annual is open" in view.cycle_label.text()
        assert view.save_button.isEnabled()
        view.close_cycle_button.click()
        qtbot.waitUntil(lambda: "No review cycle is open" in view.cycle_label.text(), timeout=20000)
        qtbot.waitUntil(lambda: view.save_button is not None and not view.save_button.isEnabled(), timeout=20000)
        assert "cannot be saved" in view.saved_message.text()
        view.cycle_name.setText("2027 annual")
        view.open_cycle_button.click()
        qtbot.waitUntil(lambda: "2027 annual is open" in view.cycle_label.text(), timeout=20000)
        qtbot.waitUntil(lambda: view.save_button.isEnabled(), timeout=20000)
        assert view.page.cycle.name == "2027 annual" and not dialogs.errors
    finally:
        runner.wait_for_done()
        context.session.close(backup=False)


def test_a_manager_sees_no_hr_controls(qtbot, org: Org, as_trained) -> None:
    view = _page(qtbot, as_trained, org.person)
    assert not view.close_cycle_button.isVisible() and not view.open_cycle_button.isVisible()
