"""What the window shows while the vault is locked: the organisation's name and a passphrase field.

It holds no data and knows nothing about the vault; the window passes the
passphrase to whatever unlocks (``vault.unlock`` after a lock, ``Vault.open``
after a restore) and reports a wrong one back inline. "Forgot your
passphrase?" only asks: the window decides where that leads (the start
window's recovery page).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from hrdesk.ui import assets
from hrdesk.ui.widgets import Card, label, set_message


class LockScreen(QWidget):
    unlock_requested = Signal(str)
    forgot_requested = Signal()

    def __init__(self, org_name: str, reason: str, parent: QWidget | None = None, *, hint: str = "",
                 user: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("LockScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        card = Card()
        # as wide as the text needs at the system font size, never wider than a small window allows
        card.setMinimumWidth(min(440, max(300, self.fontMetrics().averageCharWidth() * 52)))
        card.setMaximumWidth(max(440, self.fontMetrics().averageCharWidth() * 60))
        card.body.setContentsMargins(32, 28, 32, 28)
        card.body.setSpacing(12)
        icon = QLabel()
        icon.setPixmap(assets.icon("lock-large").pixmap(44, 44))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card.body.addWidget(icon)
        org = label(org_name, "heading", wrap=True)
        org.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card.body.addWidget(org)
        self.reason = label(reason, "muted", wrap=True)
        self.reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card.body.addWidget(self.reason)
        if hint:  # the demo's banner (with its passphrase) must not vanish when the demo locks
            note = label(hint, "muted", wrap=True, selectable=True)
            note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            card.body.addWidget(note)
        card.body.addSpacing(6)
        # Who unlocks: the same user by default; another name switches user (their role, their keys).
        self.user = QLineEdit(user)
        self.user.setPlaceholderText("User (empty: the same user)")
        self.user.setAccessibleName("User")
        self.user.setToolTip("Your user name in this vault; type another to switch user")
        self.user.returnPressed.connect(lambda: self.passphrase.setFocus())
        card.body.addWidget(self.user)
        self.passphrase = QLineEdit()
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("Passphrase")
        self.passphrase.setAccessibleName(f"Passphrase for {org_name}")
        self.passphrase.returnPressed.connect(self._submit)
        self.passphrase.textChanged.connect(lambda _t: self.error.setVisible(False))
        card.body.addWidget(self.passphrase)
        self.error = label("", wrap=True)
        self.error.setVisible(False)
        card.body.addWidget(self.error)
        self.unlock_button = QPushButton("Unlock")
        self.unlock_button.setProperty("role", "primary")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._submit)
        card.body.addWidget(self.unlock_button)
        self.forgot_button = QPushButton("Forgot your passphrase?")
        self.forgot_button.setProperty("role", "link")
        self.forgot_button.setAutoDefault(False)
        self.forgot_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.forgot_button.setToolTip("Close the vault and set a new passphrase with your recovery key")
        self.forgot_button.clicked.connect(self.forgot_requested)
        card.body.addWidget(self.forgot_button, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)

    def focus(self) -> None:
        self.passphrase.setFocus()

    def user_name(self) -> str:
        return " ".join(self.user.text().split())

    def set_busy(self, busy: bool) -> None:
        self.user.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.unlock_button.setText("Unlocking…" if busy else "Unlock")
        self.forgot_button.setEnabled(not busy)

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        set_message(self.error, text, "bad")
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def show_notice(self, text: str) -> None:
        set_message(self.error, text, "info")

    def _submit(self) -> None:
        if not self.passphrase.text():
            self.show_error("Type your passphrase to unlock.")
            return
        self.set_busy(True)
        passphrase = self.passphrase.text()
        self.passphrase.clear()
        self.unlock_requested.emit(passphrase)
