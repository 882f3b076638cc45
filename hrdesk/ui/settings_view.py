"""The Settings screen: idle lock for everyone; for HR also users, retention and backups (take, list, restore)."""

from __future__ import annotations


from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hrdesk.progress import Progress
from hrdesk.session import Kind, Role
from hrdesk.settings import IDLE_LOCK_RANGE
from hrdesk.ui.formatting import local_time
from hrdesk.ui.retention_card import RetentionCard
from hrdesk.ui.sections import SectionContext
from hrdesk.ui.table_model import ListTableModel
from hrdesk.ui.widgets import (
    Card,
    confirm,
    count_suffix,
    data_table,
    guard_wheel,
    human_size,
    label,
    labelled,
    set_message,
)
from hrdesk.vault.backup import BackupInfo, backup_dir, list_backups, make_backup

BackupRole = Qt.ItemDataRole.UserRole + 1  # the BackupInfo
SortRole = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Taken", "Size", "Kind", "File")


class BackupsModel(ListTableModel):
    """One row per backup file; the tooltip is its full path."""

    COLUMNS = COLUMNS
    ITEM_ROLE = BackupRole

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.set_items(backups)

    def cells(self, item: BackupInfo) -> tuple[str, ...]:
        return (local_time(item.taken), human_size(item.size_bytes), item.description, item.path.name)

    def tooltip(self, item: BackupInfo, column: int) -> str:
        return str(item.path) + (f"\nNeeds its week's base, {item.base.name}" if item.base is not None else "")

    def role_data(self, item: BackupInfo, column: int, role: int) -> object:
        return (item.taken.isoformat(), item.size_bytes, item.kind, item.path.name)[column] if role == SortRole else None


