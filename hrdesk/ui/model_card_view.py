"""The model card as a readable page: its sections in words, a reliability chart and the flag rates by group."""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import QChart, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from hrdesk.suggest.card_text import card_sections
from hrdesk.ui import palette
from hrdesk.ui.charts import Bar, bar_chart, chart_height, chart_view, style_chart
from hrdesk.ui.widgets import label


def reliability_chart(card: dict[str, Any]) -> QChart:
    """Held-out predicted chance against the observed share who left, per fifth of the predictions."""
    chart = QChart()
    chart.setTitle("Reliability on held-out folds")
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    bins = [b for b in card["performance"]["reliability"] if b["predicted"] is not None]
    top = max([b["predicted"] for b in bins] + [b["observed"] for b in bins] + [0.05]) * 100 * 1.1
    ideal = QLineSeries()
    ideal.setName("perfectly reliable")
    ideal.append(QPointF(0, 0))
    ideal.append(QPointF(top, top))
    pen = QPen(palette.current().colour("threshold"))
    pen.setStyle(Qt.PenStyle.DashLine)
    ideal.setPen(pen)
    points = QScatterSeries()
    points.setName("observed share who left")
    points.setColor(palette.current().colour("series_1"))
    points.setMarkerSize(11)
    for b in bins:
        points.append(QPointF(b["predicted"] * 100, b["observed"] * 100))
    chart.addSeries(ideal)
    chart.addSeries(points)
    for align, title in ((Qt.AlignmentFlag.AlignBottom, "predicted chance of leaving (%)"),
                         (Qt.AlignmentFlag.AlignLeft, "observed share who left (%)")):
        axis = QValueAxis()
        axis.setRange(0, top)
        axis.setTitleText(title)
        axis.setLabelFormat("%.0f")
        axis.applyNiceNumbers()
        chart.addAxis(axis, align)
        ideal.attachAxis(axis)
        points.attachAxis(axis)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    style_chart(chart)
    return chart


def fairness_bars(card: dict[str, Any]) -> list[Bar]:
    return [Bar(f"{r['attribute']}: {r['group']} (n={r['n']})", r["rate"], None, None, r["status"])
            for r in card["fairness"]]


class ModelCardView(QWidget):
    """One model card, section by section, with its two charts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.setAccessibleName("Model card")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.empty = label("No model has been trained yet. Train one to see its card.", "muted", wrap=True)
        self._layout.addWidget(self.empty)
        self.reliability = chart_view()
        self.reliability.setAccessibleName("Reliability chart: predicted against observed leaving")
        self.fairness = chart_view()
        self.fairness.setAccessibleName("Chart of how often each group is flagged")
        self.headings: list[str] = []
        self._parts: list[QWidget] = []

    def show_card(self, card: dict[str, Any] | None) -> None:
        for part in self._parts:
            self._layout.removeWidget(part)
            part.setParent(None)
        self._parts = []
        self.headings = []
        self.empty.setVisible(card is None)
        if card is None:
            return
        title = label(f"Model card: retention-risk conversation, version {card['version']}", "heading")
        self._add(title)
        for heading, lines in card_sections(card):
            self.headings.append(heading)
            self._add(label(heading, "card-title"))
            text = QLabel("\n".join(f"• {line}" for line in lines))
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setAccessibleName(heading)
            self._add(text)
            if heading == "Performance":
                self.reliability.setChart(reliability_chart(card))
                self.reliability.setMinimumHeight(300)
                self._add(self.reliability)
            if heading == "Fairness of the suggestions" and card["fairness"]:
                bars = fairness_bars(card)
                self.fairness.setChart(bar_chart("How often each group is flagged", bars, axis_title="flagged",
                                                 percent=True))
                self.fairness.setMinimumHeight(chart_height(bars))
                self._add(self.fairness)

    def _add(self, widget: QWidget) -> None:
        self._parts.append(widget)
        self._layout.addWidget(widget)
        widget.show()
