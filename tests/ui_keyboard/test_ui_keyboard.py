"""Everything a person does on a first day, with the keyboard alone: create a vault, import the real
HR file, run an audit, lock and unlock — through the real app controller, start window and main window.

Only key presses reach the widgets (Tab, Space, Enter, typing, shortcuts). The one exception is the
operating system's file chooser, which is not hrdesk's: the test stands in for it by returning the
file a person would pick there.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from hrdesk.settings import Settings
from hrdesk.vault import KdfParams

HR_FILE = Path(__file__).resolve().parents[1] / "data" / "HRDataset_v14.csv"
PASSPHRASE = "correct horse battery staple"


_WINDOW: list[QWidget] = []


def at(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Keys now go to ``window`` (the offscreen platform does not always activate a new window itself)."""
    window.activateWindow()
    _WINDOW[:] = [window]
    deadline = time.monotonic() + 1.0
    while not window.isActiveWindow() and time.monotonic() < deadline:
        qtbot.wait(20)


def focused() -> QWidget:
    """The widget with the keyboard focus in the current window."""
    widget = QApplication.focusWidget()
    if _WINDOW and (widget is None or widget.window() is not _WINDOW[0]):
        widget = _WINDOW[0].focusWidget()
        if widget is None or not widget.isVisible():  # an active window passes the focus on when its widget hides
            _WINDOW[0].focusNextChild()
            widget = _WINDOW[0].focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), key, modifier)


def shortcut(qtbot, window: QWidget, sequence: str) -> None:  # type: ignore[no-untyped-def]
    """A menu shortcut as the window receives it (QTest sends it to the focused widget's window)."""
    from PySide6.QtGui import QKeySequence

    combo = QKeySequence(sequence)[0]
    deadline = time.monotonic() + 3.0
    while QApplication.activeWindow() is not window and time.monotonic() < deadline:  # shortcuts need it active
        window.activateWindow()
        qtbot.wait(50)
    assert QApplication.activeWindow() is window, f"{sequence}: the window is not active"
    qtbot.keyClick(focused() if focused().window() is window else window, combo.key(), combo.keyboardModifiers())
    QApplication.processEvents()


