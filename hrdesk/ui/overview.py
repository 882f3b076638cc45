"""The Overview screen: what matters to an HR person first — people, teams, review cycles, the
last import, audit and backup, and how far governance has got — with the technical facts about
the vault file and its encryption one click away.

Counting people (active and leavers) decrypts every employee record, and the
last import and audit come from the audit log, so the facts are read on the
task runner's read pool; the screen shows "Reading…" until they arrive.
"""

from __future__ import annotations

from collections.abc import Callable

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hrdesk.governance.status import STEPS, SuggestionStatus, suggestion_status
from hrdesk.progress import Progress
from hrdesk.session import Changes, Kind
from hrdesk.ui import assets
from hrdesk.ui.audit_words import action_words
from hrdesk.ui.formatting import local_time, table_title
from hrdesk.ui.sections import SectionContext
from hrdesk.ui.widgets import Card, FactGrid, human_size, label, plural, set_message
from hrdesk.vault import AuditEntry, VaultFacts
from hrdesk.vault.backup import BackupInfo, backup_dir, list_backups

if TYPE_CHECKING:
    from hrdesk.records.types import RecordCounts
    from hrdesk.letters.log import DisclosureSummary
    from hrdesk.vault import Vault

#: The cards show record counts, governance, retention settings and backups.
SHOWN_KINDS = (Kind.EMPLOYEES, Kind.TEAMS, Kind.PROTECTED, Kind.CYCLES, Kind.RATINGS, Kind.GOALS, Kind.FEEDBACK,
               Kind.CHECKINS, Kind.CONSENTS, Kind.AUDIT_RUNS, Kind.SETTINGS, Kind.GOVERNANCE, Kind.BACKUPS, Kind.KEYS,
               Kind.LETTERS, Kind.MONITORING)


@dataclass(frozen=True)
class OverviewFacts:
    """Everything the Overview shows, read in one go off the UI thread."""

    facts: VaultFacts
    counts: RecordCounts | None  # None: no employee has been imported yet
    last_import: AuditEntry | None
    last_audit: AuditEntry | None
    backups: list[BackupInfo]
    status: SuggestionStatus
    disclosures: "DisclosureSummary | None" = None  # who has a current, stale or no AI-use disclosure
    open_alerts: tuple = ()  # monitoring alerts not yet handled (hrdesk.monitoring.model.Alert), HR and auditors


def read_overview(vault: Vault) -> OverviewFacts:
    """Worker-thread half: counts, the latest import and audit from the log, backups, governance."""
    from hrdesk.records import Records, tables

    facts = vault.facts()
    counts = Records(vault).counts() if facts.tables.get(tables.EMPLOYEES) else None
    last_import = last_audit = None
    entries = vault.audit_entries() if vault.can_read_audit_log else []  # a manager cannot read the log
    for entry in reversed(entries):
        if last_import is None and entry.action.startswith("import."):
            last_import = entry
        if last_audit is None and entry.action == "audit.run":
            last_audit = entry
        if last_import is not None and last_audit is not None:
            break
    disclosures = None
    if counts is not None and vault.can_read_audit_log and vault.holds_org_key:  # the disclosure status reads the whole log
        from hrdesk.letters.log import disclosure_status

        records = Records(vault)
        disclosures = disclosure_status(vault, records.employees.list(), {t.id: t.manager_name for t in records.teams.list()})
    open_alerts: tuple = ()
    if vault.can_read_audit_log:  # HR and auditors hold the key monitoring is kept under
        from hrdesk.monitoring.query import alerts

        open_alerts = tuple(alerts(vault, open_only=True))
    return OverviewFacts(facts, counts, last_import, last_audit, list_backups(facts.path), suggestion_status(vault),
                         disclosures, open_alerts)


