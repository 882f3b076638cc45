"""Review sessions as session operations: each one transaction with its audit entry, returning an Outcome.

The window and ``hrdesk review`` call these, so both follow the same rules.
A refused attempt to record for someone outside the manager's team is logged
before the refusal is raised (in its own transaction: the refusal itself
writes nothing else).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hrdesk.errors import PermissionDeniedError
from hrdesk.reviews import cycles, record
from hrdesk.reviews.draft import ReviewDraft
from hrdesk.reviews.model import ReviewCycle, ReviewRecord
from hrdesk.reviews.suggestions import PersonSuggestions, for_person

if TYPE_CHECKING:
    from hrdesk.records.types import Employee
    from hrdesk.session import Outcome, Session


def open_cycle(session: "Session", name: str, *, today: dt.date | None = None) -> "Outcome[ReviewCycle]":
    session.require_hr("open a review cycle", "review cycle open")
    return session.perform(lambda vault: cycles.open_cycle(vault, session.actor, name, today=today))


def close_cycle(session: "Session", name: str, *, today: dt.date | None = None) -> "Outcome[ReviewCycle]":
    session.require_hr("close a review cycle", "review cycle close")
    return session.perform(lambda vault: cycles.close_cycle(vault, session.actor, name, today=today))


def suggestions_for(session: "Session", hris_id: str, *, name: str = "",
                    person: "Employee | None" = None) -> PersonSuggestions:
    """What the signed-in user may see suggested about one person (a read); ``person``: their record, when known."""
    from hrdesk.suggest.service import manager_of

    manager = manager_of(session)
    return session.read(lambda vault: for_person(vault, hris_id, manager=manager, name=name, person=person))


def check_may_record(session: "Session", hris_id: str) -> "Employee":
    """The person, or a refusal (the attempt logged) when the signed-in user may not record a review for them."""
    try:
        return session.read(lambda vault: record.reviewee(vault, session.actor, hris_id))
    except PermissionDeniedError:
        if session.actor.may_write:
            session.perform(lambda vault: vault.audit("access.refused", target=vault.user.id,
                                                      details={"attempted": "review record"}))
        raise


def record_review(session: "Session", draft: ReviewDraft, *, shown: PersonSuggestions | None = None,
                  today: dt.date | None = None) -> "Outcome[ReviewRecord]":
    """Save one review; ``shown``: the suggestions the manager saw (read again when not given)."""
    person = check_may_record(session, draft.employee_id)
    if shown is None:
        shown = suggestions_for(session, draft.employee_id, person=person)
    return session.perform(lambda vault: record.record_review(vault, session.actor, draft, shown, today=today))
