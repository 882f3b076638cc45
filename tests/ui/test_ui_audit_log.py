"""The Audit log screen: one row per entry, text and action filters, the chain verdict in colour."""

from __future__ import annotations

from hrdesk.ui.audit_log import AuditLogView
from hrdesk.ui.main_window import MainWindow


def open_audit_log(window: MainWindow) -> AuditLogView:
    window.show_section("auditlog")
    view = window.shell.stack.currentWidget()
    assert isinstance(view, AuditLogView)
    return view


def test_rows_match_the_audit_entries(qtbot, window: MainWindow, screenshot) -> None:
    view = open_audit_log(window)
    entries = window.vault.audit_entries()
    assert view.proxy.rowCount() == len(entries) == view.model.rowCount()
    assert view.chain.text() == f"Audit log intact: {len(entries)} entries, chain verified."
    assert view.chain.property("state") == "ok"
    newest = view.proxy.index(0, 0)
    assert int(newest.data()) == entries[-1].seq  # newest first
    assert view.count.text() == f"{len(entries)} entries"
    screenshot(window, "audit_log")


def test_text_and_action_filters(qtbot, window: MainWindow) -> None:
    view = open_audit_log(window)
    total = view.model.rowCount()
    qtbot.keyClicks(view.search, "secret-4711")  # case-insensitive, any column
    assert view.proxy.rowCount() == 1
    assert view.count.text() == f"1 of {total} entries"
    view.search.clear()
    assert view.proxy.rowCount() == total
    prefixes = [view.actions.itemData(i) for i in range(view.actions.count())]
    assert prefixes == ["", "governance", "import", "vault"]
    view.actions.setCurrentIndex(prefixes.index("governance"))
    actions = [view.proxy.index(r, 3).data() for r in range(view.proxy.rowCount())]
    assert actions == ["governance.step_opened"]
    qtbot.keyClicks(view.search, "nothing like this")
    assert view.proxy.rowCount() == 0


def test_a_tampered_log_shows_red(qtbot, window: MainWindow) -> None:
    view = open_audit_log(window)
    window.vault.connection.execute("UPDATE audit_log SET mac=? WHERE seq=2", ("0" * 64,))
    view.verify_button.click()
    assert view.chain.property("state") == "bad"
    assert view.chain.text().startswith("Audit log BROKEN at entry #")


def test_new_entries_appear_after_a_write(qtbot, window: MainWindow, runner) -> None:
    view = open_audit_log(window)
    before = view.model.rowCount()
    vault = window.vault

    def write(progress):  # type: ignore[no-untyped-def]
        vault.audit("letters.sent", target="batch-1", details={"letters": 3})

    with qtbot.waitSignal(window.events.changed, timeout=5000):
        runner.run(write, show_progress=False)
    assert view.model.rowCount() == before + 1
