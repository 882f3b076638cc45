"""Settings → Change passphrase: the current passphrase, a new one twice, and optionally a new key.

The current passphrase is asked for first, so nobody who finds the laptop
unlocked can take the vault over. A plain change re-wraps the data key
(``Session.change_passphrase``, instant). Where the vault offers key rotation
(``Session.rotate_keys``), "Also replace the encryption key" revokes every old
passphrase, the old recovery key and old backups; it ends by showing the new
recovery key once, which must be confirmed as saved before the dialog closes.
Why the button is disabled is written under the fields, never only in a
tooltip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hrdesk.errors import HrdeskError
from hrdesk.progress import Progress
from hrdesk.session import passphrase as strength
from hrdesk.ui.widgets import label, labelled, set_message

if TYPE_CHECKING:
    from hrdesk.ui.sections import SectionContext


def can_rotate(session: Any) -> bool:
    """Whether this vault offers key rotation (the security area may add it later to older builds)."""
    return callable(getattr(session, "rotate_keys", None))


def _secret(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class ChangePassphraseDialog(QDialog):
    """Emits ``changed(rotated)`` once the new passphrase is in force."""

    changed = Signal(bool)

    def __init__(self, context: SectionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.busy = False
        self.setWindowTitle("Change passphrase")
        self.pages = QStackedWidget()
        self.pages.addWidget(self._form_page())
        self.pages.addWidget(self._key_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.addWidget(self.pages)
        self._validate()
        self.resize(560, 0)

    # --- page 1: the passphrases --------------------------------------------------------------

    def _form_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(label("Change passphrase", "heading"))
        layout.addWidget(label("Type the current passphrase, then the new one twice. The old passphrase stops "
                               "opening this vault at once.", "muted", wrap=True))
        self.current = _secret("Current passphrase")
        self.new = _secret("New passphrase")
        self.repeat = _secret("Repeat the new passphrase")
        self.meter = label("", "muted", wrap=True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(labelled("&Current passphrase", self.current), self.current)
        form.addRow(labelled("&New passphrase", self.new), self.new)
        form.addRow("", self.meter)
        form.addRow(labelled("&Repeat it", self.repeat, name="Repeat the new passphrase"), self.repeat)
        layout.addLayout(form)
        self.rotate = QCheckBox("Also replace the encryption key and the recovery key")
        self.rotate.setAccessibleDescription("Revokes every old passphrase, the old recovery key and old backups")
        self.rotate_note = label(
            "Choose this if the old passphrase or the recovery key may have leaked: every record is re-encrypted "
            "under a new key, old backups are rewritten or retired, and you get a new recovery key to save.",
            "muted", wrap=True)
        offered = can_rotate(self._context.session)
        self.rotate.setVisible(offered)
        self.rotate_note.setVisible(offered)
        layout.addWidget(self.rotate)
        layout.addWidget(self.rotate_note)
        self.problem = label("", "muted", wrap=True)  # why the button is disabled, in plain sight
        layout.addWidget(self.problem)
        self.error = label("", wrap=True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self.cancel_button = QPushButton("Keep the current passphrase")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.change_button = QPushButton("Change passphrase")
        self.change_button.setProperty("role", "primary")
        self.change_button.setDefault(True)
        self.change_button.clicked.connect(self.submit)
        row = QHBoxLayout()
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        row.addWidget(self.change_button)
        layout.addLayout(row)
        for field in (self.current, self.new, self.repeat):
            field.textChanged.connect(self._validate)
        self.repeat.returnPressed.connect(self.submit)
        self.rotate.toggled.connect(self._validate)
        return page

    def problem_text(self) -> str:
        """Why the change cannot be made yet ('' when it can)."""
        if not self.current.text():
            return "Type the current passphrase."
        if not strength.estimate(self.new.text()).acceptable:
            return "The new passphrase is too weak for HR data." if self.new.text() else "Type a new passphrase."
        if self.repeat.text() != self.new.text():
            return "The two new passphrases differ." if self.repeat.text() else "Repeat the new passphrase."
        if self.new.text() == self.current.text() and not self.rotate.isChecked():
            return "The new passphrase is the same as the current one."
        return ""

    def _validate(self) -> None:
        result = strength.estimate(self.new.text())
        self.meter.setText(f"{result.label}. {result.advice}" if self.new.text() else result.advice)
        problem = self.problem_text()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.change_button.setEnabled(not problem and not self.busy)
        self.change_button.setText("Replace key and passphrase" if self.rotate.isChecked() else "Change passphrase")

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.current, self.new, self.repeat, self.rotate, self.cancel_button):
            widget.setEnabled(not busy)
        self._validate()
        if busy:
            self.change_button.setText("Changing…")

    def submit(self) -> None:
        if self.problem_text() or self.busy:
            return
        session, current, new, rotate = self._context.session, self.current.text(), self.new.text(), self.rotate.isChecked()
        self._set_busy(True)
        self.error.setVisible(False)

        def work(progress: Progress) -> str:
            session.vault.unlock(current)  # proves the current passphrase (a wrong one raises, nothing changes)
            if rotate:
                progress.begin("Re-encrypting every record under a new key…", 0)
                return session.rotate_keys(new, progress=progress).recovery_key
            session.change_passphrase(new)
            return ""

        self._context.runner.run(work, label="Changing the passphrase…", parent=self, show_progress=rotate,
                                 on_success=self._done, on_failure=self._failed)

    def _done(self, recovery_key: str) -> None:
        for field in (self.current, self.new, self.repeat):
            field.clear()
        self._set_busy(False)
        rotated = bool(recovery_key)
        self.changed.emit(rotated)
        if rotated:
            self.key.setText(recovery_key)
            self.pages.setCurrentIndex(1)
            self.saved.setFocus()
        else:
            self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, HrdeskError):  # a wrong current passphrase, a weak new one: said here
            set_message(self.error, f"{exc.message} {exc.hint}".strip(), "bad")
            self.current.selectAll()
            self.current.setFocus()
            return
        from hrdesk.ui.errors import show_error

        show_error(self, exc)

    # --- page 2: the new recovery key, shown once -------------------------------------------

    def _key_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(label("Save the new recovery key", "heading"))
        layout.addWidget(label("The old recovery key no longer opens this vault. This one is shown once.", wrap=True))
        self.key = label("", "recovery-key", selectable=True)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setAccessibleName("New recovery key")
        layout.addWidget(self.key)
        copy = QPushButton("Copy")
        copy.setAutoDefault(False)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.key.text()))
        layout.addWidget(copy, 0, Qt.AlignmentFlag.AlignLeft)
        self.saved = QCheckBox("I have saved the new recovery key somewhere safe")
        layout.addWidget(self.saved)
        self.close_button = QPushButton("Done")
        self.close_button.setProperty("role", "primary")
        self.close_button.setEnabled(False)
        self.close_button.clicked.connect(self._finish)
        self.saved.toggled.connect(self.close_button.setEnabled)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        return page

    def _finish(self) -> None:
        if self.saved.isChecked():
            self.key.clear()
            self.accept()

    def reject(self) -> None:
        if self.busy:
            return  # the change is running: it finishes first
        if self.pages.currentIndex() == 1 and not self.saved.isChecked():
            return  # the new key must be confirmed as saved before the dialog can close
        super().reject()
