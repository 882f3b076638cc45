"""Two kinds of failure: a known error gets a plain message and what to do;
anything else is a bug and gets the crash dialog with the log tail.

``show_error(parent, exc)`` is the only entry point the rest of the UI uses;
``install_excepthook()`` routes uncaught exceptions to the crash dialog so no
traceback is ever left in a window or a terminal the user cannot see.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hrdesk import __version__, logs
from hrdesk.errors import HrdeskError

log = logs.get("ui.errors")


class ErrorDialog(QMessageBox):
    """A known, user-actionable problem: its title, message and hint."""

    def __init__(self, parent: QWidget | None, error: HrdeskError) -> None:
        super().__init__(parent)
        self.error = error
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(error.title)
        self.setText(error.message)
        if error.hint:
            self.setInformativeText(error.hint)
        self.setStandardButtons(QMessageBox.StandardButton.Ok)


class CrashDialog(QDialog):
    """A bug: say so plainly, show the details, offer to copy them."""

    def __init__(self, parent: QWidget | None, exc: BaseException, tb: TracebackType | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("hrdesk hit a bug")
        self.setMinimumSize(640, 420)
        self.details = crash_details(exc, tb or exc.__traceback__)
        intro = QLabel(
            "Something unexpected happened inside hrdesk. Your vault is safe: every change is saved "
            "in a transaction, and an unfinished one is rolled back.\n\nIf this keeps happening, copy "
            "the details below and send them to whoever supports hrdesk for you. Read them first: the "
            "error message may quote a value from your data."
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(self.details)
        self.text.setReadOnly(True)
        self.text.setProperty("role", "mono")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("Copy details")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")


def crash_details(exc: BaseException, tb: TracebackType | None) -> str:
    trace = "".join(traceback.format_exception(type(exc), exc, tb))
    return (
        f"hrdesk {__version__} on Python {sys.version.split()[0]}, {sys.platform}\n\n"
        f"{trace}\n--- recent log ---\n{logs.tail(120)}"
    )


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show ``exc``: an ``HrdeskError`` as a message, anything else as a bug."""
    if isinstance(exc, HrdeskError):
        log.info("known error shown: %s", type(exc).__name__)
        ErrorDialog(parent, exc).exec()
        return
    logs.log_bug(type(exc), exc, exc.__traceback__)
    CrashDialog(parent, exc).exec()


class _ExceptHook:
    """Routes uncaught exceptions (including those raised in slots) to the crash dialog."""

    def __init__(self) -> None:
        self._showing = False

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, HrdeskError):
            # A known error nobody caught: still a message, not a crash.
            self._show(lambda: ErrorDialog(_active_window(), exc).exec())
            return
        logs.log_bug(exc_type, exc, tb)
        self._show(lambda: CrashDialog(_active_window(), exc, tb).exec())

    def _show(self, show: object) -> None:
        if self._showing or QApplication.instance() is None:
            return  # a crash while the crash dialog is up: logged, not stacked
        self._showing = True
        try:
            show()  # type: ignore[operator]
        finally:
            self._showing = False


def _active_window() -> QWidget | None:
    return QApplication.activeWindow()


def install_excepthook() -> None:
    sys.excepthook = _ExceptHook()


def uninstall_excepthook() -> None:
    sys.excepthook = sys.__excepthook__

