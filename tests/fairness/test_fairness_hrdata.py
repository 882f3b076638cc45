"""The audit on the real HRDataset_v14, checked against pandas and fairlearn."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import MetricFrame, count, demographic_parity_ratio, selection_rate
from fairness_data import SCALE, hr_input

from hrdesk.fairness import AuditResult, AuditSettings, Status, export_csv, render_text, run_audit


def _crosstab(raw: pd.DataFrame, column: str) -> pd.DataFrame:
    groups = raw[column].str.strip()
    return pd.crosstab(groups, raw["PerformanceScore"])


@pytest.mark.parametrize("column,dimension", [("Sex", "sex"), ("RaceDesc", "race")])
def test_high_and_low_rating_match_crosstab(hr_result, hr_raw, column, dimension):
    tab = _crosstab(hr_raw, column)
    for outcome, category in (("high_rating", "Exceeds"), ("low_rating", "PIP")):
        table = hr_result.rate_table(outcome, dimension)
        assert table.base == len(hr_raw)
        assert table.unknown == 0
        assert {r.group for r in table.rows} == set(tab.index)
        for row in table.rows:
            n = int(tab.loc[row.group].sum())
            k = int(tab.loc[row.group, category])
            assert (row.n, row.events) == (n, k)
            assert row.rate == pytest.approx(k / n)
            assert row.share == pytest.approx(n / len(hr_raw))


def test_sex_labels_are_normalised(hr_result):
    # the raw CSV says "M " for men; the audit must not split them from "M"
    assert [r.group for r in hr_result.rate_table("high_rating", "sex").rows] == ["F", "M"]
    hisp = hr_result.rate_table("high_rating", "hispanic_latino")
    assert {r.group: r.n for r in hisp.rows} == {"No": 283, "Yes": 28}


def test_small_race_groups_are_too_small_not_dropped(hr_result):
    table = hr_result.rate_table("high_rating", "race")
    rows = {r.group: r for r in table.rows}
    assert rows["Hispanic"].n == 1 and rows["Hispanic"].status == Status.TOO_SMALL
    assert rows["American Indian or Alaska Native"].n == 3
    assert rows["American Indian or Alaska Native"].status == Status.TOO_SMALL
    assert rows["White"].status != Status.TOO_SMALL
    # the reference is never a too-small group, and too-small groups raise no finding
    assert table.reference in {"White", "Black or African American", "Asian", "Two or more races"}
    small = {"Hispanic", "American Indian or Alaska Native"}
    assert not [f for f in hr_result.findings if f.table.startswith("rate/") and set(f.groups[:1]) & small]


def test_counts_rates_and_ratios_match_fairlearn(hr_result, hr_raw):
    y = hr_raw["PerformanceScore"].eq("Exceeds").astype(int)
    for column, dimension in (("Sex", "sex"), ("RaceDesc", "race")):
        sf = hr_raw[column].str.strip()
        mf = MetricFrame(metrics={"selection_rate": selection_rate, "count": count},
                         y_true=y, y_pred=y, sensitive_features=sf)
        table = hr_result.rate_table("high_rating", dimension)
        for row in table.rows:
            assert row.n == mf.by_group.loc[row.group, "count"]
            assert row.rate == pytest.approx(mf.by_group.loc[row.group, "selection_rate"])
        # impact ratio against the most favoured judgeable group
        judged = [r.group for r in table.rows if r.status != Status.TOO_SMALL]
        rates = mf.by_group.loc[judged, "selection_rate"]
        for group in judged:
            assert table.row(group).impact_ratio == pytest.approx(rates[group] / rates.max())
        if dimension == "sex":  # both groups judgeable: the lowest ratio is fairlearn's parity ratio
            lowest = min(r.impact_ratio for r in table.rows)
            assert lowest == pytest.approx(demographic_parity_ratio(y, y, sensitive_features=sf))


def test_unfavourable_outcome_ratio_is_on_the_favourable_side(hr_result, hr_raw):
    table = hr_result.rate_table("low_rating", "sex")
    pip = hr_raw.assign(sex=hr_raw["Sex"].str.strip()).groupby("sex")["PerformanceScore"].apply(lambda s: (s == "PIP").mean())
    assert table.reference == pip.idxmin()  # the favoured group has the LOWEST PIP rate
    other = table.row(pip.idxmax())
    assert other.impact_ratio == pytest.approx((1 - pip.max()) / (1 - pip.min()))
    assert other.relative_risk == pytest.approx(pip.max() / pip.min())


def test_leaving_matches_employment_status(hr_result, hr_raw):
    table = hr_result.rate_table("leaving", "sex")
    left = hr_raw.assign(sex=hr_raw["Sex"].str.strip()).groupby("sex")["EmploymentStatus"].apply(
        lambda s: (s == "Voluntarily Terminated").sum())
    assert {r.group: r.events for r in table.rows} == left.to_dict()


def test_missing_promotion_data_is_noted_not_invented(hr_result):
    assert hr_result.outcome("promotion") is None
    assert any("Promotion" in n for n in hr_result.notes)


def test_mean_rating_and_engagement_means(hr_result, hr_raw):
    pos = hr_raw["PerformanceScore"].map({c: i + 1 for i, c in enumerate(SCALE)})
    expected = pos.groupby(hr_raw["Sex"].str.strip()).mean()
    table = hr_result.mean_table("mean_rating", "sex")
    assert {r.group: r.mean for r in table.rows} == pytest.approx(expected.to_dict())
    eng = hr_result.mean_table("engagement", "race")
    by_race = hr_raw.groupby("RaceDesc")["EngagementSurvey"].agg(["mean", "std"])
    for row in eng.rows:
        assert row.mean == pytest.approx(by_race.loc[row.group, "mean"])
        if row.n > 1:
            assert row.sd == pytest.approx(by_race.loc[row.group, "std"])


def test_scoring_rate_is_share_above_population_median(hr_result, hr_raw):
    median = hr_raw["EngagementSurvey"].median()
    table = hr_result.rate_table("engagement_above_median", "sex")
    above = (hr_raw["EngagementSurvey"] > median).groupby(hr_raw["Sex"].str.strip()).mean()
    assert {r.group: r.rate for r in table.rows} == pytest.approx(above.to_dict())


def test_age_band_from_date_of_birth(hr_result, hr_raw):
    dob = pd.to_datetime(hr_raw["DOB"], format="%m/%d/%Y")
    ref = pd.Timestamp("2019-03-31")
    age = ref.year - dob.dt.year - ((dob.dt.month > ref.month) | ((dob.dt.month == ref.month) & (dob.dt.day > ref.day)))
    table = hr_result.rate_table("high_rating", "age_band")
    assert table.row("40 and over").n == int((age >= 40).sum())
    assert table.row("under 40").n == int((age < 40).sum())


def test_intersections_and_manager_tables_exist(hr_result):
    sex_race = hr_result.rate_table("high_rating", "sex", "race")
    assert sex_race is not None and sex_race.dimension_label == "Sex × Race/ethnicity"
    assert sum(r.n for r in sex_race.rows) == 311
    assert "F × White" in {r.group for r in sex_race.rows}
    managers = hr_result.rate_table("high_rating", "manager")
    assert managers is not None and not managers.protected
    assert len(hr_result.calibration.managers) == 21
    small = [m for m in hr_result.calibration.managers if m.rated < 5]
    assert small and all(m.status == Status.TOO_SMALL for m in small)


def test_calibration_counts_match_crosstab(hr_result, hr_raw):
    tab = pd.crosstab(hr_raw["ManagerName"], hr_raw["PerformanceScore"])[list(SCALE)]
    for m in hr_result.calibration.managers:
        assert m.counts == tuple(tab.loc[m.manager])
        assert np.add(m.counts, m.rest_counts).tolist() == tab.sum().tolist()


def test_quality_on_real_data(hr_result):
    q = hr_result.quality
    assert q.population == 311 and not q.duplicate_ids
    assert q.stale_before == "2017-12-31"
    assert q.stale > 0  # terminated people were last reviewed years ago
    assert {c.attribute: c.known for c in q.coverage} == {"sex": 311, "race": 311, "hispanic_latino": 311}


def test_json_round_trip(hr_result):
    text = json.dumps(hr_result.to_dict(), allow_nan=False)
    back = AuditResult.from_dict(json.loads(text))
    assert back.to_dict() == hr_result.to_dict()
    assert back.rate_table("high_rating", "sex") == hr_result.rate_table("high_rating", "sex")
    assert back.settings == hr_result.settings


def test_render_text_lists_findings_first(hr_result):
    text = render_text(hr_result)
    assert text.index("FINDINGS") < text.index("High rating (Exceeds) by Sex")
    assert "too small to judge" in text
    for finding in hr_result.findings[:3]:
        assert finding.text in text


def test_export_csv_writes_every_table(hr_result, tmp_path):
    paths = export_csv(hr_result, tmp_path)
    names = {p.name for p in paths}
    assert "audit_2019-03-31_group_rates.csv" in names
    rates = pd.read_csv(tmp_path / "audit_2019-03-31_group_rates.csv")
    assert len(rates) == sum(len(t.rows) for t in hr_result.rates)
    findings = pd.read_csv(tmp_path / "audit_2019-03-31_findings.csv")
    assert list(findings["text"]) == [f.text for f in hr_result.findings]


def test_by_and_min_group_settings():
    result = run_audit(hr_input(feedback=False), AuditSettings(attributes=("race",), min_group=2, min_share=0.0, intersections=False))
    assert {t.dimension for t in result.rates} == {("race",), ("manager",)}
    rows = {r.group: r for r in result.rate_table("high_rating", "race").rows}
    assert rows["Hispanic"].status == Status.TOO_SMALL  # 1 person
    assert rows["American Indian or Alaska Native"].status != Status.TOO_SMALL  # 3 people >= 2
