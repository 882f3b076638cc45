"""The employee page's two charts: ratings over review cycles, and well-being check-ins over time."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from hrdesk.records import CheckIn
from hrdesk.records.dates import nice_date
from hrdesk.records.detail import RatingPoint

ACCENT = QColor("#2563a8")
GRID = QColor("#e4e8ee")
AXIS_TEXT = QColor("#5f6b7a")
SERIES = (("Mood", QColor("#2563a8")), ("Workload", QColor("#d69e2e")), ("Stress", QColor("#d64545")))


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
