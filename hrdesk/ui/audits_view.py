"""The Audits screen: findings first, then the numbers behind each one.

Top: a one-line summary and the findings, flags first, each in plain words
("Women received 'Exceeds' about a third as often as men: 8% vs 25%. A gap
this size is very unlikely to be chance."). Clicking one shows its statistics
(rates, impact ratio, p-values, the comparisons allowed for) and opens its
table with its rows selected, so the evidence is one click away. Below: two
pickers — the outcome, then the grouping — choose any table (every outcome
x grouping, manager calibration, data gaps); groups are named as the
findings name them ("Women", not "F"). The chart draws every group: many
groups (30 managers) become horizontal bars in a scrolling view. "Export CSV…" writes every table through
``hrdesk.fairness.export_csv``; this widget only presents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QFrame, QHBoxLayout, QHeaderView, QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget,
)

from hrdesk.fairness.multiplicity import comparisons_text
from hrdesk.fairness.result import (
    STATUS_TEXT, AuditResult, Calibration, Finding, GapTable, MeanTable, RateTable, Status,
)
from hrdesk.fairness.groups import SEPARATOR
from hrdesk.fairness.wording import group_label, num, pct
from hrdesk.ui import palette
from hrdesk.ui.charts import Bar, bar_chart, chart_height, chart_view
from hrdesk.ui.table_model import ListTableModel
from hrdesk.ui.widgets import data_table, label, labelled

#: The row's key (group, manager or finding id) for selection and tests.
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
#: The row's status (Status.*).
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

_SEVERITY_TEXT = {Status.FLAG: "FLAG", Status.WATCH: "Watch", Status.NOTE: "Not judged"}


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

# Each table's first column is its group, named as people read it ("Women", not "F"): see ``_group_column``.
RATE_COLUMNS = (
    Column("People", lambda r: f"{r.n:,}"),
    Column("Share", lambda r: pct(r.share), "Share of everyone with this outcome recorded"),
    Column("Rate", lambda r: pct(r.rate)),
    Column("95% CI", lambda r: f"{pct(r.ci_low)} – {pct(r.ci_high)}", "Wilson 95% confidence interval for the rate"),
    Column("Impact ratio", lambda r: num(r.impact_ratio),
           "Favourable-outcome rate over the most favoured group's; under 0.8 breaches the four-fifths rule"),
    Column("Everyone else", lambda r: pct(r.rest_rate), "The rate of everyone else whose attribute is known: "
           "the comparison behind p"),
    Column("p", lambda r: _p(r.p_value), "Chance of a gap at least this large against everyone else if there were "
           "no real difference"),
    Column("Adj. p", lambda r: _p(r.p_adjusted), _ADJUSTED_TIP),
    Column("Status", _status),
)
MEAN_COLUMNS = (
    Column("People", lambda r: f"{r.n:,}"),
    Column("Mean", lambda r: num(r.mean)),
    Column("95% CI", lambda r: f"{num(r.ci_low)} – {num(r.ci_high)}"),
    Column("Gap", lambda r: num(r.gap), "Difference from the reference group's mean"),
    Column("Gap 95% CI", lambda r: f"{num(r.gap_ci_low)} to {num(r.gap_ci_high)}", "Welch 95% interval for the gap"),
    Column("Everyone else", lambda r: num(r.rest_mean), "The mean of everyone else whose attribute is known: "
           "the comparison behind p"),
    Column("p", lambda r: _p(r.p_value), "Chance of a gap at least this large against everyone else if there were "
           "no real difference (Welch)"),
    Column("Adj. p", lambda r: _p(r.p_adjusted), _ADJUSTED_TIP),
    Column("Status", _status),
)
GAP_COLUMNS = (
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
        self._titles = tuple(c.title for c in columns)

    def set_rows(self, columns: tuple[Column, ...], rows: tuple, key: Callable[[Any], str] = lambda r: r.group) -> None:
        self.beginResetModel()
        self._columns, self._items, self._key = columns, list(rows), key
        self._titles = tuple(c.title for c in columns)  # Qt asks for the column count tens of thousands of times
        self.endResetModel()

    def columns(self) -> tuple[str, ...]:
        return self._titles

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
        Column("What the audit found", lambda f: f.summary or f.text),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.COLUMNS, (), lambda f: f.id, parent)

    def set_findings(self, findings: tuple[Finding, ...]) -> None:
        self.set_rows(self.COLUMNS, findings, lambda f: f.id)

    def tooltip(self, item: Finding, column: int) -> str:
        return f"{item.title} — click for the statistics behind it"

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
        self._index = TableIndex()
        self._labels: dict[str, str] = {}
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
        self.statistics = label("Click a finding to see the statistics behind it.", "muted", wrap=True, selectable=True)
        self.statistics.setAccessibleName("Statistics behind the chosen finding")
        self.outcome_picker = QComboBox()
        self.outcome_picker.currentIndexChanged.connect(self._outcome_chosen)
        self.by_picker = QComboBox()
        self.by_picker.currentIndexChanged.connect(self._table_chosen)
        for picker in (self.outcome_picker, self.by_picker):
            picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            picker.setMinimumContentsLength(14)
        self.table_note = label("", "muted", wrap=True)
        self.table = RowsModel(parent=self)
        self.table_view = data_table(name="Audit table")
        self.table_view.setModel(self.table)
        self.chart = chart_view()
        self.chart_scroll = QScrollArea()
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_scroll.setWidget(self.chart)
        self.chart_scroll.setAccessibleName("Chart of the table shown (scrolls when there are many groups)")
        self._layout()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        findings_box = QWidget()
        fl = QVBoxLayout(findings_box)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(label("Findings — flags first. Click one to see the statistics and the table behind it.",
                           "card-title", wrap=True))
        fl.addWidget(self.findings_view, 1)
        fl.addWidget(self.statistics)
        details = QWidget()
        dl = QVBoxLayout(details)
        dl.setContentsMargins(0, 0, 0, 0)
        picker_row = QHBoxLayout()
        picker_row.addWidget(labelled("&Outcome:", self.outcome_picker, name="Outcome of the table shown"))
        picker_row.addWidget(self.outcome_picker, 3)
        picker_row.addWidget(labelled("&By:", self.by_picker, name="Groups of the table shown"))
        picker_row.addWidget(self.by_picker, 2)
        dl.addLayout(picker_row)
        dl.addWidget(self.table_note)
        # The table above its chart, both full width: every column readable at 1024 pixels and with large
        # text, and the chart wide enough for full group names.
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table_view)
        split.addWidget(self.chart_scroll)
        split.setSizes([260, 340])
        split.setChildrenCollapsible(False)
        self.table_view.setMinimumHeight(160)
        self.chart_scroll.setMinimumHeight(260)
        dl.addWidget(split, 1)
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(findings_box)
        outer.addWidget(details)
        outer.setSizes([320, 640])
        outer.setChildrenCollapsible(False)
        self.findings_view.setMinimumHeight(150)  # at least three findings, whatever the window size
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.explain)
        layout.addWidget(outer, 1)

    # --- filling ---------------------------------------------------------------

    def show_result(self, result: AuditResult) -> None:
        """Show ``result``: summary, findings in plain words, and the first table."""
        self.result = result
        self._labels = {t.dimension[0]: t.dimension_label for t in (*result.rates, *result.means) if len(t.dimension) == 1}
        count = {sev: sum(f.severity == sev for f in result.findings) for sev in (Status.FLAG, Status.WATCH, Status.NOTE)}
        not_judged = f", {count[Status.NOTE]} could not be judged" if count[Status.NOTE] else ""
        self.summary.setText(
            f"Audit as of {result.reference_date} · {result.population:,} people · "
            f"{count[Status.FLAG]} flagged, {count[Status.WATCH]} to watch{not_judged}")
        s = result.settings
        self.explain.setText(
            f"Flag: a group fares under {s.impact_threshold:g}× as well as the most favoured group (four-fifths rule) "
            f"and worse than everyone else by more than chance would explain. Watch: only one of the two. "
            f"{comparisons_text(result.families, s.alpha, detail=False)} "
            f"Groups under {s.min_group} people or {pct(s.min_share)} of staff are too small to judge.")
        self.explain.setToolTip(comparisons_text(result.families, s.alpha))
        self.findings.set_findings(result.findings)
        self.findings_view.resizeRowsToContents()
        self.statistics.setText("Click a finding to see the statistics behind it." if result.findings else
                                "No findings: no group is below the four-fifths line and worse off than everyone "
                                "else by more than chance would explain.")
        self.export_button.setEnabled(True)
        self._index = TableIndex.of(result)
        self.outcome_picker.blockSignals(True)
        self.outcome_picker.clear()
        for key, text in self._index.outcomes:
            self.outcome_picker.addItem(text, key)
        self.outcome_picker.blockSignals(False)
        self.outcome_picker.setCurrentIndex(0)
        self._outcome_chosen(0)

    def group_name(self, dimension: tuple[str, ...], parts: tuple[str, ...]) -> str:
        """A group as the findings name it: "Women", "Black or African American", "White women"."""
        return group_label(dimension, parts, self._labels)

    def current_table_id(self) -> str:
        return self.by_picker.currentData() or ""

    def show_table(self, table_id: str) -> bool:
        """Point both pickers at ``table_id``; False when the audit has no such table."""
        place = self._index.place(table_id)
        if place is None:
            return False
        outcome, position = place
        if self.current_table_id() == table_id:
            return True
        i = self.outcome_picker.findData(outcome)
        if i != self.outcome_picker.currentIndex():
            self.outcome_picker.blockSignals(True)
            self.outcome_picker.setCurrentIndex(i)
            self.outcome_picker.blockSignals(False)
            self._fill_by(outcome)
        self.by_picker.blockSignals(True)
        self.by_picker.setCurrentIndex(position)
        self.by_picker.blockSignals(False)
        self._table_chosen(position)
        return True

    def _outcome_chosen(self, _index: int) -> None:
        previous = self.by_picker.currentText()
        self._fill_by(self.outcome_picker.currentData() or "")
        same = self.by_picker.findText(previous)
        self.by_picker.setCurrentIndex(max(same, 0))
        self._table_chosen(self.by_picker.currentIndex())

    def _fill_by(self, outcome: str) -> None:
        self.by_picker.blockSignals(True)
        self.by_picker.clear()
        for text, table_id in self._index.tables.get(outcome, []):
            self.by_picker.addItem(text, table_id)
        self.by_picker.setEnabled(self.by_picker.count() > 1)
        self.by_picker.blockSignals(False)

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
            self._show_gaps(t)
        self.table_view.resizeColumnsToContents()

    def _group_column(self, dimension: tuple[str, ...]) -> Column:
        return Column("Group", lambda r: self.group_name(dimension, r.parts) if hasattr(r, "parts")
                      else self.group_name(dimension, tuple(r.group.split(SEPARATOR))))

    def _set_chart(self, title: str, bars: list[Bar], **options) -> None:
        """Draw every bar; a long list gets the height it needs and the view scrolls."""
        self.chart.setChart(bar_chart(title, bars, **options))
        self.chart.setMinimumHeight(chart_height(bars))

    def _show_gaps(self, t: GapTable) -> None:
        group = self._group_column(t.dimension)
        self.table.set_rows((group, *GAP_COLUMNS), t.rows)
        self.table_note.setText(f"People with {t.field.replace('_', ' ')} {t.issue}, by group; "
                                f"p = {_p(t.p_value)} that the groups differ only by chance "
                                f"(adjusted for the audit's many comparisons: {_p(t.p_adjusted)}).")
        bars = [Bar(group.value(r), r.share, None, None, Status.OK) for r in t.rows]
        self._set_chart(f"{t.field.replace('_', ' ').capitalize()} {t.issue} by {t.dimension_label}", bars,
                        axis_title="Share affected", percent=True)

    def _show_rates(self, t: RateTable) -> None:
        o = self.result.outcome(t.outcome)
        group = self._group_column(t.dimension)
        self.table.set_rows((group, *RATE_COLUMNS), t.rows)
        ref = t.row(t.reference) if t.reference else None
        side = {"unfavourable": "Impact ratios use the favourable side (not having it), so under 0.8 still means "
                                "'fares worse'; bars above the dashed four-fifths line breach the rule. ",
                "favourable": "Bars below the dashed four-fifths line breach the rule. "}.get(o.direction, "")
        self.table_note.setText(
            f"Rate = share of each group who {o.event}. Most favoured group: "
            f"{group.value(ref) if ref else 'none large enough to judge'}. {side}p compares each group with everyone "
            f"else. {t.unknown} people with {t.dimension_label.lower()} unknown.")
        bars = [Bar(group.value(r), r.rate, r.ci_low, r.ci_high, r.status) for r in t.rows]
        line, name = self._four_fifths_line(t, o.direction)
        self._set_chart(f"{o.label} by {t.dimension_label}", bars, axis_title="Rate (95% CI)",
                        percent=True, line=line, line_label=name)

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
        group = self._group_column(t.dimension)
        self.table.set_rows((group, *MEAN_COLUMNS), t.rows)
        ref = t.row(t.reference) if t.reference else None
        self.table_note.setText(f"Mean {o.label.lower()} per group, gap to {group.value(ref) if ref else '–'} with a "
                                "Welch 95% interval; p compares each group with everyone else.")
        bars = [Bar(group.value(r), r.mean, r.ci_low, r.ci_high, r.status) for r in t.rows]
        self._set_chart(f"{o.label} by {t.dimension_label}", bars, axis_title="Mean (95% CI)", percent=False)

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
        shown = [m for m in c.managers if m.mean is not None]
        self.table_note.setText(f"Each team's ratings against everyone else's ({len(c.managers)} managers; "
                                f"{len(shown)} with rated people are charted). Mean rating uses 1 = "
                                f"{c.scale[0]} … {len(c.scale)} = {c.scale[-1]}.")
        bars = [Bar(m.manager, m.mean, None, None, m.status) for m in shown]
        totals = [a + b for a, b in zip(c.managers[0].counts, c.managers[0].rest_counts)] if c.managers else []
        org = sum((i + 1) * t for i, t in enumerate(totals)) / max(sum(totals), 1) if totals else None
        self._set_chart("Mean rating by manager", bars, axis_title="Mean rating", percent=False,
                        line=org, line_label="organisation mean")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Larger text (a 14 pt desktop, a style sheet) re-fits the columns and the findings' rows."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and self.result is not None:
            self.table_view.resizeColumnsToContents()
            self.findings_view.resizeRowsToContents()

    # --- interaction --------------------------------------------------------------

    def _finding_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.select_finding(current.row())

    def select_finding(self, row: int) -> list[str]:
        """Show the finding's statistics, open its table and select its rows; return the selected keys."""
        finding = self.findings.row_at(row)
        self.statistics.setText(f"The numbers: {finding.text}" if finding.summary and finding.summary != finding.text
                                else finding.text)
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
        from hrdesk.fairness.export import export_csv  # pandas: loaded when a user exports, not when the screen opens

        paths = export_csv(self.result, directory)
        self.exported.emit(paths)
        return paths


