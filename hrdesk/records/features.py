"""The suggestion pipeline's only door to people data, and it has no key to protected attributes.

``feature_rows`` reads the employees table and nothing else, keeps only
fields whose declared purpose fits the use, drops identifiers, and leaves out
employees who opted out of AI processing. Protected attributes live in
another table that this module never opens; ``Employee`` has no such fields
and the field list is checked against them when this module loads.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from hrdesk.errors import PermissionDeniedError, PrivacyInvariantError
from hrdesk.records import tables
from hrdesk.records.consent import AI_PROCESSING, ConsentRepository
from hrdesk.records.fields import FIELDS, PROTECTED_FIELDS, Kind, Purpose

_IDENTIFIERS = frozenset({"employee_id", "name"})

# Which purposes' data a use may draw on. Well-being data serves coaching only.
ALLOWED: dict[Purpose, frozenset[Purpose]] = {
    Purpose.EVALUATION: frozenset({Purpose.EVALUATION, Purpose.DEVELOPMENT, Purpose.ADMINISTRATION}),
    Purpose.DEVELOPMENT: frozenset({Purpose.EVALUATION, Purpose.DEVELOPMENT, Purpose.ADMINISTRATION}),
    Purpose.WELLBEING: frozenset({Purpose.DEVELOPMENT, Purpose.WELLBEING, Purpose.ADMINISTRATION}),
}


def feature_fields(purpose: Purpose) -> tuple[str, ...]:
    """The employee fields a model serving ``purpose`` may use; never a protected one."""
    if purpose not in ALLOWED:
        raise PermissionDeniedError(
            f"No model features are provided for {purpose.value}.",
            hint="Fairness monitoring reads protected attributes through records.protected, not as features.",
        )
    return tuple(
        f.name
        for f in FIELDS
        if f.kind is Kind.EMPLOYEES and not f.protected and not f.into and f.name not in _IDENTIFIERS and f.purpose in ALLOWED[purpose]
    )


def check_no_protected_features() -> None:
    """Raise (never ``assert``: ``python -O`` drops asserts) if a protected field is a feature of any purpose."""
    for purpose in ALLOWED:
        leaked = PROTECTED_FIELDS & set(feature_fields(purpose))
        if leaked:
            raise PrivacyInvariantError(f"protected fields among the {purpose.value} features: {sorted(leaked)}")


check_no_protected_features()  # at import: a field table that breaks the rule never runs


@dataclass(frozen=True)
class FeatureRow:
    employee: str  # opaque vault id, to join suggestions back
    team_id: str | None
    values: dict[str, Any]


def feature_rows(vault: Any, *, purpose: Purpose = Purpose.EVALUATION) -> list[FeatureRow]:
    """One row per employee who has not opted out of AI processing, with ``feature_fields(purpose)`` only."""
    allowed = feature_fields(purpose)
    opted_out = ConsentRepository(vault).opted_out(AI_PROCESSING)
    return [
        FeatureRow(row.id, row.links.get("team_id"), {name: row.payload.get(name) for name in allowed})
        for row in vault.rows(tables.EMPLOYEES)
        if row.id not in opted_out
    ]


def team_feature_rows(vault: Any, team_id: str | None, *,
                      purpose: Purpose = Purpose.EVALUATION) -> tuple[list[FeatureRow], dict[str, dict[str, Any]]]:
    """``feature_rows`` of one team (through the team index, consents read per person), in the same order;
    and the team's payloads by vault id, for the names a suggestion is shown with (never features)."""
    allowed = feature_fields(purpose)
    people = list(vault.rows(tables.EMPLOYEES, where={"team_id": team_id}))
    consents = ConsentRepository(vault)
    rows = [FeatureRow(row.id, row.links.get("team_id"), {name: row.payload.get(name) for name in allowed})
            for row in people if consents.current(row.id)[AI_PROCESSING]]
    return rows, {row.id: row.payload for row in people}


# Which record tables a use may read history from, by the purpose of their data
# (ratings: evaluation; goals: development; check-ins: well-being, coaching only).
_HISTORY_TABLES: dict[str, Purpose] = {
    tables.RATINGS: Purpose.EVALUATION,
    tables.GOALS: Purpose.DEVELOPMENT,
    tables.CHECKINS: Purpose.WELLBEING,
}


def history_rows(vault: Any, table: str, *, purpose: Purpose = Purpose.EVALUATION,
                 employees: Collection[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Each non-opted-out employee's records of ``table`` (payloads), by employee vault id.

    ``employees``: only these people's records, read person by person through the table's employee index
    (a team's, for one review page), in the order a whole-table read gives them.

    The table's data must serve a purpose ``purpose`` may draw on: a model
    informing an evaluation or development decision cannot read well-being
    check-ins, and nothing here can read protected attributes.
    """
    if table not in _HISTORY_TABLES:
        raise PermissionDeniedError(f"The table '{table}' is not open to the suggestion pipeline.")
    data_purpose = _HISTORY_TABLES[table]
    if purpose not in ALLOWED or data_purpose not in ALLOWED[purpose]:
        raise PermissionDeniedError(
            f"{data_purpose.value.capitalize()} data cannot inform a model serving {purpose.value}.",
            hint="Well-being data serves coaching only; it is never a feature of an evaluative model.",
        )
    out: dict[str, list[dict[str, Any]]] = {}
    if employees is not None:
        consents = ConsentRepository(vault)
        for owner in dict.fromkeys(employees):
            if consents.current(owner)[AI_PROCESSING]:
                found = [dict(row.payload) for row in vault.rows(table, where={"employee_id": owner})]
                if found:
                    out[owner] = found
        return out
    opted_out = ConsentRepository(vault).opted_out(AI_PROCESSING)
    for row in vault.rows(table):
        owner = row.links.get("employee_id")
        if owner and owner not in opted_out:
            out.setdefault(owner, []).append(dict(row.payload))
    return out
