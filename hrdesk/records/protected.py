"""Protected attributes: held for fairness monitoring, reachable by nothing else.

Sex, race, Hispanic/Latino, date of birth and disability live in their own
table, linked to the employee by opaque id. The only ways to read them are
``for_fairness`` (which demands the fairness-monitoring purpose, so a caller
has to say why) and ``for_subject_access`` (the employee's own data export).
Both leave an audit entry. The suggestion pipeline reads ``records.features``,
which never opens this table.
"""

from __future__ import annotations

from hrdesk.errors import PermissionDeniedError
from hrdesk.records import tables
from hrdesk.records.fields import Purpose
from hrdesk.records.types import ProtectedAttributes, from_payload
from hrdesk.vault import StoredRow, Vault


def _make(row: StoredRow) -> ProtectedAttributes:
    return from_payload(ProtectedAttributes, row.id, row.payload, employee_id=row.links["employee_id"])


def for_fairness(vault: Vault, *, purpose: Purpose) -> dict[str, ProtectedAttributes]:
    """Every employee's protected attributes by employee vault id, for fairness monitoring only."""
    if purpose is not Purpose.FAIRNESS:
        raise PermissionDeniedError(
            f"Protected attributes are held for fairness monitoring only, not for {purpose.value}.",
            hint="Use records.features for anything else; it never includes them.",
        )
    with vault.transaction():
        vault.audit("protected_attributes.read", details={"purpose": purpose.value})
    return {attrs.employee_id: attrs for attrs in map(_make, vault.rows(tables.PROTECTED))}


def for_subject_access(vault: Vault, employee_id: str) -> ProtectedAttributes | None:
    """One employee's own protected attributes, for their data-access request."""
    rows = list(vault.rows(tables.PROTECTED, where={"employee_id": employee_id}))
    return _make(rows[0]) if rows else None
