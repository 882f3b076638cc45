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
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from hrdesk.settings import Settings

if TYPE_CHECKING:
    from hrdesk.session import Changes, Kind, Session
    from hrdesk.ui.worker import TaskRunner
    from hrdesk.vault import Vault


class SessionHost(Protocol):
    """What a section may ask of the window that hosts it."""

    def save_settings(self) -> None: ...

    def lock(self) -> None: ...

    def restore_backup(self, backup: "object") -> None: ...

    def show_section(self, key: str) -> None: ...


class VaultEvents(QObject):
    """Delivers each operation's ``Changes`` to the views that show what it touched.

    A view calls ``watch(self, kinds, refresh)``; after a write, ``refresh()``
    runs on the UI thread only if the change touches one of ``kinds``, so a
    view whose data did not change does nothing. ``changed`` still carries
    every ``Changes`` for listeners that decide for themselves. ``post`` may be
    called from any thread (the session calls it from the write lane).
    """

    changed = Signal(object)  # Changes
    _posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watchers: list[_Watcher] = []
        # True: every watcher hears "anything may have changed" on every write, the old bare broadcast
        # (kept for the benchmark that compares the two)
        self.broadcast = False
        self.refresh_seconds = 0.0  # UI-thread time spent in watchers' refreshes, summed
        self.refreshed: list[str] = []  # names of the watchers that refreshed, in order
        self._posted.connect(self.dispatch, Qt.ConnectionType.QueuedConnection)

    def watch(self, owner: QObject, kinds: "Iterable[Kind]", refresh: Callable[..., None],
              *, name: str = "", pass_changes: bool = False) -> None:
        """Call ``refresh()`` (or ``refresh(changes)``) after changes that touch ``kinds``, while ``owner`` lives."""
        watcher = _Watcher(frozenset(kinds), refresh, name or type(owner).__name__, pass_changes)
        self._watchers.append(watcher)
        owner.destroyed.connect(lambda *_: self._forget(watcher))

    def _forget(self, watcher: "_Watcher") -> None:
        if watcher in self._watchers:
            self._watchers.remove(watcher)

    def post(self, changes: "Changes") -> None:
        """Queue ``changes`` for delivery on the UI thread (safe from a worker thread)."""
        self._posted.emit(changes)

    def dispatch(self, changes: "Changes") -> None:
        """Refresh the watchers ``changes`` touches, then tell ``changed`` listeners."""
        if self.broadcast:
            from hrdesk.session.changes import everything

            changes = everything("vault.restored_from_backup")
        for watcher in list(self._watchers):
            if changes.touches(*watcher.kinds):
                started = time.perf_counter()
                if watcher.pass_changes:
                    watcher.refresh(changes)
                else:
                    watcher.refresh()
                self.refresh_seconds += time.perf_counter() - started
                self.refreshed.append(watcher.name)
        self.changed.emit(changes)


@dataclass(eq=False)
class _Watcher:
    kinds: "frozenset[Kind]"
    refresh: Callable[..., None]
    name: str
    pass_changes: bool = False


@dataclass(frozen=True)
class SectionContext:
    """Everything a section widget needs; passed to every factory.

    Writes go through ``session`` (its operations return ``Changes``, which
    reach ``events``); ``vault`` is the session's open vault, for reads.
    """

    session: "Session"
    settings: Settings
    runner: "TaskRunner"
    events: VaultEvents
    host: SessionHost

    @property
    def vault(self) -> "Vault":
        return self.session.vault


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
    # The roles that may use it (Role values: "admin" is HR, "manager", "auditor"); empty: everyone.
    # A section a role cannot use is not shown at all, in the sidebar or the View menu.
    roles: frozenset[str] = frozenset()

    def visible_to(self, role: str) -> bool:
        return not self.roles or role in self.roles


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

    def sections(self, role: str | None = None) -> list[Section]:
        """In sidebar order; with ``role``, only those that role may use."""
        found = sorted(self._sections.values(), key=lambda s: (s.order, s.title))
        return found if role is None else [s for s in found if s.visible_to(role)]

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
