"""Employees and teams: reading, editing, and the bulk upsert an import uses.

An employee is identified across imports by the HRIS employee id; a re-import
updates the record in place and never duplicates a person. A team is a
manager's direct reports, derived from the manager column; when the manager
is also an employee (names match across "Last, First" and "First Last"),
the team links to their record.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple

from hrdesk.errors import BugError, DamagedVaultError, PermissionDeniedError, PrivacyInvariantError, RecordNotFoundError
from hrdesk.progress import NULL_PROGRESS, Progress, check_cancelled
from hrdesk.records import tables
from hrdesk.records.edit_rules import PROFILE_EDIT_WHAT, may_edit_profile
from hrdesk.records.fields import EMPLOYEE_FIELDS, PROTECTED_FIELDS
from hrdesk.records.names import person_key
from hrdesk.records.repository import Repository
from hrdesk.records.types import Employee, Team, from_payload
from hrdesk.vault import StoredRow, Vault
from hrdesk.vault.encoding import decode, values_reader

_EDITABLE = frozenset(EMPLOYEE_FIELDS) - {"employee_id"}
_PROTECTED = frozenset(PROTECTED_FIELDS)


class EmployeeLine(NamedTuple):
    """One person in a list: the fields a listing shows, nothing else."""

    id: str
    employee_id: str
    name: str
    department: str | None
    position: str | None
    team_id: str | None
    employment_status: str | None


def employee_payload(values: dict[str, Any]) -> dict[str, Any]:
    """The employees-table payload: only non-protected employee fields, ever."""
    payload = {k: v for k, v in values.items() if k in EMPLOYEE_FIELDS}
    leaked = PROTECTED_FIELDS & payload.keys()
    if leaked:  # a raise, not an assert: ``python -O`` must not switch a privacy check off
        raise PrivacyInvariantError(f"protected fields in an employee payload: {sorted(leaked)}")
    return payload


def _no_protected_fields(keys: Iterable[str]) -> None:
    """Refuse a stored employee record that holds protected attributes: they live in their own table only.
    (``employee_payload`` cannot tell: it keeps employee fields first, so it never sees them.)"""
    if not _PROTECTED.isdisjoint(keys):
        leaked = sorted(_PROTECTED.intersection(keys))
        raise PrivacyInvariantError(f"protected fields in an employee payload: {leaked}")


def team_key(manager_name: str) -> str:
    return " ".join(manager_name.casefold().split())


class EmployeeRepository(Repository[Employee]):
    table, record = tables.EMPLOYEES, Employee
    shape_check = staticmethod(_no_protected_fields)  # ``values`` refuses an employee payload with protected fields

    def _make(self, row: StoredRow) -> Employee:
        payload = row.payload
        _no_protected_fields(payload)
        if not payload.get("name"):  # a pseudonymised export has no names
            payload = {**payload, "name": payload["employee_id"]}
        return from_payload(Employee, row.id, payload, team_id=row.links.get("team_id"))

    def first(self, n: int) -> list[Employee]:
        """The first ``n`` employees in the order they were stored (a list's first screen, fast)."""
        return [self._make(row) for row in self._vault.rows(self.table, limit=n)]

    def listing(self, *, on_damaged: Callable[[DamagedVaultError], None] | None = None) -> list[EmployeeLine]:
        """What a list of people shows, read straight from the decrypted payloads (no ``Employee``
        per person: ``hrdesk employees list`` at 100,000 people)."""
        lines = []
        for row in self._vault.rows(self.table, on_damaged=on_damaged):
            p = row.payload
            employee_id = p["employee_id"]
            lines.append(EmployeeLine(row.id, employee_id, p.get("name") or employee_id, p.get("department"),
                                      p.get("position"), row.links.get("team_id"), p.get("employment_status")))
        return lines

    def by_employee_id(self, employee_id: str) -> Employee | None:
        """The employee with this HRIS employee id, or None."""
        wanted = str(employee_id).strip()
        # The HRIS id is encrypted, so every payload is read; only the match becomes an ``Employee``.
        found = next((row for row in self._vault.rows(self.table) if str(row.payload.get("employee_id")) == wanted),
                     None)
        return None if found is None else self._make(found)

    def require(self, employee_id: str) -> Employee:
        found = self.by_employee_id(employee_id)
        if found is None:
            raise RecordNotFoundError(f"No employee with employee id '{employee_id}'.")
        return found

    def in_team(self, team_id: str) -> list[Employee]:
        return [self._make(r) for r in self._vault.rows(self.table, where={"team_id": team_id})]

    def update(self, record_id: str, **changes: Any) -> Employee:
        """Change some fields of one employee; the audit entry names the fields changed."""
        unknown = set(changes) - _EDITABLE
        if unknown:  # the callers offer only editable fields: anything else is our bug, not the user's input
            raise BugError(f"employee fields that cannot be edited: {', '.join(sorted(unknown))}")
        if not may_edit_profile(self._vault.user.role) or not self._vault.holds_org_key:
            # the session refuses first (and logs it); this closes the way round it through ``perform``
            raise PermissionDeniedError(f"Only HR can {PROFILE_EDIT_WHAT}.", hint="Sign in as an HR user.")
        row = self._vault.get(self.table, record_id)
        payload = dict(row.payload)
        for key, value in changes.items():
            payload[key] = value.isoformat() if hasattr(value, "isoformat") else value
        changed = sorted(k for k in changes if row.payload.get(k) != payload[k])
        if changed:
            with self._vault.transaction():
                self._vault.update(self.table, record_id, employee_payload(payload))
                self._vault.audit("employee.updated", target=record_id, details={"fields": changed, "source": "edit"})
        return self.get(record_id)


class TeamRepository(Repository[Team]):
    table, record = tables.TEAMS, Team

    def by_manager(self, manager_name: str) -> Team | None:
        key = team_key(manager_name)
        return next((t for t in self.list() if team_key(t.manager_name) == key), None)


@dataclass
class UpsertResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    teams_added: int = 0
    fields_changed: Counter = field(default_factory=Counter)  # field name -> employees changed
    changes: dict[str, list[str]] = field(default_factory=dict)  # vault id -> field names changed


def upsert_employees(
    vault: Vault, rows: list[dict[str, Any]], *, fields: set[str], progress: Progress = NULL_PROGRESS
) -> UpsertResult:
    """Add new employees and update known ones (matched on employee id), in the caller's transaction.

    Only ``fields`` (those the file carries) are written, so a file with fewer
    columns never blanks what it does not mention. Protected attributes go to
    their own table.
    """
    result = UpsertResult()
    teams = _TeamIndex(vault, result)
    employee_fields = fields & set(EMPLOYEE_FIELDS)
    protected_fields = fields & PROTECTED_FIELDS
    # Every new payload has exactly these keys, so the privacy check runs once, on them.
    employee_keys = tuple(employee_payload(dict.fromkeys(k for k in EMPLOYEE_FIELDS if k in employee_fields)))
    protected_keys = tuple(sorted(protected_fields))
    employee_sorted = tuple(sorted(employee_fields))
    has_team = "manager_name" in fields
    stored = _Stored(vault, rows, employee_sorted, protected_keys, teams if has_team else None)
    new_rows: list[tuple[dict[str, Any], str | None]] = []  # (values, team id): payloads are made as they are written
    for count, values in enumerate(rows, start=1):
        if count % 500 == 0:
            check_cancelled(progress, "The import")
            progress.advance(500)
        team_id = teams.id_for(values.get("manager_name")) if has_team else None
        old = stored.employees.get(values["employee_id"])
        if old is None:
            new_rows.append((values, team_id))
            continue
        if type(old) is str:  # known unchanged: its record was compared as it was read, and not kept
            record_id, changed = old, []
        else:
            record_id = old.id
            changed = _update_employee(vault, old, values, employee_sorted, team_id, has_team)
        if "name" in changed:
            stored.names[record_id] = values.get("name")
        old_protected = stored.protected.get(record_id)
        if old_protected is not _SAME:
            changed += _update_protected(vault, record_id, old_protected, values, protected_keys)
        if changed:
            result.updated += 1
            result.fields_changed.update(changed)
            result.changes[record_id] = sorted(changed)
        else:
            result.unchanged += 1
    result.added = len(new_rows)
    pick_employee, pick_protected = _picker(employee_keys), _picker(protected_keys)
    ids = vault.insert_new(tables.EMPLOYEES, ("team_id",), employee_keys, (
        ((team_id,), pick_employee(values)) for values, team_id in new_rows
    ))
    if protected_fields:
        vault.insert_new(tables.PROTECTED, ("employee_id",), protected_keys, (
            ((eid,), pick_protected(values)) for eid, (values, _t) in zip(ids, new_rows)
        ))
    progress.advance(len(rows) % 500)
    stored.names.update({eid: values.get("name") for eid, (values, _t) in zip(ids, new_rows)})
    link_managers(vault, stored.names)
    return result


_SAME: Any = object()  # a stored record found equal to the file's values
_NEW_TEAM: Any = object()  # a manager whose team this import has still to make


class _Stored:
    """The stored employees (and their protected attributes) a file's rows are matched against.

    Each record is compared with its row of the file as it is decrypted; only those that differ
    (or cannot be judged yet: a team the import has still to create, a file naming one employee
    twice) are kept whole. A re-import of 100,000 unchanged people held every decrypted record
    at once, twice the memory of the rest of the import.
    """

    def __init__(self, vault: Vault, rows: list[dict[str, Any]], fields: tuple[str, ...],
                 protected_fields: tuple[str, ...], teams: "_TeamIndex | None") -> None:
        in_file = {values["employee_id"]: values for values in rows}
        twice = len(in_file) != len(rows)  # then each row is compared on its own, as it is written
        self.employees: dict[str, StoredRow | str] = {}  # employee id -> record, or its vault id when unchanged
        latest: dict[str, tuple[str, str | None]] = {}  # employee id -> (vault id, name)
        file_of: dict[str, dict[str, Any]] = {}  # vault id -> the file's row
        links = vault.tables()[tables.EMPLOYEES]
        at_team = 1 + links.index("team_id")
        # Only the compared fields are decoded (no payload dict per record); a record that differs is decoded whole.
        pick = values_reader(("employee_id", "name", *fields))
        for row, (found, data) in vault.values(tables.EMPLOYEES, lambda data: (pick(data), data)):
            record_id, (employee_id, name) = row[0], found[:2]
            latest[employee_id] = (record_id, name)
            values = in_file.get(employee_id)
            if values is None:
                continue  # not in this file: left as it is
            file_of[record_id] = values
            same = not twice and found[2:] == tuple(map(values.get, fields))
            if same and teams is not None:
                same = row[at_team] == teams.peek(values.get("manager_name"))
            self.employees[employee_id] = record_id if same else StoredRow(record_id, dict(zip(links, row[1:])), decode(data))
        self.names: dict[str, str | None] = dict(latest.values())
        self.protected: dict[str, StoredRow | None] = {}  # vault id -> record, _SAME, or nothing stored
        if not protected_fields:
            return
        links = vault.tables()[tables.PROTECTED]
        at_employee = 1 + links.index("employee_id")
        pick = values_reader(protected_fields)
        for row, (found, data) in vault.values(tables.PROTECTED, lambda data: (pick(data), data)):
            record_id = row[at_employee]
            values = file_of.get(record_id)
            if values is None:
                continue  # someone the file does not name
            same = not twice and found == tuple(map(values.get, protected_fields))
            self.protected[record_id] = _SAME if same else StoredRow(row[0], dict(zip(links, row[1:])), decode(data))


def _picker(keys: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple]:
    """``tuple(values.get(k) for k in keys)`` as one function made once per import, done in C when every
    key is there (an import's rows have them all)."""
    if not keys:
        return lambda values: ()
    get = itemgetter(*keys)
    if len(keys) == 1:
        return lambda values: (values.get(keys[0]),)

    def pick(values: dict[str, Any]) -> tuple:
        try:
            return get(values)
        except KeyError:
            return tuple(map(values.get, keys))

    return pick


def _update_employee(
    vault: Vault, old: StoredRow, values: dict[str, Any], fields: tuple[str, ...], team_id: str | None, has_team: bool
) -> list[str]:
    """``fields`` sorted; the record is copied and rewritten only when something changed (a re-import mostly has not)."""
    old_payload = old.payload
    if tuple(map(old_payload.get, fields)) == tuple(map(values.get, fields)):  # a re-import's usual row, in C
        changed = []
    else:
        changed = [k for k in fields if old_payload.get(k) != values.get(k)]
    if has_team and old.links.get("team_id") != team_id:
        changed.append("team")
    if changed:
        payload = dict(old_payload)
        payload.update({k: values.get(k) for k in fields})
        links = {"team_id": team_id} if has_team else dict(old.links)
        vault.update(tables.EMPLOYEES, old.id, employee_payload(payload), links=links)
    return changed


def _update_protected(
    vault: Vault, employee_id: str, old: StoredRow | None, values: dict[str, Any], fields: tuple[str, ...]
) -> list[str]:
    """``fields`` sorted, as for ``_update_employee``."""
    if not fields:
        return []
    if old is not None and tuple(map(old.payload.get, fields)) == tuple(map(values.get, fields)):
        return []
    changed = [k for k in fields if (old.payload if old else {}).get(k) != values.get(k)]
    if old is not None and not changed:
        return []
    payload = dict(old.payload) if old else {}
    payload.update({k: values.get(k) for k in fields})
    if old is None:
        vault.insert(tables.PROTECTED, payload, links={"employee_id": employee_id})
    elif changed:
        vault.update(tables.PROTECTED, old.id, payload)
    return changed


class _TeamIndex:
    """Teams by normalised manager name; creates a team the first time a manager appears."""

    def __init__(self, vault: Vault, result: UpsertResult) -> None:
        self._vault = vault
        self._result = result
        self._ids = {team_key(r.payload["manager_name"]): r.id for r in vault.rows(tables.TEAMS)}
        self._by_name: dict[str, str] = {}

    def peek(self, manager_name: str | None) -> Any:
        """The team ``id_for`` would give, without making one (``_NEW_TEAM`` when it would make one)."""
        if not manager_name:
            return None
        return self._by_name.get(manager_name) or self._ids.get(team_key(manager_name), _NEW_TEAM)

    def id_for(self, manager_name: str | None) -> str | None:
        if not manager_name:
            return None
        known = self._by_name.get(manager_name)  # an export repeats each manager's name on every report's row
        if known is not None:
            return known
        self._by_name[manager_name] = self._id_for_key(team_key(manager_name), manager_name)
        return self._by_name[manager_name]

    def _id_for_key(self, key: str, manager_name: str) -> str:
        if key not in self._ids:
            self._ids[key] = self._vault.insert(tables.TEAMS, {"manager_name": manager_name}, links={"manager_employee_id": None})
            self._result.teams_added += 1
        return self._ids[key]


def link_managers(vault: Vault, names: dict[str, str | None] | None = None) -> int:
    """Point each team at its manager's employee record where exactly one name matches; return links changed.

    ``names`` (employee vault id -> name) saves decrypting every employee again when the caller has them.
    """
    if names is None:
        names = {row.id: row.payload.get("name") for row in vault.rows(tables.EMPLOYEES)}
    teams = list(vault.rows(tables.TEAMS))
    wanted = {person_key(team.payload["manager_name"]) for team in teams}
    # A name can only reduce to a manager's key if it holds that key's last word: skip the rest unread.
    families = sorted({key.split()[-1] for key in wanted if key}, key=len, reverse=True)
    holds = re.compile("|".join(map(re.escape, families))).search if families else (lambda _text: None)
    by_key: dict[str, list[str]] = {}
    for employee_id, name in names.items():
        if name and holds(name.casefold()):
            by_key.setdefault(person_key(name), []).append(employee_id)
        elif "" in wanted:
            by_key.setdefault(person_key(name or ""), []).append(employee_id)
    changed = 0
    for team in teams:
        matches = by_key.get(person_key(team.payload["manager_name"]), [])
        target = matches[0] if len(matches) == 1 else None
        if team.links.get("manager_employee_id") != target:
            vault.update(tables.TEAMS, team.id, team.payload, links={"manager_employee_id": target})
            changed += 1
    return changed
