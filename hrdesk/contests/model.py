"""A contest is a case: the data contract shared by contests, monitoring, letters and the audit packet.

Filled in by ``hrdesk.contests`` (storage, session operations, CLI, the Contests
section). Readers use only these types and:

    hrdesk.contests.query.contests(vault, *, since=None, until=None) -> list[Contest]

The letters for a contest are built from ``Contest.acknowledgement()`` and
``Contest.outcome_letter()`` (the letters package's frozen contracts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from hrdesk.letters.kinds import ContestAcknowledgement, ContestOutcome


class Subject(StrEnum):
    SUGGESTION = "suggestion"   # an AI suggestion (subject_ref: the SuggestionDecision id, when one was recorded)
    DECISION = "decision"       # a human decision, e.g. a rating (subject_ref: the ReviewRecord id)
    DATA = "data"               # a data item (subject_ref: the field name)


class Outcome(StrEnum):
    OPEN = "open"
    UPHELD = "upheld"           # the employee was right: data corrected / decision revisited
    PARTLY_UPHELD = "partly-upheld"
    NOT_UPHELD = "not-upheld"


@dataclass(frozen=True)
class Contest:
    id: str                     # human-readable case number, e.g. "C-0007"
    employee_id: str            # HRIS id
    subject_kind: Subject
    subject: str                # what is contested, in words
    subject_ref: str            # see Subject; may be ""
    employee_reason: str
    received_on: dt.date
    due_on: dt.date             # received_on + the rights settings' response days (governance step 3)
    reviewer: str               # never the manager who decided
    decided_by: str             # the manager whose decision or suggestion is contested; "" for data items
    outcome: Outcome = Outcome.OPEN
    decided_on: dt.date | None = None
    reasons: str = ""
    changes: tuple[str, ...] = ()   # the corrections made, in words (each also an audit-logged edit)

    @property
    def is_open(self) -> bool:
        return self.outcome is Outcome.OPEN

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open and today > self.due_on

    def response_days(self) -> int | None:
        return None if self.decided_on is None else (self.decided_on - self.received_on).days

    def acknowledgement(self) -> ContestAcknowledgement:
        return ContestAcknowledgement(self.id, self.employee_id, self.received_on, self.subject,
                                      self.employee_reason, self.reviewer, self.due_on)

    def outcome_letter(self) -> ContestOutcome:
        if self.decided_on is None:
            raise ValueError("an open contest has no outcome letter yet")
        return ContestOutcome(self.id, self.employee_id, self.received_on, self.decided_on, self.subject,
                              self.reviewer, self.outcome in (Outcome.UPHELD, Outcome.PARTLY_UPHELD),
                              self.outcome_sentence(), self.reasons, self.changes)

    def outcome_sentence(self) -> str:
        """The outcome in words for the employee (the letter says "Your contest was [not] upheld." before it)."""
        what = {Subject.SUGGESTION: "suggestion", Subject.DECISION: "decision", Subject.DATA: "record"}[self.subject_kind]
        return {
            Outcome.UPHELD: f"{self.reviewer or 'The reviewer'} agreed with you.",
            Outcome.PARTLY_UPHELD: (f"In part: {self.reviewer or 'the reviewer'} agreed with some of what you raised; "
                                    "the reasons below say which part, and what stands."),
            Outcome.NOT_UPHELD: f"{self.reviewer or 'The reviewer'} found that the original {what} stands.",
            Outcome.OPEN: "It is still being reviewed.",
        }[self.outcome]
