"""The rules of a contest, in the core so the window and the CLI cannot differ.

- The due date comes from the rights the organisation promised (governance
  step 3, ``contest.response_days``). Before step 3 has set them there is no
  promise to count from, so an explicit due date is required; afterwards an
  explicit date may be earlier than the promise, never later.
- The reviewer is never the manager who decided: for a contested decision or
  suggestion that is the manager recorded in the review (``hrdesk.reviews``)
  when one is named, else the employee's team manager.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hrdesk.contests.model import Subject
from hrdesk.errors import HrdeskError, InvalidInputError
from hrdesk.records.names import person_key

if TYPE_CHECKING:
    from hrdesk.records import Employee
    from hrdesk.vault import Vault

MAX_TEXT = 2000  # reasons and subjects longer than this are pasted documents, not a case summary
MAX_NAME = 120
RIGHTS_HINT = ("Complete governance step 3 (employee rights: contest.response_days) so hrdesk knows the promised "
               "response time, or give the due date yourself (--due YYYY-MM-DD).")


def response_days(vault: "Vault") -> int | None:
    """The promised response time in days (governance step 3), or None before the rights are set."""
    from hrdesk.governance.step_rights import stored_rights

    rights = stored_rights(vault)
    return rights.contest_response_days if rights else None


def due_date(vault: "Vault", received_on: dt.date, explicit: dt.date | None) -> dt.date:
    """When the answer is due: ``received_on`` + the promised days, or an explicit date no later than that."""
    days = response_days(vault)
    if explicit is not None and explicit < received_on:
        raise InvalidInputError(f"The due date {explicit.isoformat()} is before the contest was received "
                                f"({received_on.isoformat()}).", hint="Give a due date on or after the received date.")
    if days is None:
        if explicit is None:
            raise InvalidInputError("The employee rights (governance step 3) do not say yet how many days a contest "
                                    "may take, so hrdesk cannot work out the due date.", hint=RIGHTS_HINT)
        return explicit
    promised = received_on + dt.timedelta(days=days)
    if explicit is not None and explicit > promised:
        raise InvalidInputError(f"The due date {explicit.isoformat()} is later than the {days} days promised to "
                                f"employees (governance step 3): the answer is due by {promised.isoformat()}.",
                                hint="Give an earlier due date, or leave it out to use the promised one.")
    return explicit or promised


EARLIEST_RECORD = dt.date(1900, 1, 1)  # without a hire date: the import's floor for any date in a record


def received_date(received_on: dt.date, today: dt.date, *, employee: "Employee | None" = None,
                  contested: "Decided | None" = None) -> dt.date:
    """The day the contest reached HR: today or earlier, and not before the employee joined (their hire date) or,
    when a recorded review or decision is named, before it was recorded: a contest of it cannot predate it."""
    hint = "Give the date the contest reached you (YYYY-MM-DD)"
    if received_on > today:
        raise InvalidInputError(f"The received date {received_on.isoformat()} is in the future.",
                                hint=f"{hint}, today or earlier. Nothing was saved.")
    bounds = [(contested.on, contested.what)] if contested and contested.on else []
    if employee is not None:
        bounds.append((employee.hire_date or EARLIEST_RECORD, f"{employee.name} joined" if employee.hire_date
                       else "any record hrdesk keeps"))
    for earliest, what in bounds:
        if earliest and received_on < earliest:
            raise InvalidInputError(f"The received date {received_on.isoformat()} is before {what} "
                                    f"({earliest.isoformat()}): the contest cannot have reached you then.",
                                    hint=f"{hint}, between {earliest.isoformat()} and today. Nothing was saved.")
    return received_on


def text(value: str, what: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    """Whitespace-tidied text; empty (when required), over-long or control characters are refused."""
    cleaned = " ".join(str(value or "").split()) if limit <= MAX_NAME else str(value or "").strip()
    if required and not cleaned:
        raise InvalidInputError(f"The {what} is empty.", hint=f"Write the {what}; nothing was saved.")
    if len(cleaned) > limit:
        raise InvalidInputError(f"The {what} is {len(cleaned):,} characters long; keep it under {limit:,}.")
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in cleaned):
        raise InvalidInputError(f"The {what} holds control characters.", hint="Type it again as plain text.")
    return cleaned


@dataclass(frozen=True)
class Decided:
    """What a decision or suggestion contest is about in the review records, and who decided it."""

    ref: str  # the ReviewRecord / SuggestionDecision id ("" when no review is named)
    manager: str  # "" for a data item
    on: dt.date | None = None  # when the named review was saved or the decision made
    what: str = ""  # that moment in words ("the review it contests was recorded")


def deciding_manager(vault: "Vault", employee: "Employee", subject_kind: Subject, subject_ref: str) -> str:
    """Who decided what is contested: the review's recorded manager, else the team's manager ("" for data items)."""
    return resolve_decided(vault, employee, subject_kind, subject_ref).manager


def resolve_decided(vault: "Vault", employee: "Employee", subject_kind: Subject, ref: str) -> Decided:
    """Find the review (decision) or suggestion decision ``ref`` names, and who decided it.

    ``ref`` may be the record's id, or in words: for a decision the review cycle's name ("2026 annual"), for a
    suggestion its kind ("retention", "development", "wellbeing"; the latest such decision). Nothing named:
    the employee's team manager decided. A reference that matches nothing is refused, never guessed.
    """
    if subject_kind is Subject.DATA:
        return Decided(ref, "")
    ref = ref.strip()
    if not ref:
        return Decided("", team_manager(vault, employee))
    found = _find_review(vault, employee.employee_id, ref) if subject_kind is Subject.DECISION else (
        _find_decision(vault, employee.employee_id, ref))
    if found is None:
        what = "review (a cycle name or review id)" if subject_kind is Subject.DECISION else (
            "suggestion decision (retention, development, wellbeing or its id)")
        raise InvalidInputError(f"No recorded {what.split(' (')[0]} of {employee.name} matches '{ref}'.",
                                hint=f"Name the {what}, or leave the reference out. Nothing was saved.")
    if subject_kind is Subject.DECISION:
        return Decided(found.id, found.manager, found.saved_on, "the review it contests was recorded")
    return Decided(found.id, found.manager, found.decided_on, "the decision on the suggestion it contests was made")


def _find_review(vault: "Vault", hris_id: str, ref: str) -> Any:
    from hrdesk.reviews import query

    mine = query.reviews(vault, employee_id=hris_id)
    key = " ".join(ref.casefold().split())
    return next((r for r in mine if r.id == ref), None) or next(
        (r for r in reversed(mine) if " ".join(r.cycle.casefold().split()) == key), None)


def _find_decision(vault: "Vault", hris_id: str, ref: str) -> Any:
    from hrdesk.reviews import query

    mine = [d for d in query.decisions(vault) if d.employee_id == hris_id]
    key = ref.casefold().replace(" ", "").replace("-", "")
    return next((d for d in mine if d.id == ref), None) or next(
        (d for d in reversed(mine) if key in (d.kind.casefold().replace("-", ""), d.key.casefold().replace("-", ""))), None)


def team_manager(vault: "Vault", employee: "Employee") -> str:
    if employee.team_id:
        from hrdesk.records import Records

        try:
            return Records(vault).teams.get(employee.team_id).manager_name
        except HrdeskError:  # a team row another key holds: fall back to the name on the record
            pass
    return employee.manager_name or ""


@dataclass(frozen=True)
class KnownPerson:
    """Someone a contest may name as its reviewer."""

    name: str  # as the vault spells it
    role: str  # "HR", "manager, user" (a manager with an hrdesk account) or "manager" (named on a team)


REVIEWERS_HINT = ("The reviewer must be a person this vault knows, an HR user or a manager, so the case can be "
                  "followed up: see the names with 'hrdesk contest VAULT reviewers' (or in the dialog's list), or add "
                  "the person as a user first (hrdesk user VAULT add). Nothing was saved.")


def known_reviewers(vault: "Vault") -> list[KnownPerson]:
    """HR users, managers with an account, and managers named on a team (HR reads all three), one per person."""
    from hrdesk.records import Records
    from hrdesk.vault import members

    found: dict[str, KnownPerson] = {}
    roles = {members.HR: "HR", members.MANAGER: "manager, user"}
    for user in vault.users():
        if user.role in roles:
            found.setdefault(person_key(user.name), KnownPerson(user.name, roles[user.role]))
    for team in Records(vault).teams.list():
        if team.manager_name.strip():
            found.setdefault(person_key(team.manager_name), KnownPerson(" ".join(team.manager_name.split()), "manager"))
    return sorted(found.values(), key=lambda p: p.name.casefold())


def check_reviewer(reviewer: str, *, decided_by: str, employee: "Employee", known: "list[KnownPerson]") -> str:
    """The reviewer as the vault spells them (names matched in either order, as the deciding manager is);
    refused if it is the deciding manager, the employee themself, or nobody the vault knows."""
    name = text(reviewer, "reviewer's name", limit=MAX_NAME)
    key = person_key(name)
    if decided_by and key == person_key(decided_by):
        raise InvalidInputError(f"{name} made the decision this contest is about, so they cannot review it.",
                                hint="Name someone independent of the decision, e.g. an HR colleague.")
    if key in (person_key(employee.name), employee.employee_id.casefold()):
        raise InvalidInputError(f"{name} is the employee who raised the contest; they cannot review it.",
                                hint="Name someone independent of the decision, e.g. an HR colleague.")
    match = next((person for person in known if person_key(person.name) == key), None)
    if match is None:
        raise InvalidInputError(f"'{name}' is not a person this vault knows.", hint=REVIEWERS_HINT)
    return match.name
