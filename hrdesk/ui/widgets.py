"""Small building blocks shared by the screens: styled labels, cards, fact grids, tables,
labelled fields (a label that is the field's buddy and its screen-reader name), and
keeping windows within the screen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)


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


def data_table(*, min_height: int = 0, name: str = "") -> QTableView:
    """A read-only, row-selecting table styled like every other table in hrdesk.

    Tab leaves the table (arrow keys move inside it); ``name`` is what a screen reader announces.
    """
    table = QTableView()
    table.setTabKeyNavigation(False)
    if name:
        table.setAccessibleName(name)
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


def labelled(text: str, field: QWidget, role: str = "", *, name: str = "") -> QLabel:
    """A label for ``field``: its buddy (Alt+letter jumps there) and the field's screen-reader name."""
    widget = label(text, role)
    widget.setBuddy(field)
    field.setAccessibleName(name or text.replace("&", "").rstrip(":").strip())
    return widget


def name(widget: QWidget, accessible_name: str, description: str = "") -> QWidget:
    """Give a control without a visible label its screen-reader name (and a longer description)."""
    widget.setAccessibleName(accessible_name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def search_field(placeholder: str, accessible_name: str) -> QLineEdit:
    """A search or filter box that Ctrl+F (Edit → Find) puts the cursor in."""
    field = QLineEdit()
    field.setPlaceholderText(placeholder)
    field.setClearButtonEnabled(True)
    field.setAccessibleName(accessible_name)
    field.setProperty("search", True)
    return field


def available_size(widget: QWidget | None = None) -> tuple[int, int]:
    """The usable width and height of the screen ``widget`` is on (or the primary screen)."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    if screen is None:
        return (1 << 15, 1 << 15)
    area = screen.availableGeometry()
    return area.width(), area.height()


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize a window to ``width`` x ``height``, or to what the screen can show if that is smaller."""
    most_w, most_h = available_size(widget)
    widget.resize(min(width, most_w), min(height, most_h))


class _KeepWindowsOnScreen(QObject):
    """Every dialog or window opens no larger than the screen (a 1366x768 laptop, a 1024x640 one)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            most_w, most_h = available_size(watched)
            if watched.width() > most_w or watched.height() > most_h:
                watched.resize(min(watched.width(), most_w), min(watched.height(), most_h))
        return False


_SCREEN_GUARD: _KeepWindowsOnScreen | None = None


def keep_windows_on_screen(app: QApplication) -> None:
    """Install, once, the filter that shrinks any window opening larger than its screen."""
    global _SCREEN_GUARD
    if _SCREEN_GUARD is None:
        _SCREEN_GUARD = _KeepWindowsOnScreen()
        app.installEventFilter(_SCREEN_GUARD)


def confirm_box(parent: QWidget | None, title: str, text: str, verb: str, *, keep: str = "Cancel",
                danger: bool = False) -> QMessageBox:
    """A question whose buttons say what they do ("Restore this backup" / "Keep the current vault"),
    never Yes / No; the safe choice is the default, so Enter never destroys anything."""
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setIcon(QMessageBox.Icon.Warning if danger else QMessageBox.Icon.Question)
    box.setText(f"<b>{title}</b>")
    box.setInformativeText(text)
    act = box.addButton(verb, QMessageBox.ButtonRole.AcceptRole)
    act.setProperty("role", "danger" if danger else "primary")
    safe = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(safe)
    box.setEscapeButton(safe)
    box.setProperty("act_button", act)
    return box


def confirm(parent: QWidget | None, title: str, text: str, verb: str, *, keep: str = "Cancel",
            danger: bool = False) -> bool:
    """Ask with ``confirm_box``; True only if the user chose ``verb``."""
    box = confirm_box(parent, title, text, verb, keep=keep, danger=danger)
    box.exec()
    return box.clickedButton() is box.property("act_button")


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 minute', '5 minutes', '1 person', '3 people'."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def count_suffix(spin: QSpinBox, one: str, many: str | None = None) -> QSpinBox:
    """A spin box whose unit agrees with its number ("1 minute", "2 minutes")."""
    def update(value: int) -> None:
        spin.setSuffix(" " + (one if value == 1 else (many or one + "s")))

    spin.valueChanged.connect(update)
    update(spin.value())
    return spin


class OptionalDateEdit(QWidget):
    """A date that may be absent (a termination date while employed): a checkbox and a calendar picker,
    shown in the user's date format. ``text()`` is the ISO date or '' (what the core's rules read)."""

    def __init__(self, check_text: str, value: dt.date | None = None, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import QDate
        from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout

        from hrdesk.ui.formatting import date_format

        super().__init__(parent)
        self.check = QCheckBox(check_text)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(date_format())
        self.date.setAccessibleName(check_text.replace("&", ""))
        guard_wheel(self.date)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.date, 1)
        self.check.toggled.connect(self.date.setEnabled)
        day = value or dt.date.today()
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.check.setChecked(value is not None)
        self.date.setEnabled(value is not None)

    def value(self) -> dt.date | None:
        return self.date.date().toPython() if self.check.isChecked() else None

    def text(self) -> str:
        day = self.value()
        return day.isoformat() if day is not None else ""

    def setText(self, text: str) -> None:  # noqa: N802 - the QLineEdit spelling it replaces
        from PySide6.QtCore import QDate

        if not text.strip():
            self.check.setChecked(False)
            return
        day = dt.date.fromisoformat(text.strip())
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.check.setChecked(True)


def size_to_current_page(stack: QStackedWidget) -> None:
    """Make a stacked widget as large as its current page needs, not its largest page (a wizard whose
    first page is small should not need the room of its widest one)."""
    def follow(index: int) -> None:
        for i in range(stack.count()):
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            stack.widget(i).setSizePolicy(policy, policy)
        stack.updateGeometry()

    stack.currentChanged.connect(follow)
    follow(stack.currentIndex())
