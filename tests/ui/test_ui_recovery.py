"""Forgotten passphrase, in the window: the recovery key sets a new passphrase (start window and lock screen)."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from hrdesk.errors import WrongPassphraseError
from hrdesk.settings import Settings
from hrdesk.ui.app import AppController
from hrdesk.ui.main_window import MainWindow
from hrdesk.ui.start_dialog import StartDialog
from hrdesk.vault import KdfParams, Vault
from hrdesk.vault.keyslots import RECOVERY_BYTES, format_recovery_key

OLD = "correct horse battery staple"
NEW = "lantern orbit maple fjord"


@pytest.fixture
def created(tmp_path: Path) -> tuple[Path, str]:
    """A closed vault with the passphrase OLD, and its recovery key as shown at creation."""
    path = tmp_path / "acme.hrdesk"
    vault, key = Vault.create(path, org_name="Acme Ltd", admin_name="Dana HR", passphrase=OLD, kdf=KdfParams.fast_for_tests())
    vault.close(backup=False)
    return path, key


def make_dialog(qtbot, settings: Settings, runner, tmp_path: Path) -> StartDialog:  # type: ignore[no-untyped-def]
    dialog = StartDialog(settings, runner, kdf=KdfParams.fast_for_tests(), config_dir=tmp_path / "config")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def retyped(key: str) -> str:
    """The key as a tired person types it: lower case, spaces instead of dashes."""
    return key.lower().replace("-", " ")


def fill_in(qtbot, dialog: StartDialog, key: str, new: str = NEW) -> None:  # type: ignore[no-untyped-def]
    page = dialog.recover
    qtbot.keyClicks(page.key, key)
    qtbot.keyClicks(page.passphrase, new)
    qtbot.keyClicks(page.repeat, new)


def test_recovery_with_a_retyped_key_sets_a_new_passphrase(qtbot, settings, runner, tmp_path, created, dialogs, screenshot) -> None:
    path, key = created
    dialog = make_dialog(qtbot, settings, runner, tmp_path)
    dialog.show_unlock(str(path))
    assert dialog.unlock.forgot_button.isVisible()
    screenshot(dialog, "open_vault")
    qtbot.mouseClick(dialog.unlock.forgot_button, Qt.MouseButton.LeftButton)
    page = dialog.recover
    assert dialog.pages.currentWidget() is page
    assert path.name in page.file_label.text()
    assert not page.submit_button.isEnabled()

    qtbot.keyClicks(page.key, retyped(key))
    qtbot.keyClicks(page.passphrase, "password123")
    assert page.meter.text.text().startswith("Weak")  # the create page's strength feedback
    assert not page.submit_button.isEnabled()
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, NEW)
    assert page.meter.text.text().startswith("Strong")
    qtbot.keyClicks(page.repeat, "lantern")
    assert page.error.isVisible() and "differ" in page.error.text()
    qtbot.keyClicks(page.repeat, " orbit maple fjord")
    assert page.submit_button.isEnabled() and not page.error.isVisible()
    screenshot(dialog, "recover_passphrase")

    with qtbot.waitSignal(dialog.vault_opened, timeout=10_000) as blocker:
        qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    session = blocker.args[0]
    try:
        assert session.actor.name == "Dana HR" and not session.is_locked
        assert page.key.text() == page.passphrase.text() == page.repeat.text() == ""  # no secret left behind
        actions = [entry.action for entry in session.vault.audit_entries()]
        assert actions[-2:] == ["vault.opened_with_recovery_key", "vault.passphrase_changed"]
        assert settings.recent_vaults[0] == str(path.resolve())
    finally:
        session.close(backup=False)
    with pytest.raises(WrongPassphraseError):
        Vault.open(path, OLD)
    Vault.open(path, NEW).close(backup=False)
    assert dialogs.errors == [] and dialogs.crashes == []


@pytest.mark.parametrize("wrong", ["another vault's key", "not a key at all"])
def test_a_wrong_key_is_said_under_the_field(qtbot, settings, runner, tmp_path, created, dialogs, wrong, screenshot) -> None:
    path, _key = created
    typed = format_recovery_key(secrets.token_bytes(RECOVERY_BYTES)) if wrong == "another vault's key" else "not-a-key"
    dialog = make_dialog(qtbot, settings, runner, tmp_path)
    dialog.show_recover(str(path))
    page = dialog.recover
    fill_in(qtbot, dialog, typed)
    qtbot.keyClick(page.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.key_error.isVisible(), timeout=5000)
    assert page.key_error.text().startswith("This recovery key does not open this vault")
    assert page.key_error.property("state") == "bad"
    assert page.submit_button.isEnabled() and page.key.isEnabled()
    assert dialog.session is None and dialog.isVisible()
    assert dialogs.errors == [] and dialogs.crashes == []  # inline: no popup, no traceback
    if wrong == "another vault's key":
        screenshot(dialog, "recover_passphrase_wrong_key")
    qtbot.keyClicks(page.key, "x")  # typing again hides the message
    assert not page.key_error.isVisible()
    Vault.open(path, OLD).close(backup=False)  # nothing changed


def test_lock_screen_hands_over_to_the_recovery_page(qtbot, tmp_path, created, dialogs, screenshot) -> None:
    path, key = created
    controller = AppController(Settings(), config_dir=tmp_path / "config", kdf=KdfParams.fast_for_tests())
    try:
        window = controller.open_window(Vault.open(path, OLD))  # not qtbot's: the hand-over deletes it
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: not controller.runner.busy, timeout=10_000)  # the daily backup
        window.lock()
        assert window.lock_screen is not None and window.lock_screen.forgot_button.isVisible()
        screenshot(window, "lock_screen_forgot")

        qtbot.mouseClick(window.lock_screen.forgot_button, Qt.MouseButton.LeftButton)
        dialog = controller.start_dialog
        assert dialog is not None
        qtbot.addWidget(dialog)
        assert dialog.isVisible() and dialog.pages.currentWidget() is dialog.recover
        assert dialog.recover.path == str(path)
        assert controller.window is None and not window.isVisible()  # closed, so the vault file is free

        fill_in(qtbot, dialog, retyped(key))
        qtbot.mouseClick(dialog.recover.submit_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
        reopened = controller.window
        qtbot.addWidget(reopened)
        assert not reopened.is_locked and reopened.vault.user.name == "Dana HR"
        qtbot.waitUntil(lambda: not controller.runner.busy, timeout=10_000)
        reopened.close()
    finally:
        controller.runner.wait_for_done()
        controller.cleanup()
    with pytest.raises(WrongPassphraseError):
        Vault.open(path, OLD)
    Vault.open(path, NEW).close(backup=False)
    assert dialogs.errors == [] and dialogs.crashes == []


def test_lock_screen_without_a_host_says_what_to_do(qtbot, window: MainWindow) -> None:
    window.lock()
    qtbot.waitUntil(lambda: window.is_locked, timeout=5000)  # after the Overview's read finishes
    qtbot.mouseClick(window.lock_screen.forgot_button, Qt.MouseButton.LeftButton)
    assert window.isVisible() and window.is_locked
    assert "Forgot your passphrase?" in window.lock_screen.error.text()
    assert window.lock_screen.error.isVisible()
