"""Fairness of the suggestions, measured by the audits engine (flag rates and impact ratios per group).

The flags are handed to ``run_audit`` as an extra yes/no outcome, so the
same tests, multiplicity correction and small-group rules that judge ratings
judge the model's suggestions too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

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
    from hrdesk.fairness.result import Status

    result = audit_flags({FLAG_COLUMN: (flags, label)}, groups, reference)
    rows = []
    for table in result.rates:
        if table.outcome != f"extra_{FLAG_COLUMN}" or not table.protected or len(table.dimension) != 1:
            continue
        for r in table.rows:
            rows.append(GroupFlagRate(table.dimension_label, r.group, r.n, r.events, r.rate, r.impact_ratio,
                                      str(r.status), r.status == Status.TOO_SMALL))
    return tuple(rows)


def audit_flags(columns: dict[str, tuple[np.ndarray, str]], groups: dict[str, np.ndarray], reference: dt.date,
                settings: Any = None) -> Any:
    """Audit yes/no flags (column -> (flags, label)) by protected group in one run of the audits engine.

    One run, so every comparison of every column is corrected for multiplicity together; ``settings``
    (an ``AuditSettings``) sets the small-group size and the impact-ratio threshold (monitoring passes
    governance step 6's). Returns the engine's ``AuditResult``; each column's tables have the outcome
    ``extra_<column>``.
    """
    import pandas as pd

    from hrdesk.fairness.inputs import AuditInput, ExtraOutcome
    from hrdesk.fairness.run import run_audit
    from hrdesk.fairness.settings import AuditSettings

    attributes = tuple(a for a in groups if a != "age_band")
    size = len(next(iter(columns.values()))[0]) if columns else 0
    people = pd.DataFrame({"person": [f"p{i}" for i in range(size)]})
    for column, (flags, _label) in columns.items():
        people[column] = np.asarray(flags).astype(bool)
    for a in attributes:
        people[a] = groups[a]
    if "age_band" in groups:  # the engine derives the age band itself from a date of birth
        years = np.where(groups["age_band"] == "40 and over", 50, np.where(groups["age_band"] == "under 40", 30, -1))
        people["date_of_birth"] = [pd.Timestamp(reference) - pd.DateOffset(years=int(y)) if y > 0 else pd.NaT
                                   for y in years]
    extras = tuple(ExtraOutcome(column, label, "were flagged", favourable=False)
                   for column, (_flags, label) in columns.items())
    data = AuditInput(people=people, scale=("low", "high"), reference_date=reference, attributes=attributes,
                      extra_outcomes=extras)
    return run_audit(data, settings or AuditSettings(intersections=False))
