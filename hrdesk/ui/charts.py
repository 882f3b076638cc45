"""Charts for audit results: per-group rates or means with 95% interval whiskers.

QtCharts has no error-bar series, so each whisker is a short ``QLineSeries``
attached to the bar chart's category axis (category *i* sits at x = i), and
the bars are a ``QStackedBarSeries`` with one set per status — each bar is
non-zero in exactly one set — so colour says "flag / watch / no concern /
too small" and the legend explains it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QLineSeries, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPainter, QPen

from hrdesk.fairness.result import Status
from hrdesk.ui import palette

#: The statuses in legend order; their colours come from the one palette.
STATUS_ORDER = (Status.FLAG, Status.WATCH, Status.OK, Status.REFERENCE, Status.TOO_SMALL, Status.UNKNOWN)
STATUS_LEGEND = {
    Status.FLAG: "flag",
    Status.WATCH: "watch",
    Status.OK: "no concern",
    Status.REFERENCE: "most favoured",
    Status.TOO_SMALL: "too small to judge",
    Status.UNKNOWN: "attribute unknown",
}
MAX_BARS = 24


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    low: float | None
    high: float | None
    status: str


def bar_chart(title: str, bars: list[Bar], *, axis_title: str, percent: bool, line: float | None = None,
              line_label: str = "") -> QChart:
    """Bars coloured by status with interval whiskers and an optional dashed line."""
    shown = bars[:MAX_BARS]
    chart = QChart()
    chart.setTitle(title + (f"  (first {MAX_BARS} of {len(bars)})" if len(bars) > MAX_BARS else ""))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    scale = 100.0 if percent else 1.0
    series = QStackedBarSeries()
    for status in STATUS_ORDER:
        if any(b.status == status for b in shown):
            bar_set = QBarSet(STATUS_LEGEND[status])
            bar_set.setColor(palette.status_colour(status))
            bar_set.setBorderColor(palette.status_colour(status))
            bar_set.append([(b.value or 0.0) * scale if b.status == status else 0.0 for b in shown])
            series.append(bar_set)
    series.setBarWidth(0.6)
    chart.addSeries(series)
    x_axis = QBarCategoryAxis()
    x_axis.append([_short(b.label) for b in shown])
    x_axis.setLabelsAngle(-35 if len(shown) > 4 else 0)
    top = max([(b.high if b.high is not None else b.value or 0.0) for b in shown] + [line or 0.0, 0.01]) * scale * 1.12
    y_axis = QValueAxis()
    y_axis.setRange(0.0, top)
    y_axis.setTitleText(axis_title)
    y_axis.setLabelFormat("%.0f%%" if percent else "%.1f")
    y_axis.applyNiceNumbers()
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x_axis)
    series.attachAxis(y_axis)
    for i, b in enumerate(shown):
        if b.low is not None and b.high is not None:
            _whisker(chart, x_axis, y_axis, i, b.low * scale, b.high * scale)
    if line is not None:
        _hline(chart, x_axis, y_axis, len(shown), line * scale, line_label)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    style_chart(chart)
    return chart


def style_chart(chart: QChart) -> None:
    """Paint a chart in the one palette and the system font (a dark desktop gets a dark chart)."""
    p = palette.current()
    font = QGuiApplication.font()
    chart.setBackgroundBrush(p.colour("surface"))
    chart.setTitleBrush(p.colour("text"))
    title = QFont(font)
    title.setBold(True)
    chart.setTitleFont(title)
    chart.legend().setLabelColor(p.colour("text"))
    chart.legend().setFont(font)
    for axis in chart.axes():
        axis.setLabelsColor(p.colour("muted"))
        axis.setLabelsFont(font)
        axis.setTitleBrush(p.colour("muted"))
        axis.setTitleFont(font)
        axis.setGridLineColor(p.colour("grid"))
        axis.setLinePenColor(p.colour("border"))


def _whisker(chart: QChart, x_axis, y_axis, i: int, low: float, high: float) -> None:
    pen = QPen(palette.current().colour("whisker"))
    pen.setWidthF(1.6)
    for points in (((i, low), (i, high)), ((i - 0.12, low), (i + 0.12, low)), ((i - 0.12, high), (i + 0.12, high))):
        seg = QLineSeries()
        seg.append(*points[0])
        seg.append(*points[1])
        seg.setPen(pen)
        chart.addSeries(seg)
        seg.attachAxis(x_axis)
        seg.attachAxis(y_axis)
        chart.legend().markers(seg)[0].setVisible(False)


def _hline(chart: QChart, x_axis, y_axis, count: int, y: float, name: str) -> None:
    seg = QLineSeries()
    seg.setName(name)
    seg.append(-0.5, y)
    seg.append(count - 0.5, y)
    pen = QPen(palette.current().colour("threshold"))
    pen.setStyle(Qt.PenStyle.DashLine)
    pen.setWidthF(1.8)
    seg.setPen(pen)
    chart.addSeries(seg)
    seg.attachAxis(x_axis)
    seg.attachAxis(y_axis)


def _short(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chart_view(chart: QChart | None = None) -> QChartView:
    view = QChartView(chart or QChart())
    # The numbers are in the table beside the chart, which a screen reader reads; the chart takes no focus.
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.setAccessibleName("Chart of the table shown")
    view.setBackgroundBrush(palette.current().colour("surface"))
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(260)
    return view
