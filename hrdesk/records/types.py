"""Typed records, one dataclass per kind of thing hrdesk holds.

The vault stores JSON payloads with ISO date strings; these classes are what
the rest of hrdesk sees. ``Employee`` deliberately has no protected
attributes: they live in ``ProtectedAttributes`` and are read only through
``records.protected`` for fairness monitoring.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, fields
from typing import Any


def to_date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def from_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class Employee:
    id: str  # opaque vault id
    employee_id: str  # the HRIS employee id
    name: str
    team_id: str | None = None
    manager_name: str | None = None
    department: str | None = None
    position: str | None = None
    employment_status: str | None = None
    hire_date: dt.date | None = None
    termination_date: dt.date | None = None
    termination_reason: str | None = None
    performance_score: str | None = None  # on the vault's rating scale
    last_review_date: dt.date | None = None
    special_projects: int | None = None
    engagement: float | None = None
    satisfaction: int | None = None
    absences: int | None = None

    @property
    def is_leaver(self) -> bool:
        return self.termination_date is not None


DATE_FIELDS = frozenset({"hire_date", "termination_date", "last_review_date", "date_of_birth", "age_on", "date", "review_date", "start", "end", "at"})


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    """A record type's field names, worked out once: ``fields()`` per record cost seconds at 100,000 people."""
    return frozenset(f.name for f in fields(cls))


def from_payload(cls: type, row_id: str, payload: dict[str, Any], **links: Any) -> Any:
    """Build a record from a stored payload; unknown keys are ignored, dates parsed."""
    names = _field_names(cls)
    values: dict[str, Any] = {k: v for k, v in payload.items() if k in names}
    for key in DATE_FIELDS & values.keys():
        values[key] = to_date(values[key])
    values.update({k: v for k, v in links.items() if k in names})
    return cls(id=row_id, **values)


def to_payload(record: Any, exclude: tuple[str, ...] = ("id",)) -> dict[str, Any]:
    """The JSON payload of a record (dates as ISO strings); link fields are excluded by the caller."""
    out: dict[str, Any] = {}
    for f in fields(record):
        if f.name in exclude:
            continue
        value = getattr(record, f.name)
        out[f.name] = from_date(value) if isinstance(value, dt.date) else value
    return out


@dataclass(frozen=True)
class Team:
    """A manager's direct reports. ``manager_employee_id`` links the manager's own record, when found."""

    id: str
    manager_name: str
    manager_employee_id: str | None = None


@dataclass(frozen=True)
class ProtectedAttributes:
    """Held for fairness monitoring only; never a model feature."""

    id: str
    employee_id: str  # opaque vault id of the employee
    sex: str | None = None
    race: str | None = None
    hispanic_latino: bool | None = None
    date_of_birth: dt.date | None = None
    disability: str | None = None
    age: int | None = None  # from an export with an age instead of a date of birth
    age_on: dt.date | None = None  # the day that age was true (the import date)


@dataclass(frozen=True)
class ReviewCycle:
    id: str
    name: str
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class Rating:
    id: str
    employee_id: str
    cycle_id: str | None
    value: str
    scale: str = "performance"
    review_date: dt.date | None = None


@dataclass(frozen=True)
class Goal:
    id: str
    employee_id: str
    cycle_id: str | None
    text: str
    date: dt.date | None = None
    status: str = "open"


@dataclass(frozen=True)
class Feedback:
    id: str
    employee_id: str
    cycle_id: str | None
    text: str
    date: dt.date | None = None
    author: str | None = None


@dataclass(frozen=True)
class CheckIn:
    """A self-reported well-being check-in (1-5 each); for coaching only."""

    id: str
    employee_id: str
    date: dt.date
    mood: int
    workload: int
    stress: int
    comment: str | None = None


@dataclass(frozen=True)
class ConsentEvent:
    """One change to a consent or opt-out; the history is every event, newest last."""

    id: str
    employee_id: str
    kind: str
    granted: bool
    at: dt.date
    by: str = ""
    note: str = ""


@dataclass(frozen=True)
class RecordCounts:
    """What the Overview screen shows."""

    employees: int
    active_employees: int
    leavers: int
    teams: int
    review_cycles: int
    ratings: int
    goals: int
    feedback: int
    checkins: int
    opted_out_of_ai: int
