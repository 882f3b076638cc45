"""What a review session records: the data contract shared by reviews, monitoring, contests, letters and the packet.

These dataclasses cross layers, so their fields are fixed here first and filled
in by ``hrdesk.reviews`` (storage, session operations, CLI, the Reviews section).
Readers (monitoring, the audit packet) use only these types and the query
functions ``hrdesk.reviews`` exposes:

    hrdesk.reviews.query.cycles(vault) -> list[ReviewCycle]
    hrdesk.reviews.query.reviews(vault, *, cycle=None, employee_id=None,
                                 since=None, until=None) -> list[ReviewRecord]
    hrdesk.reviews.query.decisions(vault, *, since=None, until=None) -> list[SuggestionDecision]

Everything is about people, so it lives encrypted in the vault like every record;
employees are named by their HRIS id, managers by their name (as in the teams).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Verdict(StrEnum):
    """What the manager did with one suggestion; the override rate counts SET_ASIDE and DISAGREE."""

    ACCEPT = "accept"          # accepted as a conversation topic, never as a decision
    SET_ASIDE = "set-aside"    # not relevant now
    DISAGREE = "disagree"      # the manager thinks it is wrong

    @property
    def label(self) -> str:
        return {"accept": "Accepted as a conversation topic", "set-aside": "Set aside",
                "disagree": "Disagreed"}[self.value]


@dataclass(frozen=True)
class ReviewCycle:
    """A review cycle HR opens and closes; a closed cycle is read-only."""

    id: str            # vault id
    name: str          # e.g. "2026 H2"
    opened_on: dt.date
    closed_on: dt.date | None = None
    imported: bool = False   # came with imported reviews: history, read-only unless HR opens it
    opened_by: str = ""
    closed_by: str = ""

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


@dataclass(frozen=True)
class SuggestionDecision:
    """A named human's decision on one AI suggestion, with the reason and what the data cannot see."""

    id: str            # vault id
    review_id: str     # the ReviewRecord it belongs to
    employee_id: str   # HRIS id
    cycle: str         # cycle name
    manager: str       # the deciding manager's name
    kind: str          # retention | development | wellbeing (hrdesk.suggest.service.Suggestion.kind)
    suggestion: str    # the suggestion as the manager saw it, in words
    verdict: Verdict
    reason: str
    context: str       # "context the data cannot see": first-class, may be ""
    decided_on: dt.date
    key: str = ""      # which of the person's suggestions, e.g. "development-2" (``hrdesk review show`` lists them)


@dataclass(frozen=True)
class PlanItem:
    """One line of the agreed development plan; ``source`` says whose idea it was."""

    text: str
    source: str        # "suggestion" (a suggestion named it) | "employee" (the employee's choice) | "manager"


@dataclass(frozen=True)
class ReviewRecord:
    """One review conversation: the human rating, the plan, the next check-in, and every suggestion decision."""

    id: str            # vault id
    employee_id: str   # HRIS id
    cycle: str         # cycle name
    manager: str
    saved_on: dt.date
    rating: float | None          # the manager's own rating, never pre-filled by a model
    rating_scale: str             # e.g. "1-5", as the vault's ratings use
    feedback: str
    plan: tuple[PlanItem, ...]
    next_checkin: dt.date | None
    decisions: tuple[SuggestionDecision, ...] = ()
    employee_comment: str = ""
    rating_label: str = ""        # the rating in the vault scale's words, e.g. "Fully Meets"
    recorded_by: str = ""         # who typed it in, when not the manager (HR transcribing a paper review)
    cycle_id: str = ""            # the cycle's vault id
