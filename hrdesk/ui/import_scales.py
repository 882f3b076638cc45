"""The import dialog's account of what it understood, with each ordinal scale editable.

A 1-4 rating where only 3 and 4 occur looks like the top of a 1-5 scale, and
which one it is changes every "high rating" rate the audit reports. So the
columns page shows each scale hrdesk chose, lowest first, with the evidence
that chose it, in a field the person can correct; the other readings (leaving
flags, ages, missing names) are listed beside it. The choice itself lives in
the core ``Mapping``; this panel only shows it and passes edits back.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QScrollArea, QWidget

from hrdesk.importing import ImportPlan
from hrdesk.importing.scales import describe
from hrdesk.records.fields import fields_for
from hrdesk.ui.widgets import Card, label

SEPARATOR = "<"


def parse_labels(text: str) -> list[str]:
    """'1 < 2 < 3 < 4' or '1, 2, 3, 4' (lowest first) as a list of labels."""
    parts = text.split(SEPARATOR) if SEPARATOR in text else text.split(",")
    return [p.strip() for p in parts if p.strip()]


def scale_fields(plan: ImportPlan) -> dict[str, str]:
    """Scale name -> the label of the field whose column uses it, for the scales this import reads."""
    known = fields_for(plan.kind)
    return {known[f].scale: known[f].label for f in plan.mapping.mapped() if known[f].scale and known[f].scale in plan.mapping.scales}


class ScalesPanel(Card):
    """'What hrdesk understood' and one editor per scale; ``scale_edited(name, labels)`` on a change."""

    scale_edited = Signal(str, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.setObjectName("ImportUnderstood")
        self.setAccessibleName("What hrdesk understood")
        self.body.setContentsMargins(16, 10, 16, 12)
        self.body.setSpacing(6)
        self.title = label("What hrdesk understood", "card-title")
        self.body.addWidget(self.title)
        self.grid = QGridLayout()  # the scales first: they change what the audit reports
        self.grid.setHorizontalSpacing(10)
        self.body.addLayout(self.grid)
        self.notes = label("", wrap=True, selectable=True)
        self.notes.setAccessibleName("What hrdesk understood about the file")
        self.body.addWidget(self.notes)
        self.editors: dict[str, QLineEdit] = {}
        self._shown: dict[str, list[str]] = {}
        self._scroller: QScrollArea | None = None

    def scroller(self) -> QScrollArea:
        """The panel in a frameless scroll area, so a small window scrolls it instead of squashing it."""
        if self._scroller is None:
            self._scroller = QScrollArea()
            self._scroller.setFrameShape(QFrame.Shape.NoFrame)
            self._scroller.setWidgetResizable(True)
            self._scroller.setMinimumHeight(110)
            self._scroller.setAccessibleName("What hrdesk understood, scrollable")
            self._scroller.setWidget(self)
        return self._scroller

    def set_plan(self, plan: ImportPlan) -> None:
        """Show ``plan``'s readings and its scales (rebuilding the editors only when the scales changed)."""
        others = [n for n in plan.understood if " scale, lowest first: " not in n]
        self.notes.setText("<br>".join(f"• {html.escape(n)}" for n in others))
        self.notes.setVisible(bool(others))
        fields = scale_fields(plan)
        wanted = {name: list(plan.mapping.scales[name]) for name in fields}
        if wanted != self._shown or set(self.editors) != set(wanted):
            self._rebuild(plan, fields)
        self.setVisible(bool(others or wanted))
        if self._scroller is not None:
            self._scroller.setVisible(bool(others or wanted))

    def _rebuild(self, plan: ImportPlan, fields: dict[str, str]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.editors.clear()
        for row, (name, field_label) in enumerate(sorted(fields.items())):
            labels = list(plan.mapping.scales[name])
            title = QLabel(f"{field_label} scale, lowest first:")
            editor = QLineEdit(f" {SEPARATOR} ".join(labels))
            editor.setAccessibleName(f"{field_label} scale, lowest first")
            editor.setToolTip("Type the scale's labels lowest first, separated by < or commas, e.g. 1 < 2 < 3 < 4.")
            editor.editingFinished.connect(lambda n=name, e=editor: self._edited(n, e))
            evidence = label(f"{describe(labels)}: {plan.mapping.scale_evidence.get(name, 'declared in the mapping')}.",
                             "muted", wrap=True)
            evidence.setAccessibleName(f"Why the {field_label.lower()} scale was chosen")
            self.grid.addWidget(title, 2 * row, 0)
            self.grid.addWidget(editor, 2 * row, 1)
            self.grid.addWidget(evidence, 2 * row + 1, 0, 1, 2)
            self.editors[name] = editor
        self.grid.setColumnStretch(1, 1)
        self._shown = {name: list(plan.mapping.scales[name]) for name in fields}

    def _edited(self, name: str, editor: QLineEdit) -> None:
        labels = parse_labels(editor.text())
        if labels != self._shown.get(name):
            self.scale_edited.emit(name, labels)


__all__ = ["ScalesPanel", "parse_labels", "scale_fields"]
