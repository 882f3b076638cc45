"""The Audit log screen: one row per entry, text and action filters, the chain verdict in colour."""

from __future__ import annotations

import threading

import pytest
from shiboken6 import isValid

from hrdesk.ui import audit_log
from hrdesk.ui.audit_log import CHECKING, AuditLogView
from hrdesk.ui.main_window import MainWindow

SECRET_TARGET = "EMP-SECRET-4711"  # the filled vault's import target (tests/ui/conftest.py)


def open_audit_log(window: MainWindow, qtbot) -> AuditLogView:  # type: ignore[no-untyped-def]
    window.show_section("auditlog")
    view = window.shell.stack.currentWidget()
    assert isinstance(view, AuditLogView)
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)  # read and verified off the UI thread
    return view


def test_rows_match_the_audit_entries(qtbot, window: MainWindow, screenshot) -> None:
    view = open_audit_log(window, qtbot)
    entries = window.vault.audit_entries()
    assert view.proxy.rowCount() == len(entries) == view.model.rowCount()
    assert view.chain.text() == f"Audit log intact: {len(entries)} entries, chain verified."
    assert view.chain.property("state") == "ok"
    newest = view.proxy.index(0, 0)
    assert int(newest.data()) == entries[-1].seq  # newest first
    assert view.count.text() == f"{len(entries)} entries"
    screenshot(window, "audit_log")


def test_text_and_action_filters(qtbot, window: MainWindow) -> None:
    view = open_audit_log(window, qtbot)
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
    assert actions == ["Reopened a governance step"]  # words, not the stored code
    qtbot.keyClicks(view.search, "nothing like this")
    assert view.proxy.rowCount() == 0


def test_a_tampered_log_shows_red(qtbot, window: MainWindow) -> None:
    view = open_audit_log(window, qtbot)
    window.vault.connection.execute("UPDATE audit_log SET mac=? WHERE seq=2", ("0" * 64,))
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.verify_button.click()
    assert view.chain.property("state") == "bad"
    assert view.chain.text().startswith("Audit log BROKEN at entry #")


def test_new_entries_appear_after_a_write(qtbot, window: MainWindow, runner) -> None:
    view = open_audit_log(window, qtbot)
    before = view.model.rowCount()
    session = window.session

    def write(progress):  # type: ignore[no-untyped-def]
        # an action this version does not know still touches the audit log, so the screen re-reads
        session.perform(lambda vault: vault.audit("letters.sent", target="batch-1", details={"letters": 3}))

    with qtbot.waitSignal(view.loaded, timeout=5000):  # the write's Changes start a background re-read
        runner.run(write, show_progress=False)
    assert view.model.rowCount() == before + 1


def test_reading_and_checking_run_off_the_ui_thread(qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, screenshot) -> None:
    view = open_audit_log(window, qtbot)
    shown = view.model.rowCount()
    gate = threading.Event()
    threads: list[threading.Thread] = []
    real_read_log = audit_log.read_log

    def slow_read_log(vault):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        gate.wait(5)
        return real_read_log(vault)

    monkeypatch.setattr(audit_log, "read_log", slow_read_log)
    view.verify_button.click()
    qtbot.waitUntil(lambda: bool(threads), timeout=2000)
    assert threads[0] is not threading.main_thread()
    assert view.chain.text() == CHECKING and view.loading
    assert not view.verify_button.isEnabled()
    assert view.model.rowCount() == shown  # the last entries stay on screen meanwhile
    screenshot(window, "audit_log_checking")
    with qtbot.waitSignal(view.loaded, timeout=5000):
        gate.set()
    assert view.chain.property("state") == "ok" and view.verify_button.isEnabled()


def test_a_result_arriving_after_lock_is_not_shown(qtbot, window: MainWindow, texts_of, monkeypatch: pytest.MonkeyPatch) -> None:
    view = open_audit_log(window, qtbot)
    gate = threading.Event()
    real_read_log = audit_log.read_log
    monkeypatch.setattr(audit_log, "read_log", lambda vault: gate.wait(5) and real_read_log(vault))
    view.verify_button.click()
    window.lock()  # waits for the running read, then locks
    assert not window.is_locked
    gate.set()
    qtbot.waitUntil(lambda: window.is_locked, timeout=5000)
    assert window.vault.is_locked
    assert not isValid(view) or view.model.rowCount() == 0  # thrown away, or at least emptied
    assert SECRET_TARGET not in texts_of(window)


# --- words, not codes; details pane; dates; export ------------------------------------------------

import csv  # noqa: E402

from PySide6.QtCore import QDate  # noqa: E402

from hrdesk.ui.audit_words import action_words, describe  # noqa: E402
from hrdesk.vault.auditlog import AuditEntry  # noqa: E402


def test_every_cell_is_words_with_no_codes_reprs_or_one_entries(qtbot, window: MainWindow) -> None:
    view = open_audit_log(window, qtbot)
    cells = [str(view.proxy.index(r, c).data()) for r in range(view.proxy.rowCount()) for c in range(5)]
    shown = "\n".join(cells + [view.count.text(), view.chain.text()])
    for code in ("vault.created", "import.employees", "governance.step_opened"):
        assert code not in shown
    assert "Imported employees" in shown and "Created the vault" in shown
    for repr_sign in ("{", "}", "[]", "1 entries"):
        assert repr_sign not in shown


