"""The letter types, the fields each one's template may use, and the data contracts of the later ones.

Contests and review sessions arrive with the suggestions work; their letters
are built now from these frozen dataclasses, so that work only has to fill
them in (``ContestAcknowledgement``, ``ContestOutcome``, ``ReviewSummary``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from hrdesk.letters.template import FLAG, TEXT, ListOf, Schema


class LetterType(StrEnum):
    DISCLOSURE = "disclosure"
    OWN_DATA = "own-data"
    CONTEST_ACK = "contest-ack"
    CONTEST_OUTCOME = "contest-outcome"
    REVIEW_SUMMARY = "review-summary"

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def template_file(self) -> str:
        return f"{self.value}.txt"


LABELS = {
    LetterType.DISCLOSURE: "AI-use disclosure",
    LetterType.OWN_DATA: "Your data (data-access report)",
    LetterType.CONTEST_ACK: "Contest acknowledgement",
    LetterType.CONTEST_OUTCOME: "Contest outcome",
    LetterType.REVIEW_SUMMARY: "Review summary",
}

#: Types whose letters come from the employee records alone (the others need a contest or a review session).
FROM_RECORDS = (LetterType.DISCLOSURE, LetterType.OWN_DATA)


@dataclass(frozen=True)
class ContestAcknowledgement:
    """A contest received: what it is about, who reviews it (never the manager who decided), when they answer."""

    contest_id: str
    employee_id: str  # HRIS id
    received_on: dt.date
    subject: str  # the suggestion or decision contested, in words
    employee_reason: str
    reviewer: str
    respond_by: dt.date


@dataclass(frozen=True)
class ContestOutcome:
    """A contest decided: the outcome, the reasons, and what changes for the employee."""

    contest_id: str
    employee_id: str
    received_on: dt.date
    decided_on: dt.date
    subject: str
    reviewer: str
    upheld: bool  # True: the employee's contest succeeded
    outcome: str
    reasons: str
    changes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewSummary:
    """What a review conversation agreed: the plan and the next check-in."""

    employee_id: str
    review_date: dt.date
    cycle: str
    manager: str
    agreed_plan: tuple[str, ...]
    next_checkin: dt.date | None = None
    employee_comment: str = ""
    ai_suggestions_discussed: tuple[str, ...] = ()  # each as "suggestion: decision (reason)"


_COMMON: dict[str, str | ListOf] = {
    "org_name": TEXT, "letterhead": TEXT, "letter_date": TEXT, "employee_name": TEXT, "salutation_name": TEXT, "employee_id": TEXT,
    "manager_name": TEXT, "has_manager": FLAG, "department": TEXT, "position": TEXT,
    "signatory": TEXT, "signatory_title": TEXT, "concern_contact": TEXT, "concern_response_days": TEXT,
}

SCHEMAS: dict[LetterType, Schema] = {
    LetterType.DISCLOSURE: {
        **_COMMON,
        "ai_in_use": FLAG, "register_signed": FLAG, "opted_out": FLAG,
        "ai_decisions": ListOf(("label", "accountable")),
        "human_decisions": ListOf(("label", "accountable", "locked")),
        "locked_reason": TEXT,
        "tools": ListOf(("name", "purpose", "data_leaves", "vendor_trains", "evidence")),
        "data_used": ListOf(("label", "purpose", "ai")),
        "data_not_used": ListOf(("label", "why")),
        "retention": ListOf(("label", "months")),
    },
    LetterType.OWN_DATA: {
        **_COMMON,
        "profile": ListOf(("label", "value")), "protected": ListOf(("label", "value")),
        "ratings": ListOf(("cycle", "value", "review_date")), "goals": ListOf(("cycle", "text", "status")),
        "feedback": ListOf(("cycle", "date", "author", "text")),
        "checkins": ListOf(("date", "mood", "workload", "stress", "comment")),
        "consents": ListOf(("date", "kind", "state", "by")),
        "suggestions": ListOf(("text",)),
    },
    LetterType.CONTEST_ACK: {
        **_COMMON, "contest_id": TEXT, "received_on": TEXT, "subject": TEXT, "employee_reason": TEXT,
        "reviewer": TEXT, "respond_by": TEXT,
    },
    LetterType.CONTEST_OUTCOME: {
        **_COMMON, "contest_id": TEXT, "received_on": TEXT, "decided_on": TEXT, "subject": TEXT, "reviewer": TEXT,
        "upheld": FLAG, "outcome": TEXT, "reasons": TEXT, "changes": ListOf(),
    },
    LetterType.REVIEW_SUMMARY: {
        **_COMMON, "review_date": TEXT, "cycle": TEXT, "reviewer": TEXT, "agreed_plan": ListOf(),
        "next_checkin": TEXT, "has_next_checkin": FLAG, "employee_comment": TEXT, "suggestions_discussed": ListOf(),
    },
}


def parse_type(text: str) -> LetterType:
    from hrdesk.errors import InvalidInputError

    try:
        return LetterType(text.strip().lower().replace("_", "-"))
    except ValueError:
        raise InvalidInputError(f"'{text}' is not a letter type.",
                                hint="Letter types: " + ", ".join(t.value for t in LetterType) + ".") from None
