"""Planted disparities, small groups, the one-person rule, data quality, settings."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from fairness_data import SCALE, synthetic_input

from hrdesk.errors import CancelledError, InvalidInputError
from hrdesk.fairness import AuditInput, AuditSettings, ExtraOutcome, Status, run_audit

REF = dt.date(2024, 6, 30)


def planted(groups: dict[str, tuple[int, int]], *, attribute: str = "sex", low: bool = False, **extra) -> AuditInput:
    """People in ``groups`` {label: (n, k)}: k of n get the top (or, with
    ``low``, the bottom) rating, everyone else 'Fully Meets'."""
    rows = []
    for label, (n, k) in groups.items():
        for i in range(n):
            rating = (SCALE[0] if low else SCALE[-1]) if i < k else "Fully Meets"
            rows.append({attribute: label, "rating": rating})
    people = pd.DataFrame(rows)
    people.insert(0, "person", [f"p{i}" for i in range(len(people))])
    people["rating"] = pd.Categorical(people["rating"], categories=list(SCALE), ordered=True)
    for col, values in extra.items():
        people[col] = values
    return AuditInput(people=people, scale=SCALE, reference_date=REF, attributes=(attribute,))


def _findings(result, outcome: str):
    return {f.groups[0]: f for f in result.findings if f.table == f"rate/{outcome}/sex"}


def test_planted_disparity_is_flagged_and_fair_group_is_not():
    data = planted({"men": (200, 60), "women": (200, 20), "other": (200, 58)})
    result = run_audit(data)
    table = result.rate_table("high_rating", "sex")
    assert table.reference == "men"
    rows = {r.group: r for r in table.rows}
    assert rows["women"].status == Status.FLAG
    assert rows["women"].impact_ratio == pytest.approx((20 / 200) / (60 / 200))
    assert rows["women"].p_value < 0.001 and rows["women"].test == "chi2"
    assert rows["other"].status == Status.OK
    found = _findings(result, "high_rating")
    assert set(found) == {"women"}
    f = found["women"]
    assert f.severity == Status.FLAG and f.kind == "disparity"
    assert "at 10% vs 30%" in f.text and "ratio 0.33" in f.text
    assert "Against everyone else (30% of 400 people), with 200 people in the group" in f.text
    assert f.summary == ("Women received 'Exceeds' about a third as often as men: 10% vs 30% (everyone else: 30%). "
                         "A gap this size is very unlikely to be chance.")
    assert f.numbers["impact_ratio"] == pytest.approx(1 / 3)


def test_low_ratio_that_could_be_chance_is_only_watched():
    result = run_audit(planted({"a": (20, 5), "b": (20, 3)}))
    row = result.rate_table("high_rating", "sex").row("b")
    assert row.impact_ratio == pytest.approx(0.6)
    assert row.p_value > 0.05 and row.test == "fisher"  # expected counts under 5: exact test
    assert row.status == Status.WATCH
    assert _findings(result, "high_rating")["b"].severity == Status.WATCH


def test_groups_of_three_never_flag():
    groups = {f"g{i}": (3, 3 if i == 0 else 0) for i in range(8)}
    result = run_audit(planted(groups))
    table = result.rate_table("high_rating", "sex")
    assert all(r.status == Status.TOO_SMALL for r in table.rows)
    assert table.reference is None
    assert not [f for f in result.findings if f.kind == "disparity"]


def test_small_share_is_too_small_even_above_min_group():
    result = run_audit(planted({"big": (500, 100), "tiny": (6, 0)}))  # 6 people = 1.2% of 506
    row = result.rate_table("high_rating", "sex").row("tiny")
    assert row.status == Status.TOO_SMALL and row.impact_ratio == 0.0
    assert not _findings(result, "high_rating")


def test_one_person_check():
    # 1 of 10 vs 5 of 30: ratio 0.6; with one more person 2/10 / (5/30) = 1.2 >= 0.8
    result = run_audit(planted({"a": (30, 5), "b": (10, 1)}))
    row = result.rate_table("high_rating", "sex").row("b")
    assert row.impact_ratio == pytest.approx(0.6)
    assert row.one_person is True
    assert "rests on a single person" in _findings(result, "high_rating")["b"].text
    # 10 of 100 vs 50 of 100: one more person gives 0.22 - not a single-person gap
    far = run_audit(planted({"a": (100, 50), "b": (100, 10)})).rate_table("high_rating", "sex").row("b")
    assert far.one_person is None and far.status == Status.FLAG


def test_unfavourable_outcome_names_the_lowest_rate_as_favoured():
    result = run_audit(planted({"men": (200, 4), "women": (200, 30)}, low=True))
    table = result.rate_table("low_rating", "sex")
    assert table.reference == "men"
    women = table.row("women")
    assert women.impact_ratio == pytest.approx((170 / 200) / (196 / 200))
    assert women.relative_risk == pytest.approx(7.5)
    assert women.status == Status.WATCH  # significant, but the favourable-side ratio is above 0.8
    text = _findings(result, "low_rating")["women"].text
    assert text.startswith("Women were rated 'PIP' at 15% vs 2% for men (7.5 times as often)")


def test_unknown_attribute_is_counted_not_dropped():
    data = planted({"a": (50, 10), "b": (50, 10)})
    data.people.loc[:9, "sex"] = np.nan
    data.people.loc[10:11, "sex"] = "Prefer not to say"
    table = run_audit(data).rate_table("high_rating", "sex")
    assert table.unknown == 12 and table.base == 100
    assert table.rows[-1].group == "Unknown" and table.rows[-1].status == Status.UNKNOWN
    assert table.rows[-1].n == 12 and table.unknown_events == 10
    assert sum(r.n for r in table.rows) == 100


def test_continuous_outcome_gap_and_scoring_rate():
    rng = np.random.default_rng(1)
    n = 300
    sex = np.array(["F", "M"] * (n // 2), dtype=object)
    engagement = np.where(sex == "F", rng.normal(3.2, 0.5, n), rng.normal(4.0, 0.5, n))
    data = planted({"x": (n, 0)}, sex=sex, engagement=engagement)
    result = run_audit(data)
    means = result.mean_table("engagement", "sex")
    f_row = means.row("F")
    assert means.reference == "M"
    assert f_row.gap == pytest.approx(engagement[sex == "F"].mean() - engagement[sex == "M"].mean())
    assert f_row.gap_ci_high < 0 and f_row.p_value < 0.001
    found = [f for f in result.findings if f.table == "mean/engagement/sex"]
    assert len(found) == 1 and found[0].severity == Status.FLAG
    assert "scored above the organisation's median" in found[0].text


def test_manager_calibration_flags_harsh_manager():
    n_teams, size = 10, 20
    managers = np.repeat([f"M{i}" for i in range(n_teams)], size)
    rating = np.tile(["Fully Meets"] * 15 + ["Exceeds"] * 3 + ["Needs Improvement"] * 2, n_teams).astype(object)
    rating[:size] = ["PIP"] * 8 + ["Needs Improvement"] * 8 + ["Fully Meets"] * 4  # M0 rates harshly
    people = pd.DataFrame({"person": [f"p{i}" for i in range(len(managers))], "manager": managers,
                           "rating": pd.Categorical(rating, categories=list(SCALE), ordered=True),
                           "sex": ["F", "M"] * (len(managers) // 2)})
    people.loc[len(people)] = {"person": "solo", "manager": "Tiny Team", "rating": "Exceeds", "sex": "F"}
    result = run_audit(AuditInput(people, SCALE, REF, ("sex",)))
    cal = {m.manager: m for m in result.calibration.managers}
    assert cal["M0"].status == Status.FLAG and cal["M0"].gap < 0
    assert cal["M0"].test == "monte carlo"  # expected PIP counts are tiny
    assert cal["M3"].status == Status.OK
    assert cal["Tiny Team"].status == Status.TOO_SMALL and cal["Tiny Team"].distribution_p is None
    assert result.calibration.managers[0].manager == "M0"
    finding = next(f for f in result.findings if f.kind == "calibration")
    assert finding.groups == ("M0",) and "M0's team (20 people, 20 rated)" in finding.text


def test_data_quality_checks():
    data = planted({"a": (60, 10), "b": (60, 10)})
    p = data.people
    p["engagement"] = 3.0
    p.loc[0, "engagement"] = 7.5
    p["last_review_date"] = pd.Timestamp("2024-01-15")
    p.loc[1:4, "last_review_date"] = pd.Timestamp("2022-01-01")
    p.loc[5, "last_review_date"] = pd.NaT
    p.loc[p.index[p["sex"] == "b"][:20], "rating"] = np.nan
    p.loc[len(p)] = p.loc[7]  # a duplicated row
    q = run_audit(data).quality
    assert q.duplicate_ids == ("p7",) and q.duplicate_rows == 1
    assert q.stale == 4 and q.no_review_date == 1 and q.stale_before == "2023-03-30"
    assert {i.field: i.count for i in q.out_of_range}["engagement"] == 1
    gap = next(g for g in q.gaps if g.id == "gap/missing/rating/sex")
    assert gap.status == Status.FLAG and {r.group: r.count for r in gap.rows} == {"a": 0, "b": 20}
    assert {f.field: f.missing for f in q.fields}["rating"] == 20


def test_data_gap_finding_in_words():
    data = planted({"a": (60, 10), "b": (60, 10)})
    data.people.loc[data.people.index[data.people["sex"] == "b"][:20], "rating"] = np.nan
    finding = next(f for f in run_audit(data).findings if f.id == "gap/missing/rating/sex")
    assert finding.kind == "data_quality"
    assert finding.text.startswith("Rating is missing for 33% of b employees vs 0% of a employees")


def test_extra_outcome_and_promotion():
    data = planted({"a": (100, 10), "b": (100, 10)},
                   promoted=pd.array([True] * 30 + [False] * 70 + [True] * 5 + [False] * 95, dtype="boolean"),
                   risk_flag=[False] * 100 + [True] * 40 + [False] * 60)
    data = AuditInput(data.people, SCALE, REF, ("sex",),
                      extra_outcomes=(ExtraOutcome("risk_flag", "Retention-risk flag", "were flagged as a retention risk"),))
    result = run_audit(data)
    assert result.rate_table("promotion", "sex").row("b").status == Status.FLAG
    risk = result.rate_table("extra_risk_flag", "sex")
    assert risk.reference == "a" and risk.row("b").status == Status.FLAG


def test_synthetic_organisation_runs_end_to_end():
    result = run_audit(synthetic_input(3000, team=12))
    assert result.population == 3000
    sex = result.rate_table("high_rating", "sex")
    assert sex.unknown > 0  # 2% planted unknown
    assert result.rate_table("high_rating", "disability") is not None
    assert result.language.counts["personality"] > 0
    assert result.findings  # the planted rating gap for women


def test_bad_settings_and_input_raise_invalid_input():
    data = planted({"a": (10, 1)})
    with pytest.raises(InvalidInputError):
        run_audit(data, AuditSettings(min_group=0))
    with pytest.raises(InvalidInputError):
        run_audit(data, AuditSettings(high_categories=("Outstanding",)))
    with pytest.raises(InvalidInputError, match="religion"):
        run_audit(data, AuditSettings(attributes=("religion",)))
    with pytest.raises(InvalidInputError):
        run_audit(AuditInput(data.people.drop(columns="person"), SCALE, REF, ("sex",)))


def test_progress_is_reported_and_cancel_stops():
    class Recorder:
        def __init__(self, stop_after: int | None = None):
            self.steps, self.labels, self.stop_after = 0, [], stop_after

        def begin(self, label, total):
            self.labels.append((label, total))

        def advance(self, steps=1):
            self.steps += steps

        def cancelled(self):
            return self.stop_after is not None and self.steps >= self.stop_after

    rec = Recorder()
    run_audit(planted({"a": (10, 1), "b": (10, 2)}), progress=rec)
    assert rec.steps == rec.labels[-1][1] > 0
    with pytest.raises(CancelledError):
        run_audit(planted({"a": (10, 1), "b": (10, 2)}), progress=Recorder(stop_after=2))
