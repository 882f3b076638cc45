"""The one feature pipeline every model uses, built on ``records.features`` (no protected attributes, no opted-out people).

Features are computed *as of* a date per person: the day a leaver left, or
the reference day for everyone still employed, so a leaver's history is not
read with hindsight. Missing values stay NaN here; the model imputes them
with the training medians it stores.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from hrdesk.records import tables
from hrdesk.records.features import feature_rows, history_rows, team_feature_rows
from hrdesk.records.fields import Purpose
from hrdesk.records.leaving import left_voluntarily  # the audit's own rule for who left voluntarily
from hrdesk.records.repository import RATING_SCALES_KEY

YEAR = 365.25
STALLED_AFTER_DAYS = 365  # an open goal older than a year counts as stalled


@dataclass(frozen=True)
class FeatureSpec:
    """One model feature: its name, how people read it, its unit, and whether an employee can change it."""

    name: str
    label: str  # "years since the last review"
    unit: str  # "years", "projects", "levels", "goals"
    actionable: bool  # something the employee and manager can change together
    integer: bool = False
    low: float | None = 0.0  # realistic bounds for a counterfactual
    high: float | None = None
    change: str = ""  # the realistic direction of change a manager can offer: "up", "down" or "" (none)
    max_step: float | None = None  # the largest realistic change at once (None: as far as the bounds allow)
    hint: str = ""  # what that change means in practice


FEATURES: tuple[FeatureSpec, ...] = (
    FeatureSpec("tenure_years", "years with the organisation", "years", actionable=False),
    FeatureSpec("performance_level", "latest rating level (1 = lowest on the scale)", "levels",
                actionable=False, integer=True, low=1.0),
    FeatureSpec("rating_change", "change in rating since the previous review", "levels", actionable=False,
                integer=True, low=None),
    FeatureSpec("years_since_review", "years since the last performance review", "years", actionable=True,
                low=0.0, change="down", hint="hold a review conversation"),
    FeatureSpec("special_projects", "special projects taken on", "projects", actionable=True, integer=True,
                low=0.0, high=8.0, change="up", max_step=2.0, hint="offer a special project"),
    FeatureSpec("stalled_goals", "goals open for more than a year", "goals", actionable=True, integer=True,
                low=0.0, change="down", hint="close or re-plan a stalled goal"),
)
def fmt_value(value: float, integer: bool) -> str:
    """A feature value as people read it: whole numbers for counts and levels, one decimal otherwise."""
    return f"{value:.0f}" if integer else f"{value:.1f}"


FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)
SPECS: dict[str, FeatureSpec] = {f.name: f for f in FEATURES}


@dataclass(frozen=True, eq=False)
class FeatureTable:
    """Features for every consenting employee: who, their team, values (NaN = unknown), outcome and dates."""

    employees: tuple[str, ...]  # opaque vault ids
    hris_ids: tuple[str, ...]
    names: tuple[str, ...]
    teams: tuple[str | None, ...]
    managers: tuple[str | None, ...]
    features: tuple[str, ...]
    X: np.ndarray  # (n, k) float, NaN where unknown
    left_voluntarily: np.ndarray  # bool
    active: np.ndarray  # bool: still employed, so a suggestion can be about them
    trainable: np.ndarray  # bool: active or a voluntary leaver (an involuntary leaver is neither outcome)
    as_of: np.ndarray  # datetime64[D]: the day each row's features describe
    opted_out: int  # employees left out because they opted out of AI processing
    reference: dt.date
    data_from: dt.date | None  # the oldest and newest dates the features were read from
    data_to: dt.date | None
    # Per row, the oldest and newest of those dates (NaT: none), so an explanation can name the period of the
    # rows it compares with (its team's) whichever rows the table holds. None: not recorded (a table built by hand).
    seen_from: np.ndarray | None = None
    seen_to: np.ndarray | None = None

    def column(self, name: str) -> np.ndarray:
        return self.X[:, self.features.index(name)]

    def index_of(self, hris_id: str) -> int | None:
        try:
            return self.hris_ids.index(hris_id)
        except ValueError:
            return None


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def reference_date(vault: Any) -> dt.date:
    """The day 'now' means for the records: the demo's own date, or today."""
    demo = vault.meta_get("demo") or {}
    return _date(demo.get("as_of")) if isinstance(demo, dict) and demo.get("as_of") else dt.date.today()


def build_features(vault: Any, *, reference: dt.date | None = None) -> FeatureTable:
    """The feature table of the retention model (evaluation and development data only, no well-being)."""
    rows = feature_rows(vault, purpose=Purpose.EVALUATION)
    return _table(vault, rows, {r.id: r.payload for r in vault.rows(tables.EMPLOYEES)},
                  history_rows(vault, tables.RATINGS, purpose=Purpose.EVALUATION),
                  history_rows(vault, tables.GOALS, purpose=Purpose.DEVELOPMENT),
                  total=vault.count(tables.EMPLOYEES), reference=reference or reference_date(vault))


