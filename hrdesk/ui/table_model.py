"""The base of hrdesk's simple tables: a read-only model over a list of items.

A subclass names its columns and says how an item becomes cells; extra roles
(sort keys, colours, alignment) come from small overrides of ``tooltip`` and
``role_data``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

Index = QModelIndex | QPersistentModelIndex

#: The row's underlying item. UserRole + 3 keeps it clear of the +1/+2 roles models define for themselves.
ItemRole = Qt.ItemDataRole.UserRole + 3
#: TextAlignmentRole value for numbers (row numbers, sequence numbers).
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class ListTableModel(QAbstractTableModel):
    """A read-only table over a list of items; subclasses say how an item becomes cells."""

    COLUMNS: tuple[str, ...] = ()
    ITEM_ROLE: int = ItemRole  # the role that returns the row's item

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []

    def set_items(self, items: Sequence[Any]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def clear(self) -> None:
        self.set_items([])

    def items(self) -> list[Any]:
        return list(self._items)

    def item(self, row: int) -> Any:
        return self._items[row]

    # --- what subclasses say ------------------------------------------------------------------

    def columns(self) -> tuple[str, ...]:
        return self.COLUMNS

    def cells(self, item: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def display(self, item: Any, column: int) -> object:
        return self.cells(item)[column]

    def tooltip(self, item: Any, column: int) -> object:
        """The cell's text unless a subclass says otherwise (long values are cut off on screen)."""
        return self.display(item, column)

    def role_data(self, item: Any, column: int, role: int) -> object:
        """Any role beyond display, tooltip and the item (None: nothing to say)."""
        return None

    # --- Qt model -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        columns = self.columns()
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(columns):
            return columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items) or not 0 <= index.column() < self.columnCount():
            return None
        item, column = self._items[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, column)
        if role == self.ITEM_ROLE:
            return item
        return self.role_data(item, column, role)
