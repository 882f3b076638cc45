"""The Employees table: a model of everyone read, in the order of the sort column, and a filter
model in front of it showing who passes the search and the filters.

Everything is read once, off the UI thread, by ``load_people``, which also builds the
``PeopleIndex`` (every column coded and ranked, the search texts). At 100,000 people a
header click is then a cached permutation, a filter a few array operations and a search
one substring scan, each shown with one layout change that keeps the selection; the
models only format, caching a row's texts the first time it is painted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from hrdesk.records import Employee, Records
from hrdesk.records.consent import AI_PROCESSING
from hrdesk.ui import palette
from hrdesk.ui.employees_columns import (  # noqa: F401  (the columns' names are this module's API too)
    AI_USE,
    COLUMNS,
    DEPARTMENT,
    EMPLOYEE_ID,
    HIRE_DATE,
    MANAGER,
    NAME,
    PERFORMANCE,
    POSITION,
    STATUS,
    Column,
)
from hrdesk.ui.people_index import ANY, NO_TEAM, Matches, PeopleIndex, build_index, normalise_search
from hrdesk.vault import Vault

__all__ = ["ANY", "NO_TEAM", "COLUMNS", "Column", "EmployeeTableModel", "EmployeeFilterProxy", "PeopleSnapshot",
           "load_people", "load_first_people", "prepare", "with_employees", "IdRole", "EmployeeRole", "SortRole",
           "TeamRole", "DepartmentRole", "StatusRole", "OptedOutRole"]

Index = QModelIndex | QPersistentModelIndex

IdRole = Qt.ItemDataRole.UserRole + 1  # the employee's vault id
EmployeeRole = Qt.ItemDataRole.UserRole + 2  # the Employee record
SortRole = Qt.ItemDataRole.UserRole + 3  # the cell's sort rank (equal values share one)
TeamRole = Qt.ItemDataRole.UserRole + 4  # team vault id, or None
DepartmentRole = Qt.ItemDataRole.UserRole + 5
StatusRole = Qt.ItemDataRole.UserRole + 6
OptedOutRole = Qt.ItemDataRole.UserRole + 7  # True if opted out of AI processing

ASCENDING = Qt.SortOrder.AscendingOrder


@dataclass(frozen=True)
class PeopleSnapshot:
    """Everything the Employees table shows, read in one go.

    ``total`` is how many people the vault holds: more than ``employees`` when
    only the first screen was read (``load_first_people``). ``index`` is what
    the worker already worked out so the UI thread does not (see ``PeopleIndex``);
    a snapshot without it is indexed on demand.
    """

    employees: list[Employee] = field(default_factory=list)
    teams: dict[str, str] = field(default_factory=dict)  # team vault id -> manager name
    opted_out: frozenset[str] = frozenset()
    scale: tuple[str, ...] = ()  # the performance scale, lowest first
    total: int = -1  # -1: everyone is in ``employees``
    index: PeopleIndex | None = None

    def team_name(self, team_id: str | None) -> str:
        return self.teams.get(team_id, "") if team_id else ""

    def scale_rank(self, value: str | None) -> int:
        return self.scale.index(value) if value in self.scale else -1

    @property
    def complete(self) -> bool:
        return self.total < 0 or self.total <= len(self.employees)


def prepare(snapshot: PeopleSnapshot) -> PeopleSnapshot:
    """The snapshot with its index (call off the UI thread: at 100,000 people this is most of what
    the table once did on it)."""
    return dataclasses.replace(snapshot, index=build_index(snapshot))


def with_employees(snapshot: PeopleSnapshot, updated: Sequence[Employee]) -> tuple[PeopleSnapshot, int]:
    """The snapshot with edited employees (same ids) swapped in where they were, indexed again, and
    how many of them it held (call off the UI thread)."""
    position_of = {e.id: p for p, e in enumerate(snapshot.employees)}
    employees = list(snapshot.employees)
    found = 0
    for employee in updated:
        position = position_of.get(employee.id)
        if position is not None:
            employees[position] = employee
            found += 1
    return prepare(dataclasses.replace(snapshot, employees=employees)), found


def load_people(vault: Vault) -> PeopleSnapshot:
    """Read every employee, team and AI opt-out through the records layer (call off the UI thread)."""
    records = Records(vault)
    return prepare(PeopleSnapshot(
        employees=records.employees.list(),
        teams={t.id: t.manager_name for t in records.teams.list()},
        opted_out=frozenset(records.consents.opted_out(AI_PROCESSING)),
        scale=tuple(records.ratings.scale()),
    ))


def load_first_people(vault: Vault, n: int) -> PeopleSnapshot:
    """The first ``n`` people (in the order they were stored), with how many there are in all: the
    table paints these at once while everyone is read (call off the UI thread)."""
    records = Records(vault)
    return prepare(PeopleSnapshot(
        employees=records.employees.first(n),
        teams={t.id: t.manager_name for t in records.teams.list()},
        opted_out=frozenset(records.consents.opted_out(AI_PROCESSING)),
        scale=tuple(records.ratings.scale()),
        total=records.employees.count(),
    ))


def _rows_of(order: np.ndarray) -> np.ndarray:
    """The inverse of a row -> position order: position -> row."""
    rows = np.empty(len(order), dtype=np.intp)
    rows[order] = np.arange(len(order))
    return rows


class EmployeeTableModel(QAbstractTableModel):
    """One row per employee, in the order of the sort column; a row's texts are cached once painted.

    The model sorts itself (a permutation cached per column in the index, reversed
    for a descending click); the filter model in front of it only hides rows.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._snapshot = prepare(PeopleSnapshot())
        self._order = np.empty(0, dtype=np.intp)  # row -> position in snapshot.employees
        self._row_of: np.ndarray | None = None  # position -> row, worked out when first needed
        self._cells: dict[int, tuple[str, ...]] = {}  # position -> cell texts
        self._sort_column = NAME
        self._sort_order = ASCENDING

    # --- contents -----------------------------------------------------------------------

    def set_snapshot(self, snapshot: PeopleSnapshot) -> None:
        snapshot = snapshot if snapshot.index is not None else prepare(snapshot)
        self.beginResetModel()
        self._install(snapshot)
        self.endResetModel()

    def replace_snapshot(self, snapshot: PeopleSnapshot) -> None:
        """Swap in the same people at the same positions, some of them edited (``with_employees``):
        rows move where the sort now puts them and whatever was selected stays selected."""
        if len(snapshot.employees) != len(self._snapshot.employees):
            self.set_snapshot(snapshot)
            return
        snapshot = snapshot if snapshot.index is not None else prepare(snapshot)
        self._relaid(lambda: self._install(snapshot))

    def _install(self, snapshot: PeopleSnapshot) -> None:
        self._snapshot, self._cells = snapshot, {}
        self._order, self._row_of = self._ordered(self._sort_column, self._sort_order), None

    def clear(self) -> None:
        self.set_snapshot(PeopleSnapshot())

    @property
    def snapshot(self) -> PeopleSnapshot:
        return self._snapshot

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def people_index(self) -> PeopleIndex:
        """The snapshot's search, filter and sort arrays."""
        assert self._snapshot.index is not None
        return self._snapshot.index

    @property
    def order(self) -> np.ndarray:
        """Row -> position in ``snapshot.employees`` (do not modify)."""
        return self._order

    def rows_of(self, positions: np.ndarray) -> np.ndarray:
        """The rows showing these positions."""
        if self._row_of is None:
            self._row_of = _rows_of(self._order)
        return self._row_of[positions]

    def employee(self, row: int) -> Employee:
        return self._snapshot.employees[self._order[row]]

    def sort(self, column: int, order: Qt.SortOrder = ASCENDING) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column, self._sort_order = column, order
        self._relaid(lambda: self._install(self._snapshot))

    def _relaid(self, change: Callable[[], None]) -> None:
        """Make ``change`` (a new order, or edits to the same people) as one layout change: the
        persistent indexes (a view's selection and current row) follow their people."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        positions = self._order[_rows_in(persistent)]
        change()
        self.changePersistentIndexList(persistent, _moved(self, persistent, self.rows_of(positions)))
        self.layoutChanged.emit()

    def _ordered(self, column: int, order: Qt.SortOrder) -> np.ndarray:
        ascending = self.people_index.ascending(column)
        return ascending if order == ASCENDING else ascending[::-1]

    def _texts(self, position: int) -> tuple[str, ...]:
        cells = self._cells.get(position)
        if cells is None:
            snap = self._snapshot
            employee = snap.employees[position]
            cells = self._cells[position] = tuple(c.text(snap, c.value(employee)) for c in COLUMNS)
        return cells

    # --- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return self.cell(index.row(), index.column(), role) if index.isValid() else None

    def cell(self, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """What ``data`` answers for a row and column (the filter model asks here directly)."""
        if not 0 <= row < len(self._order) or not 0 <= column < len(COLUMNS):
            return None
        position = int(self._order[row])
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts(position)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == AI_USE and self._texts(position)[column]:
            return "Opted out of AI processing: never scored and never used to train a model."
        employee = self._snapshot.employees[position]
        if role == Qt.ItemDataRole.ForegroundRole:
            return palette.muted() if employee.is_leaver else None
        if role == SortRole:
            return int(self.people_index.rank(column)[position])
        return _role_data(employee, role, self._snapshot)

    # --- filter choices ----------------------------------------------------------------------

    def departments(self) -> list[tuple[str, int]]:
        return self.people_index.counts("department")

    def statuses(self) -> list[tuple[str, int]]:
        return self.people_index.counts("employment_status")

    def teams(self) -> list[tuple[str, str, int]]:
        """(team id, manager name, members), by manager name."""
        snap = self._snapshot
        return sorted(((tid, snap.team_name(tid), n) for tid, n in self.people_index.counts("team_id")),
                      key=lambda t: t[1].casefold())


def _role_data(employee: Employee, role: int, snapshot: PeopleSnapshot) -> object:
    if role == IdRole:
        return employee.id
    if role == EmployeeRole:
        return employee
    if role == TeamRole:
        return employee.team_id
    if role == DepartmentRole:
        return employee.department or ""
    if role == StatusRole:
        return employee.employment_status or ""
    if role == OptedOutRole:
        return employee.id in snapshot.opted_out
    return None


def _rows_in(persistent: list[QModelIndex]) -> np.ndarray:
    """The rows of persistent indexes (a selection of 5,000 rows holds 45,000 of them)."""
    return np.fromiter(map(QModelIndex.row, persistent), dtype=np.intp, count=len(persistent))


def _moved(model: QAbstractItemModel, persistent: list[QModelIndex], rows: np.ndarray) -> list[QModelIndex]:
    """Persistent indexes moved to their new rows (-1: gone)."""
    gone = QModelIndex()
    create = model.createIndex  # no bounds check calling back into Python per index: the rows are known good
    return [create(row, column) if row >= 0 else gone
            for row, column in zip(rows.tolist(), map(QModelIndex.column, persistent))]


class EmployeeFilterProxy(QAbstractTableModel):
    """The rows of an ``EmployeeTableModel`` that pass the search (name or employee id) and the
    filters (team, department, status), in the model's order.

    Who passes is worked out once per change from the model's index (arrays,
    not a Python call per row), and shown with a layout change, so the
    selection and the current row survive a search, a filter and a sort.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model: EmployeeTableModel | None = None
        self._search = ANY
        self._team = ANY
        self._department = ANY
        self._status = ANY
        self._matches: Matches | None = None
        self._matched: PeopleIndex | None = None  # the index ``_matches`` was worked out on
        self._rows: np.ndarray | None = None  # proxy row -> model row, ascending; None: every row
        self._count = 0  # rows shown
        self._saved: tuple[list[QModelIndex], np.ndarray] | None = None

    # --- the model behind -------------------------------------------------------------------------

    def setSourceModel(self, model: EmployeeTableModel) -> None:  # noqa: N802 - as QAbstractProxyModel says it
        self.beginResetModel()
        if self._model is not None:
            for signal, slot in self._connections(self._model):
                signal.disconnect(slot)
        self._model = model
        for signal, slot in self._connections(model):
            signal.connect(slot)
        self._refilter()
        self.endResetModel()

    def _connections(self, model: EmployeeTableModel) -> list[tuple[Any, Any]]:
        """What of the model this follows: its resets (a new load) and layout changes (sorts, edits)."""
        return [(model.modelAboutToBeReset, self.beginResetModel), (model.modelReset, self._model_reset),
                (model.layoutAboutToBeChanged, self._model_layout_changing),
                (model.layoutChanged, self._model_layout_changed)]

    def sourceModel(self) -> EmployeeTableModel:  # noqa: N802
        assert self._model is not None, "setSourceModel first"
        return self._model

    def mapToSource(self, index: Index) -> QModelIndex:  # noqa: N802
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return QModelIndex()
        return self.sourceModel().index(self._model_row(index.row()), index.column())

    def mapFromSource(self, index: Index) -> QModelIndex:  # noqa: N802
        row = self._proxy_rows(np.array([index.row()]))[0] if index.isValid() else -1
        return self.index(int(row), index.column()) if row >= 0 else QModelIndex()

    def rows_of_ids(self, ids: Sequence[str]) -> list[int]:
        """The rows showing these employees (vault ids), in the order shown; those filtered out or
        gone are left out."""
        model, wanted = self.sourceModel(), set(ids)
        if not wanted:
            return []
        positions = np.array([p for p, e in enumerate(model.snapshot.employees) if e.id in wanted], dtype=np.intp)
        rows = self._proxy_rows(model.rows_of(positions))
        return sorted(int(r) for r in rows if r >= 0)

    def _model_row(self, row: int) -> int:
        return row if self._rows is None else int(self._rows[row])

    def _proxy_rows(self, model_rows: np.ndarray) -> np.ndarray:
        """Where these model rows are shown (-1: filtered out)."""
        if self._rows is None:
            return model_rows
        at = np.searchsorted(self._rows, model_rows)
        found = (at < len(self._rows)) & (self._rows[np.minimum(at, len(self._rows) - 1)] == model_rows) \
            if len(self._rows) else np.zeros(len(model_rows), dtype=bool)
        return np.where(found, at, -1)

    # --- filters ----------------------------------------------------------------------------------

    def set_filters(self, *, search: str | None = None, team: str | None = None,
                    department: str | None = None, status: str | None = None) -> None:
        """Change any of the filters at once (None leaves one as it is), filtering only once, and not
        at all when nothing changed."""
        wanted = (
            self._search if search is None else normalise_search(search),
            self._team if team is None else team,
            self._department if department is None else department,
            self._status if status is None else status,
        )
        if wanted == (self._search, self._team, self._department, self._status):
            return
        self._search, self._team, self._department, self._status = wanted
        self._model_layout_changing()
        self._model_layout_changed()

    def clear_filters(self) -> None:
        self.set_filters(search="", team=ANY, department=ANY, status=ANY)

    @property
    def filtering(self) -> bool:
        return bool(self._search or self._team or self._department or self._status)

    def _refilter(self) -> None:
        """Who passes, in the model's current order (the matches are reused while the people are the same)."""
        model = self.sourceModel()
        index, asked = model.people_index, (self._search, self._team, self._department, self._status)
        previous = self._matches if self._matched is index else None
        if previous is None or previous.asked != asked:
            self._matches = index.matching(search=self._search, team=self._team, department=self._department,
                                           status=self._status, within=previous)
            self._matched = index
        mask = self._matches.mask if self._matches is not None else None
        self._rows = None if mask is None else np.flatnonzero(mask[model.order])
        self._count = len(model.order) if self._rows is None else len(self._rows)

    def _model_reset(self) -> None:
        self._refilter()
        self.endResetModel()

    def _model_layout_changing(self, *_args: object) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        rows = _rows_in(persistent)
        self._saved = (persistent, self.sourceModel().order[rows if self._rows is None else self._rows[rows]])

    def _model_layout_changed(self, *_args: object) -> None:
        persistent, positions = self._saved or ([], np.empty(0, dtype=np.intp))
        self._saved = None
        self._refilter()
        self.changePersistentIndexList(persistent, _moved(self, persistent,
                                                          self._proxy_rows(self.sourceModel().rows_of(positions))))
        self.layoutChanged.emit()

    # --- Qt model ---------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count  # Qt asks this once per index it checks: cheap

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return self._model.headerData(section, orientation, role) if self._model is not None else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._model is None or not 0 <= index.row() < self.rowCount():
            return None
        return self._model.cell(self._model_row(index.row()), index.column(), role)

    def sort(self, column: int, order: Qt.SortOrder = ASCENDING) -> None:
        """Sorting is the model's job (a cached permutation); the rows shown follow its order."""
        self.sourceModel().sort(column, order)