@dataclass
class TableIndex:
    """Every table of a result, reachable by two choices: the outcome, then the grouping.

    ``outcomes`` lists (key, text) in reading order; ``tables[key]`` the
    (grouping text, table id) pairs of that outcome, protected attributes
    first, then intersections, then managers.
    """

    outcomes: list[tuple[str, str]] = field(default_factory=list)
    tables: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, result: AuditResult) -> "TableIndex":
        index = cls()
        rank = lambda t: (not t.protected, len(t.dimension))  # noqa: E731
        for o in result.outcomes:
            tables = sorted((t for t in (*result.rates, *result.means) if t.outcome == o.key), key=rank)
            if tables:
                index.add(o.key, o.label, [("Manager" if not t.protected else t.dimension_label, t.id) for t in tables])
        if result.calibration.managers:
            index.add("calibration", "Manager calibration (each team vs the rest)", [("Manager", result.calibration.id)])
        for g in result.quality.gaps:
            key = f"gap/{g.issue}/{g.field}"
            name = f"Data: {g.field.replace('_', ' ')} {g.issue}"
            index.add(key, name, [*index.tables.get(key, []), (g.dimension_label, g.id)])
        return index

    def add(self, key: str, text: str, tables: list[tuple[str, str]]) -> None:
        if key not in self.tables:
            self.outcomes.append((key, text))
        self.tables[key] = tables

    def place(self, table_id: str) -> tuple[str, int] | None:
        """(outcome key, position in its grouping list) of a table."""
        for key, tables in self.tables.items():
            for i, (_text, tid) in enumerate(tables):
                if tid == table_id:
                    return key, i
        return None
