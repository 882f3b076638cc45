"""The Employees section: loading through the worker, search, filters, sort, empty state,
and the import dialog's result showing up in the table."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from hrdesk.records import Records
from hrdesk.ui.employees_model import (
    ANY,
    EMPLOYEE_ID,
    HIRE_DATE,
    NAME,
    PERFORMANCE,
    EmployeeFilterProxy,
    EmployeeTableModel,
    EmployeeRole,
    IdRole,
    OptedOutRole,
    load_people,
)
from hrdesk.ui.employees_view import DETAIL, EMPTY, LIST, EmployeesView
from hrdesk.ui.import_dialog import DONE, MAPPING
from hrdesk.ui.sections import REGISTRY

pytestmark = pytest.mark.gui


def make_view(qtbot, context) -> EmployeesView:  # type: ignore[no-untyped-def]
    view = EmployeesView(context)
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    qtbot.waitUntil(lambda: view.loaded, timeout=15_000)
    return view


def names(view: EmployeesView) -> list[str]:
    return [view.proxy.index(r, NAME).data() for r in range(view.proxy.rowCount())]


def test_empty_vault_offers_the_import(qtbot, context, screenshot) -> None:
    view = make_view(qtbot, context)
    assert view.stack.currentIndex() == EMPTY
    assert view.empty_import_button.isVisible() and view.empty_import_button.text() == "Import your HRIS export"
    screenshot(view, "employees_empty")


def test_import_from_the_empty_state_fills_the_table(qtbot, context, hr_dataset) -> None:
    view = make_view(qtbot, context)
    qtbot.mouseClick(view.empty_import_button, Qt.MouseButton.LeftButton)
    dialog = view.import_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.load_file(hr_dataset)
    qtbot.waitUntil(lambda: dialog.page() == MAPPING, timeout=10_000)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.page() == DONE, timeout=20_000)
    # the write lane's success fires events.changed; the view reloads itself
    qtbot.waitUntil(lambda: view.model.rowCount() == 311, timeout=15_000)
    assert view.stack.currentIndex() == LIST
    assert view.proxy.rowCount() == 311
    assert view.count.text() == "311 people"
    dialog.close()


def test_search_filter_and_sort(qtbot, demo_context, screenshot) -> None:
    view = make_view(qtbot, demo_context)
    assert view.proxy.rowCount() == 60
    assert names(view) == sorted(names(view), key=str.casefold)
    someone = Records(demo_context.vault).employees.list()[7]
    view.search.setText(someone.name.split(",")[0].upper())  # case-insensitive
    qtbot.waitUntil(lambda: view.proxy.rowCount() < 60, timeout=2000)
    assert someone.name in names(view)
    view.search.setText(someone.employee_id)
    view.apply_filters()
    assert names(view) == [someone.name]
    view.search.setText("nobody-has-this-name")
    view.apply_filters()
    assert view.proxy.rowCount() == 0 and view.no_match.isVisible()
    view.clear_filters()
    assert view.proxy.rowCount() == 60

    department = someone.department
    view.department_filter.setCurrentIndex(view.department_filter.findData(department))
    shown = [view.proxy.index(r, 0).data(EmployeeRole) for r in range(view.proxy.rowCount())]
    assert shown and all(e.department == department for e in shown)
    assert view.count.text().endswith("of 60 people")
    view.team_filter.setCurrentIndex(view.team_filter.findData(someone.team_id))
    shown = [view.proxy.index(r, 0).data(EmployeeRole) for r in range(view.proxy.rowCount())]
    assert all(e.team_id == someone.team_id and e.department == department for e in shown)
    view.clear_filters()
    status = "Active"
    view.status_filter.setCurrentIndex(view.status_filter.findData(status))
    assert all(view.proxy.index(r, 0).data(EmployeeRole).employment_status == status for r in range(view.proxy.rowCount()))
    view.clear_filters()

    view.table.sortByColumn(EMPLOYEE_ID, Qt.SortOrder.DescendingOrder)
    ids = [int(view.proxy.index(r, EMPLOYEE_ID).data()) for r in range(view.proxy.rowCount())]
    assert ids == sorted(ids, reverse=True)
    view.table.sortByColumn(PERFORMANCE, Qt.SortOrder.AscendingOrder)
    scale = Records(demo_context.vault).ratings.scale()
    ranks = [scale.index(v) for r in range(view.proxy.rowCount()) if (v := view.proxy.index(r, PERFORMANCE).data()) in scale]
    assert ranks == sorted(ranks)  # ordinal, not alphabetical
    view.table.sortByColumn(HIRE_DATE, Qt.SortOrder.AscendingOrder)
    hired = [view.proxy.index(r, 0).data(EmployeeRole).hire_date for r in range(view.proxy.rowCount())]
    assert hired == sorted(hired)


def test_double_click_opens_the_detail_and_back(qtbot, demo_context) -> None:
    view = make_view(qtbot, demo_context)
    index = view.proxy.index(3, NAME)
    view._open_index(index)
    assert view.stack.currentIndex() == DETAIL
    qtbot.waitUntil(lambda: view.detail.data is not None, timeout=10_000)  # read off the UI thread
    assert view.detail.data.employee.id == index.data(IdRole)
    view.detail.back_requested.emit()
    assert view.stack.currentIndex() == LIST


def test_employees_table_with_300_people(qtbot, tmp_path, demo_factory, context_for, screenshot) -> None:
    vault = demo_factory(tmp_path / "demo300.hrdesk", 300, seed=3)
    try:
        view = make_view(qtbot, context_for(vault))
        view.resize(1240, 780)
        assert view.model.rowCount() == 300
        qtbot.wait(50)
        screenshot(view, "employees_table")
    finally:
        view.clear()
        vault.close(backup=False)


def test_clear_drops_everything(qtbot, demo_context) -> None:
    view = make_view(qtbot, demo_context)
    view.open_employee(view.proxy.index(0, 0).data(IdRole))
    view.clear()
    assert view.model.rowCount() == 0 and view.detail.data is None and view.team_filter.count() == 0


def test_models_pass_the_model_tester(qtmodeltester, demo_vault) -> None:
    snapshot = load_people(demo_vault)
    model = EmployeeTableModel()
    model.set_snapshot(snapshot)
    qtmodeltester.check(model, force_py=True)
    first = min(snapshot.employees, key=lambda e: e.name.casefold())  # sorted by name to start with
    assert model.index(0, 0).data(IdRole) == first.id and model.index(0, NAME).data() == first.name
    model.sort(EMPLOYEE_ID, Qt.SortOrder.DescendingOrder)  # the tester, still connected, watches the layout change
    assert model.index(0, 0).data(EmployeeRole).employee_id == max((e.employee_id for e in snapshot.employees), key=int)
    assert model.index(0, 0).data(OptedOutRole) is False
    model.clear()
    assert model.rowCount() == 0


def test_filter_proxy_passes_the_model_tester(qtmodeltester, demo_vault) -> None:
    snapshot = load_people(demo_vault)
    model = EmployeeTableModel()
    model.set_snapshot(snapshot)
    proxy = EmployeeFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(search="a", department=snapshot.employees[0].department or ANY)
    proxy.sort(NAME)
    qtmodeltester.check(proxy, force_py=True)
    assert 0 < proxy.rowCount() < model.rowCount()


def test_section_is_registered() -> None:
    import hrdesk.ui.people_sections  # noqa: F401

    section = REGISTRY.get("employees")
    assert section is not None and section.title == "Employees" and section.order == 20
