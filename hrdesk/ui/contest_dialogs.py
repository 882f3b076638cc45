"""The Contests section's dialogs: a new contest, assigning its reviewer, resolving it (with the data correction).

The dialogs only collect input: the rules (the due date, the reviewer who did not decide, the edit rules of a
correction) are checked by the core when the session's operation runs in the write lane. A refusal is shown
inside the dialog, which stays open with everything typed; nothing was saved.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hrdesk.contests.cases import FIELD_LABELS, NewContest, Resolution
from hrdesk.contests.model import Contest, Outcome, Subject
from hrdesk.errors import HrdeskError
from hrdesk.records import Records
from hrdesk.records.edit_rules import EDITABLE_FIELDS, vault_values
from hrdesk.ui.unsaved import AsksBeforeDiscarding
from hrdesk.ui.formatting import date_format, local_date
from hrdesk.ui.widgets import OptionalDateEdit, guard_wheel, label, labelled, name, set_message

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hrdesk.records import Employee
    from hrdesk.ui.contests_view import ContestsData
    from hrdesk.ui.sections import SectionContext

SUBJECTS = ((Subject.DECISION, "A decision (e.g. a rating)"), (Subject.SUGGESTION, "An AI suggestion"),
            (Subject.DATA, "A data item held about them"))
OUTCOMES = ((Outcome.UPHELD, "Upheld: the employee was right"), (Outcome.PARTLY_UPHELD, "Partly upheld"),
            (Outcome.NOT_UPHELD, "Not upheld: what was contested stands"))


def _date_edit(value: dt.date, *, latest: dt.date | None = None, earliest: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_format())
    if latest is not None:
        edit.setMaximumDate(QDate(latest.year, latest.month, latest.day))
    if earliest is not None:
        edit.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
    guard_wheel(edit)
    return edit


def _completer(choices: "Sequence[str]", parent: QWidget) -> QCompleter:
    """Offer ``choices`` as the person types any part of one, in any case."""
    completer = QCompleter(list(choices), parent)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return completer


def _reviewer_edit(text: str, names: "Sequence[str]", placeholder: str) -> QLineEdit:
    """The reviewer, typed: the people the vault knows are offered as you type (the core refuses anyone else)."""
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    edit.setCompleter(_completer(names, edit))
    return edit


def _text_box(placeholder: str, lines: int = 4) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class _CaseDialog(AsksBeforeDiscarding, QDialog):
    """A dialog whose primary button runs one session operation; ``saved`` carries the resulting Contest."""

    saved = Signal(object)

    def __init__(self, context: "SectionContext", title: str, verb: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(title)
        self.setModal(True)
        self.column = QVBoxLayout(self)
        self.column.setSpacing(8)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)
        self.column.addLayout(self.grid)
        self.message = label("", wrap=True)
        self.message.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton(verb)
        self.ok_button.setProperty("role", "primary")
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        name(cancel, "Cancel", "Close without saving")
        self.ok_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)

    def finish_layout(self) -> None:
        self.column.addWidget(self.message)
        self.column.addStretch(1)
        self.column.addWidget(self.buttons)
        # Made default once inside the dialog, so the dialog remembers it: after Tab passes over Cancel, Enter
        # records again (set before, Cancel stayed the default and Enter threw away what was typed).
        self.ok_button.setDefault(True)

    def add_row(self, text: str, field: QWidget, *, accessible: str = "", shown: QWidget | None = None) -> None:
        """A labelled row; ``shown`` is what the row holds when the label's buddy is a part of it."""
        row = self.grid.rowCount()
        tall = isinstance(field, QPlainTextEdit)
        self.grid.addWidget(labelled(text, field, "fact-name", name=accessible), row, 0,
                            (Qt.AlignmentFlag.AlignTop if tall else Qt.AlignmentFlag.AlignVCenter)
                            | Qt.AlignmentFlag.AlignLeft)
        self.grid.addWidget(shown or field, row, 1)

    def add_note(self, widget: QWidget) -> None:
        self.grid.addWidget(widget, self.grid.rowCount(), 1)

    def operation(self) -> Any:
        """The session call to run (in the write lane); raise HrdeskError for input the dialog itself can refuse."""
        raise NotImplementedError

    def submit(self) -> None:
        try:
            work = self.operation()
        except HrdeskError as exc:
            self.refused(exc)
            return
        self.ok_button.setEnabled(False)
        set_message(self.message, "Saving…", "info")
        self._context.runner.run(lambda _progress: work().result, label=self.windowTitle(), parent=self,
                                 show_progress=False, on_success=self._saved, on_failure=self._failed)

    def _saved(self, contest: Contest) -> None:
        self.saved.emit(contest)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, HrdeskError):
            self.refused(exc)
            return
        set_message(self.message, "", "info")
        from hrdesk.ui.errors import show_error

        show_error(self, exc)

    def refused(self, exc: HrdeskError) -> None:
        text = f"{exc.message} {exc.hint}".strip()
        set_message(self.message, text if "Nothing was" in text else text + " Nothing was saved.", "bad")


