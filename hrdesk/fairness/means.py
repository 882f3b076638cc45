"""Per-group means of a continuous outcome (mean rating, engagement, ...).

Each group's mean gets a t interval; the gap to the reference group (the
judgeable group with the highest mean — every continuous outcome audited is
"higher is better") gets a Welch interval and p-value. Sums and squared
deviations are accumulated with ``np.bincount``, so a table costs a few
array passes whatever the number of groups.

The continuous outcome's *scoring rate* (share above the whole population's
median, as NYC Local Law 144 audits report it) is a yes/no outcome and goes
through ``rates.rate_table``; see ``scoring_values``.
"""

from __future__ import annotations

import numpy as np

from hrdesk.fairness.groups import UNKNOWN, Grouping
from hrdesk.fairness.rates import judgeable
from hrdesk.fairness.result import GroupMean, MeanTable, Status
from hrdesk.fairness.settings import AuditSettings
from hrdesk.fairness.stats import mean_interval, welch_gap


def scoring_values(values: np.ndarray) -> tuple[np.ndarray, float]:
    """1.0 where strictly above the population median, 0.0 below or at it, NaN unknown."""
    median = float(np.nanmedian(values)) if np.isfinite(values).any() else np.nan
    with np.errstate(invalid="ignore"):
        above = (values > median).astype(float)
    return np.where(np.isnan(values), np.nan, above), median


def _moments(values: np.ndarray, codes: np.ndarray, groups: int):
    valid = ~np.isnan(values) & (codes >= 0)
    c, x = codes[valid], values[valid]
    n = np.bincount(c, minlength=groups)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.bincount(c, weights=x, minlength=groups) / n
        ss = np.bincount(c, weights=(x - mean[c]) ** 2, minlength=groups)
        sd = np.sqrt(ss / (n - 1))
    return n, mean, sd


def mean_table(key: str, values: np.ndarray, grouping: Grouping, settings: AuditSettings,
               reference: str | None = None) -> MeanTable:
    """Means, intervals, gaps to the best-off judgeable group, and statuses.

    ``reference`` names the group to compare against instead (the scoring
    rate's most favoured group, so a finding compares both numbers with the
    same people); it is used only when that group is judgeable.
    """
    n, mean, sd = _moments(values, grouping.codes, len(grouping.parts))
    valid = ~np.isnan(values)
    base = int(valid.sum())
    unknown_mask = valid & (grouping.codes < 0)
    ok = judgeable(n, base, settings)
    low, high = mean_interval(mean, sd, n, settings.confidence)
    ref = int(np.flatnonzero(ok)[np.argmax(mean[ok])]) if ok.any() else None
    if reference is not None and reference in grouping.names and ok[grouping.names.index(reference)]:
        ref = grouping.names.index(reference)
    p = glow = ghigh = gap = np.full(len(n), np.nan)
    if ref is not None:
        gap = mean - mean[ref]
        p, glow, ghigh = welch_gap(mean, sd, n, mean[ref], sd[ref], int(n[ref]), settings.confidence)
    rows = [
        GroupMean(
            group=grouping.names[i], parts=grouping.parts[i], n=int(n[i]), share=_f(n[i] / base if base else np.nan),
            mean=_f(mean[i]), sd=_f(sd[i]), ci_low=_f(low[i]), ci_high=_f(high[i]),
            gap=_f(gap[i]) if i != ref else 0.0, gap_ci_low=_f(glow[i]) if i != ref else None,
            gap_ci_high=_f(ghigh[i]) if i != ref else None, p_value=_f(p[i]) if i != ref else None,
            status=_status(i, ok, ref, p, settings),
        )
        for i in range(len(n))
    ]
    if unknown_mask.any():
        rows.append(_unknown_row(values[unknown_mask], base, grouping, settings))
    return MeanTable(
        id=f"mean/{key}/{grouping.id}", outcome=key, dimension=grouping.key, dimension_label=grouping.label,
        protected=grouping.protected, reference=None if ref is None else grouping.names[ref], base=base,
        unknown=int(unknown_mask.sum()), rows=tuple(rows),
    )


def _status(i: int, ok, ref, p, settings: AuditSettings) -> str:
    if not ok[i]:
        return Status.TOO_SMALL
    if i == ref:
        return Status.REFERENCE
    return Status.WATCH if p[i] < settings.alpha else Status.OK


def _unknown_row(x: np.ndarray, base: int, grouping: Grouping, settings: AuditSettings) -> GroupMean:
    n = len(x)
    mean = float(x.mean())
    sd = float(x.std(ddof=1)) if n > 1 else np.nan
    low, high = mean_interval(np.array([mean]), np.array([sd]), np.array([n]), settings.confidence)
    return GroupMean(
        group=UNKNOWN, parts=(UNKNOWN,) * len(grouping.key), n=n, share=n / base, mean=mean, sd=_f(sd),
        ci_low=_f(low[0]), ci_high=_f(high[0]), gap=None, gap_ci_low=None, gap_ci_high=None, p_value=None,
        status=Status.UNKNOWN,
    )


def _f(x) -> float | None:
    x = float(x)
    return x if np.isfinite(x) else None
