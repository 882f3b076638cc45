"""The main window: sections, Overview, status line, locking and unlocking, restore."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from hrdesk.ui.audit_log import AuditLogModel, AuditLogView
from hrdesk.ui.lock_screen import LockScreen
from hrdesk.ui.main_window import MainWindow
from hrdesk.ui.overview import OverviewView
from hrdesk.ui.placeholder import PlaceholderView
from hrdesk.ui.sections import REGISTRY, Section

SECRET_TARGET = "EMP-SECRET-4711"
SIDEBAR = ["Overview", "Monitoring", "Employees", "Reviews", "Governance", "Audits", "Suggestions", "Letters", "Contests",
           "Audit log", "Settings"]


def sidebar_titles(window: MainWindow) -> list[str]:
    model = window.shell.sidebar_model
    return [model.index(row, 0).data().removesuffix(" (planned)") for row in range(model.rowCount())]


def test_window_has_every_section_and_opens_on_overview(qtbot, window: MainWindow, screenshot) -> None:
    assert sidebar_titles(window) == SIDEBAR
    assert isinstance(window.shell.stack.currentWidget(), OverviewView)
    header = window.shell.header
    assert header.org.text() == "Acme Ltd"
    assert header.user.text() == "Signed in as Dana HR · HR administrator"
    overview = window.shell.stack.currentWidget()
    qtbot.waitUntil(lambda: not overview.loading, timeout=5000)
    texts = "\n".join(label.text() for label in overview.findChildren(QLabel) if label.isVisible())
    assert "0 of 6 steps signed off" in texts
    assert "No backup yet" in texts
    assert "1 people employed" not in texts and "people employed" in texts  # words for HR first
    assert "Last import" in texts and "imported employees from EMP-SECRET-4711" in texts
    assert "Argon2id" not in texts and "Employees" not in texts  # technical facts are one click away...
    overview.technical_button.click()
    texts = "\n".join(label.text() for label in overview.findChildren(QLabel) if label.isVisible())
    assert "Argon2id" in texts and "Employees" in texts  # ...the per-table row counts and the encryption
    screenshot(window, "main_overview")


def test_status_line_says_suggestions_are_locked_and_why(qtbot, window: MainWindow) -> None:
    text = window.status_text.text()
    assert text.startswith("AI suggestions: locked — governance step 1 of 6 is not signed off yet")


def test_status_line_follows_governance(qtbot, window: MainWindow, runner) -> None:
    from hrdesk.governance.signoffs import GovernanceState, SignedMark, save_state

    def sign_all(vault):  # type: ignore[no-untyped-def]
        entry = vault.audit("governance.signed_off", target="all")
        save_state(vault, GovernanceState({n: SignedMark(entry.seq, entry.time, "x", "h") for n in range(1, 7)},
                                          {}, entry.seq))

    with qtbot.waitSignal(window.events.changed, timeout=5000):
        runner.run(lambda _progress: window.session.perform(sign_all), show_progress=False)
    assert window.status_text.text().startswith("AI suggestions: live")


def test_every_section_is_a_real_screen(qtbot, window: MainWindow) -> None:
    """Reviews and Contests were the last planned screens; none is dressed as 'Not available yet' now."""
    assert [s.key for s in window.registry.sections() if s.planned] == []
    model = window.shell.sidebar_model
    for section in window.registry.sections():
        window.show_section(section.key)
        view = window.shell.stack.currentWidget()
        assert not isinstance(view, PlaceholderView), section.key
        assert not str(model.index(model.row_of(section.key), 0).data()).endswith("(planned)"), section.key


def test_the_suggestions_section_is_a_real_screen(qtbot, window: MainWindow) -> None:
    from hrdesk.ui.suggestions_view import SuggestionsView

    window.show_section("suggestions")
    assert isinstance(window.shell.stack.currentWidget(), SuggestionsView)
    model = window.shell.sidebar_model
    assert not model.index(model.row_of("suggestions"), 0).data().endswith("(planned)")


def test_a_registered_section_appears_without_touching_the_window(qtbot, filled_vault, settings, runner, tmp_path, dialogs) -> None:
    registry = REGISTRY.copy()
    built = []

    def factory(context):  # type: ignore[no-untyped-def]
        built.append(context.vault)
        widget = QLabel("Team heat map")
        return widget

    registry.register(Section("heatmap", "Heat map", "audits", factory=factory, order=55))
    window = MainWindow(filled_vault, settings, runner, registry=registry, config_dir=tmp_path)
    qtbot.addWidget(window)
    assert "Heat map" in sidebar_titles(window)
    assert built == []  # built on first show only
    window.show_section("heatmap")
    assert built == [filled_vault]
    assert window.shell.stack.currentWidget().text() == "Team heat map"


def test_lock_hides_every_value_and_unlock_brings_them_back(
    qtbot, window: MainWindow, texts_of, dialogs, screenshot, passphrase: str
) -> None:
    window.show_section("auditlog")
    view = window.shell.stack.currentWidget()
    assert isinstance(view, AuditLogView)
    model: AuditLogModel = view.model
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)  # read off the UI thread
    assert SECRET_TARGET in texts_of(window)
    with qtbot.waitSignal(window.locked_changed, timeout=2000):
        qtbot.mouseClick(window.shell.header.lock_button, Qt.MouseButton.LeftButton)
    assert window.vault.is_locked
    assert model.rowCount() == 0  # the decrypted entries were dropped, not just hidden
    assert isinstance(window.centralWidget(), LockScreen)
    everything = texts_of(None)  # every visible widget of the application
    for secret in (SECRET_TARGET, "Dana HR", "Jane Example", "import.employees"):
        assert secret not in everything, secret
    assert "Acme Ltd" in texts_of(window)  # the org name only
    QApplication.sendPostedEvents(None, 0)
    qtbot.wait(10)
    assert not [w for w in QApplication.allWidgets() if isinstance(w, AuditLogView)]
    screenshot(window, "lock_screen")

    screen: LockScreen = window.centralWidget()
    qtbot.keyClicks(screen.passphrase, "wrong passphrase")
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.error.isVisible(), timeout=5000)
    assert "does not open this vault" in screen.error.text()
    assert dialogs.errors == [] and dialogs.crashes == []
    assert window.vault.is_locked
    screenshot(window, "lock_screen_wrong_passphrase")

    qtbot.keyClicks(screen.passphrase, passphrase)
    with qtbot.waitSignal(window.locked_changed, timeout=5000) as blocker:
        qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    assert blocker.args == [False]
    assert not window.vault.is_locked
    assert window.shell is not None and window.shell.current_key() == "auditlog"
    qtbot.waitUntil(lambda: SECRET_TARGET in texts_of(window), timeout=5000)


def test_idle_time_locks_and_input_postpones_it(qtbot, window: MainWindow) -> None:
    window.idle.set_interval_ms(800)
    for _ in range(6):  # 900 ms of key presses (that open nothing slow): never 800 ms idle
        qtbot.wait(150)
        qtbot.keyClick(window.shell.sidebar, Qt.Key.Key_Shift)
    assert not window.is_locked
    with qtbot.waitSignal(window.locked_changed, timeout=3000):
        pass
    assert window.is_locked and window.vault.is_locked
    assert "without activity" in window.lock_screen.reason.text()


def test_lock_waits_for_a_running_write(qtbot, window: MainWindow, runner) -> None:
    import threading

    gate = threading.Event()
    task = runner.run(lambda progress: gate.wait(5), show_progress=False)
    window.lock()
    assert not window.is_locked and not window.vault.is_locked
    gate.set()
    qtbot.waitUntil(lambda: window.is_locked, timeout=5000)
    assert task is not None and window.vault.is_locked


def test_overview_survives_a_vault_without_tables(qtbot, vault, settings, runner, tmp_path, dialogs) -> None:
    window = MainWindow(vault, settings, runner, config_dir=tmp_path, banner="Demo vault — passphrase: demo")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.shell.stack.currentWidget().loading, timeout=5000)
    texts = "\n".join(label.text() for label in window.findChildren(QLabel))
    assert "No records yet" in texts
    assert "Demo vault — passphrase: demo" in texts




def test_a_new_vault_offers_the_import_on_the_overview(qtbot, vault, settings, runner, tmp_path, dialogs) -> None:  # type: ignore[no-untyped-def]
    from hrdesk.ui.import_dialog import ImportDialog
    from hrdesk.ui.overview import OverviewView

    main = MainWindow(vault, settings, runner, config_dir=tmp_path / "config")
    qtbot.addWidget(main)
    main.show()
    main.show_section("overview")
    overview = main.shell.stack.currentWidget()
    assert isinstance(overview, OverviewView)
    qtbot.waitUntil(lambda: not overview.loading, timeout=5000)
    overview.import_button.click()
    assert any(d.isVisible() for d in main.findChildren(ImportDialog))
