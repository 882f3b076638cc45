"""The one action registry: the menu bar, the keyboard shortcuts and their tooltips come from here.

Every command a user can reach from the keyboard is an ``ActionSpec`` in a
registry; the main window builds its menus (File, Edit, View, Help) from it,
and the section list adds "Go to <section>" entries with Ctrl+1…9. Another
screen extends it without touching the window::

    from hrdesk.ui.actions import ACTIONS, ActionSpec

    ACTIONS.register(ActionSpec("letters.send", "Send letters…", menu="file", order=45,
                                trigger=lambda window: window.show_section("letters")))

``trigger`` receives the main window. Actions that touch vault data
(``needs_unlocked``) are disabled while the vault is locked. A button that
does the same as an action shows the same shortcut in its tooltip
(``tooltip_with_shortcut``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QMetaMethod, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

from hrdesk import APP_NAME, __version__

if TYPE_CHECKING:
    from hrdesk.ui.main_window import MainWindow
    from hrdesk.ui.sections import Section

#: The menus, in menu-bar order: key -> title with its Alt mnemonic.
MENUS: tuple[tuple[str, str], ...] = (("file", "&File"), ("edit", "&Edit"), ("view", "&View"), ("help", "&Help"))

Trigger = Callable[["MainWindow"], object]


@dataclass(frozen=True)
class ActionSpec:
    """One command: where it sits in the menus, its shortcut, and what it does with the window."""

    key: str
    text: str  # menu text, with an & mnemonic where wanted
    menu: str  # one of MENUS' keys
    trigger: Trigger
    shortcut: str = ""  # portable text, e.g. "Ctrl+L" (Cmd on macOS)
    tip: str = ""  # one sentence: what it does
    order: int = 100
    needs_unlocked: bool = True
    separator_before: bool = False
    roles: frozenset[str] = frozenset()  # Role values that may use it ("admin" is HR); empty: everyone


class ActionRegistry:
    """Action specs by key; sections and screens add their own."""

    def __init__(self) -> None:
        self._specs: dict[str, ActionSpec] = {}

    def register(self, spec: ActionSpec, *, replace: bool = False) -> ActionSpec:
        if spec.menu not in dict(MENUS):
            raise ValueError(f"unknown menu '{spec.menu}' for action '{spec.key}'")
        if spec.key in self._specs and not replace:
            raise ValueError(f"an action '{spec.key}' is already registered; pass replace=True")
        clash = next((s for s in self._specs.values() if spec.shortcut and s.shortcut == spec.shortcut
                      and s.key != spec.key), None)
        if clash is not None:
            raise ValueError(f"{spec.shortcut} already belongs to '{clash.key}'")
        self._specs[spec.key] = spec
        return spec

    def unregister(self, key: str) -> None:
        self._specs.pop(key, None)

    def get(self, key: str) -> ActionSpec | None:
        return self._specs.get(key)

    def specs(self, menu: str | None = None) -> list[ActionSpec]:
        chosen = [s for s in self._specs.values() if menu is None or s.menu == menu]
        return sorted(chosen, key=lambda s: (s.order, s.text))

    def copy(self) -> ActionRegistry:
        other = ActionRegistry()
        other._specs = dict(self._specs)
        return other


def shortcut_text(shortcut: str) -> str:
    """'Ctrl+L' as this platform writes it (⌘L on macOS)."""
    return QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)


def tooltip_with_shortcut(tip: str, shortcut: str) -> str:
    return f"{tip} ({shortcut_text(shortcut)})" if shortcut else tip


# --- what the built-in actions do -------------------------------------------------------------


def _switch_vault(window: MainWindow, then: str) -> None:
    """Close this vault and go back to the start window (``then``: "close" or "open")."""
    if window.isSignalConnected(QMetaMethod.fromSignal(window.vault_switch_requested)):
        window.vault_switch_requested.emit(then)
    else:  # a window without an app controller (tests, embedding): closing is all it can do
        window.close()


def focus_search(window: MainWindow) -> bool:
    """Put the cursor in the current screen's search or filter field; False if it has none."""
    view = current_view(window)
    if view is None:
        return False
    own = getattr(view, "focus_search", None)
    if callable(own):
        return bool(own())
    fields = [f for f in view.findChildren(QLineEdit) if f.isVisible() and f.isEnabled()
              and f.property("search")]
    if not fields:
        window.statusBar().showMessage("This screen has no list to search.", 4000)
        return False
    fields[0].setFocus(Qt.FocusReason.ShortcutFocusReason)
    fields[0].selectAll()
    return True


