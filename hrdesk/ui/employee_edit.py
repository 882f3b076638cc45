"""The profile's edit form: the editable fields with inline messages; the rules are in ``records.edit_rules``."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from hrdesk.records import Employee
from hrdesk.records.edit_rules import EditValues, check_edit
from hrdesk.ui.widgets import OptionalDateEdit, label, labelled, set_message, set_style_property


class EditForm(QWidget):
    """The profile's editable fields, each with its inline message; emits ``save_requested``."""

    save_requested = Signal(dict)
    cancelled = Signal()

    def __init__(self, employee: Employee, *, departments: list[str], statuses: list[str],
                 positions: list[str] | None = None, parent: QWidget | None = None) -> None:
        """``departments`` and ``positions``: the vault's own (``records.edit_rules.vault_values``), which the edit is
        checked against: a department must be one of them, a new position is saved after one warning."""
        super().__init__(parent)
        self.employee = employee
        self.known_departments, self.known_positions = list(departments), positions
        self._warned: dict[str, str] = {}  # field -> the value whose warning was shown (a second Save keeps it)
        self.department = _combo(departments, employee.department or "")
        self.position = QLineEdit(employee.position or "")
        self.status = _combo(statuses, employee.employment_status or "")
        # a date picker in the user's format: no date can be mistyped (unticked while employed)
        self.termination = OptionalDateEdit("Left on", employee.termination_date)
        self.messages: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        rows = (("Department", "department", self.department), ("Position", "position", self.position),
                ("Status", "employment_status", self.status), ("Termination date", "termination_date", self.termination))
        for row, (title, name, widget) in enumerate(rows):
            grid.addWidget(labelled(title, widget if name != "termination_date" else widget.check, "fact-name"),
                           row * 2, 0, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(widget, row * 2, 1)
            message = label("", wrap=True)
            message.setProperty("inline", "error")
            message.hide()
            grid.addWidget(message, row * 2 + 1, 1)
            self.messages[name] = message
        note = label(f"Manager: {employee.manager_name or '—'}. Manager changes arrive with the next HRIS import, "
                     "so teams stay in step with your HR system.", "muted", wrap=True)
        grid.addWidget(note, len(rows) * 2, 0, 1, 2)
        self.summary = label("", wrap=True)
        self.summary.hide()
        grid.addWidget(self.summary, len(rows) * 2 + 1, 0, 1, 2)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancelled)
        self.save_button = QPushButton("Save changes")
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.submit)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        grid.addLayout(buttons, len(rows) * 2 + 2, 0, 1, 2)

    def values(self) -> EditValues:
        return EditValues(self.department.currentText(), self.position.text(), self.status.currentText(), self.termination.text())

    def submit(self) -> None:
        check = check_edit(self.employee, self.values(), departments=self.known_departments,
                           positions=self.known_positions)
        widgets = {"department": self.department, "position": self.position,
                   "employment_status": self.status, "termination_date": self.termination}
        unseen = {name: text for name, text in check.warnings.items() if self._warned.get(name) != check.changes.get(name)}
        for name, message in self.messages.items():
            text = check.errors.get(name, "")
            message.setText(text or check.warnings.get(name, ""))
            set_style_property(message, "inline", "error" if text else "warn")
            message.setVisible(bool(message.text()))
            target = widgets[name].lineEdit() if isinstance(widgets[name], QComboBox) else widgets[name]
            set_style_property(target, "invalid", "true" if text else "false")
        if check.errors:
            set_message(self.summary, "Nothing was saved. Correct the fields marked in red.", "bad")
            return
        if unseen:
            self._warned.update({name: check.changes.get(name) for name in unseen})
            set_message(self.summary, "Nothing was saved yet. Check the note above; Save again to keep it as typed.", "warn")
            return
        if not check.changes:
            set_message(self.summary, "Nothing has changed.", "info")
            return
        set_message(self.summary, "", "info")
        self.save_requested.emit(check.changes)

    def set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.save_button.setText("Saving…" if busy else "Save changes")


def _combo(choices: list[str], current: str) -> QComboBox:
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(sorted({c for c in choices if c} | ({current} if current else set())))
    combo.setCurrentText(current)
    return combo
