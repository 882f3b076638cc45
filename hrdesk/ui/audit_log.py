"""The Audit log screen: every entry of the vault's hash-chained log, filterable,
with the chain's verification result above it.

Reading every entry and re-checking the chain decrypts the whole log, which
grows with the vault's life; both run on the task runner's read pool, and the
view says "Checking the chain…" until the result arrives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hrdesk.errors import HrdeskError, VaultLockedError
from hrdesk.progress import Progress
from hrdesk.session import Kind
from hrdesk.ui.errors import show_error
from hrdesk.ui.formatting import details_text, local_time
from hrdesk.ui.sections import SectionContext
from hrdesk.ui.table_model import ALIGN_RIGHT, Index, ListTableModel
from hrdesk.ui.widgets import data_table, label, set_message
from hrdesk.vault.auditlog import AuditEntry, ChainReport

if TYPE_CHECKING:
    from hrdesk.vault import Vault

EntryRole = Qt.ItemDataRole.UserRole + 1  # the AuditEntry
ActionRole = Qt.ItemDataRole.UserRole + 2  # its action, e.g. "vault.created"
SortRole = Qt.ItemDataRole.UserRole + 3  # a value that sorts correctly (seq, ISO time)

COLUMNS = ("#", "Time", "Who", "Action", "Target", "Details")
ALL_ACTIONS = ""


class AuditLogModel(ListTableModel):
    """One row per audit entry; the tooltip of the time column is the exact ISO time."""

    COLUMNS = COLUMNS
    ITEM_ROLE = EntryRole

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.set_items(entries)

    def entries(self) -> list[AuditEntry]:
        return self.items()

    def display(self, item: AuditEntry, column: int) -> str:
        return self._text(item, column)

    def tooltip(self, item: AuditEntry, column: int) -> str:
        return self._text(item, column, tooltip=True)

    def role_data(self, item: AuditEntry, column: int, role: int) -> object:
        if role == SortRole:
            return item.seq if column == 0 else item.time if column == 1 else self._text(item, column)
        if role == ActionRole:
            return item.action
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return ALIGN_RIGHT
        return None

    @staticmethod
    def _text(entry: AuditEntry, column: int, *, tooltip: bool = False) -> str:
        if column == 0:
            return str(entry.seq)
        if column == 1:
            return entry.time if tooltip else local_time(entry.time)
        if column == 2:
            return entry.actor
        if column == 3:
            return entry.action
        if column == 4:
            return entry.target
        return details_text(entry.details)


class AuditFilterProxy(QSortFilterProxyModel):
    """Filters by free text (any column) and by action prefix ("vault", "import.employees")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._prefix = ALL_ACTIONS
        self.setSortRole(SortRole)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange()

    def set_action_prefix(self, prefix: str) -> None:
        self.beginFilterChange()
        self._prefix = prefix
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        action = str(model.index(source_row, 0, source_parent).data(ActionRole) or "")
        if self._prefix and not (action == self._prefix or action.startswith(self._prefix + ".")):
            return False
        if not self._text:
            return True
        return any(
            self._text in str(model.index(source_row, column, source_parent).data() or "").casefold()
            for column in range(model.columnCount(source_parent))
        )


def action_prefixes(entries: list[AuditEntry]) -> list[tuple[str, int]]:
    """The distinct first parts of the actions ("vault" of "vault.created"), with counts."""
    counts: dict[str, int] = {}
    for entry in entries:
        head = entry.action.split(".", 1)[0]
        counts[head] = counts.get(head, 0) + 1
    return sorted(counts.items())


CHECKING = "Checking the chain…"


def read_log(vault: "Vault") -> tuple[list[AuditEntry], ChainReport]:
    """Worker-thread half of a refresh: every entry, and the chain's verdict."""
    return vault.audit_entries(), vault.verify_audit_chain()


