"""The first thing a user sees: open a recent vault, open another, or create one.

Creating ends on the recovery-key page, which cannot be left until the user
ticks that they saved the key. Opening and creating run in the background
(Argon2id takes about half a second by design); the vault module itself is
imported only then, so it never slows down showing this dialog.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hrdesk import logs, paths, settings as settings_store
from hrdesk.errors import HrdeskError, InvalidInputError
from hrdesk.progress import Progress
from hrdesk.settings import Settings
from hrdesk.ui import assets, strength
from hrdesk.ui.errors import show_error
from hrdesk.ui.recent_model import PathRole, RecentVaultsModel
from hrdesk.ui.widgets import label, set_message, set_style_property
from hrdesk.ui.worker import TaskRunner

if TYPE_CHECKING:
    from hrdesk.vault import KdfParams, Vault

log = logs.get("ui.start")

VAULT_FILTER = "hrdesk vaults (*.hrdesk)"
CLIPBOARD_CLEAR_MS = 120_000


def _page(margins: int = 36) -> tuple[QWidget, QVBoxLayout]:
    page = QWidget()
    page.setObjectName("Page")
    layout = QVBoxLayout(page)
    layout.setContentsMargins(margins, 30, margins, 26)
    layout.setSpacing(12)
    return page, layout


def _button(text: str, *, primary: bool = False, icon: str = "") -> QPushButton:
    button = QPushButton(text)
    if primary:
        button.setProperty("role", "primary")
        button.setDefault(True)
    if icon:
        button.setIcon(assets.icon(icon))
        button.setIconSize(QSize(16, 16))
    return button


def _inline_message() -> QLabel:
    message = label("", wrap=True)
    message.setVisible(False)
    return message


def _form_label(text: str, field: QWidget) -> QLabel:
    """A form label as tall as its field, so the two sit on one line."""
    widget = QLabel(text)
    field.ensurePolished()  # the stylesheet's padding is part of the height
    widget.setMinimumHeight(field.sizeHint().height())
    widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return widget


def slug(name: str) -> str:
    text = re.sub(r"[^A-Za-z0-9]+", "-", name.strip().lower()).strip("-")
    return text or "vault"


class WelcomePage(QWidget):
    open_requested = Signal(str)
    browse_requested = Signal()
    create_requested = Signal()

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
        layout.addWidget(label("Recent vaults", "card-title"))
        self.model = RecentVaultsModel(settings.recent_vaults)
        self.recent = QListView()
        self.recent.setObjectName("RecentList")
        self.recent.setModel(self.model)
        self.recent.setMinimumHeight(150)
        self.recent.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent.setUniformItemSizes(True)
        self.recent.doubleClicked.connect(lambda index: self._open(index.data(PathRole)))
        self.recent.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.recent, 1)
        self.empty = label("No vault opened yet on this computer. Create one, or open a vault file you were given.", "muted", wrap=True)
        layout.addWidget(self.empty)
        self.open_button = _button("Open", primary=True)
        self.open_button.clicked.connect(self._open_selected)
        self.browse_button = _button("Open another vault…", icon="folder")
        self.browse_button.clicked.connect(self.browse_requested)
        self.create_button = _button("Create a new vault…", icon="plus")
        self.create_button.clicked.connect(self.create_requested)
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(self.create_button)
        row.addWidget(self.browse_button)
        row.addStretch(1)
        row.addWidget(self.open_button)
        layout.addSpacing(6)
        layout.addLayout(row)
        self.refresh(settings)

    def refresh(self, settings: Settings) -> None:
        self.model.set_paths(settings.recent_vaults)
        has_recent = self.model.rowCount() > 0
        self.recent.setVisible(has_recent)
        self.empty.setVisible(not has_recent)
        if has_recent and self.model.index(0, 0).flags() & Qt.ItemFlag.ItemIsEnabled:
            self.recent.setCurrentIndex(self.model.index(0, 0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.recent.currentIndex().isValid() and self.model.rowCount() > 0)

    def _open_selected(self) -> None:
        index = self.recent.currentIndex()
        if index.isValid():
            self._open(index.data(PathRole))

    def _open(self, path: str | None) -> None:
        if path:
            self.open_requested.emit(path)


class UnlockPage(QWidget):
    """Passphrase for a chosen file; a wrong one is said inline, never in a popup."""

    back_requested = Signal()
    unlock_requested = Signal(str, str)  # path, passphrase

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("Page")
        self.path = ""
        page, layout = _page()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(page)
        layout.addWidget(label("Open vault", "title"))
        self.file_label = label("", "muted", wrap=True)
        layout.addWidget(self.file_label)
        layout.addSpacing(14)
        layout.addWidget(label("Passphrase", "card-title"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("Your passphrase for this vault")
        self.passphrase.returnPressed.connect(self._submit)
        self.passphrase.textChanged.connect(lambda _t: self.error.setVisible(False))
        layout.addWidget(self.passphrase)
        self.error = _inline_message()
        layout.addWidget(self.error)
        layout.addWidget(
            label("Forgot it? The recovery key you saved at creation lets an administrator set a new one "
                  "(for now from a terminal: hrdesk passwd FILE --recovery).", "muted", wrap=True)
        )
        layout.addStretch(1)
        self.back_button = _button("Back")
        self.back_button.clicked.connect(self.back_requested)
        self.open_button = _button("Open", primary=True)
        self.open_button.clicked.connect(self._submit)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.open_button)
        layout.addLayout(row)

    def prepare(self, path: str) -> None:
        self.path = path
        self.file_label.setText(f"{Path(path).name}\nin {Path(path).parent}")
        self.passphrase.clear()
        self.error.setVisible(False)
        self.set_busy(False)
        self.passphrase.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.open_button.setEnabled(not busy)
        self.open_button.setText("Opening…" if busy else "Open")
        self.passphrase.setEnabled(not busy)
        self.back_button.setEnabled(not busy)

    def show_error(self, text: str) -> None:
        set_message(self.error, text, "bad")
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def _submit(self) -> None:
        if not self.passphrase.text():
            self.show_error("Type the passphrase first.")
            return
        self.unlock_requested.emit(self.path, self.passphrase.text())


class StrengthMeter(QWidget):
    """A coloured bar and a sentence of advice that follow the passphrase as it is typed."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(4)
        self.bar = QProgressBar()
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.text = label("", "muted", wrap=True)
        layout.addWidget(self.bar)
        layout.addWidget(self.text)
        self.update_for("")

    def update_for(self, passphrase: str) -> strength.Strength:
        result = strength.estimate(passphrase)
        self.bar.setValue(max(result.score, 1) if passphrase else 0)
        set_style_property(self.bar, "strength", str(result.score))
        shown = result.advice if result.advice.startswith("Too short") else f"{result.label}. {result.advice}"
        self.text.setText(shown if passphrase else result.advice)
        return result


