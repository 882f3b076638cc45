"""The Employees section: search, filter and sort everyone; open one person's page; import.

Employees are read once, in the read pool, and then searched, filtered and
sorted in memory. A write that touches what the table shows (employees, teams,
consents, the rating scale) reloads them; the detail page watches its own kinds.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hrdesk import logs
from hrdesk.errors import CancelledError
from hrdesk.progress import Progress
from hrdesk.records import Records
from hrdesk.session import Changes, Kind
from hrdesk.ui.employee_detail import EmployeeDetail
from hrdesk.ui.employees_model import (
    ANY,
    COLUMNS,
    NAME,
    NO_TEAM,
    EmployeeFilterProxy,
    EmployeeTableModel,
    IdRole,
    PeopleSnapshot,
    load_first_people,
    load_people,
    with_employees,
)
from hrdesk.ui.app import settle_after_load
from hrdesk.ui.errors import show_error
from hrdesk.ui.sections import SectionContext
from hrdesk.ui.widgets import Card, data_table, label, search_field

log = logs.get("ui.employees")

SEARCH_DELAY_MS = 150
#: Past this many people the first screen is read and painted first, everyone else right after.
FIRST_PAGE = 1_000
LIST, EMPTY, DETAIL, LOADING = range(4)

#: What the table shows: a change touching none of these leaves it alone.
LIST_KINDS = (Kind.EMPLOYEES, Kind.TEAMS, Kind.CONSENTS, Kind.SCALES)
#: Actions that change fields of known employees in place: the table re-reads just those rows.
IN_PLACE_EDITS = frozenset({"employee.updated"})


class EmployeesView(QWidget):
    def __init__(self, context: SectionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self._context = context
        self._generation = 0  # ignore results of an older load
        self.loaded = False  # rows are on screen (maybe only the first screen: see ``complete``)
        self.complete = False  # every employee is in the table
        self.warmed = False  # what a search, a filter or a header click needs is worked out (see PeopleIndex.warm)
        self.import_dialog = None
        self.model = EmployeeTableModel(self)
        self.proxy = EmployeeFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._list_page())
        self.stack.addWidget(self._empty_page())
        self.detail = EmployeeDetail(context)
        self.detail.back_requested.connect(self.show_list)
        self.stack.addWidget(self.detail)
        self.stack.addWidget(self._loading_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        context.events.watch(self, LIST_KINDS, self._on_changes, name="employees", pass_changes=True)
        self.refresh()

    # --- pages -----------------------------------------------------------------------------

    def _list_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("Page")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(12)
        top = QHBoxLayout()
        top.addWidget(label("Employees", "title"))
        top.addStretch(1)
        self.import_button = QPushButton("Import a file…")
        self.import_button.setToolTip("Import or update employees, reviews or well-being check-ins from a CSV or Excel file.")
        self.import_button.clicked.connect(self.open_import)
        self.import_button.setVisible(self._context.session.actor.role.value == "admin")  # importing is HR's
        top.addWidget(self.import_button)
        layout.addLayout(top)
        self.subtitle = label("", "muted", wrap=True)
        layout.addWidget(self.subtitle)
        layout.addLayout(self._filters())
        self.table = data_table(name="Employees")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.activated.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)
        layout.addWidget(self.table, 1)
        self.no_match = QWidget()
        no_match = QHBoxLayout(self.no_match)
        no_match.setContentsMargins(0, 0, 0, 0)
        no_match.addWidget(label("No one matches this search and these filters.", "muted"))
        clear = QPushButton("Clear search and filters")
        clear.setProperty("role", "link")
        clear.clicked.connect(self.clear_filters)
        no_match.addWidget(clear)
        no_match.addStretch(1)
        self.no_match.hide()
        layout.addWidget(self.no_match)
        return page

    def _filters(self) -> QHBoxLayout:
        self.search = search_field("Search by name or employee ID…", "Search employees")
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.team_filter = QComboBox()
        self.department_filter = QComboBox()
        self.status_filter = QComboBox()
        for combo, name in ((self.team_filter, "Team filter"), (self.department_filter, "Department filter"),
                            (self.status_filter, "Status filter")):
            combo.setAccessibleName(name)
            combo.setMinimumContentsLength(8)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.currentIndexChanged.connect(self.apply_filters)
        self.count = label("", "muted")
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(self.search, 2)
        row.addWidget(self.team_filter, 1)
        row.addWidget(self.department_filter, 1)
        row.addWidget(self.status_filter, 1)
        row.addWidget(self.count)
        return row

    def _empty_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("Page")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(label("Employees", "title"))
        layout.addStretch(1)
        card = Card()
        card.setMaximumWidth(620)
        card.body.setContentsMargins(36, 30, 36, 30)
        card.body.setSpacing(14)
        card.body.addWidget(label("No employees yet", "heading"), 0, Qt.AlignmentFlag.AlignHCenter)
        card.body.addWidget(label(
            "Start with the export from your HR system (a CSV or Excel file). You will see how each column is "
            "used and every problem in the file before anything is saved; pay, addresses and other columns no "
            "purpose needs are left out.", "muted", wrap=True))
        self.empty_import_button = QPushButton("Import your HRIS export")
        self.empty_import_button.setProperty("role", "primary")
        self.empty_import_button.setMinimumHeight(48)
        big = self.empty_import_button.font()  # larger than the system font, never a fixed size
        big.setPointSizeF(big.pointSizeF() * 1.2)
        self.empty_import_button.setFont(big)
        self.empty_import_button.clicked.connect(self.open_import)
        self.empty_import_button.setVisible(self._context.session.actor.role.value == "admin")
        card.body.addWidget(self.empty_import_button, 0, Qt.AlignmentFlag.AlignHCenter)
        later = label("Reviews and well-being check-ins can be imported afterwards, with the same button.", "muted", wrap=True)
        later.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        card.body.addWidget(later)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 2)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _loading_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("Page")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(label("Employees", "title"))
        layout.addWidget(label("Loading employees…", "muted"))
        layout.addStretch(1)
        return page

    # --- loading ------------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        """Edits of named employees re-read only those rows; anything else re-reads everyone."""
        edited = changes.ids(Kind.EMPLOYEES)
        if self.loaded and edited and set(changes.actions) <= IN_PLACE_EDITS:
            self._reload_rows(sorted(edited))
        else:
            self.refresh()

    def _reload_rows(self, ids: list[str]) -> None:
        vault, generation, snapshot = self._context.vault, self._generation, self.model.snapshot
        column = self.model.sort_column

        def work(_progress: Progress) -> tuple[PeopleSnapshot, int, int]:
            records = Records(vault)
            updated, found = with_employees(snapshot, [records.employees.get(record_id) for record_id in ids])
            return _ordered_by(updated, column), found, len(ids)

        self._context.runner.run(work, label="Loading employees…", writes=False, parent=self, show_progress=False,
                                 on_success=lambda result: self._rows_loaded(generation, snapshot, *result),
                                 on_failure=lambda _exc: self.refresh())

    def _rows_loaded(self, generation: int, base: PeopleSnapshot, updated: PeopleSnapshot, found: int,
                     wanted: int) -> None:
        if generation != self._generation or self._context.vault.is_locked:
            return
        if found != wanted or base is not self.model.snapshot:
            self.refresh()  # someone the table does not know, or another change landed meanwhile: read everyone
            return
        self.model.replace_snapshot(updated)
        self._fill_filters()
        self.apply_filters()
        self._warm(generation, updated)

    def refresh(self) -> None:
        """Read everyone again in the background; the table keeps showing the old rows meanwhile."""
        vault = self._context.vault
        if vault.is_locked:
            self.clear()
            return
        self._generation += 1
        generation = self._generation
        if not self.loaded:
            self.stack.setCurrentIndex(LOADING)

        first_page = not self.loaded  # nothing on screen yet: paint the first screen, then read everyone
        column = self.model.sort_column

        def work(_progress: Progress) -> PeopleSnapshot:
            _progress.begin("Loading employees…", 0)
            if first_page and "employees" in vault.tables() and vault.count("employees") > FIRST_PAGE:
                return load_first_people(vault, FIRST_PAGE)
            return _ordered_by(load_people(vault), column)

        self._context.runner.run(work, label="Loading employees…", writes=False, parent=self,
                                 on_success=lambda snap: self._loaded(generation, snap),
                                 on_failure=self._load_failed)

    def _read_everyone(self, generation: int) -> None:
        vault, column = self._context.vault, self.model.sort_column

        def work(_progress: Progress) -> PeopleSnapshot:
            return _ordered_by(load_people(vault), column)

        self._context.runner.run(work, label="Loading employees…", writes=False, parent=self, show_progress=False,
                                 on_success=lambda snap: self._loaded(generation, snap),
                                 on_failure=self._load_failed)

    def _loaded(self, generation: int, snapshot: PeopleSnapshot) -> None:
        if generation != self._generation or self._context.vault.is_locked:
            return
        self.loaded = True
        self.complete = snapshot.complete
        kept = self._selection()
        self.model.set_snapshot(snapshot)
        self._fill_filters()
        self.apply_filters()
        self._reselect(*kept)
        teams = len(self.model.teams())
        people = len(snapshot.employees) if snapshot.complete else snapshot.total
        self.subtitle.setText(
            f"{people:,} {'person' if people == 1 else 'people'}"
            + (f" in {teams:,} team{'s' if teams != 1 else ''}. " if snapshot.complete else ". ")
            + "Double-click someone (or press Enter) to see their record, consent and check-ins."
        )
        if self.stack.currentIndex() != DETAIL:
            self.stack.setCurrentIndex(LIST if people else EMPTY)
        self._fit_columns()
        if not snapshot.complete:
            self._read_everyone(generation)
        else:
            settle_after_load()  # what was just read lives as long as the view: out of the periodic gc's way
            self._warm(generation, snapshot)

    def _warm(self, generation: int, snapshot: PeopleSnapshot) -> None:
        """Work out the search texts and every column's order in the background, so the first search
        or header click does not (one that comes first works out what it needs itself)."""
        index, model = snapshot.index, self.model

        def work(progress: Progress) -> None:
            if index is not None:
                index.warm(stop=lambda: progress.cancelled() or model.snapshot.index is not index)

        def done(_result: object) -> None:
            self.warmed = generation == self._generation and model.snapshot.index is index

        self.warmed = False
        self._context.runner.run(work, label="Preparing the employees table…", writes=False, parent=self,
                                 show_progress=False, on_success=done,
                                 on_failure=lambda exc: log.error("preparing the table failed", exc_info=exc))

    def _selection(self) -> tuple[str | None, list[str]]:
        """Who is current and who is selected (vault ids), to find them again after a reload."""
        current = self.table.currentIndex().data(IdRole) if self.table.currentIndex().isValid() else None
        return current, [i.data(IdRole) for i in self.table.selectionModel().selectedRows()]

    def _reselect(self, current: str | None, selected: list[str]) -> None:
        """Select the same people again (those still there and shown) after the table was reloaded."""
        if current is None and not selected:
            return
        self._select_rows(*_runs(self.proxy.rows_of_ids(selected)))
        rows = self.proxy.rows_of_ids([current] if current else [])
        if rows:
            self.table.selectionModel().setCurrentIndex(self.proxy.index(rows[0], 0),
                                                        QItemSelectionModel.SelectionFlag.NoUpdate)

    def _select_rows(self, *runs: tuple[int, int]) -> None:
        """Select just these (first row, how many) runs of rows."""
        selection, last = QItemSelection(), self.proxy.columnCount() - 1
        for first, count in runs:
            selection.select(self.proxy.index(first, 0), self.proxy.index(first + count - 1, last))
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().select(selection, flags.ClearAndSelect | flags.Rows)

    def _everyone_selected(self) -> bool:
        ranges, rows = self.table.selectionModel().selection(), self.proxy.rowCount()
        return (rows > 0 and len(ranges) == 1 and ranges[0].top() == 0 and ranges[0].bottom() == rows - 1
                and ranges[0].left() == 0 and ranges[0].right() == self.proxy.columnCount() - 1)

    def _load_failed(self, exc: BaseException) -> None:
        if isinstance(exc, CancelledError):
            return
        show_error(self, exc)

    def _fit_columns(self) -> None:
        """Size columns to the visible rows only, so 10,000 rows cost nothing here."""
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(60)
        self.table.resizeColumnsToContents()
        for column, spec in enumerate(COLUMNS):
            header.resizeSection(column, min(header.sectionSize(column) + 12, spec.max_width))

    # --- filters --------------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        total = self.model.rowCount()
        teams = [(f"Team of {name}" if name else "(unnamed team)", tid, n) for tid, name, n in self.model.teams()]
        no_team = total - sum(n for _l, _t, n in teams)
        if no_team:
            teams.append(("No team", NO_TEAM, no_team))
        _refill(self.team_filter, "All teams", teams)
        _refill(self.department_filter, "All departments", [(d, d, n) for d, n in self.model.departments()])
        _refill(self.status_filter, "All statuses", [(s, s, n) for s, n in self.model.statuses()])

    def apply_filters(self) -> None:
        self._search_timer.stop()
        everyone = self._everyone_selected()
        self.proxy.set_filters(
            search=self.search.text(),
            team=self.team_filter.currentData() or ANY,
            department=self.department_filter.currentData() or ANY,
            status=self.status_filter.currentData() or ANY,
        )
        if everyone and self.proxy.rowCount():  # Qt keeps "the whole table" selected only while its size stays
            self._select_rows((0, self.proxy.rowCount()))
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if not self.complete:
            self.count.setText(f"Loading everyone… showing the first {shown:,}")
        else:
            self.count.setText(("1 person" if total == 1 else f"{total:,} people") if shown == total
                               else f"{shown:,} of {total:,} people")
        self.no_match.setVisible(total > 0 and shown == 0)

    def clear_filters(self) -> None:
        for combo in (self.team_filter, self.department_filter, self.status_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filters()

    # --- detail and import -------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        employee_id = index.data(IdRole)
        if employee_id:
            self.open_employee(str(employee_id))

    def open_employee(self, employee_id: str) -> None:
        self.detail.show_employee(
            employee_id,
            departments=[d for d, _n in self.model.departments()],
            statuses=[s for s, _n in self.model.statuses()],
        )
        self.stack.setCurrentIndex(DETAIL)

    def show_list(self) -> None:
        self.detail.clear()
        self.stack.setCurrentIndex(LIST if self.model.rowCount() else EMPTY)
        self.table.setFocus()

    def open_import(self) -> None:
        from hrdesk.ui.import_dialog import open_import_dialog

        self.import_dialog = open_import_dialog(self._context, self.window())

    def clear(self) -> None:
        """Drop every decrypted value (the window calls this before locking)."""
        self._generation += 1
        self.loaded = False
        self.complete = False
        self.warmed = False
        self.detail.clear()
        self.model.clear()
        self.search.clear()
        for combo in (self.team_filter, self.department_filter, self.status_filter):
            combo.blockSignals(True)
            combo.clear()
            combo.blockSignals(False)
        self.subtitle.clear()
        self.count.clear()


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, how many) runs of consecutive rows: a selection of everyone is one range."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][0] + runs[-1][1] == row:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((row, 1))
    return runs


def _ordered_by(snapshot: PeopleSnapshot, column: int) -> PeopleSnapshot:
    """The snapshot with the table's order by ``column`` worked out (in the worker, not on the UI thread)."""
    if snapshot.index is not None:
        snapshot.index.ascending(column)
    return snapshot


def _refill(combo: QComboBox, everyone: str, items: list[tuple[str, str, int]]) -> None:
    """Replace a filter's choices, keeping the current one when it still exists."""
    current = combo.currentData() or ANY
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everyone, ANY)
    for text, value, count in items:
        combo.addItem(f"{text} ({count:,})", value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)
