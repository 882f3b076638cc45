"""Where contests live: one encrypted record per case, numbered C-0001, C-0002, ... for good.

A case's number is taken from a counter in the vault's (encrypted) settings, so
it never changes and is never given out twice, even after cases are purged.
The link column holds only the employee's opaque vault id; everything else,
the HRIS id included, is in the encrypted payload.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from hrdesk.contests.model import Contest, Outcome, Subject
from hrdesk.errors import InvalidInputError, RecordNotFoundError
from hrdesk.vault import StoredRow, Vault

TABLE = "contests"
LINKS = ("employee_id",)
COUNTER_KEY = "contests.next_number"
_CASE = re.compile(r"^\s*c?-?0*(\d{1,6})\s*$", re.IGNORECASE)


def ensure_table(vault: Vault) -> None:
    vault.ensure_table(TABLE, links=LINKS)


def case_id(number: int) -> str:
    return f"C-{number:04d}"


def parse_case_id(text: str) -> str:
    """'C-0007', 'c7', '7' -> 'C-0007'; anything else is refused with the expected form."""
    found = _CASE.match(str(text))
    if not found or int(found.group(1)) == 0:
        raise InvalidInputError(f"'{text}' is not a contest case number.", hint="Case numbers look like C-0001.")
    return case_id(int(found.group(1)))


def next_case_id(vault: Vault) -> str:
    """Take the next case number (inside the caller's transaction)."""
    number = int(vault.meta_get(COUNTER_KEY, 1) or 1)
    vault.meta_set(COUNTER_KEY, number + 1)
    return case_id(number)


def to_payload(contest: Contest) -> dict[str, Any]:
    return {
        "case": contest.id, "employee_id": contest.employee_id, "subject_kind": contest.subject_kind.value,
        "subject": contest.subject, "subject_ref": contest.subject_ref, "employee_reason": contest.employee_reason,
        "received_on": contest.received_on.isoformat(), "due_on": contest.due_on.isoformat(),
        "reviewer": contest.reviewer, "decided_by": contest.decided_by, "outcome": contest.outcome.value,
        "decided_on": contest.decided_on.isoformat() if contest.decided_on else None, "reasons": contest.reasons,
        "changes": list(contest.changes),
    }


def from_payload(payload: dict[str, Any]) -> Contest:
    decided = payload.get("decided_on")
    return Contest(
        id=payload["case"], employee_id=payload["employee_id"], subject_kind=Subject(payload["subject_kind"]),
        subject=payload["subject"], subject_ref=payload.get("subject_ref", ""),
        employee_reason=payload.get("employee_reason", ""), received_on=dt.date.fromisoformat(payload["received_on"]),
        due_on=dt.date.fromisoformat(payload["due_on"]), reviewer=payload.get("reviewer", ""),
        decided_by=payload.get("decided_by", ""), outcome=Outcome(payload.get("outcome", Outcome.OPEN.value)),
        decided_on=dt.date.fromisoformat(decided) if decided else None, reasons=payload.get("reasons", ""),
        changes=tuple(payload.get("changes", ())),
    )


def stored_rows(vault: Vault) -> list[StoredRow]:
    """Every case's stored row (decrypted); none before the first contest."""
    if TABLE not in vault.tables():
        return []
    return list(vault.rows(TABLE))


def find_row(vault: Vault, wanted: str) -> StoredRow:
    """The stored row of case ``wanted`` (any spelling ``parse_case_id`` reads)."""
    wanted = parse_case_id(wanted)
    for row in stored_rows(vault):
        if row.payload.get("case") == wanted:
            return row
    raise RecordNotFoundError(f"There is no contest {wanted}.", hint="'hrdesk contest VAULT list --all' lists every case.")


def insert(vault: Vault, contest: Contest, employee_vault_id: str) -> str:
    ensure_table(vault)
    return vault.insert(TABLE, to_payload(contest), links={"employee_id": employee_vault_id})


def replace(vault: Vault, row: StoredRow, contest: Contest) -> None:
    vault.update(TABLE, row.id, to_payload(contest), links=dict(row.links))
