"""Well-being rules: who may see an employee's check-ins, and when they hint at strain.

Check-ins are for coaching only (never a model feature, never an evaluation);
these rules decide what a screen may show, so they live in the core.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hrdesk.records.consent import WELLBEING_SHARING
from hrdesk.records.types import CheckIn

STRAIN_LEVEL = 4  # workload and stress of 4 or more (on 1–5) count as heavy
STRAIN_RECENT = 2  # ... in each of the last two check-ins


def checkins_visible(role: str, consent: Mapping[str, bool]) -> bool:
    """HR sees every check-in; a manager only those of a person who chose to share them."""
    if role == "manager":
        return bool(consent.get(WELLBEING_SHARING, False))
    return True


def strained(checkins: Sequence[CheckIn], recent: int = STRAIN_RECENT) -> bool:
    """A burnout hint: the last ``recent`` check-ins (oldest first) all report heavy workload and stress."""
    last = list(checkins)[-recent:]
    return len(last) == recent and all(c.workload >= STRAIN_LEVEL and c.stress >= STRAIN_LEVEL for c in last)