class AuditLogView(QWidget):
    loaded = Signal()  # entries and chain verdict shown (tests wait on it)

    def __init__(self, context: SectionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self._context = context
        self._generation = 0  # bumped by every refresh and clear: late results are dropped
        self.loading = False
        self.model = AuditLogModel(self)
        self.proxy = AuditFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(12)
        layout.addWidget(label("Audit log", "title"))
        layout.addWidget(label("Every change to this vault: who made it, when, and to what. Entries are chained "
                               "together, so altering or removing one afterwards is detected.", "muted", wrap=True))
        self.chain = label("", wrap=True)
        layout.addWidget(self.chain)
        layout.addLayout(self._filters())
        self.table = data_table()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        layout.addWidget(self.table, 1)
        context.events.watch(self, (Kind.AUDIT_LOG,), self.refresh, name="audit log")
        self.refresh()

    def _filters(self) -> QHBoxLayout:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by text (who, action, target, details)…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_text)
        self.actions = QComboBox()
        self.actions.setMinimumWidth(180)
        self.actions.currentIndexChanged.connect(self._on_action)
        self.count = label("", "muted")
        self.verify_button = QPushButton("Check the chain again")
        self.verify_button.clicked.connect(self.refresh)
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(self.search, 2)
        row.addWidget(self.actions)
        row.addWidget(self.count)
        row.addStretch(1)
        row.addWidget(self.verify_button)
        return row

    def refresh(self) -> None:
        """Read and verify in the background; the entries shown stay until the new ones arrive."""
        vault = self._context.vault
        if vault.is_locked:
            self.clear()
            return
        self._generation += 1
        generation = self._generation
        self.loading = True
        self.verify_button.setEnabled(False)
        set_message(self.chain, CHECKING, "info")

        def work(_progress: Progress) -> tuple[list[AuditEntry], ChainReport]:
            return read_log(vault)

        self._context.runner.run(
            work, label="Checking the audit log…", writes=False, show_progress=False, parent=self,
            on_success=lambda result: self._on_loaded(generation, result),
            on_failure=lambda exc: self._on_failed(generation, exc),
        )

    def _current(self, generation: int) -> bool:
        """Whether a result still belongs on screen (not superseded, not locked, view alive)."""
        return generation == self._generation and not self._context.vault.is_locked and _alive(self)

    def _on_loaded(self, generation: int, result: tuple[list[AuditEntry], ChainReport]) -> None:
        if not self._current(generation):
            return
        entries, report = result
        self.loading = False
        self.verify_button.setEnabled(True)
        self.model.set_entries(entries)
        self.show_chain(report)
        self._fill_actions()
        self.table.resizeColumnsToContents()
        self._update_count()
        self.loaded.emit()

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if not _alive(self) or generation != self._generation:
            return
        self.loading = False
        self.verify_button.setEnabled(True)
        if isinstance(exc, VaultLockedError) or self._context.vault.is_locked:
            self.clear()
            return
        if isinstance(exc, HrdeskError):  # e.g. a damaged vault: said where the verdict goes
            set_message(self.chain, f"The audit log could not be read. {exc.message} {exc.hint}".strip(), "bad")
            self.loaded.emit()
            return
        show_error(self, exc)

    def show_chain(self, report: ChainReport) -> None:
        set_message(self.chain, report.summary(), "ok" if report.ok else "bad")

    def _fill_actions(self) -> None:
        current = self.actions.currentData() or ALL_ACTIONS
        self.actions.blockSignals(True)
        self.actions.clear()
        self.actions.addItem("All actions", ALL_ACTIONS)
        for prefix, count in action_prefixes(self.model.entries()):
            self.actions.addItem(f"{prefix} ({count})", prefix)
        self.actions.setCurrentIndex(max(0, self.actions.findData(current)))
        self.actions.blockSignals(False)
        self.proxy.set_action_prefix(self.actions.currentData() or ALL_ACTIONS)

    def _on_text(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _on_action(self, _index: int) -> None:
        self.proxy.set_action_prefix(self.actions.currentData() or ALL_ACTIONS)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{total} entries" if shown == total else f"{shown} of {total} entries")

    def clear(self) -> None:
        """Drop every decrypted value (the window calls this before locking)."""
        self._generation += 1  # a result still on its way is not shown
        self.loading = False
        self.verify_button.setEnabled(True)
        self.model.clear()
        self.actions.clear()
        self.search.clear()
        self.chain.clear()
        self.count.clear()


def _alive(widget: QWidget) -> bool:
    """False once Qt has deleted the widget (a locked window throws its views away)."""
    from shiboken6 import isValid

    return isValid(widget)
