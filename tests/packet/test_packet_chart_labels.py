"""The packet's rate charts keep every label inside the drawing.

Found on a second look: a bar near 100% put its "100% (n=…)" label, and with "too small to judge" a label twice as
long, past the chart's right edge, into the page margin (where a printer may cut it). Every string of a chart must
now end inside the drawing, whatever the rates.
"""

from __future__ import annotations

import pytest

from hrdesk.packet.charts import drawing
from hrdesk.packet.content import Bar, RateChart

WIDTH = 451.0  # the packet's frame width on A4 with its margins (document.py passes the frame width)


def _strings(node):
    from reportlab.graphics.shapes import Group, String

    for item in getattr(node, "contents", []):
        if isinstance(item, String):
            yield item
        elif isinstance(item, Group):
            yield from _strings(item)


def _extent(s) -> tuple[float, float]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    w = stringWidth(s.text, s.fontName, s.fontSize)
    left = {"start": s.x, "middle": s.x - w / 2, "end": s.x - w}[s.textAnchor]
    return left, left + w


@pytest.mark.parametrize("bars", [
    (Bar("Men", 1.0, 0.98, 1.0, 1240, status="ok"), Bar("Women", 0.995, 0.97, 1.0, 1180, status="ok")),
    (Bar("Two or more races", 1.0, 0.34, 1.0, 3, small=True), Bar("White", 0.97, 0.93, 0.99, 180, status="ok")),
    (Bar("Hispanic or Latino (the longest group name we hold)", 0.999, None, None, 12345, small=True),),
])
def test_every_label_of_a_chart_near_100_percent_stays_inside(bars) -> None:
    chart = RateChart("Rated high, by race", bars, line=0.8, line_label="four-fifths line")
    d = drawing(chart, WIDTH)
    outside = [(s.text, round(left, 1), round(right, 1)) for s in _strings(d)
               for left, right in [_extent(s)] if left < -0.5 or right > WIDTH + 0.5]
    assert outside == []


def test_the_bars_still_use_most_of_the_width() -> None:
    """The fix must not shrink the plot to nothing: the 100% tick stays in the right half of the chart."""
    chart = RateChart("Left", (Bar("Men", 0.2, 0.1, 0.3, 50, status="ok"),), line=0.16, line_label="four-fifths line")
    ticks = [s for s in _strings(drawing(chart, WIDTH)) if s.text.endswith("%") and s.textAnchor == "middle"]
    assert max(s.x for s in ticks) > WIDTH * 0.75
