"""The contest operations on a vault: receive a case, assign its reviewer, resolve it.

Each runs inside the caller's transaction (``Session.perform``) and appends its
audit entry; the entries name the case and what kind of thing changed, never
the employee's words or values. An upheld data contest corrects the record
through the employee edit rules (``records.edit_rules``) and the employee
repository's update, the same path as an edit in the window, so the
correction has its own ``employee.updated`` entry.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hrdesk.contests import rules, store
from hrdesk.contests.model import Contest, Outcome, Subject
from hrdesk.errors import InvalidInputError
from hrdesk.records.edit_rules import EDITABLE_FIELDS, EditValues, check_edit, known_value, vault_values
from hrdesk.vault import Vault

if TYPE_CHECKING:
    from collections.abc import Callable

    from hrdesk.records import Employee

ADDED = "contest.added"
ASSIGNED = "contest.reviewer_assigned"
RESOLVED = "contest.resolved"

FIELD_LABELS = {"department": "Department", "position": "Position", "employment_status": "Employment status",
                "termination_date": "Termination date"}


@dataclass(frozen=True)
class NewContest:
    """What HR types when a contest arrives."""

    employee_id: str  # HRIS id
    subject_kind: Subject
    subject: str  # what is contested, in words
    employee_reason: str
    received_on: dt.date
    subject_ref: str = ""  # a ReviewRecord / SuggestionDecision id, or the field name of a data item
    due_on: dt.date | None = None  # None: from the rights settings
    reviewer: str = ""  # may be assigned later


@dataclass(frozen=True)
class Resolution:
    """The reviewer's decision; ``correction`` (field -> corrected value, as typed) for an upheld data contest."""

    outcome: Outcome
    reasons: str
    decided_on: dt.date
    correction: dict[str, str] = dataclasses.field(default_factory=dict)


def parse_subject(text: str) -> Subject:
    try:
        return Subject(str(text).strip().lower())
    except ValueError:
        raise InvalidInputError(f"'{text}' is not something a contest can be about.",
                                hint="Choose suggestion, decision or data.") from None


def parse_outcome(text: str) -> Outcome:
    wanted = str(text).strip().lower().replace(" ", "-").replace("_", "-")
    if wanted != Outcome.OPEN.value:
        for outcome in Outcome:
            if outcome.value == wanted:
                return outcome
    raise InvalidInputError(f"'{text}' is not a contest outcome.", hint="Choose upheld, partly-upheld or not-upheld.")


def add(vault: Vault, new: NewContest, *, today: dt.date | None = None) -> Contest:
    """Record a contest received (one case number taken); the reviewer rule applies if one is named now."""
    from hrdesk.records import Records

    today = today or dt.date.today()
    employee = Records(vault).employees.require(rules.text(new.employee_id, "employee id", limit=rules.MAX_NAME))
    subject_ref = rules.text(new.subject_ref, "subject reference", required=False, limit=rules.MAX_NAME)
    if new.subject_kind is Subject.DATA:
        subject_ref = _data_field(subject_ref)
    subject = rules.text(new.subject, "description of what is contested")
    reason = rules.text(new.employee_reason, "employee's reason")
    decided = rules.resolve_decided(vault, employee, new.subject_kind, subject_ref)
    received = rules.received_date(new.received_on, today, employee=employee, contested=decided)
    due = rules.due_date(vault, received, new.due_on)
    subject_ref, decided_by = decided.ref, decided.manager
    reviewer = rules.check_reviewer(new.reviewer, decided_by=decided_by, employee=employee,
                                    known=rules.known_reviewers(vault)) if new.reviewer.strip() else ""
    store.ensure_table(vault)
    with vault.transaction():
        contest = Contest(id=store.next_case_id(vault), employee_id=employee.employee_id, subject_kind=new.subject_kind,
                          subject=subject, subject_ref=subject_ref, employee_reason=reason, received_on=received,
                          due_on=due, reviewer=reviewer, decided_by=decided_by)
        row_id = store.insert(vault, contest, employee.id)
        vault.audit(ADDED, target=row_id, details={"case": contest.id, "subject_kind": contest.subject_kind.value,
                                                   "due_on": due.isoformat(), "reviewer_assigned": bool(reviewer)})
    return contest


def assign(vault: Vault, case: str, reviewer: str) -> Contest:
    """Name the reviewer of an open case; never the manager who decided."""
    from hrdesk.records import Records

    row = store.find_row(vault, case)
    contest = store.from_payload(row.payload)
    if not contest.is_open:
        raise InvalidInputError(f"Contest {contest.id} was decided on {contest.decided_on}; its reviewer cannot change.")
    employee = Records(vault).employees.require(contest.employee_id)
    name = rules.check_reviewer(reviewer, decided_by=contest.decided_by, employee=employee,
                                known=rules.known_reviewers(vault))
    updated = dataclasses.replace(contest, reviewer=name)
    with vault.transaction():
        store.replace(vault, row, updated)
        vault.audit(ASSIGNED, target=row.id, details={"case": contest.id, "reassigned": bool(contest.reviewer)})
    return updated


