"""What every section reads from: the vault, the period, the pseudonyms, and a few shared reads done once.

The audit log, the employee list and the teams are read once per packet and
shared, so a 10,000-person vault is decrypted once, not once per section.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from hrdesk.errors import InvalidInputError
from hrdesk.packet.pseudonyms import Pseudonyms

if TYPE_CHECKING:
    from hrdesk.records import Employee, Records
    from hrdesk.vault import AuditEntry, Vault


@dataclass(frozen=True)
class PacketOptions:
    """The choices behind one packet: the period it covers, and whether employees are named."""

    period_from: dt.date | None = None
    period_to: dt.date | None = None
    names: bool = False

    def __post_init__(self) -> None:
        """Refuse a period that cannot hold anything: ``--from`` alone runs to today, so it must not be later."""
        today = dt.date.today()
        if self.period_from and self.period_to and self.period_from > self.period_to:
            raise InvalidInputError(
                f"The period starts ({self.period_from.isoformat()}) after it ends ({self.period_to.isoformat()}).",
                hint="Give --from before --to (both as YYYY-MM-DD).")
        if self.period_to and self.period_to > today:
            raise InvalidInputError(
                f"The period ends on {self.period_to.isoformat()}, after today ({today.isoformat()}): a packet can "
                "only show what has happened.", hint="End it today or earlier, or leave --to out (it then ends today).")
        if self.period_from and self.period_from > today:
            raise InvalidInputError(
                f"The period starts on {self.period_from.isoformat()}, after today ({today.isoformat()}), so it would "
                "hold nothing.", hint="Start it today or earlier (--from alone covers that day to today).")

    def check_against(self, first_record: dt.date | None) -> None:
        """Refuse ``--to`` alone before the vault's first record: the period would start after it ends."""
        if first_record and self.period_to and not self.period_from and self.period_to < first_record:
            raise InvalidInputError(
                f"The period ends on {self.period_to.isoformat()}, before the vault's first record "
                f"({first_record.isoformat()}), so it would hold nothing.",
                hint=f"End it on or after {first_record.isoformat()}, or give --from as well; nothing was written.")

    def covers(self, when: str | dt.date | dt.datetime | None) -> bool:
        """Whether a time-stamped thing (an ISO date or date-time) falls inside the period; undated things do."""
        if when is None or when == "":
            return True
        day = _day(when)
        if self.period_from and day < self.period_from:
            return False
        return not (self.period_to and day > self.period_to)

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.period_from.isoformat() if self.period_from else None,
                "to": self.period_to.isoformat() if self.period_to else None, "names": self.names}


def _day(when: str | dt.date | dt.datetime) -> dt.date:
    if isinstance(when, dt.datetime):
        return when.date()
    if isinstance(when, dt.date):
        return when
    return dt.date.fromisoformat(str(when)[:10])


class PacketContext:
    """The reads the sections share (each done at most once)."""

    def __init__(self, vault: "Vault", options: PacketOptions, names: Pseudonyms) -> None:
        self.vault = vault
        self.options = options
        self.names = names

    @cached_property
    def records(self) -> "Records":
        from hrdesk.records import Records

        return Records(self.vault)

    @cached_property
    def entries(self) -> "list[AuditEntry]":
        """Every audit-log entry, oldest first (the whole log: integrity is checked over all of it)."""
        return self.vault.audit_entries()

    @cached_property
    def first_record(self) -> dt.date | None:
        """The day of the vault's first audit entry (its creation): where a period without --from starts."""
        return _day(self.entries[0].time) if self.entries else None

    @cached_property
    def entries_in_period(self) -> "list[AuditEntry]":
        return [e for e in self.entries if self.options.covers(e.time)]

    @cached_property
    def employees(self) -> "list[Employee]":
        return self.records.employees.list()

    @cached_property
    def managers_by_team(self) -> dict[str, str]:
        return {t.id: t.manager_name for t in self.records.teams.list()}

    def learn_names(self) -> None:
        """Teach the pseudonyms every name they must scrub from free text."""
        self.names.know(((e.employee_id, e.name) for e in self.employees), self.managers_by_team.values())

    def employee_label(self, hris_id: str) -> str:
        return self.names.employee(hris_id, self._name_of.get(hris_id, ""))

    @cached_property
    def _name_of(self) -> dict[str, str]:
        return {e.employee_id: e.name for e in self.employees}
