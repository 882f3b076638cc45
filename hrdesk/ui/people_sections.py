"""Registers the Employees section (with its Import action) in the shell's registry.

The window imports this module once; the view itself is imported lazily, the
first time the section is opened. ``open_import`` is the hook for a menu or
toolbar entry: ``open_import(context, parent)`` shows the Import dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from hrdesk.ui.sections import REGISTRY, Section, SectionContext, SectionRegistry, lazy

EMPLOYEES = Section(
    "employees",
    "Employees",
    "employees",
    order=20,
    summary="Your people: search, filter and open a record with rating history, feedback, well-being check-ins "
    "(coaching only) and consent. Import the HRIS export, reviews and check-ins here.",
    factory=lazy("hrdesk.ui.employees_view", "EmployeesView"),
    roles=frozenset({"admin", "manager"}),  # an auditor sees no individual record
)


def register(registry: SectionRegistry = REGISTRY) -> None:
    registry.register(EMPLOYEES, replace=True)


def open_import(context: SectionContext, parent: QWidget | None = None) -> QWidget:
    """Show the Import dialog (non-blocking); for a File menu or toolbar action."""
    from hrdesk.ui.import_dialog import open_import_dialog

    return open_import_dialog(context, parent)


register()
