"""Manager calibration: does each manager rate like the rest of the organisation?

For every manager: the team's rating distribution against everyone else's
(chi-square, Monte Carlo when counts are small — see ``stats``) and the
team's mean rating (scale position, worst = 1) against everyone else's, with
a Welch interval. A manager is flagged when both the distribution and the
mean differ (p < alpha), watched when one does — judged on the p-values
*adjusted* for the audit's many comparisons (``multiplicity``: both tests of
every judged team are in the audit's main family). A team whose two raw
p-values were both under alpha but do not survive the correction is watched,
not flagged: with this many teams a difference that size can be chance.
``calibrate`` alone treats its own tests as the family; ``run_audit`` passes
the audit-wide adjusted values to ``with_adjusted``. Teams with fewer rated people
than ``min_group`` are listed as too small to judge and not tested; the 2%
share rule is *not* applied to teams, as in a large organisation every team
is under 2%.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from hrdesk.fairness.groups import Grouping
from hrdesk.fairness.multiplicity import adjust
from hrdesk.fairness.result import Calibration, ManagerCalibration, Status
from hrdesk.fairness.settings import AuditSettings
from hrdesk.fairness.stats import CHI2, MONTE_CARLO, chi2_vs_rest, monte_carlo_vs_rest, welch_gap


def calibrate(rating_codes: np.ndarray, managers: Grouping, scale: tuple[str, ...], settings: AuditSettings,
              *, own_family: bool = True) -> Calibration:
    """``rating_codes``: 0..len(scale)-1 per person, -1 when unrated.

    With ``own_family=False`` judged teams are left with status "ok" and no
    adjusted p-values, for the caller to finish with ``with_adjusted``.
    """
    m, k = len(managers.parts), len(scale)
    rated = rating_codes >= 0
    assigned = managers.codes >= 0
    both = rated & assigned
    counts = np.bincount(managers.codes[both] * k + rating_codes[both], minlength=m * k).reshape(m, k)
    team_size = np.bincount(managers.codes[assigned], minlength=m)
    org = np.bincount(rating_codes[rated], minlength=k)
    size = counts.sum(axis=1)
    judged = size >= settings.min_group
    dist_p, tests = _distribution_p(counts, org, judged, settings)
    mean, rest_mean, gap_p, low, high = _mean_gaps(counts, org, settings.confidence)
    managers_out = []
    for i in range(m):
        status = Status.TOO_SMALL if not judged[i] else Status.OK  # judged in with_adjusted
        managers_out.append(ManagerCalibration(
            manager=managers.names[i], team_size=int(team_size[i]), rated=int(size[i]),
            counts=tuple(int(x) for x in counts[i]), rest_counts=tuple(int(x) for x in org - counts[i]),
            mean=_f(mean[i]), rest_mean=_f(rest_mean[i]), gap=_f(mean[i] - rest_mean[i]),
            gap_ci_low=_f(low[i]) if judged[i] else None, gap_ci_high=_f(high[i]) if judged[i] else None,
            gap_p=_f(gap_p[i]) if judged[i] else None, distribution_p=_f(dist_p[i]), test=tests[i], status=status,
        ))
    cal = Calibration(scale=tuple(scale), unassigned=int((rated & ~assigned).sum()), managers=tuple(managers_out))
    if not own_family:
        return cal
    dist, gap = comparison_p(cal)
    both = adjust(np.concatenate([dist, gap]))
    return with_adjusted(cal, both[:m], both[m:], settings)


def comparison_p(cal: Calibration) -> tuple[np.ndarray, np.ndarray]:
    """The spread and mean p-values of every judged team (NaN for teams not judged)."""
    judged = [m.status != Status.TOO_SMALL for m in cal.managers]
    dist = np.array([m.distribution_p if j and m.distribution_p is not None else np.nan for m, j in zip(cal.managers, judged)])
    gap = np.array([m.gap_p if j and m.gap_p is not None else np.nan for m, j in zip(cal.managers, judged)])
    return dist, gap


def with_adjusted(cal: Calibration, dist_adj: np.ndarray, gap_adj: np.ndarray, settings: AuditSettings) -> Calibration:
    """The calibration with adjusted p-values and the statuses they give, flags first."""
    out = []
    for m, d, g in zip(cal.managers, dist_adj, gap_adj):
        if m.status == Status.TOO_SMALL:
            out.append(m)
            continue
        status = _status(m.distribution_p, m.gap_p, float(d), float(g), settings)
        out.append(replace(m, status=status, distribution_p_adjusted=_f(d), gap_p_adjusted=_f(g)))
    out.sort(key=lambda x: (_RANK[x.status], -x.rated))
    return replace(cal, managers=tuple(out))


_RANK = {Status.FLAG: 0, Status.WATCH: 1, Status.OK: 2, Status.TOO_SMALL: 3}


def _distribution_p(counts, org, judged, settings: AuditSettings):
    p = np.full(len(counts), np.nan)
    tests = [""] * len(counts)
    if not judged.any() or (org > 0).sum() < 2:
        return p, tests
    stat, asymptotic, smallest = chi2_vs_rest(counts)
    small = judged & ~(smallest >= settings.exact_below)
    p[judged] = asymptotic[judged]
    if small.any():
        mc = monte_carlo_vs_rest(counts, small, resamples=settings.resamples, seed=settings.seed)
        # A team at the Monte Carlo floor (no resample as extreme) would stay at 1/(R+1) and could
        # never survive the multiplicity correction in a large audit: resample those teams more.
        at_floor = small & (mc <= 1.0 / (settings.resamples + 1))
        if at_floor.any():
            finer = monte_carlo_vs_rest(counts, at_floor, resamples=settings.resamples * 20 + 19, seed=settings.seed + 1)
            mc[at_floor] = finer[at_floor]
        p[small] = mc[small]
    for i in np.flatnonzero(judged):
        tests[i] = MONTE_CARLO if small[i] else CHI2
    return p, tests


def _mean_gaps(counts: np.ndarray, org: np.ndarray, confidence: float):
    """Each team's mean scale position against everyone else's, from the counts."""
    pos = np.arange(1, counts.shape[1] + 1, dtype=float)
    n = counts.sum(axis=1).astype(float)
    s1, s2 = counts @ pos, counts @ pos ** 2
    n_r, s1_r, s2_r = org.sum() - n, org @ pos - s1, org @ pos ** 2 - s2
    with np.errstate(divide="ignore", invalid="ignore"):
        mean, rest = s1 / n, s1_r / n_r
        sd = np.sqrt(np.maximum(s2 - n * mean ** 2, 0) / (n - 1))
        sd_r = np.sqrt(np.maximum(s2_r - n_r * rest ** 2, 0) / (n_r - 1))
    p, low, high = welch_gap(mean, sd, n, rest, sd_r, n_r, confidence)
    return mean, rest, p, low, high


def _status(dist_p, gap_p, dist_adj: float, gap_adj: float, settings: AuditSettings) -> str:
    """flag: both differences survive the correction; watch: one does, or both were
    under alpha before it (may be chance); otherwise no concern."""
    below = lambda p: p is not None and p < settings.alpha  # noqa: E731
    adjusted = int(below(dist_adj)) + int(below(gap_adj))
    raw = int(below(dist_p)) + int(below(gap_p))
    if adjusted == 2:
        return Status.FLAG
    return Status.WATCH if adjusted == 1 or raw == 2 else Status.OK


def _f(x) -> float | None:
    x = float(x)
    return x if np.isfinite(x) else None