class OverviewView(QWidget):
    loaded = Signal()  # the facts are on screen (tests wait on it)

    def __init__(self, context: SectionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self._context = context
        self._content: QWidget | None = None
        self._cards: list[QWidget] = []
        self._generation = 0
        self.loading = False
        self.import_button: QPushButton | None = None
        self.technical_shown = False
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        context.events.watch(self, SHOWN_KINDS, self._on_changes, name="overview", pass_changes=True)
        self.refresh()

    def _on_changes(self, changes: Changes) -> None:
        """The cards show counts, governance, backups and keys: an edit in place changes none of them."""
        if changes.counts_changed or changes.touches(Kind.GOVERNANCE, Kind.BACKUPS, Kind.KEYS):
            self.refresh()

    def refresh(self) -> None:
        vault = self._context.vault
        if vault.is_locked:
            self.clear()
            return
        self._generation += 1
        generation = self._generation
        self.loading = True
        if self._content is None:
            self._show_reading()

        def work(_progress: Progress) -> OverviewFacts:
            return read_overview(vault)

        self._context.runner.run(work, label="Reading the overview…", writes=False, show_progress=False,
                                 parent=self, on_success=lambda result: self._loaded(generation, result),
                                 on_failure=lambda exc: self._failed(generation, exc))

    def _show_reading(self) -> None:
        self._cards = []
        page = QWidget()
        page.setObjectName("Page")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(label("Overview", "title"))
        layout.addWidget(label("Reading…", "muted"))
        layout.addStretch(1)
        self._set_content(page)

    def _loaded(self, generation: int, result: OverviewFacts) -> None:
        if generation != self._generation or self._context.vault.is_locked or not _alive(self):
            return
        self.loading = False
        self._set_content(self._build(result))
        self.loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation or not _alive(self):
            return
        self.loading = False
        session = self._context.session
        if not session.is_open or session.is_locked:  # locked or closed while reading: nothing to report
            self.clear()
            return
        from hrdesk.ui.errors import show_error

        show_error(self, exc)

    def _set_content(self, content: QWidget) -> None:
        self.scroll.setWidget(content)  # the old content widget is deleted by the scroll area
        self._content = content

    def _build(self, result: OverviewFacts) -> QWidget:
        content = QWidget()
        content.setObjectName("Page")
        page = QVBoxLayout(content)
        page.setContentsMargins(32, 28, 32, 28)
        page.setSpacing(16)
        page.addWidget(label("Overview", "title"))
        page.addWidget(label("Your people, what happened last, and what is still to do before AI suggestions go live.",
                             "muted", wrap=True))
        if result.open_alerts:
            page.addWidget(self._alerts_card(result.open_alerts))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        self._grid = grid
        self._cards = [self._people_card(result.counts, result.disclosures)]
        is_hr = self._context.session.actor.role.value == "admin"
        if is_hr:  # imports, audits and backups are HR's to do
            self._cards.append(self._activity_card(result))
        to_governance = (lambda: self._context.host.show_section("governance")) if is_hr else None
        self._governance = governance_card(result.status, to_governance)
        self._columns = 0
        self._arrange(self._fitting_columns())
        page.addLayout(grid)
        self.technical_button = QPushButton("Show technical details")
        self.technical_button.setCheckable(True)
        self.technical_button.setToolTip("The vault file, its format, record counts per table and its encryption")
        self.technical = technical_card(result.facts)
        self.technical.setVisible(self.technical_shown)
        self.technical_button.setChecked(self.technical_shown)
        self.technical_button.toggled.connect(self._toggle_technical)
        self._toggle_technical(self.technical_shown)
        row = QHBoxLayout()
        row.addWidget(self.technical_button)
        row.addStretch(1)
        page.addLayout(row)
        page.addWidget(self.technical)
        page.addStretch(1)
        return content

    def _fitting_columns(self) -> int:
        """Two cards side by side when both fit at their minimum width, else one above the other."""
        if len(self._cards) < 2:
            return 1
        need = sum(card.minimumSizeHint().width() for card in self._cards) + 16 + 64 + 16  # gap, margins, bar
        return 2 if self.scroll.viewport().width() >= need or not self.isVisible() and self.width() >= need else 1

    def _arrange(self, columns: int) -> None:
        """Lay the cards out in ``columns`` columns (the window is narrow or the text large: one)."""
        if columns == self._columns:
            return
        self._columns = columns
        for widget in (*self._cards, self._governance):
            self._grid.removeWidget(widget)
        for index, card in enumerate(self._cards):
            self._grid.addWidget(card, index // columns, index % columns)
        rows = (len(self._cards) + columns - 1) // columns
        self._grid.addWidget(self._governance, rows, 0, 1, columns)
        for column in range(2):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if getattr(self, "_cards", None) and _alive(self._cards[0]):
            self._arrange(self._fitting_columns())

    def _toggle_technical(self, shown: bool) -> None:
        self.technical_shown = shown
        self.technical.setVisible(shown)
        self.technical_button.setText("Hide technical details" if shown else "Show technical details")

    def _alerts_card(self, open_alerts: tuple) -> Card:
        """Open monitoring alerts first: a breach of step 6's thresholds waits for HR (hrdesk.monitoring)."""
        card = Card(f"Monitoring alerts: {len(open_alerts)} open")
        for alert in open_alerts[:3]:
            line = label(alert.sentence(), "message", wrap=True, selectable=True)
            line.setProperty("state", "warn")
            card.body.addWidget(line)
        if len(open_alerts) > 3:
            card.body.addWidget(label(f"and {len(open_alerts) - 3} more.", "muted"))
        button = QPushButton("Open &Monitoring")
        button.setToolTip("Read the alerts and record how each was handled")
        button.clicked.connect(lambda: self._context.host.show_section("monitoring"))
        row = QHBoxLayout()
        row.addWidget(button)
        row.addStretch(1)
        card.body.addLayout(row)
        return card

    def _people_card(self, counts: RecordCounts | None, disclosures: "DisclosureSummary | None" = None) -> Card:
        card = Card("Your organisation")
        if counts is None:
            card.body.addWidget(label("No records yet. Employees arrive with the import from your HRIS export.",
                                      "muted", wrap=True))
            button = QPushButton("Import your HRIS export…")
            button.setProperty("role", "primary")
            button.clicked.connect(self.open_import)
            card.body.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.import_button = button  # the first real task in a new vault: one click, not a hunt
            card.body.addStretch(1)
            return card
        numbers = QGridLayout()
        numbers.setHorizontalSpacing(24)
        for column, (value, text) in enumerate(((counts.active_employees, "people employed"),
                                                (counts.teams, "teams"), (counts.review_cycles, "review cycles"))):
            numbers.addWidget(label(f"{value:,}", "big-number"), 0, column)
            numbers.addWidget(label(text, "muted", wrap=True), 1, column)
        card.body.addLayout(numbers)
        notes = []
        if counts.leavers:
            notes.append(f"{plural(counts.leavers, 'person has', 'people have')} left; their records are kept until "
                         "the retention period ends.")
        if counts.opted_out_of_ai:
            notes.append(f"{plural(counts.opted_out_of_ai, 'person has', 'people have')} opted out of AI processing.")
        if counts.ratings:
            notes.append(f"{plural(counts.ratings, 'rating')}, {plural(counts.checkins, 'well-being check-in')}.")
        for note in notes:
            card.body.addWidget(label(note, "muted", wrap=True))
        if disclosures is not None:
            self.disclosure_line = label(
                f"AI-use disclosures: {disclosures.current:,} current, {disclosures.stale:,} stale, "
                f"{disclosures.missing:,} with none (new hires included).", "muted", wrap=True)
            card.body.addWidget(self.disclosure_line)
        button = QPushButton("Show employees")
        button.clicked.connect(lambda: self._context.host.show_section("employees"))
        card.body.addStretch(1)
        card.body.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        return card

    def _activity_card(self, result: OverviewFacts) -> Card:
        card = Card("Last done")
        grid = FactGrid()
        if result.last_import is not None:
            entry = result.last_import
            grid.add("Last import", f"{local_time(entry.time)}: {action_words(entry.action).lower()} from "
                                    f"{entry.target or 'a file'} ({entry.actor})")
        else:
            grid.add("Last import", "No import yet")
        if result.last_audit is not None:
            entry = result.last_audit
            findings = entry.details.get("findings") if isinstance(entry.details, dict) else None
            found = f", {plural(int(findings), 'finding')}" if isinstance(findings, int) else ""
            grid.add("Last audit", f"{local_time(entry.time)} ({entry.actor}{found})")
        else:
            grid.add("Last audit", "No bias audit yet")
        card.body.addLayout(grid)
        if result.backups:
            latest = result.backups[0]
            grid.add("Last backup", f"{local_time(latest.taken)} ({plural(len(result.backups), 'backup')} kept)")
        else:
            message = label("", wrap=True)
            set_message(message, "No backup yet. One is taken when you close the vault after a change, or now "
                                 "from Settings.", "warn")
            card.body.addWidget(message)
        buttons = QHBoxLayout()
        audits = QPushButton("Go to Audits")
        audits.clicked.connect(lambda: self._context.host.show_section("audits"))
        backup = QPushButton("Back up or restore…")
        backup.clicked.connect(lambda: self._context.host.show_section("settings"))
        buttons.addWidget(audits)
        buttons.addWidget(backup)
        buttons.addStretch(1)
        card.body.addStretch(1)
        card.body.addLayout(buttons)
        return card

    def open_import(self) -> None:
        from hrdesk.ui.people_sections import open_import

        open_import(self._context, self)

    def clear(self) -> None:
        self._cards = []
        self._generation += 1
        self.loading = False
        self.scroll.takeWidget()
        if self._content is not None:
            self._content.deleteLater()
            self._content = None


def governance_card(status: SuggestionStatus, open_governance: "Callable[[], None] | None" = None) -> Card:
    card = Card("Governance before AI suggestions")
    message = label("", wrap=True)
    if status.live:
        set_message(message, f"{status.headline}: {status.reason}.", "ok")
    elif status.reopened:
        set_message(message, f"{status.headline}: governance {status.reopened}.", "warn")
    else:
        set_message(message, f"{status.headline}. No suggestion reaches a manager until all six steps are signed off, in order.", "warn")
    card.body.addWidget(message)
    bar_row = QHBoxLayout()
    bar = QProgressBar()
    bar.setRange(0, len(STEPS))
    bar.setValue(status.steps_done)
    bar.setFixedHeight(8)
    bar.setTextVisible(False)
    bar.setAccessibleName(f"{status.steps_done} of {len(STEPS)} governance steps signed off")
    bar_row.addWidget(bar, 1)
    bar_row.addSpacing(10)
    bar_row.addWidget(label(f"{status.steps_done} of {len(STEPS)} steps signed off", "muted"))
    card.body.addLayout(bar_row)
    steps = QGridLayout()
    steps.setHorizontalSpacing(10)
    steps.setVerticalSpacing(6)
    steps.setColumnStretch(2, 1)
    size = max(16, QLabel().fontMetrics().height())
    for number, title in enumerate(STEPS, start=1):
        done = number <= status.steps_done
        icon = QLabel()
        icon.setPixmap(assets.icon("check" if done else "pending").pixmap(size, size))
        icon.setAccessibleName("done" if done else "to do")
        steps.addWidget(icon, number, 0, Qt.AlignmentFlag.AlignTop)
        steps.addWidget(label(f"{number}.", "muted"), number, 1, Qt.AlignmentFlag.AlignTop)
        text = label(title if done or number != status.steps_done + 1 else f"{title}  ← next", "" if done else "muted", wrap=True)
        steps.addWidget(text, number, 2)
    card.body.addLayout(steps)
    if open_governance is not None:
        row = QHBoxLayout()
        title = STEPS[status.next_step - 1] if status.next_step else ""
        button = QPushButton(f"Go to step {status.next_step}: {title}" if status.next_step else "Open Governance")
        button.setAccessibleName(button.text())
        button.clicked.connect(open_governance)
        row.addWidget(button)
        row.addStretch(1)
        card.body.addLayout(row)
    return card


def technical_card(facts: VaultFacts) -> Card:
    """The vault file, its format, its records per table and its encryption: for the curious and for support."""
    card = Card("Technical details")
    grid = FactGrid()
    grid.add("Organisation", facts.org_name)
    grid.add("File", str(facts.path))
    grid.add("Size", human_size(facts.size_bytes))
    grid.add("Format version", str(facts.schema_version))
    grid.add("Created with", f"hrdesk {facts.created_with}")
    grid.add("Backups folder", str(backup_dir(facts.path)))
    kdf = facts.kdf
    grid.add("Records", "AES-256-GCM, each bound to its table and row")
    grid.add("Passphrase", f"Argon2id, {_memory(kdf.memory_kib)} memory, {plural(kdf.iterations, 'pass', 'passes')}, "
                           f"{plural(kdf.lanes, 'lane')}")
    total = sum(facts.tables.values())
    grid.add("Stored rows", f"{total:,} in total" if facts.tables else "none yet")
    for table, count in facts.tables.items():
        grid.add(f"   {table_title(table)}", f"{count:,}")
    card.body.addLayout(grid)
    if not kdf.meets_minimum:
        note = label("", wrap=True)
        set_message(note, "The key-derivation settings are below the recommended minimum (test settings). "
                    "Change the passphrase in Settings to strengthen them.", "warn")
        card.body.addWidget(note)
    return card


def _memory(kib: int) -> str:
    return f"{kib // 1024} MiB" if kib >= 1024 else f"{kib} KiB"


def _alive(widget: QWidget) -> bool:
    from shiboken6 import isValid

    return isValid(widget)
