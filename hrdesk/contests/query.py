"""Reading contests: the one query monitoring, letters and the audit packet use.

    contests(vault, *, since=None, until=None) -> list[Contest]

A read: no transaction, no audit entry. Cases come in case-number order.
``since`` / ``until`` bound the received date (both inclusive). A manager's
or auditor's keys cannot decrypt contests (they are HR's cases), so their
sessions see none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hrdesk.contests import store
from hrdesk.contests.model import Contest
from hrdesk.vault import Vault


def contests(vault: Vault, *, since: dt.date | None = None, until: dt.date | None = None) -> list[Contest]:
    """Every contest received in [since, until] (either bound may be left out), oldest case first."""
    found = [store.from_payload(row.payload) for row in store.stored_rows(vault)]
    found = [c for c in found if (since is None or c.received_on >= since) and (until is None or c.received_on <= until)]
    return sorted(found, key=lambda c: c.id)


def contest(vault: Vault, case: str) -> Contest:
    """One case by its number ('C-0007'); RecordNotFoundError names it if there is none."""
    return store.from_payload(store.find_row(vault, case).payload)


@dataclass(frozen=True)
class CaseLoad:
    """Open cases and how many are overdue, for lists and Overview."""

    open: int
    overdue: int
    decided: int


def case_load(found: list[Contest], today: dt.date) -> CaseLoad:
    open_cases = [c for c in found if c.is_open]
    return CaseLoad(len(open_cases), sum(c.is_overdue(today) for c in open_cases), len(found) - len(open_cases))


def status_words(c: Contest, today: dt.date) -> str:
    """The case's state in words, the same in the CLI and the window: due in N days, OVERDUE by N days, the outcome."""
    if not c.is_open:
        said = f"{c.outcome.value.replace('-', ' ')} on {c.decided_on.isoformat() if c.decided_on else '?'}"
        late = (c.decided_on - c.due_on).days if c.decided_on else 0
        return said + (f" ({late} day{'s' if late != 1 else ''} late)" if late > 0 else "")
    left = (c.due_on - today).days
    if left < 0:
        return f"OVERDUE by {-left} day{'s' if left != -1 else ''}"
    return "open, due today" if left == 0 else f"open, due in {left} day{'s' if left != 1 else ''}"
