"""Vectorised interval estimates and tests, all resting on scipy.stats.

Which test, and why:

* **Rates (2x2: a group vs everyone else whose attribute is known).** Fisher's exact test
  (``scipy.stats.fisher_exact``) whenever any *expected* cell count is below
  ``exact_below`` (5, Cochran's rule) — small groups get an exact answer.
  Otherwise Pearson's chi-square without continuity correction, which equals
  ``scipy.stats.chi2_contingency(table, correction=False)`` (and the two-sided
  two-proportion z-test); it is computed for all groups at once and the
  p-value taken from ``scipy.stats.chi2.sf``. Identical 2x2 tables are tested
  once (many small groups share the same counts).
* **Rate intervals.** Wilson score interval, the same numbers as
  ``scipy.stats.binomtest(k, n).proportion_ci(method="wilson")``, computed
  for all groups at once with ``scipy.stats.norm.ppf``.
* **Means.** t interval for each group's mean; Welch's t-test for the gap to
  the reference group (``scipy.stats.ttest_ind_from_stats`` with
  ``equal_var=False``) and the Welch interval for the gap.
* **Distributions (2 x k: a manager's team vs everyone else).** Pearson
  chi-square; when any expected count is below ``exact_below`` the p-value is
  a Monte Carlo permutation p-value with the margins fixed, exactly what
  ``chi2_contingency(..., method=MonteCarloMethod(...))`` computes, with the
  null tables drawn by ``scipy.stats.multivariate_hypergeom``. Because
  the column totals are the whole organisation's, the null distribution
  depends only on team size, so teams of equal size share one set of draws.
"""

from __future__ import annotations

from types import ModuleType

import numpy as np

FISHER = "fisher"
CHI2 = "chi2"
MONTE_CARLO = "monte carlo"


def scipy_stats() -> ModuleType:
    """``scipy.stats``, imported when the first test statistic is computed, not when this module is:
    it costs about a second on a cold start, and the Audits screen, monitoring and ``hrdesk --help``
    import the audit's modules without computing anything."""
    from scipy import stats

    return stats


def _z(confidence: float) -> float:
    return float(scipy_stats().norm.ppf(0.5 + confidence / 2))


