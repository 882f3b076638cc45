"""Step 1's answers to the audit's findings: a list of the findings and one editor, however many there are.

A generic form gave every finding its own framed group of fields. An audit of
100,000 people raises some five hundred findings that need an answer, and
building a thousand fields froze the window for 2.8 s (and made a page nobody
could find their way in). Here the findings are a table (severity, finding,
whether it is answered yet, by the core's own rule:
``step_audit.answer_problem``), filterable to the ones still to answer, and
the selected finding is answered in one editor below it. ``Step1Form`` has the
answers form's interface (``value``, ``control``), so the step page signs and
points at a wrong field the same way for every step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hrdesk.governance.step_audit import RESPONSE, FindingNeed, answer_problem
from hrdesk.ui.governance_form import AnswersForm
from hrdesk.ui.table_model import ListTableModel
from hrdesk.ui.widgets import data_table, guard_wheel, label, labelled

RESPONSE_KINDS = ("mitigation", "justification")


class FindingsModel(ListTableModel):
    """The findings that need an answer, with whether the answer given so far would be accepted."""

    COLUMNS = ("Severity", "Finding", "Answer")

    def __init__(self, responses: dict[str, dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.responses = responses  # shared with the editor: the answers as they are typed

    def problem(self, need: FindingNeed) -> str:
        found = answer_problem(need, self.responses.get(need.id))
        return "" if found is None else found.message

    def cells(self, need: FindingNeed) -> tuple[str, ...]:
        return (need.severity.capitalize(), need.title, "to answer" if self.problem(need) else "answered")

    def tooltip(self, need: FindingNeed, column: int) -> object:
        if column == 2:
            return self.problem(need) or "This answer will be accepted when you sign."
        if column == 0:
            return "Needs a written response" if need.needs == RESPONSE else "Needs an acknowledgement"
        return need.summary

    def answered(self) -> int:
        return sum(1 for need in self._items if not self.problem(need))

    def changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 2), self.index(row, 2))


class _ToAnswer(QSortFilterProxyModel):
    """All findings, or only those whose answer would not yet be accepted."""

    def __init__(self, findings: FindingsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.only_open = False
        self.findings = findings  # kept here: asking Qt for ``sourceModel()`` on every row is both slow and fragile
        # A finding being answered stays listed until the list is filtered again: re-filtering on every keystroke
        # would take it away mid-sentence and put another finding in the editor.
        self.setDynamicSortFilter(False)
        self.setSourceModel(findings)

    def set_only_open(self, only_open: bool) -> None:
        self.beginFilterChange()
        self.only_open = only_open
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802 - Qt's name
        return not self.only_open or bool(self.findings.problem(self.findings.item(row)))


class FindingEditor(QWidget):
    """The answer to one finding: a response (mitigation or justification, with evidence) or an acknowledgement."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.need: FindingNeed | None = None
        self.entry: dict[str, Any] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.title = label("", "card-title", wrap=True)
        self.summary = label("", "muted", wrap=True, selectable=True)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)

        respond = QWidget()
        form = QFormLayout(respond)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind = QComboBox()
        self.kind.addItems(list(RESPONSE_KINDS))
        self.kind.setAccessibleName("Response: mitigation or justification")
        guard_wheel(self.kind)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("What you do about it, or why it is justified")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(70)
        self.evidence = QLineEdit()
        self.evidence.setAccessibleName("Evidence (needed for a justification)")
        self.evidence.setPlaceholderText("A document, a decision, a validated test: where it can be checked")
        form.addRow(labelled("Res&ponse", self.kind), self.kind)
        form.addRow(labelled("&Text", self.text), self.text)
        form.addRow(labelled("E&vidence", self.evidence), self.evidence)
        self.pages.addWidget(respond)

        acknowledge = QWidget()
        column = QFormLayout(acknowledge)
        column.setContentsMargins(0, 0, 0, 0)
        self.acknowledged = QCheckBox("&Acknowledged: I have read this finding")
        self.acknowledged.setAccessibleName("Acknowledged")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note (optional)")
        column.addRow(self.acknowledged)
        column.addRow(labelled("&Note", self.note), self.note)
        self.pages.addWidget(acknowledge)

        self.kind.currentTextChanged.connect(lambda value: self._set("response", value))
        self.text.textChanged.connect(lambda: self._set("text", self.text.toPlainText()))
        self.evidence.textChanged.connect(lambda value: self._set("evidence", value))
        self.acknowledged.toggled.connect(lambda value: self._set("acknowledged", value))
        self.note.textChanged.connect(lambda value: self._set("note", value))
        self.setEnabled(False)

    def show_need(self, need: FindingNeed | None, entry: dict[str, Any]) -> None:
        """Edit ``entry`` (the answers' own dict for ``need``, changed in place as the user types)."""
        self.need, self.entry = None, entry  # no edits recorded while the fields are filled in
        self.setEnabled(need is not None)
        if need is None:
            self.title.setText("Pick a finding above to answer it.")
            self.summary.setText("")
            return
        self.title.setText(f"{need.severity.capitalize()}: {need.title}")
        self.summary.setText(need.summary + (" Needs a written response." if need.needs == RESPONSE
                                             else " Needs an acknowledgement."))
        if need.needs == RESPONSE:
            self.pages.setCurrentIndex(0)
            kind = entry.get("response")
            self.kind.setCurrentText(kind if kind in RESPONSE_KINDS else RESPONSE_KINDS[0])
            self.text.setPlainText(str(entry.get("text") or ""))
            self.evidence.setText(str(entry.get("evidence") or ""))
        else:
            self.pages.setCurrentIndex(1)
            self.acknowledged.setChecked(entry.get("acknowledged") is True)
            self.note.setText(str(entry.get("note") or ""))
        self.need = need

    def field(self, name: str) -> QWidget:
        """The control of one answer field (``text``, ``evidence``, ``acknowledged`` ...), for an error to point at."""
        return {"response": self.kind, "text": self.text, "evidence": self.evidence, "acknowledged": self.acknowledged,
                "note": self.note}.get(name) or (self.text if self.pages.currentIndex() == 0 else self.acknowledged)

    def _set(self, key: str, value: Any) -> None:
        if self.need is None:
            return
        if self.need.needs == RESPONSE and "response" not in self.entry:
            self.entry["response"] = self.kind.currentText()
        self.entry[key] = value
        self.edited.emit()


