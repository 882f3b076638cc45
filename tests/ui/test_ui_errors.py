"""Known errors get a message and a hint; bugs get the crash dialog with the log tail."""

from __future__ import annotations

import sys

from PySide6.QtGui import QGuiApplication

from hrdesk import logs
from hrdesk.errors import DamagedVaultError, WrongPassphraseError
from hrdesk.ui.errors import CrashDialog, install_excepthook, show_error, uninstall_excepthook


def test_known_error_shows_message_and_hint(qtbot, dialogs) -> None:
    show_error(None, DamagedVaultError("a record fails its check", table="employees", record_id="ab12"))
    (dialog,) = dialogs.errors
    assert dialog.windowTitle() == "Damaged vault"
    assert "record ab12 in employees" in dialog.text()
    assert "Restore the latest backup" in dialog.informativeText()
    assert dialogs.crashes == []


def test_crash_dialog_has_traceback_log_tail_and_copy(qtbot, dialogs) -> None:
    logs.setup(to_file=False)
    logs.get("ui.test").info("a breadcrumb before the bug")
    try:
        {}["missing"]
    except KeyError as exc:
        show_error(None, exc)
    (dialog,) = dialogs.crashes
    qtbot.addWidget(dialog)
    assert "KeyError" in dialog.details
    assert "a breadcrumb before the bug" in dialog.details
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.details
    assert dialog.copy_button.text() == "Copied"


def test_excepthook_routes_uncaught_exceptions(qtbot, dialogs) -> None:
    install_excepthook()
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        try:
            raise WrongPassphraseError()
        except WrongPassphraseError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        uninstall_excepthook()
    assert len(dialogs.crashes) == 1 and "RuntimeError: boom" in dialogs.crashes[0].details
    assert len(dialogs.errors) == 1 and dialogs.errors[0].windowTitle() == "Wrong passphrase"


def test_bug_log_line_has_no_exception_message(qtbot, dialogs) -> None:
    logs.setup(to_file=False)
    personal = "-".join(("Jane", "Doe"))  # a value from data, not a literal in the source line
    try:
        raise KeyError(personal)
    except KeyError as exc:
        logs.log_bug(type(exc), exc, exc.__traceback__)
    assert "builtins.KeyError" in logs.tail(20)
    assert personal not in logs.tail(20)
    assert CrashDialog is not None
