"""The window under real use: found by reading the UI code and using the app in a real window.

Each test describes what a user (or the security promise) needs; a failing test is a defect.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

import hrdesk.ui.employee_detail as employee_detail
import hrdesk.ui.employees_view as employees_view
from hrdesk.ui.employees_model import IdRole
from hrdesk.ui.main_window import MainWindow
from hrdesk.ui.retention_card import RetentionCard

DEMO_PASSPHRASE = "pw"  # as in conftest.py


def _settle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Let every background task finish and its queued result arrive."""
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10_000)
    window.runner.wait_for_done()
    qtbot.wait(100)


def _employees(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    window.show_section("employees")
    view = window.shell.views["employees"]
    qtbot.waitUntil(lambda: view.loaded, timeout=10_000)
    _settle(qtbot, window)
    return view


def _open_first_employee(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    view = _employees(qtbot, window)
    employee_id = view.proxy.index(0, 0).data(IdRole)
    view.open_employee(str(employee_id))
    qtbot.waitUntil(lambda: view.detail.data is not None, timeout=10_000)
    _settle(qtbot, window)
    return view


def _unlock(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    screen = window.lock_screen
    assert screen is not None
    screen.passphrase.setText(DEMO_PASSPHRASE)
    screen._submit()
    qtbot.waitUntil(lambda: not window.is_locked, timeout=10_000)


# --- double refreshes ---------------------------------------------------------------------------


def test_unlocking_reads_the_employees_once(qtbot, demo_window: MainWindow, monkeypatch) -> None:
    """Unlocking runs through the write lane, so ``wrote`` fires and every fresh view loads twice."""
    _employees(qtbot, demo_window)
    calls: list[int] = []
    real = employees_view.load_people
    monkeypatch.setattr(employees_view, "load_people", lambda vault: calls.append(1) or real(vault))
    demo_window.lock()
    assert demo_window.is_locked
    _unlock(qtbot, demo_window)
    qtbot.waitUntil(lambda: demo_window.shell.views["employees"].loaded, timeout=10_000)
    _settle(qtbot, demo_window)
    assert len(calls) == 1, f"the employee list was read {len(calls)} times after one unlock"


def test_saving_an_edit_rebuilds_the_detail_page_once(qtbot, demo_window: MainWindow, monkeypatch) -> None:
    """``_saved`` reloads the page, and ``events.changed`` -> EmployeesView.refresh reloads it again."""
    view = _open_first_employee(qtbot, demo_window)
    detail = view.detail
    calls: list[int] = []
    real = employee_detail.load_detail
    monkeypatch.setattr(employee_detail, "load_detail", lambda records, eid, **kw: calls.append(1) or real(records, eid, **kw))
    detail.start_edit()
    detail._save({"position": "Senior Technician"})
    qtbot.waitUntil(lambda: not detail.editing, timeout=10_000)
    _settle(qtbot, demo_window)
    assert detail.data is not None and detail.data.employee.position == "Senior Technician"
    assert len(calls) == 1, f"one save decrypted and rebuilt the employee page {len(calls)} times"


def test_recording_a_consent_change_rebuilds_the_detail_page_once(qtbot, demo_window: MainWindow, monkeypatch) -> None:
    view = _open_first_employee(qtbot, demo_window)
    detail = view.detail
    calls: list[int] = []
    real = employee_detail.load_detail
    monkeypatch.setattr(employee_detail, "load_detail", lambda records, eid, **kw: calls.append(1) or real(records, eid, **kw))
    detail._record_consent(True, "asked in writing")
    _settle(qtbot, demo_window)
    assert detail.data is not None and detail.data.history, "the consent change should be shown"
    assert len(calls) == 1, f"one consent change rebuilt the employee page {len(calls)} times"


# --- work on the UI thread ------------------------------------------------------------------------


def test_employee_page_is_read_off_the_ui_thread(qtbot, demo_window: MainWindow, monkeypatch) -> None:
    """DESIGN: vault reads run off the UI thread; EmployeeDetail.reload decrypts in the slot.

    Worse than the milliseconds: the vault's I/O lock is held for a whole write transaction,
    so a page read on the UI thread while the write lane works freezes the window until it ends.
    """
    view = _employees(qtbot, demo_window)
    on_main: list[bool] = []
    real = employee_detail.load_detail

    def spy(records, eid, **kw):  # type: ignore[no-untyped-def]
        on_main.append(threading.current_thread() is threading.main_thread())
        return real(records, eid, **kw)

    monkeypatch.setattr(employee_detail, "load_detail", spy)
    view.open_employee(str(view.proxy.index(0, 0).data(IdRole)))
    qtbot.waitUntil(lambda: view.detail.data is not None, timeout=10_000)
    _settle(qtbot, demo_window)
    assert on_main and not any(on_main), "the employee page was decrypted on the UI thread"


# --- lock and dialogs ---------------------------------------------------------------------------------


def test_export_folder_dialog_survives_a_lock(qtbot, demo_window: MainWindow, monkeypatch, tmp_path: Path, dialogs) -> None:
    """A native folder dialog (Windows, macOS) is not a QDialog child, so the idle lock cannot
    close it; when the user then picks a folder, export_data reads ``self.data`` (cleared by
    the lock) and raises AttributeError -> crash dialog, or runs an export on a locked vault."""
    view = _open_first_employee(qtbot, demo_window)
    detail = view.detail

    def choose_while_the_idle_lock_fires() -> Path:
        demo_window._on_idle()
        return tmp_path

    monkeypatch.setattr(detail, "ask_export_folder", choose_while_the_idle_lock_fires)
    try:
        detail.export_data()
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"export after a lock raised {exc!r}")
    _settle(qtbot, demo_window)
    assert demo_window.is_locked
    assert not dialogs.crashes, "a crash dialog appeared"
    assert not list(tmp_path.glob("employee-*")), "personal data was exported after the vault locked"


def test_restore_waits_for_running_background_work(qtbot, demo_window: MainWindow, demo_vault, dialogs) -> None:
    """lock() waits for running tasks (runner.busy); restore_backup() closes the vault at once,
    under a read still running in the pool (the daily backup at open, a list load, an audit reload)."""
    from hrdesk.vault.backup import make_backup

    backup = make_backup(demo_vault)
    _settle(qtbot, demo_window)
    started = threading.Event()
    results: list[int] = []
    failures: list[BaseException] = []

    def slow_read(_progress):  # type: ignore[no-untyped-def]
        started.set()
        time.sleep(0.5)
        return sum(1 for _ in demo_vault.rows("employees"))

    demo_window.runner.run(slow_read, writes=False, show_progress=False, on_success=results.append,
                           on_failure=failures.append)
    assert started.wait(5)
    demo_window.restore_backup(backup)
    _settle(qtbot, demo_window)
    assert not failures, f"the running read failed when the vault was closed under it: {failures[0]!r}"
    assert results == [60]
    assert not dialogs.crashes


# --- settings ---------------------------------------------------------------------------------------


def _retention_card(qtbot, window: MainWindow) -> RetentionCard:  # type: ignore[no-untyped-def]
    window.show_section("settings")
    card = window.shell.views["settings"].findChild(RetentionCard)
    assert card is not None
    _settle(qtbot, window)
    return card


def test_scrolling_the_settings_page_does_not_change_retention(qtbot, demo_window: MainWindow) -> None:
    """Seen in the real window: scrolling the Settings page with the mouse wheel changed
    'Goals' from 36 to 26 months as the pointer passed over the spin box."""
    card = _retention_card(qtbot, demo_window)
    spin = card.spins["goals"]
    before = spin.value()
    assert not spin.hasFocus()
    centre = QPointF(spin.rect().center())
    event = QWheelEvent(centre, QPointF(spin.mapToGlobal(spin.rect().center())), QPoint(), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(spin, event)
    assert spin.value() == before, f"a wheel turn over an unfocused spin box changed Goals to {spin.value()} months"


def test_expired_preview_matches_the_periods_on_screen(qtbot, demo_window: MainWindow) -> None:
    """'Check what has expired' silently uses the saved periods, not the ones the user just typed:
    with check-ins set to 240 months on screen it still says it would delete check-ins."""
    card = _retention_card(qtbot, demo_window)
    card.check_expired()
    _settle(qtbot, demo_window)
    assert "check-in" in card.message.text(), "the demo vault has expired check-ins at the default 12 months"
    card.spins["checkins"].setValue(240)
    card.check_expired()
    _settle(qtbot, demo_window)
    assert "check-in" not in card.message.text(), (
        f"with 240 months on screen the preview still says: {card.message.text()!r}")
