"""The employee page's two charts: ratings over review cycles, and well-being check-ins over time."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from hrdesk.records import CheckIn
from hrdesk.ui import palette
from hrdesk.ui.formatting import local_date
from hrdesk.records.detail import RatingPoint

#: Each well-being line differs by colour, by dash and by marker shape, so it reads in grey or for the colour-blind.
MARKERS = ("circle", "square", "triangle")
DASHES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)
SERIES_NAMES = ("Mood", "Workload", "Stress")


def _colours() -> tuple[QColor, QColor, QColor]:
    """Accent, grid and axis-text colours from the one palette (light or dark, as the system is)."""
    p = palette.current()
    return p.colour("accent"), p.colour("grid"), p.colour("muted")


def series() -> list[tuple[str, QColor, Qt.PenStyle, str]]:
    return [(name, colour, dash, marker)
            for name, colour, dash, marker in zip(SERIES_NAMES, palette.current().series(), DASHES, MARKERS)]


def draw_marker(painter: QPainter, centre: QPointF, shape: str, size: float = 4.5) -> None:
    """A filled circle, square or triangle at ``centre`` (pen and brush as set by the caller)."""
    if shape == "square":
        painter.drawRect(QRectF(centre.x() - size, centre.y() - size, 2 * size, 2 * size))
    elif shape == "triangle":
        painter.drawPolygon(QPolygonF([QPointF(centre.x(), centre.y() - size - 1),
                                       QPointF(centre.x() - size - 1, centre.y() + size),
                                       QPointF(centre.x() + size + 1, centre.y() + size)]))
    else:
        painter.drawEllipse(centre, size, size)


def nice_date(value: dt.date) -> str:
    return local_date(value)


class _Chart(QWidget):
    """A chart of the detail page: 190 px high, as wide as its card."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(self._height())  # taller with larger text, so labels never overlap the plot
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _height(self) -> int:
        return max(190, self.fontMetrics().height() * 11)

    def sizeHint(self) -> QSize:
        return QSize(420, self._height())


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
        painter.setPen(_colours()[2])
        for i, text in enumerate(texts):
            if (count - 1 - i) % step or not text:
                continue
            width = max(room, 1.0) * step + 6
            painter.drawText(QRectF(x_of(i) - width / 2, plot.bottom() + 8, width, metrics.height() + 2), Qt.AlignmentFlag.AlignCenter, text)

    def paintEvent(self, _event: QPaintEvent) -> None:
        ACCENT, GRID, AXIS_TEXT = _colours()  # noqa: N806 - read as the constants they were
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        labels = self.scale or sorted({p.value for p in self.points})
        metrics = painter.fontMetrics()
        left = max((metrics.horizontalAdvance(x) for x in labels), default=0) + 16
        plot = QRectF(left, 10, max(10, self.width() - left - 24), max(10, self.height() - metrics.height() - 30))
        levels = max(1, len(labels) - 1)

        def y_of(level: int) -> float:
            return plot.bottom() - plot.height() * level / levels

        for level, text in enumerate(labels):
            y = y_of(level)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(AXIS_TEXT)
            painter.drawText(QRectF(0, y - metrics.height() / 2, left - 8, metrics.height()), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
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
        _accent, grid, axis_text = _colours()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        left = metrics.horizontalAdvance("5") + 14
        plot = QRectF(left, line + 16, max(10, self.width() - left - 16), max(10, self.height() - 2 * line - 30))
        self._legend(painter, left)

        def y_of(value: float) -> float:
            return plot.bottom() - plot.height() * (value - 1) / 4

        for value in range(1, 6):
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y_of(value)), QPointF(plot.right(), y_of(value)))
            painter.setPen(axis_text)
            painter.drawText(QRectF(0, y_of(value) - line / 2, left - 8, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(value))
        if self.checkins:
            first, last = self.checkins[0].date, self.checkins[-1].date
            span = max(1, (last - first).days)

            def x_of(day: dt.date) -> float:
                return plot.center().x() if first == last else plot.left() + 8 + (plot.width() - 16) * (day - first).days / span

            for name, colour, dash, marker in series():
                attr = name.lower()
                points = [QPointF(x_of(c.date), y_of(getattr(c, attr))) for c in self.checkins]
                path = QPainterPath(points[0])
                for point in points[1:]:
                    path.lineTo(point)
                pen = QPen(colour, 2)
                pen.setStyle(dash)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(path)
                painter.setPen(QPen(colour, 1))
                painter.setBrush(colour)
                for point in points if len(points) <= 40 else points[:: max(1, len(points) // 40)] + points[-1:]:
                    draw_marker(painter, point, marker, 3.5)
            painter.setPen(axis_text)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            bottom = QRectF(plot.left(), plot.bottom() + 6, plot.width(), line + 2)
            painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft, nice_date(first))
            if last != first:
                painter.drawText(bottom, Qt.AlignmentFlag.AlignRight, nice_date(last))
        painter.end()

    def _legend(self, painter: QPainter, x: float) -> None:
        """Each series' name beside a sample of its line and marker (not colour alone)."""
        metrics = painter.fontMetrics()
        middle = 6 + metrics.height() / 2
        for name, colour, dash, marker in series():
            pen = QPen(colour, 2)
            pen.setStyle(dash)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, middle), QPointF(x + 24, middle))
            painter.setPen(QPen(colour, 1))
            painter.setBrush(colour)
            draw_marker(painter, QPointF(x + 12, middle), marker, 3.5)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(_colours()[2])
            painter.drawText(QPointF(x + 30, middle + metrics.ascent() / 2 - 1), name)
            x += 30 + metrics.horizontalAdvance(name) + 18
