"""The rules for editing an employee record by hand: what may change and what must agree.

Both the window's edit form and any headless caller check an edit here, so a
rule is written once and is testable without Qt.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from hrdesk.errors import InvalidInputError

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
    warnings: dict[str, str] = field(default_factory=dict)  # field -> a note that does not stop the edit

    @property
    def ok(self) -> bool:
        return not self.errors


def vault_values(employees: Iterable[Employee], name: str) -> list[str]:
    """The values of ``name`` (department, position) the vault's employees hold, as spelled there (spaces tidied)."""
    return sorted({" ".join(v.split()) for e in employees if (v := getattr(e, name) or "").strip()}, key=str.casefold)


def known_value(name: str, typed: str, known: Sequence[str]) -> str:
    """``typed`` as the vault spells that department (case and spaces aside); one it lacks is refused: a new
    department comes from the HR system with its people, not from one hand edit or one contest."""
    match = _match(typed, known)
    if match is None:
        raise InvalidInputError(f"'{' '.join(str(typed).split())}' is not a {name} in this vault.",
                                hint=_known_hint(name, known) + " Nothing was changed.")
    return match


def check_edit(employee: Employee, values: EditValues, *, departments: Sequence[str] | None = None,
               positions: Sequence[str] | None = None) -> EditCheck:
    """Validate an edit and work out what changed. With the vault's ``departments`` a changed department must be
    one of them; with its ``positions`` a known position is spelled as the vault does and a new one is a warning
    (a promotion may precede the HR system's next export, and no model or audit groups people by position)."""
    result = EditCheck()
    for name in ("department", "position", "employment_status"):
        text = " ".join(getattr(values, name).split())
        if not text:
            result.errors[name] = "This cannot be empty."
        elif len(text) > MAX_TEXT:
            result.errors[name] = f"Keep this under {MAX_TEXT} characters."
        elif text != (getattr(employee, name) or ""):
            result.changes[name] = text
    _check_known(result, departments, positions)
    end = _termination_date(employee, values, result)
    if "termination_date" not in result.errors and end != employee.termination_date:
        result.changes["termination_date"] = end
    return result


def _check_known(result: EditCheck, departments: Sequence[str] | None, positions: Sequence[str] | None) -> None:
    if departments is not None and "department" in result.changes:
        try:
            result.changes["department"] = known_value("department", str(result.changes["department"]), departments)
        except InvalidInputError as exc:
            del result.changes["department"]
            result.errors["department"] = f"{exc.message} {_known_hint('department', departments)}"
    if positions is not None and "position" in result.changes:
        typed = str(result.changes["position"])
        match = _match(typed, positions)
        if match is not None:
            result.changes["position"] = match
        else:
            near = difflib.get_close_matches(typed, positions, n=3, cutoff=0.6)
            result.warnings["position"] = (f"'{typed}' is a position no one else in this vault holds"
                                           + (f"; did you mean {' or '.join(repr(p) for p in near)}?" if near
                                              else ". Check the spelling."))


def _match(typed: str, known: Sequence[str]) -> str | None:
    wanted = " ".join(str(typed).split()).casefold()
    return next((k for k in known if k.casefold() == wanted), None)


def _known_hint(name: str, known: Sequence[str]) -> str:
    plural = "Departments" if name == "department" else "Positions"
    return (f"{plural}: " + (", ".join(known) or "none yet") + f". A new {name} comes from the HR system: "
            "add it there and import again.")


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
