"""The first thing a user sees: open a recent vault, open another, or create one.

Creating ends on the recovery-key page, which cannot be left until the user
ticks that they saved the key. "Forgot your passphrase?" on the open page
(or on a locked window) leads to the recovery page: the recovery key and a
new passphrase. Opening, creating and recovering run in the background
(Argon2id takes about half a second by design).

Start-up speed: this module holds only the first page and the dialog. The
other pages (``start_pages``), the vault module and the task runner's work
are imported only when first needed, so none of them slows down the first
paint.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hrdesk import logs, paths, settings as settings_store
from hrdesk.errors import HrdeskError, WrongRecoveryKeyError
from hrdesk.settings import Settings
from hrdesk.ui import assets
from hrdesk.ui.recent_model import ExistsRole, PathRole, RecentVaultsModel
from hrdesk.ui.start_common import VAULT_FILTER, button as _button, page as _page
from hrdesk.ui.widgets import label

if TYPE_CHECKING:
    from collections.abc import Callable

    from hrdesk.progress import Progress
    from hrdesk.ui.start_pages import CreatePage, RecoverPage, RecoveryKeyPage, UnlockPage
    from hrdesk.ui.worker import TaskRunner
    from hrdesk.session import Session
    from hrdesk.vault import KdfParams

log = logs.get("ui.start")


def _show_error(parent: QWidget, exc: BaseException) -> None:
    from hrdesk.ui.errors import show_error  # the error dialogs are not needed for the first paint

    show_error(parent, exc)


class WelcomePage(QWidget):
    open_requested = Signal(str)
    browse_requested = Signal()
    create_requested = Signal()
    demo_requested = Signal()
    forget_requested = Signal(str)  # remove a path from the recent list (the file is not touched)

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.setObjectName("Page")
        page, layout = _page()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(page)
        brand = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(assets.icon("app").pixmap(40, 40))
        brand.addWidget(logo)
        brand.addSpacing(8)
        brand.addWidget(label("hrdesk", "title"))
        brand.addStretch(1)
        layout.addLayout(brand)
        layout.addWidget(
            label("Performance management with AI as a co-pilot, never the pilot. Everything stays on this computer, encrypted.", "muted", wrap=True)
        )
        layout.addSpacing(10)
        self.recent_title = label("&Recent vaults", "card-title")
        layout.addWidget(self.recent_title)
        self.model = RecentVaultsModel(settings.recent_vaults)
        self.recent = QListView()
        self.recent.setObjectName("RecentList")
        self.recent.setAccessibleName("Recent vaults")
        self.recent.setAccessibleDescription("Enter opens the selected vault; Delete removes it from this list")
        self.recent_title.setBuddy(self.recent)
        self.recent.setModel(self.model)
        self.recent.setMinimumHeight(150)
        self.recent.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent.setUniformItemSizes(True)
        self.recent.doubleClicked.connect(lambda index: self._open(index.data(PathRole)))
        self.recent.activated.connect(lambda index: self._open(index.data(PathRole)))
        self.recent.installEventFilter(self)
        self.recent.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.recent, 1)
        self.empty = label("Welcome. To start, create a vault for your organisation, open a vault file you were "
                           "given, or try hrdesk on a made-up demo organisation first.", "heading", wrap=True)
        layout.addWidget(self.empty)
        self.filler = QWidget()  # on a first run, keeps the page's text together at the top
        layout.addWidget(self.filler, 1)
        self.missing = label("", "muted", wrap=True)
        self.missing.setVisible(False)
        layout.addWidget(self.missing)
        self.open_button = _button("Open", primary=True)
        self.open_button.clicked.connect(self._open_selected)
        self.browse_button = _button("Open another vault…", icon="folder")
        self.browse_button.clicked.connect(self.browse_requested)
        self.create_button = _button("Create a new vault…", icon="plus")
        self.create_button.clicked.connect(self.create_requested)
        self.demo_button = _button("Try the demo")
        self.demo_button.setToolTip("Open a made-up organisation (synthetic people, deleted when hrdesk closes)")
        self.demo_button.clicked.connect(self.demo_requested)
        self.remove_button = _button("Remove from list")
        self.remove_button.setToolTip("Forget this vault here (the file itself is not touched)")
        self.remove_button.clicked.connect(self._forget_selected)
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(self.create_button)
        row.addWidget(self.browse_button)
        row.addWidget(self.demo_button)
        row.addStretch(1)
        row.addWidget(self.remove_button)
        row.addWidget(self.open_button)
        layout.addSpacing(6)
        layout.addLayout(row)
        self.refresh(settings)

    def refresh(self, settings: Settings) -> None:
        self.model.set_paths(settings.recent_vaults)
        has_recent = self.model.rowCount() > 0
        self.recent.setVisible(has_recent)
        self.recent_title.setVisible(has_recent)
        self.empty.setVisible(not has_recent)
        self.filler.setVisible(not has_recent)
        self.create_button.setIcon(assets.icon("plus") if has_recent else QIcon())  # no dark icon on the blue button
        first_existing = next((r for r in range(self.model.rowCount()) if self.model.index(r, 0).data(ExistsRole)), None)
        if has_recent:
            self.recent.setCurrentIndex(self.model.index(first_existing or 0, 0))
        missing = sum(1 for r in range(self.model.rowCount()) if not self.model.index(r, 0).data(ExistsRole))
        self.missing.setText(f"{missing} of these vault files {'is' if missing == 1 else 'are'} missing: moved, "
                             "renamed or deleted. Open it from its new place, or remove it from the list."
                             if missing else "")
        self.missing.setVisible(bool(missing))
        # First run: creating is the main action; once vaults are listed, opening one is.
        self.create_button.setProperty("role", "" if has_recent else "primary")
        self.create_button.setDefault(not has_recent)
        self.open_button.setDefault(has_recent)
        self.open_button.setVisible(has_recent)
        self.remove_button.setVisible(has_recent)
        for button in (self.create_button, self.open_button):
            button.style().unpolish(button)
            button.style().polish(button)
        self._update_buttons()

    def _update_buttons(self) -> None:
        index = self.recent.currentIndex()
        self.open_button.setEnabled(index.isValid() and bool(index.data(ExistsRole)))
        self.remove_button.setEnabled(index.isValid())

    def _forget_selected(self) -> None:
        index = self.recent.currentIndex()
        if index.isValid():
            self.forget_requested.emit(index.data(PathRole))

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent

        if watched is self.recent and event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._forget_selected()
            return True
        return False

    def _open_selected(self) -> None:
        index = self.recent.currentIndex()
        if index.isValid():
            self._open(index.data(PathRole))

    def _open(self, path: str | None) -> None:
        if path and Path(path).exists():
            self.open_requested.emit(path)


class StartDialog(QDialog):
    """Emits ``vault_opened(session)`` and accepts once a vault is open (or created and its key saved)."""

    vault_opened = Signal(object)
    demo_requested = Signal()  # "Try the demo": the host builds and opens the demo organisation

    def __init__(
        self,
        settings: Settings,
        runner: "TaskRunner | Callable[[], TaskRunner]",
        *,
        kdf: "KdfParams | None" = None,
        config_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._runner = runner  # or a function making it: nothing runs in the background before the first click
        self.session: "Session | None" = None
        self._kdf = kdf
        self._config_dir = config_dir
        self.setWindowTitle("hrdesk")
        self.setWindowIcon(assets.icon("app"))
        self.resize(640, 560)
        self.pages = QStackedWidget()
        self.welcome = WelcomePage(settings)
        self.pages.addWidget(self.welcome)
        self._unlock: "UnlockPage | None" = None
        self._create: "CreatePage | None" = None
        self._recovery: "RecoveryKeyPage | None" = None
        self._recover: "RecoverPage | None" = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.welcome.open_requested.connect(self.show_unlock)
        self.welcome.browse_requested.connect(self._browse)
        self.welcome.create_requested.connect(self.show_create)
        self.welcome.demo_requested.connect(self.demo_requested)
        self.welcome.forget_requested.connect(self.forget)

    @property
    def runner(self) -> "TaskRunner":
        if not isinstance(self._runner, QObject):
            self._runner = self._runner()
        return self._runner

    # --- pages, each built the first time it is needed ------------------------

    @property
    def unlock(self) -> "UnlockPage":
        if self._unlock is None:
            from hrdesk.ui.start_pages import UnlockPage

            page = self._unlock = UnlockPage()
            page.back_requested.connect(self.show_welcome)
            page.unlock_requested.connect(self._open_vault)
            page.forgot_requested.connect(self.show_recover)
            self.pages.addWidget(page)
        return self._unlock

    @property
    def create(self) -> "CreatePage":
        if self._create is None:
            from hrdesk.ui.start_pages import CreatePage

            page = self._create = CreatePage()
            page.back_requested.connect(self.show_welcome)
            page.create_requested.connect(self._create_vault)
            self.pages.addWidget(page)
        return self._create

    @property
    def recovery(self) -> "RecoveryKeyPage":
        """The recovery key shown once after creation."""
        if self._recovery is None:
            from hrdesk.ui.start_pages import RecoveryKeyPage

            page = self._recovery = RecoveryKeyPage()
            page.finished.connect(self._deliver)
            self.pages.addWidget(page)
        return self._recovery

    @property
    def recover(self) -> "RecoverPage":
        """Forgotten passphrase: the recovery key and a new passphrase."""
        if self._recover is None:
            from hrdesk.ui.start_pages import RecoverPage

            page = self._recover = RecoverPage()
            page.back_requested.connect(self.show_unlock)
            page.recover_requested.connect(self._recover_vault)
            self.pages.addWidget(page)
        return self._recover

    # --- navigation ---------------------------------------------------------

    def forget(self, path: str) -> None:
        """Remove ``path`` from the recent list (saved at once); the file itself is not touched."""
        self.settings.forget_vault(path)
        try:
            settings_store.save(self.settings, self._config_dir)
        except OSError as exc:
            log.warning("could not save the recent-vaults list (%s)", type(exc).__name__)
        self.welcome.refresh(self.settings)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Esc goes back a page (keeping what was typed there), and only closes from the first page.
        Enter on the first page does its main action: open the selected vault, or create one."""
        from PySide6.QtWidgets import QPushButton

        on_welcome = self.pages.currentWidget() is self.welcome
        if on_welcome and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not isinstance(self.focusWidget(), QPushButton):
            main = self.welcome.open_button if self.welcome.open_button.isVisible() else self.welcome.create_button
            if main.isEnabled():
                main.click()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and not on_welcome:
            back = getattr(self.pages.currentWidget(), "back_button", None)
            if back is not None and back.isEnabled() and back.isVisible():
                back.click()
            event.accept()
            return
        super().keyPressEvent(event)

    def show_welcome(self) -> None:
        self.welcome.refresh(self.settings)
        self.pages.setCurrentWidget(self.welcome)

    def show_unlock(self, path: str) -> None:
        self.unlock.prepare(path, self.settings.user_for(path))
        self.pages.setCurrentWidget(self.unlock)

    def show_recover(self, path: str) -> None:
        """The forgotten-passphrase page for ``path`` (also reached from a locked window)."""
        self.recover.prepare(path)
        self.pages.setCurrentWidget(self.recover)

    def show_create(self) -> None:
        self.create.prepare()
        self.pages.setCurrentWidget(self.create)

    def _browse(self) -> None:
        start = str(paths.default_vault_folder())
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getOpenFileName(self, "Open a vault", start, f"{VAULT_FILTER};;All files (*)")
        if chosen:
            self.show_unlock(chosen)

    # --- opening --------------------------------------------------------------

    def _open_vault(self, path: str, passphrase: str) -> None:
        self.unlock.set_busy(True)
        keep = self.settings.backups_to_keep
        user = self.unlock.user_name() or None

        def work(_progress: "Progress") -> "Session":
            from hrdesk.session import Session

            return Session.open(path, passphrase, user=user, backups_to_keep=keep)

        self.runner.run(work, label="Opening the vault…", writes=False, show_progress=False,
                        on_success=self._on_opened, on_failure=self._on_open_failed, parent=self)

    def _on_opened(self, session: "Session") -> None:
        self.unlock.passphrase.clear()
        self.settings.remember_user(session.path, session.actor.name)  # before _remember saves the settings
        self._remember(session.path)
        self.session = session
        self._deliver()

    def _on_open_failed(self, exc: BaseException) -> None:
        self.unlock.set_busy(False)
        if isinstance(exc, HrdeskError):  # wrong passphrase, not a vault, in use: said inline
            self.unlock.show_error(f"{exc.message} {exc.hint}".strip())
            return
        _show_error(self, exc)

    # --- recovering a forgotten passphrase -------------------------------------

    def _recover_vault(self, path: str, recovery_key: str, new_passphrase: str) -> None:
        self.recover.set_busy(True)
        kdf, keep = self._kdf, self.settings.backups_to_keep

        def work(_progress: "Progress") -> "Session":
            from hrdesk.session import Session

            return Session.recover(path, recovery_key, new_passphrase, kdf=kdf, backups_to_keep=keep)

        self.runner.run(work, label="Setting the new passphrase…", show_progress=False,
                        on_success=self._on_recovered, on_failure=self._on_recover_failed, parent=self)

    def _on_recovered(self, session: "Session") -> None:
        self.recover.clear_secrets()
        self.recover.set_busy(False)
        self._remember(session.path)
        self.session = session
        log.info("passphrase reset with the recovery key")
        self._deliver()

    def _on_recover_failed(self, exc: BaseException) -> None:
        self.recover.set_busy(False)
        if isinstance(exc, WrongRecoveryKeyError):
            self.recover.show_key_error(
                "This recovery key does not open this vault. Check it against the copy you saved when the "
                "vault was created; case, spaces and dashes do not matter."
            )
            return
        if isinstance(exc, HrdeskError):  # not a vault, in use, damaged: said inline too
            self.recover.show_error(f"{exc.message} {exc.hint}".strip())
            return
        _show_error(self, exc)

    # --- creating -------------------------------------------------------------

    def _create_vault(self, path: str, org: str, admin: str, passphrase: str) -> None:
        self.create.set_busy(True)
        kdf, keep = self._kdf, self.settings.backups_to_keep

        def work(progress: "Progress") -> "tuple[Session, str]":
            from hrdesk.session import Session

            progress.begin("Creating the vault and tuning its encryption for this computer…", 0)
            return Session.create(path, org_name=org, admin_name=admin, passphrase=passphrase, kdf=kdf,
                                  backups_to_keep=keep)

        self.runner.run(work, label="Creating the vault…", on_success=self._on_created,
                        on_failure=self._on_create_failed, parent=self)

    def _on_created(self, created: "tuple[Session, str]") -> None:
        session, recovery_key = created
        self.create.clear_secrets()
        self.create.set_busy(False)
        self._remember(session.path)
        self.session = session
        log.info("vault created")
        self.recovery.show_key(recovery_key)
        self.pages.setCurrentWidget(self.recovery)

    def _on_create_failed(self, exc: BaseException) -> None:
        self.create.set_busy(False)
        if isinstance(exc, HrdeskError):
            self.create.show_error(f"{exc.message} {exc.hint}".strip())
            return
        _show_error(self, exc)

    # --- handing over -----------------------------------------------------------

    def _remember(self, path: Path) -> None:
        self.settings.remember_vault(path)
        try:
            settings_store.save(self.settings, self._config_dir)
        except OSError as exc:
            log.warning("could not save the recent-vaults list (%s)", type(exc).__name__)

    def _deliver(self) -> None:
        if self.session is None:
            return
        self.vault_opened.emit(self.session)
        self.accept()

    def reject(self) -> None:
        if self.runner.busy:
            return  # a vault is being opened or created: let it finish
        if self.session is not None and self._recovery is not None and self.pages.currentWidget() is self._recovery:
            return  # the key must be confirmed before leaving
        super().reject()
