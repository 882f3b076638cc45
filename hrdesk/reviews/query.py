"""Reading review sessions: the query functions monitoring, letters and the audit packet use.

A manager's session reads only their teams' reviews (the rows are under team
keys); HR reads everyone's.
"""

from __future__ import annotations

import datetime as dt

from hrdesk.records.types import Employee
from hrdesk.records.upserts import cycle_key
from hrdesk.reviews.model import ReviewCycle, ReviewRecord, SuggestionDecision
from hrdesk.reviews.store import (DECISIONS, REVIEWS, cycle_from_row, cycle_rows, decision_from_row, decision_order,
                                  ensure_tables,
                                  review_from_row)
from hrdesk.vault import Vault


def cycles(vault: Vault) -> list[ReviewCycle]:
    """Every review cycle, oldest first (imported ones are closed history)."""
    return sorted((cycle_from_row(r) for r in cycle_rows(vault)), key=lambda c: (c.opened_on, c.name))


def _within(day: dt.date, since: dt.date | None, until: dt.date | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


def decisions(vault: Vault, *, since: dt.date | None = None, until: dt.date | None = None) -> list[SuggestionDecision]:
    """Every decision on a suggestion, oldest first (a review's in page order); ``since``/``until`` bound the decision date (inclusive)."""
    ensure_tables(vault)
    found = [decision_from_row(row) for row in sorted(vault.rows(DECISIONS), key=decision_order)]
    return [d for d in found if _within(d.decided_on, since, until)]


def reviews(vault: Vault, *, cycle: str | None = None, employee_id: str | None = None,
            since: dt.date | None = None, until: dt.date | None = None, person: Employee | None = None) -> list[ReviewRecord]:
    """Review records with their decisions, oldest first; ``employee_id`` is the HRIS id, ``cycle`` a name.

    ``person``: that employee's record when the caller has it (saves looking the HRIS id up among everyone).
    """
    ensure_tables(vault)
    where = None
    if employee_id is not None:
        if person is None or person.employee_id != employee_id:
            from hrdesk.records import Records

            person = Records(vault).employees.by_employee_id(employee_id)
        if person is None:
            return []
        where = {"employee_id": person.id}
    by_review: dict[str, list[SuggestionDecision]] = {}
    for row in sorted(vault.rows(DECISIONS, where=where), key=decision_order):
        d = decision_from_row(row)
        by_review.setdefault(d.review_id, []).append(d)
    out = []
    for row in vault.rows(REVIEWS, where=where):
        record = review_from_row(row, tuple(by_review.get(row.id, ())))
        if cycle is not None and cycle_key(record.cycle) != cycle_key(cycle):
            continue
        if _within(record.saved_on, since, until):
            out.append(record)
    return sorted(out, key=lambda r: (r.saved_on, r.employee_id, r.id))
