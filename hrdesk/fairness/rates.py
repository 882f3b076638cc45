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
judge, so one person with a lucky rating cannot become the yardstick. Groups
below ``min_group`` people or ``min_share`` of the base are kept in the table
with status ``too_small`` and never flagged. People whose attribute is
unknown are counted in ``unknown`` and shown as a final row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hrdesk.fairness.groups import UNKNOWN, Grouping
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


def rate_table(outcome: BinaryOutcome, grouping: Grouping, settings: AuditSettings) -> RateTable:
    """Every number the issue asks for, per group, for one outcome and grouping."""
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
    if ref is not None:
        ratio, rr, one = _ratios(outcome.direction, n, k, fav, ref, settings.impact_threshold)
        one = None if one is None else one & ok  # too-small groups are not judged at all
        p, tests = compare_proportions(k, n, int(k[ref]), int(n[ref]), exact_below=settings.exact_below)
        p[ref], tests[ref] = np.nan, ""
    status = _statuses(ok, ref, ratio, p, outcome.direction, settings)
    rows = [
        GroupRate(
            group=grouping.names[i], parts=grouping.parts[i], n=int(n[i]),
            share=_f(n[i] / c.base if c.base else np.nan), events=int(k[i]), rate=_f(rate[i]),
            ci_low=_f(low[i]), ci_high=_f(high[i]), favourable_rate=_f(fav_rate[i]),
            impact_ratio=_at(ratio, i), relative_risk=_at(rr, i), p_value=_at(p, i),
            test=str(tests[i]), one_person=None if one is None or not one[i] else True, status=status[i],
        )
        for i in range(len(n))
    ]
    if c.unknown:
        rows.append(_unknown_row(c, outcome.direction, grouping, settings))
    return RateTable(
        id=f"rate/{outcome.key}/{grouping.id}", outcome=outcome.key, dimension=grouping.key,
        dimension_label=grouping.label, protected=grouping.protected,
        reference=None if ref is None else grouping.names[ref], base=c.base,
        unknown=c.unknown, unknown_events=c.unknown_k, rows=tuple(rows),
    )


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


def _statuses(ok, ref, ratio, p, direction: str, settings: AuditSettings) -> list[str]:
    """flag: ratio < threshold AND p < alpha; watch: exactly one of the two."""
    out = []
    for i in range(len(ok)):
        if not ok[i]:
            out.append(Status.TOO_SMALL)
        elif i == ref:
            out.append(Status.REFERENCE)
        elif ratio is None:
            out.append(Status.OK)
        else:
            low = direction != "neutral" and bool(ratio[i] < settings.impact_threshold)
            sig = bool(p[i] < settings.alpha)
            out.append(Status.FLAG if low and sig else Status.WATCH if low or sig else Status.OK)
    return out


def _unknown_row(c: _Counts, direction: str, grouping: Grouping, settings: AuditSettings) -> GroupRate:
    low, high = wilson_interval(np.array([c.unknown_k]), np.array([c.unknown]), settings.confidence)
    rate = c.unknown_k / c.unknown
    fav = 1 - rate if direction == "unfavourable" else rate
    return GroupRate(
        group=UNKNOWN, parts=(UNKNOWN,) * len(grouping.key), n=c.unknown, share=c.unknown / c.base,
        events=c.unknown_k, rate=rate, ci_low=_f(low[0]), ci_high=_f(high[0]), favourable_rate=fav,
        impact_ratio=None, relative_risk=None, p_value=None, test="", one_person=None, status=Status.UNKNOWN,
    )


def _f(x) -> float | None:
    x = float(x)
    return x if np.isfinite(x) else None


def _at(arr, i: int) -> float | None:
    return None if arr is None else _f(arr[i])
