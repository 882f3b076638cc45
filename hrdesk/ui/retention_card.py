"""Settings → Data retention: the period per data category, and the purge that enforces them.

The periods and the purge are core (``hrdesk.records.retention``); this card
shows them, saves edits, previews what would go (a dry run) and, after a
confirmation, deletes it in the background.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QSpinBox, QWidget

from hrdesk.ui.sections import SectionContext
from hrdesk.ui.widgets import Card, confirm, count_suffix, guard_wheel, label, labelled, set_message

CATEGORY_LABELS = {
    "checkins": "Well-being check-ins",
    "feedback": "Written feedback",
    "goals": "Goals",
    "ratings": "Ratings",
    "leavers": "Everything about a leaver (after leaving)",
}


class RetentionCard(Card):
    def __init__(self, context: SectionContext, parent: QWidget | None = None) -> None:
        super().__init__("Data retention", parent)
        self._context = context
        self.body.addWidget(label(
            "How long each kind of record is kept. Records past their period are deleted by the purge, together with "
            "older backups that still hold them; the audit log keeps only the counts.", "muted", wrap=True))
        self.spins: dict[str, QSpinBox] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for row, (key, text) in enumerate(CATEGORY_LABELS.items()):
            spin = QSpinBox()
            spin.setRange(1, 240)
            count_suffix(spin, "month")
            guard_wheel(spin)
            self.spins[key] = spin
            grid.addWidget(labelled(text, spin, name=f"{text}: kept for"), row, 0)
            grid.addWidget(spin, row, 1)
        grid.setColumnStretch(2, 1)
        self.body.addLayout(grid)
        self.save_button = QPushButton("Save periods")
        self.save_button.clicked.connect(self.save_periods)
        self.check_button = QPushButton("Check what has expired")
        self.check_button.clicked.connect(self.check_expired)
        self.purge_button = QPushButton("Delete expired records…")
        self.purge_button.setProperty("role", "danger")
        self.purge_button.clicked.connect(self.purge)
        row = QHBoxLayout()
        for button in (self.save_button, self.check_button, self.purge_button):
            row.addWidget(button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.message = label("", wrap=True)
        self.message.setVisible(False)
        self.body.addWidget(self.message)
        self.load_periods()

    def load_periods(self) -> None:
        from hrdesk.records.retention import retention_months

        for key, months in retention_months(self._context.vault).items():
            if key in self.spins:
                self.spins[key].setValue(months)

    def periods(self) -> dict[str, int]:
        return {key: spin.value() for key, spin in self.spins.items()}

    def save_periods(self) -> None:
        session, months = self._context.session, self.periods()
        self._context.runner.run(lambda _p: session.set_retention(months), label="Saving retention periods",
                                 parent=self, on_success=lambda _r: set_message(self.message, "Retention periods saved.", "ok"))

    def check_expired(self) -> None:
        """Preview with the periods on screen, saved or not, so what it says matches what is shown."""
        session, months = self._context.session, self.periods()
        self._context.runner.run(lambda p: session.purge_preview(progress=p, months=months),
                                 label="Looking for expired records…", writes=False, parent=self,
                                 on_success=self._show_report)

    def purge(self) -> None:
        if not self.confirm_purge():
            return
        from hrdesk.records.retention import retention_months

        session, months = self._context.session, self.periods()

        def work(progress):  # type: ignore[no-untyped-def]
            if months != session.read(retention_months):
                session.set_retention(months)  # the periods shown are the ones the user confirmed
            return session.purge_expired(progress=progress).result

        self._context.runner.run(work, label="Deleting expired records…", parent=self, on_success=self._show_report)

    def confirm_purge(self) -> bool:
        return confirm(
            self,
            "Delete expired records?",
            "Every record past the retention periods shown is deleted for good (the periods are saved first), and "
            "older backups that still hold them are replaced by one fresh backup. The audit log records how many of "
            "each kind were deleted.",
            "Delete expired records", keep="Keep them for now", danger=True,
        )

    def _show_report(self, report) -> None:  # type: ignore[no-untyped-def]
        set_message(self.message, report.describe(), "warn" if report.dry_run and report.total else "ok" if report.total else "info")
