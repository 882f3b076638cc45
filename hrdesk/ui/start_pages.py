"""The start window's pages other than the first one: open, create, recovery key, forgotten passphrase.

They live apart from ``start_dialog`` so that showing the start window compiles
and builds only what its first page needs (start-up speed): ``StartDialog``
imports this module and builds each page the first time it is shown.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hrdesk import paths
from hrdesk.errors import InvalidInputError
from hrdesk.session import passphrase as strength
from hrdesk.ui.errors import show_error
from hrdesk.ui.start_common import VAULT_FILTER, button as _button, page as _page
from hrdesk.ui.widgets import label, set_message, set_style_property

CLIPBOARD_CLEAR_MS = 120_000


def _link_button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setProperty("role", "link")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setAutoDefault(False)
    return button


def _inline_message() -> QLabel:
    message = label("", wrap=True)
    message.setVisible(False)
    return message


def _page_of(owner: QWidget) -> QVBoxLayout:
    """Fill ``owner`` with a standard start page; returns the page's layout."""
    owner.setObjectName("Page")
    page, layout = _page()
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(page)
    return layout


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setHorizontalSpacing(16)
    form.setVerticalSpacing(12)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _secret_field(placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    if placeholder:
        field.setPlaceholderText(placeholder)
    return field


def _buttons_row(back: QPushButton, go: QPushButton) -> QHBoxLayout:
    """Back on the left, the page's main action on the right."""
    row = QHBoxLayout()
    row.addWidget(back)
    row.addStretch(1)
    row.addWidget(go)
    return row


def _form_label(text: str, field: QWidget) -> QLabel:
    """A form label as tall as its field, so the two sit on one line; it is the field's buddy
    (Alt+letter moves there) and the name a screen reader announces for it."""
    widget = QLabel(text)
    field.ensurePolished()  # the stylesheet's padding is part of the height
    widget.setMinimumHeight(field.sizeHint().height())
    widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    widget.setBuddy(field)
    field.setAccessibleName(text.replace("&", ""))
    return widget


def _hint() -> QLabel:
    """Why the page's main button is disabled, in plain sight (not only in a tooltip)."""
    hint = label("", "muted", wrap=True)
    hint.setVisible(False)
    return hint


def slug(name: str) -> str:
    text = re.sub(r"[^A-Za-z0-9]+", "-", name.strip().lower()).strip("-")
    return text or "vault"


class UnlockPage(QWidget):
    """Passphrase for a chosen file; a wrong one is said inline, never in a popup."""

    back_requested = Signal()
    unlock_requested = Signal(str, str)  # path, passphrase (the user name is in ``user_name()``)
    forgot_requested = Signal(str)  # path

    def __init__(self) -> None:
        super().__init__()
        self.path = ""
        layout = _page_of(self)
        layout.addWidget(label("Open vault", "title"))
        self.file_label = label("", "muted", wrap=True)
        layout.addWidget(self.file_label)
        layout.addSpacing(14)
        self.user = QLineEdit()
        self.user.setPlaceholderText("Your user name (empty: the vault's HR user)")
        self.user.setAccessibleName("User")
        self.user.returnPressed.connect(lambda: self.passphrase.setFocus())
        user_label = label("&User", "card-title")
        user_label.setBuddy(self.user)
        layout.addWidget(user_label)
        layout.addWidget(self.user)
        self.passphrase = _secret_field("Your passphrase for this vault")
        passphrase_label = label("&Passphrase", "card-title")
        passphrase_label.setBuddy(self.passphrase)
        self.passphrase.setAccessibleName("Passphrase")
        layout.addWidget(passphrase_label)
        self.passphrase.returnPressed.connect(self._submit)
        self.passphrase.textChanged.connect(lambda _t: self.error.setVisible(False))
        layout.addWidget(self.passphrase)
        self.error = _inline_message()
        layout.addWidget(self.error)
        self.forgot_button = _link_button("Forgot your passphrase?")
        self.forgot_button.setToolTip("Set a new passphrase with the recovery key you saved when the vault was created")
        self.forgot_button.clicked.connect(lambda: self.forgot_requested.emit(self.path))
        forgot = QHBoxLayout()
        forgot.addWidget(self.forgot_button)
        forgot.addStretch(1)
        layout.addLayout(forgot)
        layout.addStretch(1)
        self.back_button = _button("Back")
        self.back_button.clicked.connect(self.back_requested)
        self.open_button = _button("Open", primary=True)
        self.open_button.clicked.connect(self._submit)
        layout.addLayout(_buttons_row(self.back_button, self.open_button))

    def prepare(self, path: str, user: str = "") -> None:
        self.path = path
        self.file_label.setText(f"{Path(path).name}\nin {Path(path).parent}")
        self.user.setText(user)
        self.passphrase.clear()
        self.error.setVisible(False)
        self.set_busy(False)
        self.passphrase.setFocus()

    def user_name(self) -> str:
        return " ".join(self.user.text().split())

    def set_busy(self, busy: bool) -> None:
        self.open_button.setEnabled(not busy)
        self.open_button.setText("Opening…" if busy else "Open")
        self.passphrase.setEnabled(not busy)
        self.user.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        self.forgot_button.setEnabled(not busy)

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
        self._location_edited = False
        layout = _page_of(self)
        layout.addWidget(label("Create a new vault", "title"))
        layout.addWidget(
            label("One encrypted file holds everything for your organisation. Only people with a passphrase can open it.", "muted", wrap=True)
        )
        layout.addSpacing(8)
        form = _form()
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
        self.passphrase = _secret_field("Four or more unrelated words work well")
        self.repeat = _secret_field()
        self.repeat.returnPressed.connect(self._submit)  # Enter in the last field creates, as on every page
        self.meter = StrengthMeter()
        form.addRow(_form_label("&Organisation", self.org), self.org)
        form.addRow(_form_label("&Your name", self.admin), self.admin)
        form.addRow(_form_label("&Save as", self.location), where)
        form.addRow(_form_label("&Passphrase", self.passphrase), self.passphrase)
        form.addRow("", self.meter)
        form.addRow(_form_label("&Repeat it", self.repeat), self.repeat)
        self.repeat.setAccessibleName("Repeat the passphrase")
        browse.setAccessibleName("Choose where to save the vault")
        layout.addLayout(form)
        self.error = _inline_message()
        layout.addWidget(self.error)
        self.hint = _hint()
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.back_button = _button("Back")
        self.back_button.clicked.connect(self.back_requested)
        self.create_button = _button("Create vault", primary=True)
        self.create_button.clicked.connect(self._submit)
        layout.addLayout(_buttons_row(self.back_button, self.create_button))
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

    @staticmethod
    def proposed_folder() -> Path:
        """Where a new vault goes unless the user chooses: $HRDESK_HOME's data folder, else the
        system's Documents folder (whatever it is called and wherever it is redirected), else hrdesk's
        data folder. It may not exist yet on a fresh machine: it is created when the vault is."""
        if os.environ.get(paths.ENV_HOME):
            return paths.default_vault_folder()
        from PySide6.QtCore import QStandardPaths

        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents else paths.app_dirs().data

    def _propose_location(self, org: str) -> None:
        if not self._location_edited:
            self.location.setText(str(self.proposed_folder() / f"{slug(org)}.hrdesk"))

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
        if not target.parent.is_dir() and target.parent != self.proposed_folder():
            return f"The folder {target.parent} does not exist. Choose another place."
        if not strength.estimate(self.passphrase.text()).acceptable:
            return "The passphrase is too weak for HR data."
        if self.repeat.text() != self.passphrase.text():
            return "The two passphrases differ." if self.repeat.text() else "Repeat the passphrase."
        return ""

    def _validate(self) -> None:
        problem = self.problem()
        self.create_button.setEnabled(problem == "")
        self.create_button.setToolTip(problem)
        noisy = problem.startswith(("'", "The two", "The folder"))
        set_message(self.error, problem if noisy else "", "bad")
        self.hint.setText("" if noisy or not problem else f"To create the vault: {problem[0].lower()}{problem[1:]}")
        self.hint.setVisible(bool(problem) and not noisy)

    def _submit(self) -> None:
        problem = self.problem()
        if problem:
            self.show_error(problem)
            return
        target = Path(self.location.text().strip()).expanduser()
        if not target.parent.is_dir():  # the proposed folder on a fresh machine (problem() refuses any other)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                self.show_error(f"Could not create the folder {target.parent}: {exc.strerror or exc}. Choose another place.")
                return
        self.create_requested.emit(str(target), self.org.text().strip(), self.admin.text().strip(), self.passphrase.text())


class RecoverPage(QWidget):
    """Forgotten passphrase: the recovery key saved at creation, and a new passphrase twice.

    The key is accepted however it is retyped (any case, with or without spaces
    or dashes): the vault parses it. A key that does not open the vault is said
    inline under the field, never in a popup.
    """

    back_requested = Signal(str)  # path
    recover_requested = Signal(str, str, str)  # path, recovery key, new passphrase

    def __init__(self) -> None:
        super().__init__()
        self.path = ""
        layout = _page_of(self)
        layout.addWidget(label("Set a new passphrase", "title"))
        self.file_label = label("", "muted", wrap=True)
        layout.addWidget(self.file_label)
        layout.addWidget(
            label("Type the recovery key you saved when this vault was created. Upper or lower case, spaces "
                  "and dashes do not matter. Then choose a new passphrase: the old one stops working.", wrap=True)
        )
        layout.addSpacing(6)
        self.key = QLineEdit()
        key_label = label("Recovery &key", "card-title")
        key_label.setBuddy(self.key)
        self.key.setAccessibleName("Recovery key")
        layout.addWidget(key_label)
        self.key.setProperty("role", "mono")
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.key.textChanged.connect(lambda _t: self.key_error.setVisible(False))
        layout.addWidget(self.key)
        self.key_error = _inline_message()
        layout.addWidget(self.key_error)
        layout.addSpacing(4)
        form = _form()
        self.passphrase = _secret_field("Four or more unrelated words work well")
        self.repeat = _secret_field()
        self.repeat.returnPressed.connect(self._submit)
        self.meter = StrengthMeter()
        form.addRow(_form_label("&New passphrase", self.passphrase), self.passphrase)
        form.addRow("", self.meter)
        form.addRow(_form_label("&Repeat it", self.repeat), self.repeat)
        self.repeat.setAccessibleName("Repeat the new passphrase")
        layout.addLayout(form)
        self.error = _inline_message()
        layout.addWidget(self.error)
        self.hint = _hint()
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.back_button = _button("Back")
        self.back_button.clicked.connect(lambda: self.back_requested.emit(self.path))
        self.submit_button = _button("Set passphrase and open", primary=True)
        self.submit_button.clicked.connect(self._submit)
        layout.addLayout(_buttons_row(self.back_button, self.submit_button))
        for edit in (self.key, self.passphrase, self.repeat):
            edit.textChanged.connect(self._validate)
        self.passphrase.textChanged.connect(self.meter.update_for)
        self._validate()

    def prepare(self, path: str) -> None:
        self.path = path
        self.file_label.setText(f"{Path(path).name}\nin {Path(path).parent}")
        self.clear_secrets()
        self.key_error.setVisible(False)
        self.error.setVisible(False)
        self.set_busy(False)
        self.key.setFocus()

    def clear_secrets(self) -> None:
        for edit in (self.key, self.passphrase, self.repeat):
            edit.clear()

    def set_busy(self, busy: bool) -> None:
        self.submit_button.setText("Setting the new passphrase…" if busy else "Set passphrase and open")
        self.back_button.setEnabled(not busy)
        for edit in (self.key, self.passphrase, self.repeat):
            edit.setEnabled(not busy)
        self.submit_button.setEnabled(not busy and self.problem() == "")

    def show_key_error(self, text: str) -> None:
        set_message(self.key_error, text, "bad")
        self.key.selectAll()
        self.key.setFocus()

    def show_error(self, text: str) -> None:
        set_message(self.error, text, "bad")

    def problem(self) -> str:
        """Why the form cannot be submitted yet ('' when it can)."""
        if not self.key.text().strip():
            return "Type the recovery key."
        if not strength.estimate(self.passphrase.text()).acceptable:
            return "The new passphrase is too weak for HR data."
        if self.repeat.text() != self.passphrase.text():
            return "The two passphrases differ." if self.repeat.text() else "Repeat the new passphrase."
        return ""

    def _validate(self) -> None:
        problem = self.problem()
        self.submit_button.setEnabled(problem == "")
        self.submit_button.setToolTip(problem)
        noisy = problem.startswith("The two")
        set_message(self.error, problem if noisy else "", "bad")
        self.hint.setText("" if noisy or not problem else problem)
        self.hint.setVisible(bool(problem) and not noisy)

    def _submit(self) -> None:
        problem = self.problem()
        if problem:
            self.show_error(problem)
            return
        self.recover_requested.emit(self.path, self.key.text(), self.passphrase.text())


class RecoveryKeyPage(QWidget):
    """Shown once after creation; Continue stays disabled until the key is confirmed saved."""

    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._key = ""
        layout = _page_of(self)
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
