"""The Employees table: a model over employee ids with cached rows, and a proxy that
searches, filters and sorts in memory so 10,000 people stay smooth.

Everything is loaded once, off the UI thread, by ``load_people``; the model
then only formats. Cell texts are computed the first time a row is painted
and cached; sort keys per column the first time that column is sorted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QWidget

from hrdesk.records import Employee, Records
from hrdesk.records.consent import AI_PROCESSING
from hrdesk.ui import palette
from hrdesk.ui.formatting import local_date
from hrdesk.vault import Vault

Index = QModelIndex | QPersistentModelIndex

IdRole = Qt.ItemDataRole.UserRole + 1  # the employee's vault id
EmployeeRole = Qt.ItemDataRole.UserRole + 2  # the Employee record
SortRole = Qt.ItemDataRole.UserRole + 3  # a value that sorts correctly (dates as ISO, names casefolded)
TeamRole = Qt.ItemDataRole.UserRole + 4  # team vault id, or None
DepartmentRole = Qt.ItemDataRole.UserRole + 5
StatusRole = Qt.ItemDataRole.UserRole + 6
OptedOutRole = Qt.ItemDataRole.UserRole + 7  # True if opted out of AI processing

ANY = ""  # filter value meaning "no filter"
NO_TEAM = "\x00none"  # filter value for people without a team


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[["PeopleSnapshot", Employee], str]
    sort: Callable[["PeopleSnapshot", Employee], Any]
    max_width: int = 200  # pixels; the table never starts wider than this per column


def _date(value: dt.date | None) -> str:
    return local_date(value)  # the user's locale, as every date in hrdesk


COLUMNS: tuple[Column, ...] = (
    # What HR scans first comes first: who, their rating and whether they are still here.
    Column("Name", lambda s, e: e.name, lambda s, e: e.name.casefold(), 210),
    Column("Employee ID", lambda s, e: e.employee_id,
           lambda s, e: (0, int(e.employee_id), "") if e.employee_id.isdigit() else (1, 0, e.employee_id), 125),
    Column("Performance", lambda s, e: e.performance_score or "—", lambda s, e: s.scale_rank(e.performance_score), 180),
    Column("Status", lambda s, e: e.employment_status or "", lambda s, e: (e.employment_status or "").casefold(), 190),
    Column("Department", lambda s, e: e.department or "", lambda s, e: (e.department or "").casefold(), 180),
    Column("Manager", lambda s, e: s.team_name(e.team_id) or e.manager_name or "",
           lambda s, e: (s.team_name(e.team_id) or e.manager_name or "").casefold(), 160),
    Column("Position", lambda s, e: e.position or "", lambda s, e: (e.position or "").casefold(), 200),
    Column("AI use", lambda s, e: "Opted out" if e.id in s.opted_out else "",
           lambda s, e: 0 if e.id in s.opted_out else 1, 100),
    Column("Hire date", lambda s, e: _date(e.hire_date), lambda s, e: e.hire_date.isoformat() if e.hire_date else "", 120),
)
NAME, EMPLOYEE_ID, PERFORMANCE, STATUS, DEPARTMENT, MANAGER, POSITION, AI_USE, HIRE_DATE = range(len(COLUMNS))


@dataclass(frozen=True)
class PeopleSnapshot:
    """Everything the Employees table shows, read in one go.

    ``total`` is how many people the vault holds: more than ``employees`` when
    only the first screen was read (``load_first_people``). ``prepared`` holds
    what the worker already worked out so the UI thread does not (search texts,
    name sort keys, filter counts); a snapshot without it is prepared on demand.
    """

    employees: list[Employee] = field(default_factory=list)
    teams: dict[str, str] = field(default_factory=dict)  # team vault id -> manager name
    opted_out: frozenset[str] = frozenset()
    scale: tuple[str, ...] = ()  # the performance scale, lowest first
    total: int = -1  # -1: everyone is in ``employees``
    prepared: "Prepared | None" = None

    def team_name(self, team_id: str | None) -> str:
        return self.teams.get(team_id, "") if team_id else ""

    def scale_rank(self, value: str | None) -> int:
        return self.scale.index(value) if value in self.scale else -1

    @property
    def complete(self) -> bool:
        return self.total < 0 or self.total <= len(self.employees)


@dataclass(frozen=True)
class Prepared:
    """The per-person work a table needs before its first paint, done off the UI thread."""

    search: list[str]  # per position: name and employee id, casefolded
    name_keys: list[str]  # per position: the name sort key
    by_name: list[int]  # positions sorted by name: the table's first order
    departments: list[tuple[str, int]]
    statuses: list[tuple[str, int]]
    teams: list[tuple[str, str, int]]  # (team id, manager name, members), by manager name


def prepare(snapshot: PeopleSnapshot) -> PeopleSnapshot:
    """The snapshot with its ``Prepared`` part (call off the UI thread: at 100,000 people this is
    most of what the table once did on it)."""
    employees = snapshot.employees
    name_sort = COLUMNS[NAME].sort
    team_counts = Counter(e.team_id for e in employees if e.team_id)
    teams = sorted(((tid, snapshot.team_name(tid), n) for tid, n in team_counts.items()), key=lambda t: t[1].casefold())
    name_keys = [name_sort(snapshot, e) for e in employees]
    prepared = Prepared(
        search=[f"{e.name}\n{e.employee_id}".casefold() for e in employees],
        name_keys=name_keys,
        by_name=sorted(range(len(name_keys)), key=name_keys.__getitem__),
        departments=sorted(Counter(e.department for e in employees if e.department).items()),
        statuses=sorted(Counter(e.employment_status for e in employees if e.employment_status).items()),
        teams=teams,
    )
    return PeopleSnapshot(employees, snapshot.teams, snapshot.opted_out, snapshot.scale, snapshot.total, prepared)


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


class EmployeeTableModel(QAbstractTableModel):
    """One row per employee, over their ids; cell texts and sort keys are cached.

    The model sorts itself (a Python sort of row positions by a cached key,
    milliseconds for 10,000 rows); the proxy in front of it only filters.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._snapshot = PeopleSnapshot()
        self._order: list[int] = []  # row -> position in snapshot.employees
        self._rows: dict[int, tuple[str, ...]] = {}  # position -> cell texts
        self._sort_keys: dict[int, list[Any]] = {}  # column -> key per position
        self._search: list[str] = []  # per position
        self._sort_column = NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._prepared: Prepared | None = None

    # --- contents -----------------------------------------------------------------------

    def set_snapshot(self, snapshot: PeopleSnapshot) -> None:
        if snapshot.prepared is None and snapshot.employees:
            snapshot = prepare(snapshot)
        self.beginResetModel()
        self._snapshot = snapshot
        self._rows, self._sort_keys = {}, {}
        self._prepared = snapshot.prepared
        self._search = list(snapshot.prepared.search) if snapshot.prepared else []
        if snapshot.prepared is not None:
            self._sort_keys[NAME] = snapshot.prepared.name_keys
        if snapshot.prepared is not None and self._sort_column == NAME:
            by_name = snapshot.prepared.by_name  # sorted off the UI thread (stable: ties keep stored order)
            self._order = list(by_name) if self._sort_order == Qt.SortOrder.AscendingOrder else by_name[::-1]
        else:
            self._order = self._sorted_positions(self._sort_column, self._sort_order)
        self.endResetModel()

    def clear(self) -> None:
        self.set_snapshot(PeopleSnapshot())

    def replace_employees(self, updated: list[Employee]) -> int:
        """Swap in edited employees (same ids) without re-reading everyone; returns how many were found.

        Their cached cells, search text and sort keys are dropped, and the
        order is recomputed, since an edit may move a row.
        """
        position_of = {e.id: pos for pos, e in enumerate(self._snapshot.employees)}
        found = [(position_of[e.id], e) for e in updated if e.id in position_of]
        for position, employee in found:
            self._snapshot.employees[position] = employee
            self._rows.pop(position, None)
            self._search[position] = f"{employee.name}\n{employee.employee_id}".casefold()
        if found:
            self._sort_keys = {}
            self._prepared = None  # the filter counts may have changed
            self.sort(self._sort_column, self._sort_order)
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._order) - 1, len(COLUMNS) - 1))
        return len(found)

    @property
    def snapshot(self) -> PeopleSnapshot:
        return self._snapshot

    def employee(self, row: int) -> Employee:
        return self._snapshot.employees[self._order[row]]

    def row_of(self, employee_id: str) -> int:
        return next((row for row, pos in enumerate(self._order) if self._snapshot.employees[pos].id == employee_id), -1)

    def search_text(self, row: int) -> str:
        return self._search[self._order[row]]

    def sort_key(self, row: int, column: int) -> Any:
        return self._keys(column)[self._order[row]]

    def _keys(self, column: int) -> list[Any]:
        keys = self._sort_keys.get(column)
        if keys is None:
            spec, snap = COLUMNS[column], self._snapshot
            keys = self._sort_keys[column] = [spec.sort(snap, e) for e in snap.employees]
        return keys

    def _sorted_positions(self, column: int, order: Qt.SortOrder) -> list[int]:
        keys, names = self._keys(column), self._keys(NAME)
        positions = sorted(range(len(keys)), key=lambda p: (keys[p], names[p]))
        return positions[::-1] if order == Qt.SortOrder.DescendingOrder else positions

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old = self._order
        self._order = self._sorted_positions(column, order)
        row_of_position = {pos: row for row, pos in enumerate(self._order)}
        persistent = self.persistentIndexList()
        moved = [self.index(row_of_position[old[i.row()]], i.column()) for i in persistent]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _cells(self, row: int) -> tuple[str, ...]:
        position = self._order[row]
        cells = self._rows.get(position)
        if cells is None:
            employee, snap = self._snapshot.employees[position], self._snapshot
            cells = self._rows[position] = tuple(c.text(snap, employee) for c in COLUMNS)
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
        if not index.isValid() or not 0 <= index.row() < len(self._order) or not 0 <= index.column() < len(COLUMNS):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells(row)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == AI_USE and self._cells(row)[column]:
            return "Opted out of AI processing: never scored and never used to train a model."
        if role == Qt.ItemDataRole.ForegroundRole and self.employee(row).is_leaver:
            return palette.muted()
        return self._role_data(row, column, role)

    def _role_data(self, row: int, column: int, role: int) -> object:
        employee = self.employee(row)
        if role == IdRole:
            return employee.id
        if role == EmployeeRole:
            return employee
        if role == SortRole:
            key = self.sort_key(row, column)
            return key if isinstance(key, str | int) else str(key)
        if role == TeamRole:
            return employee.team_id
        if role == DepartmentRole:
            return employee.department or ""
        if role == StatusRole:
            return employee.employment_status or ""
        if role == OptedOutRole:
            return employee.id in self._snapshot.opted_out
        return None

    # --- filter choices ----------------------------------------------------------------------

    def _choices(self) -> Prepared:
        if self._prepared is None:
            self._prepared = prepare(self._snapshot).prepared
        assert self._prepared is not None
        return self._prepared

    def departments(self) -> list[tuple[str, int]]:
        return [] if not self._snapshot.employees else list(self._choices().departments)

    def statuses(self) -> list[tuple[str, int]]:
        return [] if not self._snapshot.employees else list(self._choices().statuses)

    def teams(self) -> list[tuple[str, str, int]]:
        """(team id, manager name, members), by manager name."""
        return [] if not self._snapshot.employees else list(self._choices().teams)