def tab_to(qtbot, target: QWidget, limit: int = 40) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until ``target`` has the focus; fails if Tab never reaches it (a keyboard trap or a gap)."""
    for _ in range(limit):
        if focused() is target:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {type(target).__name__} {getattr(target, 'text', lambda: '')()!r}; "
                         f"stuck at {type(focused()).__name__}")


def type_text(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(focused(), text)


@pytest.fixture
def controller(qtbot, tmp_path, monkeypatch, dialogs):  # type: ignore[no-untyped-def]
    from hrdesk.ui.app import AppController

    app = AppController(Settings(), config_dir=tmp_path / "config", kdf=KdfParams.fast_for_tests())
    yield app
    from shiboken6 import isValid

    for window in (app.window, app.start_dialog):
        if window is not None and isValid(window):
            window.close()
    app.runner.cancel_all()
    app.runner.wait_for_done()


def test_a_first_day_without_the_mouse(qtbot, controller, tmp_path, monkeypatch, dialogs, screenshot) -> None:  # type: ignore[no-untyped-def]
    # --- create a vault ---------------------------------------------------------------------------------
    dialog = controller.start()
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    at(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None, timeout=3000)
    tab_to(qtbot, dialog.welcome.create_button)
    press(qtbot, Qt.Key.Key_Space)
    create = dialog.create
    assert dialog.pages.currentWidget() is create and focused() is create.org
    type_text(qtbot, "Acme Ltd")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Dana HR")
    tab_to(qtbot, create.location)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, str(tmp_path / "acme.hrdesk"))
    tab_to(qtbot, create.passphrase)
    type_text(qtbot, PASSPHRASE)
    tab_to(qtbot, create.repeat)
    type_text(qtbot, PASSPHRASE)
    assert create.create_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return)  # Enter in the last field creates the vault
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.recovery, timeout=20_000)
    recovery = dialog.recovery
    tab_to(qtbot, recovery.confirm)
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, recovery.continue_button)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=10_000)
    window = controller.window
    at(qtbot, window)
    assert focused() is window.shell.sidebar  # the keyboard starts at the section list

    # --- import the real HR file (Ctrl+I) ---------------------------------------------------------------
    from hrdesk.ui import import_dialog as importing

    monkeypatch.setattr(importing.QFileDialog, "getOpenFileName", lambda *a, **k: (str(HR_FILE), ""))
    shortcut(qtbot, window, "Ctrl+I")
    qtbot.waitUntil(lambda: getattr(window, "import_dialog", None) is not None, timeout=3000)
    imp = window.import_dialog
    qtbot.waitExposed(imp)
    at(qtbot, imp)
    assert imp.isAncestorOf(focused())  # the dialog opens with the focus inside it
    tab_to(qtbot, _choose_button(imp))
    press(qtbot, Qt.Key.Key_Space)  # the file chooser (stood in for) returns HRDataset_v14.csv
    qtbot.waitUntil(lambda: imp.page() == importing.MAPPING and not imp._busy, timeout=30_000)
    tab_to(qtbot, imp.next_button)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: imp.page() == importing.CHECK and imp.import_button.isEnabled(), timeout=30_000)
    tab_to(qtbot, imp.import_button)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: imp.page() == importing.DONE, timeout=60_000)
    assert window.vault.count("employees") == 311
    screenshot(imp, "keyboard_import_done")
    press(qtbot, Qt.Key.Key_Escape)  # closes the finished dialog
    qtbot.waitUntil(lambda: not imp.isVisible(), timeout=3000)
    at(qtbot, window)

    # --- run an audit (Ctrl+5 is the Audits section) -------------------------------------------------------
    keys = [s.key for s in window.registry.sections()]
    shortcut(qtbot, window, f"Ctrl+{keys.index('audits') + 1}")
    audits = window.shell.stack.currentWidget()
    assert type(audits).__name__ == "AuditsSection"
    assert focused().window() is window and audits.isAncestorOf(focused())  # the focus moved into the screen
    qtbot.waitUntil(lambda: not controller.runner.busy, timeout=10_000)
    tab_to(qtbot, audits.run_button)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(getattr(audits, "_runs", None)), timeout=120_000)
    assert [e.action for e in window.vault.audit_entries()].count("audit.run") == 1
    screenshot(window, "keyboard_audit_done")

    # --- lock (Ctrl+L) and unlock -----------------------------------------------------------------------
    qtbot.waitUntil(lambda: not controller.runner.busy, timeout=10_000)
    shortcut(qtbot, window, "Ctrl+L")
    qtbot.waitUntil(lambda: window.is_locked, timeout=10_000)
    assert focused() is window.lock_screen.passphrase
    type_text(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=10_000)
    assert window.vault.count("employees") == 311

    # --- close the vault (Ctrl+W): back to the start window, nothing quits -------------------------------
    shortcut(qtbot, window, "Ctrl+W")
    qtbot.waitUntil(lambda: controller.start_dialog is not None and controller.start_dialog.isVisible(), timeout=5000)
    assert controller.window is None

    recent = controller.start_dialog.welcome.model
    assert recent.rowCount() == 1  # the vault just closed is first in the list


def _choose_button(dialog) -> QWidget:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    return next(b for b in dialog.findChildren(QPushButton) if b.text().startswith("Choose a file"))


def test_tab_leaves_every_table_and_the_sidebar_shows_focus(qtbot, tmp_path, dialogs) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractItemView

    from hrdesk.ui.main_window import MainWindow
    from hrdesk.ui.worker import TaskRunner
    from hrdesk.vault import Vault

    vault, _key = Vault.create(tmp_path / "t.hrdesk", org_name="T", admin_name="HR", passphrase=PASSPHRASE,
                               kdf=KdfParams.fast_for_tests())
    runner = TaskRunner()
    window = MainWindow(vault, Settings(), runner, config_dir=tmp_path / "config")
    window.show()
    for key in ("auditlog", "settings"):
        window.show_section(key)
        for view in window.shell.stack.currentWidget().findChildren(QAbstractItemView):
            assert not view.tabKeyNavigation(), f"Tab is trapped in {view.accessibleName()}"
    assert not window.shell.sidebar.tabKeyNavigation()
    sheet = QApplication.instance().styleSheet()
    assert "QListView#Sidebar::item:selected:focus" in sheet and "QListView#Sidebar:focus" in sheet
    window.close()
    runner.wait_for_done()
