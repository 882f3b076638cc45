"""Settings: the idle-lock minutes are saved; back up now; restore a backup and reopen."""

from __future__ import annotations

from hrdesk import settings as settings_store
from hrdesk.ui.main_window import MainWindow
from hrdesk.ui.settings_view import SettingsView


def open_settings(window: MainWindow) -> SettingsView:
    window.show_section("settings")
    view = window.shell.stack.currentWidget()
    assert isinstance(view, SettingsView)
    return view


def test_idle_minutes_are_saved_and_applied(qtbot, window: MainWindow, tmp_path) -> None:
    view = open_settings(window)
    view.idle_minutes.setValue(3)
    assert window.idle.interval_ms == 3 * 60_000
    assert settings_store.load(tmp_path / "config").idle_lock_minutes == 3
    assert "3 min" in window.idle_text.text()


def test_back_up_now_then_restore(qtbot, window: MainWindow, monkeypatch, passphrase, screenshot, dialogs) -> None:
    view = open_settings(window)
    assert view.model.rowCount() == 0 and not view.restore_button.isEnabled()
    view.backup_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    assert view.message.text().startswith("Backup written and checked")
    assert view.restore_button.isEnabled()
    screenshot(window, "settings")

    vault = window.vault
    vault.ensure_table("later")
    vault.insert("later", {"x": 1})  # a change after the backup; the restore undoes it
    monkeypatch.setattr(SettingsView, "confirm_restore", lambda self, backup: True)
    view.restore_button.click()
    assert window.is_locked
    qtbot.waitUntil(lambda: "restored" in window.lock_screen.reason.text(), timeout=5000)
    screen = window.lock_screen
    qtbot.keyClicks(screen.passphrase, passphrase)
    with qtbot.waitSignal(window.locked_changed, timeout=5000):
        screen.unlock_button.click()
    reopened = window.vault
    assert reopened is not vault and not reopened.is_locked
    assert "later" not in reopened.tables()
    assert reopened.audit_entries()[-1].action == "vault.restored_from_backup"
    assert reopened.verify_audit_chain().ok
    assert dialogs.errors == [] and dialogs.crashes == []