class EmployeeFilterProxy(QSortFilterProxyModel):
    """Search (name or employee id) and filters (team, department, status), all in memory."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = ""
        self._team = ANY
        self._department = ANY
        self._status = ANY
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(False)  # the rows never change under the proxy except by a reset or a sort

    def _model(self) -> EmployeeTableModel:
        model = self.sourceModel()
        assert isinstance(model, EmployeeTableModel)
        return model

    def set_filters(self, *, search: str | None = None, team: str | None = None,
                    department: str | None = None, status: str | None = None) -> None:
        """Change any of the filters at once (None leaves one as it is), filtering only once, and not
        at all when nothing changed (a reload already filtered every row as it reset)."""
        wanted = (
            self._search if search is None else " ".join(search.casefold().split()),
            self._team if team is None else team,
            self._department if department is None else department,
            self._status if status is None else status,
        )
        if wanted == (self._search, self._team, self._department, self._status):
            return
        self.beginFilterChange()
        self._search, self._team, self._department, self._status = wanted
        self.endFilterChange()

    def clear_filters(self) -> None:
        self.set_filters(search="", team=ANY, department=ANY, status=ANY)

    @property
    def filtering(self) -> bool:
        return bool(self._search or self._team or self._department or self._status)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not (self._search or self._team or self._department or self._status):
            return True  # called once per row on every reset: 100,000 times, so first and cheap
        model = self._model()
        if self._search and self._search not in model.search_text(source_row):
            return False
        if not (self._team or self._department or self._status):
            return True
        employee = model.employee(source_row)
        if self._team and (employee.team_id or NO_TEAM) != self._team:
            return False
        if self._department and (employee.department or "") != self._department:
            return False
        return not self._status or (employee.employment_status or "") == self._status

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's job (fast, cached keys); the proxy keeps its order."""
        self._model().sort(column, order)
