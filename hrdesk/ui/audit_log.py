"""The Audit log screen: every entry of the vault's hash-chained log in words, with the chain's
verdict above it, filters (text, kind of action, date range), the selected entry's details in a
pane, and export to CSV or PDF of what is shown.

Reading every entry and re-checking the chain decrypts the whole log, which
grows with the vault's life; both run on the task runner's read pool (with
the people and cycles the entries name, as far as this user may see them),
and the view says "Checking the chain…" until the result arrives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hrdesk.errors import HrdeskError, InvalidInputError, VaultLockedError
from hrdesk.progress import Progress
from hrdesk.session import Kind
from hrdesk.ui.audit_words import DescribedEntry, count_text, describe
from hrdesk.ui.errors import show_error
from hrdesk.ui.formatting import date_format, local_time, moment_date
from hrdesk.ui.sections import SectionContext
from hrdesk.ui.table_model import ALIGN_RIGHT, Index, ListTableModel
from hrdesk.ui.widgets import data_table, label, labelled, search_field, set_message
from hrdesk.vault.auditlog import ChainReport

if TYPE_CHECKING:
    from hrdesk.vault import Vault

EntryRole = Qt.ItemDataRole.UserRole + 1  # the DescribedEntry
ActionRole = Qt.ItemDataRole.UserRole + 2  # its event code, e.g. "vault.created"
SortRole = Qt.ItemDataRole.UserRole + 3  # a value that sorts correctly (seq, ISO time)

COLUMNS = ("#", "Time", "Who", "Action", "Target")
ALL_ACTIONS = ""

#: first part of an event code -> the kind of action, in words (the filter's choices)
GROUP_WORDS = {
    "vault": "Vault and passphrases",
    "import": "Imports",
    "employee": "Changes to employees",
    "employees": "Changes to employees",
    "consent": "Consent and opt-outs",
    "consents": "Consent and opt-outs",
    "export": "Exports",
    "protected_attributes": "Reading protected attributes",
    "retention": "Retention and deletion",
    "audit": "Bias audits",
    "governance": "Governance",
    "purposes": "Declared purposes",
    "scale": "Rating scales",
    "review_cycles": "Review cycles",
    "demo": "Demo",
    "letters": "Letters",
}


def group_words(head: str) -> str:
    return GROUP_WORDS.get(head, head.replace("_", " ").capitalize())


class AuditLogModel(ListTableModel):
    """One row per audit entry, in words; the tooltip of the time column is the exact stored time."""

    COLUMNS = COLUMNS
    ITEM_ROLE = EntryRole

    def set_entries(self, entries: list[DescribedEntry]) -> None:
        self.set_items(entries)

    def entries(self) -> list[DescribedEntry]:
        return self.items()

    def display(self, item: DescribedEntry, column: int) -> str:
        return (str(item.seq), local_time(item.time), item.who, item.action, item.target)[column]

    def tooltip(self, item: DescribedEntry, column: int) -> str:
        return item.time if column == 1 else self.display(item, column)

    def role_data(self, item: DescribedEntry, column: int, role: int) -> object:
        if role == SortRole:
            return item.seq if column == 0 else item.time if column == 1 else self.display(item, column)
        if role == ActionRole:
            return item.code
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return ALIGN_RIGHT
        return None


class AuditFilterProxy(QSortFilterProxyModel):
    """Filters by free text (words and details), by kind of action (code prefix) and by date range."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._prefix = ALL_ACTIONS
        self._first: dt.date | None = None
        self._last: dt.date | None = None
        self.setSortRole(SortRole)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange()

    def set_action_prefix(self, prefix: str) -> None:
        self.beginFilterChange()
        self._prefix = prefix
        self.endFilterChange()

    def set_dates(self, first: dt.date | None, last: dt.date | None) -> None:
        """Entries from ``first`` to ``last`` inclusive, in local dates (None: open-ended)."""
        self.beginFilterChange()
        self._first, self._last = first, last
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        entry: DescribedEntry = model.index(source_row, 0, source_parent).data(EntryRole)
        if entry is None:
            return False
        code = entry.code
        if self._prefix and not (code == self._prefix or code.startswith(self._prefix + ".")):
            return False
        if self._first is not None or self._last is not None:
            day = moment_date(entry.time)
            if day is None or (self._first and day < self._first) or (self._last and day > self._last):
                return False
        if not self._text:
            return True
        haystack = " ".join((str(entry.seq), local_time(entry.time), entry.who, entry.action, entry.target,
                             entry.details_line(), code)).casefold()
        return self._text in haystack