def resolve(vault: Vault, case: str, resolution: Resolution, *, today: dt.date | None = None) -> Contest:
    """Decide an open case; an upheld data contest corrects the record through the employee edit path."""
    from hrdesk.records import Records

    today = today or dt.date.today()
    row = store.find_row(vault, case)
    contest = store.from_payload(row.payload)
    _check_resolvable(contest, resolution, today)
    reasons = rules.text(resolution.reasons, "reasons for the outcome")
    records = Records(vault)
    employee = records.employees.require(contest.employee_id)
    corrections = _plan_correction(contest, resolution, employee,
                                   known=lambda name: vault_values(records.employees.list(), name))
    with vault.transaction():
        described: list[str] = []
        if corrections:
            records.employees.update(employee.id, **corrections)
            described = [_describe(field, getattr(employee, field), value) for field, value in corrections.items()]
        decided = dataclasses.replace(contest, outcome=resolution.outcome, decided_on=resolution.decided_on,
                                      reasons=reasons, changes=tuple(described))
        store.replace(vault, row, decided)
        vault.audit(RESOLVED, target=row.id, details={
            "case": contest.id, "outcome": resolution.outcome.value, "corrected_fields": sorted(corrections),
            "response_days": decided.response_days(), "overdue": resolution.decided_on > contest.due_on})
    return decided


def _check_resolvable(contest: Contest, resolution: Resolution, today: dt.date) -> None:
    if not contest.is_open:
        raise InvalidInputError(f"Contest {contest.id} was already decided on {contest.decided_on} "
                                f"({contest.outcome.value}).", hint="A decided contest is not decided again.")
    if not contest.reviewer:
        raise InvalidInputError(f"Contest {contest.id} has no reviewer yet.",
                                hint=f"Assign one first: hrdesk contest VAULT assign {contest.id} --reviewer NAME.")
    if resolution.outcome is Outcome.OPEN:
        raise InvalidInputError("Choose an outcome: upheld, partly-upheld or not-upheld.")
    if resolution.decided_on < contest.received_on or resolution.decided_on > today:
        raise InvalidInputError(f"The decision date {resolution.decided_on.isoformat()} is outside the case "
                                f"(received {contest.received_on.isoformat()}, today {today.isoformat()}).")


def _data_field(ref: str) -> str:
    if not ref:
        raise InvalidInputError("Say which data item is contested (the field, e.g. department).",
                                hint="Fields that can be corrected here: " + ", ".join(EDITABLE_FIELDS) + ".")
    field = ref.strip().lower().replace(" ", "_")
    if field not in EDITABLE_FIELDS:
        raise InvalidInputError(f"'{ref}' is not a data item hrdesk can correct by hand.",
                                hint="Fields that can be corrected here: " + ", ".join(EDITABLE_FIELDS)
                                + ". Other data comes from the HR system: correct it there and import again.")
    return field


def _plan_correction(contest: Contest, resolution: Resolution, employee: "Employee", *,
                     known: "Callable[[str], list[str]]") -> dict[str, object]:
    """The checked field changes of an upheld data contest (empty otherwise); refused edits name the field."""
    given = {k.strip().lower().replace(" ", "_"): v for k, v in resolution.correction.items()}
    if contest.subject_kind is not Subject.DATA or resolution.outcome is Outcome.NOT_UPHELD:
        if given:
            raise InvalidInputError("Only an upheld or partly upheld data contest corrects the record.",
                                    hint="Leave the correction out, or choose upheld.")
        return {}
    if not given:
        if resolution.outcome is Outcome.UPHELD:
            raise InvalidInputError(f"Contest {contest.id} is about the {FIELD_LABELS[contest.subject_ref].lower()}: "
                                    "upholding it means correcting it.",
                                    hint="Give the corrected value (--set VALUE), or choose partly-upheld.")
        return {}
    for field in given:
        _data_field(field)
    if "department" in given:
        given["department"] = known_value("department", str(given["department"]), known("department"))
    current = {f: getattr(employee, f) for f in EDITABLE_FIELDS}
    typed = {f: "" if v is None else (v.isoformat() if isinstance(v, dt.date) else str(v)) for f, v in current.items()}
    typed.update({f: str(v) for f, v in given.items()})
    # a position the vault knows is kept as it spells it; a new one stands: the reviewer upheld it after looking
    check = check_edit(employee, EditValues(**typed), positions=known("position") if "position" in given else None)
    if not check.ok:
        field, problem = next(iter(check.errors.items()))
        raise InvalidInputError(f"The correction of {FIELD_LABELS[field].lower()} was refused: {problem}",
                                hint="Nothing was changed.")
    if not check.changes:
        raise InvalidInputError("The corrected value is the same as the record already holds.",
                                hint="Give the value the record should hold; nothing was changed.")
    return check.changes


def _describe(field: str, old: object, new: object) -> str:
    def shown(value: object) -> str:
        if value in (None, ""):
            return "(empty)"
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    return f"{FIELD_LABELS[field]} corrected from {shown(old)} to {shown(new)}."
