"""The table of current suggestions (model/view), and a team filter over it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt

from hrdesk.ui.table_model import ListTableModel

KIND_LABELS = {"retention": "Retention conversation", "development": "Development", "wellbeing": "Well-being check-in"}


class SuggestionsModel(ListTableModel):
    COLUMNS = ("Team of", "Employee", "Suggestion", "Because", "What to do", "Chance of leaving")

    def cells(self, item: Any) -> tuple[str, ...]:
        chance = f"{item.probability:.0%}" if item.probability is not None else ""
        return (item.team, f"{item.name} ({item.employee_id})", KIND_LABELS.get(item.kind, item.kind), item.because,
                item.suggest, chance)


class TeamFilter(QSortFilterProxyModel):
    """Shows one team's suggestions, or all when the team is empty."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._team = ""

    def set_team(self, team: str) -> None:
        self.beginFilterChange()
        self._team = team
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Any) -> bool:  # noqa: N802 - Qt's name
        if not self._team:
            return True
        model = self.sourceModel()
        return model.item(source_row).team == self._team if isinstance(model, SuggestionsModel) else True

    def lessThan(self, left: Any, right: Any) -> bool:  # noqa: N802 - Qt's name
        return str(left.data(Qt.ItemDataRole.DisplayRole) or "") < str(right.data(Qt.ItemDataRole.DisplayRole) or "")
