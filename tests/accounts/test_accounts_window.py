"""The window signed in as a manager: the Employees view holds only their team; Audits, the audit log,
governance and Settings → Users are not shown at all; switching to HR on the lock screen brings them back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from hrdesk.session import Session
from hrdesk.settings import Settings
from hrdesk.ui.employees_model import IdRole
from hrdesk.ui.main_window import MainWindow
from qt_fixtures import _app_style, _collect_garbage_on_the_main_thread, dialogs, runner, screenshot  # noqa: F401

from .conftest import AMY_PW, HR_PW, Org


def _keys(main: MainWindow) -> list[str]:
    model = main.shell.sidebar_model
    return [model.section(r).key for r in range(model.rowCount())]


def test_a_manager_sees_their_team_only_and_no_audits_or_users(qtbot, org: Org, runner, tmp_path: Path,  # noqa: ANN001, F811
                                                                dialogs, screenshot) -> None:  # noqa: ANN001, F811
    session = Session.open(org.path, AMY_PW, user="Amy Dunn")
    main = MainWindow(session, Settings(), runner, config_dir=tmp_path / "config")
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    keys = _keys(main)
    assert "employees" in keys and "settings" in keys
    assert not {"audits", "auditlog", "governance", "letters"} & set(keys)
    header = " ".join(w.text() for w in main.shell.header.findChildren(QLabel))
    assert "Signed in as Amy Dunn · Manager" in header
    main.show_section("employees")
    view = main.shell.views["employees"]
    qtbot.waitUntil(lambda: view.model.rowCount() == len(org.names("Amy Dunn")), timeout=5000)
    screenshot(main, "accounts-manager-employees")
    view.open_employee(str(view.proxy.index(0, 0).data(IdRole)))  # a team member's page opens for her
    qtbot.waitUntil(lambda: view.detail.data is not None, timeout=10_000)
    qtbot.wait(200)
    assert not view.detail.export_button.isVisible()  # exports are HR's: not shown
    screenshot(main, "accounts-manager-employee-detail")
    assert not dialogs.errors and not dialogs.crashes
    main.show_section("settings")
    settings_view = main.shell.views["settings"]
    assert settings_view.users_card is None
    screenshot(main, "accounts-manager-settings")
    main.show_section("overview")
    qtbot.wait(300)
    screenshot(main, "accounts-manager-overview")
    assert not dialogs.errors and not dialogs.crashes
    hidden = [a for a in main.actions() if a.objectName() in ("view.audits", "view.auditlog", "file.import")]
    assert hidden and not any(a.isVisible() for a in hidden)

    # Switching user goes through the lock screen: HR signs in, and everything is back.
    main.lock()
    main.lock_screen.user.setText("Dana HR")
    main.lock_screen.passphrase.setText(HR_PW)
    main.lock_screen._submit()
    qtbot.waitUntil(lambda: main.shell is not None, timeout=5000)
    assert {"audits", "auditlog", "employees"} <= set(_keys(main))
    assert all(a.isVisible() for a in hidden)
    main.show_section("settings")
    card = main.shell.views["settings"].users_card
    assert card is not None
    assert {card.model.item(r).name for r in range(card.model.rowCount())} == {
        "Dana HR", "Amy Dunn", "Brannon Miller", "Ada Auditor"}
    screenshot(main, "accounts-hr-settings-users")
    runner.cancel_all()
    runner.wait_for_done()
    main.close()
