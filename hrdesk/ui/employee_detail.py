"""One employee's page: profile (editable), rating history, feedback, well-being
beside performance (coaching only), and consent with its history.

Protected attributes are deliberately not shown here: they are held for
fairness monitoring only and reach a person only through the employee's own
data report. Every write goes through ``Records`` in the write lane and is
audit-logged there; the page refreshes when ``events.changed`` fires.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hrdesk.errors import HrdeskError
from hrdesk.progress import Progress
from hrdesk.records import CheckIn, ConsentEvent, Employee, Feedback, Rating, Records
from hrdesk.records.consent import AI_PROCESSING, WELLBEING_SHARING
from hrdesk.ui.errors import show_error
from hrdesk.ui.table_model import ListTableModel
from hrdesk.ui.sections import SectionContext
from hrdesk.ui.widgets import Card, FactGrid, data_table, label, set_message, set_style_property

ACCENT = QColor("#2563a8")
GRID = QColor("#e4e8ee")
AXIS_TEXT = QColor("#5f6b7a")
SERIES = (("Mood", QColor("#2563a8")), ("Workload", QColor("#d69e2e")), ("Stress", QColor("#d64545")))
CONSENT_TITLES = {AI_PROCESSING: "AI processing", WELLBEING_SHARING: "Sharing check-ins with their manager"}
LEAVER_WORDS = ("terminated", "left", "leaver", "resigned")
MAX_TEXT = 100


def nice_date(value: dt.date | None) -> str:
    return value.strftime("%d %b %Y").lstrip("0") if value else "—"


# --- data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingPoint:
    cycle: str
    value: str
    date: dt.date | None


@dataclass(frozen=True)
class DetailData:
    """Everything the page shows about one employee, read through the records layer."""

    employee: Employee
    team_name: str
    scale: list[str]
    ratings: list[RatingPoint]
    feedback: list[tuple[str, Feedback]]  # (cycle name, feedback), oldest first
    checkins: list[CheckIn]
    consent: dict[str, bool]
    history: list[ConsentEvent]
    checkins_hidden: bool = False  # a manager without the employee's consent to share


def load_detail(records: Records, employee_id: str) -> DetailData:
    employee = records.employees.get(employee_id)
    cycles = {c.id: c for c in records.cycles.list()}
    team = records.teams.get(employee.team_id) if employee.team_id else None

    def cycle_name(cycle_id: str | None) -> str:
        return cycles[cycle_id].name if cycle_id in cycles else "No cycle"

    def rating_date(r: Rating) -> dt.date:
        cycle = cycles.get(r.cycle_id or "")
        return r.review_date or (cycle.end if cycle and cycle.end else dt.date.min)

    ratings = sorted(records.ratings.for_employee(employee_id), key=rating_date)
    consent = records.consents.current(employee_id)
    hidden = records.vault.user.role == "manager" and not consent.get(WELLBEING_SHARING, False)
    return DetailData(
        employee=employee,
        team_name=team.manager_name if team else (employee.manager_name or ""),
        scale=records.ratings.scale(),
        ratings=[RatingPoint(cycle_name(r.cycle_id), r.value, r.review_date) for r in ratings],
        feedback=[(cycle_name(f.cycle_id), f) for f in records.feedback.for_employee(employee_id)],
        checkins=[] if hidden else sorted(records.checkins.for_employee(employee_id), key=lambda c: c.date),
        consent=consent,
        history=records.consents.history(employee_id),
        checkins_hidden=hidden,
    )


# --- charts -------------------------------------------------------------------------------


class _Chart(QWidget):
    """A chart of the detail page: 190 px high, as wide as its card."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(420, 190)