def wilson_interval(k: np.ndarray, n: np.ndarray, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for k successes out of n (NaN where n == 0)."""
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    z = _z(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return np.clip(centre - half, 0.0, 1.0), np.clip(centre + half, 0.0, 1.0)


def compare_proportions(
    k1: np.ndarray, n1: np.ndarray, k2, n2, *, exact_below: float = 5.0
) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided p-values for each group's rate k1/n1 against a rate k2/n2.

    ``k2``/``n2`` are one number (every group against one comparison group)
    or one per group (each group against everyone else). Returns
    (p_values, test names); see the module docstring for the rule. Groups
    with n1 == 0 or nobody to compare with get NaN and an empty test name.
    """
    stats = scipy_stats()
    k1 = np.asarray(k1, dtype=float)
    n1 = np.asarray(n1, dtype=float)
    k2 = np.broadcast_to(np.asarray(k2, dtype=float), k1.shape)
    n2 = np.broadcast_to(np.asarray(n2, dtype=float), k1.shape)
    a, b, c, d = k1, n1 - k1, k2, n2 - k2
    total = a + b + c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = np.minimum.reduce([
            (a + b) * (a + c), (a + b) * (b + d), (c + d) * (a + c), (c + d) * (b + d)
        ]) / total
        chi2 = total * (a * d - b * c) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
    p = stats.chi2.sf(chi2, 1)
    tests = np.full(len(k1), CHI2, dtype=object)
    testable = (n1 > 0) & (n2 > 0)
    exact = testable & ~(expected >= exact_below)
    p[exact] = _fisher_unique(a[exact], b[exact], c[exact], d[exact])
    tests[exact] = FISHER
    p[~testable] = np.nan
    tests[~testable] = ""
    return p, tests


def _fisher_unique(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Fisher's exact p for each 2x2 table [[a, b], [c, d]], once per distinct table."""
    stats = scipy_stats()
    if len(a) == 0:
        return np.empty(0)
    tables, inverse = np.unique(np.column_stack([a, b, c, d]).astype(np.int64), axis=0, return_inverse=True)
    p = np.array([stats.fisher_exact([[w, x], [y, z]]).pvalue for w, x, y, z in tables])
    return p[inverse.ravel()]


def mean_interval(mean: np.ndarray, sd: np.ndarray, n: np.ndarray, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """t interval for each group's mean (NaN for groups of fewer than 2)."""
    stats = scipy_stats()
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = stats.t.ppf(0.5 + confidence / 2, np.where(n > 1, n - 1, np.nan))
        half = t * sd / np.sqrt(n)
    return mean - half, mean + half


def welch_gap(mean1, sd1, n1, mean2, sd2, n2, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Welch p-value and interval for mean1 - mean2, element-wise: (p, low, high).

    Either side may be a scalar (one reference group) or an array (each
    team against its own "everyone else").
    """
    stats = scipy_stats()
    n1 = np.asarray(n1, dtype=float)
    n2 = np.asarray(n2, dtype=float)
    ok = (n1 > 1) & (n2 > 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        res = stats.ttest_ind_from_stats(mean1, sd1, n1, mean2, sd2, n2, equal_var=False)
        v1, v2 = sd1 ** 2 / n1, sd2 ** 2 / n2
        se = np.sqrt(v1 + v2)
        df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1))
        half = stats.t.ppf(0.5 + confidence / 2, df) * se
    gap = mean1 - mean2
    p = np.where(ok, np.asarray(res.pvalue, dtype=float), np.nan)
    # equal, constant groups: no gap and no evidence of one
    p = np.where(ok & (se == 0), np.where(gap == 0, 1.0, 0.0), p)
    return p, np.where(ok, gap - half, np.nan), np.where(ok, gap + half, np.nan)


def chi2_vs_rest(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pearson chi-square of each row of ``counts`` against all other rows.

    ``counts`` is (teams x categories). Returns (statistic, asymptotic p,
    smallest expected count) per team; categories nobody has are dropped.
    """
    stats = scipy_stats()
    counts = np.asarray(counts, dtype=float)[:, np.asarray(counts).sum(axis=0) > 0]
    col = counts.sum(axis=0)
    stat, smallest = _chi2_fixed(counts, col)
    return stat, stats.chi2.sf(stat, max(counts.shape[1] - 1, 1)), smallest


def monte_carlo_vs_rest(counts: np.ndarray, which: np.ndarray, *, resamples: int, seed: int) -> np.ndarray:
    """Monte Carlo p-values of :func:`chi2_vs_rest` for the teams in ``which``."""
    stats = scipy_stats()
    counts = np.asarray(counts, dtype=np.int64)[:, np.asarray(counts).sum(axis=0) > 0]
    col = counts.sum(axis=0)
    observed, _, _ = chi2_vs_rest(counts)
    sizes = counts.sum(axis=1)
    p = np.full(len(counts), np.nan)
    rng = np.random.default_rng(seed)
    for size in np.unique(sizes[which]):
        draws = stats.multivariate_hypergeom.rvs(m=col, n=int(size), size=resamples, random_state=rng)
        null, _ = _chi2_fixed(draws, col)
        teams = np.flatnonzero(which & (sizes == size))
        # same tolerance and +1 correction as scipy's monte_carlo_test
        ge = (null[None, :] >= observed[teams, None] * (1 - 1e-14)).sum(axis=1)
        p[teams] = (ge + 1) / (resamples + 1)
    return p


def _chi2_fixed(team_counts: np.ndarray, col: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Chi-square statistic of each (team vs rest) table, and its smallest expected count."""
    team_counts = np.asarray(team_counts, dtype=float)
    total = col.sum()
    size = team_counts.sum(axis=1, keepdims=True)
    exp_team = size * col / total
    exp_rest = (total - size) * col / total
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = ((team_counts - exp_team) ** 2 / exp_team + (col - team_counts - exp_rest) ** 2 / exp_rest).sum(axis=1)
    return stat, np.minimum(exp_team.min(axis=1), exp_rest.min(axis=1))


def independence_p(table: np.ndarray, *, exact_below: float = 5.0) -> tuple[float, str]:
    """Are the rows of a (groups x 2) table alike? Chi-square, Fisher for small 2x2.

    Used for data gaps (missing values by group). Larger sparse tables fall
    back to the chi-square approximation, labelled as such.
    """
    stats = scipy_stats()
    table = np.asarray(table, dtype=float)
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    if table.shape[0] < 2 or table.shape[1] < 2:
        return 1.0, ""
    if table.shape == (2, 2) and stats.contingency.expected_freq(table).min() < exact_below:
        return float(stats.fisher_exact(table).pvalue), FISHER
    return float(stats.chi2_contingency(table, correction=False).pvalue), CHI2
