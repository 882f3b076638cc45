"""The Audits section: run a bias and data-quality audit on the vault, and read saved runs.

The audit itself is core (``hrdesk.fairness.runs.run_and_save``); this screen
only starts it in the background, picks which saved run to show, and hands the
result to ``AuditsView``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from hrdesk.errors import CancelledError, InvalidInputError
from hrdesk.session import Changes, Kind
from hrdesk.session.actions import changes_audit_inputs
from hrdesk.session.kinds import AUDIT_INPUTS
from hrdesk.ui.audits_view import AuditsView
from hrdesk.ui.formatting import local_time
from hrdesk.ui.sections import SectionContext
from hrdesk.ui.widgets import count_suffix, guard_wheel, label, labelled, set_message

ALL_CYCLES = "Each person's latest rating"
#: What an audit needs, said before anyone presses Run on an empty vault.
NOTHING_TO_AUDIT = (
    "There is nothing to audit yet: this vault has no employees. An audit needs your HRIS export imported "
    "(File \u203a Import a file\u2026) with each person's performance rating and manager; to compare groups for "
    "bias it also needs at least one protected attribute, such as sex, race/ethnicity or date of birth (or age). "
    "Import the file, then run the audit."
)


class AuditsSection(QWidget):
    def __init__(self, context: SectionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self._context = context
        self._runs: list = []
        self._stale: dict[str, int] = {}
        self.run_button = QPushButton("Run audit now")
        self.run_button.setProperty("role", "primary")
        self.run_button.setToolTip("Audit the current records and save the run in the vault (it can be cited in governance step 1)")
        self.run_button.clicked.connect(self.run_audit)
        self.cycle_picker = QComboBox()
        self.cycle_picker.setToolTip("Which ratings to audit")
        self.cycle_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.cycle_picker.setMinimumContentsLength(16)
        self.min_group = QSpinBox()
        self.min_group.setRange(1, 100)
        self.min_group.setValue(context.settings.min_group_size)
        count_suffix(self.min_group, "person", "people")
        self.min_group.setMinimumWidth(110)
        self.min_group.setToolTip("Groups smaller than this are shown with their counts but marked 'too small to judge'")
        self.history = QComboBox()
        self.history.setToolTip("Saved audit runs, newest first")
        self.history.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.history.setMinimumContentsLength(20)
        self.history.currentIndexChanged.connect(self._show_run)
        self.message = label("", "message", wrap=True)
        self.view = AuditsView(self)
        guard_wheel(self.min_group, self.cycle_picker, self.history)
        self._layout()
        # A new run or cycle reloads the list; an edit of the audited data only marks the runs out of date.
        context.events.watch(self, (Kind.AUDIT_RUNS, Kind.CYCLES), self.reload, name="audits")
        context.events.watch(self, AUDIT_INPUTS, self._note_changes, name="audits (staleness)", pass_changes=True)
        self.reload()

    def _layout(self) -> None:
        # The page scrolls on a small screen instead of squeezing the findings or growing the window.
        content = QWidget()
        content.setObjectName("Page")
        content.setMinimumHeight(1250)  # findings, then a table and its chart, each full width
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        page = QVBoxLayout(content)
        page.setContentsMargins(32, 28, 32, 20)
        page.setSpacing(12)
        page.addWidget(label("Audits", "title"))
        page.addWidget(label(
            "Checks ratings, leaving and written feedback for gaps between groups, with the uncertainty that small "
            "groups bring. A finding is a reason to look closer, not a verdict.", "muted", wrap=True))
        # Two short rows rather than one long one, so a 1024-pixel window or larger text needs no sideways scroll.
        controls = QHBoxLayout()
        controls.setSpacing(8)
        controls.addWidget(labelled("&Ratings:", self.cycle_picker, name="Ratings to audit"))
        controls.addWidget(self.cycle_picker, 1)
        page.addLayout(controls)
        run_row = QHBoxLayout()
        run_row.setSpacing(8)
        run_row.addWidget(labelled("Smallest &group to judge:", self.min_group))
        run_row.addWidget(self.min_group)
        run_row.addStretch(1)
        run_row.addWidget(self.run_button)
        page.addLayout(run_row)
        saved = QHBoxLayout()
        saved.addWidget(labelled("&Showing saved run:", self.history, name="Saved audit run shown"))
        saved.addWidget(self.history, 1)
        page.addLayout(saved)
        page.addWidget(self.message)
        self.message.hide()
        page.addWidget(self.view, 1)

    # --- loading saved runs ---------------------------------------------------------

    def reload(self) -> None:
        vault = self._context.vault
        if vault.is_locked:
            return

        def load(_progress):
            from hrdesk.fairness.runs import changes_since, list_runs
            from hrdesk.records import Records

            runs = list_runs(vault)
            if runs:
                runs[0].result  # noqa: B018 -- the run shown first is rebuilt here, off the window's thread
            entries = vault.audit_entries()
            stale = {run.id: len(changes_since(vault, run, entries)) for run in runs}
            records = Records(vault)
            return [c.name for c in records.cycles.list()], runs, stale, records.employees.count()

        self._context.runner.run(load, label="Loading audits", on_success=self._loaded, writes=False, parent=self,
                                 show_progress=False)

    def _loaded(self, loaded: tuple[list[str], list, dict[str, int], int]) -> None:
        cycles, runs, self._stale, employees = loaded
        current = self.cycle_picker.currentText()
        self.cycle_picker.clear()
        self.cycle_picker.addItems([ALL_CYCLES, *cycles])
        if current in cycles:
            self.cycle_picker.setCurrentText(current)
        self._runs = runs
        self.history.blockSignals(True)
        self.history.clear()
        for run in runs:
            scope = run.cycle or "latest ratings"
            self.history.addItem(f"{local_time(run.time)} · {scope} · {run.actor} · {run.findings_count} findings")
        self.history.blockSignals(False)
        self.history.setEnabled(bool(runs))
        if runs:
            self.history.setCurrentIndex(0)
            self._show_run(0)
        elif employees == 0:
            set_message(self.message, NOTHING_TO_AUDIT, "info")
            self.message.show()
        else:
            set_message(self.message, "No audit has been run on this vault yet. Press \u201cRun audit now\u201d.", "info")
            self.message.show()

    def _note_changes(self, changes: Changes) -> None:
        """Count data changes against every shown run without re-reading anything."""
        if changes.touches(Kind.AUDIT_RUNS, Kind.CYCLES) or not self._runs:
            return  # the reload that follows recounts from the audit log
        count = sum(1 for name in changes.actions if changes_audit_inputs(name))
        if count:
            self._stale = {run.id: self._stale.get(run.id, 0) + count for run in self._runs}
            self._show_stale(self.history.currentIndex())

    def _show_run(self, index: int) -> None:
        if 0 <= index < len(self._runs):
            self._show_stale(index)
            self.view.show_result(self._runs[index].result)

    def _show_stale(self, index: int) -> None:
        if not 0 <= index < len(self._runs):
            return
        changes = self._stale.get(self._runs[index].id, 0)
        if changes:
            set_message(self.message, f"The records have changed since this audit ({changes} change"
                        f"{'s' if changes != 1 else ''} in the audit log, such as imports or edits). "
                        "Run it again before relying on it or citing it in governance step 1.", "warn")
            self.message.show()
        else:
            self.message.hide()

    # --- running -----------------------------------------------------------------------

    def run_audit(self) -> None:
        session = self._context.session
        cycle = None if self.cycle_picker.currentText() in ("", ALL_CYCLES) else self.cycle_picker.currentText()
        min_group = self.min_group.value()

        def work(progress):
            from hrdesk.fairness import AuditSettings

            return session.run_audit(AuditSettings(min_group=min_group), cycle=cycle, progress=progress).result

        self.run_button.setEnabled(False)
        # The run's Changes touch audit runs, which reloads the list (newest first).
        task = self._context.runner.run(work, label="Running the audit…", parent=self, on_failure=self._run_failed)
        task.finished.connect(lambda: self.run_button.setEnabled(True))

    def _run_failed(self, exc: BaseException) -> None:
        """Data the audit cannot use is explained on the page, with what to do; anything else is an error dialog."""
        from hrdesk.fairness.vault_input import NothingToAuditError  # with pandas: loaded by the audit that failed

        if isinstance(exc, NothingToAuditError):
            set_message(self.message, NOTHING_TO_AUDIT, "warn")
            self.message.show()
            return
        if isinstance(exc, InvalidInputError):
            set_message(self.message, f"The audit could not run: {exc.message} {exc.hint}".strip(), "warn")
            self.message.show()
            return
        if isinstance(exc, CancelledError):
            return
        from hrdesk.ui.errors import show_error

        show_error(self, exc)
