"""Typed records, one dataclass per kind of thing hrdesk holds.

The vault stores JSON payloads with ISO date strings; these classes are what
the rest of hrdesk sees. ``Employee`` deliberately has no protected
attributes: they live in ``ProtectedAttributes`` and are read only through
``records.protected`` for fairness monitoring.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import MISSING, dataclass, fields
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


@dataclass(frozen=True)
class _Shape:
    """What building a record of one type needs, worked out once per type (``fields()`` per record
    cost seconds at 100,000 people)."""

    names: frozenset[str]
    defaults: dict[str, Any]
    required: frozenset[str]
    dates: frozenset[str]
    fast: bool  # no __post_init__, no default factories: the instance dict can be filled directly


@functools.cache
def _shape(cls: type) -> _Shape:
    all_fields = fields(cls)
    names = frozenset(f.name for f in all_fields)
    defaults = {f.name: f.default for f in all_fields if f.default is not MISSING}
    factories = any(f.default_factory is not MISSING for f in all_fields)
    required = frozenset(f.name for f in all_fields if f.default is MISSING and f.default_factory is MISSING)
    fast = not factories and not hasattr(cls, "__post_init__") and not hasattr(cls, "__slots__")
    return _Shape(names, defaults, required, DATE_FIELDS & names, fast)


def from_payload(cls: type, row_id: str, payload: dict[str, Any], **links: Any) -> Any:
    """Build a record from a stored payload; unknown keys are ignored, dates parsed.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``; for the
    record types (plain fields, no ``__post_init__``) the instance dict is filled at once instead,
    with the same values and the same error for a missing required field.
    """
    shape = _shape(cls)
    names = shape.names
    values: dict[str, Any] = {k: v for k, v in payload.items() if k in names}
    for key in shape.dates & values.keys():
        value = values[key]
        values[key] = dt.date.fromisoformat(value) if value else None
    for key, value in links.items():
        if key in names:
            values[key] = value
    values["id"] = row_id
    if not shape.fast or not shape.required <= values.keys():
        return cls(**values)  # the dataclass's own __init__ (and its TypeError for what is missing)
    record = object.__new__(cls)
    record.__dict__.update(shape.defaults)
    record.__dict__.update(values)
    return record


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
