"""The vectorised statistics give scipy's numbers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from hrdesk.fairness.stats import (
    chi2_vs_rest, compare_proportions, independence_p, mean_interval, monte_carlo_vs_rest, welch_gap,
    wilson_interval,
)


@given(st.lists(st.tuples(st.integers(0, 400), st.integers(1, 400)), min_size=1, max_size=8),
       st.sampled_from([0.9, 0.95, 0.99]))
@settings(max_examples=60, deadline=None)
def test_wilson_matches_scipy(pairs, confidence):
    k = np.array([min(a, b) for a, b in pairs])
    n = np.array([b for _, b in pairs])
    low, high = wilson_interval(k, n, confidence)
    for i in range(len(k)):
        ci = stats.binomtest(int(k[i]), int(n[i])).proportion_ci(confidence_level=confidence, method="wilson")
        assert low[i] == pytest.approx(ci.low, abs=1e-12)
        assert high[i] == pytest.approx(ci.high, abs=1e-12)


def test_wilson_of_empty_group_is_nan():
    low, high = wilson_interval(np.array([0]), np.array([0]))
    assert np.isnan(low[0]) and np.isnan(high[0])


def test_compare_proportions_uses_chi2_for_large_and_fisher_for_small():
    k1, n1 = np.array([20, 2, 0, 45]), np.array([176, 11, 0, 100])
    p, tests = compare_proportions(k1, n1, 17, 135)
    assert list(tests) == ["chi2", "fisher", "", "chi2"]
    for i in (0, 3):
        table = [[k1[i], n1[i] - k1[i]], [17, 118]]
        assert p[i] == pytest.approx(stats.chi2_contingency(table, correction=False).pvalue)
    assert p[1] == pytest.approx(stats.fisher_exact([[2, 9], [17, 118]]).pvalue)
    assert np.isnan(p[2])


def test_welch_gap_matches_ttest_ind():
    rng = np.random.default_rng(3)
    a, b = rng.normal(3.0, 1.0, 40), rng.normal(3.4, 0.6, 70)
    p, low, high = welch_gap(np.array([a.mean()]), np.array([a.std(ddof=1)]), np.array([40]),
                             b.mean(), b.std(ddof=1), 70)
    ref = stats.ttest_ind(a, b, equal_var=False)
    ci = ref.confidence_interval(0.95)
    assert p[0] == pytest.approx(ref.pvalue)
    assert (low[0], high[0]) == pytest.approx((ci.low, ci.high))


def test_mean_interval_matches_t_interval():
    x = np.array([3.1, 4.2, 3.8, 4.9, 2.7])
    low, high = mean_interval(np.array([x.mean()]), np.array([x.std(ddof=1)]), np.array([5]))
    ci = stats.ttest_1samp(x, 0).confidence_interval(0.95)
    assert (low[0], high[0]) == pytest.approx((ci.low, ci.high))


def test_chi2_vs_rest_matches_chi2_contingency():
    counts = np.array([[3, 1, 15, 2], [0, 4, 30, 6], [1, 2, 40, 1], [5, 5, 50, 10]])
    stat, p, smallest = chi2_vs_rest(counts)
    for i in range(len(counts)):
        table = np.vstack([counts[i], counts.sum(axis=0) - counts[i]])
        ref = stats.chi2_contingency(table, correction=False)
        assert stat[i] == pytest.approx(ref.statistic)
        assert p[i] == pytest.approx(ref.pvalue)
        assert smallest[i] == pytest.approx(ref.expected_freq.min())


def test_monte_carlo_agrees_with_scipy_resampling():
    counts = np.array([[4, 3, 10, 1], [2, 3, 60, 10], [1, 4, 70, 8]])
    p = monte_carlo_vs_rest(counts, np.array([True, False, False]), resamples=4999, seed=1)
    table = np.vstack([counts[0], counts.sum(axis=0) - counts[0]])
    ref = stats.chi2_contingency(table, correction=False,
                                 method=stats.MonteCarloMethod(n_resamples=4999, rng=np.random.default_rng(2)))
    assert p[0] == pytest.approx(ref.pvalue, abs=0.01)
    assert np.isnan(p[1])


def test_independence_p():
    p, test = independence_p(np.array([[0, 60], [20, 40]]))
    assert test == "chi2" and p == pytest.approx(stats.chi2_contingency([[0, 60], [20, 40]], correction=False).pvalue)
    p, test = independence_p(np.array([[0, 6], [3, 5]]))
    assert test == "fisher" and p == pytest.approx(stats.fisher_exact([[0, 6], [3, 5]]).pvalue)