class CreatePage(QWidget):
    back_requested = Signal()
    create_requested = Signal(str, str, str, str)  # path, org, admin, passphrase

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("Page")
        self._location_edited = False
        page, layout = _page()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(page)
        layout.addWidget(label("Create a new vault", "title"))
        layout.addWidget(
            label("One encrypted file holds everything for your organisation. Only people with a passphrase can open it.", "muted", wrap=True)
        )
        layout.addSpacing(8)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.org = QLineEdit()
        self.org.setPlaceholderText("e.g. Acme Ltd")
        self.admin = QLineEdit()
        self.admin.setPlaceholderText("The HR administrator: you")
        self.location = QLineEdit()
        self.location.textEdited.connect(self._on_location_edited)
        browse = _button("Choose…", icon="folder")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.setSpacing(8)
        where.addWidget(self.location, 1)
        where.addWidget(browse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("Four or more unrelated words work well")
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = StrengthMeter()
        form.addRow(_form_label("Organisation", self.org), self.org)
        form.addRow(_form_label("Your name", self.org), self.admin)
        form.addRow(_form_label("Save as", self.org), where)
        form.addRow(_form_label("Passphrase", self.org), self.passphrase)
        form.addRow("", self.meter)
        form.addRow(_form_label("Repeat it", self.org), self.repeat)
        layout.addLayout(form)
        self.error = _inline_message()
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.back_button = _button("Back")
        self.back_button.clicked.connect(self.back_requested)
        self.create_button = _button("Create vault", primary=True)
        self.create_button.clicked.connect(self._submit)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.create_button)
        layout.addLayout(row)
        for edit in (self.org, self.admin, self.location, self.passphrase, self.repeat):
            edit.textChanged.connect(self._validate)
        self.org.textChanged.connect(self._propose_location)
        self.passphrase.textChanged.connect(self.meter.update_for)
        self._propose_location("")

    def prepare(self) -> None:
        for edit in (self.passphrase, self.repeat):
            edit.clear()
        self.error.setVisible(False)
        self.set_busy(False)
        self.org.setFocus()

    def clear_secrets(self) -> None:
        self.passphrase.clear()
        self.repeat.clear()

    def set_busy(self, busy: bool) -> None:
        self.create_button.setText("Creating…" if busy else "Create vault")
        self.back_button.setEnabled(not busy)
        for edit in (self.org, self.admin, self.location, self.passphrase, self.repeat):
            edit.setEnabled(not busy)
        self.create_button.setEnabled(not busy and self.problem() == "")

    def show_error(self, text: str) -> None:
        set_message(self.error, text, "bad")

    def _on_location_edited(self, _text: str) -> None:
        self._location_edited = True

    def _propose_location(self, org: str) -> None:
        if not self._location_edited:
            self.location.setText(str(paths.default_vault_folder() / f"{slug(org)}.hrdesk"))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the new vault as", self.location.text(), VAULT_FILTER)
        if chosen:
            self._location_edited = True
            self.location.setText(chosen if chosen.endswith(".hrdesk") else chosen + ".hrdesk")

    def problem(self) -> str:
        """Why the form cannot be submitted yet ('' when it can)."""
        if not self.org.text().strip() or not self.admin.text().strip():
            return "Fill in the organisation and your name."
        target = Path(self.location.text().strip()).expanduser()
        if not self.location.text().strip():
            return "Choose where to save the vault."
        if target.exists():
            return f"'{target.name}' already exists there. Choose another name or open it instead."
        if not strength.estimate(self.passphrase.text()).acceptable:
            return "The passphrase is too weak for HR data."
        if self.repeat.text() != self.passphrase.text():
            return "The two passphrases differ." if self.repeat.text() else "Repeat the passphrase."
        return ""

    def _validate(self) -> None:
        problem = self.problem()
        self.create_button.setEnabled(problem == "")
        self.create_button.setToolTip(problem)
        noisy = problem.startswith(("'", "The two"))
        set_message(self.error, problem if noisy else "", "bad")

    def _submit(self) -> None:
        problem = self.problem()
        if problem:
            self.show_error(problem)
            return
        target = str(Path(self.location.text().strip()).expanduser())
        self.create_requested.emit(target, self.org.text().strip(), self.admin.text().strip(), self.passphrase.text())