def action_prefixes(entries: list[DescribedEntry]) -> list[tuple[str, int]]:
    """The distinct first parts of the event codes ("vault" of "vault.created"), with counts."""
    counts: dict[str, int] = {}
    for entry in entries:
        head = entry.code.split(".", 1)[0]
        counts[head] = counts.get(head, 0) + 1
    return sorted(counts.items(), key=lambda item: group_words(item[0]))


CHECKING = "Checking the chain…"


@dataclass(frozen=True)
class LogSnapshot:
    """What one background read hands the screen: every entry in words, and the chain's verdict."""

    entries: list[DescribedEntry]
    report: ChainReport


def _namer(vault: Vault):  # type: ignore[no-untyped-def]
    """Names for the ids entries point at (people, review cycles), as far as this user may read them."""
    from hrdesk.records import tables

    names: dict[str, str] = {}
    existing = vault.tables()  # reading only: nothing is created from the read pool
    for table, shown in ((tables.EMPLOYEES, "{}"), (tables.CYCLES, "review cycle {}")):
        if table not in existing:
            continue
        try:
            for row in vault.rows(table):
                if row.payload.get("name"):
                    names[row.id] = shown.format(row.payload["name"])
        except HrdeskError:
            pass  # a record this user may not read (another team's): its id stays an id

    def name(_code: str, target: str) -> str | None:
        return names.get(target)

    return name


def read_log(vault: Vault) -> LogSnapshot:
    """Worker-thread half of a refresh: every entry in words, and the chain's verdict."""
    entries = vault.audit_entries()
    report = vault.verify_audit_chain()
    namer = _namer(vault)
    return LogSnapshot([describe(e, namer) for e in entries], report)


def chain_text(report: ChainReport) -> str:
    """The verdict in words ("1 entry", not "1 entries")."""
    if report.ok:
        return f"Audit log intact: {count_text(report.entries)}, chain verified."
    return report.summary()


def detail_html(entry: DescribedEntry) -> str:
    """The selected entry, one fact per line (the stored event code last, for technical readers)."""
    rows = [("When", local_time(entry.time)), ("Who", entry.who), ("What", entry.action)]
    if entry.target:
        rows.append(("Concerning", entry.target))
    rows += entry.details
    body = "".join(f"<tr><td style='padding:2px 12px 2px 0'><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
                   for k, v in rows)
    return (f"<p><b>Entry {entry.seq}</b></p><table>{body}</table>"
            f"<p style='margin-top:10px'><small>Event code {escape(entry.code)} · stored time {escape(entry.time)}"
            "</small></p>")