class NewContestDialog(_CaseDialog):
    """Record a contest received: who, what, why, when; the due date from the rights unless given."""

    def __init__(self, context: "SectionContext", data: "ContestsData", parent: QWidget | None = None) -> None:
        super().__init__(context, "New contest", "&Record the contest", parent)
        self.data = data
        self.employee_picker = QComboBox()
        self.employee_picker.setEditable(True)
        self.employee_picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for person in data.employees:
            self.employee_picker.addItem(f"{person.name} ({person.employee_id})", person.employee_id)
        completer = QCompleter(self.employee_picker.model(), self.employee_picker)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.employee_picker.setCompleter(completer)
        self.employee_picker.setCurrentIndex(-1)
        self.employee_picker.lineEdit().setPlaceholderText("Type a name or employee id")
        self.subject_picker = QComboBox()
        for subject, text in SUBJECTS:
            self.subject_picker.addItem(text, subject.value)
        self.field_picker = QComboBox()
        for field in EDITABLE_FIELDS:
            self.field_picker.addItem(FIELD_LABELS[field], field)
        self.reference = QComboBox()  # the employee's recorded reviews or suggestion decisions
        self.subject = QLineEdit()
        self.subject.setPlaceholderText("e.g. the 2026 performance rating")
        self.reason = _text_box("In the employee's words", lines=3)
        today = data.today
        self.received = _date_edit(today, latest=today)
        self.due = OptionalDateEdit("Set the due date", None if data.response_days else today + dt.timedelta(days=14))
        self.reviewer = _reviewer_edit("", data.reviewers, "An HR user or a manager (optional now)")
        self.reviewer.setToolTip("An HR user or a manager of this vault; optional now, needed before the "
                                 "acknowledgement letter")
        for combo in (self.employee_picker, self.subject_picker, self.field_picker, self.reference):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)
            guard_wheel(combo)
        self.add_row("&Employee", self.employee_picker)
        self.add_row("&About", self.subject_picker, accessible="What is contested")
        self.add_row("Data &item", self.field_picker)
        self.add_row("In re&view", self.reference, accessible="The recorded review or suggestion decision contested")
        self.add_row("&What, in words", self.subject, accessible="What is contested, in words")
        self.add_row("Their &reason", self.reason, accessible="The employee's reason")
        self.add_row("Recei&ved on", self.received, accessible="Received on")
        self.add_row("&Due by", self.due.check, accessible="Set the due date", shown=self.due)
        self.due_note = label("", "muted", wrap=True)
        self.add_note(self.due_note)
        self.add_row("Revie&wer", self.reviewer, accessible="Reviewer")
        self.decided_note = label("", "muted", wrap=True)
        self.add_note(self.decided_note)
        self.finish_layout()
        self.subject_picker.currentIndexChanged.connect(self._kind_changed)
        self._person: str | None = None
        self.employee_picker.currentIndexChanged.connect(self._person_changed)
        # typed (a name or an id): the list's index never changes, the person does (the vault is read only then)
        self.employee_picker.currentTextChanged.connect(self._person_changed)
        self.reference.currentIndexChanged.connect(self._update_decided)
        self.received.dateChanged.connect(self._update_due_note)
        self.due.check.toggled.connect(self._update_due_note)
        self._kind_changed()
        self._update_due_note()
        # wide enough for the longest fixed choice at the system's font size (at 14 pt it was cut off at 560 px)
        metrics = self.fontMetrics()
        fits = metrics.horizontalAdvance("None named: their team's manager decided") + metrics.horizontalAdvance(
            "What, in words") + 140
        self.resize(max(560, fits, self.sizeHint().width()), self.sizeHint().height())

    def kind(self) -> Subject:
        return Subject(self.subject_picker.currentData())

    def employee(self) -> "Employee | None":
        """The person chosen, or typed (a name or id the list holds once; part of one is enough)."""
        typed = self.employee_picker.currentText().strip()
        index = self.employee_picker.findText(typed, Qt.MatchFlag.MatchExactly)
        if index < 0 and typed:
            matches = [i for i in range(self.employee_picker.count())
                       if typed.casefold() in self.employee_picker.itemText(i).casefold()]
            index = matches[0] if len(matches) == 1 else -1
        wanted = self.employee_picker.itemData(index) if index >= 0 else None
        return next((e for e in self.data.employees if e.employee_id == wanted), None)

    def _kind_changed(self) -> None:
        data = self.kind() is Subject.DATA
        self.field_picker.setEnabled(data)
        self.reference.setEnabled(not data)
        self._fill_references()

    def _person_changed(self) -> None:
        person = self.employee()
        wanted = person.employee_id if person is not None else None
        if wanted != self._person:
            self._person = wanted
            self._fill_references()
            self._limit_received()

    def _limit_received(self) -> None:
        """A contest cannot reach HR before the person joined (the core refuses it too, naming the date)."""
        from hrdesk.contests.rules import EARLIEST_RECORD

        person = self.employee()
        earliest = (person.hire_date if person is not None else None) or EARLIEST_RECORD
        self.received.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))

    def _fill_references(self) -> None:
        """The chosen person's recorded reviews (a decision) or suggestion decisions (a suggestion), newest first."""
        self.reference.blockSignals(True)
        self.reference.clear()
        self.reference.addItem("None named: their team's manager decided", "")
        person, kind = self.employee(), self.kind()
        if person is not None and kind is not Subject.DATA:
            for text, ref in self._context.session.read(lambda vault: references(vault, person.employee_id, kind)):
                self.reference.addItem(text, ref)
        self.reference.blockSignals(False)
        self._update_decided()

    def _update_due_note(self) -> None:
        days = self.data.response_days
        if days is None:
            self.due.check.setChecked(True)
            self.due.check.setEnabled(False)
            self.due_note.setText("The employee rights (governance step 3) do not set a response time yet, so give "
                                  "the due date here.")
            return
        received: dt.date = self.received.date().toPython()  # type: ignore[assignment]
        promised = received + dt.timedelta(days=days)
        self.due_note.setText(f"Promised: within {days} days, by {local_date(promised)}"
                              + (" (an earlier date may be set)." if self.due.check.isChecked() else "."))

    def _update_decided(self) -> None:
        from hrdesk.contests.rules import deciding_manager

        person, kind = self.employee(), self.kind()
        if person is None or kind is Subject.DATA:
            self.decided_note.setText("A data item has no deciding manager." if kind is Subject.DATA else "")
            return
        ref = self.reference.currentData() or ""
        manager = self._context.session.read(lambda vault: deciding_manager(vault, person, kind, ref))
        self.decided_note.setText(f"{manager} decided; they cannot review this contest." if manager else "")

    def operation(self) -> Any:
        from hrdesk.errors import InvalidInputError

        person = self.employee()
        if person is None:
            raise InvalidInputError("Choose the employee who raised the contest from the list (type part of their "
                                    "name or employee id).")
        kind = self.kind()
        new = NewContest(employee_id=person.employee_id, subject_kind=kind, subject=self.subject.text(),
                         employee_reason=self.reason.toPlainText(), received_on=self.received.date().toPython(),
                         subject_ref=self.field_picker.currentData() if kind is Subject.DATA else (
                             self.reference.currentData() or ""),
                         due_on=self.due.value(), reviewer=self.reviewer.text())
        session = self._context.session
        return lambda: session.add_contest(new)


