"""The window refreshes only what a change touches; a bug in a write reaches the crash dialog."""

from __future__ import annotations

import sqlite3

from hrdesk.session import Changes, Kind
from hrdesk.session.changes import from_entries
from hrdesk.ui.audits_section import AuditsSection
from hrdesk.ui.main_window import MainWindow
from hrdesk.ui.sections import VaultEvents
from hrdesk.vault import AuditEntry


def _changes(*actions: str) -> Changes:
    return from_entries([AuditEntry(seq=n, time="", actor="", action=a, target="t", details={}, prev="")
                         for n, a in enumerate(actions, start=1)])


def test_a_view_watching_an_unrelated_kind_does_not_reload(qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    events = VaultEvents()
    owner = QWidget()
    qtbot.addWidget(owner)
    reloads: list[str] = []
    events.watch(owner, (Kind.AUDIT_RUNS,), lambda: reloads.append("runs"), name="runs")
    events.watch(owner, (Kind.EMPLOYEES,), lambda: reloads.append("people"), name="people")
    events.dispatch(_changes("employee.updated"))
    assert reloads == ["people"] and events.refreshed == ["people"]
    events.dispatch(_changes("consent.changed"))
    assert reloads == ["people"], "a consent change touched neither view"
    events.dispatch(_changes("audit.run"))
    assert reloads == ["people", "runs"]


def test_watchers_go_with_their_widget(qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    events = VaultEvents()
    owner = QWidget()
    calls: list[int] = []
    events.watch(owner, (Kind.EMPLOYEES,), lambda: calls.append(1))
    owner.deleteLater()
    qtbot.waitUntil(lambda: not events._watchers, timeout=2000)
    events.dispatch(_changes("employee.updated"))
    assert calls == []


def test_an_employee_edit_does_not_reload_the_audits_screen(qtbot, window: MainWindow) -> None:
    window.show_section("audits")
    assert isinstance(window.shell.stack.currentWidget(), AuditsSection)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10_000)
    events = window.events
    events.refreshed.clear()
    with qtbot.waitSignal(events.changed, timeout=5000):
        window.session.notify(_changes("employee.updated"))  # as an operation in the write lane does
    assert "audits" not in events.refreshed and "status line" not in events.refreshed
    assert "audits (staleness)" in events.refreshed  # it only counts the change against the saved runs
    with qtbot.waitSignal(events.changed, timeout=5000):
        window.session.notify(_changes("audit.run"))
    assert "audits" in events.refreshed


def test_our_own_bad_sql_in_a_write_reaches_the_crash_dialog(qtbot, window: MainWindow, dialogs) -> None:
    session = window.session

    def bad_write(_progress):  # type: ignore[no-untyped-def]
        return session.perform(lambda vault: vault.connection.execute("SELECT no_such_column FROM employees"))

    task = window.runner.run(bad_write, label="Saving…", parent=window, show_progress=False)
    qtbot.waitUntil(lambda: bool(dialogs.crashes) or bool(dialogs.errors), timeout=5000)
    assert task is not None
    assert dialogs.errors == [], "a bug was shown as a known problem"
    assert len(dialogs.crashes) == 1 and "no_such_column" in dialogs.crashes[0].details
    assert "OperationalError" in dialogs.crashes[0].details
    assert "damaged" not in dialogs.crashes[0].details.lower()
    assert isinstance(sqlite3.OperationalError("x"), sqlite3.Error)


def test_the_app_fixture_freezes_what_exists_before_the_tests(qapp) -> None:
    import gc

    assert gc.get_freeze_count() > 0, "tests/conftest.py's qapp did not gc.freeze()"
