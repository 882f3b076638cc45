"""The power statement: the smallest gap an audit of this size could have detected.

For one group against everyone else, a two-sided test of two proportions at
the 5% level (the pooled z test, which the audit's chi-square test equals)
finds a gap ``d`` with probability about
``Φ((d − z[1−α/2]·se0) / se1)``, where ``se0`` is the standard error with
both at the pooled rate and ``se1`` the standard error at the true rates.
The detectable gap is the ``d`` where that reaches 80%, solved numerically
in the direction that matters (the group faring worse). Saying it keeps "no
flag" from being read as "no gap": a smaller gap may exist unseen.
"""

from __future__ import annotations

import math

ALPHA = 0.05
POWER = 0.8


def power_at(gap: float, rate: float, n_group: int, n_rest: int, *, lower: bool, alpha: float = ALPHA) -> float:
    """Probability that the test finds a group ``gap`` below (``lower``) or above the rest's ``rate``."""
    from scipy.stats import norm

    p1, p2 = (rate - gap if lower else rate + gap), rate
    pooled = (p1 * n_group + p2 * n_rest) / (n_group + n_rest)
    se0 = math.sqrt(pooled * (1 - pooled) * (1 / n_group + 1 / n_rest))
    se1 = math.sqrt(p1 * (1 - p1) / n_group + p2 * (1 - p2) / n_rest)
    if se1 == 0:
        return 1.0 if gap > norm.ppf(1 - alpha / 2) * se0 else 0.0
    return float(norm.cdf((gap - norm.ppf(1 - alpha / 2) * se0) / se1))


def detectable_gap(rate: float, n_group: int, n_rest: int, *, lower: bool = True, power: float = POWER,
                   alpha: float = ALPHA) -> float | None:
    """The gap in rates (0-1) found with ``power`` between a group of ``n_group`` and the rest at ``rate``;
    None when no possible rate of the group would be found that reliably (or nobody is counted)."""
    from scipy.optimize import brentq

    if n_group <= 0 or n_rest <= 0 or not 0 < rate < 1:
        return None
    room = rate if lower else 1 - rate  # the group's rate cannot go below 0 or above 1
    if power_at(room, rate, n_group, n_rest, lower=lower, alpha=alpha) < power:
        return None
    return float(brentq(lambda d: power_at(d, rate, n_group, n_rest, lower=lower, alpha=alpha) - power, 1e-9, room))
