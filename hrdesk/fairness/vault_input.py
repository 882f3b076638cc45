"""Build an ``AuditInput`` from the decrypted records of a vault.

This is the one place where protected attributes meet performance data, and it
reads them through ``protected.for_fairness`` with the fairness-monitoring
purpose (which audit-logs the access). People are identified by their opaque
vault ids; names never enter the audit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from hrdesk.errors import InvalidInputError
from hrdesk.fairness.inputs import AuditInput
from hrdesk.records import Records, protected
from hrdesk.records.fields import Purpose
from hrdesk.records.types import Employee, ProtectedAttributes, Rating

ATTRIBUTES = ("sex", "race", "hispanic_latino", "disability")


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


def _person_row(e: Employee, rating: Rating | None, attrs: ProtectedAttributes | None) -> dict:
    status = (e.employment_status or "").lower()
    return {
        "person": e.id,
        "manager": e.manager_name,
        "rating": rating.value if rating else e.performance_score,
        "engagement": e.engagement,
        "satisfaction": e.satisfaction,
        "left_voluntarily": "voluntarily" in status,
        "promoted": pd.NA,
        "last_review_date": (rating.review_date if rating and rating.review_date else e.last_review_date),
        "date_of_birth": attrs.date_of_birth if attrs else None,
        "sex": attrs.sex if attrs else None,
        "race": attrs.race if attrs else None,
        "hispanic_latino": _yes_no(attrs.hispanic_latino) if attrs else None,
        "disability": attrs.disability if attrs else None,
    }


def audit_input_from_records(
    records: Records, *, cycle: str | None = None, reference_date: dt.date | None = None
) -> AuditInput:
    """Everything the audit needs, for the whole organisation or one review cycle."""
    employees = records.employees.list()
    if not employees:
        raise InvalidInputError("There is nobody to audit yet.", hint="Import your HRIS export first.")
    scale = tuple(records.ratings.scale())
    if len(scale) < 2:
        raise InvalidInputError(
            "No rating scale is declared in this vault yet.",
            hint="Import a file with performance scores; the import declares the scale's order.",
        )
    cycles = records.cycles.list()
    cycle_order = {c.id: i for i, c in enumerate(sorted(cycles, key=lambda c: (c.end or c.start or dt.date.min, c.name)))}
    cycle_id = None
    if cycle is not None:
        match = [c for c in cycles if c.name == cycle]
        if not match:
            names = ", ".join(c.name for c in cycles) or "none"
            raise InvalidInputError(f"There is no review cycle called '{cycle}'.", hint=f"Cycles in this vault: {names}.")
        cycle_id = match[0].id
    ratings = _latest_ratings(records.ratings.list(), cycle_order, cycle_id)
    attrs_by_employee = protected.for_fairness(records.vault, purpose=Purpose.FAIRNESS)
    rows = [_person_row(e, ratings.get(e.id), attrs_by_employee.get(e.id)) for e in employees]
    people = pd.DataFrame(rows)
    for column in ("last_review_date", "date_of_birth"):
        people[column] = pd.to_datetime(people[column], errors="coerce")
    people["promoted"] = people["promoted"].astype("boolean")
    present = tuple(a for a in ATTRIBUTES if people[a].notna().any())
    feedback = pd.DataFrame(
        [{"person": f.employee_id, "text": f.text} for f in records.feedback.list() if cycle_id is None or f.cycle_id == cycle_id],
        columns=["person", "text"],
    )
    return AuditInput(
        people=people,
        scale=scale,
        reference_date=reference_date or dt.date.today(),
        attributes=present,
        feedback=feedback,
    )
