"""File → Export audit packet…: period and names, progress through the worker, cancel, and the QtPdf preview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtGui import QFont
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from hrdesk.session import Session
from hrdesk.settings import Settings
from hrdesk.ui.actions import ACTIONS
from hrdesk.ui.packet_dialog import PacketDialog
from hrdesk.ui.screenshots import unnamed
from tests.letters.helpers import pdf_text


def _window(qtbot, hr: Session, runner, tmp_path: Path):  # type: ignore[no-untyped-def]
    from hrdesk.ui.main_window import MainWindow

    window = MainWindow(hr, Settings(), runner, config_dir=tmp_path / "config")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def test_export_with_a_period_then_preview(qtbot, hr: Session, runner, tmp_path: Path, dialogs, screenshot) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, hr, runner, tmp_path)
    spec = ACTIONS.get("file.packet")
    assert spec is not None and spec.menu == "file" and spec.roles == frozenset({"admin"})
    dialog = spec.trigger(window)
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    assert dialog.pseudonyms.isChecked() and not dialog.warning.isVisible()
    dialog.names.setChecked(True)
    assert dialog.warning.isVisible() and "audit log" in dialog.warning.text()
    screenshot(dialog, "packet_dialog_names_warning_1280x800")
    dialog.pseudonyms.setChecked(True)
    assert not dialog.warning.isVisible()
    start = dt.date.today() - dt.timedelta(days=30)
    dialog.period_from.check.setChecked(True)
    dialog.period_from.date.setDate(QDate(start.year, start.month, start.day))
    out = tmp_path / "packet.pdf"
    dialog.path.setText(str(out))
    assert not unnamed(dialog), unnamed(dialog)

    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=120_000)
    assert not dialogs.errors and not dialogs.crashes
    assert out.is_file() and f"Period covered: {start.isoformat()} to" in pdf_text(out)
    assert "pages" in dialog.status.text() and dialog.status.isVisible()
    qtbot.waitUntil(lambda: dialog._document.status() == QPdfDocument.Status.Ready, timeout=20_000)
    assert dialog._document.pageCount() == dialog.result.pages > 10
    assert not unnamed(dialog), unnamed(dialog)
    qtbot.wait(700)  # the view renders pages in the background
    screenshot(dialog, "packet_dialog_preview_1280x800")
    dialog.resize(1024, 640)
    qtbot.wait(300)
    screenshot(dialog, "packet_dialog_preview_1024x640")
    app = QApplication.instance()
    font = app.font()
    try:
        big = QFont(font)
        big.setPointSize(14)
        app.setFont(big)  # before the widgets are made, as a 14 pt system font would be
        again = PacketDialog(window._context(), window)
        qtbot.addWidget(again)
        again.resize(1280, 800)
        again.show()
        again.show_preview(out)
        qtbot.waitUntil(lambda: again._document.status() == QPdfDocument.Status.Ready, timeout=20_000)
        qtbot.wait(700)
        screenshot(again, "packet_dialog_preview_14pt")
        assert not unnamed(again)
    finally:
        app.setFont(font)
    entries = hr.vault.audit_entries()
    assert entries[-1].action == "packet.exported" and entries[-1].details["from"] == start.isoformat()


def test_cancel_writes_nothing(qtbot, hr: Session, runner, tmp_path: Path, dialogs) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, hr, runner, tmp_path)
    dialog = ACTIONS.get("file.packet").trigger(window)
    qtbot.addWidget(dialog)
    out = tmp_path / "cancelled.pdf"
    dialog.path.setText(str(out))
    task = dialog.export()
    task.cancel()
    qtbot.waitUntil(lambda: "Cancelled" in dialog.status.text(), timeout=60_000)
    assert not out.exists() and not list(tmp_path.glob("*.partial")) and not dialogs.errors
    assert hr.vault.audit_entries()[-1].action != "packet.exported"
    assert dialog.export_button.isEnabled()


def test_an_existing_packet_is_replaced_only_when_the_user_agrees(qtbot, hr: Session, runner, tmp_path: Path,
                                                                 dialogs, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A typed (or default) path that exists asks first; 'Keep' writes nothing. The file chooser asks by itself
    (its overwrite confirmation is not switched off), so a file agreed to there is not asked about twice."""
    from PySide6.QtWidgets import QFileDialog

    window = _window(qtbot, hr, runner, tmp_path)
    dialog = ACTIONS.get("file.packet").trigger(window)
    qtbot.addWidget(dialog)
    out = tmp_path / "given to the auditor.pdf"
    out.write_bytes(b"%PDF the packet the auditor holds")
    asked: list[Path] = []
    monkeypatch.setattr(PacketDialog, "confirm_replace", lambda self, path: asked.append(path) or False)
    dialog.path.setText(str(out))
    assert dialog.export() is None
    assert asked == [out] and out.read_bytes() == b"%PDF the packet the auditor holds"
    assert "Kept the earlier" in dialog.status.text() and dialog.export_button.isEnabled()
    assert hr.vault.audit_entries()[-1].action != "packet.exported"

    seen: dict = {}

    def chooser(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.update(kwargs, args=args)
        return str(out), "PDF (*.pdf)"  # the person confirmed "replace" in the chooser's own question

    monkeypatch.setattr(QFileDialog, "getSaveFileName", chooser)
    dialog._choose()
    options = seen.get("options", QFileDialog.Option(0))
    assert not options & QFileDialog.Option.DontConfirmOverwrite
    assert dialog.path.text() == str(out)
    dialog.export()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=120_000)
    assert asked == [out] and not dialogs.errors  # not asked a second time
    assert out.read_bytes().startswith(b"%PDF-") and "replaced the earlier file" in dialog.status.text()
    last = hr.vault.audit_entries()[-1]
    assert last.action == "packet.exported" and last.details["replaced"] is True
