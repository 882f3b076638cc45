"""Manager calibration: does each manager rate like the rest of the organisation?

For every manager: the team's rating distribution against everyone else's
(chi-square, Monte Carlo when counts are small — see ``stats``) and the
team's mean rating (scale position, worst = 1) against everyone else's, with
a Welch interval. A manager is flagged when both the distribution and the
mean differ (p < alpha), watched when one does. Teams with fewer rated people
than ``min_group`` are listed as too small to judge and not tested; the 2%
share rule is *not* applied to teams, as in a large organisation every team
is under 2%.
"""

from __future__ import annotations

import numpy as np

from hrdesk.fairness.groups import Grouping
from hrdesk.fairness.result import Calibration, ManagerCalibration, Status
from hrdesk.fairness.settings import AuditSettings
from hrdesk.fairness.stats import CHI2, MONTE_CARLO, chi2_vs_rest, monte_carlo_vs_rest, welch_gap


def calibrate(rating_codes: np.ndarray, managers: Grouping, scale: tuple[str, ...], settings: AuditSettings) -> Calibration:
    """``rating_codes``: 0..len(scale)-1 per person, -1 when unrated."""
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
        status = _status(judged[i], dist_p[i], gap_p[i], settings)
        managers_out.append(ManagerCalibration(
            manager=managers.names[i], team_size=int(team_size[i]), rated=int(size[i]),
            counts=tuple(int(x) for x in counts[i]), rest_counts=tuple(int(x) for x in org - counts[i]),
            mean=_f(mean[i]), rest_mean=_f(rest_mean[i]), gap=_f(mean[i] - rest_mean[i]),
            gap_ci_low=_f(low[i]) if judged[i] else None, gap_ci_high=_f(high[i]) if judged[i] else None,
            gap_p=_f(gap_p[i]) if judged[i] else None, distribution_p=_f(dist_p[i]), test=tests[i], status=status,
        ))
    order = sorted(range(m), key=lambda i: (_RANK[managers_out[i].status], -managers_out[i].rated))
    return Calibration(scale=tuple(scale), unassigned=int((rated & ~assigned).sum()),
                       managers=tuple(managers_out[i] for i in order))


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


def _status(judged: bool, dist_p: float, gap_p: float, settings: AuditSettings) -> str:
    if not judged:
        return Status.TOO_SMALL
    hits = int(dist_p < settings.alpha) + int(gap_p < settings.alpha)
    return Status.FLAG if hits == 2 else Status.WATCH if hits == 1 else Status.OK


def _f(x) -> float | None:
    x = float(x)
    return x if np.isfinite(x) else None
