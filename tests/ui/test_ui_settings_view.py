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

    vault = window.vault
    vault.ensure_table("later")
    vault.insert("later", {"x": 1})  # a change after the backup; the restore undoes it
    view.backup_button.click()  # the week's second backup holds only what changed since the first
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=15000)
    assert view.model.index(0, 2).data() == "day's changes" and view.model.index(1, 2).data() == "weekly base"
    screenshot(window, "settings")
    screenshot(view.table.parentWidget(), "settings_backups")  # the card: a base and the day's changes
    view.table.selectRow(1)  # restore the base: the change is undone
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=15000)  # the backup's worker has finished
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


# --- change passphrase, confirmations with verbs, units that agree -----------------------------------

NEW = "violet harbour lantern ninety"


def open_change_passphrase(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    view = open_settings(window)
    dialog = view.change_passphrase()
    qtbot.waitExposed(dialog)
    return view, dialog


def test_change_passphrase_needs_the_current_one_and_says_why_it_waits(qtbot, window: MainWindow, passphrase) -> None:
    from hrdesk.vault import Vault

    view, dialog = open_change_passphrase(qtbot, window)
    assert not dialog.change_button.isEnabled()
    assert dialog.problem.isVisible() and dialog.problem.text() == "Type the current passphrase."  # shown, not a tooltip
    qtbot.keyClicks(dialog.current, "not the passphrase")
    qtbot.keyClicks(dialog.new, NEW)
    qtbot.keyClicks(dialog.repeat, NEW[:-1])
    assert dialog.problem.text() == "The two new passphrases differ."
    qtbot.keyClicks(dialog.repeat, NEW[-1])
    assert dialog.change_button.isEnabled()
    dialog.change_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert "passphrase" in dialog.error.text().lower() and dialog.isVisible()  # wrong current one: nothing changed
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, passphrase)
    with qtbot.waitSignal(dialog.changed, timeout=10_000) as changed:
        dialog.change_button.click()
    assert changed.args == [False]
    assert view.passphrase_message.text() == "Passphrase changed. Use the new one from now on."
    path = window.vault.path
    window.close()
    Vault.open(path, NEW).close(backup=False)  # the new passphrase opens the vault...
    import pytest

    from hrdesk.errors import HrdeskError

    with pytest.raises(HrdeskError):
        Vault.open(path, passphrase)  # ...and the old one no longer does
    entries = Vault.open(path, NEW)
    try:
        assert [e.action for e in entries.audit_entries()].count("vault.passphrase_changed") == 1
    finally:
        entries.close(backup=False)


def test_replacing_the_key_shows_the_new_recovery_key_once(qtbot, window: MainWindow, passphrase, screenshot) -> None:
    from hrdesk.vault import Vault

    view, dialog = open_change_passphrase(qtbot, window)
    if not dialog.rotate.isVisible():
        import pytest

        pytest.skip("this vault offers no key rotation")
    for field, text in ((dialog.current, passphrase), (dialog.new, NEW), (dialog.repeat, NEW)):
        qtbot.keyClicks(field, text)
    dialog.rotate.setChecked(True)
    assert dialog.change_button.text() == "Replace key and passphrase"
    with qtbot.waitSignal(dialog.changed, timeout=30_000) as changed:
        dialog.change_button.click()
    assert changed.args == [True]
    key = dialog.key.text()
    assert len(key.replace("-", "")) >= 32 and dialog.pages.currentIndex() == 1
    screenshot(dialog, "settings_new_recovery_key")
    dialog.reject()
    assert dialog.isVisible()  # cannot be dismissed before the key is confirmed saved
    dialog.saved.setChecked(True)
    dialog.close_button.click()
    assert not dialog.isVisible() and dialog.key.text() == ""
    path = window.vault.path
    window.close()
    Vault.open_with_recovery(path, key).close(backup=False)


def test_confirmations_name_their_action(qtbot, window: MainWindow) -> None:
    from hrdesk.ui.widgets import confirm_box

    box = confirm_box(window, "Restore this backup?", "…", "Restore this backup", keep="Keep the current vault")
    texts = sorted(b.text() for b in box.buttons())
    assert texts == ["Keep the current vault", "Restore this backup"]
    assert box.defaultButton().text() == "Keep the current vault"  # Enter never destroys anything


def test_spin_box_units_agree_with_their_number(qtbot, window: MainWindow) -> None:
    view = open_settings(window)
    view.idle_minutes.setValue(1)
    assert view.idle_minutes.text() == "1 minute"
    view.idle_minutes.setValue(2)
    assert view.idle_minutes.text() == "2 minutes"
    from hrdesk.ui.retention_card import RetentionCard

    card = view.findChild(RetentionCard)
    spin = card.spins["checkins"]
    spin.setValue(1)
    assert spin.text() == "1 month"
