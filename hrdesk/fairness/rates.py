"""Per-group rates of a yes/no outcome: counts, Wilson intervals, impact ratios.

The impact ratio is always computed on the **favourable** side, as the
Uniform Guidelines define selection rates: for a favourable outcome (high
rating, promotion) it is the group's rate over the most favoured group's
rate; for an unfavourable one (PIP, low rating, leaving) it is the group's
rate of *not* getting it over the most favoured group's (the group with the
lowest rate). So a ratio below 0.8 always means "this group fares worse".
Because that complement is close to 1 for rare bad outcomes, unfavourable
outcomes also carry ``relative_risk`` (the group's rate over the favoured
group's rate, "2.1 times as often"), which the plain-language text uses.

The most favoured (reference) group is chosen among groups large enough to
judge, so one person with a lucky rating cannot become the yardstick. The
*significance* of a gap is not tested against that group, which was picked
because it fared best (often a small, lucky group, whose chance swings would
make every other group look worse or hide a real gap): each group is tested
against **everyone else** whose attribute is known (``rest_rate``). A gap
counts as significant for a status only when the group fares *worse* than
the rest; a group doing better than everyone else is not a concern. Groups
below ``min_group`` people or ``min_share`` of the base are kept in the table
with status ``too_small`` and never flagged. People whose attribute is
unknown are counted in ``unknown`` and shown as a final row.

Statuses are judged on the p-value *adjusted* for the audit's many
comparisons (``multiplicity``); ``p_value`` is the test's own, raw p-value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from hrdesk.fairness.groups import UNKNOWN, Grouping
from hrdesk.fairness.multiplicity import adjust, comparison_p
from hrdesk.fairness.result import GroupRate, RateTable, Status
from hrdesk.fairness.settings import AuditSettings
from hrdesk.fairness.stats import compare_proportions, wilson_interval


@dataclass(frozen=True)
class BinaryOutcome:
    """An outcome as numbers: 1.0 / 0.0 per person, NaN where not applicable."""

    key: str
    values: np.ndarray
    direction: str  # "favourable" | "unfavourable" | "neutral"


@dataclass(frozen=True)
class _Counts:
    n: np.ndarray
    k: np.ndarray
    unknown: int
    unknown_k: int
    base: int


def count(values: np.ndarray, codes: np.ndarray, groups: int) -> _Counts:
    """Group sizes and event counts with one ``bincount`` each."""
    valid = ~np.isnan(values)
    c, y = codes[valid], values[valid]
    known = c >= 0
    n = np.bincount(c[known], minlength=groups)
    k = np.bincount(c[known], weights=y[known], minlength=groups).round().astype(np.int64)
    return _Counts(n, k, int((~known).sum()), int(y[~known].sum()), int(valid.sum()))


def judgeable(n: np.ndarray, base: int, settings: AuditSettings) -> np.ndarray:
    """Groups large enough, absolutely and as a share, to be judged."""
    share = n / base if base else np.zeros(len(n))
    return (n >= settings.min_group) & (share >= settings.min_share)


@dataclass(frozen=True)
class RateParts:
    """A rate table's numbers before its rows are built: the p-values of every
    table of an audit are corrected together (``multiplicity``) first."""

    outcome: BinaryOutcome
    grouping: Grouping
    counts: _Counts
    rate: np.ndarray
    fav_rate: np.ndarray
    ok: np.ndarray
    ref: int | None
    low: np.ndarray
    high: np.ndarray
    ratio: np.ndarray | None
    rr: np.ndarray | None
    one: np.ndarray | None
    p: np.ndarray | None
    tests: np.ndarray
    rest_n: np.ndarray | None = None
    rest_rate: np.ndarray | None = None

    @property
    def reference(self) -> str | None:
        return None if self.ref is None else self.grouping.names[self.ref]

    def comparison_p(self) -> np.ndarray:
        """The p-values entering the false-discovery-rate correction (NaN: not a comparison)."""
        return comparison_p(self.p, self.ok, self.ref)


def rate_parts(outcome: BinaryOutcome, grouping: Grouping, settings: AuditSettings) -> RateParts:
    """Counts, intervals, ratios and raw tests for one outcome and grouping."""
    c = count(outcome.values, grouping.codes, len(grouping.parts))
    n, k = c.n, c.k
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = k / n
    fav = _favourable_counts(outcome.direction, n, k)
    fav_rate = fav / np.where(n > 0, n, np.nan)
    ok = judgeable(n, c.base, settings)
    ref = _reference(outcome.direction, fav_rate, n, ok)
    low, high = wilson_interval(k, n, settings.confidence)
    ratio = rr = p = one = None
    tests = np.full(len(n), "", dtype=object)
    rest_n, rest_k = n.sum() - n, k.sum() - k
    with np.errstate(divide="ignore", invalid="ignore"):
        rest_rate = rest_k / rest_n
    if ref is not None:
        ratio, rr, one = _ratios(outcome.direction, n, k, fav, ref, settings.impact_threshold)
        one = None if one is None else one & ok  # too-small groups are not judged at all
        p, tests = compare_proportions(k, n, rest_k, rest_n, exact_below=settings.exact_below)
        p[ref], tests[ref] = np.nan, ""
    return RateParts(outcome, grouping, c, rate, fav_rate, ok, ref, low, high, ratio, rr, one, p, tests,
                     rest_n, rest_rate)


def build_rate_table(parts: RateParts, settings: AuditSettings, p_adjusted: np.ndarray, family: str = "") -> RateTable:
    """The table, with statuses judged on the adjusted p-values."""
    c, grouping, ratio, rr, one = parts.counts, parts.grouping, parts.ratio, parts.rr, parts.one
    n = c.n
    worse = _worse(parts.outcome.direction, parts.rate, parts.rest_rate)
    status = _statuses(parts.ok, parts.ref, ratio, p_adjusted, worse, parts.outcome.direction, settings)
    # whole columns to Python values at once: tables by manager have thousands of rows
    size = len(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = _floats(n / c.base if c.base else np.full(size, np.nan))
    rate, low, high, fav = _floats(parts.rate), _floats(parts.low), _floats(parts.high), _floats(parts.fav_rate)
    ratio_, rr_, p_, adj = (_floats(x) if x is not None else [None] * size for x in (ratio, rr, parts.p, p_adjusted))
    n_, k_ = n.tolist(), c.k.tolist()
    rest_n = [None] * size if parts.rest_n is None else parts.rest_n.tolist()
    rest_rate = [None] * size if parts.rest_rate is None else _floats(parts.rest_rate)
    tests = parts.tests.tolist()
    one_ = [False] * size if one is None else one.tolist()
    rows = [
        GroupRate(
            group=grouping.names[i], parts=grouping.parts[i], n=n_[i], share=share[i], events=k_[i], rate=rate[i],
            ci_low=low[i], ci_high=high[i], favourable_rate=fav[i], impact_ratio=ratio_[i], relative_risk=rr_[i],
            p_value=p_[i], test=str(tests[i]), one_person=True if one_[i] else None, status=status[i],
            p_adjusted=adj[i], rest_n=rest_n[i], rest_rate=rest_rate[i],
        )
        for i in range(size)
    ]
    if c.unknown:
        rows.append(_unknown_row(c, parts.outcome.direction, grouping, settings))
    return RateTable(
        id=f"rate/{parts.outcome.key}/{grouping.id}", outcome=parts.outcome.key, dimension=grouping.key,
        dimension_label=grouping.label, protected=grouping.protected, reference=parts.reference, base=c.base,
        unknown=c.unknown, unknown_events=c.unknown_k, rows=tuple(rows), family=family,
    )


def rate_table(outcome: BinaryOutcome, grouping: Grouping, settings: AuditSettings) -> RateTable:
    """Every number the issue asks for, per group, for one outcome and grouping.

    On its own the table is its own family of comparisons; ``run_audit``
    instead corrects all tables of the audit together.
    """
    parts = rate_parts(outcome, grouping, settings)
    return build_rate_table(parts, settings, adjust(parts.comparison_p()))


def _favourable_counts(direction: str, n: np.ndarray, k: np.ndarray) -> np.ndarray:
    return n - k if direction == "unfavourable" else k


def _reference(direction: str, fav_rate: np.ndarray, n: np.ndarray, ok: np.ndarray) -> int | None:
    """The most favoured judgeable group (ties: the larger group); for a neutral
    outcome simply the largest judgeable group."""
    if not ok.any():
        return None
    candidates = np.flatnonzero(ok)
    if direction == "neutral":
        return int(candidates[np.argmax(n[candidates])])
    order = np.lexsort((-n[candidates], -fav_rate[candidates]))
    return int(candidates[order[0]])


def _ratios(direction: str, n, k, fav, ref: int, threshold: float):
    """Impact ratio, relative risk and the one-person check, per group.

    One-person check (Uniform Guidelines Q&A): would moving one more person of
    this group to the favourable outcome lift the ratio to the threshold?
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        ref_fav = fav[ref] / n[ref]
        ratio = (fav / n) / ref_fav if ref_fav > 0 else np.full(len(n), np.nan)
        if direction == "neutral":
            return ratio, None, None
        rr = (k / n) / (k[ref] / n[ref]) if direction == "unfavourable" else None
        lifted = np.minimum(fav + 1, n) / n / ref_fav if ref_fav > 0 else np.full(len(n), np.nan)
    one = (ratio < threshold) & (lifted >= threshold)
    return ratio, rr, one


