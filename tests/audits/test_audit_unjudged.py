"""Never silently wrong: what the audit could not judge is a finding that says so (issue 11, §2).

Each case happened on a real export and used to print "No findings" or a
clean-looking table. All are checked on an ``AuditInput`` directly.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from hrdesk.fairness import AuditInput, Status, render_text, run_audit
from hrdesk.fairness.findings import Context, calibration_finding
from hrdesk.fairness.result import ManagerCalibration
from hrdesk.fairness.result import TestFamily as Family
from hrdesk.fairness.settings import AuditSettings

SCALE = ("1", "2", "3", "4", "5")
REF = dt.date(2024, 6, 30)


def _people(n: int = 200, *, seed: int = 0, ratings=("3", "4"), **columns) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    people = pd.DataFrame({
        "person": [f"p{i}" for i in range(n)],
        "rating": rng.choice(np.array(ratings, dtype=object), n),
        "sex": rng.choice(np.array(["F", "M"], dtype=object), n),
        "race": rng.choice(np.array(["White", "Black", "Asian"], dtype=object), n, p=[0.6, 0.25, 0.15]),
    })
    for name, values in columns.items():
        people[name] = values
    return people


def _notes(result) -> dict[str, str]:
    return {f.id: f.text for f in result.findings if f.kind == "not_judged"}


def test_a_scale_read_too_wide_leaves_the_top_category_empty_and_says_so():
    """A 1–4 rating column holding only 3 and 4, read as 1–5: 'high rating' is 0% for everyone."""
    result = run_audit(AuditInput(_people(), SCALE, REF, ("sex", "race")))
    notes = _notes(result)
    assert "not_judged/outcome/high_rating" in notes
    text = notes["not_judged/outcome/high_rating"]
    assert "none of the 200 people" in text and "1 < 2 < 3 < 4 < 5" in text and "1–4 scale read as 1–5" in text
    assert "not_judged/outcome/low_rating" in notes
    assert "No findings" not in render_text(result)
    assert result.findings[0].severity == Status.NOTE  # nothing flagged: the notes come first


def test_an_outcome_nobody_has_is_a_note():
    people = _people(ratings=SCALE, left_voluntarily=False)
    notes = _notes(run_audit(AuditInput(people, SCALE, REF, ("sex",))))
    assert "none of the 200 people with this outcome recorded left voluntarily" in notes["not_judged/outcome/leaving"]


def test_age_band_is_not_audited_without_any_date_of_birth():
    people = _people(ratings=SCALE, date_of_birth=pd.Series([pd.NaT] * 200, dtype="datetime64[ns]"))
    result = run_audit(AuditInput(people, SCALE, REF, ("sex", "race")))
    assert not [t for t in result.rates if "age_band" in t.dimension]
    assert "no date of birth is recorded for anyone" in _notes(result)["not_judged/attribute/age_band"]


def test_constant_attribute_is_left_out_of_intersections_and_said_so():
    """Hispanic/Latino 'No' for everyone crossed with race must not repeat every race result."""
    people = _people(ratings=SCALE, hispanic_latino="No")
    result = run_audit(AuditInput(people, SCALE, REF, ("sex", "race", "hispanic_latino")))
    assert not [t for t in (*result.rates, *result.means) if "hispanic_latino" in t.dimension]
    assert [t for t in result.rates if t.dimension == ("sex", "race")]
    text = _notes(result)["not_judged/attribute/hispanic_latino"]
    assert "one group ('No', 200 people)" in text and "intersections" in text


def test_one_group_organisation_says_what_could_not_be_judged():
    people = _people(ratings=SCALE, sex="M")
    result = run_audit(AuditInput(people, SCALE, REF, ("sex",)))
    notes = _notes(result)
    assert "everyone whose sex is recorded is in one group ('M'" in notes["not_judged/attribute/sex"]
    assert "the absence of disparity findings means nothing" in notes["not_judged/attributes"]


def test_only_one_group_large_enough_to_judge_is_said():
    people = _people(ratings=SCALE)
    people["sex"] = ["F"] * 3 + ["M"] * 197
    notes = _notes(run_audit(AuditInput(people, SCALE, REF, ("sex",))))
    assert "only 'M' of its 2 groups has at least 5 people" in notes["not_judged/attribute/sex"]


def test_no_protected_attributes_is_a_note_not_a_clean_audit():
    people = _people(ratings=SCALE).drop(columns=["sex", "race"])
    result = run_audit(AuditInput(people, SCALE, REF, ()))
    assert "No protected attribute" in _notes(result)["not_judged/attributes"]
    assert "No findings" not in render_text(result)
    # as a vault without protected attributes hands it over: empty columns, no date of birth
    people = people.assign(sex=None, date_of_birth=pd.NaT)
    notes = _notes(run_audit(AuditInput(people, SCALE, REF, ("sex",))))
    assert "No protected attribute" in notes["not_judged/attributes"]
    assert "not_judged/attribute/age_band" in notes and "not_judged/attribute/sex" in notes


def test_fair_outcomes_with_attributes_raise_no_note():
    result = run_audit(AuditInput(_people(ratings=SCALE, left_voluntarily=np.arange(200) % 5 == 0), SCALE, REF,
                                  ("sex", "race")))
    assert _notes(result) == {}


def _calibration(spread_adj: float, mean_adj: float) -> str:
    m = ManagerCalibration(manager="Pat Lee", team_size=40, rated=40, counts=(1, 2, 20, 17, 0),
                           rest_counts=(10, 20, 500, 100, 0), mean=3.3, rest_mean=3.1, gap=0.2, gap_ci_low=0.05,
                           gap_ci_high=0.35, gap_p=0.01, distribution_p=0.0002, test="chi2", status=Status.WATCH,
                           distribution_p_adjusted=spread_adj, gap_p_adjusted=mean_adj)
    ctx = Context({}, {}, AuditSettings(), SCALE, {"calibration": Family("calibration", "", 80, 0.05, 4.0, 1)})
    return calibration_finding(ctx, m).text


def test_calibration_text_does_not_call_a_surviving_difference_chance():
    text = _calibration(0.008, 0.09)
    assert "the spread stays meaningful" in text
    assert "the mean gap does not, so that part may be chance" in text
    assert "so this may be chance" not in text
    both = _calibration(0.008, 0.02)
    assert "both stay meaningful" in both and "chance (" not in both.split("both stay")[1]


def test_calibration_chance_count_uses_the_teams_own_p():
    text = _calibration(0.2, 0.3)
    # 80 comparisons x p 0.0002 = 0.016 expected, not 80 x 0.05 = 4
    assert "about 4 of them" not in text
    assert "one of them would reach that level in about 1 audit in 63" in text


def test_a_vault_without_protected_attributes_says_no_group_could_be_compared(vault, tmp_path):  # type: ignore[no-untyped-def]
    from hrdesk.fairness.runs import run_and_save
    from hrdesk.importing import import_file

    path = tmp_path / "hris.csv"
    rows = [f'{i},"Person, {i}",Boss {i % 3},Active,,{SCALE_HR[i % 4]}' for i in range(1, 61)]
    path.write_text("EmpID,Employee_Name,ManagerName,EmploymentStatus,DateofTermination,PerformanceScore\n"
                    + "\n".join(rows) + "\n", encoding="utf-8")
    import_file(vault, path, today=dt.date(2026, 1, 15))
    result = run_and_save(vault, reference_date=dt.date(2026, 1, 15)).result
    notes = _notes(result)
    assert "No protected attribute" in notes["not_judged/attributes"]
    assert not [t for t in result.rates if t.protected]
    assert "could not be judged" in render_text(result)


SCALE_HR = ("PIP", "Needs Improvement", "Fully Meets", "Exceeds")
