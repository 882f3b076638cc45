"""Well-being check-in prompts: falling self-reported well-being or a high workload, a prompt to talk.

Read under the well-being purpose only (``history_rows`` refuses anything
else), never an evaluation input, never a feature of another model: nothing
here is returned to the feature pipeline, and the prompt carries no score.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hrdesk.records import tables
from hrdesk.records.features import history_rows
from hrdesk.records.fields import Purpose
from hrdesk.records.wellbeing import STRAIN_LEVEL

DECISION = "wellbeing_checkin_prompt"
RECENT = 2  # check-ins compared with the ones before them
FALL = 1.0  # a fall in average mood of a full point or more


@dataclass(frozen=True)
class WellbeingPrompt:
    employee: str  # opaque vault id
    because: str
    prompt: str = "Ask how they are doing and whether their workload is manageable; listen, do not evaluate."


def wellbeing_prompts(vault: Any, employees: set[str], *, read_all: bool = True) -> list[WellbeingPrompt]:
    """Prompts for the consenting employees in ``employees`` (still employed) whose check-ins call for one.

    ``read_all``: read the whole check-in table once (many people); otherwise each person's check-ins through
    the employee index (one review page). The prompts are the same either way.
    """
    checkins = history_rows(vault, tables.CHECKINS, purpose=Purpose.WELLBEING,
                            employees=None if read_all else sorted(employees))
    out = []
    for emp, rows in checkins.items():
        if emp not in employees:
            continue
        rows = sorted(rows, key=lambda r: str(r.get("date") or ""))
        recent, before = rows[-RECENT:], rows[-2 * RECENT:-RECENT]
        reasons = []
        if len(recent) == RECENT and all(int(r.get("workload") or 0) >= STRAIN_LEVEL for r in recent):
            reasons.append(f"a high workload in each of the last {RECENT} check-ins")
        if len(before) == RECENT:
            now = sum(int(r.get("mood") or 0) for r in recent) / RECENT
            then = sum(int(r.get("mood") or 0) for r in before) / RECENT
            if then - now >= FALL:
                reasons.append(f"self-reported mood fell from {then:.1f} to {now:.1f} (of 5)")
        if reasons:
            out.append(WellbeingPrompt(emp, " and ".join(reasons)))
    return out
