"""The last page of an import: what happened as a few numbers, and what to do next.

The full report (every skipped row, every column left out, how the file was
read) stays one click away under "Show the full report"; the page itself
answers "did it work, and now what?" with buttons: show the people, import
the next kind of file, run an audit.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from hrdesk.importing import ImportReport
from hrdesk.ui.widgets import Card, label, plural, set_message

#: next-step key -> button text; which ones show depends on what was imported
NEXT_STEPS = {
    "employees": "Show employees",
    "reviews": "Import reviews next…",
    "checkins": "Import well-being check-ins next…",
    "audit": "Run a bias audit",
}
_AFTER = {"employees": ("employees", "reviews", "audit"), "reviews": ("employees", "checkins", "audit"),
          "checkins": ("employees", "audit")}
_KIND_WORDS = {"employees": ("employee", "employees"), "reviews": ("review row", "review rows"),
               "checkins": ("check-in", "check-ins")}


class ImportSummary(QWidget):
    """Shows an ``ImportReport``; ``next_requested`` carries a key of ``NEXT_STEPS``."""

    next_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.message = label("", wrap=True, selectable=True)
        layout.addWidget(self.message)
        self.card = Card("What changed")
        self.numbers = QGridLayout()
        self.numbers.setHorizontalSpacing(28)
        self.card.body.addLayout(self.numbers)
        self.notes = label("", "muted", wrap=True)
        self.card.body.addWidget(self.notes)
        layout.addWidget(self.card)
        layout.addWidget(label("Next steps", "card-title"))
        self.next_row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in NEXT_STEPS.items():
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, k=key: self.next_requested.emit(k))
            self.buttons[key] = button
            self.next_row.addWidget(button)
        self.next_row.addStretch(1)
        layout.addLayout(self.next_row)
        self.details_button = QPushButton("Show the full report")
        self.details_button.setCheckable(True)
        self.details_button.setAutoDefault(False)
        self.details_button.toggled.connect(self._toggle_details)
        row = QHBoxLayout()
        row.addWidget(self.details_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Full import report")
        self.details.setVisible(False)
        layout.addWidget(self.details, 1)
        layout.addStretch(0)

    def show_report(self, report: ImportReport) -> None:
        skipped = len({e.row for e in report.skipped})
        one, many = _KIND_WORDS.get(report.kind, ("row", "rows"))
        text = f"Imported {report.imported:,} of {report.rows_read:,} rows from {report.source}."
        if skipped:
            text += f" {plural(skipped, 'row was', 'rows were')} skipped; the full report lists them."
        set_message(self.message, text, "warn" if skipped else "ok")
        while self.numbers.count():
            item = self.numbers.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        figures = [(report.added, f"{many} added"), (report.updated, "updated"), (report.unchanged, "unchanged")]
        if report.teams_added:
            figures.append((report.teams_added, "teams added"))
        if skipped:
            figures.append((skipped, "rows skipped"))
        for column, (value, words) in enumerate(figures):
            self.numbers.addWidget(label(f"{value:,}", "big-number"), 0, column)
            self.numbers.addWidget(label(words, "muted", wrap=True), 1, column)
        notes = []
        if report.dropped_columns:
            notes.append(f"{plural(len(report.dropped_columns), 'column was', 'columns were')} left out because no "
                         "declared purpose needs them (data minimisation).")
        if report.not_in_file:
            notes.append(f"{plural(report.not_in_file, 'person', 'people')} already in the vault "
                         f"{'is' if report.not_in_file == 1 else 'are'} not in this file; nothing about them changed.")
        self.notes.setText(" ".join(notes))
        self.notes.setVisible(bool(notes))
        shown = _AFTER.get(report.kind, ("employees", "audit"))
        for key, button in self.buttons.items():
            button.setVisible(key in shown)
        self.details.setPlainText(report.describe())
        self.details_button.setChecked(False)

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setText("Hide the full report" if shown else "Show the full report")
