"""One employee's page: profile (editable), rating history, feedback, well-being
beside performance (coaching only), and consent with its history.

Protected attributes are deliberately not shown here: they are held for
fairness monitoring only and reach a person only through the employee's own
data report. The page reads through ``records.detail.load_detail`` off the UI
thread; every write goes through the session in the write lane and is
audit-logged there. The charts, the edit form and the consent panel live in
their own modules; the rules (edit checks, who sees check-ins, the strain
hint) live in the core.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QGridLayout, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from hrdesk.errors import HrdeskError
from hrdesk.progress import Progress
from hrdesk.records import ConsentEvent, Employee, Records
from hrdesk.records.consent import AI_PROCESSING
from hrdesk.ui.formatting import local_date
from hrdesk.records.detail import DetailData, load_detail
from hrdesk.records.edit_rules import EditValues, check_edit, may_edit_profile, vault_values
from hrdesk.records.wellbeing import strained
from hrdesk.session import Kind
from hrdesk.ui.employee_charts import RatingChart, WellbeingChart
from hrdesk.ui.employee_consent import ConsentHistoryModel, ConsentPanel
from hrdesk.ui.employee_edit import EditForm
from hrdesk.ui.errors import show_error
from hrdesk.ui.sections import SectionContext
from hrdesk.ui.widgets import Card, FactGrid, data_table, label, set_message

#: Everything the page shows; a change touching none of these leaves it alone.
DETAIL_KINDS = (Kind.EMPLOYEES, Kind.TEAMS, Kind.CYCLES, Kind.RATINGS, Kind.FEEDBACK, Kind.CHECKINS,
                Kind.CONSENTS, Kind.SCALES)



def nice_date(value) -> str:  # type: ignore[no-untyped-def]
    """A date in the user's format, as everywhere in hrdesk ('—' for none)."""
    return local_date(value) or "—"

