"""The Monitoring section: the live system against governance step 6's thresholds, alerts, and 'does it help?'.

Everything shown is the kept ``MonitoringReport`` (``hrdesk.monitoring``):
HR presses *Run monitoring now* (a session operation in the write lane:
the report is kept, each new breach raises an alert to the escalation
contact) and records how an alert was handled; an auditor reads the last
kept report. Four tabs: the summary (thresholds, contests, the pilot
comparison), alerts, flag rates by group, and managers' override rates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCharts import QChart, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hrdesk.monitoring.flags import KIND_LABELS
from hrdesk.monitoring.model import BREACH, TOO_FEW, WATCH, WITHIN, Alert, MonitoringReport
from hrdesk.session import Kind
from hrdesk.session.actor import Role
from hrdesk.ui.charts import Bar, bar_chart, chart_view
from hrdesk.ui.table_model import ListTableModel
from hrdesk.ui.widgets import Card, data_table, label, labelled, name, set_message

if TYPE_CHECKING:
    from hrdesk.progress import Progress
    from hrdesk.ui.sections import SectionContext

WATCHED = (Kind.MONITORING, Kind.GOVERNANCE)
JUDGEMENT_WORDS = {BREACH: "breach", WATCH: "watch", WITHIN: "within", TOO_FEW: "too few to judge",
                   "not_judged": "not judged"}


def _pct(value: float | None, digits: int = 0) -> str:
    return "" if value is None else f"{value:.{digits}%}"


class AlertsModel(ListTableModel):
    COLUMNS = ("Status", "Raised", "Breach", "Escalated to", "Respond by", "Handling")

    def cells(self, a: Alert) -> tuple[str, ...]:
        handling = f"{a.handled_on} {a.handled_by}: {a.handling}" if not a.is_open else ""
        return (a.status, a.raised_on.isoformat(), a.title, a.contact, a.respond_by.isoformat(), handling)

    def tooltip(self, a: Alert, column: int) -> object:
        return a.detail if column == 2 else self.display(a, column)


class FlagRatesModel(ListTableModel):
    COLUMNS = ("Suggestion", "Attribute", "Group", "People", "Flagged", "Rate", "Impact ratio", "Adjusted p", "Judgement")

    def cells(self, r: Any) -> tuple[str, ...]:
        return (r.kind, r.attribute, r.group, f"{r.n:,}", f"{r.flagged:,}", _pct(r.rate),
                "" if r.impact_ratio is None else f"{r.impact_ratio:.2f}",
                "" if r.p_adjusted is None else f"{r.p_adjusted:.3g}", JUDGEMENT_WORDS.get(r.judgement, r.judgement))

    def tooltip(self, r: Any, column: int) -> object:
        return r.sentence


class ManagersModel(ListTableModel):
    COLUMNS = ("Manager", "Decisions", "Accepted", "Set aside", "Disagreed", "Override rate", "95% interval", "Judgement")

    def cells(self, m: Any) -> tuple[str, ...]:
        interval = f"{_pct(m.ci_low)} to {_pct(m.ci_high)}" if m.ci_low is not None else ""
        return (m.manager, str(m.decisions), str(m.accepted), str(m.set_aside), str(m.disagreed),
                _pct(m.override_rate), interval, JUDGEMENT_WORDS.get(m.judgement, m.judgement))

    def tooltip(self, m: Any, column: int) -> object:
        return m.sentence


class MonitoringView(QWidget):
    def __init__(self, context: "SectionContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self._context = context
        self.report: MonitoringReport | None = None
        self.alerts: list[Alert] = []
        is_hr = context.session.actor.role is Role.HR
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(label("Monitoring", "title"), 1)
        self.run_button = QPushButton("&Run monitoring now")
        self.run_button.setProperty("role", "primary")
        name(self.run_button, "Run monitoring now", "Compare the live system with governance step 6's thresholds; "
                                                    "a breach raises an alert to the escalation contact")
        self.run_button.setVisible(is_hr)
        self.run_button.clicked.connect(self.run_monitoring)
        top.addWidget(self.run_button)
        layout.addLayout(top)
        self.headline = label("Reading…", wrap=True)
        layout.addWidget(self.headline)
        self.message = label("", "message", wrap=True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.tabs = QTabWidget()
        name(self.tabs, "Monitoring tabs")
        self.tabs.addTab(self._summary_tab(), "&Summary")
        self.tabs.addTab(self._alerts_tab(is_hr), "&Alerts")
        self.tabs.addTab(self._table_tab("flags"), "&Flag rates by group")
        self.tabs.addTab(self._table_tab("managers"), "&Override rates by manager")
        layout.addWidget(self.tabs, 1)
        context.events.watch(self, WATCHED, self.refresh, name="monitoring")
        self.refresh()

    # --- building ---------------------------------------------------------------------------

    def _summary_tab(self) -> QWidget:
        self.summary = QScrollArea()
        self.summary.setWidgetResizable(True)
        self.summary.setFrameShape(QScrollArea.Shape.NoFrame)
        name(self.summary, "Monitoring summary")
        self.cards: dict[str, QLabel] = {}
        self._fill_summary({})
        return self.summary

    def _fill_summary(self, texts: dict[str, str]) -> None:
        """A fresh page of cards (built with their text, so each wraps to the height it needs)."""
        body = QWidget()
        body.setObjectName("Page")
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 10, 8, 0)
        self.cards = {}
        for key, title in (("thresholds", "Thresholds"), ("contests", "Contests"),
                           ("pilot", "Does it help? Pilot teams against comparison teams"), ("notes", "Notes")):
            card = Card(title)
            text = label(texts.get(key, "Not run yet."), wrap=True, selectable=True)
            name(text, title)
            card.body.addWidget(text)
            column.addWidget(card)
            self.cards[key] = text
        column.addStretch(1)
        self.summary.setWidget(body)  # the old page is deleted by the scroll area

    def _alerts_tab(self, is_hr: bool) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.setContentsMargins(0, 10, 0, 0)
        self.alerts_model = AlertsModel(self)
        self.alerts_table = data_table(name="Monitoring alerts")
        self.alerts_table.setModel(self.alerts_model)
        for index, width in enumerate((70, 95, 330, 200, 95)):
            self.alerts_table.setColumnWidth(index, width)
        column.addWidget(self.alerts_table, 1)
        self.alert_detail = label("Select an alert to read what breached.", "muted", wrap=True, selectable=True)
        name(self.alert_detail, "Alert details")
        column.addWidget(self.alert_detail)
        row = QHBoxLayout()
        self.handling = QLineEdit()
        self.handling.setPlaceholderText("What was done, e.g. spoke with the manager, reasons reviewed")
        row.addWidget(labelled("&How it was handled", self.handling, name="How the alert was handled"))
        row.addWidget(self.handling, 1)
        self.handle_button = QPushButton("Record how it was &handled")
        name(self.handle_button, "Record how it was handled", "Mark the selected alert handled, with the note")
        self.handle_button.clicked.connect(self.record_handling)
        row.addWidget(self.handle_button)
        holder = QWidget()
        holder.setLayout(row)
        holder.setVisible(is_hr)
        column.addWidget(holder)
        self.alerts_table.selectionModel().selectionChanged.connect(self._alert_selected)
        self._alert_selected()
        return tab

    def _table_tab(self, which: str) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.setContentsMargins(0, 10, 0, 0)
        note = label("", "muted", wrap=True)
        column.addWidget(note)
        if which == "flags":
            self.flag_note, self.flags_model = note, FlagRatesModel(self)
            table = data_table(name="Flag rates by protected group")
            table.setModel(self.flags_model)
            self.flags_table = table
            self.chart_picker = QComboBox()
            self.chart_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            self.chart_picker.setMinimumContentsLength(24)
            self.chart_picker.currentIndexChanged.connect(self._draw_flag_chart)
            row = QHBoxLayout()
            row.addWidget(labelled("&Chart", self.chart_picker, name="Which flag rates the chart shows"))
            row.addWidget(self.chart_picker)
            row.addStretch(1)
            column.addLayout(row)
            self.flag_chart = chart_view()
            self.flag_chart.setMinimumHeight(140)
            split = QSplitter(Qt.Orientation.Vertical)
            split.addWidget(table)
            split.addWidget(self.flag_chart)
            split.setChildrenCollapsible(False)
            split.setStretchFactor(0, 2)  # the chart of the chosen rows gets the larger share; the table scrolls
            split.setStretchFactor(1, 3)
            split.setSizes([200, 300])
            table.setMinimumHeight(90)
            column.addWidget(split, 1)
            return tab
        self.managers_note, self.managers_model = note, ManagersModel(self)
        table = data_table(name="Override rates by manager")
        table.setModel(self.managers_model)
        self.managers_table = table
        column.addWidget(table, 1)
        return tab

    # --- reading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        session = self._context.session

        def work(_progress: "Progress") -> tuple[MonitoringReport | None, list[Alert]]:
            from hrdesk.monitoring.query import alerts, latest_report

            return session.read(latest_report), session.read(alerts)

        self._context.runner.run(work, writes=False, show_progress=False, parent=self, on_success=self._loaded)

    def _loaded(self, result: tuple[MonitoringReport | None, list[Alert]]) -> None:
        self.report, self.alerts = result
        self.alerts_model.set_items(self.alerts)
        for column in (0, 1, 4):  # short values: as wide as they are, the breach gets the rest
            self.alerts_table.resizeColumnToContents(column)
        self._alert_selected()
        report = self.report
        if report is None:
            who = "Press Run monitoring now" if self.run_button.isVisible() else "HR runs it"
            self.headline.setText(f"Monitoring has not run yet. {who} to compare the live system with governance "
                                  "step 6's thresholds.")
            self._fill_summary({})
            return
        open_alerts = sum(1 for a in self.alerts if a.is_open)
        self.headline.setText(f"{report.headline()} {open_alerts} open alert{'s' if open_alerts != 1 else ''}. "
                              f"Last run {report.until} by {report.computed_by}.")
        from hrdesk.monitoring.text import thresholds_lines

        pilot = report.pilot
        self._fill_summary({
            "thresholds": "\n".join(line.strip() for line in thresholds_lines(report)),
            "contests": report.contests.sentence,
            "pilot": ("Governance step 6 is not signed yet, so there is no pilot to compare."
                      if report.thresholds is None else
                      "Step 6 took every team live at once, so there is no comparison group to measure against."
                      if pilot is None else "\n\n".join([pilot.sentence, *(e.sentence for e in pilot.estimates)]
                                                         + ([f"Method: {pilot.estimates[0].method}"]
                                                            if pilot.estimates else []))),
            "notes": "\n".join(report.notes) or "None."})
        self.flag_note.setText(report.flag_note)
        self.flags_model.set_items(report.flag_rates)
        self._fill_chart_picker(report)
        band = (f"Override band (governance step 6): {report.thresholds.override_band()}; at least "
                f"{report.thresholds.min_group_size} decisions to judge a manager. " if report.thresholds else "")
        self.managers_note.setText(band + report.decisions_note)
        self.managers_model.set_items(report.managers)
        for table in (self.flags_table, self.managers_table):
            table.resizeColumnsToContents()

    def _fill_chart_picker(self, report: MonitoringReport) -> None:
        chosen = self.chart_picker.currentData()
        self.chart_picker.blockSignals(True)
        self.chart_picker.clear()
        for key in dict.fromkeys((r.kind, r.attribute) for r in report.flag_rates):
            self.chart_picker.addItem(f"{KIND_LABELS.get(key[0], key[0])} by {key[1]}", key)
        if chosen is not None and self.chart_picker.findData(chosen) >= 0:
            self.chart_picker.setCurrentIndex(self.chart_picker.findData(chosen))
        self.chart_picker.blockSignals(False)
        self._draw_flag_chart()

    def _draw_flag_chart(self, *_args: object) -> None:
        """The chosen suggestion type's flag rate per group, with intervals, coloured by the engine's status."""
        key = self.chart_picker.currentData()
        rows = [r for r in (self.report.flag_rates if self.report else ()) if (r.kind, r.attribute) == key]
        if not rows:
            self.flag_chart.setChart(QChart())
            return
        bars = [Bar(r.group, r.rate, r.ci_low, r.ci_high, r.engine_status) for r in rows]
        # no title: the picker above says what it shows, and the height goes to the bars
        chart = bar_chart("", bars, axis_title="flagged", percent=True)
        for axis in chart.axes():
            if isinstance(axis, QValueAxis):
                axis.setTickCount(3)  # legible in the short space 1024x640 leaves
        self.flag_chart.setChart(chart)
        self.flag_chart.setMinimumHeight(140)  # fits 1024x640; the splitter gives it more room when there is

    def _alert_selected(self, *_args: object) -> None:
        rows = self.alerts_table.selectionModel().selectedRows()
        alert = self.alerts_model.item(rows[0].row()) if rows else None
        self.alert_detail.setText(alert.sentence() + "\n" + alert.detail if alert else
                                  ("Select an alert to read what breached." if self.alerts else "No alerts."))
        self.handle_button.setEnabled(alert is not None and alert.is_open)

    # --- writing ----------------------------------------------------------------------------

    def run_monitoring(self) -> None:
        session = self._context.session

        def work(_progress: "Progress") -> MonitoringReport:
            return session.run_monitoring().result

        def done(report: MonitoringReport) -> None:
            raised = len(report.alerts_raised)
            set_message(self.message, f"Monitoring ran: {raised} new alert{'s' if raised != 1 else ''} raised.",
                        "warn" if raised else "ok")

        self._context.runner.run(work, label="Running monitoring", parent=self, on_success=done)

    def record_handling(self) -> None:
        rows = self.alerts_table.selectionModel().selectedRows()
        if not rows:
            set_message(self.message, "Select an alert first.", "warn")
            return
        alert = self.alerts_model.item(rows[0].row())
        note, session = self.handling.text(), self._context.session

        def work(_progress: "Progress") -> Alert:
            return session.handle_monitoring_alert(alert.id, note).result

        def done(handled: Alert) -> None:
            self.handling.clear()
            set_message(self.message, f"Recorded: {handled.sentence()}", "ok")

        self._context.runner.run(work, label="Recording how the alert was handled", parent=self, on_success=done)
