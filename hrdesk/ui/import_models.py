"""Table models of the import dialog: the editable column mapping, the preview,
the row errors and the dropped columns, plus the field chooser delegate."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from hrdesk.importing import DroppedColumn, Mapping, RowError
from hrdesk.importing.readers import SourceTable
from hrdesk.records.fields import PURPOSE_LABELS, Field, Kind, fields_for, mappable_fields
from hrdesk.ui import palette
from hrdesk.ui.table_model import ALIGN_RIGHT, ListTableModel
from hrdesk.ui.table_model import ItemRole as ItemRole  # the row's RowError, DroppedColumn or preview dict

Index = QModelIndex | QPersistentModelIndex

SourceRole = Qt.ItemDataRole.UserRole + 1  # the source column's name
FieldRole = Qt.ItemDataRole.UserRole + 2  # the hrdesk field name it fills, or None

NOT_IMPORTED = "Not imported"
PROTECTED_NOTE = "kept apart from the other records"


@dataclass(frozen=True)
class FieldChoice:
    """One entry of the field chooser: ``name`` None means the column is not imported."""

    name: str | None
    text: str
    tooltip: str


def field_choices(kind: Kind | str) -> list[FieldChoice]:
    """'Not imported' first, then every hrdesk field of ``kind`` with the purpose it serves."""
    choices = [FieldChoice(None, NOT_IMPORTED, "Leave this column out: its values are never read or stored.")]
    for spec in mappable_fields(kind).values():
        choices.append(FieldChoice(spec.name, f"{spec.label} — {purpose_text(spec)}", _field_tooltip(spec)))
    return choices


def purpose_text(spec: Field) -> str:
    text = PURPOSE_LABELS[spec.purpose]
    return f"{text}, {PROTECTED_NOTE}" if spec.protected else text


def _field_tooltip(spec: Field) -> str:
    parts = [f"Used for {purpose_text(spec)}" + (f": {spec.help}." if spec.help else ".")]
    if spec.required:
        parts.append("Required: every row needs a value.")
    return " ".join(parts)


def dropped_reason(note: str) -> str:
    """The reason shown for a column left out; a hand edit reads as the person's own choice."""
    if note in ("set by hand", "from file", ""):
        return "you chose not to import it" if note == "set by hand" else "not mapped to an hrdesk field"
    return note


class MappingModel(QAbstractTableModel):
    """One row per column of the file: what it becomes in hrdesk and why. Column 1 is editable."""

    COLUMNS = ("Column in your file", "Example value", "Imported as", "Used for")
    FIELD_COLUMN = 2
    mapping_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mapping: Mapping | None = None
        self._fields: dict[str, Field] = {}
        self._examples: dict[str, str] = {}

    def set_mapping(self, mapping: Mapping, table: SourceTable | None = None) -> None:
        self.beginResetModel()
        self._mapping = mapping
        self._fields = fields_for(mapping.kind)
        self._examples = examples(table) if table is not None else {}
        self.endResetModel()

    def mapping(self) -> Mapping | None:
        return self._mapping

    def clear(self) -> None:
        self.beginResetModel()
        self._mapping, self._examples = None, {}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._mapping is None else len(self._mapping.columns)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.FIELD_COLUMN:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self._mapping is None or not index.isValid() or not 0 <= index.row() < len(self._mapping.columns):
            return None
        column = self._mapping.columns[index.row()]
        if role == SourceRole:
            return column.source
        if role in (FieldRole, Qt.ItemDataRole.EditRole):
            return column.field
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(column.source, column.field, column.note, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            why = f"Not imported: {dropped_reason(column.note)}. " if column.field is None else ""
            return why + "Double-click 'Imported as' to choose what this column becomes in hrdesk."
        if role == Qt.ItemDataRole.ForegroundRole and column.field is None:
            return palette.muted()
        return None

    def _text(self, source: str, field: str | None, note: str, column: int) -> str:
        if column == 0:
            return source
        if column == 1:  # a column left out is not shown either, only its name
            return self._examples.get(source, "") if field else "(not shown)"
        spec = self._fields.get(field) if field else None
        if column == 2:
            return spec.label if spec else NOT_IMPORTED
        if spec is None:
            return "—  (see the list below)"
        return purpose_text(spec).capitalize() + ("  (chosen by you)" if note == "set by hand" else "")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self._mapping is None or role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.FIELD_COLUMN:
            return False
        column = self._mapping.columns[index.row()]
        field = value or None
        if field == column.field:
            return False
        self._mapping.set_field(column.source, field)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.COLUMNS) - 1))
        self.mapping_edited.emit()
        return True


def examples(table: SourceTable) -> dict[str, str]:
    """The first non-empty value of each column (rows of the right width only), shortened."""
    width = len(table.header)
    found: dict[str, str] = {}
    for row in table.rows[:200]:
        if len(row) != width:
            continue
        for name, value in zip(table.header, row):
            if name not in found and str(value).strip():
                text = str(value).strip()
                found[name] = text if len(text) <= 30 else text[:29] + "…"
        if len(found) == width:
            break
    return found


class FieldDelegate(QStyledItemDelegate):
    """A combo box listing 'Not imported' and every hrdesk field with its purpose."""

    def __init__(self, kind: Kind | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = Kind(kind)  # the dialog updates it when the kind of file changes

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QComboBox(parent)
        for choice in field_choices(self.kind):
            editor.addItem(choice.text, choice.name)
            editor.setItemData(editor.count() - 1, choice.tooltip, Qt.ItemDataRole.ToolTipRole)
        editor.activated.connect(lambda _i: self.commitData.emit(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(FieldRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class RowErrorModel(ListTableModel):
    """Every problem found in the file, one per row: where, what, and the value found."""

    COLUMNS = ("Row", "Column", "Problem", "Value found")

    def cells(self, item: RowError) -> tuple[str, ...]:
        return (str(item.row), item.column or "(whole row)", item.reason, item.value if item.value else "(empty)")

    def role_data(self, item: RowError, column: int, role: int) -> object:
        return ALIGN_RIGHT if role == Qt.ItemDataRole.TextAlignmentRole and column == 0 else None


class DroppedColumnsModel(ListTableModel):
    """The columns left out by data minimisation, each with its reason."""

    COLUMNS = ("Column not imported", "Why")

    def cells(self, item: DroppedColumn) -> tuple[str, ...]:
        return (item.source, dropped_reason(item.reason))


class PreviewModel(ListTableModel):
    """The first rows as hrdesk will store them (keys are field labels, plus 'Row')."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns: tuple[str, ...] = ()

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        columns: dict[str, None] = {}
        for row in rows:
            columns.update(dict.fromkeys(row))
        self._columns = tuple(columns)
        self._items = list(rows)
        self.endResetModel()

    def set_items(self, items: Sequence[Any]) -> None:
        self.set_rows(list(items))

    def columns(self) -> tuple[str, ...]:
        return self._columns

    def cells(self, item: dict[str, Any]) -> tuple[str, ...]:
        return tuple(_cell(item.get(name)) for name in self._columns)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
