"""The Import dialog: choose a file, check the column mapping, see every problem, import.

Nothing is written until the last step. Reading and checking the file and
the import itself run through the shared ``TaskRunner`` (reads in the read
pool, the import in the write lane, with its progress dialog and Cancel).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hrdesk import logs
from hrdesk.errors import CancelledError, HrdeskError
from hrdesk.importing import ColumnMapping, ImportPlan, ImportReport, Mapping, MappingError, prepare_import
from hrdesk.importing.sniff import ENCODING_LABELS, encoding_label
from hrdesk.progress import Progress
from hrdesk.records.fields import Kind, fields_for
from hrdesk.records.purposes import active_purposes
from hrdesk.records.repository import RATING_SCALES_KEY
from hrdesk.ui import palette
from hrdesk.ui.errors import show_error
from hrdesk.ui.import_models import DroppedColumnsModel, FieldDelegate, MappingModel, PreviewModel, RowErrorModel
from hrdesk.ui.import_scales import ScalesPanel
from hrdesk.ui.sections import SectionContext
from hrdesk.ui.widgets import Card, data_table, label, set_message, size_to_current_page

log = logs.get("ui.import")

KIND_TEXT: dict[Kind, tuple[str, str]] = {  # kind -> (chooser text, noun for "Import 311 …")
    Kind.EMPLOYEES: ("Employees — the export from your HRIS", "employees"),
    Kind.REVIEWS: ("Reviews — ratings, written feedback and goals", "review rows"),
    Kind.CHECKINS: ("Well-being check-ins — mood, workload, stress", "check-ins"),
}
FILE_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls")  # what a file is comes from its content
FILE_FILTER = "Spreadsheets (*.csv *.tsv *.txt *.xlsx *.xlsm *.xls);;All files (*)"
DETECT = ""  # the encoding picker's "work it out" choice
MAPPING_FILTER = "hrdesk mapping (*.json)"
PREVIEW_ROWS = 50
DATE_ORDERS = (
    ("auto", "Work it out from the file"),
    ("MDY", "Month / day / year (US)"),
    ("DMY", "Day / month / year"),
    ("YMD", "Year-month-day"),
)
ALL_OR_NOTHING = (
    "Import is all or nothing: if any row has a problem, nothing is imported, so the vault never holds half a file."
)
STEPS = ("Choose the file", "Check the columns", "Check the rows and import")
FILE, MAPPING, CHECK, DONE = range(4)


class DropArea(QFrame):
    """A card that accepts a dropped file and has a 'Choose file…' button."""

    file_chosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setAcceptDrops(True)
        self.setMinimumHeight(180)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 28, 24, 28)
        layout.setSpacing(12)
        layout.addStretch(1)
        layout.addWidget(label("Drop a CSV or Excel file here", "heading"), 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(label("or", "muted"), 0, Qt.AlignmentFlag.AlignHCenter)
        self.choose_button = QPushButton("Choose a file…")
        self.choose_button.setProperty("role", "primary")
        self.choose_button.clicked.connect(self._choose)
        layout.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose the file to import", "", FILE_FILTER)
        if name:
            self.file_chosen.emit(Path(name))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event.mimeData().urls()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event.mimeData().urls())
        if path is not None:
            event.acceptProposedAction()
            self.file_chosen.emit(path)


def dropped_file(urls: list) -> Path | None:
    """The one local spreadsheet among dropped URLs, or None."""
    files = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
    files = [f for f in files if f.suffix.lower() in FILE_SUFFIXES]
    return files[0] if len(files) == 1 else None


def compact_table(*, min_height: int = 0, name: str = "") -> QTableView:
    table = data_table(min_height=min_height, name=name)
    table.verticalHeader().setDefaultSectionSize(30)
    return table


class ImportDialog(QDialog):
    """Three steps and a result page; ``imported`` carries the ``ImportReport``."""

    imported = Signal(object)

    def __init__(self, context: SectionContext, kind: Kind | str = Kind.EMPLOYEES, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.plan: ImportPlan | None = None
        self.report: ImportReport | None = None
        self.path: Path | None = None
        self._reading: tuple[str | None, str | None] = (None, None)  # (encoding, sheet) the file was last read with
        self._busy = False
        self.setWindowTitle("Import a file")
        self.setObjectName("ImportDialog")
        self.resize(1080, 760)
        self.setAcceptDrops(True)
        self.mapping_model = MappingModel(self)
        self.mapping_model.mapping_edited.connect(self._on_mapping_edited)
        self.dropped_model = DroppedColumnsModel(self)
        self.errors_model = RowErrorModel(self)
        self.preview_model = PreviewModel(self)
        self.steps = label("", "muted")
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._check_page())
        self.pages.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.steps)
        # The pages scroll on a small screen or with large text; the buttons below always stay in view.
        from PySide6.QtWidgets import QFrame, QScrollArea

        size_to_current_page(self.pages)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(self.pages)
        layout.addWidget(scroller, 1)
        layout.addLayout(self._buttons())
        self.set_kind(Kind(kind))
        self._go(FILE)

    # --- pages ---------------------------------------------------------------------

    def _file_page(self) -> QWidget:
        page, layout = _page(12)
        layout.addWidget(label("What are you importing?", "heading"))
        self.kind_combo = QComboBox()
        for kind, (text, _noun) in KIND_TEXT.items():
            self.kind_combo.addItem(text, kind)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        row = QHBoxLayout()
        row.addWidget(self.kind_combo)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(label(
            "hrdesk reads the file, suggests what each column is, and shows you every problem before anything is "
            "saved. Columns that serve no declared purpose (pay, home address, marital status…) are left out.",
            "muted", wrap=True))
        self.drop_area = DropArea()
        self.drop_area.file_chosen.connect(self.load_file)
        layout.addWidget(self.drop_area, 1)
        self.file_message = label("", wrap=True, selectable=True)
        self.file_message.hide()
        layout.addWidget(self.file_message)
        row = QHBoxLayout()
        row.addWidget(label("Text encoding of a CSV file", "muted"))
        self.file_encoding = encoding_combo("Text encoding of the file")
        self.file_encoding.activated.connect(self._on_file_encoding_chosen)
        row.addWidget(self.file_encoding)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def _mapping_page(self) -> QWidget:
        page, layout = _page(10)
        self.mapping_summary = label("", wrap=True)
        layout.addWidget(self.mapping_summary)
        layout.addLayout(self._reading_row())
        self.reading_notes = label("", "muted", wrap=True, selectable=True)
        self.reading_notes.setAccessibleName("How the file was read")
        layout.addWidget(self.reading_notes)
        tools = QHBoxLayout()
        tools.addWidget(label("Dates in the file are", "muted"))
        self.date_order = QComboBox()
        for code, text in DATE_ORDERS:
            self.date_order.addItem(text, code)
        self.date_order.currentIndexChanged.connect(self._on_date_order)
        tools.addWidget(self.date_order)
        tools.addStretch(1)
        self.load_mapping_button = QPushButton("Load a saved mapping…")
        self.load_mapping_button.clicked.connect(self._choose_mapping_to_load)
        self.save_mapping_button = QPushButton("Save this mapping…")
        self.save_mapping_button.setToolTip("Save it as a JSON file to reuse next time (also with 'hrdesk import --mapping').")
        self.save_mapping_button.clicked.connect(self._choose_mapping_to_save)
        layout.addLayout(tools)
        mapping_files = QHBoxLayout()  # a row of their own: large text or a small screen need no sideways scroll
        mapping_files.addStretch(1)
        mapping_files.addWidget(self.load_mapping_button)
        mapping_files.addWidget(self.save_mapping_button)
        layout.addLayout(mapping_files)
        self.mapping_table = compact_table(min_height=240, name="How each column is imported")
        self.mapping_table.setModel(self.mapping_model)
        self.field_delegate = FieldDelegate(Kind.EMPLOYEES, self.mapping_table)
        self.mapping_table.setItemDelegateForColumn(MappingModel.FIELD_COLUMN, self.field_delegate)
        self.mapping_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        layout.addWidget(self.mapping_table, 3)
        self.mapping_message = label("", wrap=True, selectable=True)
        self.mapping_message.hide()
        layout.addWidget(self.mapping_message)
        self.scales_panel = ScalesPanel()
        self.scales_panel.scale_edited.connect(self._on_scale_edited)
        layout.addWidget(self.scales_panel.scroller(), 2)
        self.dropped_title = label("", "card-title", wrap=True)
        layout.addWidget(self.dropped_title)
        self.dropped_table = compact_table(min_height=120, name="Columns left out")
        self.dropped_table.setModel(self.dropped_model)
        layout.addWidget(self.dropped_table, 2)
        return page

    def _reading_row(self) -> QHBoxLayout:
        """The encoding (CSV) and worksheet (.xlsx) the file was read with, each changeable: a re-read follows."""
        row = QHBoxLayout()
        self.encoding_label = label("Text encoding", "muted")
        self.encoding_picker = encoding_combo("Text encoding the file is read with")
        self.encoding_picker.activated.connect(self._on_encoding_chosen)
        self.sheet_label = label("Worksheet", "muted")
        self.sheet_picker = QComboBox()
        self.sheet_picker.setAccessibleName("Worksheet to read")
        self.sheet_picker.activated.connect(self._on_sheet_chosen)
        for widget in (self.encoding_label, self.encoding_picker, self.sheet_label, self.sheet_picker):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _check_page(self) -> QWidget:
        page, layout = _page(10)
        self.check_message = label("", wrap=True, selectable=True)
        layout.addWidget(self.check_message)
        self.errors_title = label("", "card-title")
        layout.addWidget(self.errors_title)
        self.errors_table = compact_table(min_height=150, name="Problems found in the file")
        self.errors_table.setModel(self.errors_model)
        layout.addWidget(self.errors_table, 2)
        self.preview_title = label("", "card-title")
        layout.addWidget(self.preview_title)
        self.preview_table = compact_table(min_height=150, name="Preview of the rows to import")
        self.preview_table.setModel(self.preview_model)
        self.preview_table.horizontalHeader().setStretchLastSection(False)
        layout.addWidget(self.preview_table, 3)
        rule = Card()
        rule.body.setContentsMargins(16, 10, 16, 12)
        rule.body.setSpacing(6)
        rule.body.addWidget(label(ALL_OR_NOTHING, wrap=True))
        self.skip_invalid = QCheckBox("Skip invalid rows")
        self.skip_invalid.toggled.connect(self._update_buttons)
        rule.body.addWidget(self.skip_invalid)
        layout.addWidget(rule)
        return page

    def _done_page(self) -> QWidget:
        from hrdesk.ui.import_summary import ImportSummary

        page, layout = _page(10)
        self.summary = ImportSummary()  # the numbers and the next steps; the full report one click away
        self.summary.next_requested.connect(self._next_step)
        self.done_message, self.done_text = self.summary.message, self.summary.details
        layout.addWidget(self.summary, 1)
        return page

    def _next_step(self, key: str) -> None:
        """A next step from the summary: show a screen, or start the next import in this dialog."""
        if key in (Kind.REVIEWS.value, Kind.CHECKINS.value):
            self.path, self.plan, self.report = None, None, None  # a new file of another kind
            self._go(FILE)
            self.set_kind(Kind(key))
            return
        self._context.host.show_section("audits" if key == "audit" else "employees")
        self.accept()

    def _buttons(self) -> QHBoxLayout:
        self.back_button = QPushButton("Back")
        self.back_button.clicked.connect(self._back)
        self.next_button = QPushButton("Next: check the rows")
        self.next_button.setProperty("role", "primary")
        self.next_button.clicked.connect(self._next)
        self.import_button = QPushButton("Import")
        self.import_button.setProperty("role", "primary")
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton("Cancel")
        self.close_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        row.addWidget(self.next_button)
        row.addWidget(self.import_button)
        return row

    # --- navigation --------------------------------------------------------------------

    @property
    def kind(self) -> Kind:
        return Kind(self.kind_combo.currentData())

    def set_kind(self, kind: Kind) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))

    def page(self) -> int:
        return self.pages.currentIndex()

    def _go(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        if page < DONE:
            parts = []
            for number, title in enumerate(STEPS):
                text = f"{number + 1}. {title}"
                parts.append(f"<b style='color:{palette.current().accent}'>{text}</b>" if number == page else text)
            self.steps.setText("  ›  ".join(parts))
        else:
            self.steps.setText(f"<b style='color:{palette.current().accent}'>Done</b>")
        self._update_buttons()

    def _back(self) -> None:
        if self.page() in (MAPPING, CHECK):
            self._go(self.page() - 1)

    def _next(self) -> None:
        if self.page() == MAPPING and self.plan is not None:
            self._show_check()
            self._go(CHECK)

    def _update_buttons(self) -> None:
        page = self.page()
        self.back_button.setVisible(page in (MAPPING, CHECK))
        self.next_button.setVisible(page == MAPPING)
        self.import_button.setVisible(page == CHECK)
        self.next_button.setEnabled(self.plan is not None and not self.mapping_message.isVisible() and not self._busy)
        self.import_button.setEnabled(self.can_import())
        self.back_button.setEnabled(not self._busy)
        self.close_button.setText("Close" if page == DONE else "Cancel")
        self.close_button.setEnabled(not self._busy)
        if self.plan is not None:
            noun = KIND_TEXT[self.plan.kind][1]
            count = len(self.plan.rows)
            self.import_button.setText(
                f"Import {count:,} {noun}" if self.plan.ok or self.skip_invalid.isChecked() else "Import"
            )
            self.import_button.setToolTip(
                "" if self.import_button.isEnabled() else
                "Nothing can be imported while rows have problems, unless you tick “Skip invalid rows”."
            )

    def can_import(self) -> bool:
        """Only a plan with rows, no file-level problem, and either no errors or 'skip invalid rows' ticked."""
        plan = self.plan
        if plan is None or self._busy or plan.problems or not plan.rows:
            return False
        return plan.ok or self.skip_invalid.isChecked()

    # --- reading the file --------------------------------------------------------------

    def _on_kind_changed(self, _index: int) -> None:
        if self.path is not None and self.page() != FILE:
            encoding, sheet = self._reading
            self.load_file(self.path, encoding=encoding or DETECT, sheet=sheet)

    def _on_encoding_chosen(self, _index: int) -> None:
        if self.path is not None and not self._busy:
            chosen = str(self.encoding_picker.currentData())
            self.file_encoding.setCurrentIndex(max(0, self.file_encoding.findData(chosen)))
            self.load_file(self.path, encoding=chosen, sheet=None)

    def _on_file_encoding_chosen(self, _index: int) -> None:
        """After a file could not be read, choosing its encoding reads it again."""
        if self.path is not None and not self._busy and self.page() == FILE:
            self.load_file(self.path)

    def _on_sheet_chosen(self, _index: int) -> None:
        if self.path is not None and not self._busy:
            self.load_file(self.path, encoding=DETECT, sheet=str(self.sheet_picker.currentData()))

    def load_file(self, path: Path | str, *, encoding: str | None = None, sheet: str | None = None) -> None:
        """Read and check ``path`` in the background; the mapping page opens when it is ready.

        ``encoding`` (CSV) defaults to the file page's choice, else detection;
        ``sheet`` (.xlsx) to the first worksheet with data.
        """
        self.path = Path(path)
        encoding = (encoding if encoding is not None else self.file_encoding.currentData()) or None
        self._reading = (encoding, sheet)
        vault, kind = self._context.vault, self.kind
        purposes = active_purposes(vault)
        scales = vault.meta_get(RATING_SCALES_KEY, {})

        def work(progress: Progress) -> ImportPlan:
            progress.begin(f"Reading {self.path.name}…", 0)
            return prepare_import(self.path, kind, purposes=purposes, scales=scales, encoding=encoding, sheet=sheet)

        self._set_busy(True)
        set_message(self.file_message, f"Reading {self.path.name}…", "info")
        self._context.runner.run(work, label=f"Reading {self.path.name}…", writes=False, parent=self,
                                 on_success=self._plan_ready, on_failure=self._read_failed)

    def _read_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._go(FILE)
        if isinstance(exc, HrdeskError):
            set_message(self.file_message, f"{exc.message} {exc.hint}".strip(), "bad")
            return
        set_message(self.file_message, "", "info")
        show_error(self, exc)

    def _plan_ready(self, plan: ImportPlan) -> None:
        self._set_busy(False)
        set_message(self.file_message, "", "info")
        self.set_plan(plan)
        self._go(MAPPING)

    def set_plan(self, plan: ImportPlan) -> None:
        """Show ``plan`` on the mapping and check pages."""
        self.plan = plan
        self.field_delegate.kind = plan.kind
        self.mapping_model.set_mapping(plan.mapping, plan.source)
        self._show_reading(plan)
        self.date_order.blockSignals(True)
        self.date_order.setCurrentIndex(max(0, self.date_order.findData(plan.mapping.date_order)))
        self.date_order.blockSignals(False)
        set_message(self.mapping_message, "", "info")
        self._show_mapping_summary()
        self._show_check()
        self.mapping_table.resizeColumnsToContents()
        self.mapping_table.setColumnWidth(MappingModel.FIELD_COLUMN, max(200, self.mapping_table.columnWidth(2)))
        self._update_buttons()

    def _show_reading(self, plan: ImportPlan) -> None:
        """The encoding or worksheet used, with the reader's notes (a sample to judge the encoding by)."""
        source = plan.source
        is_text = source.format == "csv"
        for widget in (self.encoding_label, self.encoding_picker):
            widget.setVisible(is_text)
        for widget in (self.sheet_label, self.sheet_picker):
            widget.setVisible(len(source.sheets) > 1)
        if is_text:
            chosen = source.encoding if source.encoding_chosen_by == "you chose it" else DETECT
            self.encoding_picker.setItemText(0, f"Detected: {encoding_label(source.encoding)}")
            self.encoding_picker.setCurrentIndex(max(0, self.encoding_picker.findData(chosen)))
        self.sheet_picker.clear()
        for name in source.sheets:
            self.sheet_picker.addItem(name, name)
        self.sheet_picker.setCurrentIndex(max(0, self.sheet_picker.findData(source.sheet)))
        notes = source.reading_notes(window=True)
        self.reading_notes.setText("\n".join(notes))
        self.reading_notes.setVisible(bool(notes))

    def _show_mapping_summary(self) -> None:
        plan = self.plan
        assert plan is not None
        total = len(plan.source.header)
        kept = total - len(plan.dropped_columns)
        file_name = self.path.name if self.path else "the file"
        self.mapping_summary.setText(
            f"<b>{file_name}</b>: {plan.rows_read:,} rows, {total} columns. <b>{kept}</b> columns will be imported. "
            "Check what each column becomes; double-click <i>Imported as</i> to change it."
        )
        self.scales_panel.set_plan(plan)
        self.dropped_model.set_items(plan.dropped_columns)
        self.dropped_title.setText(
            f"Left out: {len(plan.dropped_columns)} columns. Data minimisation: hrdesk keeps only what a declared purpose needs, so these are never stored."
        )
        self.dropped_table.resizeColumnsToContents()

    def _show_check(self) -> None:
        plan = self.plan
        if plan is None:
            return
        noun = KIND_TEXT[plan.kind][1]
        bad_rows = len({e.row for e in plan.errors})
        if plan.problems:
            set_message(self.check_message, "Nothing can be imported yet: " + "; ".join(plan.problems)
                        + ". Go back to the columns to fix the mapping, or load a saved mapping.", "bad")
        elif plan.ok:
            set_message(self.check_message, f"All {len(plan.rows):,} rows are ready to import. Nothing has been saved yet.", "ok")
        elif not plan.rows:
            set_message(self.check_message, f"None of the {plan.rows_read:,} rows can be imported: every row has a problem.", "bad")
        else:
            set_message(self.check_message,
                        f"{bad_rows} of {plan.rows_read:,} rows have problems (listed below). Fix the file and read it again, "
                        f"or tick “Skip invalid rows” to import the other {len(plan.rows):,} {noun} now.", "warn")
        self.errors_model.set_items(plan.errors)
        self.errors_title.setText(f"Problems found: {len(plan.errors)} in {bad_rows} rows (row numbers as your spreadsheet shows them)")
        for widget in (self.errors_title, self.errors_table):
            widget.setVisible(bool(plan.errors))
        self.errors_table.resizeColumnsToContents()
        self.preview_model.set_rows(preview_in_field_order(plan, PREVIEW_ROWS))
        shown = min(PREVIEW_ROWS, len(plan.rows))
        self.preview_title.setText(f"Preview: the first {shown} of {len(plan.rows):,} rows as hrdesk will store them")
        self.preview_table.resizeColumnsToContents()
        self.skip_invalid.setText(
            f"Skip invalid rows: import the {len(plan.rows):,} good rows and list the {bad_rows} skipped"
            if plan.errors else "Skip invalid rows"
        )
        self.skip_invalid.setEnabled(bool(plan.errors) and not plan.problems)

    # --- editing the mapping ----------------------------------------------------------

    def _on_mapping_edited(self) -> None:
        self._remap()

    def _on_scale_edited(self, name: str, labels: list) -> None:
        if self.plan is not None:
            self.plan.mapping.set_scale(name, [str(x) for x in labels])
            self._remap()

    def _on_date_order(self, _index: int) -> None:
        if self.plan is not None:
            self.plan.mapping.date_order = str(self.date_order.currentData())
            self._remap()

    def _remap(self) -> None:
        plan = self.plan
        if plan is None:
            return
        try:
            new_plan = plan.remap(plan.mapping)
        except MappingError as exc:
            set_message(self.mapping_message, f"{exc.message} {exc.hint}".strip(), "bad")
            self._update_buttons()
            return
        set_message(self.mapping_message, "", "info")
        self.plan = new_plan
        self._show_mapping_summary()
        self._show_check()
        self._update_buttons()

    def save_mapping_to(self, path: Path | str) -> None:
        if self.plan is not None:
            self.plan.mapping.save(path)
            set_message(self.mapping_message, f"Mapping saved to {Path(path).name}.", "ok")
            self._update_buttons()

    def load_mapping_from(self, path: Path | str) -> None:
        """Apply a saved mapping to this file; columns it does not name are not imported."""
        if self.plan is None:
            return
        try:
            loaded = Mapping.load(path)
            if loaded.kind is not self.plan.kind:
                raise MappingError(f"That mapping is for {loaded.kind} files, and this is a {self.plan.kind} import.")
        except MappingError as exc:
            set_message(self.mapping_message, f"{exc.message} {exc.hint}".strip(), "bad")
            self._update_buttons()
            return
        by_source = {c.source: c for c in loaded.columns}
        columns = [by_source.get(s) or ColumnMapping(s, None, "not in the loaded mapping") for s in self.plan.source.header]
        mapping = Mapping(loaded.kind, columns, loaded.scales or dict(self.plan.mapping.scales), loaded.date_order,
                          loaded.scale_evidence if loaded.scales else dict(self.plan.mapping.scale_evidence))
        try:
            plan = self.plan.remap(mapping)
        except MappingError as exc:
            set_message(self.mapping_message, f"{exc.message} {exc.hint}".strip(), "bad")
            self._update_buttons()
            return
        self.set_plan(plan)
        set_message(self.mapping_message, f"Mapping loaded from {Path(path).name}.", "ok")
        self._update_buttons()

    def _choose_mapping_to_save(self) -> None:
        stem = self.path.stem if self.path else "mapping"
        name, _ = QFileDialog.getSaveFileName(self, "Save the mapping", f"{stem}-mapping.json", MAPPING_FILTER)
        if name:
            try:
                self.save_mapping_to(name)
            except OSError as exc:
                set_message(self.mapping_message, f"The mapping could not be saved ({exc.strerror or type(exc).__name__}).", "bad")

    def _choose_mapping_to_load(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Load a saved mapping", "", MAPPING_FILTER)
        if name:
            self.load_mapping_from(name)

    # --- importing -------------------------------------------------------------------------

    def start_import(self) -> None:
        """Write the plan through the write lane; does nothing unless ``can_import()``."""
        if not self.can_import():
            return
        plan, session, skip = self.plan, self._context.session, self.skip_invalid.isChecked()
        assert plan is not None

        def work(progress: Progress) -> ImportReport:
            return session.apply_import(plan, skip_invalid=skip, progress=progress).result

        self._set_busy(True)
        self._context.runner.run(work, label=f"Importing {len(plan.rows):,} {KIND_TEXT[plan.kind][1]}…", parent=self,
                                 on_success=self._imported, on_failure=self._import_failed)

    def _imported(self, report: ImportReport) -> None:
        self._set_busy(False)
        self.report = report
        log.info("import finished: %s added, %s updated", report.added, report.updated)
        self.summary.show_report(report)
        self._go(DONE)
        self.imported.emit(report)

    def _import_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, CancelledError):
            set_message(self.check_message, "The import was cancelled. Nothing was imported.", "info")
            return
        if isinstance(exc, HrdeskError):
            set_message(self.check_message, f"{exc.message} {exc.hint}".strip(), "bad")
            return
        show_error(self, exc)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.drop_area.choose_button.setEnabled(not busy)
        self.kind_combo.setEnabled(not busy)
        self.encoding_picker.setEnabled(not busy)
        self.sheet_picker.setEnabled(not busy)
        self._update_buttons()

    # --- dropping a file anywhere on the dialog --------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self._busy and self.page() != DONE and dropped_file(event.mimeData().urls()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event.mimeData().urls())
        if path is not None and not self._busy:
            event.acceptProposedAction()
            self.load_file(path)

    def reject(self) -> None:
        if self._busy:
            return  # the progress dialog's Cancel stops an import; closing mid-write would hide it
        super().reject()


def preview_in_field_order(plan: ImportPlan, limit: int) -> list[dict]:
    """The preview rows with columns in hrdesk's field order (identity first, protected attributes last)."""
    order = ["Row", *(spec.label for spec in fields_for(plan.kind).values())]
    rows = plan.preview(limit)
    return [{key: row[key] for key in order if key in row} for row in rows]


def encoding_combo(accessible_name: str) -> QComboBox:
    """'Detect' first, then the encodings HR exports come in, by the names people know them by."""
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    combo.addItem("Detect automatically", DETECT)
    for name, text in ENCODING_LABELS.items():
        if name not in ("utf-8-sig", "utf-16-le", "utf-16-be"):
            combo.addItem(text, name)
    return combo


def _page(spacing: int) -> tuple[QWidget, QVBoxLayout]:
    """A wizard page: a bare widget with a vertical layout and no margins of its own."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    return page, layout


def open_import_dialog(context: SectionContext, parent: QWidget | None = None, kind: Kind | str = Kind.EMPLOYEES) -> ImportDialog:
    """Show the import dialog (non-blocking) and return it; the menu or toolbar of the shell can call this."""
    dialog = ImportDialog(context, kind, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()
    return dialog


__all__ = ["ImportDialog", "open_import_dialog"]