class EmployeeDetail(QWidget):
    """The detail page; ``show_employee(id)`` fills it, ``back_requested`` returns to the table."""

    back_requested = Signal()

    def __init__(self, context: SectionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self._context = context
        self.employee_id: str | None = None
        self._generation = 0
        self._export_note = ""
        self.data: DetailData | None = None
        self.editing = False
        self.departments: list[str] = []
        self.statuses: list[str] = []
        self.edit_form: EditForm | None = None
        self.edit_button: QPushButton | None = None  # only on a page its reader may edit (HR)
        self.consent_panel: ConsentPanel | None = None
        self.rating_chart: RatingChart | None = None
        self.wellbeing_chart: WellbeingChart | None = None
        self.history_model = ConsentHistoryModel(self)
        self._content: QWidget | None = None
        self._page: QVBoxLayout | None = None  # the built page's layout, grid, header and profile card
        self._grid: QGridLayout | None = None
        self._header_widget: QWidget | None = None
        self._profile: QWidget | None = None
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        context.events.watch(self, DETAIL_KINDS, self._on_changes, name="employee page")

    def _on_changes(self) -> None:
        """Reload only while a page is on screen; a cleared page has nothing to refresh."""
        if self._content is not None:
            self.reload()

    def show_employee(self, employee_id: str, *, departments: list[str] | None = None, statuses: list[str] | None = None) -> None:
        self.employee_id = employee_id
        self._export_note = ""
        self.editing = False
        self.departments, self.statuses = list(departments or []), list(statuses or [])
        self.reload()

    def reload(self) -> None:
        """Decrypt the page's records in the background; a newer reload or a lock discards older results."""
        vault = self._context.vault
        if self.employee_id is None or vault.is_locked:
            self.clear()
            return
        self._generation += 1
        generation, employee_id = self._generation, self.employee_id
        role = self._context.session.actor.role.value
        self._context.runner.run(
            lambda _progress: load_detail(Records(vault), employee_id, role=role), label="Loading…", writes=False,
            show_progress=False, parent=self,
            on_success=lambda data: self._loaded(generation, data),
            on_failure=lambda exc: self._load_failed(generation, exc),
        )

    def _loaded(self, generation: int, data: DetailData) -> None:
        if generation != self._generation or self._context.vault.is_locked:
            return
        previous, self.data = self.data, data
        if self._content is not None and previous is not None and _same_but_profile(previous, data):
            self._rebuild_profile(data)  # an edit of the record: the other cards are as they were
        else:
            self._build(data)

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        show_error(self, exc)  # removed meanwhile (a purge) or damaged
        if isinstance(exc, HrdeskError):
            self.back_requested.emit()

    def clear(self) -> None:
        self._generation += 1  # results still on their way are for a page no longer shown
        self.data = None
        self._page = self._grid = self._header_widget = self._profile = None
        self.edit_form = self.consent_panel = None
        self.history_model.clear()
        self.scroll.takeWidget()
        if self._content is not None:
            self._content.deleteLater()
            self._content = None

    # --- building ------------------------------------------------------------------------

    def _build(self, data: DetailData) -> None:
        content = QWidget()
        content.setObjectName("Page")
        page = QVBoxLayout(content)
        page.setContentsMargins(32, 18, 32, 28)
        page.setSpacing(14)
        back = QPushButton("‹  All employees")
        back.setProperty("role", "link")
        back.clicked.connect(self.back_requested)
        page.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        self._header_widget = _holder(self._header(data))
        page.addWidget(self._header_widget)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self._profile = self._profile_card(data)
        grid.addWidget(self._profile, 0, 0)
        grid.addWidget(self._consent_card(data), 0, 1)
        grid.addWidget(self._performance_card(data), 1, 0)
        grid.addWidget(self._wellbeing_card(data), 1, 1)
        grid.addWidget(self._feedback_card(data), 2, 0, 1, 2)
        page.addLayout(grid)
        page.addStretch(1)
        self._page, self._grid = page, grid
        self.scroll.setWidget(content)  # deletes the previous content widget
        self._content = content

    def _rebuild_profile(self, data: DetailData) -> None:
        """Replace only the header and the profile card: restyling the whole page costs ~50 ms on every edit."""
        if self._page is None or self._grid is None or self._header_widget is None or self._profile is None:
            self._build(data)
            return
        header = _holder(self._header(data))
        self._page.replaceWidget(self._header_widget, header)
        self._header_widget.deleteLater()
        self._header_widget = header
        profile = self._profile_card(data)
        self._grid.replaceWidget(self._profile, profile)
        self._profile.deleteLater()
        self._profile = profile

    def _header(self, data: DetailData) -> QVBoxLayout:
        employee = data.employee
        box = QVBoxLayout()
        box.setSpacing(4)
        title = QHBoxLayout()
        title.addWidget(label(employee.name, "title"))
        title.addSpacing(8)
        status = label(employee.employment_status or "Status unknown", wrap=False)
        if employee.is_leaver:  # having left is a fact, not an error: a neutral chip
            status.setProperty("role", "chip")
            status.setText(f"Left · {employee.employment_status}" if employee.employment_status else "Left")
        else:
            set_message(status, employee.employment_status or "Status unknown", "ok")
        title.addWidget(status, 0, Qt.AlignmentFlag.AlignVCenter)
        if not data.consent.get(AI_PROCESSING, True):
            chip = label("", wrap=False)
            set_message(chip, "Opted out of AI processing", "info")
            title.addWidget(chip, 0, Qt.AlignmentFlag.AlignVCenter)
        title.addStretch(1)
        self.export_button = QPushButton("Export their data…")
        self.export_button.setToolTip("Everything hrdesk holds about this person (their own data, including the "
                                      "fairness-monitoring attributes) as CSV and JSON, for a data-access request")
        self.export_button.clicked.connect(self.export_data)
        self.export_button.setVisible(self._context.session.actor.role.value == "admin")  # exports are HR's
        title.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignVCenter)
        box.addLayout(title)
        self.export_message = label("", wrap=True)
        set_message(self.export_message, self._export_note, "ok")  # survives the rebuild after the export
        box.addWidget(self.export_message)
        facts = [f"Employee ID {employee.employee_id}", employee.position, employee.department,
                 f"Manager: {data.team_name}" if data.team_name else ""]
        box.addWidget(label(" · ".join(f for f in facts if f), "muted", wrap=True, selectable=True))
        return box

    def _profile_card(self, data: DetailData) -> Card:
        employee = data.employee
        card = Card()
        top = QHBoxLayout()
        top.addWidget(label("Profile", "card-title"))
        top.addStretch(1)
        self.edit_button = None
        if not self.editing and self._may_edit():  # a manager's or auditor's page offers no edit (the core refuses it)
            self.edit_button = QPushButton("Edit details")
            self.edit_button.clicked.connect(self.start_edit)
            top.addWidget(self.edit_button)
        card.body.addLayout(top)
        if self.editing:
            self.edit_form = EditForm(employee, departments=self.departments, statuses=self.statuses)
            self.edit_form.save_requested.connect(self._save)
            self.edit_form.cancelled.connect(self.cancel_edit)
            card.body.addWidget(self.edit_form)
            return card
        self.edit_form = None
        grid = FactGrid()
        grid.add("Department", employee.department or "—")
        grid.add("Position", employee.position or "—")
        grid.add("Manager", data.team_name or "—")
        grid.add("Status", employee.employment_status or "—")
        grid.add("Hired", nice_date(employee.hire_date))
        if employee.is_leaver:
            grid.add("Left", f"{nice_date(employee.termination_date)} ({employee.termination_reason or 'no reason given'})")
        grid.add("Last review", nice_date(employee.last_review_date))
        grid.add("Special projects", "—" if employee.special_projects is None else str(employee.special_projects))
        card.body.addLayout(grid)
        card.body.addWidget(label("Sex, race, date of birth and disability are held apart for fairness monitoring only "
                                  "and are not shown here.", "muted", wrap=True))
        card.body.addStretch(1)
        return card

    def _consent_card(self, data: DetailData) -> Card:
        card = Card("Consent and opt-outs")
        self.consent_panel = ConsentPanel(data)
        self.consent_panel.change_requested.connect(self._record_consent)
        card.body.addWidget(self.consent_panel)
        card.body.addWidget(label("History", "fact-name"))
        self.history_model.set_items(data.history)
        if data.history:
            table = data_table(min_height=110)
            table.verticalHeader().setDefaultSectionSize(28)
            table.setModel(self.history_model)
            table.resizeColumnsToContents()
            card.body.addWidget(table)
        else:
            card.body.addWidget(label("No changes recorded: the defaults apply.", "muted"))
        card.body.addStretch(1)
        return card

    def _performance_card(self, data: DetailData) -> Card:
        card = Card("Performance: rating history")
        if not data.ratings:
            card.body.addWidget(label("No ratings yet. They arrive with a reviews import.", "muted", wrap=True))
            return card
        self.rating_chart = RatingChart()
        self.rating_chart.set_data(data.ratings, data.scale)
        card.body.addWidget(self.rating_chart)
        facts = FactGrid()
        for point in reversed(data.ratings):
            facts.add(point.cycle, f"{point.value}  ·  reviewed {nice_date(point.date)}" if point.date else point.value)
        card.body.addLayout(facts)
        scale = " < ".join(data.scale)
        card.body.addWidget(label(f"Scale, lowest first: {scale}." if scale else "", "muted", wrap=True))
        card.body.addStretch(1)
        return card

    def _wellbeing_card(self, data: DetailData) -> Card:
        card = Card("Well-being check-ins")
        note = label("", wrap=True)
        set_message(note, "For coaching conversations only. Never used to evaluate performance, and never a "
                    "feature of any suggestion model.", "info")
        card.body.addWidget(note)
        if data.checkins_hidden:
            card.body.addWidget(label(f"{data.employee.name} has not chosen to share check-ins with their manager.", "muted", wrap=True))
            return card
        if not data.checkins:
            card.body.addWidget(label("No check-ins yet. They arrive with a well-being check-ins import.", "muted", wrap=True))
            return card
        self.wellbeing_chart = WellbeingChart()
        self.wellbeing_chart.set_data(data.checkins)
        card.body.addWidget(self.wellbeing_chart)
        latest = data.checkins[-1]
        text = (f"{len(data.checkins)} check-ins. Latest, {nice_date(latest.date)}: mood {latest.mood}, "
                f"workload {latest.workload}, stress {latest.stress}. Scores run 1–5: a high mood is good; "
                "a high workload or stress is heavy.")
        card.body.addWidget(label(text, "muted", wrap=True))
        if strained(data.checkins):
            signal = label("", wrap=True)
            set_message(signal, "Workload and stress have been high in the recent check-ins: worth a supportive "
                        "conversation about workload (coaching, not evaluation).", "warn")
            card.body.addWidget(signal)
        comments = [c for c in reversed(data.checkins) if c.comment][:2]
        for checkin in comments:
            card.body.addWidget(label(f"{nice_date(checkin.date)}: “{checkin.comment}”", wrap=True, selectable=True))
        return card

    def _feedback_card(self, data: DetailData) -> Card:
        card = Card("Written feedback")
        if not data.feedback:
            card.body.addWidget(label("No written feedback yet.", "muted"))
            return card
        for cycle, item in reversed(data.feedback):
            who = f" · {item.author}" if item.author else ""
            card.body.addWidget(label(f"{cycle} · {nice_date(item.date)}{who}", "fact-name"))
            card.body.addWidget(label(item.text, wrap=True, selectable=True))
        return card

    # --- actions -----------------------------------------------------------------------------

    def _may_edit(self) -> bool:
        return may_edit_profile(self._context.session.actor.role)

    def start_edit(self) -> None:
        if self.data is not None and self._may_edit():
            self.editing = True
            self._rebuild_profile(self.data)
            self._read_known_values()

    def _read_known_values(self) -> None:
        """The vault's departments and positions, read off the UI thread: the form checks an edit against them
        (until they arrive, against the departments the list shows; the core checks the department again)."""
        vault, form = self._context.vault, self.edit_form

        def known(_progress: Progress) -> tuple[list[str], list[str]]:
            employees = Records(vault).employees.list()
            return vault_values(employees, "department"), vault_values(employees, "position")

        def arrived(values: tuple[list[str], list[str]]) -> None:
            if form is not None and form is self.edit_form:
                form.known_departments, form.known_positions = values

        self._context.runner.run(known, label="Loading…", writes=False, show_progress=False, parent=self,
                                 on_success=arrived, on_failure=lambda exc: show_error(self, exc))

    def cancel_edit(self) -> None:
        if self.data is not None:
            self.editing = False
            self._rebuild_profile(self.data)

    def _save(self, changes: dict) -> None:
        employee_id, session = self.employee_id, self._context.session
        if employee_id is None:
            return
        if self.edit_form is not None:
            self.edit_form.set_busy(True)

        def work(_progress: Progress) -> Employee:
            return session.update_employee(employee_id, **changes).result

        self._context.runner.run(work, label="Saving…", parent=self, on_success=self._saved, on_failure=self._save_failed)

    def ask_export_folder(self) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(self, "Where should the export folder go?")
        return Path(chosen) if chosen else None

    def export_data(self) -> None:
        """The data-access export: a new folder named after the employee id and today's date."""
        if self.data is None:
            return
        hris_id, session = self.data.employee.employee_id, self._context.session
        parent = self.ask_export_folder()
        # A native folder dialog is not ours to close: the vault may have locked while it was open.
        if parent is None or self.data is None or session.is_locked:
            return
        folder = parent / f"employee-{hris_id}-data-{dt.date.today().isoformat()}"

        def work(_progress: Progress):  # type: ignore[no-untyped-def]
            return session.export_employee(hris_id, folder).result

        self._context.runner.run(work, label="Exporting…", parent=self, on_success=self._exported)

    def _exported(self, result) -> None:  # type: ignore[no-untyped-def]
        self._export_note = (f"Exported {len(result.files)} files to {result.folder}. They contain personal data, "
                             "including protected attributes: hand them over securely.")
        set_message(self.export_message, self._export_note, "ok")

    def _saved(self, _employee: Employee) -> None:
        self.editing = False  # the write's Changes touch employees, which reloads this page

    def _save_failed(self, exc: BaseException) -> None:
        if self.edit_form is not None:
            self.edit_form.set_busy(False)
            if isinstance(exc, HrdeskError):
                set_message(self.edit_form.summary, f"Not saved: {exc.message}", "bad")
                return
        show_error(self, exc)

    def _record_consent(self, opted_out: bool, reason: str) -> None:
        employee_id, session = self.employee_id, self._context.session
        if employee_id is None:
            return
        by = session.actor.name or "HR"

        def work(_progress: Progress) -> ConsentEvent:
            return session.record_consent(employee_id, AI_PROCESSING, not opted_out, by=by, note=reason).result

        self._context.runner.run(work, label="Recording the consent change…", parent=self,
                                 on_failure=self._consent_failed)  # its Changes touch consents: the page reloads

    def _consent_failed(self, exc: BaseException) -> None:
        if self.consent_panel is not None:
            self.consent_panel.record_button.setEnabled(True)
        show_error(self, exc)


def _holder(layout: QVBoxLayout) -> QWidget:
    """A plain widget around a layout, so the layout's contents can be swapped as one piece."""
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget


def _same_but_profile(old: DetailData, new: DetailData) -> bool:
    """Whether only the employee record itself (and so the header and the profile) differs."""
    return old.employee.id == new.employee.id and all(
        getattr(old, name) == getattr(new, name)
        for name in ("scale", "ratings", "feedback", "checkins", "consent", "history", "checkins_hidden")
    )


__all__ = ["ConsentHistoryModel", "EditValues", "EmployeeDetail", "check_edit", "load_detail"]
