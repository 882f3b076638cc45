"""The Employees table's search, filters and sorts give exactly the rows a plain Python computation
gives on the same people, in the same order; the selection survives them; the count says how many.

The table answers from arrays worked out once per load (``ui.people_index``);
the reference here is the obvious per-person loop, written out independently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QItemSelectionModel, QPersistentModelIndex, Qt

from hrdesk.records import Employee, Records
from hrdesk.ui.employees_model import (
    AI_USE,
    ANY,
    COLUMNS,
    DEPARTMENT,
    EMPLOYEE_ID,
    HIRE_DATE,
    MANAGER,
    NAME,
    NO_TEAM,
    PERFORMANCE,
    POSITION,
    STATUS,
    EmployeeFilterProxy,
    EmployeeTableModel,
    IdRole,
    PeopleSnapshot,
    with_employees,
)
from hrdesk.ui.employees_view import EmployeesView

pytestmark = pytest.mark.gui

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
SCALE = ("Needs Improvement", "Fully Meets", "Exceeds")
TEAMS = {"t1": "Bo Ek", "t2": "", "t3": "ada Lund"}  # an unnamed team, and a manager named in lower case


def reference_key(column: int, s: PeopleSnapshot) -> Callable[[Employee], Any]:
    """How each column sorts, said plainly (names casefolded, ratings by the scale, ids as numbers)."""
    def manager(e: Employee) -> str:
        return ((TEAMS.get(e.team_id or "") if e.team_id else "") or e.manager_name or "").casefold()

    return {
        NAME: lambda e: e.name.casefold(),
        EMPLOYEE_ID: lambda e: (0, int(e.employee_id), "") if e.employee_id.isdigit() else (1, 0, e.employee_id),
        PERFORMANCE: lambda e: SCALE.index(e.performance_score) if e.performance_score in SCALE else -1,
        STATUS: lambda e: (e.employment_status or "").casefold(),
        DEPARTMENT: lambda e: (e.department or "").casefold(),
        MANAGER: manager,
        POSITION: lambda e: (e.position or "").casefold(),
        AI_USE: lambda e: 0 if e.id in s.opted_out else 1,
        HIRE_DATE: lambda e: e.hire_date.isoformat() if e.hire_date else "",
    }[column]


def expected(s: PeopleSnapshot, *, search: str = "", team: str = ANY, department: str = ANY, status: str = ANY,
             column: int = NAME, order: Qt.SortOrder = ASC) -> list[str]:
    """The ids the table should show, in order: filter person by person, then a stable sort by the
    column and the name (so ties keep the stored order), reversed for descending."""
    needle = " ".join(search.casefold().split())
    shown = [e for e in s.employees
             if needle in f"{e.name}\n{e.employee_id}".casefold()
             and (not team or (e.team_id or NO_TEAM) == team)
             and (not department or (e.department or "") == department)
             and (not status or (e.employment_status or "") == status)]
    key = reference_key(column, s)
    ordered = sorted(shown, key=lambda e: (key(e), e.name.casefold()))
    return [e.id for e in (ordered if order == ASC else ordered[::-1])]


def shown_ids(proxy: EmployeeFilterProxy) -> list[str]:
    return [proxy.index(r, 0).data(IdRole) for r in range(proxy.rowCount())]


names = st.sampled_from(["Ann Lee", "ann lee", "Lee, Ann", "Zoë Åberg", "Émile Zola", "Bo Ek", "Dana", "dana", "Nan"])
employee_ids = st.one_of(st.integers(0, 120).map(str), st.sampled_from(["E-7", "e-7", "A10", "007"]))
maybe = lambda *values: st.sampled_from((None, "") + values)  # noqa: E731


@st.composite
def snapshots(draw: st.DrawFn) -> PeopleSnapshot:
    n = draw(st.integers(0, 40))
    people = [Employee(
        id=f"id{i:03}", employee_id=draw(employee_ids), name=draw(names),
        team_id=draw(st.sampled_from([None, "t1", "t2", "t3", "t9"])),  # t9: a team the snapshot cannot name
        manager_name=draw(maybe("Bo Ek", "Cy")),
        department=draw(maybe("Sales", "sales", "IT")), position=draw(maybe("Analyst", "analyst")),
        employment_status=draw(maybe("Active", "Terminated for Cause")),
        hire_date=draw(st.one_of(st.none(), st.dates(dt.date(2001, 1, 1), dt.date(2001, 3, 1)))),
        termination_date=draw(st.one_of(st.none(), st.just(dt.date(2020, 5, 1)))),
        performance_score=draw(st.sampled_from((None, "Unknown") + SCALE)),
    ) for i in range(n)]
    opted_out = frozenset(e.id for e in people if draw(st.booleans()))
    return PeopleSnapshot(people, dict(TEAMS), opted_out, SCALE)


def choices(s: PeopleSnapshot) -> tuple[list[str], list[str], list[str]]:
    teams = sorted({e.team_id or NO_TEAM for e in s.employees}) + ["t-none-has"]
    departments = sorted({e.department or "" for e in s.employees} - {""}) + ["Nowhere"]
    statuses = sorted({e.employment_status or "" for e in s.employees} - {""})
    return teams, departments, statuses


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=snapshots(), data=st.data())
def test_search_filter_and_sort_match_a_plain_computation(qapp, s: PeopleSnapshot, data: st.DataObject) -> None:
    model, proxy = EmployeeTableModel(), EmployeeFilterProxy()
    proxy.setSourceModel(model)
    model.set_snapshot(s)
    assert shown_ids(proxy) == expected(s)
    teams, departments, statuses = choices(s)
    typed = ""
    for _ in range(4):  # a few changes in a row, as a person makes them: the answers build on each other
        column = data.draw(st.integers(0, len(COLUMNS) - 1), label="column")
        order = data.draw(st.sampled_from([ASC, DESC]), label="order")
        typed = data.draw(st.one_of(st.just(typed + "n"), st.just(typed + "N "), st.just(typed[:-1]),
                                    st.text(alphabet="anlAE ,1-7", max_size=4)), label="search")
        filters = dict(team=data.draw(st.sampled_from([ANY] + teams), label="team"),
                       department=data.draw(st.sampled_from([ANY] + departments), label="department"),
                       status=data.draw(st.sampled_from([ANY] + statuses), label="status"))
        if data.draw(st.booleans(), label="sort first"):
            proxy.sort(column, order)
            proxy.set_filters(search=typed, **filters)
        else:
            proxy.set_filters(search=typed, **filters)
            proxy.sort(column, order)
        assert shown_ids(proxy) == expected(s, search=typed, column=column, order=order, **filters)
        assert model.rowCount() == len(s.employees)
    for row in range(proxy.rowCount()):  # and each row shows that person's cells
        employee = proxy.index(row, 0).data(Qt.ItemDataRole.UserRole + 2)
        assert proxy.index(row, NAME).data() == employee.name
        assert proxy.index(row, EMPLOYEE_ID).data() == employee.employee_id
        assert proxy.index(row, AI_USE).data() == ("Opted out" if employee.id in s.opted_out else "")


def test_filter_choices_count_everyone(qapp) -> None:
    people = [Employee(f"id{i}", str(i), f"P{i}", team_id=t, department=d, employment_status=st_)
              for i, (t, d, st_) in enumerate([("t1", "Sales", "Active"), ("t1", "sales", "Active"),
                                               (None, None, None), ("t3", "IT", ""), ("t1", "Sales", "Leave")])]
    model = EmployeeTableModel()
    model.set_snapshot(PeopleSnapshot(people, dict(TEAMS)))
    assert model.departments() == [("IT", 1), ("Sales", 2), ("sales", 1)]
    assert model.statuses() == [("Active", 2), ("Leave", 1)]
    assert model.teams() == [("t3", "ada Lund", 1), ("t1", "Bo Ek", 3)]  # by manager name, casefolded


def test_an_edit_moves_the_row_keeps_the_selection_and_refilters(qapp) -> None:
    people = [Employee(f"id{i}", str(i), name, department="Sales") for i, name in enumerate(["Cy", "Al", "Bo"])]
    model, proxy = EmployeeTableModel(), EmployeeFilterProxy()
    proxy.setSourceModel(model)
    model.set_snapshot(PeopleSnapshot(people))
    proxy.set_filters(department="Sales")
    held = QPersistentModelIndex(proxy.index(2, NAME))  # Cy, last by name, as a selection holds it
    renamed, found = with_employees(model.snapshot, [dataclasses.replace(people[0], name="Aaron")])
    assert found == 1
    model.replace_snapshot(renamed)
    assert [proxy.index(r, NAME).data() for r in range(3)] == ["Aaron", "Al", "Bo"]
    assert held.isValid() and held.row() == 0 and held.data(IdRole) == "id0"  # followed the person
    moved, _ = with_employees(model.snapshot, [dataclasses.replace(people[0], name="Aaron", department="IT")])
    model.replace_snapshot(moved)
    assert [proxy.index(r, NAME).data() for r in range(proxy.rowCount())] == ["Al", "Bo"]  # no longer in Sales
    assert not held.isValid()


def make_view(qtbot, context) -> EmployeesView:  # type: ignore[no-untyped-def]
    view = EmployeesView(context)
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    qtbot.waitUntil(lambda: view.complete and view.warmed, timeout=15_000)
    return view


def selected_ids(view: EmployeesView) -> list[str]:
    return [i.data(IdRole) for i in view.table.selectionModel().selectedRows()]


def test_the_selection_survives_sorts_and_filters_and_the_count_says_how_many(qtbot, demo_context) -> None:
    view = make_view(qtbot, demo_context)
    everyone = Records(demo_context.vault).employees.list()
    person = everyone[11]
    row = next(r for r in range(view.proxy.rowCount()) if view.proxy.index(r, 0).data(IdRole) == person.id)
    view.table.selectRow(row)
    assert selected_ids(view) == [person.id] and view.count.text() == "60 people"

    view.table.horizontalHeader().setSortIndicator(HIRE_DATE, DESC)  # a header click
    assert selected_ids(view) == [person.id] and view.table.currentIndex().data(IdRole) == person.id
    view.department_filter.setCurrentIndex(view.department_filter.findData(person.department))
    in_department = sum(e.department == person.department for e in everyone)
    assert view.count.text() == f"{in_department} of 60 people"
    assert selected_ids(view) == [person.id]
    view.search.setText(person.name.split(",")[0].lower())
    view.apply_filters()  # as the typing delay running out does
    assert selected_ids(view) == [person.id] and view.table.currentIndex().data(IdRole) == person.id
    assert shown_ids(view.proxy) == expected(view.model.snapshot, search=person.name.split(",")[0],
                                             department=person.department or "", column=HIRE_DATE, order=DESC)
    assert view.proxy.rowCount() >= 1 and not view.no_match.isVisible()

    view.search.setText("no one is called this")
    view.apply_filters()
    assert view.proxy.rowCount() == 0 and view.no_match.isVisible() and view.count.text() == "0 of 60 people"
    assert selected_ids(view) == []
    view.clear_filters()
    assert view.proxy.rowCount() == 60 and view.count.text() == "60 people" and not view.no_match.isVisible()


def test_everyone_selected_stays_selected_through_a_sort(qtbot, demo_context) -> None:
    view = make_view(qtbot, demo_context)
    view.table.selectAll()
    view.table.horizontalHeader().setSortIndicator(PERFORMANCE, ASC)
    assert len(view.table.selectionModel().selectedRows()) == 60
    view.status_filter.setCurrentIndex(1)
    shown = view.proxy.rowCount()
    assert 0 < shown < 60 and len(view.table.selectionModel().selectedRows()) == shown
    view.table.selectionModel().clearSelection()
    view.table.selectionModel().select(view.proxy.index(0, 0), QItemSelectionModel.SelectionFlag.Select
                                       | QItemSelectionModel.SelectionFlag.Rows)
    first = selected_ids(view)
    view.table.horizontalHeader().setSortIndicator(PERFORMANCE, DESC)
    assert selected_ids(view) == first


def test_the_filter_model_passes_the_model_tester_through_changes(qtmodeltester, demo_vault) -> None:
    from hrdesk.ui.employees_model import load_people

    snapshot = load_people(demo_vault)
    model, proxy = EmployeeTableModel(), EmployeeFilterProxy()
    proxy.setSourceModel(model)
    model.set_snapshot(snapshot)
    qtmodeltester.check(proxy, force_py=True)  # stays connected: every change below is checked as it happens
    proxy.set_filters(search="a")
    proxy.sort(HIRE_DATE, DESC)
    proxy.set_filters(department=snapshot.employees[0].department or ANY)
    proxy.set_filters(search="zzz-nobody")
    proxy.clear_filters()
    model.replace_snapshot(with_employees(model.snapshot, [dataclasses.replace(snapshot.employees[3], name="Aaa")])[0])
    model.clear()
    assert proxy.rowCount() == 0


@settings(max_examples=15, deadline=None)
@given(s=snapshots())
def test_warming_in_the_background_gives_the_orders_worked_out_on_demand(s: PeopleSnapshot) -> None:
    from hrdesk.ui.employees_model import prepare

    warmed, lazy = prepare(s).index, prepare(s).index
    assert warmed is not None and lazy is not None
    warmed.warm()
    assert warmed.search == lazy.search
    for column in range(len(COLUMNS)):
        assert warmed.ascending(column).tolist() == lazy.ascending(column).tolist()
    stopped = prepare(s).index
    assert stopped is not None
    stopped.warm(stop=lambda: True)
    assert "search" not in stopped._cache  # a load that is no longer shown is not worked on


def clipped(view: EmployeesView) -> list[str]:
    """Controls too small for their content, leaving out the search box's own clear button (Qt's)."""
    from PySide6.QtWidgets import QToolButton

    from hrdesk.ui.screenshots import clipped as clipped_controls

    own = len(view.search.findChildren(QToolButton))
    found = clipped_controls(view)
    inside_search = [c for c in found if c.startswith("QToolButton '' ''")]
    return found if len(inside_search) > own else [c for c in found if c not in inside_search]


def test_a_filtered_sorted_table_looks_right_at_every_size(qtbot, tmp_path, demo_factory, context_for,
                                                           screenshot) -> None:
    from qt_fixtures import large_system_font

    vault = demo_factory(tmp_path / "demo300.hrdesk", 300, seed=3)
    try:
        view = make_view(qtbot, context_for(vault))
        view.department_filter.setCurrentIndex(1)
        view.search.setText("a")
        view.apply_filters()
        view.table.horizontalHeader().setSortIndicator(HIRE_DATE, DESC)
        view.table.selectRow(2)
        shown = view.proxy.rowCount()
        assert view.count.text() == f"{shown:,} of 300 people"
        for size, name in (((1280, 800), "employees_filtered_1280x800"), ((1024, 640), "employees_filtered_1024x640")):
            view.resize(*size)
            qtbot.wait(50)
            screenshot(view, name)
            assert not clipped(view), clipped(view)
        with large_system_font():
            view.resize(1280, 800)
            qtbot.wait(100)
            screenshot(view, "employees_filtered_14pt")
            assert not clipped(view), clipped(view)
            view.search.setText("no one is called this")
            view.apply_filters()
            qtbot.wait(50)
            screenshot(view, "employees_no_match_14pt")
            assert view.no_match.isVisible() and not clipped(view), clipped(view)
    finally:
        view.clear()
        vault.close(backup=False)


def test_the_selection_survives_everyone_arriving_and_a_reload(qtbot, demo_context, monkeypatch) -> None:
    from hrdesk.ui import employees_view

    monkeypatch.setattr(employees_view, "FIRST_PAGE", 10)
    chosen: list[str] = []
    real = EmployeesView._loaded

    def select_on_the_first_screen(self, generation, snapshot):  # type: ignore[no-untyped-def]
        real(self, generation, snapshot)
        if not snapshot.complete:  # a person picks someone while everyone else is still being read
            self.table.selectRow(3)
            chosen.append(self.proxy.index(3, 0).data(IdRole))

    monkeypatch.setattr(EmployeesView, "_loaded", select_on_the_first_screen)
    view = EmployeesView(demo_context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.complete, timeout=15_000)
    assert view.proxy.rowCount() == 60 and len(chosen) == 1
    assert selected_ids(view) == chosen and view.table.currentIndex().data(IdRole) == chosen[0]
    view.table.selectAll()
    before = view.model.snapshot
    view.refresh()  # what any change to employees, teams or consents does
    qtbot.waitUntil(lambda: view.model.snapshot is not before, timeout=15_000)
    assert len(view.table.selectionModel().selectedRows()) == 60


@pytest.mark.parametrize("steps", ["filter", "sort, filter"])
def test_everyone_selected_then_filtered_keeps_the_shown_ones_selected(qtbot, vault, context, hr_dataset,
                                                                       steps) -> None:
    from hrdesk.importing import import_file

    import_file(vault, hr_dataset)  # 311 people: past 1,000 cells Qt holds "everything" as the whole table
    view = make_view(qtbot, context)
    view.table.selectAll()
    if "sort" in steps:
        view.table.horizontalHeader().setSortIndicator(PERFORMANCE, ASC)
    view.department_filter.setCurrentIndex(1)
    assert 0 < view.proxy.rowCount() < 311
    assert len(view.table.selectionModel().selectedRows()) == view.proxy.rowCount()
