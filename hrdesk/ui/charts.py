"""Charts for audit results: per-group rates or means with 95% interval whiskers.

Every group is drawn, none dropped: many groups or long names become
horizontal bars, one legible row each, in a view that scrolls.

QtCharts has no error-bar series, so each whisker is a short ``QLineSeries``
attached to the bar chart's category axis (category *i* sits at x = i), and
the bars are a ``QStackedBarSeries`` with one set per status — each bar is
non-zero in exactly one set — so colour says "flag / watch / no concern /
too small" and the legend explains it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalStackedBarSeries, QLineSeries, QStackedBarSeries,
    QValueAxis,
)
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
#: more bars than this are drawn as horizontal bars, one labelled row each, in a scrolling view
HORIZONTAL_FROM = 12
#: height of one horizontal bar's row, in pixels, so every name stays legible
ROW_HEIGHT = 26


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    low: float | None
    high: float | None
    status: str


#: labels longer than this read better beside horizontal bars than slanted under columns
LONG_LABEL = 14


def is_horizontal(bars: list[Bar]) -> bool:
    return len(bars) > HORIZONTAL_FROM or any(len(b.label) > LONG_LABEL for b in bars)


def chart_height(bars: list[Bar]) -> int:
    """The height a chart needs so that no label is squeezed or dropped (it scrolls when taller than its view)."""
    return max(260, ROW_HEIGHT * len(bars) + 130) if is_horizontal(bars) else 260


def bar_chart(title: str, bars: list[Bar], *, axis_title: str, percent: bool, line: float | None = None,
              line_label: str = "") -> QChart:
    """Bars coloured by status with interval whiskers and an optional dashed line.

    Every bar is drawn: a few short names as columns; many bars (30 managers,
    say) or long names as horizontal bars listed top-down in the order given,
    each with its name beside it; the caller gives the view ``chart_height``
    and lets it scroll.
    """
    horizontal = is_horizontal(bars)
    shown = list(reversed(bars)) if horizontal else list(bars)  # a category axis counts from the bottom
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    scale = 100.0 if percent else 1.0
    series = QHorizontalStackedBarSeries() if horizontal else QStackedBarSeries()
    for status in STATUS_ORDER:
        if any(b.status == status for b in shown):
            bar_set = QBarSet(STATUS_LEGEND[status])
            bar_set.setColor(palette.status_colour(status))
            bar_set.setBorderColor(palette.status_colour(status))
            bar_set.append([(b.value or 0.0) * scale if b.status == status else 0.0 for b in shown])
            series.append(bar_set)
    series.setBarWidth(0.6)
    chart.addSeries(series)
    cat_axis = QBarCategoryAxis()
    cat_axis.append(_unique([_short(b.label, 34 if horizontal else 22) for b in shown]))
    if not horizontal:
        cat_axis.setLabelsAngle(-35 if len(shown) > 4 else 0)
    top = max([(b.high if b.high is not None else b.value or 0.0) for b in shown] + [line or 0.0, 0.01]) * scale * 1.12
    value_axis = QValueAxis()
    value_axis.setRange(0.0, top)
    value_axis.setTitleText(axis_title)
    value_axis.setLabelFormat("%.0f%%" if percent else "%.1f")
    value_axis.applyNiceNumbers()
    chart.addAxis(cat_axis, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(cat_axis)
    series.attachAxis(value_axis)
    place = (lambda i, v: (v, i)) if horizontal else (lambda i, v: (i, v))  # noqa: E731
    for i, b in enumerate(shown):
        if b.low is not None and b.high is not None:
            _whisker(chart, cat_axis, value_axis, place, i, b.low * scale, b.high * scale)
    if line is not None:
        _line(chart, cat_axis, value_axis, place, len(shown), line * scale, line_label)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    style_chart(chart)
    return chart


def _unique(labels: list[str]) -> list[str]:
    """Category labels must differ (two shortened names could collide): number repeats."""
    seen: dict[str, int] = {}
    out = []
    for text in labels:
        seen[text] = seen.get(text, 0) + 1
        out.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return out


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


def _whisker(chart: QChart, cat_axis, value_axis, place, i: int, low: float, high: float) -> None:
    pen = QPen(palette.current().colour("whisker"))
    pen.setWidthF(1.6)
    for points in (((i, low), (i, high)), ((i - 0.12, low), (i + 0.12, low)), ((i - 0.12, high), (i + 0.12, high))):
        seg = QLineSeries()
        seg.append(*place(*points[0]))
        seg.append(*place(*points[1]))
        seg.setPen(pen)
        chart.addSeries(seg)
        seg.attachAxis(cat_axis)
        seg.attachAxis(value_axis)
        chart.legend().markers(seg)[0].setVisible(False)


def _line(chart: QChart, cat_axis, value_axis, place, count: int, value: float, name: str) -> None:
    """A dashed reference line across every category (the four-fifths line, the organisation mean)."""
    seg = QLineSeries()
    seg.setName(name)
    seg.append(*place(-0.5, value))
    seg.append(*place(count - 0.5, value))
    pen = QPen(palette.current().colour("threshold"))
    pen.setStyle(Qt.PenStyle.DashLine)
    pen.setWidthF(1.8)
    seg.setPen(pen)
    chart.addSeries(seg)
    seg.attachAxis(cat_axis)
    seg.attachAxis(value_axis)


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
