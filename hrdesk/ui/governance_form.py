"""A form built from a governance step's answers (the same JSON the CLI takes), and read back into it.

Each value gets the control that fits it: a text field, a multi-line box for
prose, a choice list where the answers format names the choices, a check box,
a number box; objects become labelled groups and lists of objects one group
per item. Every control's object name is its answers path
(``contest.response_days``, ``decisions[4].mode``), the same path an
``InvalidAnswersError`` names, so the form can put the cursor on the field
that is wrong. Every control has an accessible name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hrdesk.ui.widgets import guard_wheel, label

#: answers keys whose value is one of a fixed set
CHOICES: dict[str, tuple[str, ...]] = {
    "mode": ("AI may inform", "human only"),
    "default": ("opt-out", "opt-in"),
    "scope": ("all", "pilot"),
    "response": ("mitigation", "justification"),
}
#: keys shown as comma-separated lists of names
LISTS = frozenset({"regulations", "pilot_teams", "data_purposes"})
#: readable labels for keys whose name is not enough
LABELS = {
    "what_they_see": "What employees can see", "how_to_correct": "How they correct it",
    "response_days": "Response time (days)", "reviewer": "Who reviews a contest",
    "default": "AI processing", "justification": "Why", "impact_ratio_floor": "Impact-ratio floor",
    "contest_rate_ceiling": "Contest-rate ceiling", "min_group_size": "Minimum group size",
    "in_use": "In use", "data_leaves_organisation": "Data leaves the organisation",
    "vendor_may_train": "Vendor may train on our data", "benefit_evidence": "Evidence of benefit",
    "independently_validated": "Independently validated", "how_communicated": "How employees were told",
    "questions_to": "Questions go to", "audit_run": "Audit run cited", "managers": "Managers (names, or \"all in scope\")",
    "when": "When (YYYY-MM-DD)", "what": "What the training covered", "pilot_teams": "Pilot teams (managers' names)",
}

Getter = Callable[[], Any]


def humanise(key: str) -> str:
    return LABELS.get(key) or key.replace("_", " ").capitalize()


class AnswersForm(QWidget):
    """The answers as a form; ``value()`` gives them back in the answers format."""

    def __init__(self, answers: Mapping[str, Any], *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controls: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._getter = self._build(dict(answers), "", layout)

    def value(self) -> dict[str, Any]:
        return self._getter()

    def control(self, path: str) -> QWidget | None:
        """The control for an answers path, or the closest one above it (an error's field)."""
        while path:
            if path in self.controls:
                return self.controls[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None

    # --- building -------------------------------------------------------------------------

    def _build(self, value: Any, path: str, into: QVBoxLayout | QFormLayout, key: str = "") -> Getter:
        if isinstance(value, Mapping):
            return self._group(value, path, into, key)
        if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            getters = [self._group(item, f"{path}[{i}]", into, f"{humanise(key)} {i + 1}")
                       for i, item in enumerate(value)]
            return lambda: [g() for g in getters]
        return self._field(value, path, into, key)

    def _group(self, value: Mapping[str, Any], path: str, into: QVBoxLayout | QFormLayout, key: str) -> Getter:
        if not path:
            holder: QWidget = QWidget()
            form = QFormLayout(holder)
            form.setContentsMargins(0, 0, 0, 0)
        else:  # a framed group whose title wraps (a group box title cannot wrap)
            title = humanise(key)
            holder = QFrame()
            holder.setFrameShape(QFrame.Shape.StyledPanel)
            holder.setAccessibleName(title)
            holder.setObjectName(path)
            column = QVBoxLayout(holder)
            column.addWidget(label(title, "card-title", wrap=True))
            form = QFormLayout()
            column.addLayout(form)
            self.controls[path] = holder
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        getters: dict[str, Getter] = {}
        for name, item in value.items():
            child = f"{path}.{name}" if path else name
            if isinstance(item, Mapping) or (isinstance(item, list) and item and isinstance(item[0], Mapping)):
                box = QVBoxLayout()
                getters[name] = self._build(item, child, box, name)
                form.addRow(box)
            else:
                getters[name] = self._field(item, child, form, name, owner=holder.accessibleName())
        if isinstance(into, QFormLayout):
            into.addRow(holder)
        else:
            into.addWidget(holder)
        return lambda: {name: get() for name, get in getters.items()}

    def _field(self, value: Any, path: str, into: QVBoxLayout | QFormLayout, key: str, owner: str = "") -> Getter:
        text = humanise(key)
        widget: QWidget
        getter: Getter
        if isinstance(value, bool):
            widget = QCheckBox(text)
            widget.setChecked(value)
            getter = widget.isChecked
        elif isinstance(value, int):
            widget = QSpinBox()
            widget.setRange(0, 100_000)
            widget.setValue(value)
            getter = widget.value
        elif isinstance(value, float):
            widget = QDoubleSpinBox()
            widget.setRange(0.0, 1.0)
            widget.setDecimals(2)
            widget.setSingleStep(0.05)
            widget.setValue(value)
            getter = widget.value
        elif key in CHOICES and (value in CHOICES[key] or value == ""):
            widget = QComboBox()
            widget.addItems(list(CHOICES[key]))
            if value:
                widget.setCurrentText(value)
            getter = widget.currentText
        elif key in LISTS or isinstance(value, list):
            widget = QLineEdit(", ".join(str(v) for v in value) if isinstance(value, list) else str(value))
            widget.setPlaceholderText("names separated by commas")
            getter = lambda w=widget: [p.strip() for p in w.text().split(",") if p.strip()]  # noqa: E731
        elif isinstance(value, str) and (len(value) > 70 or key in ("text", "note", "justification", "evidence")):
            widget = QPlainTextEdit(value)
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(max(64, widget.fontMetrics().lineSpacing() * 4))
            getter = lambda w=widget: w.toPlainText()  # noqa: E731
        else:
            widget = QLineEdit("" if value is None else str(value))
            getter = widget.text
        widget.setObjectName(path)
        widget.setAccessibleName(f"{owner}: {text}" if owner else text)
        widget.setAccessibleDescription(path)
        guard_wheel(widget)
        self.controls[path] = widget
        if isinstance(into, QFormLayout):
            if isinstance(widget, QCheckBox):
                into.addRow("", widget)
            else:
                into.addRow(text, widget)
        else:
            into.addWidget(widget)
        return getter
