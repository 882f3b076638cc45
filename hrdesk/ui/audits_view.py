"""The Audits screen: findings first, then the numbers behind each one.

Top: a one-line summary and the findings, flags first, in plain language.
Below: a picker of tables (every outcome x grouping, manager calibration,
data gaps), the chosen table and its chart (rates or means with 95%
interval whiskers). Clicking a finding opens its table and selects its rows,
so the evidence is one click away. "Export CSV…" writes every table through
``hrdesk.fairness.export_csv``; this widget only presents.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from hrdesk.fairness.export import export_csv
from hrdesk.fairness.multiplicity import comparisons_text
from hrdesk.fairness.result import (
    STATUS_TEXT, AuditResult, Calibration, Finding, GapTable, MeanTable, RateTable, Status,
)
from hrdesk.fairness.wording import num, pct
from hrdesk.ui import palette
from hrdesk.ui.charts import Bar, bar_chart, chart_view
from hrdesk.ui.table_model import ListTableModel
from hrdesk.ui.widgets import data_table, label, labelled

#: The row's key (group, manager or finding id) for selection and tests.
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
#: The row's status (Status.*).
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

_SEVERITY_TEXT = {Status.FLAG: "FLAG", Status.WATCH: "Watch"}


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], str]
    tip: str = ""


def _p(p: float | None) -> str:
    return "–" if p is None else "<0.001" if p < 0.001 else f"{p:.3f}"


def _status(row) -> str:
    text = STATUS_TEXT[row.status]
    return text + (" · one-person gap" if getattr(row, "one_person", None) else "")


_ADJUSTED_TIP = ("p allowing for the many comparisons one audit makes (false-discovery-rate correction, "
                 "Benjamini–Hochberg); a gap counts as statistically meaningful only when this is under 0.05")

RATE_COLUMNS = (
    Column("Group", lambda r: r.group),
    Column("People", lambda r: f"{r.n:,}"),
    Column("Share", lambda r: pct(r.share), "Share of everyone with this outcome recorded"),
    Column("Rate", lambda r: pct(r.rate)),
    Column("95% CI", lambda r: f"{pct(r.ci_low)} – {pct(r.ci_high)}", "Wilson 95% confidence interval for the rate"),
    Column("Impact ratio", lambda r: num(r.impact_ratio),
           "Favourable-outcome rate over the most favoured group's; under 0.8 breaches the four-fifths rule"),
    Column("p", lambda r: _p(r.p_value), "Chance of a gap at least this large if there were no real difference"),
    Column("Adj. p", lambda r: _p(r.p_adjusted), _ADJUSTED_TIP),
    Column("Status", _status),
)
MEAN_COLUMNS = (
    Column("Group", lambda r: r.group),
    Column("People", lambda r: f"{r.n:,}"),
    Column("Mean", lambda r: num(r.mean)),
    Column("95% CI", lambda r: f"{num(r.ci_low)} – {num(r.ci_high)}"),
    Column("Gap", lambda r: num(r.gap), "Difference from the reference group's mean"),
    Column("Gap 95% CI", lambda r: f"{num(r.gap_ci_low)} to {num(r.gap_ci_high)}", "Welch 95% interval for the gap"),
    Column("p", lambda r: _p(r.p_value), "Chance of a gap at least this large if there were no real difference"),
    Column("Adj. p", lambda r: _p(r.p_adjusted), _ADJUSTED_TIP),
    Column("Status", _status),
)
GAP_COLUMNS = (
    Column("Group", lambda r: r.group),
    Column("People", lambda r: f"{r.n:,}"),
    Column("Affected", lambda r: f"{r.count:,}"),
    Column("Share", lambda r: pct(r.share)),
)


class RowsModel(ListTableModel):
    """A read-only table over a tuple of result rows, described by ``Column``s."""

    def __init__(self, columns: tuple[Column, ...] = (), rows: tuple = (), key: Callable[[Any], str] = lambda r: r.group,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns, self._items, self._key = columns, list(rows), key

    def set_rows(self, columns: tuple[Column, ...], rows: tuple, key: Callable[[Any], str] = lambda r: r.group) -> None:
        self.beginResetModel()
        self._columns, self._items, self._key = columns, list(rows), key
        self.endResetModel()

    def columns(self) -> tuple[str, ...]:
        return tuple(c.title for c in self._columns)

    def display(self, item: Any, column: int) -> str:
        return self._columns[column].value(item)

    def tooltip(self, item: Any, column: int) -> str | None:
        if getattr(item, "one_person", None):
            return "One more person of this group with the favourable outcome would lift the ratio to 0.8."
        return self._columns[column].tip or None

    def role_data(self, item: Any, column: int, role: int) -> object:
        status = getattr(item, "status", getattr(item, "severity", ""))
        if role == Qt.ItemDataRole.BackgroundRole and palette.status_background(status) is not None:
            return palette.status_background(status)
        if role == Qt.ItemDataRole.ForegroundRole and status in (Status.TOO_SMALL, Status.UNKNOWN):
            return palette.muted()
        if role == KEY_ROLE:
            return self._key(item)
        if role == STATUS_ROLE:
            return status
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].tip or None
        return super().headerData(section, orientation, role)

    def row_of(self, key: str) -> int:
        return next((i for i, r in enumerate(self._items) if self._key(r) == key), -1)

    def row_at(self, i: int):
        return self.item(i)


class FindingsModel(RowsModel):
    """Findings, one per row: severity and the plain-language sentence."""

    COLUMNS = (
        Column("", lambda f: _SEVERITY_TEXT.get(f.severity, f.severity)),
        Column("What the audit found", lambda f: f.text),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.COLUMNS, (), lambda f: f.id, parent)

    def set_findings(self, findings: tuple[Finding, ...]) -> None:
        self.set_rows(self.COLUMNS, findings, lambda f: f.id)

    def tooltip(self, item: Finding, column: int) -> str:
        return item.title

    def role_data(self, item: Finding, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return palette.status_colour(item.severity)
        return super().role_data(item, column, role)


class AuditsView(QWidget):
    """Shows one ``AuditResult``; call ``show_result`` to (re)fill it."""

    #: emitted with the paths written by "Export CSV…"
    exported = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: AuditResult | None = None
        self.summary = label("No audit has been run yet.", "heading", wrap=True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.explain = label("", "muted", wrap=True)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setToolTip("Write every table of this audit to CSV files in a folder you choose")
        self.export_button.clicked.connect(self._ask_export)
        self.export_button.setEnabled(False)
        self.findings = FindingsModel(self)
        self.findings_view = data_table(name="Findings")
        self.findings_view.setModel(self.findings)
        self.findings_view.setWordWrap(True)
        self.findings_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.findings_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.findings_view.selectionModel().currentRowChanged.connect(self._finding_chosen)
        self.table_picker = QComboBox()
        self.table_picker.currentIndexChanged.connect(self._table_chosen)
        self.table_note = label("", "muted", wrap=True)
        self.table = RowsModel(parent=self)
        self.table_view = data_table(name="Audit table")
        self.table_view.setModel(self.table)
        self.chart = chart_view()
        self._layout()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        findings_box = QWidget()
        fl = QVBoxLayout(findings_box)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(label("Findings — flags first. Click one to see the numbers behind it.", "card-title"))
        fl.addWidget(self.findings_view)
        details = QWidget()
        dl = QVBoxLayout(details)
        dl.setContentsMargins(0, 0, 0, 0)
        picker_row = QHBoxLayout()
        picker_row.addWidget(labelled("&Table:", self.table_picker, name="Audit table shown"))
        picker_row.addWidget(self.table_picker, 1)
        dl.addLayout(picker_row)
        dl.addWidget(self.table_note)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table_view)
        split.addWidget(self.chart)
        split.setSizes([700, 500])
        dl.addWidget(split, 1)
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(findings_box)
        outer.addWidget(details)
        outer.setSizes([300, 420])
        outer.setChildrenCollapsible(False)
        self.findings_view.setMinimumHeight(150)  # at least three findings, whatever the window size
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.explain)
        layout.addWidget(outer, 1)

    # --- filling ---------------------------------------------------------------

    def show_result(self, result: AuditResult) -> None:
        """Show ``result``: summary, findings, and the first table."""
        self.result = result
        flags = sum(f.severity == Status.FLAG for f in result.findings)
        watches = len(result.findings) - flags
        self.summary.setText(
            f"Audit as of {result.reference_date} · {result.population:,} people · "
            f"{flags} flagged, {watches} to watch")
        s = result.settings
        self.explain.setText(
            f"Flag: a group fares under {s.impact_threshold:g}× as well as the most favoured group (four-fifths rule) "
            f"and the gap is unlikely to be chance. Watch: only one of the two. "
            f"{comparisons_text(result.families, s.alpha, detail=False)} "
            f"Groups under {s.min_group} people or {pct(s.min_share)} of staff are too small to judge.")
        self.explain.setToolTip(comparisons_text(result.families, s.alpha))
        self.findings.set_findings(result.findings)
        self.findings_view.resizeRowsToContents()
        self.export_button.setEnabled(True)
        self._fill_picker(result)

    def _fill_picker(self, result: AuditResult) -> None:
        self.table_picker.blockSignals(True)
        self.table_picker.clear()
        for t in result.rates:
            if t.protected:
                self.table_picker.addItem(f"{result.outcome(t.outcome).label} — by {t.dimension_label}", t.id)
        for t in result.means:
            if t.protected:
                self.table_picker.addItem(f"{result.outcome(t.outcome).label} — by {t.dimension_label}", t.id)
        if result.calibration.managers:
            self.table_picker.addItem("Manager calibration — each team vs the rest", result.calibration.id)
        for t in result.rates:
            if not t.protected:
                self.table_picker.addItem(f"{result.outcome(t.outcome).label} — by manager", t.id)
        for g in result.quality.gaps:
            self.table_picker.addItem(f"Data: {g.issue} {g.field.replace('_', ' ')} — by {g.dimension_label}", g.id)
        self.table_picker.blockSignals(False)
        self.table_picker.setCurrentIndex(0)
        self._table_chosen(0)

    def current_table_id(self) -> str:
        return self.table_picker.currentData() or ""

    def show_table(self, table_id: str) -> bool:
        i = self.table_picker.findData(table_id)
        if i < 0:
            return False
        if i != self.table_picker.currentIndex():
            self.table_picker.setCurrentIndex(i)
        return True

    def _table_chosen(self, _index: int) -> None:
        if self.result is None:
            return
        t = self.result.table(self.current_table_id())
        if isinstance(t, RateTable):
            self._show_rates(t)
        elif isinstance(t, MeanTable):
            self._show_means(t)
        elif isinstance(t, Calibration):
            self._show_calibration(t)
        elif isinstance(t, GapTable):
            self.table.set_rows(GAP_COLUMNS, t.rows)
            self.table_note.setText(f"People with {t.field.replace('_', ' ')} {t.issue}, by group; "
                                    f"p = {_p(t.p_value)} that the groups differ only by chance "
                                    f"(adjusted for the audit's many comparisons: {_p(t.p_adjusted)}).")
            self.chart.setChart(bar_chart(f"{t.field} {t.issue}", [Bar(r.group, r.share, None, None, Status.OK) for r in t.rows],
                                          axis_title="Share affected", percent=True))
        self.table_view.resizeColumnsToContents()

    def _show_rates(self, t: RateTable) -> None:
        o = self.result.outcome(t.outcome)
        self.table.set_rows(RATE_COLUMNS, t.rows)
        side = {"unfavourable": "Impact ratios use the favourable side (not having it), so under 0.8 still means "
                                "'fares worse'; bars above the dashed four-fifths line breach the rule. ",
                "favourable": "Bars below the dashed four-fifths line breach the rule. "}.get(o.direction, "")
        self.table_note.setText(
            f"Rate = share of each group who {o.event}. Most favoured group: {t.reference or 'none large enough to judge'}. "
            f"{side}{t.unknown} people with {t.dimension_label.lower()} unknown.")
        bars = [Bar(r.group, r.rate, r.ci_low, r.ci_high, r.status) for r in t.rows]
        line, name = self._four_fifths_line(t, o.direction)
        self.chart.setChart(bar_chart(f"{o.label} by {t.dimension_label}", bars, axis_title="Rate (95% CI)",
                                      percent=True, line=line, line_label=name))

    def _four_fifths_line(self, t: RateTable, direction: str) -> tuple[float | None, str]:
        ref = t.row(t.reference) if t.reference else None
        if ref is None or ref.rate is None or direction == "neutral":
            return None, ""
        k = self.result.settings.impact_threshold
        if direction == "favourable":
            return k * ref.rate, "four-fifths line"
        return 1 - k * (1 - ref.rate), "four-fifths line"

    def _show_means(self, t: MeanTable) -> None:
        o = self.result.outcome(t.outcome)
        self.table.set_rows(MEAN_COLUMNS, t.rows)
        self.table_note.setText(f"Mean {o.label.lower()} per group, gap to {t.reference or '–'} with a Welch 95% interval.")
        bars = [Bar(r.group, r.mean, r.ci_low, r.ci_high, r.status) for r in t.rows]
        self.chart.setChart(bar_chart(f"{o.label} by {t.dimension_label}", bars, axis_title="Mean (95% CI)", percent=False))

    def _show_calibration(self, c: Calibration) -> None:
        cols = (Column("Manager", lambda m: m.manager), Column("Team", lambda m: str(m.team_size)),
                Column("Rated", lambda m: str(m.rated)),
                *(Column(cat, (lambda i: lambda m: f"{m.counts[i]}")(i)) for i, cat in enumerate(c.scale)),  # noqa: B023 - bound by the immediately called outer lambda
                Column("Mean", lambda m: num(m.mean)), Column("Rest", lambda m: num(m.rest_mean)),
                Column("Gap 95% CI", lambda m: f"{num(m.gap_ci_low)} to {num(m.gap_ci_high)}"),
                Column("p (spread)", lambda m: _p(m.distribution_p)),
                Column("adj. p (spread)", lambda m: _p(m.distribution_p_adjusted), _ADJUSTED_TIP),
                Column("p (mean)", lambda m: _p(m.gap_p)),
                Column("adj. p (mean)", lambda m: _p(m.gap_p_adjusted), _ADJUSTED_TIP),
                Column("Status", _status))
        self.table.set_rows(cols, c.managers, key=lambda m: m.manager)
        self.table_note.setText("Each team's ratings against everyone else's. Mean rating uses 1 = "
                                f"{c.scale[0]} … {len(c.scale)} = {c.scale[-1]}.")
        bars = [Bar(m.manager, m.mean, None, None, m.status) for m in c.managers if m.mean is not None]
        totals = [a + b for a, b in zip(c.managers[0].counts, c.managers[0].rest_counts)] if c.managers else []
        org = sum((i + 1) * t for i, t in enumerate(totals)) / max(sum(totals), 1) if totals else None
        self.chart.setChart(bar_chart("Mean rating by manager", bars, axis_title="Mean rating", percent=False,
                                      line=org, line_label="organisation mean"))

    # --- interaction --------------------------------------------------------------

    def _finding_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.select_finding(current.row())

    def select_finding(self, row: int) -> list[str]:
        """Open the finding's table and select its rows; return the selected keys."""
        finding = self.findings.row_at(row)
        if not self.show_table(finding.table):
            return []
        selection = QItemSelection()
        for key in finding.groups:
            r = self.table.row_of(key)
            if r >= 0:
                selection.select(self.table.index(r, 0), self.table.index(r, self.table.columnCount() - 1))
        sm = self.table_view.selectionModel()
        sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        if not selection.isEmpty():
            self.table_view.scrollTo(selection.indexes()[0])
        return self.selected_keys()

    def selected_keys(self) -> list[str]:
        rows = sorted({i.row() for i in self.table_view.selectionModel().selectedIndexes()})
        return [self.table.data(self.table.index(r, 0), KEY_ROLE) for r in rows]

    def _ask_export(self) -> None:
        directory = QFileDialog.getExistingDirectory(self, "Export audit tables to folder")
        if directory:
            self.export_to(directory)

    def export_to(self, directory: str | Path) -> list[Path]:
        """Write every table as CSV into ``directory`` (through the core)."""
        if self.result is None:
            return []
        paths = export_csv(self.result, directory)
        self.exported.emit(paths)
        return paths
