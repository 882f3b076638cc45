"""The Letters section: write letters to employees, preview the first, mark them delivered, see who has been told.

Three tabs. *Write letters*: a letter type, the recipients (everyone employed,
those without a current disclosure, one team, or the people selected in the
list), one PDF each or one merged; the first letter is previewed with QtPdf;
writing runs in the write lane with progress and Cancel. *Who has been told*:
every current employee with a current, stale or missing AI-use disclosure
and its delivery, from which letters are marked delivered. *Letterhead and
signature*: the letter settings kept in the vault. Everything goes
through the session; the view refreshes on the ``Changes`` it watches.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice
from PySide6.QtGui import QStandardItemModel
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hrdesk.letters.kinds import FROM_RECORDS, LetterType
from hrdesk.letters.log import DisclosureState, DisclosureSummary, PersonStatus
from hrdesk.letters.settings import LetterSettings
from hrdesk.session import Kind
from hrdesk.ui.letters_settings import LetterSettingsTab
from hrdesk.ui.table_model import ListTableModel
from hrdesk.ui.widgets import Card, data_table, label, labelled, name, plural, set_message

if TYPE_CHECKING:
    from hrdesk.letters.generate import GenerationResult
    from hrdesk.progress import Progress
    from hrdesk.session import Session
    from hrdesk.ui.sections import SectionContext

WATCHED = (Kind.LETTERS, Kind.EMPLOYEES, Kind.TEAMS, Kind.GOVERNANCE, Kind.SETTINGS, Kind.CONSENTS, Kind.REVIEWS)

EVERYONE, NOT_CURRENT, TEAM, SELECTED = "everyone", "not_current", "team", "selected"
RECIPIENTS = ((EVERYONE, "Everyone employed"), (NOT_CURRENT, "Everyone without a current disclosure"),
              (TEAM, "One team"), (SELECTED, "People selected in the list"))
STATE_WORDS = {DisclosureState.CURRENT: "current", DisclosureState.STALE: "stale", DisclosureState.MISSING: "none"}
FILTERS = (("all", "Everyone"), ("current", "Current"), ("stale", "Stale"), ("none", "None yet"))


class DisclosureTableModel(ListTableModel):
    """One row per current employee: their AI-use disclosure's state and delivery."""

    COLUMNS = ("Name", "Employee ID", "Manager", "Disclosure", "Delivered", "Why")

    def cells(self, item: PersonStatus) -> tuple[str, ...]:
        letter = item.letter
        delivered = f"{letter.delivered_on} ({letter.channel})" if letter is not None and letter.delivered else (
            "not yet" if letter is not None else "")
        return (item.name, item.hris_id, item.manager, STATE_WORDS[item.state], delivered, item.reason)