def test_selecting_an_entry_shows_its_details_line_by_line(qtbot, window: MainWindow) -> None:
    view = open_audit_log(window, qtbot)
    row = next(r for r in range(view.proxy.rowCount()) if view.proxy.index(r, 3).data() == "Imported employees")
    view.table.setCurrentIndex(view.proxy.index(row, 0))
    text = view.details.toPlainText()
    assert "Added" in text and "1" in text and "Updated" in text
    assert "Event code import.employees" in text  # the stored code stays findable, in the technical line
    assert "{" not in text


def test_a_one_entry_log_says_entry_not_entries() -> None:
    from hrdesk.ui.audit_log import chain_text
    from hrdesk.vault.auditlog import ChainReport

    assert chain_text(ChainReport(entries=1)) == "Audit log intact: 1 entry, chain verified."


def test_details_are_words_for_the_real_events() -> None:
    entry = AuditEntry(7, "2025-03-01T10:00:00+00:00", "Dana HR", "import.employees", "HRDataset_v14.csv",
                       {"rows": 311, "added": 311, "updated": 0, "fields_changed": {}, "dropped_columns": []})
    described = describe(entry)
    assert described.action == "Imported employees"
    assert described.target == "file HRDataset_v14.csv"
    assert dict(described.details) == {"Rows read": "311", "Added": "311", "Updated": "0",
                                       "Changed fields": "none", "Columns left out": "none"}
    assert action_words("goals.added") == "Added a goal"
    assert action_words("something.new_here") == "Something: new here"  # unknown codes stay readable
    named = describe(AuditEntry(8, entry.time, "Dana HR", "employee.updated", "abc123", {"fields": ["position"]}),
                     lambda code, target: "Jane Example" if target == "abc123" else None)
    assert named.target == "Jane Example" and named.details == [("Fields", "position")]


def test_the_date_range_filters_entries(qtbot, window: MainWindow, runner) -> None:
    view = open_audit_log(window, qtbot)
    total = view.model.rowCount()
    today = QDate.currentDate()
    assert view.date_from.date() <= today <= view.date_to.date()
    view.date_from.setDate(today.addDays(1)) if view.date_to.date() > today else None
    yesterday = today.addDays(-1)
    view.date_from.setMinimumDate(yesterday.addDays(-1))
    view.date_to.setMinimumDate(yesterday.addDays(-1))
    view.date_from.setDate(yesterday)
    view.date_to.setDate(yesterday)  # nothing was written yesterday
    assert view.proxy.rowCount() == 0
    assert view.count.text() == f"0 of {total} entries"
    view.show_all_dates()
    assert view.proxy.rowCount() == total


def test_export_csv_is_words_and_formula_safe(qtbot, window: MainWindow, runner, tmp_path, monkeypatch) -> None:
    vault = window.vault

    def write(progress):  # type: ignore[no-untyped-def]
        window.session.perform(lambda v: v.audit("letters.sent", target="=HYPERLINK(\"x\")", details={"letters": 2}))

    view = open_audit_log(window, qtbot)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        runner.run(write, show_progress=False)
    target = tmp_path / "log.csv"
    monkeypatch.setattr(view, "ask_export_path", lambda kind: str(target))
    with qtbot.waitSignal(view.exported, timeout=5000):
        view.export_csv_button.click()
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == view.proxy.rowCount() == len(vault.audit_entries())
    formula = next(r for r in rows if "HYPERLINK" in r["Target"])
    assert formula["Target"].startswith("'")  # a spreadsheet shows it, never runs it
    assert formula["Action"] == "Letters: sent" and formula["Event code"] == "letters.sent"
    assert formula["Details"] == "Letters: 2"
    assert "Exported" in view.chain.text()


def test_export_pdf_holds_the_entries_in_words(qtbot, window: MainWindow, tmp_path, monkeypatch) -> None:
    from pypdf import PdfReader

    view = open_audit_log(window, qtbot)
    target = tmp_path / "log.pdf"
    monkeypatch.setattr(view, "ask_export_path", lambda kind: str(target))
    with qtbot.waitSignal(view.exported, timeout=10000):
        view.export_pdf_button.click()
    text = "\n".join(page.extract_text() for page in PdfReader(str(target)).pages)
    assert "Audit log — Acme Ltd" in text
    assert "Imported employees" in text and "chain verified" in text
    assert "import.employees" not in text


def test_export_to_an_unwritable_folder_says_so(qtbot, window: MainWindow, tmp_path, monkeypatch, dialogs) -> None:
    view = open_audit_log(window, qtbot)
    monkeypatch.setattr(view, "ask_export_path", lambda kind: str(tmp_path / "missing" / "log.csv"))
    view.export_csv_button.click()
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=5000)
    assert "Could not write 'log.csv'" in dialogs.errors[0].text()
    assert not (tmp_path / "missing").exists()
