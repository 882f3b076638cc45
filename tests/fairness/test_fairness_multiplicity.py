"""Many comparisons: the false-discovery-rate correction and what it does to findings."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
from fairness_data import hr_input, null_input
from scipy import stats

from hrdesk.fairness import AuditResult, AuditSettings, Status, render_text, run_audit
from hrdesk.fairness.multiplicity import CALIBRATION, DATA, FAMILIES, INTERSECTIONS, MAIN, comparisons_text

NOT_COMPARED = (Status.TOO_SMALL, Status.REFERENCE, Status.UNKNOWN)


@pytest.mark.parametrize("n", [300, 800, 2000])
@pytest.mark.parametrize("seed", range(4))
def test_organisation_without_disparity_has_no_flag_by_protected_attribute(n, seed):
    """Five attributes, intersections, managers, gaps and feedback: hundreds of
    comparisons, many under p < 0.05 by chance, and no flag by a single protected
    attribute. (Each family keeps its own 5% false-discovery rate, so across
    families an occasional chance flag is expected; the rates are measured in
    test_fairness_power.py.)"""
    result = run_audit(null_input(n, seed=seed))
    assert result.comparisons > 150
    raw_hits = [r for t in result.rates if t.family == MAIN for r in t.rows
                if r.p_value is not None and r.p_value < 0.05 and r.status not in NOT_COMPARED]
    flags = [f.id for f in result.findings if f.severity == Status.FLAG and f.numbers.get("family") == MAIN]
    assert flags == [], (flags, len(raw_hits))


def _family_inputs(result: AuditResult) -> dict[str, list[tuple[float, float]]]:
    """(raw p, adjusted p) for every comparison, by family, rebuilt from the tables.

    Each group is tested against everyone else, a comparison fixed before
    looking at the outcome, so the raw p enters the correction as it is."""
    out: dict[str, list[tuple[float, float]]] = {f: [] for f in FAMILIES}
    for t in (*result.rates, *result.means):
        for r in t.rows:
            if r.status not in NOT_COMPARED and r.p_value is not None:
                out[t.family].append((r.p_value, r.p_adjusted))
    for m in result.calibration.managers:
        if m.status != Status.TOO_SMALL:
            out[CALIBRATION] += [(m.distribution_p, m.distribution_p_adjusted), (m.gap_p, m.gap_p_adjusted)]
    out[DATA] += [(g.p_value, g.p_adjusted) for g in result.quality.gaps if g.p_value is not None]
    return out


def test_adjusted_p_values_are_scipy_benjamini_hochberg(hr_result):
    families = _family_inputs(hr_result)
    for key, pairs in families.items():
        p, adjusted = np.array(pairs, dtype=float).T
        np.testing.assert_allclose(adjusted, stats.false_discovery_control(p, method="bh"), rtol=1e-12)
        family = hr_result.family(key)
        assert family.tests == len(p) and family.significant == int((adjusted < 0.05).sum())
    assert hr_result.comparisons == sum(len(families[f]) for f in (MAIN, CALIBRATION, DATA, INTERSECTIONS))


def test_each_group_is_tested_against_everyone_else_and_adjusted_with_scipy():
    result = run_audit(hr_input(feedback=False), AuditSettings(intersections=False, by_manager=False))
    rows = [(t, r) for t in result.rates if t.family == MAIN for r in t.rows
            if r.status not in NOT_COMPARED and r.p_value is not None]
    assert {t.dimension for t, _ in rows} >= {("race",), ("sex",)}
    for t, r in rows:
        others = [o for o in t.rows if o.group not in (r.group, "Unknown")]
        rest_k, rest_n = sum(o.events for o in others), sum(o.n for o in others)
        table = [[r.events, r.n - r.events], [rest_k, rest_n - rest_k]]
        expected = (stats.fisher_exact(table).pvalue if r.test == "fisher"
                    else stats.chi2_contingency(table, correction=False).pvalue)
        assert (r.rest_n, r.rest_rate, r.p_value) == pytest.approx((rest_n, rest_k / rest_n, expected)), (t.id, r.group)
    means = [r for t in result.means if t.family == MAIN for r in t.rows
             if r.status not in NOT_COMPARED and r.p_value is not None]
    raw = np.array([r.p_value for _, r in rows] + [r.p_value for r in means])
    got = np.array([r.p_adjusted for _, r in rows] + [r.p_adjusted for r in means])
    np.testing.assert_allclose(got, stats.false_discovery_control(raw), rtol=1e-12)
    assert result.family(MAIN).tests == len(raw)


def test_mean_gap_is_tested_with_welch_against_everyone_else(hr_raw):
    result = run_audit(hr_input(feedback=False), AuditSettings(attributes=("race",), intersections=False, by_manager=False))
    race = hr_raw["RaceDesc"]
    for row in result.mean_table("engagement", "race").rows:
        if row.status in NOT_COMPARED:
            continue
        mine, rest = hr_raw.loc[race == row.group, "EngagementSurvey"], hr_raw.loc[race != row.group, "EngagementSurvey"]
        assert row.p_value == pytest.approx(stats.ttest_ind(mine, rest, equal_var=False).pvalue)
        assert row.rest_mean == pytest.approx(rest.mean())


def test_chance_intersection_finding_is_watched_and_says_why(hr_result):
    # before the correction this was the real data's one rating-side flag
    f = next(f for f in hr_result.findings if f.id == "mean/satisfaction/sex+race/M × Asian")
    assert f.severity == Status.WATCH
    assert f.numbers["p_value"] < 0.05 <= f.numbers["p_adjusted"]
    assert f.numbers["family"] == INTERSECTIONS and f.numbers["comparisons"] == hr_result.family(INTERSECTIONS).tests
    assert f"1 time in {round(1 / f.numbers['p_value'])}" in f.text and "may be chance" in f.text
    # chance is counted from this finding's own p, not comparisons x 0.05
    expected = round(f.numbers["comparisons"] * f.numbers["p_value"])
    assert expected != round(f.numbers["comparisons"] * 0.05)
    assert f"about {expected} of them would reach that level by chance alone" in f.text
    assert f"{f.numbers['comparisons']} comparisons between intersectional groups" in f.text


def test_no_flag_on_the_real_data_survives_and_every_finding_carries_both_p_values(hr_result):
    # the one flag is real: reviews are stale for most of Amy Dunn's team (62% vs 0% for others)
    assert [f.id for f in hr_result.findings if f.severity == Status.FLAG] == ["gap/stale/last_review_date/manager"]
    for f in hr_result.findings:
        if "p_value" in f.numbers and f.numbers["p_value"] is not None:
            assert f.numbers["p_adjusted"] >= f.numbers["p_value"] or f.kind == "calibration"
    for t in hr_result.rates:
        for r in t.rows:
            if r.status == Status.FLAG:
                assert r.p_adjusted < 0.05


def test_strong_planted_gap_survives_the_correction():
    data = null_input(1000, seed=3)
    people = data.people.copy()
    women_exceeds = (people["sex"] == "F") & (people["rating"] == "Exceeds")
    people.loc[women_exceeds[women_exceeds].index[::2], "rating"] = "Fully Meets"
    result = run_audit(dataclasses.replace(data, people=people))
    f = next(f for f in result.findings if f.id == "rate/high_rating/sex/F")
    assert f.severity == Status.FLAG and f.numbers["p_adjusted"] < 0.05
    assert "stays meaningful after allowing for the" in f.text


def test_summary_line_and_report_say_how_many_comparisons(hr_result):
    line = comparisons_text(hr_result.families, 0.05)
    total = hr_result.comparisons
    assert line.startswith(f"This audit made {total:,} comparisons")
    assert f"about {round(total * 0.05)} would show a gap by chance alone" in line
    assert "false-discovery-rate correction (Benjamini–Hochberg)" in line
    text = render_text(hr_result)
    assert line in text and "adj p" in text


def test_runs_saved_before_the_correction_still_load_and_say_so(hr_result):
    old = hr_result.to_dict()
    old["version"] = 1
    del old["families"]
    for t in old["rates"]:
        del t["family"]
        for r in t["rows"]:
            del r["p_adjusted"]
    back = AuditResult.from_dict(json.loads(json.dumps(old)))
    assert back.families == () and back.rates[0].rows[0].p_adjusted is None
    assert "saved before" in comparisons_text(back.families, 0.05)


def test_runs_saved_before_testing_against_everyone_else_still_load(hr_result):
    old = hr_result.to_dict()
    old["version"] = 2
    for f in old["findings"]:
        del f["summary"]
    for t in (*old["rates"], *old["means"]):
        for r in t["rows"]:
            for key in ("rest_n", "rest_rate", "rest_mean"):
                r.pop(key, None)
    back = AuditResult.from_dict(json.loads(json.dumps(old)))
    assert back.version == 2 and back.findings[0].summary == "" and back.rates[0].rows[0].rest_rate is None
    assert back.findings[0].text == hr_result.findings[0].text
    assert hr_result.version == 3
