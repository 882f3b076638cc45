"""The Suggestions section (HR): train the model off the UI thread, read its card, see current suggestions by team.

The core decides everything (``hrdesk.suggest``): what is suggested, to whom,
and whether governance allows it at all. This screen starts training through
the one worker helper (progress and Cancel; Cancel rolls the transaction
back), loads suggestions and the card in the background, and shows them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QFrame, QHBoxLayout, QPushButton, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from hrdesk.suggest.gate import may_train
from hrdesk.errors import CancelledError, HrdeskError
from hrdesk.session import Kind
from hrdesk.ui.model_card_view import ModelCardView
from hrdesk.ui.sections import SectionContext
from hrdesk.ui.suggestions_model import SuggestionsModel, TeamFilter
from hrdesk.ui.widgets import data_table, guard_wheel, label, labelled, set_message

ALL_TEAMS = "All teams"
#: What can change the suggestions or the card: the people, their records and consent, governance, a new model.
WATCHED = (Kind.EMPLOYEES, Kind.TEAMS, Kind.RATINGS, Kind.GOALS, Kind.CHECKINS, Kind.CONSENTS, Kind.GOVERNANCE,
           Kind.SETTINGS)


class SuggestionsView(QWidget):
    def __init__(self, context: SectionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self._context = context
        self.loaded_once = False
        self.train_button = QPushButton("Train the model")
        self.train_button.setProperty("role", "primary")
        self.train_button.setAccessibleName("Train the retention-risk model")
        self.train_button.setToolTip("Learn from this vault's history of voluntary leaving; a new model needs "
                                     "governance and AI-use disclosures to be looked at again")
        self.train_button.clicked.connect(self.train)
        self.train_button.setHidden(not may_train(context.session.actor.role))  # HR only: the core's rule
        self.status = label("", "message", wrap=True)
        self.status.setAccessibleName("Whether suggestions are live")
        self.message = label("", "message", wrap=True)
        self.message.hide()
        self.team_picker = QComboBox()
        self.team_picker.setAccessibleName("Team shown")
        self.team_picker.currentTextChanged.connect(self._pick_team)
        self.model = SuggestionsModel(self)
        self.filtered = TeamFilter(self)
        self.filtered.setSourceModel(self.model)
        self.table = data_table(min_height=160, name="Current suggestions")
        self.table.setModel(self.filtered)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(self._explain_current)
        self.explanation = label("Select a retention suggestion to see exactly why it was made.", wrap=True,
                                 selectable=True)
        self.explanation.setAccessibleName("Why this suggestion")
        self.card = ModelCardView()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Suggestions and model card")
        guard_wheel(self.team_picker)
        self._layout()
        context.events.watch(self, WATCHED, self.reload, name="suggestions")
        self.reload()

    def _layout(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 28, 32, 20)
        outer.setSpacing(10)
        outer.addWidget(label("Suggestions", "title"))
        outer.addWidget(label(
            "A co-pilot: each suggestion surfaces a pattern and says exactly why; a named person decides. Nothing "
            "is shown before governance is live, and only for decisions the register lets AI inform.", "muted",
            wrap=True))
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.train_button)
        outer.addLayout(top)
        outer.addWidget(self.message)
        current = QWidget()
        page = QVBoxLayout(current)
        page.setContentsMargins(0, 8, 0, 0)
        teams = QHBoxLayout()
        teams.addWidget(labelled("&Team:", self.team_picker, name="Team shown"))
        teams.addWidget(self.team_picker, 1)
        page.addLayout(teams)
        # The table and the explanation share the height; a long explanation or large text scrolls, never overlaps.
        why = QScrollArea()
        why.setWidgetResizable(True)
        why.setFrameShape(QFrame.Shape.NoFrame)
        why.setWidget(self.explanation)
        why.setMinimumHeight(120)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.table)
        split.addWidget(why)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        page.addWidget(split, 1)
        self.tabs.addTab(current, "Current suggestions")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        holder.setObjectName("Page")
        inner = QVBoxLayout(holder)
        inner.setContentsMargins(0, 8, 12, 8)
        inner.addWidget(self.card)
        inner.addStretch(1)
        scroll.setWidget(holder)
        self.tabs.addTab(scroll, "Model card")
        outer.addWidget(self.tabs, 1)

    # --- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        vault = self._context.vault
        if vault.is_locked:
            return

        def load(_progress: Any) -> tuple[Any, dict | None]:
            from hrdesk.suggest.retention import KIND
            from hrdesk.suggest.service import current_suggestions
            from hrdesk.suggest.store import has_model, load_stored

            card = load_stored(vault, KIND)["card"] if has_model(vault, KIND) else None
            return current_suggestions(vault), card

        self._context.runner.run(load, label="Loading suggestions", on_success=self._loaded, writes=False,
                                 parent=self, show_progress=False, on_failure=self._failed)

    def _loaded(self, loaded: tuple[Any, dict | None]) -> None:
        found, card = loaded
        self.loaded_once = True
        set_message(self.status, found.reason
                    + ("" if not found.notes else " " + " ".join(found.notes)), "ok" if found.live else "warn")
        self.model.set_items(list(found.items))
        current = self.team_picker.currentText()
        teams = sorted({s.team for s in found.items})
        self.team_picker.blockSignals(True)
        self.team_picker.clear()
        self.team_picker.addItems([ALL_TEAMS, *teams])
        self.team_picker.setCurrentText(current if current in teams else ALL_TEAMS)
        self.team_picker.blockSignals(False)
        self._pick_team(self.team_picker.currentText())
        self.table.resizeColumnsToContents()
        for column, width in ((3, 320), (4, 320)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), width))
        self.card.show_card(card)

    def _pick_team(self, team: str) -> None:
        self.filtered.set_team("" if team in ("", ALL_TEAMS) else team)

    def _explain_current(self, current: Any, _previous: Any = None) -> None:
        if not current.isValid():
            return
        item = self.model.item(self.filtered.mapToSource(current).row())
        if item.kind != "retention":
            self.explanation.setText(f"{item.name}: {item.because}. {item.suggest}")
            return
        vault = self._context.vault

        def explain(_progress: Any) -> str:
            from hrdesk.suggest.card_text import explanation_text
            from hrdesk.suggest.service import explain_employee

            return explanation_text(explain_employee(vault, item.employee_id))

        self._context.runner.run(explain, label="Explaining", on_success=self.explanation.setText, writes=False,
                                 parent=self, show_progress=False, on_failure=self._failed)

    # --- training ---------------------------------------------------------------------------

    def train(self) -> None:
        session = self._context.session

        def work(progress: Any) -> Any:
            from hrdesk.suggest.service import train

            return train(session, progress=progress)

        self.train_button.setEnabled(False)
        self.message.hide()
        task = self._context.runner.run(work, label="Training the retention-risk model…", parent=self,
                                        on_success=self._trained, on_failure=self._failed)
        task.finished.connect(lambda: self.train_button.setEnabled(True))

    def _trained(self, result: Any) -> None:
        card = result.card
        set_message(self.message, f"Trained card version {card['version']}: cross-validated ROC AUC "
                    f"{card['performance']['auc']:.2f} on {card['training']['rows']} people. A new model means "
                    "governance and AI-use disclosures need a fresh look.", "info")
        self.message.show()
        self.tabs.setCurrentIndex(1)

    def _failed(self, exc: BaseException) -> None:
        """Known problems (too little history, not allowed) are said on the page; anything else is the error dialog."""
        if isinstance(exc, CancelledError):
            set_message(self.message, "Training was cancelled; nothing was changed.", "info")
            self.message.show()
            return
        if isinstance(exc, HrdeskError):
            set_message(self.message, f"{exc.message} {exc.hint}".strip(), "warn")
            self.message.show()
            return
        from hrdesk.ui.errors import show_error

        show_error(self, exc)
