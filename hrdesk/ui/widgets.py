"""Small building blocks shared by the screens: styled labels, cards, fact grids."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QGridLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget


def label(text: str, role: str = "", *, wrap: bool = False, selectable: bool = False) -> QLabel:
    """A ``QLabel`` with a stylesheet role (title, heading, card-title, muted, ...)."""
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    if selectable:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def set_style_property(widget: QWidget, name: str, value: object) -> None:
    """Change a property the stylesheet selects on, and re-apply the style."""
    widget.setProperty(name, value)
    # unpolish/polish re-reads colours but keeps the old padding; re-setting the
    # widget's own sheet makes Qt recompute the whole box model.
    sheet = widget.styleSheet()
    widget.setStyleSheet(sheet + " ")
    widget.setStyleSheet(sheet)
    widget.updateGeometry()


def set_message(widget: QLabel, text: str, state: str) -> None:
    """Show ``text`` in an inline message box (state: ok, bad, warn, info); empty hides it."""
    widget.setText(text)
    set_style_property(widget, "state", state)
    widget.setVisible(bool(text))


class Card(QFrame):
    """A white rounded panel with a vertical ``body`` layout."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(20, 16, 20, 18)
        self.body.setSpacing(10)
        if title:
            self.body.addWidget(label(title, "card-title"))


class FactGrid(QGridLayout):
    """Two columns of 'name: value' rows, names muted and right-aligned values selectable."""

    def __init__(self) -> None:
        super().__init__()
        self.setHorizontalSpacing(18)
        self.setVerticalSpacing(8)
        self.setColumnStretch(1, 1)
        self.values: dict[str, QLabel] = {}

    def add(self, name: str, value: str) -> QLabel:
        row = self.rowCount()
        self.addWidget(label(name, "fact-name"), row, 0, Qt.AlignmentFlag.AlignTop)
        shown = label(value, wrap=True, selectable=True)
        self.addWidget(shown, row, 1)
        self.values[name] = shown
        return shown


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"


def data_table(*, min_height: int = 0) -> QTableView:
    """A read-only, row-selecting table styled like every other table in hrdesk."""
    table = QTableView()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(34)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if min_height:
        table.setMinimumHeight(min_height)
    return table


class _WheelOnlyWhenFocused(QObject):
    """Scrolling a page must not change the spin boxes the pointer passes over."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()  # let the scroll area under it scroll instead
            return True
        return False


_WHEEL_GUARD: _WheelOnlyWhenFocused | None = None


def guard_wheel(*widgets: QWidget) -> None:
    """Spin boxes and combo boxes react to the wheel only once clicked (focused)."""
    global _WHEEL_GUARD
    if _WHEEL_GUARD is None:
        _WHEEL_GUARD = _WheelOnlyWhenFocused()
    for widget in widgets:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(_WHEEL_GUARD)
