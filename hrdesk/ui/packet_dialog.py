"""File → Export audit packet…: the period, pseudonyms or names, progress and cancel, then a preview.

The dialog only collects choices and shows the result: the packet is built
by ``hrdesk.packet.build.export_packet`` through the one worker helper (the
write lane: signing may create the key, and the export is audit-logged).
The preview is Qt's own PDF viewer (QtPdf), imported when first shown.

A packet is evidence somebody may already hold: a file already at the path
is replaced only after the user agreed, either in the file chooser (which
asks itself; its confirmation is never switched off) or in the question
Export asks for a path typed or left at the default.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QButtonGroup, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit, QPushButton,
                               QRadioButton, QVBoxLayout, QWidget)

from hrdesk.ui.actions import ACTIONS, ActionSpec
from hrdesk.ui.widgets import OptionalDateEdit, confirm, label, labelled, name, set_message

if TYPE_CHECKING:
    from hrdesk.packet.build import ExportResult
    from hrdesk.ui.main_window import MainWindow
    from hrdesk.ui.sections import SectionContext
    from hrdesk.ui.worker import Task

NAMES_WARNING = ("Employees' names will be printed in the packet, which goes to people outside HR. Use this only when "
                 "the auditor needs to identify individuals; the choice is printed on the cover and recorded in the "
                 "audit log.")


class PacketDialog(QDialog):
    """Choose the period and names, export with progress and cancel, and preview the PDF."""

    def __init__(self, context: "SectionContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.task: Task | None = None
        self.result: ExportResult | None = None
        self.confirmed: Path | None = None  # an existing file the user agreed to replace in the file chooser
        self.preview: Any = None
        self._document: Any = None
        self.setWindowTitle("Export the audit packet")
        self.setAccessibleName("Export the audit packet")
        layout = QVBoxLayout(self)
        layout.addWidget(label("Export the audit packet", "title"))
        layout.addWidget(label("Everything an auditor needs in one signed PDF: governance and sign-offs, the decision "
                               "register, rights and privacy, audits with charts, model cards, decisions, contests, "
                               "training and letters, monitoring, and the audit log's integrity. Every table is "
                               "attached as JSON.", "muted", wrap=True))
        form = QFormLayout()
        self.period_from = OptionalDateEdit("Start on")
        self.period_to = OptionalDateEdit("End on")
        for edit in (self.period_from, self.period_to):  # a packet shows what has happened (the core refuses later)
            edit.date.setMaximumDate(QDate.currentDate())
        form.addRow(labelled("Period &from:", self.period_from.check, name="Start the period on a date"),
                    self.period_from)
        form.addRow(labelled("Period &to:", self.period_to.check, name="End the period on a date"), self.period_to)
        self.pseudonyms = QRadioButton("&Pseudonyms (E-7F3A), recommended")
        self.names = QRadioButton("Show employees' &names")
        self.pseudonyms.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.pseudonyms)
        group.addButton(self.names)
        choice = QVBoxLayout()
        choice.addWidget(name(self.pseudonyms, "Show employees under pseudonyms"))
        choice.addWidget(name(self.names, "Show employees' names"))
        form.addRow(label("Employees:"), _wrap(choice))
        self.warning = label("", "message", wrap=True)
        self.warning.setAccessibleName("Warning about showing names")
        set_message(self.warning, "", "warn")
        form.addRow(self.warning)
        self.path = QLineEdit(str(_default_path(context)))
        browse = name(QPushButton("C&hoose…"), "Choose where to save the packet")
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(labelled("&Save as:", self.path, name="Where to save the packet"), _wrap(row))
        layout.addLayout(form)
        self.status = label("", "message", wrap=True)
        self.status.setAccessibleName("Export result")
        set_message(self.status, "", "info")
        layout.addWidget(self.status)
        self.preview_area = QVBoxLayout()
        self.placeholder = label("The packet is shown here once it is written.", "muted", wrap=True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_area.addWidget(self.placeholder, 1)
        layout.addLayout(self.preview_area, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.export_button = name(QPushButton("&Export packet"), "Export the audit packet")
        self.close_button = name(QPushButton("Close"), "Close this dialog")
        self.export_button.setDefault(True)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.names.toggled.connect(self._on_names)
        browse.clicked.connect(self._choose)
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.reject)

    def _on_names(self, shown: bool) -> None:
        set_message(self.warning, NAMES_WARNING if shown else "", "warn")

    def _choose(self) -> None:
        # The chooser asks before replacing an existing file (DontConfirmOverwrite is never set here).
        chosen, _filter = QFileDialog.getSaveFileName(self, "Save the audit packet", self.path.text(), "PDF (*.pdf)")
        if chosen:
            pdf = chosen.lower().endswith(".pdf")
            self.path.setText(chosen if pdf else chosen + ".pdf")
            self.confirmed = Path(chosen) if pdf and Path(chosen).is_file() else None

    def may_replace(self, out: Path) -> bool:
        """Whether writing to ``out`` may replace a file there: nothing there, agreed in the chooser, or asked now."""
        if not out.is_file() or out == self.confirmed:
            return True
        return self.confirm_replace(out)

    def confirm_replace(self, out: Path) -> bool:
        return confirm(self, "Replace the earlier packet?",
                       f"'{out.name}' already exists in {out.parent}. An audit packet is evidence: if it has been given "
                       "to an auditor, keep it and save this one under another name. Replacing it is recorded in the "
                       "audit log.", "Replace it", keep="Keep the earlier file", danger=True)

    def options(self) -> Any:
        from hrdesk.packet.context import PacketOptions

        return PacketOptions(self.period_from.value(), self.period_to.value(), self.names.isChecked())

    def export(self) -> "Task | None":
        """Start the export in the write lane (progress dialog with Cancel after a short delay)."""
        from hrdesk.errors import HrdeskError
        from hrdesk.packet.build import export_packet
        from hrdesk.ui.errors import show_error

        try:
            options = self.options()
        except HrdeskError as exc:
            show_error(self, exc)
            return None
        session, out = self.context.session, Path(self.path.text().strip())
        if not self.may_replace(out):
            set_message(self.status, f"Kept the earlier '{out.name}': nothing was written. Choose another name to "
                                     "export.", "info")
            return None
        replace = out.is_file()
        self.export_button.setEnabled(False)
        set_message(self.status, "Exporting…", "info")
        self.task = self.context.runner.run(lambda progress: export_packet(session, out, options, progress,
                                                                           replace=replace),
                                            label="Exporting the audit packet…", parent=self,
                                            on_success=self._done, on_failure=self._failed)
        return self.task

    def _done(self, result: "ExportResult") -> None:
        self.result = result
        self.export_button.setEnabled(True)
        signed = f"signed (key {result.fingerprint})" if result.signed else "not signed"
        replaced = " It replaced the earlier file (recorded in the audit log)." if result.replaced else ""
        set_message(self.status, f"Wrote {result.path.name}: {result.pages} pages, {result.tables} tables attached, "
                                 f"{signed}.{replaced}", "ok")
        self.show_preview(result.path)

    def _failed(self, exc: BaseException) -> None:
        from hrdesk.errors import CancelledError
        from hrdesk.ui.errors import show_error

        self.export_button.setEnabled(True)
        if isinstance(exc, CancelledError):
            set_message(self.status, "Cancelled: no packet was written.", "warn")
            return
        set_message(self.status, "", "info")
        show_error(self, exc)

    def show_preview(self, path: Path) -> None:
        """Show the written PDF in Qt's viewer."""
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        if self.preview is None:
            self._document = QPdfDocument(self)
            self.preview = QPdfView(self)
            self.preview.setAccessibleName("Preview of the audit packet")
            self.preview.setPageMode(QPdfView.PageMode.MultiPage)
            self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.preview.setDocument(self._document)
            self.preview.setMinimumHeight(200)
            self.placeholder.hide()
            self.preview_area.addWidget(self.preview, 1)
        self._document.load(str(path))


def _wrap(layout: Any) -> QWidget:
    holder = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    holder.setLayout(layout)
    return holder


def _default_path(context: "SectionContext") -> Path:
    vault = Path(context.session.path)
    return vault.with_name(f"{vault.stem} audit packet {dt.date.today().isoformat()}.pdf")


def open_packet_dialog(window: "MainWindow") -> PacketDialog:
    dialog = PacketDialog(window._context(), window)
    window.packet_dialog = dialog  # type: ignore[attr-defined]  (the screenshots tool finds it here)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.resize(760, 620)
    dialog.open()
    return dialog


ACTIONS.register(ActionSpec("file.packet", "Export audit &packet…", "file", open_packet_dialog,
                            tip="Write the signed PDF audit packet for an auditor, with a preview", order=48,
                            roles=frozenset({"admin"})), replace=True)
