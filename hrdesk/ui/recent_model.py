"""The start dialog's list of recently opened vault files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from hrdesk.ui import palette

PathRole = Qt.ItemDataRole.UserRole + 1
ExistsRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class RecentVaultsModel(QAbstractListModel):
    def __init__(self, paths: list[str] | None = None) -> None:
        super().__init__()
        self._paths = [Path(p) for p in paths or []]

    def set_paths(self, paths: list[str]) -> None:
        self.beginResetModel()
        self._paths = [Path(p) for p in paths]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._paths)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._paths):
            return None
        path = self._paths[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            where = str(path.parent) if path.exists() else f"Missing: not found in {path.parent} (moved or deleted?)"
            return f"{path.name}\n{where}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(path)
        if role == Qt.ItemDataRole.ForegroundRole and not path.exists():
            return palette.muted()
        if role == PathRole:
            return str(path)
        if role == ExistsRole:
            return path.exists()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # a missing file stays selectable, so it can be removed from the list (it cannot be opened)
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
