"""The people a person picker offers, as a list model: set in one step, found by HRIS id in one lookup.

The Reviews screen's picker is an editable combo box with a "contains" completer.
Filled with ``addItem`` it cost one call per person on the window's thread (85,000
calls, 0.4 s frozen, at a 100,000-person organisation); a model hands Qt the whole
list at once, its labels made in the background, and ``row_of`` replaces ``findData``'s
scan of every row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from hrdesk.records import Employee

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PickerEntries:
    """What a picker shows, worked out off the window's thread (``entries``): at 100,000 people the labels
    and the lookup were a fifth of a second."""

    people: tuple[Employee, ...] = ()
    labels: tuple[str, ...] = ()
    rows: Mapping[str, int] = field(default_factory=dict)


def entries(people: Sequence[Employee]) -> PickerEntries:
    rows: dict[str, int] = {}
    for row, person in enumerate(people):
        rows.setdefault(person.employee_id, row)
    return PickerEntries(tuple(people), tuple(f"{p.name} ({p.employee_id})" for p in people), rows)


class PeopleListModel(QAbstractListModel):
    """One row per person: "Name (HRIS id)" to show and complete on; the HRIS id as the row's data."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries = PickerEntries()

    def set_entries(self, found: PickerEntries) -> None:
        self.beginResetModel()
        self._entries = found
        self.endResetModel()

    def row_of(self, employee_id: str | None) -> int:
        """The row of the person with this HRIS id, or -1."""
        return -1 if employee_id is None else self._entries.rows.get(employee_id, -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._entries.labels)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries.labels):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._entries.labels[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return self._entries.people[index.row()].employee_id
        return None
