"""HR opens and closes review cycles; a closed cycle is read-only.

A cycle is a row of the records layer's ``review_cycles`` table (shared key,
so every manager reads which cycles are open). Opening a name an import
brought in makes that cycle writable; a cycle HR closed stays closed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from hrdesk.errors import CycleClosedError, InvalidInputError, PermissionDeniedError, RecordNotFoundError
from hrdesk.records import tables as record_tables
from hrdesk.records.upserts import cycle_key
from hrdesk.reviews.model import ReviewCycle
from hrdesk.reviews.store import cycle_from_row, cycle_rows, ensure_tables
from hrdesk.session.actor import Actor, Role
from hrdesk.vault import StoredRow, Vault

MAX_NAME = 80


def _find(vault: Vault, name: str) -> StoredRow | None:
    key = cycle_key(name)
    return next((row for row in cycle_rows(vault) if cycle_key(str(row.payload.get("name", ""))) == key), None)


def _require_hr(actor: Actor, what: str) -> None:
    if actor.role is not Role.HR:
        raise PermissionDeniedError(f"Only HR can {what}; you are signed in as {actor.name}.",
                                    hint="Ask HR to open or close review cycles.")


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInputError("A review cycle needs a name, e.g. \"2026 annual\".")
    if len(name) > MAX_NAME or any(ord(ch) < 32 for ch in name):
        raise InvalidInputError(f"A review cycle name must be one line of at most {MAX_NAME} characters.")
    return name


def open_cycle(vault: Vault, actor: Actor, name: str, *, today: dt.date | None = None) -> ReviewCycle:
    """Open a new cycle (or an imported one of that name) for recording reviews."""
    _require_hr(actor, "open a review cycle")
    name = _clean_name(name)
    today = today or dt.date.today()
    ensure_tables(vault)
    with vault.transaction():
        row = _find(vault, name)
        if row is None:
            cycle_id = vault.insert(record_tables.CYCLES, {"name": name, "start": today.isoformat(), "end": None,
                                                           "opened_on": today.isoformat(), "opened_by": actor.name})
        else:
            existing = cycle_from_row(row)
            if not existing.imported and existing.is_open:
                raise InvalidInputError(f"The review cycle '{existing.name}' is already open.")
            if not existing.imported:
                raise CycleClosedError(f"The review cycle '{existing.name}' was closed on "
                                       f"{existing.closed_on}; a closed cycle is read-only and cannot be reopened.",
                                       hint="Open a new cycle with another name.")
            cycle_id = row.id
            vault.update(record_tables.CYCLES, row.id, {**row.payload, "opened_on": today.isoformat(),
                                                        "opened_by": actor.name})
        vault.audit("reviews.cycle_opened", target=cycle_id, details={"existing": row is not None})
    return cycle_from_row(vault.get(record_tables.CYCLES, cycle_id))


def close_cycle(vault: Vault, actor: Actor, name: str, *, today: dt.date | None = None) -> ReviewCycle:
    """Close an open cycle: its reviews become read-only."""
    _require_hr(actor, "close a review cycle")
    today = today or dt.date.today()
    ensure_tables(vault)
    with vault.transaction():
        row = _require(vault, name)
        cycle = cycle_from_row(row)
        if not cycle.is_open:
            raise CycleClosedError(f"The review cycle '{cycle.name}' is already closed.")
        vault.update(record_tables.CYCLES, row.id, {**row.payload, "closed_on": today.isoformat(), "end": today.isoformat(),
                                                    "closed_by": actor.name})
        vault.audit("reviews.cycle_closed", target=row.id)
    return cycle_from_row(vault.get(record_tables.CYCLES, row.id))


def _require(vault: Vault, name: str) -> StoredRow:
    row = _find(vault, name)
    if row is None:
        known = ", ".join(sorted(str(r.payload.get("name")) for r in cycle_rows(vault))) or "none yet"
        raise RecordNotFoundError(f"There is no review cycle called '{name}'.", hint=f"Cycles: {known}.")
    return row


def writable_cycle(vault: Vault, name: str | None) -> ReviewCycle:
    """The cycle a review is recorded in: the one named (it must be open), else the only open one."""
    if name:
        cycle = cycle_from_row(_require(vault, name))
        if not cycle.is_open:
            raise CycleClosedError(f"The review cycle '{cycle.name}' is closed; a closed cycle is read-only.",
                                   hint="HR opens a cycle with: hrdesk review VAULT cycle open NAME")
        return cycle
    open_ = [c for c in map(cycle_from_row, cycle_rows(vault)) if c.is_open]
    if not open_:
        raise CycleClosedError("No review cycle is open, so no review can be recorded.",
                               hint="HR opens one with: hrdesk review VAULT cycle open NAME")
    if len(open_) > 1:
        raise InvalidInputError("More than one review cycle is open: say which one ("
                                + ", ".join(c.name for c in open_) + ").")
    return open_[0]


def refuse_closed_for_import(vault: Vault, cycle_names: Iterable[str]) -> None:
    """Refuse an import whose reviews name a cycle HR closed in the app (a closed cycle is read-only).

    Cycles an import brought in itself are history and take re-imports; a name no cycle has yet becomes a new one.
    Called by the importer before it writes anything, so the refusal leaves the vault as it was.
    """
    wanted = Counter(cycle_key(name) for name in cycle_names)
    closed = [cycle for cycle in map(cycle_from_row, cycle_rows(vault))
              if not cycle.imported and not cycle.is_open and wanted[cycle_key(cycle.name)]]
    if closed:
        named = "; ".join(f"'{c.name}' (closed on {c.closed_on}): {wanted[cycle_key(c.name)]} "
                          f"row{'s' if wanted[cycle_key(c.name)] != 1 else ''}" for c in closed)
        raise CycleClosedError(f"This file has reviews for a review cycle HR closed in hrdesk, which is read-only: "
                               f"{named}.", hint="Remove those rows, or give them another cycle name, and import "
                               "again. Nothing was imported.")
