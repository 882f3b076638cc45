"""The Contests section (HR): every case with its received and due dates, reviewer and state; the chosen case
in full beside it; new contest, assign a reviewer, resolve (with the data correction), and write its letters.

Overdue cases are marked twice: the words "OVERDUE by N days" (the same as ``hrdesk contest list``, from
``contests.query.status_words``) and the palette's "bad" colours. Every write goes through the session in
the write lane; the view refreshes on the ``Changes`` that touch contests, employees or governance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hrdesk.contests.model import Contest, Subject
from hrdesk.contests.query import case_load, status_words
from hrdesk.session import Kind
from hrdesk.ui import palette
from hrdesk.ui.formatting import local_date
from hrdesk.ui.table_model import ListTableModel
from hrdesk.ui.widgets import Card, data_table, label, labelled, name, plural, set_message, set_style_property

if TYPE_CHECKING:
    from hrdesk.contests.service import ContestLetters
    from hrdesk.progress import Progress
    from hrdesk.records import Employee
    from hrdesk.ui.sections import SectionContext

WATCHED = (Kind.CONTESTS, Kind.EMPLOYEES, Kind.TEAMS, Kind.GOVERNANCE, Kind.LETTERS)
FILTERS = (("open", "Open cases"), ("overdue", "Overdue only"), ("decided", "Decided"), ("all", "All cases"))
SUBJECT_WORDS = {Subject.SUGGESTION: "AI suggestion", Subject.DECISION: "Decision", Subject.DATA: "Data item"}
#: True for a row the model marks overdue (tests and delegates ask it instead of reading colours)
OverdueRole = Qt.ItemDataRole.UserRole + 4


@dataclass(frozen=True)
class ContestsData:
    """What the section shows, read in one go off the UI thread."""

    contests: tuple[Contest, ...]
    names: dict[str, str]  # HRIS id -> name
    employees: tuple["Employee", ...]  # current employees, for the New contest dialog
    response_days: int | None  # governance step 3's promise; None before it is set
    today: dt.date
    reviewers: tuple[str, ...] = ()  # who may review a case (HR users and managers), offered as you type


def read_data(session: Any, today: dt.date | None = None) -> ContestsData:
    from hrdesk.contests.rules import known_reviewers, response_days

    everyone = session.records().employees.list()
    return ContestsData(tuple(session.contests()), {e.employee_id: e.name for e in everyone},
                        tuple(sorted((e for e in everyone if not e.is_leaver), key=lambda e: e.name.casefold())),
                        session.read(response_days), today or dt.date.today(),
                        tuple(p.name for p in session.read(known_reviewers)))


def ordered(found: tuple[Contest, ...], today: dt.date) -> list[Contest]:
    """Open cases first, the most overdue at the top, then by due date; decided cases newest first."""
    open_cases = sorted((c for c in found if c.is_open), key=lambda c: (c.due_on, c.id))
    decided = sorted((c for c in found if not c.is_open), key=lambda c: (c.decided_on or c.received_on, c.id), reverse=True)
    return open_cases + decided


class ContestTableModel(ListTableModel):
    """One row per case; overdue rows say so in the Status column and carry the palette's warning colours."""

    # the state and the deadline come first: at 1024x640 they must be visible without scrolling sideways
    COLUMNS = ("Case", "Employee", "Status", "Due", "Reviewer", "Received", "About")
    STATUS, REVIEWER, ABOUT = 2, 4, 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names: dict[str, str] = {}
        self.today = dt.date.today()

    def show(self, cases: list[Contest], names: dict[str, str], today: dt.date) -> None:
        self.names, self.today = names, today
        self.set_items(cases)

    def cells(self, item: Contest) -> tuple[str, ...]:
        who = self.names.get(item.employee_id, "")
        return (item.id, who or item.employee_id, status_words(item, self.today),
                local_date(item.due_on), item.reviewer or "not assigned", local_date(item.received_on),
                SUBJECT_WORDS[item.subject_kind])

    def tooltip(self, item: Contest, column: int) -> object:
        if column == self.ABOUT:
            return item.subject
        if column == 1:
            return f"{self.display(item, column)} (employee id {item.employee_id})"
        return self.display(item, column)

    def role_data(self, item: Contest, column: int, role: int) -> object:
        overdue = item.is_overdue(self.today)
        if role == OverdueRole:
            return overdue
        if overdue and role == Qt.ItemDataRole.BackgroundRole:
            return palette.current().colour("bad_bg")
        if overdue and role == Qt.ItemDataRole.ForegroundRole:
            return palette.current().colour("bad_fg")
        if role == Qt.ItemDataRole.ForegroundRole and (column == self.REVIEWER and not item.reviewer or not item.is_open):
            return palette.muted()
        if overdue and role == Qt.ItemDataRole.FontRole and column == self.STATUS:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None


