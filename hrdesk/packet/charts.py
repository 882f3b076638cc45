"""Rate charts drawn with reportlab.graphics: one bar per group, its 95% interval, and the four-fifths line.

Drawn as vector graphics inside the PDF (text stays text). Horizontal bars,
so long group names fit and a chart of many groups simply grows downwards.
Groups too small to judge are hatched and labelled so.
"""

from __future__ import annotations

from typing import Any

from hrdesk.packet.content import Bar, RateChart

BAR_HEIGHT = 13
GAP = 6
LABEL_WIDTH = 150
TOP = 26
BOTTOM = 30
RIGHT = 60  #: the least room right of the plot: for the last tick's "100%" and a short bar label
TAIL_SIZE = 7


def drawing(chart: RateChart, width: float) -> Any:
    """The chart as a reportlab ``Drawing`` of ``width`` points."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from hrdesk.letters.pdf import FONT, FONT_BOLD, register_fonts

    register_fonts()
    bars = chart.bars
    height = TOP + BOTTOM + len(bars) * (BAR_HEIGHT + GAP)
    d = Drawing(width, height)
    tails = {index: _tail(bar) for index, bar in enumerate(bars) if bar.rate is not None}
    # a bar may reach the plot's right end, so the widest label written after a bar must fit right of it
    right = max([RIGHT] + [stringWidth(t, FONT, TAIL_SIZE) + 6 for t in tails.values()])
    plot_x, plot_w = LABEL_WIDTH, width - LABEL_WIDTH - right
    top_value = max([b.high or b.rate or 0 for b in bars] + [chart.line or 0, 0.05])
    scale_max = min(1.0, _nice(top_value * 1.1))

    def x_of(value: float) -> float:
        return plot_x + plot_w * min(value, scale_max) / scale_max

    d.add(String(0, height - 12, chart.title, fontName=FONT_BOLD, fontSize=9))
    axis_y = BOTTOM - 4
    d.add(Line(plot_x, axis_y, plot_x + plot_w, axis_y, strokeColor=colors.grey, strokeWidth=0.5))
    for i in range(6):
        value = scale_max * i / 5
        x = x_of(value)
        d.add(Line(x, axis_y, x, axis_y - 3, strokeColor=colors.grey, strokeWidth=0.5))
        d.add(String(x, axis_y - 12, f"{value:.0%}", fontName=FONT, fontSize=7, textAnchor="middle"))
    for index, bar in enumerate(bars):
        y = height - TOP - (index + 1) * (BAR_HEIGHT + GAP) + GAP / 2
        d.add(String(plot_x - 4, y + 3, _short(bar.label, 28), fontName=FONT, fontSize=7.5, textAnchor="end"))
        if bar.rate is None:
            d.add(String(plot_x + 2, y + 3, "no data", fontName=FONT, fontSize=7))
            continue
        fill = colors.HexColor("#c9c9c9") if bar.small else colors.HexColor(
            "#b3261e" if bar.status == "flag" else "#e0a800" if bar.status == "watch" else "#3b6ea5")
        d.add(Rect(plot_x, y, max(x_of(bar.rate) - plot_x, 0.5), BAR_HEIGHT, fillColor=fill, strokeColor=None))
        if bar.small:  # hatched: never judged
            for hx in range(int(plot_x), int(x_of(bar.rate)), 5):
                d.add(Line(hx, y, min(hx + BAR_HEIGHT, x_of(bar.rate)), y + BAR_HEIGHT, strokeColor=colors.white,
                           strokeWidth=0.7))
        if bar.low is not None and bar.high is not None:
            mid = y + BAR_HEIGHT / 2
            d.add(Line(x_of(bar.low), mid, x_of(bar.high), mid, strokeColor=colors.black, strokeWidth=0.8))
            for edge in (bar.low, bar.high):
                d.add(Line(x_of(edge), mid - 3, x_of(edge), mid + 3, strokeColor=colors.black, strokeWidth=0.8))
        d.add(String(x_of(max(bar.rate, bar.high or 0)) + 4, y + 3, tails[index], fontName=FONT, fontSize=TAIL_SIZE))
    if chart.line is not None:
        x = x_of(chart.line)
        d.add(Line(x, axis_y, x, height - TOP + 4, strokeColor=colors.HexColor("#b3261e"), strokeWidth=1,
                   strokeDashArray=[3, 2]))
        d.add(String(x, height - TOP + 7, f"four-fifths line {chart.line:.0%}", fontName=FONT, fontSize=7,
                     fillColor=colors.HexColor("#b3261e"), textAnchor="middle"))
    return d


def _tail(bar: Bar) -> str:
    """The words written after a bar: its rate, its group's size, and whether it is too small to judge."""
    return f"{bar.rate:.0%} (n={bar.n})" + (" too small to judge" if bar.small else "")


def _nice(value: float) -> float:
    for step in (0.05, 0.1, 0.2, 0.25, 0.4, 0.5, 0.6, 0.8, 1.0):
        if value <= step:
            return step
    return 1.0


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
