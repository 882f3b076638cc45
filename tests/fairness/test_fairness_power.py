"""Power and false flags: does the audit find a real race disparity, and stay quiet without one?

Generated organisations in the HRDataset layout (``organisations.py``): one
race group of about 20% of staff receives the top rating at 0.55x the White
majority's rate (raw p of that gap well below 0.001 at 3,000 people), or
nobody is treated differently. The quick run (3,000 people, 20 + 20
organisations) is in the default suite; ``-m soak`` runs all three sizes with
more organisations and prints the table quoted in the README.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from organisations import PLANTED_GROUP, hr_organisation, organisation_input, simulate
from scipy import stats

from hrdesk.fairness import Status, run_audit


def test_planted_gap_is_as_strong_as_the_issue_describes():
    """At 3,000 people the planted gap against the majority is 'well below p = 0.001 every time'."""
    worst = 0.0
    for seed in range(1000, 1020):
        frame = hr_organisation(3000, seed=seed, ratio=0.55)
        top = frame["PerformanceScore"].eq("Exceeds")
        group, white = top[frame["RaceDesc"] == PLANTED_GROUP], top[frame["RaceDesc"] == "White"]
        assert 0.17 < len(group) / len(frame) < 0.23
        table = [[group.sum(), (~group).sum()], [white.sum(), (~white).sum()]]
        worst = max(worst, stats.chi2_contingency(table, correction=False).pvalue)
        assert group.mean() / white.mean() == pytest.approx(0.55, abs=0.15)
    assert worst < 0.001


def test_disparity_found_at_3000_and_fair_organisations_raise_no_race_or_sex_flag():
    result = simulate(3000, 20)
    assert result.detection_rate >= 0.95, result
    assert result.false_flag_rate <= 0.05, result


@pytest.mark.soak
@pytest.mark.parametrize("size,organisations", [(300, 200), (3000, 100), (10_000, 40)])
def test_power_and_false_flags_by_size(size, organisations, capsys):
    result = simulate(size, organisations, seed=7000)
    with capsys.disabled():
        print(f"\n{size:>6} people, {organisations} + {organisations} organisations: "
              f"detected {result.detected}/{organisations} ({result.detection_rate:.0%}), "
              f"race or sex flag without disparity {result.false_flagged}/{organisations} ({result.false_flag_rate:.0%})")
    assert result.false_flag_rate <= 0.05
    if size >= 3000:
        assert result.detection_rate >= 0.95


def test_generator_without_disparity_is_fair():
    """The unplanted organisations really are fair: top rating independent of race."""
    frame = hr_organisation(10_000, seed=5)
    table = np.array(pd.crosstab(frame["RaceDesc"], frame["PerformanceScore"]))
    assert stats.chi2_contingency(table).pvalue > 0.01


def test_the_single_attribute_flag_is_listed_before_the_intersections_repeating_it():
    result = run_audit(organisation_input(hr_organisation(3000, seed=1001, ratio=0.55)))
    first = result.findings[0]
    assert first.id == f"rate/high_rating/race/{PLANTED_GROUP}" and first.severity == Status.FLAG
    assert first.summary.startswith("Black or African American employees received 'Exceeds' about two fifths as often")
