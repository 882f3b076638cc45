"""The letter log: every letter generated, its delivery, and whether each person's disclosure is current.

One encrypted row per letter in the ``letters`` table (linked to the
employee's vault id): type, template and its version, hrdesk's version, the
system version it described, who generated it and when, and the delivery
channel and date once marked delivered. Each row carries the sequence number
of the audit entry that recorded it.

Staleness is read from the audit log through the action registry, never from
action names: an entry whose action is a *system change*
(``Action.system_change``: the decision register, purposes, retention, the
concern contact; later a retrained model) after a disclosure makes it stale,
and so does a consent change of that person (their letter says whether they
opted out) or a new manager (their letter names the manager who decides). Someone with no disclosure at all (a new hire from a later
import) is *missing*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from hrdesk.errors import InvalidInputError
from hrdesk.session import actions
from hrdesk.session.kinds import Kind

if TYPE_CHECKING:
    from hrdesk.records import Employee
    from hrdesk.vault import Vault

TABLE = "letters"
CHANNELS = ("email", "paper", "hand")


class DisclosureState(StrEnum):
    CURRENT = "current"
    STALE = "stale"
    MISSING = "none"


@dataclass(frozen=True)
class LetterRecord:
    id: str
    employee_id: str  # vault id
    kind: str
    template: str
    template_version: str
    generated_at: str  # ISO date-time, UTC
    generated_by: str
    hrdesk_version: str
    system_version: str
    audit_seq: int
    channel: str = ""
    delivered_on: str = ""

    @property
    def delivered(self) -> bool:
        return bool(self.delivered_on)


@dataclass(frozen=True)
class PersonStatus:
    """One employee's disclosure: its state, the latest letter, and in words why it is stale."""

    employee_id: str  # vault id
    hris_id: str
    name: str
    manager: str
    state: DisclosureState
    letter: LetterRecord | None
    reason: str = ""

    @property
    def delivered(self) -> bool:
        return self.letter is not None and self.letter.delivered

    @property
    def current_and_delivered(self) -> bool:
        return self.state is DisclosureState.CURRENT and self.delivered


@dataclass(frozen=True)
class DisclosureSummary:
    people: tuple[PersonStatus, ...]

    def count(self, state: DisclosureState) -> int:
        return sum(1 for p in self.people if p.state is state)

    @property
    def current(self) -> int:
        return self.count(DisclosureState.CURRENT)

    @property
    def stale(self) -> int:
        return self.count(DisclosureState.STALE)

    @property
    def missing(self) -> int:
        return self.count(DisclosureState.MISSING)

    @property
    def undelivered(self) -> int:
        return sum(1 for p in self.people if p.state is DisclosureState.CURRENT and not p.delivered)


def ensure_table(vault: "Vault") -> None:
    vault.ensure_table(TABLE, links=("employee_id",))


def letters(vault: "Vault") -> list[LetterRecord]:
    """Every logged letter, oldest first."""
    ensure_table(vault)
    out = []
    for row in vault.rows(TABLE):
        payload = {k: v for k, v in row.payload.items() if k in LetterRecord.__dataclass_fields__}
        out.append(LetterRecord(id=row.id, employee_id=row.links.get("employee_id") or "", **payload))
    return sorted(out, key=lambda r: (r.audit_seq, r.generated_at))


def record_generated(vault: "Vault", *, kind: str, template: str, template_version: str, employee_ids: Sequence[str],
                     actor: str, hrdesk_version: str, system_version: str) -> list[str]:
    """Log letters to ``employee_ids`` (vault ids) with one audit entry; returns the new rows' ids."""
    ensure_table(vault)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with vault.transaction():
        entry = vault.audit("letters.generated", details={
            "type": kind, "count": len(employee_ids), "template": template, "template_version": template_version,
            "system_version": system_version})
        rows = [(None, {"employee_id": eid}, {
            "kind": kind, "template": template, "template_version": template_version, "generated_at": now,
            "generated_by": actor, "hrdesk_version": hrdesk_version, "system_version": system_version,
            "audit_seq": entry.seq}) for eid in employee_ids]
        return vault.insert_many(TABLE, rows)


