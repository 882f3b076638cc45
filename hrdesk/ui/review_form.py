"""The review page's inputs: a decision per suggestion, the plan editor, and the manager's own review.

Widgets only collect; ``draft()`` hands the values to the core as a
``ReviewDraft`` and the core's rules decide (``reviews.record``). Nothing
here is pre-filled by a model: the rating starts empty unless the manager
saved one themselves.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QHBoxLayout, QLineEdit, QPushButton, QRadioButton,
                               QVBoxLayout, QWidget)

from hrdesk.reviews.draft import DecisionDraft
from hrdesk.reviews.model import PlanItem, ReviewRecord, Verdict
from hrdesk.reviews.suggestions import ShownSuggestion
from hrdesk.ui.language_check import CheckedText
from hrdesk.ui.widgets import Card, guard_wheel, label, labelled, name

# No Alt+letter shortcuts: the same three choices repeat for every suggestion (Tab and the arrow keys reach them).
VERDICT_WORDS = {Verdict.ACCEPT: "Accept as a conversation topic", Verdict.SET_ASIDE: "Set aside",
                 Verdict.DISAGREE: "Disagree"}
SOURCE_CHOICES = (("suggestion", "Suggested"), ("employee", "Employee's choice"), ("manager", "Manager's idea"))


class DecisionBox(Card):
    """One suggestion, its explanation, and the manager's verdict with a reason and the context."""

    def __init__(self, item: ShownSuggestion, saved: DecisionDraft | None = None) -> None:
        super().__init__()
        from hrdesk.suggest.card_text import explanation_text

        self.item = item
        self.setProperty("role", "card")
        title = item.text
        self.body.addWidget(label(title, "fact-name", wrap=True))
        why = explanation_text(item.explanation) if item.explanation else f"Because {item.suggestion.because}."
        self.body.addWidget(label(why, "muted", wrap=True, selectable=True))
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.buttons: dict[Verdict, QRadioButton] = {}
        for verdict, words in VERDICT_WORDS.items():
            button = QRadioButton(words)
            name(button, f"{words}: {item.text}")
            self.group.addButton(button)
            self.buttons[verdict] = button
            row.addWidget(button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why (required)")
        self.body.addWidget(labelled("Reason", self.reason, name=f"Reason for the decision on: {item.text}"))
        self.body.addWidget(self.reason)
        self.context = QLineEdit()
        self.context.setPlaceholderText("What you know that the data cannot show (optional)")
        self.body.addWidget(labelled("Context the data cannot see", self.context,
                                     name=f"Context the data cannot see, for: {item.text}"))
        self.body.addWidget(self.context)
        if saved is not None:
            self.buttons[saved.verdict].setChecked(True)
            self.reason.setText(saved.reason)
            self.context.setText(saved.context)

    def value(self) -> DecisionDraft | None:
        """The decision, or None until a verdict is chosen (the core then names what is missing)."""
        chosen = next((v for v, b in self.buttons.items() if b.isChecked()), None)
        if chosen is None:
            return None
        return DecisionDraft(chosen, self.reason.text().strip(), self.context.text().strip())


class PlanRow(QWidget):
    removed = Signal(object)

    def __init__(self, number: int, item: PlanItem | None = None) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = CheckedText(f"Plan item {number}", lines=2, placeholder="What will happen, by when")
        self.source = QComboBox()
        for key, words in SOURCE_CHOICES:
            self.source.addItem(words, key)
        name(self.source, f"Whose idea plan item {number} is", "Suggested, the employee's own choice, or yours")
        guard_wheel(self.source)
        self.remove = QPushButton("Remove")
        name(self.remove, f"Remove plan item {number}")
        self.remove.clicked.connect(lambda: self.removed.emit(self))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.source, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignTop)
        if item is not None:
            self.text.setText(item.text)
            self.source.setCurrentIndex(max(0, self.source.findData(item.source)))
        else:
            self.source.setCurrentIndex(self.source.findData("employee"))

    def value(self) -> PlanItem | None:
        text = self.text.text().strip()
        return PlanItem(text, str(self.source.currentData())) if text else None


class PlanEditor(QWidget):
    """The agreed development plan: items, each marked suggested / the employee's choice / the manager's."""

    def __init__(self, items: tuple[PlanItem, ...] = ()) -> None:
        super().__init__()
        self.rows: list[PlanRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QVBoxLayout()
        layout.addLayout(self.list)
        self.add_button: QPushButton | None = None
        for item in items:
            self.add(item)
        if not items:
            self.add()
        # Made after the first items, so Tab reaches it after them, as the page shows it (the focus chain
        # follows creation order; setTabOrder cannot reorder a chain that is not yet inside the page).
        self.add_button = QPushButton("Add a plan &item")
        self.add_button.clicked.connect(lambda: self.add())
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(label("The plan may name a path no suggestion named: mark it as the employee's choice.",
                               "muted", wrap=True))

    def add(self, item: PlanItem | None = None) -> PlanRow:
        row = PlanRow(len(self.rows) + 1, item)
        row.removed.connect(self._remove)
        self.list.addWidget(row)
        if self.add_button is not None:  # an item added on the page: Tab reaches it before "Add a plan item"
            QWidget.setTabOrder(self.rows[-1].remove if self.rows else self.add_button, row.text.edit)
            QWidget.setTabOrder(row.text.edit, row.source)
            QWidget.setTabOrder(row.source, row.remove)
            QWidget.setTabOrder(row.remove, self.add_button)
        self.rows.append(row)
        return row

    def _remove(self, row: PlanRow) -> None:
        self.rows.remove(row)
        row.deleteLater()

    def items(self) -> tuple[PlanItem, ...]:
        return tuple(v for v in (r.value() for r in self.rows) if v is not None)



def saved_decisions(review: ReviewRecord | None) -> dict[str, DecisionDraft]:
    if review is None:
        return {}
    return {d.key: DecisionDraft(d.verdict, d.reason, d.context) for d in review.decisions}
