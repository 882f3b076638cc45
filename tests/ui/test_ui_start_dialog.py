"""The start dialog: create a vault (strength feedback, recovery key confirmation), open one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from hrdesk import settings as settings_store
from hrdesk.settings import Settings
from hrdesk.ui.start_dialog import StartDialog
from hrdesk.vault import KdfParams, Vault

STRONG = "lantern orbit maple fjord"


def make_dialog(qtbot, settings: Settings, runner, tmp_path: Path) -> StartDialog:  # type: ignore[no-untyped-def]
    dialog = StartDialog(settings, runner, kdf=KdfParams.fast_for_tests(), config_dir=tmp_path / "config")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_create_vault_through_the_dialog(qtbot, settings, runner, tmp_path, screenshot, dialogs) -> None:
    existing = tmp_path / "existing.hrdesk"
    v, _ = Vault.create(existing, org_name="Old", admin_name="HR", passphrase="pw", kdf=KdfParams.fast_for_tests())
    v.close(backup=False)
    settings.recent_vaults = [str(existing), str(tmp_path / "moved-away.hrdesk")]
    dialog = make_dialog(qtbot, settings, runner, tmp_path)
    dialog.welcome.refresh(settings)
    screenshot(dialog, "start_dialog")

    qtbot.mouseClick(dialog.welcome.create_button, Qt.MouseButton.LeftButton)
    page = dialog.create
    assert dialog.pages.currentWidget() is page
    qtbot.keyClicks(page.org, "Acme Ltd")
    qtbot.keyClicks(page.admin, "Dana HR")
    assert page.location.text().endswith("acme-ltd.hrdesk")
    page.location.clear()
    target = tmp_path / "acme.hrdesk"
    qtbot.keyClicks(page.location, str(target))

    qtbot.keyClicks(page.passphrase, "abc")
    assert page.meter.text.text().startswith("Too short")
    assert not page.create_button.isEnabled()
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, "password123")
    assert page.meter.text.text().startswith("Weak")
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, STRONG)
    assert page.meter.text.text().startswith("Strong")
    assert not page.create_button.isEnabled()  # not repeated yet
    qtbot.keyClicks(page.repeat, "lantern orbit")
    assert page.error.isVisible() and "differ" in page.error.text()
    qtbot.keyClicks(page.repeat, " maple fjord")
    assert page.create_button.isEnabled() and not page.error.isVisible()
    screenshot(dialog, "create_vault")

    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.recovery, timeout=10_000)
    recovery = dialog.recovery
    key = recovery.key_label.text()
    assert len(key) > 20
    assert page.passphrase.text() == "" and page.repeat.text() == ""  # no secret left in a widget
    assert not recovery.continue_button.isEnabled()
    recovery.copy_button.click()
    assert QGuiApplication.clipboard().text() == key
    screenshot(dialog, "recovery_key")

    dialog.reject()  # Escape / close: refused until the key is confirmed
    assert dialog.isVisible()
    recovery.confirm.setChecked(True)
    assert recovery.continue_button.isEnabled()
    with qtbot.waitSignal(dialog.vault_opened, timeout=2000) as blocker:
        qtbot.mouseClick(recovery.continue_button, Qt.MouseButton.LeftButton)
    session = blocker.args[0]
    try:
        assert session.org_name == "Acme Ltd" and session.actor.name == "Dana HR"
        assert recovery.key_label.text() == ""
        saved = settings_store.load(tmp_path / "config")
        assert saved.recent_vaults[0] == str(target.resolve())
    finally:
        session.close(backup=False)
    assert dialogs.errors == [] and dialogs.crashes == []


def test_recovery_key_file_needs_the_warning_first(qtbot, settings, runner, tmp_path, monkeypatch) -> None:
    dialog = make_dialog(qtbot, settings, runner, tmp_path)
    page = dialog.recovery
    page.show_key("ABCD-EFGH-IJKL")
    target = tmp_path / "key.txt"
    monkeypatch.setattr(page, "ask_save_path", lambda: str(target))
    monkeypatch.setattr(page, "confirm_file_warning", lambda: False)
    page.save_key()
    assert not target.exists()
    monkeypatch.setattr(page, "confirm_file_warning", lambda: True)
    page.save_key()
    assert "ABCD-EFGH-IJKL" in target.read_text()
    assert target.stat().st_mode & 0o077 == 0
    assert "Treat that file like the passphrase" in page.note.text()


def test_open_with_wrong_then_right_passphrase(qtbot, settings, runner, tmp_path, dialogs) -> None:
    path = tmp_path / "acme.hrdesk"
    v, _ = Vault.create(path, org_name="Acme", admin_name="HR", passphrase=STRONG, kdf=KdfParams.fast_for_tests())
    v.close(backup=False)
    dialog = make_dialog(qtbot, settings, runner, tmp_path)
    dialog.show_unlock(str(path))
    page = dialog.unlock
    qtbot.keyClicks(page.passphrase, "not it")
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=5000)
    assert "does not open this vault" in page.error.text()
    assert dialogs.errors == []  # inline, not a popup
    assert page.open_button.isEnabled()
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, STRONG)
    with qtbot.waitSignal(dialog.vault_opened, timeout=5000) as blocker:
        qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    vault = blocker.args[0]
    try:
        assert vault.org_name == "Acme"
        assert settings.recent_vaults[0] == str(path.resolve())
    finally:
        vault.close(backup=False)


def test_opening_something_that_is_not_a_vault_is_said_inline(qtbot, settings, runner, tmp_path, dialogs) -> None:
    junk = tmp_path / "notes.hrdesk"
    junk.write_text("not a database at all, just text" * 50)
    dialog = make_dialog(qtbot, settings, runner, tmp_path)
    dialog.show_unlock(str(junk))
    qtbot.keyClicks(dialog.unlock.passphrase, "whatever")
    dialog.unlock.open_button.click()
    qtbot.waitUntil(lambda: dialog.unlock.error.isVisible(), timeout=5000)
    assert "not an hrdesk vault" in dialog.unlock.error.text()
    assert dialogs.crashes == []


# --- first run, recent list, Esc ----------------------------------------------------------------------


def test_first_run_offers_create_open_and_the_demo(qtbot, runner, tmp_path, screenshot) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog(qtbot, Settings(), runner, tmp_path)
    welcome = dialog.welcome
    assert welcome.empty.isVisible() and not welcome.recent.isVisible()
    assert welcome.create_button.property("role") == "primary"
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter: the main action of a first run
    assert dialog.pages.currentWidget() is dialog.create
    qtbot.keyClick(dialog.create.org, Qt.Key.Key_Escape)
    assert welcome.browse_button.isVisible() and welcome.demo_button.isVisible()
    with qtbot.waitSignal(dialog.demo_requested, timeout=1000):
        welcome.demo_button.click()
    screenshot(dialog, "start_first_run")


def test_the_proposed_folder_is_created_with_the_vault(qtbot, runner, tmp_path, monkeypatch, dialogs) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "fresh-home"  # a fresh machine: nothing exists yet
    monkeypatch.setenv("HRDESK_HOME", str(home))
    dialog = make_dialog(qtbot, Settings(), runner, tmp_path)
    dialog.show_create()
    page = dialog.create
    qtbot.keyClicks(page.org, "Acme Ltd")
    qtbot.keyClicks(page.admin, "Dana HR")
    target = Path(page.location.text())
    assert not target.parent.exists() and page.problem() != f"The folder {target.parent} does not exist. Choose another place."
    qtbot.keyClicks(page.passphrase, STRONG)
    qtbot.keyClicks(page.repeat, STRONG)
    assert page.create_button.isEnabled() and not page.hint.isVisible()
    page.create_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.recovery, timeout=20_000)
    assert target.is_file()
    dialog.session.close(backup=False)


def test_a_disabled_create_button_says_why_in_plain_sight(qtbot, runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog(qtbot, Settings(), runner, tmp_path)
    dialog.show_create()
    page = dialog.create
    assert not page.create_button.isEnabled()
    assert page.hint.isVisible() and page.hint.text() == "To create the vault: fill in the organisation and your name."
    qtbot.keyClicks(page.org, "Acme")
    qtbot.keyClicks(page.admin, "Dana")
    page.location.clear()
    qtbot.keyClicks(page.location, str(tmp_path / "nowhere" / "deep" / "x.hrdesk"))
    assert page.error.isVisible() and "does not exist" in page.error.text()
    names = {w.accessibleName() for w in (page.org, page.admin, page.location, page.passphrase, page.repeat)}
    assert names == {"Organisation", "Your name", "Save as", "Passphrase", "Repeat the passphrase"}
    assert page.findChild(type(page.hint), "") is not None


def test_escape_on_the_create_page_goes_back_and_keeps_the_typing(qtbot, runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog(qtbot, Settings(), runner, tmp_path)
    dialog.show_create()
    qtbot.keyClicks(dialog.create.org, "Acme Ltd")
    qtbot.keyClick(dialog.create.org, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.pages.currentWidget() is dialog.welcome  # not quit
    dialog.show_create()
    assert dialog.create.org.text() == "Acme Ltd"  # what was typed is still there


def test_a_recent_vault_can_be_removed_and_a_missing_one_is_marked(qtbot, settings, runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    present = tmp_path / "here.hrdesk"
    present.write_bytes(b"x")
    gone = tmp_path / "gone.hrdesk"
    settings.recent_vaults = [str(gone), str(present)]
    dialog = make_dialog(qtbot, settings, runner, tmp_path)
    welcome = dialog.welcome
    assert welcome.missing.isVisible() and "1 of these vault files is missing" in welcome.missing.text()
    assert welcome.recent.currentIndex().row() == 1  # the first file that exists is selected
    welcome.recent.setCurrentIndex(welcome.model.index(0, 0))
    assert not welcome.open_button.isEnabled() and welcome.remove_button.isEnabled()  # missing: remove, not open
    qtbot.keyClick(welcome.recent, Qt.Key.Key_Delete)
    assert settings.recent_vaults == [str(present)]
    assert settings_store.load(tmp_path / "config").recent_vaults == [str(present)]  # saved at once
    assert not welcome.missing.isVisible() and present.exists()