def build_team_features(vault: Any, team_id: str | None, *, reference: dt.date | None = None) -> FeatureTable:
    """The rows of ``build_features`` for one team only (its people, and their ratings and goals read by
    person), equal to that team's rows of the whole table: what one person's suggestions and explanation need.
    """
    rows, payloads = team_feature_rows(vault, team_id, purpose=Purpose.EVALUATION)
    people = [r.employee for r in rows]
    return _table(vault, rows, payloads,
                  history_rows(vault, tables.RATINGS, purpose=Purpose.EVALUATION, employees=people),
                  history_rows(vault, tables.GOALS, purpose=Purpose.DEVELOPMENT, employees=people),
                  total=len(payloads), reference=reference or reference_date(vault))


def _table(vault: Any, rows: list[Any], payloads: dict[str, dict[str, Any]], ratings: dict[str, list[dict[str, Any]]],
           goals: dict[str, list[dict[str, Any]]], *, total: int, reference: dt.date) -> FeatureTable:
    """The features of ``rows`` as of each person's day, from their ratings and goals (``payloads``: names)."""
    scale = list((vault.meta_get(RATING_SCALES_KEY, {}) or {}).get("performance", []))
    level = {label: i + 1 for i, label in enumerate(scale)}
    n, k = len(rows), len(FEATURES)
    X = np.full((n, k), np.nan)
    left = np.zeros(n, bool)
    active = np.zeros(n, bool)
    as_of = np.empty(n, dtype="datetime64[D]")
    seen_from = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    seen_to = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    for i, row in enumerate(rows):
        v = row.values
        seen: list[dt.date] = []
        status = v.get("employment_status")
        ended = _date(v.get("termination_date"))
        left[i] = left_voluntarily(status)
        active[i] = ended is None and not left[i] and not (status and "terminat" in str(status).lower())
        day = ended if ended is not None else reference
        as_of[i] = np.datetime64(day)
        hired = _date(v.get("hire_date"))
        if hired:
            X[i, 0] = max((day - hired).days, 0) / YEAR
            seen.append(hired)
        history = sorted((r for r in ratings.get(row.employee, []) if (_date(r.get("review_date")) or day) <= day),
                         key=lambda r: r.get("review_date") or "")
        levels = [level[r["value"]] for r in history if r.get("value") in level]
        latest = level.get(v.get("performance_score")) if v.get("performance_score") else None
        if levels:
            latest = levels[-1]
        if latest is not None:
            X[i, 1] = latest
        X[i, 2] = levels[-1] - levels[-2] if len(levels) >= 2 else 0.0
        reviewed = max([d for d in (_date(r.get("review_date")) for r in history) if d] +
                       [d for d in [_date(v.get("last_review_date"))] if d and d <= day], default=None)
        if reviewed:
            X[i, 3] = max((day - reviewed).days, 0) / YEAR
            seen.append(reviewed)
        if v.get("special_projects") is not None:
            X[i, 4] = float(v["special_projects"])
        X[i, 5] = sum(1 for g in goals.get(row.employee, [])
                      if str(g.get("status", "open")).lower() == "open" and (d := _date(g.get("date")))
                      and d <= day and (day - d).days > STALLED_AFTER_DAYS)
        if seen:
            seen_from[i], seen_to[i] = np.datetime64(min(seen)), np.datetime64(max(seen))
    trainable = active | left
    return FeatureTable(
        employees=tuple(r.employee for r in rows),
        hris_ids=tuple(str(payloads[r.employee].get("employee_id", "")) for r in rows),
        names=tuple(str(payloads[r.employee].get("name") or payloads[r.employee].get("employee_id", "")) for r in rows),
        teams=tuple(r.team_id for r in rows),
        managers=tuple(r.values.get("manager_name") for r in rows),
        features=FEATURE_NAMES, X=X, left_voluntarily=left, active=active, trainable=trainable, as_of=as_of,
        opted_out=total - n, reference=reference,
        data_from=period_from(seen_from), data_to=period_to(seen_to, reference),
        seen_from=seen_from, seen_to=seen_to,
    )


def period_from(seen_from: np.ndarray) -> dt.date | None:
    """The oldest date among rows' oldest dates (None: no row has one)."""
    known = seen_from[~np.isnat(seen_from)]
    return known.min().astype(dt.date) if known.size else None


def period_to(seen_to: np.ndarray, reference: dt.date) -> dt.date:
    """The newest date among rows' newest dates, and never before the reference day."""
    known = seen_to[~np.isnat(seen_to)]
    return max(known.max().astype(dt.date), reference) if known.size else reference