def _worse(direction: str, rate: np.ndarray, rest_rate: np.ndarray | None) -> np.ndarray:
    """Does each group fare worse than everyone else? (any difference counts for a neutral outcome)"""
    if rest_rate is None:
        return np.ones(len(rate), dtype=bool)
    with np.errstate(invalid="ignore"):
        if direction == "favourable":
            return np.asarray(rate < rest_rate)
        if direction == "unfavourable":
            return np.asarray(rate > rest_rate)
    return np.ones(len(rate), dtype=bool)


def _statuses(ok, ref, ratio, p_adjusted, worse, direction: str, settings: AuditSettings) -> list[str]:
    """flag: ratio < threshold AND the group fares significantly worse than the rest (adjusted
    p < alpha); watch: exactly one of the two."""
    ok = np.asarray(ok, dtype=bool)
    out = np.full(len(ok), Status.OK, dtype=object)
    if ratio is not None:
        with np.errstate(invalid="ignore"):
            low = np.zeros(len(ok), dtype=bool) if direction == "neutral" else np.asarray(ratio < settings.impact_threshold)
            sig = np.asarray(p_adjusted < settings.alpha) & worse
        out[low | sig] = Status.WATCH
        out[low & sig] = Status.FLAG
    if ref is not None:
        out[ref] = Status.REFERENCE
    out[~ok] = Status.TOO_SMALL
    return out.tolist()


def _unknown_row(c: _Counts, direction: str, grouping: Grouping, settings: AuditSettings) -> GroupRate:
    low, high = wilson_interval(np.array([c.unknown_k]), np.array([c.unknown]), settings.confidence)
    rate = c.unknown_k / c.unknown
    fav = 1 - rate if direction == "unfavourable" else rate
    return GroupRate(
        group=UNKNOWN, parts=(UNKNOWN,) * len(grouping.key), n=c.unknown, share=c.unknown / c.base,
        events=c.unknown_k, rate=rate, ci_low=_f(low[0]), ci_high=_f(high[0]), favourable_rate=fav,
        impact_ratio=None, relative_risk=None, p_value=None, test="", one_person=None, status=Status.UNKNOWN,
    )


def _floats(arr: np.ndarray) -> list[float | None]:
    """An array as Python floats, non-finite values as None."""
    return [x if math.isfinite(x) else None for x in np.asarray(arr, dtype=float).tolist()]


def _f(x) -> float | None:
    x = float(x)
    return x if np.isfinite(x) else None
