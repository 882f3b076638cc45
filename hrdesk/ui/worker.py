"""The one doorway for background work.

``TaskRunner.run(fn, ...)`` calls ``fn(progress)`` off the UI thread and
delivers its result or its exception back on the main thread. Everything that
writes to the vault goes through the *write lane*, a pool of exactly one
thread, so two writes never interleave. Progress is reported through a
``QtProgress`` (an ``hrdesk.progress.Progress``) whose signals drive a
progress dialog that appears only if the work takes longer than
``DIALOG_DELAY_MS``; its Cancel button sets the flag the core polls.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from hrdesk import logs
from hrdesk.errors import CancelledError
from hrdesk.progress import Progress

log = logs.get("ui.worker")

DIALOG_DELAY_MS = 400

Work = Callable[[Progress], Any]
OnSuccess = Callable[[Any], None]
OnFailure = Callable[[BaseException], None]


class QtProgress(QObject):
    """A thread-safe ``Progress``: the worker calls it, the UI listens to its signals."""

    began = Signal(str, int)
    advanced = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()

    def begin(self, label: str, total: int) -> None:
        self.began.emit(label, total)

    def advance(self, steps: int = 1) -> None:
        self.advanced.emit(steps)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Outcome(QObject):
    """Carries the result across threads (queued to the main thread)."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Work, progress: QtProgress, outcome: _Outcome) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._progress = progress
        self._outcome = outcome

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except BaseException as exc:  # delivered to the main thread, which decides
            self._outcome.failed.emit(exc)
        else:
            self._outcome.succeeded.emit(result)


class Task(QObject):
    """A handle on one piece of background work."""

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, label: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.progress = QtProgress(self)
        self.done = False
        self.driver: ProgressDialogDriver | None = None
        self._outcome = _Outcome(self)
        self._outcome.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self._outcome.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        self.progress.cancel()

    def _on_succeeded(self, result: object) -> None:
        self.done = True
        self.succeeded.emit(result)
        self.finished.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self.done = True
        self.failed.emit(exc)
        self.finished.emit()


class ProgressDialogDriver(QObject):
    """Shows a ``QProgressDialog`` for a task, but only once it has run ``delay_ms``."""

    def __init__(self, task: Task, parent: QWidget | None, delay_ms: int = DIALOG_DELAY_MS) -> None:
        super().__init__(task)
        self._task = task
        self._parent = parent
        self._label = task.label or "Working…"
        self._total = 0
        self._value = 0
        self.dialog: QProgressDialog | None = None
        task.progress.began.connect(self._on_began)
        task.progress.advanced.connect(self._on_advanced)
        task.finished.connect(self._close)
        QTimer.singleShot(delay_ms, self, self._show)

    def _on_began(self, label: str, total: int) -> None:
        self._label, self._total, self._value = label, total, 0
        self._sync()

    def _on_advanced(self, steps: int) -> None:
        self._value += steps
        self._sync()

    def _sync(self) -> None:
        if self.dialog is None:
            return
        self.dialog.setLabelText(self._label)
        self.dialog.setRange(0, self._total)  # 0..0 shows a busy indicator
        if self._total:
            self.dialog.setValue(min(self._value, self._total))

    def _show(self) -> None:
        if self._task.done:
            return
        dialog = QProgressDialog(self._label, "Cancel", 0, 0, self._parent)
        dialog.setWindowTitle("hrdesk")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(self._on_cancel)
        self.dialog = dialog
        self._sync()
        dialog.show()

    def _on_cancel(self) -> None:
        self._task.cancel()
        self._label = "Cancelling… nothing will be half-saved."

    def _close(self) -> None:
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None


class TaskRunner(QObject):
    """Runs core callables in the background; one lane for writes, one pool for reads."""

    busy_changed = Signal(bool)
    task_finished = Signal(object)  # the Task
    wrote = Signal()  # a write-lane task succeeded: views may refresh

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._write_lane = QThreadPool(self)
        self._write_lane.setMaxThreadCount(1)
        self._read_pool = QThreadPool(self)
        self._read_pool.setMaxThreadCount(2)
        self._running: set[Task] = set()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(
        self,
        work: Work,
        *,
        label: str = "",
        on_success: OnSuccess | None = None,
        on_failure: OnFailure | None = None,
        writes: bool = True,
        parent: QWidget | None = None,
        show_progress: bool = True,
    ) -> Task:
        """Start ``work(progress)``; ``on_failure`` defaults to ``show_error`` (Cancel is quiet)."""
        task = Task(label, self)
        if on_success is not None:
            task.succeeded.connect(on_success)
        task.failed.connect(on_failure or (lambda exc: _default_failure(parent, exc)))
        if writes:
            task.succeeded.connect(lambda _result: self.wrote.emit())
        task.finished.connect(lambda: self._forget(task))
        if show_progress:
            task.driver = ProgressDialogDriver(task, parent)
        self._remember(task)
        pool = self._write_lane if writes else self._read_pool
        pool.start(_Job(work, task.progress, task._outcome))
        log.debug("task started: %s (%s)", label or "unnamed", "write" if writes else "read")
        return task

    def _remember(self, task: Task) -> None:
        was_busy = self.busy
        self._running.add(task)
        if not was_busy:
            self.busy_changed.emit(True)

    def _forget(self, task: Task) -> None:
        self._running.discard(task)
        self.task_finished.emit(task)
        task.deleteLater()
        if not self.busy:
            self.busy_changed.emit(False)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """Block until both pools are idle (shutdown and tests); results still arrive queued."""
        return self._write_lane.waitForDone(msecs) and self._read_pool.waitForDone(msecs)


def _default_failure(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, CancelledError):
        log.info("task cancelled by the user")
        return
    from hrdesk.ui.errors import show_error

    show_error(parent, exc)