def current_view(window: MainWindow) -> QWidget | None:
    shell = getattr(window, "shell", None)
    return shell.stack.currentWidget() if shell is not None else None


def go_to_section(window: MainWindow, key: str) -> None:
    """Show a section and move the keyboard focus into it (its first control)."""
    window.show_section(key)
    view = current_view(window)
    if view is not None:
        focus_first(view)


def focus_first(root: QWidget) -> None:
    """Give the keyboard focus to the first control in ``root``'s tab order (or ``root`` itself)."""
    for child in root.findChildren(QWidget):
        if (child.isVisible() and child.isEnabled() and child.focusPolicy() & Qt.FocusPolicy.TabFocus
                and isinstance(child, QLineEdit | QAbstractButton | QAbstractItemView | QComboBox)):
            child.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
    root.setFocus(Qt.FocusReason.ShortcutFocusReason)


def open_import(window: MainWindow) -> None:
    from hrdesk.ui.people_sections import open_import as show

    dialog = show(window._context(), window)
    window.import_dialog = dialog
    dialog.activateWindow()
    focus_first(dialog)


def quit_app(window: MainWindow) -> None:
    window.close()
    QApplication.closeAllWindows()
    QApplication.quit()


def show_help(window: MainWindow) -> QDialog:
    """F1: the user guide (``hrdesk/resources/guide``) with the keyboard shortcuts as its last page."""
    from hrdesk.ui.help_window import HelpWindow

    dialog = HelpWindow(lambda: help_html(window.registry_actions, window.registry.sections()), window)
    window.help_dialog = dialog
    dialog.show()
    return dialog


def show_about(window: MainWindow) -> QMessageBox:
    box = QMessageBox(window)
    box.setWindowTitle(f"About {APP_NAME}")
    box.setIcon(QMessageBox.Icon.Information)
    from hrdesk.vault.schema import SCHEMA_VERSION

    box.setText(f"<b>{APP_NAME} {__version__}</b><br>Vault format {SCHEMA_VERSION}")
    box.setInformativeText(
        "Performance management with AI as a co-pilot, never the pilot. Everything stays on this computer, in an "
        "encrypted vault; every change is written to a chained audit log.<br><br>"
        "The user guide is under Help (F1). A vault of a newer format than this version reads is refused, never "
        "changed; older formats are upgraded when opened.")
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.about_box = box
    box.open()
    return box


BUILTIN: tuple[ActionSpec, ...] = (
    ActionSpec("file.open", "&Open another vault…", "file", lambda w: _switch_vault(w, "open"), "Ctrl+O",
               "Close this vault and choose another vault file", order=10, needs_unlocked=False),
    ActionSpec("file.close", "&Close vault", "file", lambda w: _switch_vault(w, "close"), "Ctrl+W",
               "Close this vault and go back to the start window", order=20, needs_unlocked=False),
    ActionSpec("file.lock", "&Lock", "file", lambda w: w.lock(), "Ctrl+L",
               "Lock now: hide all data and drop the key from memory", order=30),
    ActionSpec("file.import", "&Import a file…", "file", open_import, "Ctrl+I",
               "Import or update employees, reviews or check-ins from a CSV or Excel file", order=40,
               separator_before=True, roles=frozenset({"admin"})),
    ActionSpec("file.quit", "&Quit", "file", quit_app, "Ctrl+Q", "Close the vault and quit hrdesk", order=900,
               needs_unlocked=False, separator_before=True),
    ActionSpec("edit.find", "&Find in this list", "edit", focus_search, "Ctrl+F",
               "Put the cursor in the current screen's search field", order=10),
    ActionSpec("edit.settings", "&Settings", "edit", lambda w: go_to_section(w, "settings"), "Ctrl+,",
               "Automatic lock, data retention, backups and passphrase", order=90, separator_before=True),
    ActionSpec("help.contents", "hrdesk &Help", "help", show_help, "F1",
               "The user guide, and every keyboard shortcut", order=10, needs_unlocked=False),
    ActionSpec("help.about", "&About hrdesk", "help", show_about, "", "Version and what hrdesk is", order=90,
               needs_unlocked=False, separator_before=True),
)

ACTIONS = ActionRegistry()
for _spec in BUILTIN:
    ACTIONS.register(_spec)


