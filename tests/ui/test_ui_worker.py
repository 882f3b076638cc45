"""The background-work doorway: results and errors arrive on the main thread, Cancel rolls back."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QPushButton

from hrdesk.errors import CancelledError, InvalidInputError
from hrdesk.progress import check_cancelled
from hrdesk.ui.worker import DIALOG_DELAY_MS, TaskRunner


def test_result_arrives_on_the_main_thread(qtbot, runner: TaskRunner) -> None:
    seen: dict[str, object] = {}

    def work(progress):  # type: ignore[no-untyped-def]
        seen["worker_thread"] = threading.current_thread() is not threading.main_thread()
        return 42

    task = runner.run(work, writes=False, show_progress=False)
    with qtbot.waitSignal(task.succeeded, timeout=5000) as blocker:
        pass
    assert blocker.args == [42]
    assert seen["worker_thread"] is True
    assert QThread.currentThread() is QApplication.instance().thread()


def test_writes_run_one_at_a_time(qtbot, runner: TaskRunner) -> None:
    active, overlaps = [0], []
    lock = threading.Lock()

    def work(progress):  # type: ignore[no-untyped-def]
        with lock:
            active[0] += 1
            overlaps.append(active[0])
        time.sleep(0.03)
        with lock:
            active[0] -= 1

    tasks = [runner.run(work, show_progress=False) for _ in range(4)]
    qtbot.waitUntil(lambda: all(t.done for t in tasks), timeout=5000)
    assert max(overlaps) == 1


def test_progress_dialog_appears_late_and_cancel_rolls_back(qtbot, runner: TaskRunner, vault, dialogs) -> None:
    vault.ensure_table("notes")
    started = threading.Event()

    def work(progress):  # type: ignore[no-untyped-def]
        progress.begin("Writing notes", 200)
        with vault.transaction():
            for number in range(200):
                vault.insert("notes", {"n": number})
                progress.advance()
                started.set()
                time.sleep(0.01)
                check_cancelled(progress, "Writing notes")

    task = runner.run(work, label="Writing notes…")
    assert task.driver is not None and task.driver.dialog is None  # not before the delay
    qtbot.waitUntil(lambda: task.driver.dialog is not None, timeout=DIALOG_DELAY_MS * 5)
    dialog = task.driver.dialog
    assert dialog.labelText() == "Writing notes"
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=2000)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        dialog.findChild(QPushButton).click()  # the Cancel button
    assert isinstance(blocker.args[0], CancelledError)
    assert vault.count("notes") == 0  # the transaction was rolled back
    assert dialogs.errors == [] and dialogs.crashes == []  # a cancel is not an error


def test_quick_work_never_shows_a_dialog(qtbot, runner: TaskRunner) -> None:
    task = runner.run(lambda progress: "ok", label="Quick")
    qtbot.waitUntil(lambda: task.done, timeout=2000)
    qtbot.wait(DIALOG_DELAY_MS + 100)
    assert task.driver.dialog is None


def test_known_error_goes_to_the_error_dialog(qtbot, runner: TaskRunner, dialogs) -> None:
    def work(progress):  # type: ignore[no-untyped-def]
        raise InvalidInputError("The column 'Salary' is empty.", hint="Map another column.")

    task = runner.run(work, show_progress=False)
    qtbot.waitUntil(lambda: task.done, timeout=2000)
    qtbot.waitUntil(lambda: len(dialogs.errors) == 1, timeout=2000)
    shown = dialogs.errors[0]
    assert shown.text() == "The column 'Salary' is empty."
    assert shown.informativeText() == "Map another column."
    assert shown.windowTitle() == "Invalid input"
    assert dialogs.crashes == []


def test_a_bug_goes_to_the_crash_dialog(qtbot, runner: TaskRunner, dialogs) -> None:
    def work(progress):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("division by zero")

    runner.run(work, show_progress=False)
    qtbot.waitUntil(lambda: len(dialogs.crashes) == 1, timeout=2000)
    assert "ZeroDivisionError" in dialogs.crashes[0].details
    assert dialogs.errors == []


@pytest.mark.parametrize("writes", [True, False])
def test_busy_flag_follows_the_tasks(qtbot, runner: TaskRunner, writes: bool) -> None:
    gate = threading.Event()
    with qtbot.waitSignal(runner.busy_changed, timeout=1000) as blocker:
        task = runner.run(lambda progress: gate.wait(5), writes=writes, show_progress=False)
    assert blocker.args == [True] and runner.busy
    with qtbot.waitSignal(runner.busy_changed, timeout=5000) as blocker:
        gate.set()
    assert blocker.args == [False] and not runner.busy and task is not None
