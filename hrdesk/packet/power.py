"""The power statement: the smallest gap an audit of this size could have detected.

A two-sided test of one group's rate against everyone else's at the 5% level
with 80% power detects a difference of about
``(z[1-α/2] + z[power]) * sqrt(p(1-p) (1/n1 + 1/n2))`` (the normal
approximation, at the overall rate p). Saying it keeps "no flag" from being
read as "no gap": a smaller gap may exist unseen.
"""

from __future__ import annotations

import math

ALPHA = 0.05
POWER = 0.8


def detectable_gap(rate: float, n_group: int, n_rest: int, *, alpha: float = ALPHA, power: float = POWER) -> float | None:
    """The difference in rates (0-1) detectable between a group of ``n_group`` and the rest; None if it cannot be said."""
    from scipy.stats import norm

    if n_group <= 0 or n_rest <= 0 or not 0 < rate < 1:
        return None
    z = norm.ppf(1 - alpha / 2) + norm.ppf(power)
    return float(z * math.sqrt(rate * (1 - rate) * (1 / n_group + 1 / n_rest)))