class SettingsView(QWidget):
    def __init__(self, context: SectionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self._context = context
        content = QWidget()
        content.setObjectName("Page")
        page = QVBoxLayout(content)
        page.setContentsMargins(32, 28, 32, 28)
        page.setSpacing(16)
        page.addWidget(label("Settings", "title"))
        page.addWidget(self._passphrase_card())
        page.addWidget(self._lock_card())
        self.users_card = None
        if context.session.actor.role is Role.HR:  # the rest are HR's: not shown at all to others
            from hrdesk.ui.users_card import UsersCard

            self.users_card = UsersCard(context)
            page.addWidget(self.users_card)
            page.addWidget(RetentionCard(context))
            page.addWidget(self._backup_card(), 1)
        else:
            page.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        if self.users_card is not None:
            context.events.watch(self, (Kind.BACKUPS,), self.refresh_backups, name="settings")
            self.refresh_backups()

    def _passphrase_card(self) -> Card:
        from hrdesk.ui.passphrase_dialog import can_rotate

        card = Card("Passphrase")
        text = ("Change the passphrase that opens this vault. If it may have leaked, also replace the encryption "
                "key: old passphrases, the old recovery key and old backups then stop working."
                if can_rotate(self._context.session) else "Change the passphrase that opens this vault.")
        card.body.addWidget(label(text, "muted", wrap=True))
        self.passphrase_button = QPushButton("Change passphrase…")
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.passphrase_message = label("", wrap=True)
        self.passphrase_message.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.passphrase_button)
        row.addStretch(1)
        card.body.addLayout(row)
        card.body.addWidget(self.passphrase_message)
        return card

    def change_passphrase(self) -> QWidget:
        """Open the Change passphrase dialog (window-modal, so the window stays responsive to locking)."""
        from hrdesk.ui.passphrase_dialog import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(self._context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(lambda rotated: set_message(
            self.passphrase_message,
            "Passphrase changed, and every record re-encrypted under a new key. Save the new recovery key."
            if rotated else "Passphrase changed. Use the new one from now on.", "ok"))
        self.passphrase_dialog = dialog
        dialog.open()
        return dialog

    def _lock_card(self) -> Card:
        card = Card("Automatic lock")
        card.body.addWidget(label("When nobody uses hrdesk for a while, the vault locks: the data disappears from "
                                  "the screen and the key is dropped from memory until the passphrase is typed again.",
                                  "muted", wrap=True))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(*IDLE_LOCK_RANGE)
        self.idle_minutes.setValue(self._context.host.idle_minutes())
        count_suffix(self.idle_minutes, "minute")
        guard_wheel(self.idle_minutes)
        self.idle_minutes.valueChanged.connect(self._on_idle_minutes)
        row = QHBoxLayout()
        row.addWidget(labelled("&Lock after", self.idle_minutes, name="Lock after this many minutes without activity"))
        row.addWidget(self.idle_minutes)
        row.addWidget(label("without activity"))
        row.addStretch(1)
        card.body.addLayout(row)
        return card

    def _backup_card(self) -> Card:
        card = Card("Backups")
        folder = backup_dir(self._context.vault.path)
        card.body.addWidget(label(f"Encrypted copies of the vault, kept in {folder}. The newest "
                                  f"{self._context.settings.backups_to_keep} are kept, and one a week for four weeks; a "
                                  "backup is taken at most once a day, when you close the vault after a "
                                  "change, and whenever you ask. A week's first backup is a compressed full copy "
                                  "(its base); the others hold only what changed since, and need it.",
                                  "muted", wrap=True))
        self.backup_button = QPushButton("Back up now")
        self.backup_button.setProperty("role", "primary")
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton("Restore a backup…")
        self.restore_button.clicked.connect(self.restore_selected)
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        card.body.addLayout(row)
        self.message = label("", wrap=True)
        self.message.setVisible(False)
        card.body.addWidget(self.message)
        self.model = BackupsModel(self)
        self.table = data_table(min_height=180, name="Backups")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        card.body.addWidget(self.table, 1)
        return card

    def _on_idle_minutes(self, minutes: int) -> None:
        """Each user's own lock time: a manager on the HR laptop sets theirs without changing HR's."""
        session = self._context.session
        self._context.settings.set_idle_minutes_for(session.path, session.actor.name, minutes)
        if session.actor.role.value == "admin":
            self._context.settings.set_idle_lock_minutes(minutes)  # HR's choice is also the default for new users
        self._context.host.save_settings()

    def refresh_backups(self) -> None:
        self.model.set_backups(list_backups(self._context.vault.path))
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(BackupRole) if rows else None

    def back_up_now(self) -> None:
        vault = self._context.vault
        keep = self._context.settings.backups_to_keep
        self.backup_button.setEnabled(False)

        def work(progress: Progress) -> BackupInfo:
            progress.begin("Writing and checking a backup…", 0)
            return make_backup(vault, keep=keep)

        self._context.runner.run(work, label="Backing up…", parent=self, on_success=self._on_backed_up,
                                 on_failure=self._on_backup_failed)

    def _on_backed_up(self, info: BackupInfo) -> None:
        self.backup_button.setEnabled(True)
        set_message(self.message, f"Backup written and checked: {info.path.name}.", "ok")
        self.refresh_backups()

    def _on_backup_failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        from hrdesk.ui.errors import show_error

        show_error(self, exc)

    def confirm_restore(self, backup: BackupInfo) -> bool:
        return confirm(
            self,
            "Restore this backup?",
            f"The vault will close and be replaced by the backup from {local_time(backup.taken)}.\n\n"
            "Changes made since then will no longer be in the vault. The current file is kept in the "
            "backups folder first, so nothing is lost for good. You will then type your passphrase to reopen it.",
            "Restore this backup", keep="Keep the current vault",
        )

    def restore_selected(self) -> None:
        backup = self.selected_backup()
        if backup is None or not self.confirm_restore(backup):
            return
        self._context.host.restore_backup(backup)

    def clear(self) -> None:
        if self.users_card is not None:
            self.model.set_backups([])
            self.users_card.clear()


