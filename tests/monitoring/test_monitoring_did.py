"""The difference-in-differences estimator: the same numbers as an explicit regression, and honest by simulation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from hrdesk.monitoring.did import diff_in_diff, months_needed


def panel(seed: int, *, teams: int = 40, pilot: int = 10, periods: int = 12, go: int = 6, effect: float = 0.3,
          team_shock: float = 0.15):
    """Team averages with team and month effects, a lasting team-level shock after go-live, and noise."""
    rng = np.random.default_rng(seed)
    team = np.repeat(np.arange(teams), periods)
    period = np.tile(np.arange(periods), teams)
    is_pilot, after = team < pilot, period >= go
    y = (rng.normal(0, 0.5, teams)[team] + rng.normal(0, 0.2, periods)[period]
         + rng.normal(0, team_shock, teams)[team] * after + rng.normal(0, 0.25, len(team))
         + effect * (is_pilot & after))
    people = rng.integers(4, 16, len(team)).astype(float)
    return team, period, y, people, is_pilot, after


def test_the_estimate_and_its_clustered_error_equal_an_explicit_dummy_regression() -> None:
    team, period, y, w, pilot, after = panel(1, teams=9, pilot=4, periods=6, go=3)
    keep = np.random.default_rng(2).random(len(y)) > 0.15          # an unbalanced panel: some cells missing
    team, period, y, w, pilot, after = (a[keep] for a in (team, period, y, w, pilot, after))
    d = (pilot & after).astype(float)
    x = np.column_stack([np.eye(9)[team], np.eye(6)[period][:, 1:], d])
    xtwx_inv = np.linalg.inv((x * w[:, None]).T @ x)
    beta = xtwx_inv @ (x * w[:, None]).T @ y
    u = y - x @ beta
    scores = np.array([(x[team == g] * (w * u)[team == g][:, None]).sum(axis=0) for g in range(9)])
    cov = xtwx_inv @ scores.T @ scores @ xtwx_inv * 9 / 8
    got = diff_in_diff(team, period, y, w, pilot, after)
    assert got.effect == pytest.approx(beta[-1], abs=1e-9)
    assert got.se == pytest.approx(cov[-1, -1] ** 0.5, rel=1e-6)
    assert got.df == 3 and (got.teams_pilot, got.teams_comparison) == (4, 5)
    half = stats.t.ppf(0.975, 3) * got.se
    assert (got.ci_low, got.ci_high) == pytest.approx((got.effect - half, got.effect + half))


def test_a_balanced_panel_gives_the_difference_of_the_four_means() -> None:
    team, period, y, _w, pilot, after = panel(3)
    w = np.ones(len(y))
    plain = ((y[pilot & after].mean() - y[pilot & ~after].mean())
             - (y[~pilot & after].mean() - y[~pilot & ~after].mean()))
    assert diff_in_diff(team, period, y, w, pilot, after).effect == pytest.approx(plain)


def test_it_recovers_a_planted_effect_and_the_interval_covers_it_at_about_the_nominal_rate() -> None:
    planted, runs = 0.3, 400
    results = [diff_in_diff(*panel(seed, effect=planted)) for seed in range(runs)]
    effects = np.array([r.effect for r in results])
    covered = np.mean([r.ci_low <= planted <= r.ci_high for r in results])
    assert abs(effects.mean() - planted) < 0.01                       # unbiased
    # 95% nominal; with 400 runs the binomial spread is about 1.1 points, and the t with
    # min(pilot, comparison) - 1 degrees of freedom is, by design, a little conservative
    assert 0.92 <= covered <= 0.99, covered
    # and with no effect, the interval excludes zero about 5% of the time
    null = [diff_in_diff(*panel(1000 + seed, effect=0.0)) for seed in range(runs)]
    assert np.mean([r.ci_low > 0 or r.ci_high < 0 for r in null]) <= 0.08


def test_too_few_teams_on_either_side_give_no_estimate() -> None:
    team, period, y, w, pilot, after = panel(5, teams=6, pilot=1)
    assert diff_in_diff(team, period, y, w, pilot, after) is None


def test_months_needed_follows_the_interval_width_scaling() -> None:
    assert months_needed(0.1, 0.2, 6, 3) == 0
    # half-width 0.4 with 6 before and 3 after; 0.3 needed: (1/6 + 1/(3+m)) = (1/6 + 1/3) * (0.3/0.4)^2
    m = months_needed(0.4, 0.3, 6, 3)
    assert 1 / 6 + 1 / (3 + m) <= (1 / 6 + 1 / 3) * 0.5625 < 1 / 6 + 1 / (3 + m - 1)
    assert months_needed(1.0, 0.2, 6, 3) is None                      # the before side alone is already too noisy
