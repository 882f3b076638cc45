"""The proxy check: does a feature stand in for a protected attribute?

Each feature is binned (quintiles for numbers, missing as its own bin) and
crossed with each protected attribute (unknown values left out); Cramér's V
from scipy measures the association. Above the hard threshold the feature is
refused (left out of the model), above the soft one it is kept with a warning
on the model card. The protected attributes are read only here and in the
card's fairness section, under the fairness purpose, and each read is logged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

SOFT_THRESHOLD = 0.3
HARD_THRESHOLD = 0.5
MIN_KNOWN = 20  # fewer people with a known attribute: not measured, and said so
ATTRIBUTES = ("sex", "race", "hispanic_latino", "disability", "age_band")
_UNKNOWN = {"", "unknown", "prefer not to say", "not disclosed", "none", "nan"}


@dataclass(frozen=True)
class ProxyResult:
    feature: str
    attribute: str
    cramers_v: float | None  # None when too few people have the attribute recorded
    level: str  # "ok" | "warn" | "refuse" | "not measured"
    known: int


@dataclass(frozen=True)
class ProxyReport:
    results: tuple[ProxyResult, ...]
    soft: float
    hard: float

    @property
    def refused(self) -> tuple[str, ...]:
        return tuple(sorted({r.feature for r in self.results if r.level == "refuse"}))

    @property
    def warned(self) -> tuple[str, ...]:
        return tuple(sorted({r.feature for r in self.results if r.level == "warn"} - set(self.refused)))


def protected_groups(vault: Any, employees: tuple[str, ...], reference: dt.date) -> dict[str, np.ndarray]:
    """Each protected attribute as an array of group labels (None = unknown) aligned with ``employees``.

    Read under the fairness purpose: ``records.protected.for_fairness`` logs the read.
    """
    from hrdesk.records.fields import Purpose
    from hrdesk.records.protected import birth_date_for_age, for_fairness

    attrs = for_fairness(vault, purpose=Purpose.FAIRNESS)
    out = {a: np.full(len(employees), None, dtype=object) for a in ATTRIBUTES}
    for i, emp in enumerate(employees):
        p = attrs.get(emp)
        if p is None:
            continue
        out["sex"][i] = p.sex
        out["race"][i] = p.race
        out["hispanic_latino"][i] = None if p.hispanic_latino is None else ("Yes" if p.hispanic_latino else "No")
        out["disability"][i] = p.disability
        born = birth_date_for_age(p)
        if born is not None:
            age = (reference - born).days / 365.25
            out["age_band"][i] = "40 and over" if age >= 40 else "under 40"
    for key, values in out.items():
        out[key] = np.array([None if v is None or str(v).strip().lower() in _UNKNOWN else str(v) for v in values],
                            dtype=object)
    return out


def _bins(values: np.ndarray) -> np.ndarray:
    """Quintile bins of a numeric column (fewer when values repeat), -1 for missing."""
    out = np.full(len(values), -1, dtype=np.int64)
    known = ~np.isnan(values)
    if not known.any():
        return out
    distinct = np.unique(values[known])
    if len(distinct) <= 5:
        out[known] = np.searchsorted(distinct, values[known])
        return out
    edges = np.unique(np.quantile(values[known], [0.2, 0.4, 0.6, 0.8]))
    out[known] = np.searchsorted(edges, values[known], side="right")
    return out


def cramers_v(feature_bins: np.ndarray, groups: np.ndarray) -> float:
    """Cramér's V of two categorical arrays (scipy's, without bias correction); 0 when either is constant."""
    from scipy.stats.contingency import association, crosstab

    table = crosstab(feature_bins, groups).count
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    if table.shape[0] < 2 or table.shape[1] < 2:
        return 0.0
    return float(association(table, method="cramer"))


def proxy_check(X: np.ndarray, features: tuple[str, ...], groups: dict[str, np.ndarray], *,
                soft: float = SOFT_THRESHOLD, hard: float = HARD_THRESHOLD) -> ProxyReport:
    """Cramér's V of every feature with every protected attribute, with the level it reaches."""
    results = []
    for j, name in enumerate(features):
        binned = _bins(X[:, j])
        for attribute, labels in groups.items():
            known = np.array([v is not None for v in labels], bool)
            if known.sum() < MIN_KNOWN or len(set(labels[known])) < 2:
                results.append(ProxyResult(name, attribute, None, "not measured", int(known.sum())))
                continue
            codes = np.unique(labels[known].astype(str), return_inverse=True)[1]
            v = cramers_v(binned[known], codes)
            level = "refuse" if v > hard else "warn" if v > soft else "ok"
            results.append(ProxyResult(name, attribute, round(v, 4), level, int(known.sum())))
    return ProxyReport(tuple(results), soft, hard)