class AuditLogView(QWidget):
    loaded = Signal()  # entries and chain verdict shown (tests wait on it)
    exported = Signal(str)  # the path of a finished export

    def __init__(self, context: SectionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self._context = context
        self._generation = 0  # bumped by every refresh and clear: late results are dropped
        self._report: ChainReport | None = None
        self._range_chosen = False  # once the user picks dates, a reload keeps them
        self.loading = False
        self.model = AuditLogModel(self)
        self.proxy = AuditFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(10)
        layout.addLayout(self._title_row())
        layout.addWidget(label("Every change to this vault: who made it, when, and to what. Entries are chained "
                               "together, so altering or removing one afterwards is detected.", "muted", wrap=True))
        self.chain = label("", wrap=True)
        layout.addWidget(self.chain)
        layout.addLayout(self._filters())
        layout.addLayout(self._dates_and_exports())
        self.table = data_table(name="Audit log entries")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.details = QTextBrowser()
        self.details.setAccessibleName("Details of the selected entry")
        self.details.setOpenLinks(False)
        self.details.setMinimumWidth(220)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)
        context.events.watch(self, (Kind.AUDIT_LOG,), self.refresh, name="audit log")
        self.refresh()

    def _filters(self) -> QHBoxLayout:
        self.search = search_field("Filter by words (who, action, target, details)…", "Filter the audit log")
        self.search.textChanged.connect(self._on_text)
        self.actions = QComboBox()
        self.actions.setAccessibleName("Kind of action")
        self.actions.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.actions.setMinimumContentsLength(14)
        self.actions.currentIndexChanged.connect(self._on_action)
        self.count = label("", "muted")
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(self.search, 3)
        row.addWidget(self.actions, 2)
        return row

    def _title_row(self) -> QHBoxLayout:
        self.export_csv_button = QPushButton("Export CSV…")
        self.export_csv_button.setToolTip("Save the entries shown as a spreadsheet (CSV) file")
        self.export_csv_button.clicked.connect(lambda: self.export("csv"))
        self.export_pdf_button = QPushButton("Export PDF…")
        self.export_pdf_button.setToolTip("Save the entries shown, with the chain's verdict, as a PDF for an auditor")
        self.export_pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.verify_button = QPushButton("Check the chain again")
        self.verify_button.clicked.connect(self.refresh)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(label("Audit log", "title"), 1)
        for button in (self.export_csv_button, self.export_pdf_button, self.verify_button):
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        return row

    def _dates_and_exports(self) -> QHBoxLayout:
        self.date_from = self._date_edit()
        self.date_to = self._date_edit()
        self.all_dates_button = QPushButton("Whole log")
        self.all_dates_button.setToolTip("Show entries of every date")
        self.all_dates_button.clicked.connect(self.show_all_dates)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(labelled("&From", self.date_from, name="Show entries from this date"))
        row.addWidget(self.date_from)
        row.addWidget(labelled("&to", self.date_to, name="Show entries up to this date"))
        row.addWidget(self.date_to)
        row.addWidget(self.all_dates_button)
        row.addStretch(1)
        row.addWidget(self.count)
        return row

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(date_format())
        edit.dateChanged.connect(self._on_dates)
        return edit

    # --- loading ------------------------------------------------------------------------------

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

        def work(_progress: Progress) -> LogSnapshot:
            return read_log(vault)

        self._context.runner.run(
            work, label="Checking the audit log…", writes=False, show_progress=False, parent=self,
            on_success=lambda result: self._on_loaded(generation, result),
            on_failure=lambda exc: self._on_failed(generation, exc),
        )

    def _current(self, generation: int) -> bool:
        """Whether a result still belongs on screen (not superseded, not locked, view alive)."""
        return generation == self._generation and not self._context.vault.is_locked and _alive(self)

    def _on_loaded(self, generation: int, result: LogSnapshot) -> None:
        if not self._current(generation):
            return
        self.loading = False
        self.verify_button.setEnabled(True)
        self.model.set_entries(result.entries)
        self.show_chain(result.report)
        self._fill_actions()
        self._fill_dates()
        self.table.resizeColumnsToContents()
        self._update_count()
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self.loaded.emit()

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if not _alive(self) or generation != self._generation:
            return
        self.loading = False
        self.verify_button.setEnabled(True)
        session = self._context.session
        if isinstance(exc, VaultLockedError) or not session.is_open or session.is_locked:
            self.clear()
            return
        if isinstance(exc, HrdeskError):  # e.g. a damaged vault: said where the verdict goes
            set_message(self.chain, f"The audit log could not be read. {exc.message} {exc.hint}".strip(), "bad")
            self.loaded.emit()
            return
        show_error(self, exc)

    def show_chain(self, report: ChainReport) -> None:
        self._report = report
        set_message(self.chain, chain_text(report), "ok" if report.ok else "bad")

    def _fill_actions(self) -> None:
        current = self.actions.currentData() or ALL_ACTIONS
        self.actions.blockSignals(True)
        self.actions.clear()
        self.actions.addItem("Every kind of action", ALL_ACTIONS)
        for prefix, count in action_prefixes(self.model.entries()):
            self.actions.addItem(f"{group_words(prefix)} ({count:,})", prefix)
        self.actions.setCurrentIndex(max(0, self.actions.findData(current)))
        self.actions.blockSignals(False)
        self.proxy.set_action_prefix(self.actions.currentData() or ALL_ACTIONS)

    def _fill_dates(self) -> None:
        days = [d for d in (moment_date(e.time) for e in self.model.entries()) if d is not None]
        first, last = (min(days), max(days + [dt.date.today()])) if days else (dt.date.today(), dt.date.today())
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
            edit.setDateRange(_qdate(first), _qdate(last))
        if not self._range_chosen:
            self.date_from.setDate(_qdate(first))
            self.date_to.setDate(_qdate(last))
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(False)
        self._apply_dates()

    # --- filters ------------------------------------------------------------------------------

    def _on_text(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _on_action(self, _index: int) -> None:
        self.proxy.set_action_prefix(self.actions.currentData() or ALL_ACTIONS)
        self._update_count()

    def _on_dates(self, _date: QDate) -> None:
        self._range_chosen = True
        if self.date_from.date() > self.date_to.date():  # keep the range the right way round
            sender = self.sender()
            other = self.date_to if sender is self.date_from else self.date_from
            other.blockSignals(True)
            other.setDate(sender.date())  # type: ignore[union-attr]
            other.blockSignals(False)
        self._apply_dates()

    def _apply_dates(self) -> None:
        self.proxy.set_dates(self.date_from.date().toPython(), self.date_to.date().toPython())
        self._update_count()

    def show_all_dates(self) -> None:
        self._range_chosen = False
        self._fill_dates()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(count_text(total) if shown == total else f"{shown:,} of {count_text(total)}")
        for button in (self.export_csv_button, self.export_pdf_button):
            button.setEnabled(shown > 0)

    def _show_details(self, current: Index, _previous: Index) -> None:
        entry = current.data(EntryRole) if current.isValid() else None
        self.details.setHtml(detail_html(entry) if entry is not None else
                             "<p>Select an entry to read its details.</p>")

    def shown_entries(self) -> list[DescribedEntry]:
        """The entries the filters let through, in the order on screen."""
        return [self.proxy.index(r, 0).data(EntryRole) for r in range(self.proxy.rowCount())]

    # --- export -------------------------------------------------------------------------------

    def ask_export_path(self, kind: str) -> str:
        stamp = dt.date.today().isoformat()
        wanted = "CSV files (*.csv)" if kind == "csv" else "PDF files (*.pdf)"
        chosen, _ = QFileDialog.getSaveFileName(self, "Export the audit log", f"audit-log-{stamp}.{kind}", wanted)
        if chosen and not chosen.lower().endswith(f".{kind}"):
            chosen += f".{kind}"
        return chosen

    def export(self, kind: str) -> None:
        """Write the entries shown (filters applied) as CSV or PDF, in the background."""
        from hrdesk.ui import audit_export

        target = self.ask_export_path(kind)
        if not target:
            return
        entries = self.shown_entries()
        times = {e.seq: local_time(e.time) for e in entries}
        vault = self._context.vault
        scope = self._scope_text()
        chain = chain_text(self._report) if self._report is not None else ""
        path = Path(target)

        def work(_progress: Progress) -> Path:
            try:
                if kind == "csv":
                    return audit_export.write_csv(path, entries, times)
                return audit_export.write_pdf(path, entries, times, org=vault.org_name, scope=scope, chain=chain)
            except OSError as exc:
                raise InvalidInputError(f"Could not write '{path.name}': {exc.strerror or exc}.",
                                        hint="Choose another folder, or check that the disk is not full.") from exc

        self._context.runner.run(work, label="Exporting the audit log…", writes=False, parent=self,
                                 on_success=self._exported)

    def _exported(self, path: Path) -> None:
        set_message(self.chain, f"Exported {self.proxy.rowCount():,} entries to {path}.", "ok")
        self.exported.emit(str(path))

    def _scope_text(self) -> str:
        parts = [f"{self.date_from.text()} to {self.date_to.text()}"]
        if self.actions.currentData():
            parts.append(self.actions.currentText().rsplit(" (", 1)[0])
        if self.search.text().strip():
            parts.append(f"matching “{self.search.text().strip()}”")
        return " · ".join(parts)

    def focus_search(self) -> bool:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
        return True

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
        self.details.clear()


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _alive(widget: QWidget) -> bool:
    """False once Qt has deleted the widget (a locked window throws its views away)."""
    from shiboken6 import isValid

    return isValid(widget)