class LettersView(QWidget):
    def __init__(self, context: "SectionContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self._context = context
        self.summary: DisclosureSummary | None = None
        self.reviewed: set[str] = set()  # HRIS ids with a saved review: who a review summary can be written for
        self._pdf_bytes = QByteArray()
        self._buffer: QBuffer | None = None
        self.last_result: "GenerationResult | None" = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(label("Letters", "title"))
        self.message = label("", wrap=True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.tabs = QTabWidget()
        name(self.tabs, "Letters tabs")
        self.tabs.addTab(self._write_tab(), "&Write letters")
        self.tabs.addTab(self._status_tab(), "W&ho has been told")
        self.settings_tab = LetterSettingsTab(context)
        self.tabs.addTab(self.settings_tab, "Letterhead and si&gnature")
        layout.addWidget(self.tabs, 1)
        context.events.watch(self, WATCHED, self.refresh, name="letters")
        self.refresh()

    # --- building ---------------------------------------------------------------------------

    def _write_tab(self) -> QWidget:
        tab = QWidget()
        row = QHBoxLayout(tab)
        row.setContentsMargins(0, 10, 0, 0)
        card = Card("What to write")
        card.setMaximumWidth(max(340, card.fontMetrics().averageCharWidth() * 40))  # grows with larger text
        self.type_picker = QComboBox()
        self.type_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.type_picker.setMinimumContentsLength(14)
        model = QStandardItemModel(self.type_picker)
        self.type_picker.setModel(model)
        for kind in LetterType:
            self.type_picker.addItem(kind.label, kind.value)
            if kind not in FROM_RECORDS and kind is not LetterType.REVIEW_SUMMARY:
                item = model.item(model.rowCount() - 1)
                item.setEnabled(False)
                item.setToolTip("Written from a contest case (Contests → Write letters).")
        card.body.addWidget(labelled("Letter &type", self.type_picker))
        card.body.addWidget(self.type_picker)
        self.recipient_picker = QComboBox()
        self.recipient_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.recipient_picker.setMinimumContentsLength(14)
        for key, text in RECIPIENTS:
            self.recipient_picker.addItem(text, key)
        card.body.addWidget(labelled("&Recipients", self.recipient_picker))
        card.body.addWidget(self.recipient_picker)
        self.team_picker = QComboBox()
        self.team_picker.setEnabled(False)
        card.body.addWidget(labelled("T&eam", self.team_picker, name="Team (manager)"))
        card.body.addWidget(self.team_picker)
        self.merged_box = QCheckBox("One &merged PDF")
        name(self.merged_box, "One merged PDF", "All letters in one PDF instead of one file per person")
        self.merged_box.setToolTip("All letters in one PDF, each starting on a new page, instead of one file per person")
        card.body.addWidget(self.merged_box)
        self.count_label = label("", "muted", wrap=True)
        card.body.addWidget(self.count_label)
        self.preview_button = QPushButton("&Preview the first letter")
        self.generate_button = QPushButton("Write &letters…")
        self.generate_button.setProperty("role", "primary")
        for button in (self.preview_button, self.generate_button):
            card.body.addWidget(button)
        card.body.addStretch(1)
        row.addWidget(card)
        self.document = QPdfDocument(self)
        self.preview = QPdfView()
        self.preview.setDocument(self.document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        name(self.preview, "Letter preview", "The first letter as it will be printed")
        row.addWidget(self.preview, 1)
        for picker in (self.type_picker, self.recipient_picker, self.team_picker):
            # long entries ("Everyone without a current disclosure") must not widen the card with large text
            picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            picker.setMinimumContentsLength(14)
        self.recipient_picker.currentIndexChanged.connect(self._recipients_changed)
        self.team_picker.currentIndexChanged.connect(self._update_count)
        self.type_picker.currentIndexChanged.connect(self._clear_preview)
        self.type_picker.currentIndexChanged.connect(self._update_count)
        self.preview_button.clicked.connect(self.show_preview)
        self.generate_button.clicked.connect(lambda: self.generate())
        return tab

    def _status_tab(self) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.setContentsMargins(0, 10, 0, 0)
        self.summary_label = label("Reading…", "muted", wrap=True)
        column.addWidget(self.summary_label)
        controls = QGridLayout()
        self.filter_picker = QComboBox()
        for key, text in FILTERS:
            self.filter_picker.addItem(text, key)
        self.channel_picker = QComboBox()
        for channel, text in (("email", "E-mail"), ("paper", "Paper post"), ("hand", "By hand")):
            self.channel_picker.addItem(text, channel)
        self.date_picker = QDateEdit(QDate.currentDate())
        self.date_picker.setCalendarPopup(True)
        self.date_picker.setMaximumDate(QDate.currentDate())
        from hrdesk.ui.formatting import date_format

        self.date_picker.setDisplayFormat(date_format())  # the user's format, as every date in hrdesk
        self.deliver_button = QPushButton("Mark selected &delivered")
        # two rows, so the tab stays narrow with large text: what to show, then how to mark delivery
        controls.addWidget(labelled("&Show", self.filter_picker, name="Show disclosures"), 0, 0)
        controls.addWidget(self.filter_picker, 0, 1)
        controls.addWidget(labelled("&Channel", self.channel_picker, name="Delivery channel"), 1, 0)
        controls.addWidget(self.channel_picker, 1, 1)
        controls.addWidget(labelled("D&ate", self.date_picker, name="Delivery date"), 1, 2)
        controls.addWidget(self.date_picker, 1, 3)
        controls.addWidget(self.deliver_button, 1, 4)
        controls.setColumnStretch(5, 1)
        for combo in (self.filter_picker, self.channel_picker):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        column.addLayout(controls)
        self.model = DisclosureTableModel(self)
        self.table = data_table(name="Employees and their AI-use disclosure")
        self.table.setModel(self.model)
        self.table.setSelectionMode(self.table.SelectionMode.ExtendedSelection)
        for index, width in enumerate((200, 90, 150, 80, 150)):
            self.table.setColumnWidth(index, width)
        column.addWidget(self.table, 1)
        self.filter_picker.currentIndexChanged.connect(self._fill_table)
        self.deliver_button.clicked.connect(self.mark_delivered)
        self.table.selectionModel().selectionChanged.connect(self._update_count)
        return tab

    # --- reading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        session = self._context.session

        def work(_progress: "Progress") -> tuple[DisclosureSummary, list[str], LetterSettings, set[str]]:
            from hrdesk.reviews.query import reviews

            teams = sorted(t.manager_name for t in session.records().teams.list())
            reviewed = {r.employee_id for r in session.read(reviews)}
            status = session.letter_status()  # in name order once, here, not on the window's thread at each change
            status = replace(status, people=tuple(sorted(status.people, key=lambda p: p.name.casefold())))
            return status, teams, session.letter_settings(), reviewed

        self._context.runner.run(work, writes=False, show_progress=False, parent=self, on_success=self._loaded)

    def _loaded(self, result: tuple[DisclosureSummary, list[str], LetterSettings, set[str]]) -> None:
        self.summary, teams, settings, self.reviewed = result
        self.settings_tab.show_settings(settings)
        chosen = self.team_picker.currentText()
        self.team_picker.blockSignals(True)
        self.team_picker.clear()
        self.team_picker.addItems(teams)
        if chosen in teams:
            self.team_picker.setCurrentText(chosen)
        self.team_picker.blockSignals(False)
        s = self.summary
        self.summary_label.setText(
            f"AI-use disclosures: {s.current:,} current ({s.undelivered:,} not yet marked delivered), {s.stale:,} stale "
            f"after a change of the system, {s.missing:,} with none (new hires included).")
        self._fill_table()
        self._update_count()

    def _fill_table(self) -> None:
        if self.summary is None:
            return
        wanted = self.filter_picker.currentData()
        self.model.set_items([p for p in self.summary.people if wanted == "all" or STATE_WORDS[p.state] == wanted])

    # --- recipients -------------------------------------------------------------------------

    def _recipients_changed(self) -> None:
        self.team_picker.setEnabled(self.recipient_picker.currentData() == TEAM)
        self._update_count()

    def recipients(self) -> list[str]:
        """HRIS ids of the chosen people, in name order."""
        if self.summary is None:
            return []
        people = list(self.summary.people)  # in name order (``refresh``)
        how = self.recipient_picker.currentData()
        if how == NOT_CURRENT:
            people = [p for p in people if p.state is not DisclosureState.CURRENT]
        elif how == TEAM:
            people = [p for p in people if p.manager == self.team_picker.currentText()]
        elif how == SELECTED:
            people = self.selected_people()
        if self.kind() is LetterType.REVIEW_SUMMARY:  # written from a saved review: only those who had one
            people = [p for p in people if p.hris_id in self.reviewed]
        return [p.hris_id for p in people]

    def selected_people(self) -> list[PersonStatus]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.item(row) for row in rows]

    def _update_count(self) -> None:
        count = len(self.recipients())
        self.count_label.setText(f"{plural(count, 'letter')} will be written." if count else "Nobody is chosen yet.")
        self.generate_button.setEnabled(bool(count))
        self.preview_button.setEnabled(bool(count))
        self.deliver_button.setEnabled(bool(self.selected_people()))

    def kind(self) -> LetterType:
        return LetterType(self.type_picker.currentData())

    # --- preview, writing, delivery ------------------------------------------------------

    def _clear_preview(self) -> None:
        self.document.close()

    def show_preview(self) -> None:
        ids = self.recipients()[:1]
        if not ids:
            return
        session, kind = self._context.session, self.kind()

        def work(progress: "Progress") -> bytes:
            from hrdesk.letters.generate import render_bytes
            from hrdesk.letters.service import prepare_batch

            return render_bytes(prepare_batch(session, kind, employee_ids=ids, contracts=_contracts(session, kind, ids),
                                              progress=progress))

        self._context.runner.run(work, label="Preparing the preview", writes=False, parent=self, on_success=self._show_pdf)

    def _show_pdf(self, data: bytes) -> None:
        self.document.close()
        self._pdf_bytes = QByteArray(data)
        self._buffer = QBuffer(self._pdf_bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)

    def choose_folder(self) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, "Write the letters into which folder?")
        return Path(folder) if folder else None

    def generate(self, folder: Path | None = None) -> None:
        ids = self.recipients()
        folder = folder or self.choose_folder()
        if not ids or folder is None:
            return
        session, kind, merged = self._context.session, self.kind(), self.merged_box.isChecked()

        def work(progress: "Progress") -> "GenerationResult":
            return session.generate_letters(kind, folder, employee_ids=ids, merged=merged, progress=progress,
                                            contracts=_contracts(session, kind, ids)).result

        self._context.runner.run(work, label=f"Writing {plural(len(ids), 'letter')}", parent=self, on_success=self._generated)

    def _generated(self, result: "GenerationResult") -> None:
        self.last_result = result
        folder = result.files[0].parent if result.files else ""
        set_message(self.message, f"Wrote {plural(len(result.employees), 'letter')} ({plural(len(result.files), 'file')}) "
                                  f"into {folder}. Each is logged; mark them delivered once they are.", "ok")

    def mark_delivered(self) -> None:
        people = self.selected_people()
        without = [p for p in people if p.letter is None]
        if not people or without:
            set_message(self.message, f"{plural(len(without), 'selected person has', 'selected people have')} no disclosure "
                                      "letter yet: write theirs first." if without else "Select people in the list first.", "warn")
            return
        ids = [p.hris_id for p in people]
        channel = self.channel_picker.currentData()
        on: dt.date = self.date_picker.date().toPython()  # type: ignore[assignment]
        session = self._context.session

        def work(_progress: "Progress") -> Any:
            return session.mark_letters_delivered(ids, channel=channel, on=on).result

        self._context.runner.run(work, label="Marking letters delivered", parent=self, on_success=lambda count: set_message(
            self.message, f"Marked {plural(count, 'letter')} delivered ({self.channel_picker.currentText().lower()}, "
                          f"{on.isoformat()}).", "ok"))


def _contracts(session: "Session", kind: LetterType, ids: list[str]) -> list[Any]:
    """The saved reviews a review summary is written from (other letters come from the records alone)."""
    if kind is not LetterType.REVIEW_SUMMARY:
        return []
    from hrdesk.reviews.letter import latest_summaries

    return session.read(lambda vault: latest_summaries(vault, ids))