class FindingResponses(QWidget):
    """Every finding that needs an answer, in a table, and the editor of the one selected."""

    def __init__(self, findings: list[Mapping[str, Any]], responses: Mapping[str, Any], *, has_run: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.has_run = has_run
        self.needs = [FindingNeed(**{k: f[k] for k in FindingNeed.__dataclass_fields__}) for f in findings]
        # one dict per finding, edited in place; answers to findings this run does not raise are kept as given
        self.responses: dict[str, Any] = {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in responses.items()}
        for need in self.needs:
            if not isinstance(self.responses.get(need.id), dict):
                self.responses[need.id] = ({"response": RESPONSE_KINDS[0], "text": "", "evidence": ""}
                                           if need.needs == RESPONSE else {"acknowledged": False, "note": ""})
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.count = label("", wrap=True)
        self.count.setAccessibleName("How many findings are answered")
        self.only_open = QCheckBox("&Show only the findings still to answer")
        self.only_open.setAccessibleName("Show only the findings still to answer")
        layout.addWidget(self.count)
        layout.addWidget(self.only_open)
        self.model = FindingsModel(self.responses, self)
        self.model.set_items(self.needs)
        self.proxy = _ToAnswer(self.model, self)
        self.table = data_table(min_height=180, name="Findings that need an answer")
        self.table.setModel(self.proxy)
        self._fit_columns()
        layout.addWidget(self.table)
        self.editor = FindingEditor(self)
        layout.addWidget(self.editor)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show(current))
        self.editor.edited.connect(self._edited)
        self.only_open.toggled.connect(self._filter)
        self._count()
        if self.needs:
            self.select(self.needs[0].id)
        else:  # nothing to answer: no list, no editor, just the sentence saying why
            for widget in (self.table, self.only_open, self.editor):
                widget.setVisible(False)

    def value(self) -> dict[str, Any]:
        return {k: (dict(v) if isinstance(v, dict) else v) for k, v in self.responses.items()}

    def _fit_columns(self) -> None:
        """The finding takes the room there is; the other columns are as wide as their few possible words (measured
        from the words, not the rows: sizing to 500 rows' contents froze the window for two thirds of a second)."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        metrics = self.table.fontMetrics()
        words = {0: ("Severity", "Watch", "Flag"), 2: ("Answer", "to answer", "answered")}
        for column, texts in words.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, max(metrics.horizontalAdvance(t) for t in texts) + 28)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FontChange:  # a larger system font widens the fixed columns with it
            self._fit_columns()
        super().changeEvent(event)

    def select(self, finding_id: str) -> bool:
        """Show the finding with this id in the editor (shown in the table even when filtered out)."""
        row = next((i for i, need in enumerate(self.needs) if need.id == finding_id), -1)
        if row < 0:
            return False
        if not self._listed(row).isValid():  # filtered out: show every finding again
            self.only_open.setChecked(False)
        self._make_current(self._listed(row))
        return True

    def _listed(self, row: int) -> QModelIndex:
        """Where finding ``row`` is in the table as filtered (invalid: not listed)."""
        return self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()

    def _make_current(self, index: QModelIndex) -> None:
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _show(self, current: QModelIndex) -> None:
        if not current.isValid():
            self.editor.show_need(None, {})
            return
        need = self.model.item(self.proxy.mapToSource(current).row())
        self.editor.show_need(need, self.responses[need.id])

    def _edited(self) -> None:
        need = self.editor.need
        if need is not None:
            self.model.changed(self.needs.index(need))
        self._count()

    def _filter(self, only_open: bool) -> None:
        """Show all findings or only those still to answer; the finding in the editor stays chosen while it is
        listed, else the first one listed is (none: the editor says so)."""
        chosen = self.editor.need
        self.proxy.set_only_open(only_open)
        index = self._listed(-1 if chosen is None else self.needs.index(chosen))
        if not index.isValid() and self.proxy.rowCount():
            index = self.proxy.index(0, 0)
        if index.isValid():
            self._make_current(index)
        else:
            self.table.selectionModel().clearCurrentIndex()
            self.editor.show_need(None, {})

    def _count(self) -> None:
        done, total = self.model.answered(), len(self.needs)
        flags = sum(1 for need in self.needs if need.needs == RESPONSE)
        if not self.has_run:
            self.count.setText("There is no saved audit run yet: run the audit in Audits, then answer its findings "
                               "here.")
        elif not total:
            self.count.setText("This audit run raised no finding that needs an answer.")
        else:
            self.count.setText(f"{done} of {total} findings answered ({flags} need a written response, "
                               f"{total - flags} an acknowledgement).")


class Step1Form(QWidget):
    """Step 1's answers: the audit run cited (a field) and the findings' answers (``FindingResponses``)."""

    def __init__(self, answers: Mapping[str, Any], findings: list[Mapping[str, Any]], *, has_run: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        rest = {k: v for k, v in answers.items() if k != "responses"}
        self.fields = AnswersForm(rest)
        layout.addWidget(self.fields)
        self.findings = FindingResponses(findings, answers.get("responses") or {}, has_run=has_run)
        layout.addWidget(self.findings)

    @property
    def controls(self) -> dict[str, QWidget]:
        return self.fields.controls

    def value(self) -> dict[str, Any]:
        return {**self.fields.value(), "responses": self.findings.value()}

    def control(self, path: str) -> QWidget | None:
        """The control an answers path names: a finding's field is shown in the editor first."""
        if path.startswith("responses."):
            rest = path.removeprefix("responses.")
            ids = sorted((n.id for n in self.findings.needs if rest == n.id or rest.startswith(n.id + ".")),
                         key=len, reverse=True)  # a finding id may itself hold dots
            if ids and self.findings.select(ids[0]):
                return self.findings.editor.field(rest[len(ids[0]) + 1:])
            return self.findings.table
        return self.fields.control(path)

