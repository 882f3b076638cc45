"""Per-group means of a continuous outcome (mean rating, engagement, ...).

Each group's mean gets a t interval; the gap to the reference group (the
judgeable group with the highest mean — every continuous outcome audited is
"higher is better") gets a Welch interval. As for rates, significance is
not tested against that best-off group but against everyone else whose
attribute is known (Welch's t-test, ``rest_mean``), and only a group scoring
*lower* than the rest can be a concern. Sums and squared
deviations are accumulated with ``np.bincount``, so a table costs a few
array passes whatever the number of groups.

The continuous outcome's *scoring rate* (share above the whole population's
median, as NYC Local Law 144 audits report it) is a yes/no outcome and goes
through ``rates.rate_table``; see ``scoring_values``. Statuses are judged on
the p-value adjusted for the audit's many comparisons (``multiplicity``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hrdesk.fairness.groups import UNKNOWN, Grouping
from hrdesk.fairness.multiplicity import adjust, comparison_p
from hrdesk.fairness.rates import _floats, judgeable
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


@dataclass(frozen=True)
class MeanParts:
    """A mean table's numbers before its rows are built (see ``rates.RateParts``)."""

    key: str
    grouping: Grouping
    n: np.ndarray
    mean: np.ndarray
    sd: np.ndarray
    low: np.ndarray
    high: np.ndarray
    ok: np.ndarray
    ref: int | None
    gap: np.ndarray
    p: np.ndarray
    gap_low: np.ndarray
    gap_high: np.ndarray
    base: int
    unknown_values: np.ndarray
    rest_n: np.ndarray
    rest_mean: np.ndarray

    def comparison_p(self) -> np.ndarray:
        """The p-values entering the false-discovery-rate correction (each group vs the rest)."""
        return comparison_p(self.p, self.ok, self.ref)


def mean_parts(key: str, values: np.ndarray, grouping: Grouping, settings: AuditSettings,
               reference: str | None = None) -> MeanParts:
    """Means, intervals and raw Welch tests against the best-off judgeable group.

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
    rest_n, rest_mean, rest_sd = _rest_moments(values, grouping.codes, n)
    p = glow = ghigh = gap = np.full(len(n), np.nan)
    if ref is not None:
        gap = mean - mean[ref]
        _, glow, ghigh = welch_gap(mean, sd, n, mean[ref], sd[ref], int(n[ref]), settings.confidence)
        p, _, _ = welch_gap(mean, sd, n, rest_mean, rest_sd, rest_n, settings.confidence)
    return MeanParts(key, grouping, n, mean, sd, low, high, ok, ref, gap, p, glow, ghigh, base, values[unknown_mask],
                     rest_n, rest_mean)


def _rest_moments(values: np.ndarray, codes: np.ndarray, n: np.ndarray):
    """For each group: size, mean and SD of everyone else whose group is known."""
    valid = ~np.isnan(values) & (codes >= 0)
    c, x = codes[valid], values[valid]
    centre = float(x.mean()) if len(x) else 0.0
    x = x - centre  # sums of squares about the overall mean lose no precision
    s1 = np.bincount(c, weights=x, minlength=len(n))
    s2 = np.bincount(c, weights=x * x, minlength=len(n))
    rest_n = (len(x) - n).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        m = (x.sum() - s1) / rest_n
        var = ((x * x).sum() - s2 - rest_n * m * m) / (rest_n - 1)
    return rest_n, m + centre, np.sqrt(np.maximum(var, 0.0))


def build_mean_table(parts: MeanParts, settings: AuditSettings, p_adjusted: np.ndarray, family: str = "") -> MeanTable:
    """The table, with statuses judged on the adjusted p-values."""
    g, n, ref = parts.grouping, parts.n, parts.ref
    size = len(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = _floats(n / parts.base if parts.base else np.full(size, np.nan))
    mean, sd, low, high = _floats(parts.mean), _floats(parts.sd), _floats(parts.low), _floats(parts.high)
    gap, glow, ghigh, p, adj = (_floats(x) for x in (parts.gap, parts.gap_low, parts.gap_high, parts.p, p_adjusted))
    n_ = n.tolist()
    rest_n, rest_mean = parts.rest_n.astype(int).tolist(), _floats(parts.rest_mean)
    lower = [m is not None and r is not None and m < r for m, r in zip(mean, rest_mean)]
    status = [_status(i, parts.ok, ref, adj, lower, settings) for i in range(size)]
    rows = [
        GroupMean(
            group=g.names[i], parts=g.parts[i], n=n_[i], share=share[i], mean=mean[i], sd=sd[i], ci_low=low[i],
            ci_high=high[i], gap=gap[i] if i != ref else 0.0, gap_ci_low=glow[i] if i != ref else None,
            gap_ci_high=ghigh[i] if i != ref else None, p_value=p[i] if i != ref else None,
            status=status[i], p_adjusted=adj[i] if i != ref else None, rest_n=rest_n[i], rest_mean=rest_mean[i],
        )
        for i in range(size)
    ]
    if len(parts.unknown_values):
        rows.append(_unknown_row(parts.unknown_values, parts.base, g, settings))
    return MeanTable(
        id=f"mean/{parts.key}/{g.id}", outcome=parts.key, dimension=g.key, dimension_label=g.label,
        protected=g.protected, reference=None if ref is None else g.names[ref], base=parts.base,
        unknown=len(parts.unknown_values), rows=tuple(rows), family=family,
    )


def mean_table(key: str, values: np.ndarray, grouping: Grouping, settings: AuditSettings,
               reference: str | None = None) -> MeanTable:
    """Means, intervals, gaps to the best-off judgeable group, and statuses.

    On its own the table is its own family of comparisons; ``run_audit``
    corrects all tables of the audit together.
    """
    parts = mean_parts(key, values, grouping, settings, reference)
    return build_mean_table(parts, settings, adjust(parts.comparison_p()))


def _status(i: int, ok, ref, p_adjusted, lower, settings: AuditSettings) -> str:
    if not ok[i]:
        return Status.TOO_SMALL
    if i == ref:
        return Status.REFERENCE
    significant = p_adjusted[i] is not None and p_adjusted[i] < settings.alpha
    return Status.WATCH if significant and lower[i] else Status.OK


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
