"""Everything one review page shows, read in one call: what the window and ``hrdesk review show`` present.

The profile, imported ratings, feedback and well-being come from the records
layer's employee page (``records.detail``), with its rule that a manager sees
check-ins only of someone who shares them. Past reviews add their ratings to
the history. Suggestions come through governance's gates (``reviews.suggestions``).
The manager's own rating for the open cycle is never filled in by anything
but a review they saved themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hrdesk.records.detail import DetailData, RatingPoint, load_detail
from hrdesk.records.types import Employee, Goal
from hrdesk.records.wellbeing import strained
from hrdesk.reviews.model import ReviewCycle, ReviewRecord
from hrdesk.reviews.suggestions import PersonSuggestions, Scored, for_person

if TYPE_CHECKING:
    from hrdesk.session import Session
    from hrdesk.vault import Vault


@dataclass(frozen=True)
class ReviewPage:
    detail: DetailData
    goals: tuple[Goal, ...]
    reviews: tuple[ReviewRecord, ...]  # saved review sessions about this person, oldest first
    suggestions: PersonSuggestions
    cycle: ReviewCycle | None  # the open cycle a review is recorded in (None: none open, or several)
    open_cycles: tuple[ReviewCycle, ...]
    scale: tuple[str, ...]  # the rating labels, lowest first

    @property
    def employee(self) -> Employee:
        return self.detail.employee

    @property
    def current(self) -> ReviewRecord | None:
        """The review already saved in the open cycle (to edit), if any."""
        if self.cycle is None:
            return None
        return next((r for r in reversed(self.reviews) if r.cycle_id == self.cycle.id), None)

    @property
    def rating_history(self) -> list[RatingPoint]:
        """Imported ratings and the ratings of saved reviews, oldest first."""
        saved = [RatingPoint(r.cycle, r.rating_label, r.saved_on) for r in self.reviews if r.rating_label]
        return sorted([*self.detail.ratings, *saved], key=lambda p: p.date or dt.date.min)

    @property
    def strained(self) -> bool:
        return strained(self.detail.checkins)


def team_members(vault: "Vault") -> list[Employee]:
    """Who the signed-in user may pick: a manager their teams' current people, HR everyone current."""
    from hrdesk.records import Records

    people = [e for e in Records(vault).employees.list() if not e.is_leaver]
    return sorted(people, key=lambda e: (e.name.casefold(), e.employee_id))


def load_page(vault: "Vault", employee: Employee, *, manager: Any = None,
              scored: Scored | None = None) -> ReviewPage:
    """One person's review page; ``employee`` from ``team_members`` (its vault id keys every read).

    ``scored``: the viewer's gates and the teams already scored (``reviews.suggestions.score``), kept by a
    window between pages; read here when not given (one team's records, whoever the viewer is).
    """
    from hrdesk.records import Records
    from hrdesk.reviews.query import cycles, reviews
    from hrdesk.reviews.record import rating_scale

    records = Records(vault)
    detail = load_detail(records, employee.id)
    open_ = tuple(c for c in cycles(vault) if c.is_open)
    shown = for_person(vault, employee.employee_id, manager=manager, name=employee.name, scored=scored,
                       person=employee)
    return ReviewPage(detail=detail, goals=tuple(records.goals.for_employee(employee.id)),
                      reviews=tuple(reviews(vault, employee_id=employee.employee_id, person=employee)),
                      suggestions=shown, cycle=open_[0] if len(open_) == 1 else None, open_cycles=open_,
                      scale=rating_scale(vault))


def load_page_for(session: "Session", hris_id: str) -> ReviewPage:
    """The page for one HRIS id as the signed-in user sees it (the CLI's ``show``)."""
    from hrdesk.reviews.record import reviewee
    from hrdesk.suggest.service import manager_of

    manager = manager_of(session)
    return session.read(lambda vault: load_page(vault, reviewee(vault, session.actor, hris_id), manager=manager))
