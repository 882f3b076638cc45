# ruff: noqa: F811  (pytest fixtures imported from qt_fixtures are parameters of the tests below)
"""The Suggestions section: trains from the window off the UI thread, shows the card with its charts, lists by team."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from qt_fixtures import DialogRecorder, _app_style, _collect_garbage_on_the_main_thread, dialogs, runner, screenshot  # noqa: E402,F401
from suggest_helpers import PASSPHRASE, go_live  # noqa: E402

from hrdesk.session import Session  # noqa: E402
from hrdesk.settings import Settings  # noqa: E402
from hrdesk.ui.sections import SectionContext, VaultEvents  # noqa: E402
from hrdesk.vault import Vault  # noqa: E402

pytestmark = pytest.mark.gui


class _Host:
    def save_settings(self) -> None: ...

    def lock(self) -> None: ...

    def restore_backup(self, backup: object) -> None: ...

    def show_section(self, key: str) -> None: ...


@pytest.fixture
def context(demo_master: Path, tmp_path: Path, runner):
    path = tmp_path / "demo.hrdesk"
    shutil.copyfile(demo_master, path)
    vault = Vault.open(path, PASSPHRASE)
    events = VaultEvents()
    session = Session(vault)
    session.subscribe(events.post)
    yield SectionContext(session=session, settings=Settings(), runner=runner, events=events, host=_Host())
    runner.wait_for_done()
    vault.close(backup=False)


def _view(qtbot, context):
    from hrdesk.ui.suggestions_view import SuggestionsView

    view = SuggestionsView(context)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitUntil(lambda: view.loaded_once, timeout=20000)
    return view


def test_before_go_live_the_section_says_why_and_lists_nothing(qtbot, context, dialogs):
    view = _view(qtbot, context)
    assert "not live" in view.status.text() and view.model.rowCount() == 0
    assert view.card.empty.isVisible() is False or view.card.headings == []
    assert not dialogs.errors


def test_trains_from_the_window_and_shows_the_card_and_suggestions_by_team(qtbot, context, dialogs, screenshot,
                                                                             qtmodeltester):
    view = _view(qtbot, context)
    assert "not live" in view.status.text()
    qtbot.mouseClick(view.train_button, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton)
    assert not view.train_button.isEnabled()  # the work runs off the UI thread
    qtbot.waitUntil(lambda: view.message.isVisible() and "card version 1" in view.message.text(), timeout=60000)
    qtbot.waitUntil(lambda: "Fairness of the suggestions" in view.card.headings, timeout=20000)
    assert not dialogs.errors
    assert view.tabs.currentIndex() == 1
    assert {"Purpose", "Training data", "Proxy check", "Performance", "Known limitations"} <= set(view.card.headings)
    assert view.card.reliability.chart().series() and view.card.fairness.chart().series()
    for size, name in (((1280, 800), "suggest_card_1280"), ((1024, 640), "suggest_card_1024")):
        view.resize(*size)
        qtbot.wait(50)
        screenshot(view, name)
    screenshot(view.card, "suggest_card_page")  # the whole page, charts included
    # a new model reopens governance step 2; once it is signed again, the suggestions appear
    context.runner.run(lambda _progress: context.session.perform(go_live), show_progress=False)
    qtbot.waitUntil(lambda: any(s.kind == "retention" for s in view.model.items()), timeout=20000)
    assert "are live" in view.status.text()
    qtmodeltester.check(view.model)
    view.tabs.setCurrentIndex(0)
    kinds = {s.kind for s in view.model.items()}
    assert kinds == {"retention", "development", "wellbeing"}
    team = next(s.team for s in view.model.items() if s.kind == "retention")
    view.team_picker.setCurrentText(team)
    assert 0 < view.filtered.rowCount() < view.model.rowCount()
    assert all(view.model.item(view.filtered.mapToSource(view.filtered.index(r, 0)).row()).team == team
               for r in range(view.filtered.rowCount()))
    row = next(r for r in range(view.filtered.rowCount())
               if view.model.item(view.filtered.mapToSource(view.filtered.index(r, 0)).row()).kind == "retention")
    view.table.setCurrentIndex(view.filtered.index(row, 0))
    qtbot.waitUntil(lambda: "Raised it:" in view.explanation.text(), timeout=20000)
    view.resize(1280, 800)
    qtbot.wait(50)
    screenshot(view, "suggest_list_1280")
    view.setStyleSheet("QWidget { font-size: 14pt; }")
    view.resize(1280, 800)
    qtbot.wait(50)
    screenshot(view, "suggest_list_14pt")


def test_too_little_history_is_said_on_the_page(qtbot, tmp_path, runner, dialogs):
    from hrdesk.demo.build import build_demo_vault
    from hrdesk.vault import KdfParams

    path = tmp_path / "small.hrdesk"
    build_demo_vault(path, passphrase=PASSPHRASE, n_employees=40, seed=2, kdf=KdfParams.fast_for_tests())
    vault = Vault.open(path, PASSPHRASE)
    try:
        events = VaultEvents()
        session = Session(vault)
        session.subscribe(events.post)
        context = SectionContext(session=session, settings=Settings(), runner=runner, events=events, host=_Host())
        view = _view(qtbot, context)
        view.train()
        qtbot.waitUntil(lambda: view.message.isVisible() and "too little history" in view.message.text(),
                        timeout=30000)
        assert not dialogs.errors and view.card.headings == []
        runner.wait_for_done()
    finally:
        vault.close(backup=False)
