"""The rules for editing an employee record by hand: what may change and what must agree.

Both the window's edit form and any headless caller check an edit here, so a
rule is written once and is testable without Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hrdesk.records.dates import nice_date
from hrdesk.records.types import Employee
from hrdesk.vault import members

LEAVER_WORDS = ("terminated", "left", "leaver", "resigned")
MAX_TEXT = 100
EDITABLE_FIELDS = ("department", "position", "employment_status", "termination_date")
# Said after "Only HR can" when anyone else tries an edit (the session logs the attempt).
PROFILE_EDIT_WHAT = "change an employee's details (they come from HR's records; a manager records reviews instead)"
PROFILE_EDIT_COMMAND = "edit employee"


def may_edit_profile(role: str) -> bool:
    """Whether a role may change an employee's profile by hand: HR only.

    The profile is HR's record (it mirrors the HRIS export and decides who is
    on which team, who is a leaver and when their retention starts), so a
    manager changes nothing in it; their part of a person's record is the
    review they hold, which the review sessions write. An auditor only reads.
    """
    return role == members.HR


@dataclass
class EditValues:
    """The editable fields as the person typed them."""

    department: str
    position: str
    employment_status: str
    termination_date: str  # as typed: YYYY-MM-DD or empty


@dataclass
class EditCheck:
    """The outcome of checking an edit: the fields that changed, or a message per refused field."""

    changes: dict[str, object] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # field -> message

    @property
    def ok(self) -> bool:
        return not self.errors


def check_edit(employee: Employee, values: EditValues) -> EditCheck:
    """Validate an edit and work out what changed."""
    result = EditCheck()
    for name in ("department", "position", "employment_status"):
        text = " ".join(getattr(values, name).split())
        if not text:
            result.errors[name] = "This cannot be empty."
        elif len(text) > MAX_TEXT:
            result.errors[name] = f"Keep this under {MAX_TEXT} characters."
        elif text != (getattr(employee, name) or ""):
            result.changes[name] = text
    end = _termination_date(employee, values, result)
    if "termination_date" not in result.errors and end != employee.termination_date:
        result.changes["termination_date"] = end
    return result


def is_leaver_status(status: str) -> bool:
    """Whether an employment status says the person has left ("Voluntarily Terminated", "Left")."""
    folded = " ".join(status.split()).casefold()
    return any(word in folded for word in LEAVER_WORDS)


def _termination_date(employee: Employee, values: EditValues, result: EditCheck) -> dt.date | None:
    """The typed termination date; checks it, and (when either was edited) that it agrees with the status."""
    text = values.termination_date.strip()
    end: dt.date | None = None
    if text:
        try:
            end = dt.date.fromisoformat(text)
        except ValueError:
            result.errors["termination_date"] = "Write the date as YYYY-MM-DD, for example 2025-03-31."
            return None
        if employee.hire_date and end < employee.hire_date:
            result.errors["termination_date"] = f"This is before the hire date ({nice_date(employee.hire_date)})."
            return None
    if "employment_status" in result.changes or end != employee.termination_date:
        status = " ".join(values.employment_status.split())
        leaver = is_leaver_status(status)
        if leaver and end is None:
            result.errors["termination_date"] = "A leaver needs a termination date (YYYY-MM-DD)."
        elif end is not None and not leaver and status:
            result.errors["employment_status"] = "With a termination date, the status should say how they left."
    return end
