"""The main window: header, sidebar of registered sections, status line, and locking.

The window holds a ``Session`` and nothing else of the vault: the session's
operations return ``Changes``, which the window hands to ``VaultEvents`` so
each section refreshes only when a change touches what it shows. Locking,
unlocking, restoring and closing ask the session; the window only decides
what the screen shows meanwhile.

Locking throws the whole data-bearing part of the window away (the *shell*:
header, sidebar and every section widget with its models) and shows the lock
screen in its place; unlocking builds a fresh shell. So nothing decrypted can
linger in a hidden widget or a model while the vault is locked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QMetaMethod, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hrdesk import logs, settings as settings_store
from hrdesk.errors import HrdeskError
from hrdesk.progress import Progress
from hrdesk.session import Kind, Session
from hrdesk.settings import Settings
from hrdesk.ui import assets, builtin_sections  # noqa: F401  (registers the built-in sections)
from hrdesk.ui.errors import show_error
from hrdesk.ui.unsaved import without_asking
from hrdesk.ui.formatting import role_title
from hrdesk.ui.idle import IdleWatcher
from hrdesk.ui.lock_screen import LockScreen
from hrdesk.ui.placeholder import PlaceholderView
from hrdesk.ui.sections import REGISTRY, Section, SectionContext, SectionRegistry, VaultEvents
from hrdesk.ui.widgets import label
from hrdesk.ui.worker import TaskRunner

if TYPE_CHECKING:
    from pathlib import Path

    from hrdesk.vault import Vault
    from hrdesk.vault.backup import BackupInfo

#: What the status line shows (whether AI suggestions are live) depends on these.
STATUS_KINDS = (Kind.GOVERNANCE, Kind.SETTINGS)

log = logs.get("ui.window")

KeyRole = Qt.ItemDataRole.UserRole + 1  # the section's key

Index = QModelIndex | QPersistentModelIndex


class SectionListModel(QAbstractListModel):
    """The sidebar: one row per registered section."""

    def __init__(self, sections: list[Section], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sections = list(sections)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._sections)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._sections):
            return None
        section = self._sections[index.row()]
        planned = getattr(section, "planned", False)
        if role == Qt.ItemDataRole.DisplayRole:
            return section.title + (" (planned)" if planned else "")
        if role == Qt.ItemDataRole.ForegroundRole and planned:
            from hrdesk.ui import palette

            return palette.muted()
        if role == Qt.ItemDataRole.DecorationRole:
            return assets.icon(section.icon)
        if role == Qt.ItemDataRole.ToolTipRole:
            return section.summary or None
        if role == KeyRole:
            return section.key
        return None

    def row_of(self, key: str) -> int:
        return next((row for row, s in enumerate(self._sections) if s.key == key), -1)

    def section(self, row: int) -> Section:
        return self._sections[row]


class Header(QFrame):
    lock_clicked = Signal()

    def __init__(self, org_name: str, file_name: str, user_text: str) -> None:
        super().__init__()
        self.setObjectName("Header")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 16, 10)
        layout.setSpacing(10)
        icon = QLabel()
        icon.setPixmap(assets.icon("vault").pixmap(26, 26))
        layout.addWidget(icon)
        self.org = QLabel(org_name)
        self.org.setObjectName("OrgName")
        layout.addWidget(self.org)
        layout.addWidget(label(file_name, "muted"))
        layout.addStretch(1)
        self.user = QLabel(user_text)
        self.user.setObjectName("UserName")
        layout.addWidget(self.user)
        layout.addSpacing(6)
        self.lock_button = QPushButton("Lock")
        self.lock_button.setIcon(assets.icon("lock"))
        self.lock_button.setIconSize(QSize(16, 16))
        self.lock_button.setToolTip("Lock now: hide all data and drop the key from memory")
        self.lock_button.clicked.connect(self.lock_clicked)
        layout.addWidget(self.lock_button)


class DemoBanner(QFrame):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.setObjectName("DemoBanner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 8, 20, 8)
        icon = QLabel()
        icon.setPixmap(assets.icon("warning").pixmap(16, 16))
        layout.addWidget(icon)
        text_label = label(text, wrap=True, selectable=True)
        layout.addWidget(text_label, 1)


class Shell(QWidget):
    """Everything that shows vault data; built on unlock, destroyed on lock."""

    lock_clicked = Signal()
    section_changed = Signal(str)

    def __init__(self, context: SectionContext, registry: SectionRegistry, *, banner: str = "") -> None:
        super().__init__()
        self._context = context
        self.views: dict[str, QWidget] = {}
        session = context.session
        actor = session.actor
        user = f"Signed in as {actor.name} · {role_title(actor.role.value)}" if actor.name else ""
        if user and session.failed_attempts:  # said once, at the sign-in after the failures
            user += f" — {session.failed_attempts_message()}"
        self.header = Header(session.org_name, session.path.name, user)
        self.header.lock_clicked.connect(self.lock_clicked)
        # Only the sections the signed-in role may use: the others are not shown at all.
        self.sidebar_model = SectionListModel(registry.sections(actor.role.value), self)
        self.sidebar = QListView()
        self.sidebar.setObjectName("Sidebar")
        self.sidebar.setAccessibleName("Sections")
        self.sidebar.setAccessibleDescription("The screens of this vault; Ctrl+1 to Ctrl+9 jump to them.")
        self.sidebar.setModel(self.sidebar_model)
        side = max(20, self.sidebar.fontMetrics().height() + 2)  # icons grow with larger text
        self.sidebar.setIconSize(QSize(side, side))
        self.sidebar.setFixedWidth(sidebar_width(self.sidebar, self.sidebar_model))
        self.sidebar.setSpacing(1)
        self.sidebar.setUniformItemSizes(True)
        self.sidebar.selectionModel().currentChanged.connect(self._on_current)
        self.stack = QStackedWidget()
        self.stack.setObjectName("Sections")
        from hrdesk.ui.widgets import size_to_current_page

        size_to_current_page(self.stack)  # one wide screen does not force its width on every other
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.sidebar)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        if banner:
            layout.addWidget(DemoBanner(banner))
        layout.addLayout(body, 1)

    def show_section(self, key: str) -> None:
        row = self.sidebar_model.row_of(key)
        self.sidebar.setCurrentIndex(self.sidebar_model.index(max(row, 0), 0))

    def current_key(self) -> str:
        return str(self.sidebar.currentIndex().data(KeyRole) or "")

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        section = self.sidebar_model.section(current.row())
        view = self.views.get(section.key) or self._build(section)
        self.stack.setCurrentWidget(view)
        self.section_changed.emit(section.key)

    def _build(self, section: Section) -> QWidget:
        try:
            view = section.factory(self._context)
        except HrdeskError as exc:
            show_error(self, exc)
            view = PlaceholderView(section.title, f"This screen could not be opened: {exc.message}")
        self.views[section.key] = view
        self.stack.addWidget(view)
        return view

    def clear(self) -> None:
        """Ask every view to drop its decrypted values (views may define ``clear()``)."""
        for view in self.views.values():
            clear = getattr(view, "clear", None)
            if callable(clear):
                clear()


def sidebar_width(view: QListView, model: SectionListModel) -> int:
    """Wide enough for the longest section title in the current font (larger text, wider sidebar)."""
    metrics = view.fontMetrics()
    bold = view.font()
    bold.setBold(True)
    from PySide6.QtGui import QFontMetrics

    widest = max((QFontMetrics(bold).horizontalAdvance(str(model.index(r, 0).data())) for r in range(model.rowCount())),
                 default=metrics.horizontalAdvance("Overview"))
    return max(180, widest + 76)  # icon and gap, item padding and border, list padding


class MainWindow(QMainWindow):
    locked_changed = Signal(bool)
    # File → Close vault / Open another vault: the host (AppController) closes this window and shows
    # the start window ("close"), or its file chooser too ("open").
    vault_switch_requested = Signal(str)
    # "Forgot your passphrase?" on the lock screen: the host (AppController) shows the start
    # window's recovery page for this path and closes this window, which closes the vault.
    recovery_requested = Signal(str)

    def __init__(
        self,
        session: "Session | Vault",
        settings: Settings,
        runner: TaskRunner,
        *,
        registry: SectionRegistry = REGISTRY,
        banner: str = "",
        config_dir: "Path | None" = None,
    ) -> None:
        super().__init__()
        # A bare vault (tests, older callers) is wrapped in a session for the one HR user.
        self.session = session if isinstance(session, Session) else Session(session, backups_to_keep=settings.backups_to_keep)
        self.settings = settings
        self.runner = runner
        self.registry = registry
        self.banner = banner
        self._config_dir = config_dir
        self.shell: Shell | None = None
        self.lock_screen: LockScreen | None = None
        self._lock_pending = False
        self._restore_pending: "BackupInfo | None" = None
        self.events = VaultEvents(self)
        self._unsubscribe = self.session.subscribe(self.events.post)
        self.events.watch(self, STATUS_KINDS, self.refresh_status, name="status line")
        self.idle = IdleWatcher(self.idle_minutes(), self)
        self.idle.idle.connect(self._on_idle)
        self.runner.busy_changed.connect(self._on_busy_changed)
        self.setWindowTitle(f"{self.session.org_name} — hrdesk")
        self.setWindowIcon(assets.icon("app"))
        from hrdesk.ui import actions
        from hrdesk.ui.widgets import fit_to_screen

        fit_to_screen(self, 1180, 760)
        self._build_status_bar()
        self._build_shell(settings.last_section)
        self.actions_by_key = actions.install(self)  # menu bar and shortcuts (one action registry)
        self.idle.start()

    @property
    def vault(self) -> "Vault":
        """The session's open vault (for reads; writes go through ``session``)."""
        return self.session.vault

    # --- status line ------------------------------------------------------------

    def _build_status_bar(self) -> None:
        self.status_icon = QLabel()
        self.status_text = QLabel()
        self.status_text.setObjectName("SuggestionStatus")
        self.idle_text = label("", "muted")
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        bar.addWidget(self.status_icon)
        bar.addWidget(self.status_text, 1)
        bar.addPermanentWidget(self.idle_text)
        self._update_idle_text()

    def refresh_status(self) -> None:
        """State whether AI suggestions are live or locked, and why (kept as last known while locked)."""
        if self.session.is_locked:
            return
        from hrdesk.governance.status import suggestion_status

        status = suggestion_status(self.vault)
        self.status_icon.setPixmap(assets.icon("dot-live" if status.live else "dot-locked").pixmap(14, 14))
        # The short reason fits the line; the step's full title is in the tooltip.
        self.status_text.setText(f"{status.headline} — {status.reason.split(' (')[0]}")
        self.status_text.setToolTip(status.reason)

    def _update_idle_text(self) -> None:
        if self.session.is_locked:  # one meaning of "locked" per line: here, the vault
            self.idle_text.setText("Vault locked: the key is out of memory")
            return
        self.idle_text.setText(f"Locks after {self.idle_minutes()} min without activity")

    # --- shell and sections -----------------------------------------------------------

    def _context(self) -> SectionContext:
        return SectionContext(session=self.session, settings=self.settings, runner=self.runner, events=self.events, host=self)

    def _build_shell(self, section: str = "overview") -> None:
        shell = Shell(self._context(), self.registry, banner=self.banner)
        shell.lock_clicked.connect(self.lock)
        shell.section_changed.connect(self._remember_section)
        self.setCentralWidget(shell)
        shell.show()
        self.shell = shell
        self.lock_screen = None
        shell.show_section(section)
        self.refresh_status()

    def _destroy_shell(self) -> None:
        with without_asking():  # a lock never waits on "Discard what you typed?"
            for dialog in self.findChildren(QDialog):
                dialog.reject()  # no confirm box or file dialog survives a lock
        shell = self.shell
        self.shell = None
        if shell is None:
            return
        shell.clear()
        self.takeCentralWidget()
        shell.hide()
        shell.setParent(None)
        shell.deleteLater()

    def show_section(self, key: str) -> None:
        if self.shell is not None:
            self.shell.show_section(key)

    def _remember_section(self, key: str) -> None:
        self.settings.last_section = key

    def idle_minutes(self) -> int:
        """The signed-in user's own idle-lock minutes for this vault (each user sets theirs in Settings)."""
        return self.settings.idle_minutes_for(self.session.path, self.session.actor.name)

    def save_settings(self) -> None:
        self.idle.set_minutes(self.idle_minutes())
        self._update_idle_text()
        try:
            settings_store.save(self.settings, self._config_dir)
        except OSError as exc:
            log.warning("settings not saved (%s)", type(exc).__name__)

    # --- locking ----------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self.lock_screen is not None

    def lock(self, reason: str = "Locked. Type your passphrase to continue.") -> None:
        if self.is_locked:
            return
        if self.runner.busy:
            self._lock_pending = True  # never drop the key under a running write
            return
        self._destroy_shell()
        self.session.lock()
        log.info("vault locked")
        self._show_lock_screen(reason, self._unlock)

    def _on_idle(self) -> None:
        minutes = self.idle_minutes()
        self.lock(f"Locked after {minutes} minute{'s' if minutes != 1 else ''} without activity.")

    def _on_busy_changed(self, busy: bool) -> None:
        if not busy and self._restore_pending is not None:
            backup, self._restore_pending = self._restore_pending, None
            self.restore_backup(backup)
        elif not busy and self._lock_pending:
            self._lock_pending = False
            self.lock()

    def _show_lock_screen(self, reason: str, unlock: Callable[[str], None]) -> None:
        self.idle.stop()
        # The user field starts empty (a locked screen shows no name): empty unlocks the same user.
        screen = LockScreen(self.session.org_name, reason, hint=self.banner)
        screen.unlock_requested.connect(unlock)
        screen.forgot_requested.connect(self._forgot_passphrase)
        self.setCentralWidget(screen)
        screen.show()  # now, not on the next event-loop turn
        self.lock_screen = screen
        screen.focus()
        self._update_idle_text()
        self.locked_changed.emit(True)

    def _forgot_passphrase(self) -> None:
        """A locked vault cannot be reset in place: hand over to the start window's recovery page."""
        if self.lock_screen is None or self.runner.busy:
            return
        if not self.isSignalConnected(QMetaMethod.fromSignal(self.recovery_requested)):
            self.lock_screen.show_notice("Close hrdesk and use 'Forgot your passphrase?' on the start window.")
            return
        log.info("passphrase forgotten: handing over to the recovery page")
        self.recovery_requested.emit(str(self.session.path))

    def _unlock(self, passphrase: str) -> None:
        session = self.session
        user = (self.lock_screen.user_name() if self.lock_screen is not None else "") or session.actor.name

        # writes=False: unlocking changes no records (after a restore the session logs the
        # restore itself, and its Changes reach the fresh screens through the events)
        self.runner.run(lambda _progress: session.unlock(passphrase, user=user or None), label="Unlocking…",
                        show_progress=False,
                        on_success=lambda _changes: self._unlocked(), on_failure=self._unlock_failed, parent=self,
                        writes=False)

    def _unlocked(self) -> None:
        log.info("vault unlocked")
        self._build_shell(self.settings.last_section)
        self.idle.set_minutes(self.idle_minutes())  # another user may have signed in at the lock screen
        self.idle.start()
        self._update_idle_text()
        self.locked_changed.emit(False)

    def _unlock_failed(self, exc: BaseException) -> None:
        if isinstance(exc, HrdeskError) and self.lock_screen is not None:
            self.lock_screen.show_error(f"{exc.message} {exc.hint}".strip())
            return
        if self.lock_screen is not None:
            self.lock_screen.set_busy(False)
        show_error(self, exc)

    # --- restoring a backup -------------------------------------------------------------

    def restore_backup(self, backup: "BackupInfo") -> None:
        """Close the vault, put the backup in its place, and reopen it with the passphrase."""
        if self.runner.busy:
            self._restore_pending = backup  # never close the vault under running work
            return
        session = self.session
        self._destroy_shell()

        def work(_progress: Progress) -> "Path":
            return session.restore(backup.path)

        self.runner.run(work, label="Restoring the backup…", parent=self, writes=False,
                        on_success=lambda kept: self._after_restore(f"The backup was restored; the replaced file is kept as {kept.name}."),
                        on_failure=self._restore_failed)
        self._show_lock_screen("Restoring the backup…", self._unlock)
        if self.lock_screen is not None:
            self.lock_screen.set_busy(True)

    def _restore_failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        self._after_restore("The backup was not restored; the vault is as it was.")

    def _after_restore(self, message: str) -> None:
        self._show_lock_screen(f"{message} Type your passphrase to reopen the vault.", self._unlock)

    # --- closing ------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.cancel_all()
        self.runner.wait_for_done()
        self.idle.detach()
        self.save_settings()
        self._destroy_shell()
        self._unsubscribe()
        try:
            self.session.close()  # backs up first when this session changed the vault
        except HrdeskError as exc:
            show_error(self, exc)
        super().closeEvent(event)
