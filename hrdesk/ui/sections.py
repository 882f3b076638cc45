"""The sidebar's sections, registered rather than hard-coded in the window.

A section is a title, an icon and a factory ``factory(context) -> QWidget``.
The window builds a section's widget the first time it is shown, and throws
every section widget away when the vault locks. Another screen plugs in with::

    from hrdesk.ui.sections import REGISTRY, Section, lazy

    REGISTRY.register(Section("employees", "Employees", "employees", order=20,
                              factory=lazy("hrdesk.ui.employees_view", "EmployeesView")),
                      replace=True)

``lazy`` imports the module only when the section is first opened, so heavy
screens (pandas, scikit-learn) never slow down start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from hrdesk.settings import Settings

if TYPE_CHECKING:
    from hrdesk.ui.worker import TaskRunner
    from hrdesk.vault import Vault


class SessionHost(Protocol):
    """What a section may ask of the window that hosts it."""

    def save_settings(self) -> None: ...

    def lock(self) -> None: ...

    def restore_backup(self, backup: "object") -> None: ...

    def show_section(self, key: str) -> None: ...


class VaultEvents(QObject):
    """Views connect to ``changed`` and refresh themselves after any write."""

    changed = Signal()


@dataclass(frozen=True)
class SectionContext:
    """Everything a section widget needs; passed to every factory."""

    vault: "Vault"
    settings: Settings
    runner: "TaskRunner"
    events: VaultEvents
    host: SessionHost


Factory = Callable[[SectionContext], QWidget]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    icon: str  # a name under resources/icons, without .svg
    factory: Factory
    order: int = 100
    summary: str = ""  # one line: what the screen is for (tooltip, placeholder)
    planned: bool = False  # not built yet: the sidebar and View menu mark it so


class SectionRegistry:
    def __init__(self) -> None:
        self._sections: dict[str, Section] = {}

    def register(self, section: Section, *, replace: bool = False) -> Section:
        if section.key in self._sections and not replace:
            raise ValueError(f"a section '{section.key}' is already registered; pass replace=True")
        self._sections[section.key] = section
        return section

    def unregister(self, key: str) -> None:
        self._sections.pop(key, None)

    def get(self, key: str) -> Section | None:
        return self._sections.get(key)

    def sections(self) -> list[Section]:
        return sorted(self._sections.values(), key=lambda s: (s.order, s.title))

    def copy(self) -> "SectionRegistry":
        other = SectionRegistry()
        other._sections = dict(self._sections)
        return other


REGISTRY = SectionRegistry()


def lazy(module: str, name: str, *, fallback: Factory | None = None) -> Factory:
    """A factory importing ``module.name`` on first use and calling ``name(context)``.

    If the module does not exist yet (a screen still being written) the
    ``fallback`` factory is used instead.
    """

    def build(context: SectionContext) -> QWidget:
        try:
            view_class = getattr(importlib.import_module(module), name)
        except ModuleNotFoundError as exc:
            if fallback is None or not (exc.name and module.startswith(exc.name)):
                raise
            return fallback(context)
        return view_class(context)

    return build
