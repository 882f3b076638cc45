"""The Employees section inside the real main window, registered by people_sections."""

from __future__ import annotations

import pytest

from hrdesk.settings import Settings

pytestmark = pytest.mark.gui


def test_main_window_opens_the_employees_section(qtbot, tmp_path, demo_vault, runner, screenshot) -> None:
    from hrdesk.ui import people_sections  # noqa: F401  (what the lead imports from the shell)
    from hrdesk.ui.employees_view import EmployeesView
    from hrdesk.ui.main_window import MainWindow
    from hrdesk.ui.sections import REGISTRY

    window = MainWindow(demo_vault, Settings(), runner, registry=REGISTRY, config_dir=tmp_path / "config")
    qtbot.addWidget(window)
    window.show()
    window.show_section("employees")
    view = window.shell.views["employees"]
    assert isinstance(view, EmployeesView)
    qtbot.waitUntil(lambda: view.model.rowCount() == 60, timeout=15_000)
    qtbot.wait(50)
    screenshot(window, "employees_in_window")
    runner.wait_for_done()
    window.shell.clear()
    assert view.model.rowCount() == 0
