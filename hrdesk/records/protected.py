"""Protected attributes: held for fairness monitoring, reachable by nothing else.

Sex, race, Hispanic/Latino, date of birth (or an age in years, with the day
it was true) and disability live in their own
table, linked to the employee by opaque id. The only ways to read them are
``for_fairness`` (which demands the fairness-monitoring purpose, so a caller
has to say why) and ``for_subject_access`` (the employee's own data export).
Both leave an audit entry. The suggestion pipeline reads ``records.features``,
which never opens this table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from hrdesk.errors import PermissionDeniedError
from hrdesk.records import tables
from hrdesk.records.fields import Purpose
from hrdesk.records.types import ProtectedAttributes, from_payload
from hrdesk.vault import StoredRow, Vault
from hrdesk.vault.encoding import values_reader


def _make(row: StoredRow) -> ProtectedAttributes:
    return from_payload(ProtectedAttributes, row.id, row.payload, employee_id=row.links["employee_id"])


def _fairness_read(vault: Vault, purpose: Purpose) -> None:
    """Refuse any purpose but fairness monitoring; log the read."""
    if purpose is not Purpose.FAIRNESS:
        raise PermissionDeniedError(
            f"Protected attributes are held for fairness monitoring only, not for {purpose.value}.",
            hint="Use records.features for anything else; it never includes them.",
        )
    with vault.transaction():
        vault.audit("protected_attributes.read", details={"purpose": purpose.value})


def for_fairness(vault: Vault, *, purpose: Purpose) -> dict[str, ProtectedAttributes]:
    """Every employee's protected attributes by employee vault id, for fairness monitoring only."""
    _fairness_read(vault, purpose)
    return {attrs.employee_id: attrs for attrs in map(_make, vault.rows(tables.PROTECTED))}


def values_for_fairness(vault: Vault, keys: Sequence[str], *, purpose: Purpose) -> dict[str, tuple]:
    """The stored values of ``keys`` (ISO text for dates) by employee vault id, for fairness monitoring
    only, read and logged as ``for_fairness`` is: the audit's bulk read, no dataclass per person."""
    _fairness_read(vault, purpose)
    at = 1 + vault.tables()[tables.PROTECTED].index("employee_id")
    return {row[at]: values for row, values in vault.values(tables.PROTECTED, values_reader(keys))}


def for_subject_access(vault: Vault, employee_id: str) -> ProtectedAttributes | None:
    """One employee's own protected attributes, for their data-access request."""
    rows = list(vault.rows(tables.PROTECTED, where={"employee_id": employee_id}))
    return _make(rows[0]) if rows else None


def for_subject_access_many(vault: Vault, employee_ids: Iterable[str]) -> dict[str, ProtectedAttributes]:
    """These employees' own protected attributes by vault id (one read), for a batch of data-access reports."""
    wanted = set(employee_ids)
    return {row.links["employee_id"]: _make(row) for row in vault.rows(tables.PROTECTED)
            if row.links["employee_id"] in wanted}


# Half a year: an age of N on a day means a birthday between N+1 and N years
# before it; the middle of that span is the least wrong single date.
_HALF_YEAR = dt.timedelta(days=182)


def birth_date_for_age(attrs: ProtectedAttributes) -> dt.date | None:
    """The date of birth, or one estimated from an age in years, for the audit's age band.

    An export with ``Age`` instead of a date of birth stores the age and the
    import date (``age_on``); the estimate is ``age`` years and half a year
    before that day, so the age band is exact on the import day and ages
    with everyone else afterwards (off by at most half a year near a
    threshold birthday).
    """
    if attrs.date_of_birth is not None:
        return attrs.date_of_birth
    if attrs.age is None or attrs.age_on is None:
        return None
    return birth_date_from_age(attrs.age, attrs.age_on)


def birth_date_from_age(age: int, day: dt.date) -> dt.date:
    """``age`` years and half a year before ``day`` (see ``birth_date_for_age``)."""
    try:
        anniversary = day.replace(year=day.year - int(age))
    except ValueError:  # 29 February in a year without one
        anniversary = day.replace(year=day.year - int(age), day=28)
    return anniversary - _HALF_YEAR
