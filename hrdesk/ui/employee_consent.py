"""Consent on the employee page: the AI opt-out toggle (with its reason) and the history of changes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from hrdesk.records import ConsentEvent
from hrdesk.records.consent import AI_PROCESSING, WELLBEING_SHARING
from hrdesk.records.dates import nice_date
from hrdesk.records.detail import DetailData
from hrdesk.ui.table_model import ListTableModel
from hrdesk.ui.widgets import label, labelled, set_style_property

CONSENT_TITLES = {AI_PROCESSING: "AI processing", WELLBEING_SHARING: "Sharing check-ins with their manager"}


class ConsentHistoryModel(ListTableModel):
    """Every recorded consent change, oldest first."""

    COLUMNS = ("Date", "Consent", "Change", "Recorded by", "Reason")

    def cells(self, item: ConsentEvent) -> tuple[str, ...]:
        change = "Granted" if item.granted else "Withdrawn"
        if item.kind == AI_PROCESSING:
            change = "Opted back in" if item.granted else "Opted out"
        return (nice_date(item.at), CONSENT_TITLES.get(item.kind, item.kind), change, item.by or "—", item.note or "—")


class ConsentPanel(QWidget):
    """The AI opt-out toggle: changing it asks for a reason, then records the change."""

    change_requested = Signal(bool, str)  # opted out, reason

    def __init__(self, data: DetailData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._opted_out = not data.consent.get(AI_PROCESSING, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.toggle = QCheckBox("Opted out of AI processing")
        self.toggle.setChecked(self._opted_out)
        self.toggle.toggled.connect(self._on_toggled)
        layout.addWidget(self.toggle)
        state = ("Opted out: never scored by a suggestion model and never used to train one."
                 if self._opted_out else
                 "Included (the default): suggestions may use their records; they can opt out at any time.")
        self.state = label(state, "muted", wrap=True)
        layout.addWidget(self.state)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. “Asked by email on 3 March”")
        self.reason.setMinimumWidth(self.reason.fontMetrics().averageCharWidth() * 28)
        self.reason_message = label("", wrap=True)
        self.reason_message.setProperty("inline", "error")
        self.record_button = QPushButton("Record this change")
        self.record_button.setProperty("role", "primary")
        self.record_button.clicked.connect(self.submit)
        self.undo_button = QPushButton("Cancel")
        self.undo_button.clicked.connect(lambda: self.toggle.setChecked(self._opted_out))
        # The reason gets a line of its own, the buttons the next: nothing is squeezed in a narrow card.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.undo_button)
        row.addWidget(self.record_button)
        self.editor = QWidget()
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.setSpacing(6)
        editor_layout.addWidget(labelled("&Reason for the change (kept in the consent history)", self.reason,
                                         name="Reason for the consent change"))
        editor_layout.addWidget(self.reason)
        editor_layout.addWidget(self.reason_message)
        editor_layout.addLayout(row)
        self.editor.hide()
        self.reason_message.hide()
        layout.addWidget(self.editor)
        sharing = data.consent.get(WELLBEING_SHARING, False)
        layout.addWidget(label(f"{CONSENT_TITLES[WELLBEING_SHARING]}: {'yes' if sharing else 'no (the default)'}.", "muted", wrap=True))

    def _on_toggled(self, checked: bool) -> None:
        self.editor.setVisible(checked != self._opted_out)
        self.reason_message.hide()
        if checked != self._opted_out:
            self.reason.setFocus()

    def submit(self) -> None:
        reason = " ".join(self.reason.text().split())
        if not reason:
            self.reason_message.setText("Give a reason: it goes into the consent history and the audit log.")
            self.reason_message.show()
            set_style_property(self.reason, "invalid", "true")
            return
        self.record_button.setEnabled(False)
        self.change_requested.emit(self.toggle.isChecked(), reason)
