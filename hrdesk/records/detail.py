"""Everything one employee's page shows, read in one call through the records layer.

Protected attributes are not part of it: they reach a person only through the
employee's own data report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hrdesk.records.types import CheckIn, ConsentEvent, Employee, Feedback, Rating
from hrdesk.records.wellbeing import checkins_visible

if TYPE_CHECKING:  # records/__init__ imports the repositories; only the type is needed here
    from hrdesk.records import Records


@dataclass(frozen=True)
class RatingPoint:
    """One rating on the employee's history: the cycle's name, the label and the review date."""

    cycle: str
    value: str
    date: dt.date | None


@dataclass(frozen=True)
class DetailData:
    """Everything the page shows about one employee."""

    employee: Employee
    team_name: str
    scale: list[str]
    ratings: list[RatingPoint]
    feedback: list[tuple[str, Feedback]]  # (cycle name, feedback), oldest first
    checkins: list[CheckIn]
    consent: dict[str, bool]
    history: list[ConsentEvent]
    checkins_hidden: bool = False  # a manager without the employee's consent to share


def load_detail(records: "Records", employee_id: str, *, role: str | None = None) -> DetailData:
    """Read one employee's page as ``role`` would see it (the vault's acting user by default)."""
    employee = records.employees.get(employee_id)
    cycles = {c.id: c for c in records.cycles.list()}
    team = records.teams.get(employee.team_id) if employee.team_id else None

    def cycle_name(cycle_id: str | None) -> str:
        return cycles[cycle_id].name if cycle_id in cycles else "No cycle"

    def rating_date(r: Rating) -> dt.date:
        cycle = cycles.get(r.cycle_id or "")
        return r.review_date or (cycle.end if cycle and cycle.end else dt.date.min)

    ratings = sorted(records.ratings.for_employee(employee_id), key=rating_date)
    consent = records.consents.current(employee_id)
    hidden = not checkins_visible(role or records.vault.user.role, consent)
    return DetailData(
        employee=employee,
        team_name=team.manager_name if team else (employee.manager_name or ""),
        scale=records.ratings.scale(),
        ratings=[RatingPoint(cycle_name(r.cycle_id), r.value, r.review_date) for r in ratings],
        feedback=[(cycle_name(f.cycle_id), f) for f in records.feedback.for_employee(employee_id)],
        checkins=[] if hidden else sorted(records.checkins.for_employee(employee_id), key=lambda c: c.date),
        consent=consent,
        history=records.consents.history(employee_id),
        checkins_hidden=hidden,
    )


__all__ = ["DetailData", "RatingPoint", "load_detail"]