class RecoveryKeyPage(QWidget):
    """Shown once after creation; Continue stays disabled until the key is confirmed saved."""

    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("Page")
        self._key = ""
        page, layout = _page()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(page)
        layout.addWidget(label("Save your recovery key", "title"))
        layout.addWidget(
            label("If the passphrase is ever lost, this key is the only way back into the vault. "
                  "It is shown this once and hrdesk does not keep a copy you can read.", wrap=True)
        )
        layout.addSpacing(4)
        self.key_label = label("", "recovery-key", selectable=True)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.key_label)
        actions = QHBoxLayout()
        self.copy_button = _button("Copy", icon="copy")
        self.copy_button.clicked.connect(self.copy_key)
        self.save_button = _button("Save as text file…", icon="save")
        self.save_button.clicked.connect(self.save_key)
        actions.addWidget(self.copy_button)
        actions.addWidget(self.save_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.note = _inline_message()
        layout.addWidget(self.note)
        advice = label("Best: print it or write it down, and keep it in a locked drawer away from this laptop. "
                       "Anyone holding the key can open the vault.", "muted", wrap=True)
        layout.addWidget(advice)
        layout.addStretch(1)
        self.confirm = QCheckBox("I have saved the recovery key somewhere safe")
        self.confirm.toggled.connect(self._on_confirm)
        layout.addWidget(self.confirm)
        self.continue_button = _button("Continue", primary=True)
        self.continue_button.setEnabled(False)
        self.continue_button.clicked.connect(self._finish)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.continue_button)
        layout.addLayout(row)

    def show_key(self, key: str) -> None:
        self._key = key
        self.key_label.setText(key)
        self.confirm.setChecked(False)
        self.note.setVisible(False)

    def copy_key(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self._key)
        key = self._key
        # Do not leave the key on the clipboard for the next paste anywhere.
        QTimer.singleShot(CLIPBOARD_CLEAR_MS, lambda: clipboard.text() == key and clipboard.clear())
        set_message(self.note, "Copied. Paste it somewhere safe now: hrdesk clears the clipboard in 2 minutes.", "info")

    def confirm_file_warning(self) -> bool:
        answer = QMessageBox.warning(
            self,
            "The file is as secret as your passphrase",
            "Anyone who gets this text file can open the vault and read every record in it.\n\n"
            "Save it to a USB stick or a password manager you control, not to a shared or synced folder, "
            "and delete any other copies.",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    def ask_save_path(self) -> str:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the recovery key", "hrdesk-recovery-key.txt", "Text files (*.txt)")
        return chosen

    def save_key(self) -> None:
        if not self.confirm_file_warning():
            return
        target = self.ask_save_path()
        if not target:
            return
        try:
            write_secret_file(Path(target), f"hrdesk recovery key\n\n{self._key}\n")
        except OSError as exc:
            show_error(self, InvalidInputError(f"Could not save '{target}': {exc.strerror}.", hint="Choose another place."))
            return
        set_message(self.note, f"Saved to {target}. Treat that file like the passphrase itself.", "warn")

    def _on_confirm(self, checked: bool) -> None:
        self.continue_button.setEnabled(checked)

    def _finish(self) -> None:
        if not self.confirm.isChecked():
            return
        self._key = ""
        self.key_label.clear()
        self.finished.emit()


def write_secret_file(path: Path, text: str) -> None:
    """Write a file only its owner can read."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


class StartDialog(QDialog):
    """Emits ``vault_opened(vault)`` and accepts once a vault is open (or created and its key saved)."""

    vault_opened = Signal(object)

    def __init__(
        self,
        settings: Settings,
        runner: TaskRunner,
        *,
        kdf: "KdfParams | None" = None,
        config_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runner = runner
        self.vault: "Vault | None" = None
        self._kdf = kdf
        self._config_dir = config_dir
        self.setWindowTitle("hrdesk")
        self.setWindowIcon(assets.icon("app"))
        self.resize(640, 560)
        self.pages = QStackedWidget()
        self.welcome = WelcomePage(settings)
        self.unlock = UnlockPage()
        self.create = CreatePage()
        self.recovery = RecoveryKeyPage()
        for page in (self.welcome, self.unlock, self.create, self.recovery):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.welcome.open_requested.connect(self.show_unlock)
        self.welcome.browse_requested.connect(self._browse)
        self.welcome.create_requested.connect(self.show_create)
        self.unlock.back_requested.connect(self.show_welcome)
        self.unlock.unlock_requested.connect(self._open_vault)
        self.create.back_requested.connect(self.show_welcome)
        self.create.create_requested.connect(self._create_vault)
        self.recovery.finished.connect(self._deliver)

    # --- navigation ---------------------------------------------------------

    def show_welcome(self) -> None:
        self.welcome.refresh(self.settings)
        self.pages.setCurrentWidget(self.welcome)

    def show_unlock(self, path: str) -> None:
        self.unlock.prepare(path)
        self.pages.setCurrentWidget(self.unlock)

    def show_create(self) -> None:
        self.create.prepare()
        self.pages.setCurrentWidget(self.create)

    def _browse(self) -> None:
        start = str(paths.default_vault_folder())
        chosen, _ = QFileDialog.getOpenFileName(self, "Open a vault", start, f"{VAULT_FILTER};;All files (*)")
        if chosen:
            self.show_unlock(chosen)

    # --- opening --------------------------------------------------------------

    def _open_vault(self, path: str, passphrase: str) -> None:
        self.unlock.set_busy(True)

        def work(_progress: Progress) -> "Vault":
            from hrdesk.vault import Vault

            return Vault.open(path, passphrase)

        self.runner.run(work, label="Opening the vault…", writes=False, show_progress=False,
                        on_success=self._on_opened, on_failure=self._on_open_failed, parent=self)

    def _on_opened(self, vault: "Vault") -> None:
        self.unlock.passphrase.clear()
        self._remember(vault.path)
        self.vault = vault
        self._deliver()

    def _on_open_failed(self, exc: BaseException) -> None:
        self.unlock.set_busy(False)
        if isinstance(exc, HrdeskError):  # wrong passphrase, not a vault, in use: said inline
            self.unlock.show_error(f"{exc.message} {exc.hint}".strip())
            return
        show_error(self, exc)

    # --- creating -------------------------------------------------------------

    def _create_vault(self, path: str, org: str, admin: str, passphrase: str) -> None:
        self.create.set_busy(True)
        kdf = self._kdf

        def work(progress: Progress) -> "tuple[Vault, str]":
            from hrdesk.vault import Vault

            progress.begin("Creating the vault and tuning its encryption for this computer…", 0)
            return Vault.create(path, org_name=org, admin_name=admin, passphrase=passphrase, kdf=kdf)

        self.runner.run(work, label="Creating the vault…", on_success=self._on_created,
                        on_failure=self._on_create_failed, parent=self)

    def _on_created(self, created: "tuple[Vault, str]") -> None:
        vault, recovery_key = created
        self.create.clear_secrets()
        self.create.set_busy(False)
        self._remember(vault.path)
        self.vault = vault
        log.info("vault created")
        self.recovery.show_key(recovery_key)
        self.pages.setCurrentWidget(self.recovery)

    def _on_create_failed(self, exc: BaseException) -> None:
        self.create.set_busy(False)
        if isinstance(exc, HrdeskError):
            self.create.show_error(f"{exc.message} {exc.hint}".strip())
            return
        show_error(self, exc)

    # --- handing over -----------------------------------------------------------

    def _remember(self, path: Path) -> None:
        self.settings.remember_vault(path)
        try:
            settings_store.save(self.settings, self._config_dir)
        except OSError as exc:
            log.warning("could not save the recent-vaults list (%s)", type(exc).__name__)

    def _deliver(self) -> None:
        if self.vault is None:
            return
        self.vault_opened.emit(self.vault)
        self.accept()

    def reject(self) -> None:
        if self.runner.busy:
            return  # a vault is being opened or created: let it finish
        if self.vault is not None and self.pages.currentWidget() is self.recovery:
            return  # the key must be confirmed before leaving
        super().reject()
