"""Qt fixtures shared by the GUI test folders (tests/ui, tests/ui_people).

Each GUI folder's conftest imports these names, so non-GUI tests never start
a QApplication. Offscreen Qt, the app's stylesheet, a task runner, screenshots,
garbage collected on the main thread, and recorders standing in for modal
dialogs (which would block an offscreen test).
"""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from hrdesk.ui import palette  # noqa: E402
from hrdesk.ui.widgets import keep_windows_on_screen  # noqa: E402
from hrdesk.ui.errors import CrashDialog, ErrorDialog  # noqa: E402
from hrdesk.ui.worker import TaskRunner  # noqa: E402

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.fixture(scope="session", autouse=True)
def _app_style(qapp: QApplication) -> None:
    qapp.setStyle("Fusion")
    palette.install(qapp, dark=False)  # the app's own look, fixed to light so screenshots compare
    keep_windows_on_screen(qapp)


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    """Collect each test's reference cycles here, on the main thread.

    Left to itself, Python's collector runs wherever an allocation trips it,
    which may be a worker thread (a section loading off the UI thread);
    collecting Qt wrappers there destroys Qt objects off their thread and
    crashes the process. So, as the app does (``ui.app``: collection only on
    the main thread's timer), automatic collection is off while a GUI test runs.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.freeze()  # and what lives on past the test (modules, the app) stays out of later collections, as conftest's qapp set up
        if was_enabled:
            gc.enable()


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.cancel_all()
    task_runner.wait_for_done()


@dataclass
class DialogRecorder:
    errors: list[ErrorDialog] = field(default_factory=list)
    crashes: list[CrashDialog] = field(default_factory=list)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogRecorder:
    """Record error and crash dialogs instead of running their modal loops."""
    recorder = DialogRecorder()
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: recorder.errors.append(self) or 0)
    monkeypatch.setattr(CrashDialog, "exec", lambda self: recorder.crashes.append(self) or 0)
    return recorder


@pytest.fixture
def screenshot() -> Callable[[QWidget, str], Path]:
    def save(widget: QWidget, name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        target = SCREENSHOTS / f"{name}.png"
        assert widget.grab().save(str(target)), f"could not save {target}"
        return target

    return save


@contextmanager
def large_system_font(points: int = 14) -> Iterator[None]:
    """The app as under a large system font (the stylesheet's sizes follow it, as ``palette.install`` does at
    start-up), put back afterwards so later tests see the usual size."""
    app = QApplication.instance()
    font = app.font()
    big = QFont(font)
    big.setPointSize(points)
    try:
        app.setFont(big)
        palette.install(app, dark=False)
        yield
    finally:
        app.setFont(font)
        palette.install(app, dark=False)
