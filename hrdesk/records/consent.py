"""Consent and opt-out flags, with their full history.

Each change is a new event; the current state is the latest event per kind.
Without any event the default applies: AI processing is on (it rests on the
organisation's legitimate interest, disclosed by letter) until the employee
opts out; an opted-out employee is neither trained on nor scored.
"""

from __future__ import annotations

import datetime as dt

from hrdesk.errors import BugError
from hrdesk.records import tables
from hrdesk.records.repository import Repository
from hrdesk.records.types import ConsentEvent

AI_PROCESSING = "ai_processing"
WELLBEING_SHARING = "wellbeing_sharing"  # share check-ins with the manager for coaching

KINDS: dict[str, bool] = {AI_PROCESSING: True, WELLBEING_SHARING: False}  # kind -> default when no event


class ConsentRepository(Repository[ConsentEvent]):
    table, record = tables.CONSENTS, ConsentEvent

    def record_change(
        self, employee_id: str, kind: str, granted: bool, *, by: str, note: str = "", at: dt.date | None = None
    ) -> ConsentEvent:
        """Record that ``employee_id`` granted or withdrew ``kind``; the history keeps every change."""
        if kind not in KINDS:  # every caller offers only these: another one is our bug, not the user's input
            raise BugError(f"'{kind}' is not a consent hrdesk tracks ({', '.join(KINDS)}).")
        self._vault.get(tables.EMPLOYEES, employee_id)  # RecordNotFoundError for an unknown employee
        payload = {"kind": kind, "granted": bool(granted), "at": (at or dt.date.today()).isoformat(), "by": by, "note": note}
        with self._vault.transaction():
            new_id = self._vault.insert(self.table, payload, links={"employee_id": employee_id})
            self._vault.audit("consent.changed", target=employee_id, details={"kind": kind})
        return self.get(new_id)

    def history(self, employee_id: str) -> list[ConsentEvent]:
        return self.for_employee(employee_id)

    def current(self, employee_id: str) -> dict[str, bool]:
        state = dict(KINDS)
        for event in sorted(self.for_employee(employee_id), key=lambda e: e.at):  # backdated entries fall in place
            state[event.kind] = event.granted
        return state

    def opted_out(self, kind: str = AI_PROCESSING) -> set[str]:
        """Vault ids of employees whose latest event for ``kind`` withdraws it."""
        return {eid for eid, granted in self._latest(kind).items() if not granted}

    def granted(self, kind: str) -> set[str]:
        """Vault ids of employees whose latest event for ``kind`` grants it (for opt-in kinds)."""
        return {eid for eid, granted in self._latest(kind).items() if granted}

    def _latest(self, kind: str) -> dict[str, bool]:
        latest: dict[str, bool] = {}
        for event in sorted(self.list(), key=lambda e: e.at):  # by date, stable: the latest decision wins
            if event.kind == kind:
                latest[event.employee_id] = event.granted
        return latest
