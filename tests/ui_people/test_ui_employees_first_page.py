"""A large organisation: the Employees view paints the first people read at once, then everyone;
what it keeps is frozen out of the app's periodic garbage collection."""

from __future__ import annotations

import gc

import pytest

from hrdesk.ui import employees_view
from hrdesk.ui.employees_model import NAME, load_people
from hrdesk.ui.employees_view import EmployeesView

pytestmark = pytest.mark.gui


def test_the_first_screen_comes_first_then_everyone(qtbot, demo_context, demo_vault, monkeypatch) -> None:
    monkeypatch.setattr(employees_view, "FIRST_PAGE", 10)
    shown_first: list[tuple[int, str]] = []
    real = EmployeesView._loaded

    def spy(self, generation, snapshot):  # type: ignore[no-untyped-def]
        real(self, generation, snapshot)
        shown_first.append((self.proxy.rowCount(), self.count.text()))

    monkeypatch.setattr(EmployeesView, "_loaded", spy)
    view = EmployeesView(demo_context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.complete, timeout=15_000)
    everyone = load_people(demo_vault)
    assert shown_first[0] == (10, "Loading everyone… showing the first 10")
    assert shown_first[-1][0] == len(everyone.employees) == 60
    assert view.count.text() == "60 people" and "60 people in" in view.subtitle.text()
    expected = sorted(everyone.employees, key=lambda e: e.name.casefold())
    assert [view.proxy.index(r, NAME).data() for r in range(60)] == [e.name for e in expected]
    assert view.model.teams() and view.team_filter.count() > 1  # the filters come from everyone, not the first 10


def test_a_completed_load_is_frozen_out_of_the_periodic_collection(qtbot, demo_context) -> None:
    before = gc.get_freeze_count()
    view = EmployeesView(demo_context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.complete, timeout=15_000)
    assert gc.get_freeze_count() > before
    employee = view.model.employee(0)
    assert not any(employee is o for o in gc.get_objects(generation=2)), "the loaded records are out of the gc's walk"