def references(vault: Any, hris_id: str, kind: Subject) -> list[tuple[str, str]]:
    """(words, id) of what a contest may name: the person's reviews, or their decisions on suggestions."""
    from hrdesk.reviews import query

    if kind is Subject.DECISION:
        return [(f"{r.cycle} review by {r.manager} ({local_date(r.saved_on)})", r.id)
                for r in reversed(query.reviews(vault, employee_id=hris_id))]
    return [(f"{d.kind}: {d.verdict.label.lower()} by {d.manager} ({local_date(d.decided_on)})", d.id)
            for d in reversed(query.decisions(vault)) if d.employee_id == hris_id]


class AssignDialog(_CaseDialog):
    """Name the reviewer of one case (never the manager who decided; the core refuses it)."""

    def __init__(self, context: "SectionContext", contest: Contest, parent: QWidget | None = None, *,
                 reviewers: "tuple[str, ...]" = ()) -> None:
        super().__init__(context, f"Assign the reviewer of {contest.id}", "&Assign", parent)
        self.contest = contest
        self.column.insertWidget(0, label(f"{contest.id}: {contest.subject}", "card-title", wrap=True))
        self.reviewer = _reviewer_edit(contest.reviewer, reviewers,
                                       "An HR user or a manager not involved in the decision")
        self.add_row("&Reviewer", self.reviewer)
        note = (f"{contest.decided_by} decided what is contested, so they cannot review it."
                if contest.decided_by else "A data item: nobody decided it, so anyone independent may review.")
        self.add_note(label(note, "muted", wrap=True))
        self.finish_layout()
        self.resize(max(480, self.sizeHint().width()), self.sizeHint().height())

    def operation(self) -> Any:
        session, case, reviewer = self._context.session, self.contest.id, self.reviewer.text()
        return lambda: session.assign_contest_reviewer(case, reviewer)


