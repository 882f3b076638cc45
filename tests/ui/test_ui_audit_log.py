"""The Audit log screen: one row per entry, text and action filters, the chain verdict in colour."""

from __future__ import annotations

import threading

import pytest
from shiboken6 import isValid

from hrdesk.ui import audit_log
from hrdesk.ui.audit_log import CHECKING, AuditLogView
from hrdesk.ui.main_window import MainWindow

SECRET_TARGET = "EMP-SECRET-4711"  # the filled vault's import target (tests/ui/conftest.py)


def open_audit_log(window: MainWindow, qtbot) -> AuditLogView:  # type: ignore[no-untyped-def]
    window.show_section("auditlog")
    view = window.shell.stack.currentWidget()
    assert isinstance(view, AuditLogView)
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)  # read and verified off the UI thread
    return view


def test_rows_match_the_audit_entries(qtbot, window: MainWindow, screenshot) -> None:
    view = open_audit_log(window, qtbot)
    entries = window.vault.audit_entries()
    assert view.proxy.rowCount() == len(entries) == view.model.rowCount()
    assert view.chain.text() == f"Audit log intact: {len(entries)} entries, chain verified."
    assert view.chain.property("state") == "ok"
    newest = view.proxy.index(0, 0)
    assert int(newest.data()) == entries[-1].seq  # newest first
    assert view.count.text() == f"{len(entries)} entries"
    screenshot(window, "audit_log")


def test_text_and_action_filters(qtbot, window: MainWindow) -> None:
    view = open_audit_log(window, qtbot)
    total = view.model.rowCount()
    qtbot.keyClicks(view.search, "secret-4711")  # case-insensitive, any column
    assert view.proxy.rowCount() == 1
    assert view.count.text() == f"1 of {total} entries"
    view.search.clear()
    assert view.proxy.rowCount() == total
    prefixes = [view.actions.itemData(i) for i in range(view.actions.count())]
    assert prefixes == ["", "governance", "import", "vault"]
    view.actions.setCurrentIndex(prefixes.index("governance"))
    actions = [view.proxy.index(r, 3).data() for r in range(view.proxy.rowCount())]
    assert actions == ["governance.step_opened"]
    qtbot.keyClicks(view.search, "nothing like this")
    assert view.proxy.rowCount() == 0


def test_a_tampered_log_shows_red(qtbot, window: MainWindow) -> None:
    view = open_audit_log(window, qtbot)
    window.vault.connection.execute("UPDATE audit_log SET mac=? WHERE seq=2", ("0" * 64,))
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.verify_button.click()
    assert view.chain.property("state") == "bad"
    assert view.chain.text().startswith("Audit log BROKEN at entry #")


def test_new_entries_appear_after_a_write(qtbot, window: MainWindow, runner) -> None:
    view = open_audit_log(window, qtbot)
    before = view.model.rowCount()
    session = window.session

    def write(progress):  # type: ignore[no-untyped-def]
        # an action this version does not know still touches the audit log, so the screen re-reads
        session.perform(lambda vault: vault.audit("letters.sent", target="batch-1", details={"letters": 3}))

    with qtbot.waitSignal(view.loaded, timeout=5000):  # the write's Changes start a background re-read
        runner.run(write, show_progress=False)
    assert view.model.rowCount() == before + 1


def test_reading_and_checking_run_off_the_ui_thread(qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, screenshot) -> None:
    view = open_audit_log(window, qtbot)
    shown = view.model.rowCount()
    gate = threading.Event()
    threads: list[threading.Thread] = []
    real_read_log = audit_log.read_log

    def slow_read_log(vault):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        gate.wait(5)
        return real_read_log(vault)

    monkeypatch.setattr(audit_log, "read_log", slow_read_log)
    view.verify_button.click()
    qtbot.waitUntil(lambda: bool(threads), timeout=2000)
    assert threads[0] is not threading.main_thread()
    assert view.chain.text() == CHECKING and view.loading
    assert not view.verify_button.isEnabled()
    assert view.model.rowCount() == shown  # the last entries stay on screen meanwhile
    screenshot(window, "audit_log_checking")
    with qtbot.waitSignal(view.loaded, timeout=5000):
        gate.set()
    assert view.chain.property("state") == "ok" and view.verify_button.isEnabled()


def test_a_result_arriving_after_lock_is_not_shown(qtbot, window: MainWindow, texts_of, monkeypatch: pytest.MonkeyPatch) -> None:
    view = open_audit_log(window, qtbot)
    gate = threading.Event()
    real_read_log = audit_log.read_log
    monkeypatch.setattr(audit_log, "read_log", lambda vault: gate.wait(5) and real_read_log(vault))
    view.verify_button.click()
    window.lock()  # waits for the running read, then locks
    assert not window.is_locked
    gate.set()
    qtbot.waitUntil(lambda: window.is_locked, timeout=5000)
    assert window.vault.is_locked
    assert not isValid(view) or view.model.rowCount() == 0  # thrown away, or at least emptied
    assert SECRET_TARGET not in texts_of(window)