def section_actions(sections: list[Section]) -> list[ActionSpec]:
    """View menu: one "go to" entry per section, Ctrl+1…9 for the first nine."""
    specs = []
    for number, section in enumerate(sections, start=1):
        shortcut = f"Ctrl+{number}" if number <= 9 else ""
        title = section.title + (" (planned)" if getattr(section, "planned", False) else "")
        specs.append(ActionSpec(f"view.{section.key}", title, "view",
                                lambda w, key=section.key: go_to_section(w, key), shortcut,
                                section.summary or f"Show {section.title}", order=number,
                                roles=getattr(section, "roles", frozenset())))
    return specs


# --- building the menus ---------------------------------------------------------------------


def install(window: MainWindow, registry: ActionRegistry = ACTIONS) -> dict[str, QAction]:
    """Build ``window``'s menu bar from ``registry`` and the window's sections; returns actions by key.

    Actions that need an unlocked vault follow the window's lock state.
    """
    specs = registry.copy()
    for spec in section_actions(window.registry.sections()):
        specs.register(replace(spec), replace=True)
    window.registry_actions = specs
    bar = window.menuBar()
    bar.clear()
    built: dict[str, QAction] = {}
    for menu_key, title in MENUS:
        menu: QMenu = bar.addMenu(title)
        menu.setObjectName(f"menu.{menu_key}")
        for spec in specs.specs(menu_key):
            if spec.separator_before and not menu.isEmpty():
                menu.addSeparator()
            built[spec.key] = _action(window, menu, spec)
    window.addActions(list(built.values()))  # shortcuts work even while the menu bar is hidden

    def follow_lock(locked: bool) -> None:
        role = window.session.actor.role.value  # may have changed: switching user goes through the lock screen
        for key, action in built.items():
            spec = specs.get(key)
            action.setEnabled(not (locked and spec is not None and spec.needs_unlocked))
            action.setVisible(spec is None or not spec.roles or role in spec.roles)
        _tooltips_on_buttons(window, built)
        shell = getattr(window, "shell", None)
        if not locked and shell is not None:
            shell.sidebar.setFocus(Qt.FocusReason.OtherFocusReason)  # the keyboard starts at the section list

    window.locked_changed.connect(follow_lock)
    follow_lock(window.is_locked)
    return built


def _action(window: QMainWindow, menu: QMenu, spec: ActionSpec) -> QAction:
    action = QAction(spec.text, window)
    action.setObjectName(spec.key)
    if spec.shortcut:
        action.setShortcut(QKeySequence(spec.shortcut))
    action.setToolTip(tooltip_with_shortcut(spec.tip or spec.text.replace("&", ""), spec.shortcut))
    action.setStatusTip(spec.tip)
    action.setMenuRole(QAction.MenuRole.NoRole if spec.key != "help.about" else QAction.MenuRole.AboutRole)
    action.triggered.connect(lambda _checked=False, s=spec: s.trigger(window))  # type: ignore[arg-type]
    menu.addAction(action)
    return action


def _tooltips_on_buttons(window: MainWindow, built: dict[str, QAction]) -> None:
    """Buttons that do what an action does say its shortcut too (the header's Lock button)."""
    shell = getattr(window, "shell", None)
    lock = built.get("file.lock")
    if shell is not None and lock is not None:
        shell.header.lock_button.setToolTip(lock.toolTip())


# --- help -------------------------------------------------------------------------------------


def help_html(registry: ActionRegistry, sections: list[Section]) -> str:
    rows = []
    for menu_key, title in MENUS:
        for spec in registry.specs(menu_key):
            if spec.shortcut:
                rows.append(f"<tr><td><b>{shortcut_text(spec.shortcut)}</b></td><td>{spec.text.replace('&', '')}"
                            f" ({title.replace('&', '')} menu)</td></tr>")
    screens = "".join(f"<li><b>{s.title}</b>{' (planned)' if getattr(s, 'planned', False) else ''}: "
                      f"{s.summary}</li>" for s in sections if s.summary)
    return (
        "<h2>Getting around</h2>"
        "<p>Everything works from the keyboard. <b>Tab</b> moves between controls (out of a table too), "
        "<b>arrow keys</b> move inside a list or table, <b>Enter</b> opens the selected row, <b>Esc</b> closes a "
        "dialog or goes back a page. <b>Alt</b> with an underlined letter opens a menu.</p>"
        "<h2>Keyboard shortcuts</h2><table cellpadding='4'>" + "".join(rows) + "</table>"
        "<h2>The screens</h2><ul>" + screens + "</ul>"
        "<h2>Your data</h2><p>The vault is one encrypted file. Locking (Ctrl+L, or automatically after a while "
        "without activity) removes every value from the screen and the key from memory. Closing a changed vault "
        "takes a backup beside it.</p>"
    )
