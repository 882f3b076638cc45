"""Build an ``AuditInput`` from the decrypted records of a vault.

This is the one place where protected attributes meet performance data, and it
reads them through ``protected.for_fairness`` with the fairness-monitoring
purpose (which audit-logs the access). People are identified by their opaque
vault ids; names never enter the audit.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

import pandas as pd

from hrdesk.errors import InvalidInputError
from hrdesk.fairness.inputs import AuditInput
from hrdesk.records import Records, protected
from hrdesk.records.fields import Purpose
from hrdesk.records.leaving import left_voluntarily  # the rule lives with the records (monitoring imports it here)
from hrdesk.records.types import ProtectedAttributes, ReviewCycle, to_date
from hrdesk.vault import StoredRow

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


def _latest_ratings(ratings: Iterable[StoredRow], cycle_order: dict[str, int], cycle_id: str | None) -> dict[str, dict]:
    """Per employee, the performance rating payload of ``cycle_id`` (or of the most recent cycle they were
    rated in; within a cycle the latest review date). Dates are ISO text, which sorts as the dates do."""
    best: dict[str, tuple[tuple[int, str], dict]] = {}
    for row in ratings:
        payload, links = row.payload, row.links
        if payload.get("scale", "performance") != "performance":
            continue
        rated_in = links.get("cycle_id")
        if cycle_id is not None and rated_in != cycle_id:
            continue
        key = (cycle_order.get(rated_in or "", -1), payload.get("review_date") or "")
        employee = links["employee_id"]
        current = best.get(employee)
        if current is None or key > current[0]:
            best[employee] = (key, payload)
    return {employee: payload for employee, (_key, payload) in best.items()}


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("Yes" if value else "No")




_COLUMNS = ("person", "manager", "rating", "engagement", "satisfaction", "left_voluntarily", "promoted",
            "last_review_date", "date_of_birth", "sex", "race", "hispanic_latino", "disability")


@functools.lru_cache(maxsize=256)
def _left_voluntarily(status: str | None) -> bool:
    return left_voluntarily(status)  # a handful of distinct statuses among 100,000 people


def _people_frame(employees: list[StoredRow], ratings: dict[str, dict],
                  attrs_by_employee: dict[str, ProtectedAttributes], *, fallback: bool) -> pd.DataFrame:
    """One row per person, built column by column from the decrypted payloads; ``fallback``
    (whole-organisation audits only) uses the HRIS export's latest score for people with no rating
    record. A single-cycle audit never borrows another period's rating."""
    columns: dict[str, list] = {name: [] for name in _COLUMNS}
    for row in employees:
        p = row.payload
        rating = ratings.get(row.id)
        attrs = attrs_by_employee.get(row.id)
        columns["person"].append(row.id)
        columns["manager"].append(p.get("manager_name"))
        columns["rating"].append(rating["value"] if rating else (p.get("performance_score") if fallback else None))
        columns["engagement"].append(p.get("engagement"))
        columns["satisfaction"].append(p.get("satisfaction"))
        columns["left_voluntarily"].append(_left_voluntarily(p.get("employment_status")))
        reviewed = rating.get("review_date") if rating else None
        columns["last_review_date"].append(reviewed or (p.get("last_review_date") if fallback else None))
        columns["date_of_birth"].append(protected.birth_date_for_age(attrs) if attrs else None)
        columns["sex"].append(attrs.sex if attrs else None)
        columns["race"].append(attrs.race if attrs else None)
        columns["hispanic_latino"].append(_yes_no(attrs.hispanic_latino) if attrs else None)
        columns["disability"].append(attrs.disability if attrs else None)
    columns["promoted"] = [pd.NA] * len(employees)
    return pd.DataFrame({name: columns[name] for name in _COLUMNS})


def _find_cycle(cycles: list[ReviewCycle], name: str | None) -> ReviewCycle | None:
    if name is None:
        return None
    match = [c for c in cycles if c.name == name]
    if not match:
        names = ", ".join(c.name for c in cycles) or "none"
        raise InvalidInputError(f"There is no review cycle called '{name}'.", hint=f"Cycles in this vault: {names}.")
    return match[0]


def _employed_during(payload: dict, cycle: ReviewCycle) -> bool:
    """Hired before the cycle ended and not gone before it started (unknown dates count as yes)."""
    hired, gone = to_date(payload.get("hire_date")), to_date(payload.get("termination_date"))
    hired_after = hired is not None and cycle.end is not None and hired > cycle.end
    gone_before = gone is not None and cycle.start is not None and gone < cycle.start
    return not (hired_after or gone_before)


def audit_input_from_records(
    records: Records, *, cycle: str | None = None, reference_date: dt.date | None = None
) -> AuditInput:
    """Everything the audit needs, for the whole organisation or one review cycle.

    The frame is built straight from the decrypted payloads (no dataclass per record): at
    100,000 people reading the vault is then a fraction of the audit itself.
    """
    employees = records.employees.payloads()
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
        employees = [e for e in employees if _employed_during(e.payload, chosen)]
        # Ages and staleness as they were when the cycle closed, not on the day the audit runs.
        reference_date = reference_date or chosen.end or chosen.start
    ratings = _latest_ratings(records.ratings.payloads(), cycle_order, cycle_id)
    attrs_by_employee = protected.for_fairness(records.vault, purpose=Purpose.FAIRNESS)
    people = _people_frame(employees, ratings, attrs_by_employee, fallback=chosen is None)
    for column in ("last_review_date", "date_of_birth"):
        people[column] = pd.to_datetime(people[column], errors="coerce")
    people["promoted"] = people["promoted"].astype("boolean")
    present = tuple(a for a in ATTRIBUTES if people[a].notna().any())
    feedback = pd.DataFrame(
        [
            (f.links["employee_id"], f.payload["text"], f.id)
            for f in records.feedback.payloads()
            if cycle_id is None or f.links.get("cycle_id") == cycle_id
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
