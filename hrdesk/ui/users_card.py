"""Settings → Users (HR only): who may sign in, as what; add a manager by picking their employee
record, add an auditor, reset a passphrase, remove a user.

The card only asks; the rules (HR only, not the last HR user, passphrase policy)
are the session's, and its refusals are shown as they come.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QWidget,
)

from hrdesk.errors import InvalidInputError
from hrdesk.session import Kind
from hrdesk.session.accounts import UserRow
from hrdesk.ui.sections import SectionContext
from hrdesk.ui.table_model import ListTableModel
from hrdesk.ui.widgets import Card, confirm, data_table, label, set_message

UserItemRole = Qt.ItemDataRole.UserRole + 1


class UsersModel(ListTableModel):
    COLUMNS = ("Name", "Role", "Teams")
    ITEM_ROLE = UserItemRole

    def cells(self, item: UserRow) -> tuple[str, ...]:
        return (item.name, item.role, ", ".join(item.teams) or ("—" if item.role == "manager" else ""))


class UserDialog(QDialog):
    """A user's name (or their employee record, for a manager) and a passphrase typed twice."""

    def __init__(self, title: str, parent: QWidget | None, *, employees: list[tuple[str, str]] | None = None,
                 fixed_name: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.employee = None
        self.name = QLineEdit(fixed_name)
        self.name.setAccessibleName("User name")
        if employees is not None:
            self.employee = QComboBox()
            self.employee.setAccessibleName("Employee record")
            for record_id, name in employees:
                self.employee.addItem(name, record_id)
            self.employee.currentIndexChanged.connect(lambda _i: self.name.setText(self.employee.currentText()))
            form.addRow("Employee record", self.employee)
            self.name.setText(self.employee.currentText())
        if fixed_name:
            self.name.setReadOnly(True)
        form.addRow("User name", self.name)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName("Repeat the passphrase")
        form.addRow("Passphrase", self.passphrase)
        form.addRow("Repeat it", self.repeat)
        self.error = label("", wrap=True)
        self.error.setVisible(False)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def employee_id(self) -> str:
        return str(self.employee.currentData() or "") if self.employee is not None else ""

    def _accept(self) -> None:
        if not " ".join(self.name.text().split()):
            set_message(self.error, "Give the user a name.", "bad")
        elif self.passphrase.text() != self.repeat.text():
            set_message(self.error, "The two passphrases differ.", "bad")
        elif not self.passphrase.text():
            set_message(self.error, "Type a passphrase for them.", "bad")
        else:
            self.accept()


class UsersCard(Card):
    def __init__(self, context: SectionContext) -> None:
        super().__init__("Users")
        self._context = context
        self.body.addWidget(label(
            "Who may open this vault. A manager sees only their own team (the team the import built from the manager "
            "column), enforced by encryption; an auditor reads governance, saved audits and the audit log, no "
            "individual records. Removing a user replaces every key they held.", "muted", wrap=True))
        row = QHBoxLayout()
        self.add_manager_button = QPushButton("Add a manager…")
        self.add_manager_button.clicked.connect(self.add_manager)
        self.add_auditor_button = QPushButton("Add an auditor…")
        self.add_auditor_button.clicked.connect(self.add_auditor)
        self.reset_button = QPushButton("Reset passphrase…")
        self.reset_button.clicked.connect(self.reset_selected)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_manager_button, self.add_auditor_button, self.reset_button, self.remove_button):
            button.setAccessibleName(button.text().rstrip("…"))
            row.addWidget(button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.message = label("", wrap=True)
        self.message.setVisible(False)
        self.body.addWidget(self.message)
        self.model = UsersModel(self)
        self.table = data_table(min_height=140, name="Users")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.body.addWidget(self.table)
        context.events.watch(self, (Kind.KEYS, Kind.TEAMS), self.refresh, name="users")
        self.refresh()

    def refresh(self) -> None:
        self.model.set_items(self._context.session.users())
        self._update_buttons()

    def selected(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(UserItemRole) if rows else None

    def _update_buttons(self) -> None:
        user = self.selected()
        self.reset_button.setEnabled(user is not None and user.role != "HR")
        self.remove_button.setEnabled(user is not None and user.id != self._context.session.actor.id)

    def _run(self, work, done: str) -> None:  # noqa: ANN001 - a session call
        def finished(_result: object) -> None:
            set_message(self.message, done, "ok")
            self.refresh()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, InvalidInputError) or hasattr(exc, "message"):
                set_message(self.message, f"{exc.message} {exc.hint}".strip(), "bad")  # type: ignore[attr-defined]
                return
            from hrdesk.ui.errors import show_error

            show_error(self, exc)

        self._context.runner.run(lambda _p: work(), label="Updating users…", parent=self, show_progress=False,
                                 on_success=finished, on_failure=failed)

    def add_manager(self) -> None:
        employees = sorted(((e.id, str(e.name or e.employee_id)) for e in self._context.session.records().employees.list()),
                           key=lambda pair: pair[1].casefold())
        dialog = UserDialog("Add a manager", self, employees=employees)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, passphrase, employee_id = dialog.name.text(), dialog.passphrase.text(), dialog.employee_id()
        session = self._context.session
        self._run(lambda: session.add_user(name, "manager", passphrase, employee_id=employee_id),
                  f"Added {name} as a manager.")

    def add_auditor(self) -> None:
        dialog = UserDialog("Add an auditor", self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, passphrase = dialog.name.text(), dialog.passphrase.text()
        session = self._context.session
        self._run(lambda: session.add_user(name, "auditor", passphrase), f"Added {name} as an auditor.")

    def reset_selected(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = UserDialog(f"Reset the passphrase of {user.name}", self, fixed_name=user.name)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        passphrase = dialog.passphrase.text()
        session = self._context.session
        self._run(lambda: session.reset_user_passphrase(user.id, passphrase),
                  f"{user.name}'s passphrase was reset: the old one no longer opens this vault.")

    def remove_selected(self) -> None:
        user = self.selected()
        if user is None or not confirm(
            self, f"Remove {user.name}?",
            f"{user.name} will no longer be able to sign in. Every key they held is replaced, and the records "
            "under those keys are re-encrypted, so a copy of the vault they kept reads nothing written from now on.",
            "Remove", keep="Keep them",
        ):
            return
        session = self._context.session
        self._run(lambda: session.remove_user(user.id), f"Removed {user.name}.")

    def clear(self) -> None:
        self.model.set_items([])