def mark_delivered(vault: "Vault", employee_ids: Iterable[str] | None, *, kind: str, channel: str,
                   on: dt.date, today: dt.date | None = None) -> int:
    """Mark each person's latest ``kind`` letter delivered (``None``: everyone with one); returns how many."""
    if channel not in CHANNELS:
        raise InvalidInputError(f"'{channel}' is not a delivery channel.", hint="Use email, paper or hand.")
    if on > (today or dt.date.today()):
        raise InvalidInputError(f"The delivery date {on.isoformat()} is in the future.", hint="Mark letters delivered once they are.")
    from hrdesk.letters.kinds import LetterType

    label = LetterType(kind).label
    latest = _latest_by_employee(letters(vault), kind)
    chosen = list(latest) if employee_ids is None else list(dict.fromkeys(employee_ids))
    lacking = [eid for eid in chosen if eid not in latest]
    if lacking:
        raise InvalidInputError(f"{len(lacking)} of the chosen people have no {label} letter to mark delivered.",
                                hint="Generate their letters first; nothing was marked.")
    if not chosen:
        raise InvalidInputError(f"No {label} letter has been generated yet, so none can be marked delivered.")
    with vault.transaction():
        for eid in chosen:
            record = latest[eid]
            payload = {k: getattr(record, k) for k in LetterRecord.__dataclass_fields__ if k not in ("id", "employee_id")}
            payload.update(channel=channel, delivered_on=on.isoformat())
            vault.update(TABLE, record.id, payload, links={"employee_id": eid})
        vault.audit("letters.delivered", details={"type": kind, "count": len(chosen), "channel": channel,
                                                   "date": on.isoformat()})
    return len(chosen)


def forget_people(vault: "Vault", employee_ids: Iterable[str]) -> int:
    """Unlink the letters of purged people (in the purge's transaction); returns how many rows.

    A purged leaver's letter rows lose the link to the person and keep only
    what says nothing about them (type, template, when generated and
    delivered): an anonymous count, so the audit packet's letters sent in a
    past period stay right. Nothing in such a row names or points to anyone.
    """
    gone = set(employee_ids)
    if not gone:
        return 0
    ensure_table(vault)
    unlinked = 0
    for row in list(vault.rows(TABLE)):
        if row.links.get("employee_id") in gone:
            vault.update(TABLE, row.id, dict(row.payload), links={"employee_id": None})
            unlinked += 1
    return unlinked


def _latest_by_employee(records: Iterable[LetterRecord], kind: str) -> dict[str, LetterRecord]:
    latest: dict[str, LetterRecord] = {}
    for record in records:  # oldest first: the last one wins; an unlinked (purged) letter is nobody's
        if record.kind == kind and record.employee_id:
            latest[record.employee_id] = record
    return latest


@dataclass(frozen=True)
class _Change:
    seq: int
    time: str
    description: str


def _system_changes(vault: "Vault") -> tuple[list[_Change], dict[str, list[_Change]]]:
    """The audit log's system changes in order, and each person's changes of what their letter says of them
    (their consent, their manager), in order, described as "their ... changed"."""
    system: list[_Change] = []
    personal: dict[str, list[_Change]] = {}
    for entry in vault.audit_entries():
        act = actions.action(entry.action)
        if act.system_change:
            system.append(_Change(entry.seq, entry.time, act.description))
        elif not entry.target:
            continue
        elif act.changes_manager(entry.details or {}):  # before consent: a team move re-keys consents too
            personal.setdefault(entry.target, []).append(_Change(entry.seq, entry.time, "their manager changed"))
        elif Kind.CONSENTS in act.kinds and act.target is Kind.EMPLOYEES:
            personal.setdefault(entry.target, []).append(_Change(entry.seq, entry.time, "their consent changed"))
    return system, personal


def disclosure_status(vault: "Vault", employees: Sequence["Employee"], managers: dict[str, str] | None = None) -> DisclosureSummary:
    """Each current employee's AI-use disclosure: current, stale (and why) or missing."""
    from hrdesk.letters.kinds import LetterType

    latest = _latest_by_employee(letters(vault), LetterType.DISCLOSURE.value)
    system, personal = _system_changes(vault)
    people = []
    for person in employees:
        if person.is_leaver:
            continue
        letter = latest.get(person.id)
        manager = person.manager_name or (managers or {}).get(person.team_id or "", "")
        state, reason = _state(letter, system, personal.get(person.id, []))
        people.append(PersonStatus(person.id, person.employee_id, person.name, manager or "", state, letter, reason))
    return DisclosureSummary(tuple(people))


def _state(letter: LetterRecord | None, system: list[_Change], personal: list[_Change]) -> tuple[DisclosureState, str]:
    if letter is None:
        return DisclosureState.MISSING, "no disclosure letter yet"
    later = [c for c in system if c.seq > letter.audit_seq] or [c for c in personal if c.seq > letter.audit_seq]
    if later:
        first = later[0]
        return DisclosureState.STALE, f"{first.description.lower()} on {first.time[:10]}, after this letter"
    return DisclosureState.CURRENT, ""
