"""The Overview screen: facts about the vault file, its latest backup, and how far governance has got."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QScrollArea, QVBoxLayout, QWidget

from hrdesk.governance.status import STEPS, SuggestionStatus, suggestion_status
from hrdesk.ui import assets
from hrdesk.session import Kind
from hrdesk.ui.formatting import local_time, table_title
from hrdesk.ui.sections import SectionContext
from hrdesk.ui.widgets import Card, FactGrid, human_size, label, set_message
from hrdesk.vault import VaultFacts
from hrdesk.vault.backup import BackupInfo, backup_dir, list_backups

#: The cards show record counts, governance, retention settings and backups.
SHOWN_KINDS = (Kind.EMPLOYEES, Kind.TEAMS, Kind.PROTECTED, Kind.CYCLES, Kind.RATINGS, Kind.GOALS, Kind.FEEDBACK,
               Kind.CHECKINS, Kind.CONSENTS, Kind.AUDIT_RUNS, Kind.SETTINGS, Kind.GOVERNANCE, Kind.BACKUPS)


class OverviewView(QWidget):
    def __init__(self, context: SectionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self._context = context
        self._content: QWidget | None = None
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        context.events.watch(self, SHOWN_KINDS, self.refresh, name="overview")
        self.refresh()

    def refresh(self) -> None:
        vault = self._context.vault
        if vault.is_locked:
            self.clear()
            return
        content = QWidget()
        content.setObjectName("Page")
        page = QVBoxLayout(content)
        page.setContentsMargins(32, 28, 32, 28)
        page.setSpacing(16)
        facts = vault.facts()
        page.addWidget(label("Overview", "title"))
        page.addWidget(label("What this vault holds, how it is protected, and what is still to do before AI suggestions go live.", "muted", wrap=True))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.addWidget(governance_card(suggestion_status(vault)), 0, 0, 1, 2)
        grid.addWidget(vault_card(facts), 1, 0)
        grid.addWidget(self._records_card(facts), 1, 1)
        grid.addWidget(self._backup_card(facts), 2, 0)
        grid.addWidget(security_card(facts), 2, 1)
        page.addLayout(grid)
        page.addStretch(1)
        self.scroll.setWidget(content)  # the old content widget is deleted by the scroll area
        self._content = content

    def _records_card(self, facts: VaultFacts) -> Card:
        card = records_card(facts)
        if not facts.tables.get("employees"):
            # The first real task in a new vault: one click, not a hunt through the sidebar.
            button = QPushButton("Import your HRIS export…")
            button.setProperty("role", "primary")
            button.clicked.connect(self.open_import)
            card.body.insertWidget(card.body.count() - 1, button, 0, Qt.AlignmentFlag.AlignLeft)
            self.import_button = button
        return card

    def open_import(self) -> None:
        from hrdesk.ui.people_sections import open_import

        open_import(self._context, self)

    def _backup_card(self, facts: VaultFacts) -> Card:
        backups = list_backups(facts.path)
        card = backup_card(backups[0] if backups else None, len(backups), facts)
        button = QPushButton("Back up or restore…")
        button.clicked.connect(lambda: self._context.host.show_section("settings"))
        row = QHBoxLayout()
        row.addWidget(button)
        row.addStretch(1)
        card.body.addLayout(row)
        return card

    def clear(self) -> None:
        self.scroll.takeWidget()
        if self._content is not None:
            self._content.deleteLater()
            self._content = None


def governance_card(status: SuggestionStatus) -> Card:
    card = Card("Governance before AI suggestions")
    message = label("", wrap=True)
    if status.live:
        set_message(message, f"{status.headline}: {status.reason}.", "ok")
    else:
        set_message(message, f"{status.headline}. No suggestion reaches a manager until all six steps are signed off, in order.", "warn")
    card.body.addWidget(message)
    bar_row = QHBoxLayout()
    bar = QProgressBar()
    bar.setRange(0, len(STEPS))
    bar.setValue(status.steps_done)
    bar.setFixedHeight(8)
    bar.setTextVisible(False)
    bar_row.addWidget(bar, 1)
    bar_row.addSpacing(10)
    bar_row.addWidget(label(f"{status.steps_done} of {len(STEPS)} steps signed off", "muted"))
    card.body.addLayout(bar_row)
    steps = QGridLayout()
    steps.setHorizontalSpacing(10)
    steps.setVerticalSpacing(6)
    steps.setColumnStretch(2, 1)
    for number, title in enumerate(STEPS, start=1):
        done = number <= status.steps_done
        icon = QLabel()
        icon.setPixmap(assets.icon("check" if done else "pending").pixmap(16, 16))
        steps.addWidget(icon, number, 0)
        steps.addWidget(label(f"{number}.", "muted"), number, 1)
        text = label(title if done or number != status.steps_done + 1 else f"{title}  ← next", "" if done else "muted", wrap=True)
        steps.addWidget(text, number, 2)
    card.body.addLayout(steps)
    return card


def vault_card(facts: VaultFacts) -> Card:
    card = Card("This vault")
    grid = FactGrid()
    grid.add("Organisation", facts.org_name)
    grid.add("File", str(facts.path))
    grid.add("Size", human_size(facts.size_bytes))
    grid.add("Format version", str(facts.schema_version))
    grid.add("Created with", f"hrdesk {facts.created_with}")
    card.body.addLayout(grid)
    card.body.addStretch(1)
    return card


def records_card(facts: VaultFacts) -> Card:
    card = Card("Records")
    total = sum(facts.tables.values())
    number = QHBoxLayout()
    number.addWidget(label(f"{total:,}", "big-number"))
    number.addWidget(label("records in the vault", "muted"), 0, Qt.AlignmentFlag.AlignBottom)
    number.addStretch(1)
    card.body.addLayout(number)
    if not facts.tables:
        card.body.addWidget(label("No records yet. Employees arrive with the import from your HRIS export.", "muted", wrap=True))
    else:
        grid = FactGrid()
        for table, count in facts.tables.items():
            value = grid.add(table_title(table), f"{count:,}")
            value.setAlignment(Qt.AlignmentFlag.AlignLeft)
        card.body.addLayout(grid)
    card.body.addStretch(1)
    return card


def backup_card(latest: BackupInfo | None, count: int, facts: VaultFacts) -> Card:
    card = Card("Backups")
    if latest is None:
        message = label("", wrap=True)
        set_message(message, "No backup yet. One is taken when you close the vault after a change, or now from Settings.", "warn")
        card.body.addWidget(message)
    else:
        grid = FactGrid()
        grid.add("Latest", local_time(latest.taken))
        grid.add("Size", human_size(latest.size_bytes))
        grid.add("Kept", f"{count} backup{'s' if count != 1 else ''} in {backup_dir(facts.path)}")
        card.body.addLayout(grid)
    card.body.addStretch(1)
    return card


def security_card(facts: VaultFacts) -> Card:
    card = Card("Encryption")
    kdf = facts.kdf
    grid = FactGrid()
    grid.add("Records", "AES-256-GCM, each bound to its table and row")
    grid.add("Passphrase", f"Argon2id, {_memory(kdf.memory_kib)} memory, {kdf.iterations} passes, {kdf.lanes} lane{'s' if kdf.lanes != 1 else ''}")
    card.body.addLayout(grid)
    if not kdf.meets_minimum:
        note = label("", wrap=True)
        set_message(note, "The key-derivation settings are below the recommended minimum (test settings). "
                    "Change the passphrase to strengthen them.", "warn")
        card.body.addWidget(note)
    card.body.addStretch(1)
    return card


def _memory(kib: int) -> str:
    return f"{kib // 1024} MiB" if kib >= 1024 else f"{kib} KiB"