class RatingChart(_Chart):
    """Ratings over review cycles, on the ordinal scale (lowest at the bottom)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[RatingPoint] = []
        self.scale: list[str] = []

    def set_data(self, points: list[RatingPoint], scale: list[str]) -> None:
        self.points, self.scale = list(points), list(scale)
        self.update()

    def _draw_cycle_names(self, painter: QPainter, metrics, plot: QRectF, x_of, margin: float) -> None:  # type: ignore[no-untyped-def]
        """Each name gets the room between its neighbours; names that do not fit are shortened to
        their first word, and if even those collide only every few cycles are named (the latest always)."""
        count = len(self.points)
        room = plot.width() if count < 2 else (plot.width() - 2 * margin) / (count - 1) - 6
        texts = [_fit(metrics, p.cycle, room) for p in self.points]
        step = 1
        if any(t is None for t in texts):
            widest = max(metrics.horizontalAdvance(p.cycle.split()[0] if p.cycle.split() else p.cycle) for p in self.points)
            step = max(1, int(-(-(widest + 6) // max(room + 6, 1))))
            texts = [(p.cycle.split() or [p.cycle])[0] for p in self.points]
        painter.setPen(AXIS_TEXT)
        for i, text in enumerate(texts):
            if (count - 1 - i) % step or not text:
                continue
            width = max(room, 1.0) * step + 6
            painter.drawText(QRectF(x_of(i) - width / 2, plot.bottom() + 8, width, 20), Qt.AlignmentFlag.AlignCenter, text)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        labels = self.scale or sorted({p.value for p in self.points})
        metrics = painter.fontMetrics()
        left = max((metrics.horizontalAdvance(x) for x in labels), default=0) + 16
        plot = QRectF(left, 10, max(10, self.width() - left - 24), max(10, self.height() - 44))
        levels = max(1, len(labels) - 1)

        def y_of(level: int) -> float:
            return plot.bottom() - plot.height() * level / levels

        for level, text in enumerate(labels):
            y = y_of(level)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(AXIS_TEXT)
            painter.drawText(QRectF(0, y - 10, left - 8, 20), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        known = [(i, labels.index(p.value)) for i, p in enumerate(self.points) if p.value in labels]
        count = len(self.points)

        margin = min(50.0, plot.width() * 0.12)

        def x_of(i: int) -> float:
            return plot.center().x() if count == 1 else plot.left() + margin + (plot.width() - 2 * margin) * i / (count - 1)

        self._draw_cycle_names(painter, metrics, plot, x_of, margin)
        if known:
            path = QPainterPath(QPointF(x_of(known[0][0]), y_of(known[0][1])))
            for i, level in known[1:]:
                path.lineTo(x_of(i), y_of(level))
            painter.setPen(QPen(ACCENT, 2.5))
            painter.drawPath(path)
            painter.setBrush(ACCENT)
            for i, level in known:
                painter.drawEllipse(QPointF(x_of(i), y_of(level)), 4.5, 4.5)
        painter.end()


def _fit(metrics, text: str, width: float) -> str | None:  # type: ignore[no-untyped-def]
    """The cycle name if it fits, else its first word ('2024 annual' -> '2024'), else nothing."""
    for candidate in (text, text.split()[0] if text.split() else text):
        if metrics.horizontalAdvance(candidate) <= width:
            return candidate
    return None


class WellbeingChart(_Chart):
    """Mood, workload and stress (1–5) over time, one line each, with a legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checkins: list[CheckIn] = []

    def set_data(self, checkins: list[CheckIn]) -> None:
        self.checkins = sorted(checkins, key=lambda c: c.date)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = QRectF(28, 26, max(10, self.width() - 44), max(10, self.height() - 58))
        self._legend(painter)

        def y_of(value: float) -> float:
            return plot.bottom() - plot.height() * (value - 1) / 4

        for value in range(1, 6):
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y_of(value)), QPointF(plot.right(), y_of(value)))
            painter.setPen(AXIS_TEXT)
            painter.drawText(QRectF(0, y_of(value) - 10, 20, 20), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(value))
        if self.checkins:
            first, last = self.checkins[0].date, self.checkins[-1].date
            span = max(1, (last - first).days)

            def x_of(day: dt.date) -> float:
                return plot.center().x() if first == last else plot.left() + 8 + (plot.width() - 16) * (day - first).days / span

            for (name, colour) in SERIES:
                attr = name.lower()
                path = QPainterPath(QPointF(x_of(first), y_of(getattr(self.checkins[0], attr))))
                for checkin in self.checkins[1:]:
                    path.lineTo(x_of(checkin.date), y_of(getattr(checkin, attr)))
                painter.setPen(QPen(colour, 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(path)
            painter.setPen(AXIS_TEXT)
            bottom = QRectF(plot.left(), plot.bottom() + 6, plot.width(), 20)
            painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft, nice_date(first))
            if last != first:
                painter.drawText(bottom, Qt.AlignmentFlag.AlignRight, nice_date(last))
        painter.end()

    def _legend(self, painter: QPainter) -> None:
        x = 28.0
        metrics = painter.fontMetrics()
        for name, colour in SERIES:
            painter.setPen(QPen(colour, 3))
            painter.drawLine(QPointF(x, 10), QPointF(x + 16, 10))
            painter.setPen(AXIS_TEXT)
            painter.drawText(QPointF(x + 22, 14), name)
            x += 22 + metrics.horizontalAdvance(name) + 18


def strained(checkins: list[CheckIn], recent: int = 2) -> bool:
    """A burnout signal: the last ``recent`` check-ins all report workload and stress of 4 or more."""
    last = checkins[-recent:]
    return len(last) == recent and all(c.workload >= 4 and c.stress >= 4 for c in last)


# --- consent history --------------------------------------------------------------------


class ConsentHistoryModel(ListTableModel):
    """Every recorded consent change, oldest first."""

    COLUMNS = ("Date", "Consent", "Change", "Recorded by", "Reason")

    def cells(self, item: ConsentEvent) -> tuple[str, ...]:
        change = "Granted" if item.granted else "Withdrawn"
        if item.kind == AI_PROCESSING:
            change = "Opted back in" if item.granted else "Opted out"
        return (nice_date(item.at), CONSENT_TITLES.get(item.kind, item.kind), change, item.by or "—", item.note or "—")


# --- editing ------------------------------------------------------------------------------


@dataclass
class EditValues:
    department: str
    position: str
    employment_status: str
    termination_date: str  # as typed: YYYY-MM-DD or empty


@dataclass
class EditCheck:
    changes: dict[str, object] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # field -> message


def check_edit(employee: Employee, values: EditValues) -> EditCheck:
    """Validate an edit and work out what changed (no Qt, so it is testable alone)."""
    result = EditCheck()
    for name in ("department", "position", "employment_status"):
        text = " ".join(getattr(values, name).split())
        if not text:
            result.errors[name] = "This cannot be empty."
        elif len(text) > MAX_TEXT:
            result.errors[name] = f"Keep this under {MAX_TEXT} characters."
        elif text != (getattr(employee, name) or ""):
            result.changes[name] = text
    end = _termination_date(employee, values, result)
    if "termination_date" not in result.errors and end != employee.termination_date:
        result.changes["termination_date"] = end
    return result


def _termination_date(employee: Employee, values: EditValues, result: EditCheck) -> dt.date | None:
    """The typed termination date; checks it, and (when either was edited) that it agrees with the status."""
    text = values.termination_date.strip()
    end: dt.date | None = None
    if text:
        try:
            end = dt.date.fromisoformat(text)
        except ValueError:
            result.errors["termination_date"] = "Write the date as YYYY-MM-DD, for example 2025-03-31."
            return None
        if employee.hire_date and end < employee.hire_date:
            result.errors["termination_date"] = f"This is before the hire date ({nice_date(employee.hire_date)})."
            return None
    if "employment_status" in result.changes or end != employee.termination_date:
        status = " ".join(values.employment_status.split()).casefold()
        leaver = any(word in status for word in LEAVER_WORDS)
        if leaver and end is None:
            result.errors["termination_date"] = "A leaver needs a termination date (YYYY-MM-DD)."
        elif end is not None and not leaver and status:
            result.errors["employment_status"] = "With a termination date, the status should say how they left."
    return end


class EditForm(QWidget):
    """The profile's editable fields, each with its inline message; emits ``save_requested``."""

    save_requested = Signal(dict)
    cancelled = Signal()

    def __init__(self, employee: Employee, *, departments: list[str], statuses: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.employee = employee
        self.department = _combo(departments, employee.department or "")
        self.position = QLineEdit(employee.position or "")
        self.status = _combo(statuses, employee.employment_status or "")
        self.termination = QLineEdit(employee.termination_date.isoformat() if employee.termination_date else "")
        self.termination.setPlaceholderText("YYYY-MM-DD — empty while employed")
        self.messages: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        rows = (("Department", "department", self.department), ("Position", "position", self.position),
                ("Status", "employment_status", self.status), ("Termination date", "termination_date", self.termination))
        for row, (title, name, widget) in enumerate(rows):
            grid.addWidget(label(title, "fact-name"), row * 2, 0, Qt.AlignmentFlag.AlignVCenter)
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
        check = check_edit(self.employee, self.values())
        widgets = {"department": self.department, "position": self.position,
                   "employment_status": self.status, "termination_date": self.termination}
        for name, message in self.messages.items():
            text = check.errors.get(name, "")
            message.setText(text)
            message.setVisible(bool(text))
            target = widgets[name].lineEdit() if isinstance(widgets[name], QComboBox) else widgets[name]
            set_style_property(target, "invalid", "true" if text else "false")
        if check.errors:
            set_message(self.summary, "Nothing was saved. Correct the fields marked in red.", "bad")
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


# --- consent ------------------------------------------------------------------------------


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
        self.reason.setPlaceholderText("Why? e.g. “Asked by email on 3 March”")
        self.reason_message = label("", wrap=True)
        self.reason_message.setProperty("inline", "error")
        self.record_button = QPushButton("Record this change")
        self.record_button.setProperty("role", "primary")
        self.record_button.clicked.connect(self.submit)
        self.undo_button = QPushButton("Cancel")
        self.undo_button.clicked.connect(lambda: self.toggle.setChecked(self._opted_out))
        row = QHBoxLayout()
        row.addWidget(self.reason, 1)
        row.addWidget(self.undo_button)
        row.addWidget(self.record_button)
        self.editor = QWidget()
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(row)
        editor_layout.addWidget(self.reason_message)
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


# --- the page -------------------------------------------------------------------------------


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
        self.consent_panel: ConsentPanel | None = None
        self.rating_chart: RatingChart | None = None
        self.wellbeing_chart: WellbeingChart | None = None
        self.history_model = ConsentHistoryModel(self)
        self._content: QWidget | None = None
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

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
        self._context.runner.run(
            lambda _progress: load_detail(Records(vault), employee_id), label="Loading…", writes=False,
            show_progress=False, parent=self,
            on_success=lambda data: self._loaded(generation, data),
            on_failure=lambda exc: self._load_failed(generation, exc),
        )

    def _loaded(self, generation: int, data: DetailData) -> None:
        if generation != self._generation or self._context.vault.is_locked:
            return
        self.data = data
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
        page.addLayout(self._header(data))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.addWidget(self._profile_card(data), 0, 0)
        grid.addWidget(self._consent_card(data), 0, 1)
        grid.addWidget(self._performance_card(data), 1, 0)
        grid.addWidget(self._wellbeing_card(data), 1, 1)
        grid.addWidget(self._feedback_card(data), 2, 0, 1, 2)
        page.addLayout(grid)
        page.addStretch(1)
        self.scroll.setWidget(content)  # deletes the previous content widget
        self._content = content

    def _header(self, data: DetailData) -> QVBoxLayout:
        employee = data.employee
        box = QVBoxLayout()
        box.setSpacing(4)
        title = QHBoxLayout()
        title.addWidget(label(employee.name, "title"))
        title.addSpacing(8)
        status = label(employee.employment_status or "Status unknown", wrap=False)
        set_message(status, employee.employment_status or "Status unknown", "bad" if employee.is_leaver else "ok")
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
        if not self.editing:
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

    def start_edit(self) -> None:
        if self.data is not None:
            self.editing = True
            self._build(self.data)

    def cancel_edit(self) -> None:
        if self.data is not None:
            self.editing = False
            self._build(self.data)

    def _save(self, changes: dict) -> None:
        employee_id, vault = self.employee_id, self._context.vault
        assert employee_id is not None
        if self.edit_form is not None:
            self.edit_form.set_busy(True)

        def work(_progress: Progress) -> Employee:
            return Records(vault).employees.update(employee_id, **changes)

        self._context.runner.run(work, label="Saving…", parent=self, on_success=self._saved, on_failure=self._save_failed)

    def ask_export_folder(self) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(self, "Where should the export folder go?")
        return Path(chosen) if chosen else None

    def export_data(self) -> None:
        """The data-access export: a new folder named after the employee id and today's date."""
        if self.data is None:
            return
        hris_id, vault = self.data.employee.employee_id, self._context.vault
        parent = self.ask_export_folder()
        # A native folder dialog is not ours to close: the vault may have locked while it was open.
        if parent is None or self.data is None or vault.is_locked:
            return
        folder = parent / f"employee-{hris_id}-data-{dt.date.today().isoformat()}"

        def work(_progress: Progress):  # type: ignore[no-untyped-def]
            from hrdesk.records.export import export_employee

            return export_employee(Records(vault), hris_id, folder)

        self._context.runner.run(work, label="Exporting…", parent=self, on_success=self._exported)

    def _exported(self, result) -> None:  # type: ignore[no-untyped-def]
        self._export_note = (f"Exported {len(result.files)} files to {result.folder}. They contain personal data, "
                             "including protected attributes: hand them over securely.")
        set_message(self.export_message, self._export_note, "ok")

    def _saved(self, _employee: Employee) -> None:
        self.editing = False  # the write makes the window emit events.changed, which reloads this page

    def _save_failed(self, exc: BaseException) -> None:
        if self.edit_form is not None:
            self.edit_form.set_busy(False)
            if isinstance(exc, HrdeskError):
                set_message(self.edit_form.summary, f"Not saved: {exc.message}", "bad")
                return
        show_error(self, exc)

    def _record_consent(self, opted_out: bool, reason: str) -> None:
        employee_id, vault = self.employee_id, self._context.vault
        assert employee_id is not None
        by = vault.user.name or "HR"

        def work(_progress: Progress) -> ConsentEvent:
            return Records(vault).consents.record_change(employee_id, AI_PROCESSING, not opted_out, by=by, note=reason)

        self._context.runner.run(work, label="Recording the consent change…", parent=self,
                                 on_failure=self._consent_failed)  # events.changed reloads the page

    def _consent_failed(self, exc: BaseException) -> None:
        if self.consent_panel is not None:
            self.consent_panel.record_button.setEnabled(True)
        show_error(self, exc)


__all__ = ["EmployeeDetail", "check_edit", "load_detail"]