class StackedFacts:
    """Name above value, one pair under the other: a narrow pane beside a table stays readable."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.widget = QWidget()
        column = QVBoxLayout(self.widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.values: dict[str, QLabel] = {}
        for fact in names:
            column.addWidget(label(fact, "fact-name"))
            value = label("", wrap=True, selectable=True)
            value.setAccessibleName(fact)
            column.addWidget(value)
            column.addSpacing(6)
            self.values[fact] = value


class ContestDetail(QScrollArea):
    """The chosen case in full: what is contested and why, dates, who decided, who reviews, the outcome."""

    ROWS = ("Case", "Employee", "About", "Contested", "Their reason", "Received", "Due", "Decided by", "Reviewer",
            "Status", "Reasons", "Changed")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.card = Card("The case")
        self.empty = label("Choose a case in the list to see it in full.", "muted", wrap=True)
        self.card.body.addWidget(self.empty)
        self.facts = StackedFacts(self.ROWS)
        self.facts_box = self.facts.widget
        self.card.body.addWidget(self.facts_box)
        self.card.body.addStretch(1)
        self.setWidget(self.card)
        name(self, "The chosen contest in full")
        self.show_contest(None, {}, dt.date.today())

    def show_contest(self, contest: Contest | None, names: dict[str, str], today: dt.date) -> None:
        self.empty.setVisible(contest is None)
        self.facts_box.setVisible(contest is not None)
        if contest is None:
            return
        c = contest
        values = {
            "Case": c.id, "Employee": f"{names.get(c.employee_id, '')} ({c.employee_id})",
            "About": SUBJECT_WORDS[c.subject_kind] + (f" ({c.subject_ref})" if c.subject_ref else ""),
            "Contested": c.subject, "Their reason": c.employee_reason, "Received": local_date(c.received_on),
            "Due": local_date(c.due_on), "Decided by": c.decided_by or "nobody (a data item)",
            "Reviewer": c.reviewer or "not assigned yet", "Status": status_words(c, today),
            "Reasons": c.reasons or "—", "Changed": "\n".join(c.changes) or "—",
        }
        for row, value in values.items():
            self.facts.values[row].setText(value)
        set_style_property(self.facts.values["Status"], "inline", "error" if c.is_overdue(today) else "")


class ContestsView(QWidget):
    def __init__(self, context: "SectionContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self._context = context
        self.data: ContestsData | None = None
        self.loaded = False
        self.last_letters: "ContestLetters | None" = None
        self._select_after = ""  # a case just written: chosen once the refreshed list arrives
        self._new_when_loaded = False
        self.new_dialog: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        heading = QHBoxLayout()  # the filter sits by the title: the buttons' row must fit 1024 px with large text
        heading.addWidget(label("Contests", "title"))
        heading.addStretch(1)
        self.filter_picker = QComboBox()
        for key, text in FILTERS:
            self.filter_picker.addItem(text, key)
        self.filter_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.filter_picker.setMinimumContentsLength(10)
        heading.addWidget(labelled("&Show", self.filter_picker, name="Show which cases"))
        heading.addWidget(self.filter_picker)
        layout.addLayout(heading)
        self.summary = label("Reading…", "muted", wrap=True)
        layout.addWidget(self.summary)
        self.message = label("", wrap=True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        layout.addLayout(self._toolbar())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        self.model = ContestTableModel(self)
        self.table = data_table(name="Contest cases")
        self.table.setModel(self.model)
        self.detail = ContestDetail()
        self.detail.setMinimumWidth(max(220, self.fontMetrics().averageCharWidth() * 26))
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.table.doubleClicked.connect(lambda *_: self.resolve())
        context.events.watch(self, WATCHED, self.refresh, name="contests")
        self._selected()
        self.refresh()

    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.new_button = QPushButton("&New contest…")
        self.new_button.setProperty("role", "primary")
        self.assign_button = QPushButton("&Assign reviewer…")
        self.resolve_button = QPushButton("&Resolve…")
        self.letters_button = QPushButton("Write &letters…")
        for button, description in ((self.new_button, "Record a contest an employee raised"),
                                    (self.assign_button, "Name who reviews the chosen case"),
                                    (self.resolve_button, "Record the outcome of the chosen case"),
                                    (self.letters_button, "Write the acknowledgement and outcome letters as PDFs")):
            button.setToolTip(description)
            button.setAccessibleDescription(description)
            row.addWidget(button)
        row.addStretch(1)
        self.new_button.clicked.connect(lambda: self.new_contest())
        self.assign_button.clicked.connect(lambda: self.assign())
        self.resolve_button.clicked.connect(lambda: self.resolve())
        self.letters_button.clicked.connect(lambda: self.write_letters())
        self.filter_picker.currentIndexChanged.connect(self._fill)
        return row

    # --- reading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        session = self._context.session
        self._context.runner.run(lambda _progress: read_data(session), writes=False, show_progress=False, parent=self,
                                 on_success=self._loaded)

    def _loaded(self, data: ContestsData) -> None:
        self.data = data
        self.loaded = True
        load = case_load(list(data.contests), data.today)
        promise = (f"Contests are answered within {plural(data.response_days, 'day')} of receipt (governance step 3)."
                   if data.response_days else "The response time is not set yet (governance step 3): each new contest "
                   "needs its due date.")
        self.summary.setText(f"{plural(load.open, 'open case')}, {load.overdue:,} overdue, {load.decided:,} decided. "
                             + promise)
        self._fill()
        if self._new_when_loaded:
            self._new_when_loaded = False
            self.new_contest()

    def _fill(self) -> None:
        if self.data is None:
            return
        chosen = self.current()
        rows = self._rows(self.filter_picker.currentData())
        target = self._select_after or (chosen.id if chosen else "") or (rows[0].id if rows else "")
        if self._select_after and target not in {c.id for c in rows}:
            # a case just decided leaves "Open cases": show every case, so its outcome stays in view
            self.filter_picker.blockSignals(True)
            self.filter_picker.setCurrentIndex(self.filter_picker.findData("all"))
            self.filter_picker.blockSignals(False)
            rows = self._rows("all")
        self._select_after = ""
        self.model.show(rows, self.data.names, self.data.today)
        self._fit_columns()
        if target:
            self.select(target)
        self._selected()

    def _fit_columns(self) -> None:
        """Columns as wide as their text (a handful of cases: cheap), a long name or reviewer capped."""
        self.table.resizeColumnsToContents()
        most = self.fontMetrics().averageCharWidth() * 28
        for column in range(self.model.columnCount() - 1):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column) + 8, most))

    def _rows(self, wanted: str) -> list[Contest]:
        assert self.data is not None
        today = self.data.today
        return [c for c in ordered(self.data.contests, today)
                if wanted == "all" or (wanted == "open" and c.is_open) or (wanted == "decided" and not c.is_open)
                or (wanted == "overdue" and c.is_overdue(today))]

    def current(self) -> Contest | None:
        index = self.table.selectionModel().currentIndex() if self.table.selectionModel() else None
        if index is None or not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.item(index.row())

    def select(self, case: str) -> bool:
        for row, contest in enumerate(self.model.items()):
            if contest.id == case:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    def _selected(self) -> None:
        contest = self.current()
        data = self.data
        self.detail.show_contest(contest, data.names if data else {}, data.today if data else dt.date.today())
        is_open = contest is not None and contest.is_open
        self.assign_button.setEnabled(is_open)
        self.resolve_button.setEnabled(is_open and bool(contest and contest.reviewer))
        self.letters_button.setEnabled(contest is not None and bool(contest.reviewer))

    # --- writing ------------------------------------------------------------------------------

    def request_new_contest(self) -> None:
        """Open New contest now, or once the cases are read (the menu action may arrive first)."""
        if self.data is None:
            self._new_when_loaded = True
        else:
            self.new_contest()

    def new_contest(self) -> "Any":
        from hrdesk.ui.contest_dialogs import NewContestDialog

        if self.data is None:
            return None
        dialog = NewContestDialog(self._context, self.data, parent=self)
        dialog.saved.connect(lambda contest: self._done(contest, f"Recorded contest {contest.id}: the answer is due by "
                                                                 f"{local_date(contest.due_on)}."))
        dialog.open()
        self.new_dialog = dialog
        return dialog

    def assign(self) -> "Any":
        from hrdesk.ui.contest_dialogs import AssignDialog

        contest = self.current()
        if contest is None or not contest.is_open:
            return None
        dialog = AssignDialog(self._context, contest, parent=self, reviewers=self.data.reviewers if self.data else ())
        dialog.saved.connect(lambda c: self._done(c, f"{c.reviewer} reviews contest {c.id}."))
        dialog.open()
        return dialog

    def resolve(self) -> "Any":
        from hrdesk.ui.contest_dialogs import ResolveDialog

        contest = self.current()
        if contest is None or not contest.is_open:
            return None
        if not contest.reviewer:
            set_message(self.message, f"Contest {contest.id} has no reviewer yet: assign one first.", "warn")
            return None
        dialog = ResolveDialog(self._context, contest, parent=self)
        dialog.saved.connect(lambda c: self._done(c, f"Contest {c.id}: {c.outcome.value.replace('-', ' ')}."
                                                     + (" " + " ".join(c.changes) if c.changes else "")))
        dialog.open()
        return dialog

    def _done(self, contest: Contest, text: str) -> None:
        """After a write: say what happened; the Changes refresh the table, which then shows this case."""
        set_message(self.message, text, "ok")
        self._select_after = contest.id
        shown = next((c for c in self.model.items() if c.id == contest.id), None)
        if shown == contest:  # the refreshed list arrived first
            self._fill()

    def choose_folder(self) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, "Write the contest letters into which folder?")
        return Path(folder) if folder else None

    def write_letters(self, folder: Path | None = None) -> None:
        contest = self.current()
        if contest is None:
            return
        folder = folder or self.choose_folder()
        if folder is None:
            return
        session, case = self._context.session, contest.id

        def work(progress: "Progress") -> "ContestLetters":
            return session.write_contest_letters(case, folder, progress=progress)

        self._context.runner.run(work, label=f"Writing the letters of {case}", parent=self, on_success=self._written)

    def _written(self, written: "ContestLetters") -> None:
        self.last_letters = written
        kinds = " and ".join(r.kind.label.lower() for r in written.results)
        set_message(self.message, f"Wrote the {kinds} of {written.contest.id} into {written.files[0].parent}. "
                                  "Each is logged; mark them delivered in Letters once they are.", "ok")
