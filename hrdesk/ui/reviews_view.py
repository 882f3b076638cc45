"""The Reviews section: the signed-in manager picks someone from their own team and holds the review on one page.

Profile, rating history beside the well-being trend (coaching only), recent
feedback and goals; the suggestions governance lets this manager see, each
explained, with a verdict, its reason and the context the data cannot see;
the plan; the manager's own rating (empty until typed); the next check-in;
Save. The page is read off the UI thread (``reviews.page.load_page``) and
saved through the session (``reviews.service.record_review``), so the core's
rules decide. HR also opens and closes cycles here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QComboBox, QCompleter, QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from hrdesk.records import Employee
from hrdesk.reviews.draft import ReviewDraft
from hrdesk.reviews.page import ReviewPage, load_page, team_members
from hrdesk.session import Kind
from hrdesk.ui.employee_charts import RatingChart, WellbeingChart
from hrdesk.ui.employee_detail import nice_date
from hrdesk.ui.language_check import CheckedText
from hrdesk.ui.people_picker import PeopleListModel, PickerEntries
from hrdesk.ui.people_picker import entries as picker_entries
from hrdesk.ui.review_form import DecisionBox, PlanEditor, saved_decisions
from hrdesk.ui.sections import SectionContext
from hrdesk.ui.widgets import Card, OptionalDateEdit, guard_wheel, label, labelled, name, set_message

#: What the page shows: a change touching none of these leaves it alone.
PAGE_KINDS = (Kind.REVIEWS, Kind.EMPLOYEES, Kind.TEAMS, Kind.RATINGS, Kind.GOALS, Kind.FEEDBACK, Kind.CHECKINS,
              Kind.CONSENTS, Kind.SCALES, Kind.GOVERNANCE, Kind.SETTINGS, Kind.CYCLES)
PEOPLE_KINDS = (Kind.EMPLOYEES, Kind.TEAMS, Kind.REVIEWS, Kind.CYCLES)
#: What suggestions rest on: a change to any of these scores them again (a saved review changes none).
SCORED_KINDS = tuple(k for k in PAGE_KINDS if k not in (Kind.REVIEWS, Kind.CYCLES))
NOT_RATED = "Not rated yet"
RECENT_FEEDBACK = 3


class ReviewsView(QWidget):
    def __init__(self, context: SectionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self._context = context
        self.people: list[Employee] = []
        self.open_cycles: list[Any] = []
        self.page: ReviewPage | None = None
        self.loading = False
        self.loaded_once = False
        self._generation = 0
        self.decisions: list[DecisionBox] = []
        self.plan: PlanEditor | None = None
        self.feedback: CheckedText | None = None
        self.comment: CheckedText | None = None
        self.rating: QComboBox | None = None
        self.next_checkin: OptionalDateEdit | None = None
        self.save_button: QPushButton | None = None
        self.rating_chart: RatingChart | None = None
        self.wellbeing_chart: WellbeingChart | None = None
        self._content: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 12)
        layout.setSpacing(10)
        layout.addWidget(label("Reviews", "title"))
        self.intro = label("", "muted", wrap=True)
        layout.addWidget(self.intro)
        layout.addLayout(self._picker_row())
        layout.addWidget(self._cycle_strip())
        self.message = label("", wrap=True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        name(self.scroll, "Review page")
        empty = label("Pick someone above to open their review page.", "muted", wrap=True)
        empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scroll.setWidget(empty)
        layout.addWidget(self.scroll, 1)
        self.scored: Any = None  # the suggestions this user may see, scored once (reviews.suggestions.Scored)
        self._scoring = False  # scoring runs in the background from the moment the section opens
        self._scores_generation = 0
        self._page_waiting = False
        context.events.watch(self, SCORED_KINDS, self._forget_scores, name="review suggestions")
        context.events.watch(self, PEOPLE_KINDS, self.reload_people, name="reviews people")
        context.events.watch(self, PAGE_KINDS, self.reload_page, name="review page")
        self.reload_people()

    # --- the person picker and the cycle strip -------------------------------------------------

    def _picker_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.picker = QComboBox()
        self.picker.setEditable(True)  # type a name or an id to find someone in a large organisation
        self.picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.picker.setMinimumContentsLength(24)
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.people_model = PeopleListModel(self.picker)
        self.picker.setModel(self.people_model)
        completer = self.picker.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        guard_wheel(self.picker)
        row.addWidget(labelled("&Person", self.picker, name="Person to review"))
        row.addWidget(self.picker, 1)
        self.open_button = QPushButton("&Open their review")
        self.open_button.clicked.connect(self.open_selected)
        self.picker.activated.connect(lambda _i: self.open_selected())
        row.addWidget(self.open_button)
        return row

    def _cycle_strip(self) -> QWidget:
        strip = QWidget()
        row = QHBoxLayout(strip)
        row.setContentsMargins(0, 0, 0, 0)
        self.cycle_label = label("", wrap=True)
        row.addWidget(self.cycle_label, 1)
        self.cycle_name = QLineEdit()
        self.cycle_name.setPlaceholderText("New cycle, e.g. 2026 annual")
        name(self.cycle_name, "Name of the review cycle to open")
        self.cycle_name.setMinimumWidth(self.cycle_name.fontMetrics().averageCharWidth() * 26)
        self.open_cycle_button = QPushButton("Open c&ycle")
        self.open_cycle_button.clicked.connect(self.open_cycle)
        self.close_cycle_button = QPushButton("&Close cycle…")
        self.close_cycle_button.clicked.connect(self.close_cycle)
        for widget in (self.cycle_name, self.open_cycle_button, self.close_cycle_button):
            row.addWidget(widget)
            widget.setVisible(self._is_hr)
        return strip

    def _forget_scores(self) -> None:
        self.scored = None
        self._scores_generation += 1

    def _score_ahead(self) -> None:
        """Read what governance allows this user while they pick someone (each page then reads one team)."""
        if self.scored is not None or self._scoring or self._context.vault.is_locked:
            return
        from hrdesk.reviews.suggestions import score
        from hrdesk.suggest.service import manager_of

        vault, manager, generation = self._context.vault, manager_of(self._context.session), self._scores_generation
        self._scoring = True
        self._context.runner.run(lambda _p: score(vault, manager=manager), label="Scoring suggestions", writes=False,
                                 show_progress=False, parent=self,
                                 on_success=lambda scored: self._scored(generation, scored),
                                 on_failure=lambda _exc: self._scored(generation, None))  # the page says why

    def _scored(self, generation: int, scored: Any) -> None:
        self._scoring = False
        if scored is not None and generation == self._scores_generation:
            self.scored = scored
        if self._page_waiting:
            self._page_waiting = False
            self.reload_page()

    @property
    def _is_hr(self) -> bool:
        return self._context.session.actor.role.value == "admin"

    def reload_people(self) -> None:
        vault = self._context.vault
        if vault.is_locked:
            return
        self._context.runner.run(lambda _p: _people_and_cycles(vault), label="Loading…", writes=False,
                                 show_progress=False, parent=self, on_success=self._people_loaded)

    def _people_loaded(self, found: tuple[PickerEntries, list[Any]]) -> None:
        listed, cycles = found
        people = list(listed.people)
        current = self.picker.currentData()
        self.people = people
        self.picker.blockSignals(True)
        self.people_model.set_entries(listed)
        index = self.people_model.row_of(current)
        self.picker.setCurrentIndex(index)
        if index < 0:
            self.picker.setEditText("")
        self.picker.lineEdit().setPlaceholderText("Type a name or an employee id")
        self.picker.blockSignals(False)
        who = "your team" if not self._is_hr else "everyone (as HR)"
        self.intro.setText(f"Pick someone from {who} to prepare and record their review. Suggestions are one input; "
                           "you decide, and say why." if people else
                           "Nobody is in your team in this vault: the people whose manager you are show here.")
        open_ = self.open_cycles = [c for c in cycles if c.is_open]
        if len(open_) == 1:
            text, state = f"Review cycle {open_[0].name} is open (since {nice_date(open_[0].opened_on)}).", "ok"
        elif open_:
            text, state = "Several cycles are open: " + ", ".join(c.name for c in open_) + ". Close all but one.", "warn"
        else:
            text = "No review cycle is open, so reviews can be read but not recorded."
            text += " Open one here." if self._is_hr else " HR opens one."
            state = "info"
        set_message(self.cycle_label, text, state)
        self.close_cycle_button.setEnabled(len(open_) == 1)
        self.loaded_once = True
        self._score_ahead()

    def open_selected(self) -> None:
        hris = self.picker.currentData()
        if hris is None:  # typed text that matches no one exactly
            text = self.picker.currentText().strip().casefold()
            match = [p for p in self.people if text and (text in p.name.casefold() or text == p.employee_id)]
            if len(match) != 1:
                set_message(self.message, "Pick one person from the list.", "warn")
                return
            hris = match[0].employee_id
        self.show_person(hris)

    def show_person(self, hris_id: str) -> None:
        self.picker.setCurrentIndex(self.people_model.row_of(hris_id))
        set_message(self.message, "", "ok")
        self.reload_page()

    # --- loading the page -------------------------------------------------------------------------

    def _selected(self) -> Employee | None:
        hris = self.picker.currentData()
        return next((p for p in self.people if p.employee_id == hris), None)

    def reload_page(self) -> None:
        person = self._selected()
        vault = self._context.vault
        if person is None or vault.is_locked:
            return
        if self._scoring:  # the page opens as soon as the scores being made are ready
            self._page_waiting = True
            self.loading = True
            return
        from hrdesk.suggest.service import manager_of

        manager = manager_of(self._context.session)
        self._generation += 1
        generation = self._generation
        self.loading = True
        cached = self.scored

        def work(_progress: Any) -> tuple[ReviewPage, Any]:
            from hrdesk.reviews.suggestions import score

            scored = cached or score(vault, manager=manager)
            return load_page(vault, person, manager=manager, scored=scored), scored

        self._context.runner.run(work, label="Loading…", writes=False, show_progress=False, parent=self,
                                 on_success=lambda found: self._page_loaded(generation, *found),
                                 on_failure=lambda exc: self._failed(generation, exc))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.loading = False
            from hrdesk.ui.errors import show_error

            show_error(self, exc)

    def _page_loaded(self, generation: int, page: ReviewPage, scored: Any) -> None:
        if generation != self._generation:
            return
        self.page, self.scored = page, scored
        self._build(page)
        self.loading = False

    def _build(self, page: ReviewPage) -> None:
        content = QWidget()
        content.setObjectName("Page")
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 4, 8, 16)
        box.setSpacing(14)
        box.addWidget(self._header(page))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.addWidget(self._ratings_card(page), 0, 0)
        grid.addWidget(self._wellbeing_card(page), 0, 1)
        grid.addWidget(self._feedback_card(page), 1, 0)
        grid.addWidget(self._goals_card(page), 1, 1)
        box.addLayout(grid)
        box.addWidget(self._suggestions_card(page))
        box.addWidget(self._review_card(page))
        box.addStretch(1)
        self.scroll.setWidget(content)
        self._content = content

    def _header(self, page: ReviewPage) -> QWidget:
        e = page.employee
        card = Card()
        card.body.addWidget(label(e.name, "heading"))
        facts = [f"Employee ID {e.employee_id}", e.position, e.department,
                 f"Manager: {page.detail.team_name}" if page.detail.team_name else "",
                 f"Hired {nice_date(e.hire_date)}" if e.hire_date else ""]
        card.body.addWidget(label(" · ".join(f for f in facts if f), "muted", wrap=True, selectable=True))
        return card

    def _ratings_card(self, page: ReviewPage) -> Card:
        card = Card("Rating history")
        history = page.rating_history
        self.rating_chart = None
        if not history:
            card.body.addWidget(label("No ratings yet.", "muted"))
        else:
            self.rating_chart = RatingChart()
            self.rating_chart.set_data(history, list(page.scale))
            name(self.rating_chart, "Rating history chart",
                 "; ".join(f"{p.cycle}: {p.value}" for p in history))
            card.body.addWidget(self.rating_chart)
            card.body.addWidget(label(" · ".join(f"{p.cycle}: {p.value}" for p in history[-3:]), "muted", wrap=True))
        card.body.addStretch(1)
        return card

    def _wellbeing_card(self, page: ReviewPage) -> Card:
        card = Card("Well-being trend (coaching only)")
        note = label("", wrap=True)
        set_message(note, "For a supportive conversation only: never part of the rating, never a model feature.",
                    "info")
        card.body.addWidget(note)
        self.wellbeing_chart = None
        if page.detail.checkins_hidden:
            card.body.addWidget(label(f"{page.employee.name} has not chosen to share check-ins with their manager.",
                                      "muted", wrap=True))
        elif not page.detail.checkins:
            card.body.addWidget(label("No check-ins yet.", "muted"))
        else:
            self.wellbeing_chart = WellbeingChart()
            self.wellbeing_chart.set_data(page.detail.checkins)
            latest = page.detail.checkins[-1]
            name(self.wellbeing_chart, "Well-being check-ins chart",
                 f"Latest {latest.date}: mood {latest.mood}, workload {latest.workload}, stress {latest.stress}")
            card.body.addWidget(self.wellbeing_chart)
            if page.strained:
                strain = label("", wrap=True)
                set_message(strain, "Workload and stress have been high recently: ask about workload.", "warn")
                card.body.addWidget(strain)
        card.body.addStretch(1)
        return card

    def _feedback_card(self, page: ReviewPage) -> Card:
        card = Card("Recent feedback")
        items = page.detail.feedback[-RECENT_FEEDBACK:]
        if not items:
            card.body.addWidget(label("No written feedback yet.", "muted"))
        for cycle, item in reversed(items):
            card.body.addWidget(label(f"{cycle} · {nice_date(item.date)}", "fact-name"))
            card.body.addWidget(label(item.text, wrap=True, selectable=True))
        card.body.addStretch(1)
        return card

    def _goals_card(self, page: ReviewPage) -> Card:
        card = Card("Goals")
        if not page.goals:
            card.body.addWidget(label("No goals recorded.", "muted"))
        for goal in page.goals[-5:]:
            card.body.addWidget(label(f"[{goal.status}] {goal.text}", wrap=True, selectable=True))
        card.body.addStretch(1)
        return card

    def _suggestions_card(self, page: ReviewPage) -> Card:
        card = Card("AI suggestions")
        self.decisions = []
        self.no_suggestions = label("", wrap=True)
        if not page.suggestions.items:
            set_message(self.no_suggestions, f"No suggestions on this page. {page.suggestions.reason}", "info")
            card.body.addWidget(self.no_suggestions)
            return card
        card.body.addWidget(label("One input to the conversation, never the decision. For each: accept it as a topic, "
                                  "set it aside, or disagree, and say why.", "muted", wrap=True))
        saved = saved_decisions(page.current)
        for item in page.suggestions.items:
            box = DecisionBox(item, saved.get(item.key))
            self.decisions.append(box)
            card.body.addWidget(box)
        return card

    def _review_card(self, page: ReviewPage) -> Card:
        current = page.current
        card = Card(f"Your review · {page.cycle.name}" if page.cycle else "Your review")
        self.plan = PlanEditor(current.plan if current else ())
        card.body.addWidget(label("Agreed development plan", "fact-name"))
        card.body.addWidget(self.plan)
        self.feedback = CheckedText("Feedback", lines=5, placeholder="What they did and its effect")
        card.body.addWidget(labelled("Fee&dback (behaviour, not personality)", self.feedback.edit, name="Feedback"))
        card.body.addWidget(self.feedback)
        self.rating = QComboBox()
        self.rating.addItem(NOT_RATED, None)
        for label_text in page.scale:
            self.rating.addItem(label_text, label_text)
        guard_wheel(self.rating)
        if current and current.rating_label:  # only ever the manager's own saved rating
            self.rating.setCurrentIndex(self.rating.findData(current.rating_label))
        row = QHBoxLayout()
        row.addWidget(labelled("Your &rating", self.rating, name="Your rating"))
        row.addWidget(self.rating)
        self.next_checkin = OptionalDateEdit("Next chec&k-in", current.next_checkin if current else None)
        if current is None or current.next_checkin is None:
            day = dt.date.today() + dt.timedelta(days=28)
            self.next_checkin.date.setDate(QDate(day.year, day.month, day.day))
        self.next_checkin.check.setAccessibleName("Set a next check-in date")
        self.next_checkin.date.setAccessibleName("Next check-in date")
        row.addSpacing(16)
        row.addWidget(self.next_checkin)
        row.addStretch(1)
        card.body.addLayout(row)
        card.body.addWidget(label("Your own judgment: nothing here is filled in by a model.", "muted", wrap=True))
        self.comment = CheckedText("Employee's comment", lines=2, placeholder="Optional, in their words")
        card.body.addWidget(labelled("E&mployee's comment", self.comment.edit, name="Employee's comment"))
        card.body.addWidget(self.comment)
        if current:
            self.feedback.setText(current.feedback)
            self.comment.setText(current.employee_comment)
        self.save_button = QPushButton("&Save the review")
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(page.cycle is not None)
        self.saved_message = label("", wrap=True)
        self.saved_message.setVisible(False)
        if current:
            set_message(self.saved_message, f"Saved on {nice_date(current.saved_on)}; saving again replaces it.", "ok")
        elif page.cycle is None:
            set_message(self.saved_message, "No single review cycle is open, so this review cannot be saved.", "info")
        card.body.addWidget(self.saved_message)
        card.body.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        return card

    # --- saving -------------------------------------------------------------------------------------

    def draft(self) -> ReviewDraft:
        assert self.page is not None and self.plan is not None and self.feedback is not None
        assert self.rating is not None and self.next_checkin is not None and self.comment is not None
        decisions = {box.item.key: value for box in self.decisions if (value := box.value()) is not None}
        return ReviewDraft(self.page.employee.employee_id, cycle=self.page.cycle.name if self.page.cycle else None,
                           rating=self.rating.currentData(), feedback=self.feedback.text(), plan=self.plan.items(),
                           next_checkin=self.next_checkin.value(), decisions=decisions,
                           employee_comment=self.comment.text())

    def save(self) -> None:
        if self.page is None:
            return
        from hrdesk.reviews import service

        draft, shown, session = self.draft(), self.page.suggestions, self._context.session
        if self.save_button is not None:
            self.save_button.setEnabled(False)
        self._context.runner.run(lambda _p: service.record_review(session, draft, shown=shown).result,
                                 label="Saving the review", show_progress=False, parent=self,
                                 on_success=self._saved, on_failure=self._save_failed)

    def _saved(self, review: Any) -> None:
        set_message(self.message, f"Saved the review of {self.page.employee.name if self.page else ''}.", "ok")

    def _save_failed(self, exc: BaseException) -> None:
        from hrdesk.ui.errors import show_error

        if self.save_button is not None:
            self.save_button.setEnabled(True)
        show_error(self, exc)

    # --- cycles (HR) --------------------------------------------------------------------------------

    def open_cycle(self) -> None:
        from hrdesk.reviews import service

        cycle, session = self.cycle_name.text(), self._context.session
        self._context.runner.run(lambda _p: service.open_cycle(session, cycle).result, label="Opening the cycle",
                                 show_progress=False, parent=self, on_success=lambda _c: self.cycle_name.clear())

    def close_cycle(self) -> None:
        from hrdesk.reviews import service
        from hrdesk.ui.widgets import confirm

        if len(self.open_cycles) != 1:
            return
        cycle = self.open_cycles[0].name
        if not confirm(self, "Close the review cycle", f"Close the review cycle {cycle}? Its reviews become "
                       "read-only, and a closed cycle cannot be reopened.", "Close cycle"):
            return
        session = self._context.session
        self._context.runner.run(lambda _p: service.close_cycle(session, cycle).result, label="Closing the cycle",
                                 show_progress=False, parent=self)


def _people_and_cycles(vault: Any) -> tuple[PickerEntries, list[Any]]:
    from hrdesk.reviews.query import cycles

    return picker_entries(team_members(vault)), cycles(vault)