class ResolveDialog(_CaseDialog):
    """The outcome and its reasons; for an upheld data contest, the corrected value (checked by the edit rules)."""

    def __init__(self, context: "SectionContext", contest: Contest, parent: QWidget | None = None) -> None:
        super().__init__(context, f"Resolve {contest.id}", "&Record the outcome", parent)
        self.contest = contest
        self.column.insertWidget(0, label(f"{contest.id}: {contest.subject}", "card-title", wrap=True))
        self.column.insertWidget(1, label(f"Their reason: {contest.employee_reason}", "muted", wrap=True))
        self.outcome_picker = QComboBox()
        for outcome, text in OUTCOMES:
            self.outcome_picker.addItem(text, outcome.value)
        guard_wheel(self.outcome_picker)
        self.reasons = _text_box("Why: this is told to the employee in the outcome letter")
        today = dt.date.today()
        self.decided = _date_edit(today, latest=today, earliest=contest.received_on)
        self.add_row("&Outcome", self.outcome_picker)
        self.add_row("Rea&sons", self.reasons, accessible="Reasons for the outcome")
        self.add_row("&Decided on", self.decided)
        self.correction: dict[str, QLineEdit | OptionalDateEdit] = {}
        if contest.subject_kind is Subject.DATA:
            self._correction_rows(contest)
        self.finish_layout()
        self.outcome_picker.currentIndexChanged.connect(self._outcome_changed)
        self._outcome_changed()
        self.resize(max(560, self.sizeHint().width()), self.sizeHint().height())

    def _correction_rows(self, contest: Contest) -> None:
        employee = self._context.session.records().employees.require(contest.employee_id)
        # a status and a termination date must agree (the edit rules): offer both when either is contested
        fields = [contest.subject_ref]
        if contest.subject_ref in ("employment_status", "termination_date"):
            fields = ["employment_status", "termination_date"]
        self.add_note(label("Correct the record (through the same rules as an edit of the employee record; "
                            "the audit log records it):", "", wrap=True))
        for field in fields:
            current = getattr(employee, field)
            if field == "termination_date":
                editor: QLineEdit | OptionalDateEdit = OptionalDateEdit("Left on", current)
                self.add_row(FIELD_LABELS[field], editor.check, accessible="Left on (termination date)", shown=editor)
            else:
                editor = QLineEdit(current or "")
                self.add_row(FIELD_LABELS[field], editor, accessible=f"Corrected {FIELD_LABELS[field].lower()}")
                if field in ("department", "position"):  # the vault's (the core refuses another department)
                    editor.setCompleter(_completer(self._context.session.read(
                        lambda vault, name=field: vault_values(Records(vault).employees.list(), name)), editor))
            self.correction[field] = editor
            on_record = current.isoformat() if isinstance(current, dt.date) else current
            self.add_note(label(f"On record now: {on_record or '(empty)'}", "muted", wrap=True))
        self.correction_note = label("", "muted", wrap=True)
        self.add_note(self.correction_note)

    def outcome(self) -> Outcome:
        return Outcome(self.outcome_picker.currentData())

    def _outcome_changed(self) -> None:
        corrects = self.outcome() is not Outcome.NOT_UPHELD
        for editor in self.correction.values():
            editor.setEnabled(corrects)
            if isinstance(editor, OptionalDateEdit):
                editor.check.setEnabled(corrects)
        if self.correction:
            self.correction_note.setText("" if corrects else "Not upheld: the record stays as it is.")

    def corrections(self) -> dict[str, str]:
        if self.outcome() is Outcome.NOT_UPHELD:
            return {}
        employee = self._context.session.records().employees.require(self.contest.employee_id)
        out = {}
        for field, editor in self.correction.items():
            value = editor.text().strip()
            current = getattr(employee, field)
            before = current.isoformat() if isinstance(current, dt.date) else (current or "")
            if value != before:
                out[field] = value
        return out

    def operation(self) -> Any:
        resolution = Resolution(self.outcome(), self.reasons.toPlainText(), self.decided.date().toPython(),
                                correction=self.corrections())
        session, case = self._context.session, self.contest.id
        return lambda: session.resolve_contest(case, resolution)
