"""Fairness of the suggestions, measured by the audits engine (flag rates and impact ratios per group).

The flags are handed to ``run_audit`` as an extra yes/no outcome, so the
same tests, multiplicity correction and small-group rules that judge ratings
judge the model's suggestions too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

FLAG_COLUMN = "suggested"


@dataclass(frozen=True)
class GroupFlagRate:
    attribute: str
    group: str
    n: int
    flagged: int
    rate: float | None
    impact_ratio: float | None  # the reference group's rate of *not* being flagged, compared (four-fifths rule)
    status: str  # the audits engine's: reference, ok, watch, flag, too_small, unknown
    small: bool


def suggestion_fairness(flags: np.ndarray, groups: dict[str, np.ndarray], reference: dt.date,
                        label: str) -> tuple[GroupFlagRate, ...]:
    """Per protected group, how often people were flagged, through ``hrdesk.fairness.run_audit``."""
    import pandas as pd

    from hrdesk.fairness.inputs import AuditInput, ExtraOutcome
    from hrdesk.fairness.result import Status
    from hrdesk.fairness.run import run_audit
    from hrdesk.fairness.settings import AuditSettings

    attributes = tuple(a for a in groups if a != "age_band")
    people = pd.DataFrame({"person": [f"p{i}" for i in range(len(flags))], FLAG_COLUMN: flags.astype(bool)})
    for a in attributes:
        people[a] = groups[a]
    if "age_band" in groups:  # the engine derives the age band itself from a date of birth
        years = np.where(groups["age_band"] == "40 and over", 50, np.where(groups["age_band"] == "under 40", 30, -1))
        people["date_of_birth"] = [pd.Timestamp(reference) - pd.DateOffset(years=int(y)) if y > 0 else pd.NaT
                                   for y in years]
    data = AuditInput(people=people, scale=("low", "high"), reference_date=reference, attributes=attributes,
                      extra_outcomes=(ExtraOutcome(FLAG_COLUMN, label, "were flagged", favourable=False),))
    result = run_audit(data, AuditSettings(intersections=False))
    rows = []
    for table in result.rates:
        if table.outcome != f"extra_{FLAG_COLUMN}" or not table.protected or len(table.dimension) != 1:
            continue
        for r in table.rows:
            rows.append(GroupFlagRate(table.dimension_label, r.group, r.n, r.events, r.rate, r.impact_ratio,
                                      str(r.status), r.status == Status.TOO_SMALL))
    return tuple(rows)
