"""Build an ``AuditInput`` from the decrypted records of a vault.

This is the one place where protected attributes meet performance data, and it
reads them through ``protected.for_fairness`` with the fairness-monitoring
purpose (which audit-logs the access). People are identified by their opaque
vault ids; names never enter the audit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import pandas as pd

from hrdesk.errors import InvalidInputError
from hrdesk.fairness.inputs import AuditInput
from hrdesk.records import Records, protected
from hrdesk.records.fields import Purpose
from hrdesk.records.types import Employee, ProtectedAttributes, Rating, ReviewCycle

ATTRIBUTES = ("sex", "race", "hispanic_latino", "disability")


class NothingToAuditError(InvalidInputError):
    """The vault has no employees yet: say what an audit needs instead of "invalid input"."""

    title = "Nothing to audit yet"

    def __init__(self) -> None:
        super().__init__(
            "There is nobody to audit yet: this vault has no employees.",
            hint="Import your HRIS export first ('hrdesk import', or File › Import a file… in the window) with each "
                 "person's performance rating and manager; to compare groups for bias it also needs at least one "
                 "protected attribute such as sex, race/ethnicity or date of birth.",
        )


def _latest_ratings(ratings: Iterable[Rating], cycle_order: dict[str, int], cycle_id: str | None) -> dict[str, Rating]:
    """Per employee, the rating of ``cycle_id`` (or of the most recent cycle they were rated in)."""
    best: dict[str, Rating] = {}
    for r in ratings:
        if r.scale != "performance" or (cycle_id is not None and r.cycle_id != cycle_id):
            continue
        current = best.get(r.employee_id)
        key = (cycle_order.get(r.cycle_id or "", -1), r.review_date or dt.date.min)
        if current is None or key > (cycle_order.get(current.cycle_id or "", -1), current.review_date or dt.date.min):
            best[r.employee_id] = r
    return best


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("Yes" if value else "No")


_VOLUNTARY = {"voluntary", "voluntarily", "resigned", "resignation", "resigns", "quit"}
_INVOLUNTARY = {"involuntary", "involuntarily", "dismissed", "cause", "fired", "laid", "layoff", "redundancy"}


def left_voluntarily(status: str | None) -> bool:
    """'Voluntarily Terminated', 'Voluntary Resignation' yes; 'Involuntarily Terminated', 'Terminated for Cause' no."""
    words = set(re.findall(r"[a-z]+", (status or "").lower()))
    return bool(words & _VOLUNTARY) and not words & _INVOLUNTARY


def _person_row(e: Employee, rating: Rating | None, attrs: ProtectedAttributes | None, *, fallback: bool) -> dict:
    """One person; ``fallback`` (whole-organisation audits only) uses the HRIS export's latest score
    for people with no rating record. A single-cycle audit never borrows another period's rating."""
    return {
        "person": e.id,
        "manager": e.manager_name,
        "rating": rating.value if rating else (e.performance_score if fallback else None),
        "engagement": e.engagement,
        "satisfaction": e.satisfaction,
        "left_voluntarily": left_voluntarily(e.employment_status),
        "promoted": pd.NA,
        "last_review_date": (
            rating.review_date if rating and rating.review_date else (e.last_review_date if fallback else None)
        ),
        "date_of_birth": protected.birth_date_for_age(attrs) if attrs else None,  # or from an age in years
        "sex": attrs.sex if attrs else None,
        "race": attrs.race if attrs else None,
        "hispanic_latino": _yes_no(attrs.hispanic_latino) if attrs else None,
        "disability": attrs.disability if attrs else None,
    }


def _find_cycle(cycles: list[ReviewCycle], name: str | None) -> ReviewCycle | None:
    if name is None:
        return None
    match = [c for c in cycles if c.name == name]
    if not match:
        names = ", ".join(c.name for c in cycles) or "none"
        raise InvalidInputError(f"There is no review cycle called '{name}'.", hint=f"Cycles in this vault: {names}.")
    return match[0]


def _employed_during(e: Employee, cycle: ReviewCycle) -> bool:
    """Hired before the cycle ended and not gone before it started (unknown dates count as yes)."""
    hired_after = e.hire_date is not None and cycle.end is not None and e.hire_date > cycle.end
    gone_before = e.termination_date is not None and cycle.start is not None and e.termination_date < cycle.start
    return not (hired_after or gone_before)


def audit_input_from_records(
    records: Records, *, cycle: str | None = None, reference_date: dt.date | None = None
) -> AuditInput:
    """Everything the audit needs, for the whole organisation or one review cycle."""
    employees = records.employees.list()
    if not employees:
        raise NothingToAuditError()
    scale = tuple(records.ratings.scale())
    if len(scale) < 2:
        raise InvalidInputError(
            "No rating scale is declared in this vault yet.",
            hint="Import a file with performance scores; the import declares the scale's order.",
        )
    cycles = records.cycles.list()
    cycle_order = {c.id: i for i, c in enumerate(sorted(cycles, key=lambda c: (c.end or c.start or dt.date.min, c.name)))}
    chosen = _find_cycle(cycles, cycle)
    cycle_id = chosen.id if chosen else None
    if chosen is not None:
        employees = [e for e in employees if _employed_during(e, chosen)]
        # Ages and staleness as they were when the cycle closed, not on the day the audit runs.
        reference_date = reference_date or chosen.end or chosen.start
    ratings = _latest_ratings(records.ratings.list(), cycle_order, cycle_id)
    attrs_by_employee = protected.for_fairness(records.vault, purpose=Purpose.FAIRNESS)
    rows = [_person_row(e, ratings.get(e.id), attrs_by_employee.get(e.id), fallback=chosen is None) for e in employees]
    people = pd.DataFrame(rows)
    for column in ("last_review_date", "date_of_birth"):
        people[column] = pd.to_datetime(people[column], errors="coerce")
    people["promoted"] = people["promoted"].astype("boolean")
    present = tuple(a for a in ATTRIBUTES if people[a].notna().any())
    feedback = pd.DataFrame(
        [
            {"person": f.employee_id, "text": f.text, "source": f.id}
            for f in records.feedback.list()
            if cycle_id is None or f.cycle_id == cycle_id
        ],
        columns=["person", "text", "source"],
    )
    return AuditInput(
        people=people,
        scale=scale,
        reference_date=reference_date or dt.date.today(),
        attributes=present,
        feedback=feedback,
    )
