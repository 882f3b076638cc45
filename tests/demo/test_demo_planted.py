"""What the demo plants for the audits is really in the data, computed directly with pandas."""

from __future__ import annotations

import pandas as pd
import pytest
from scipy.stats import fisher_exact

from hrdesk.demo import generate_demo
from hrdesk.demo.reviews import SCALE


def _last_cycle(data) -> pd.DataFrame:
    attrs = data.employees[["EmpID", "Sex", "HispanicLatino", "ManagerID"]]
    reviews = data.reviews.merge(attrs, on="EmpID")
    return reviews[reviews["Cycle"] == data.cycles[-1]]


def _exceeds(reviews: pd.DataFrame, column: str, group: str, reference: str) -> tuple[float, float]:
    """Impact ratio of 'Exceeds' (group rate / reference rate) and Fisher's exact p-value."""
    top = reviews["PerformanceScore"] == "Exceeds"
    g, r = top[reviews[column] == group], top[reviews[column] == reference]
    _, p = fisher_exact([[g.sum(), len(g) - g.sum()], [r.sum(), len(r) - r.sum()]])
    return g.mean() / r.mean(), p


@pytest.mark.parametrize("seed", [1, 2, 3, 11])
def test_women_get_exceeds_clearly_less_often(seed):
    data = generate_demo(300, seed=seed)
    planted = data.planted
    assert (planted.disparity_column, planted.disparity_group, planted.disparity_reference) == ("Sex", "F", "M")
    ratio, p = _exceeds(_last_cycle(data), "Sex", "F", "M")
    assert ratio < 0.8  # four-fifths rule
    assert p < 0.05


@pytest.mark.parametrize("seed", [1, 2, 3, 11])
def test_hispanic_latino_is_fair(seed):
    data = generate_demo(300, seed=seed)
    assert data.planted.fair_column == "HispanicLatino"
    reviews = _last_cycle(data)
    ratio, p = _exceeds(reviews, "HispanicLatino", "Yes", "No")
    assert 0.8 < ratio < 1.25
    assert p > 0.5
    # and no other rating level leans on it either
    for level in SCALE:
        rates = (reviews["PerformanceScore"] == level).groupby(reviews["HispanicLatino"]).mean()
        assert abs(rates["Yes"] - rates["No"]) < 0.05


def test_one_manager_rates_harshly():
    data = generate_demo(300, seed=1)
    reviews = data.reviews.merge(data.employees[["EmpID", "ManagerID"]], on="EmpID")
    score = reviews["PerformanceScore"].map({s: i for i, s in enumerate(SCALE)})
    by_manager = score.groupby(reviews["ManagerID"]).agg(["mean", "size"])
    judged = by_manager[by_manager["size"] >= 10]
    harsh = data.planted.harsh_manager_emp_id
    assert judged["mean"].idxmin() == harsh
    assert judged.loc[harsh, "mean"] < judged["mean"].drop(harsh).mean() - 0.5
    name = data.employees.loc[data.employees["EmpID"] == harsh, "Employee_Name"].item()
    last, first = name.split(", ")
    assert data.planted.harsh_manager_name == f"{first} {last}"


def test_feedback_is_mostly_about_behaviour_with_planted_coded_words():
    data = generate_demo(300, seed=1)
    words = "|".join(data.planted.coded_words)
    reviews = data.reviews.merge(data.employees[["EmpID", "Sex"]], on="EmpID")
    coded = reviews["Feedback"].str.contains(rf"\b(?:{words})\b", case=False)
    assert 0.03 < coded.mean() < 0.2
    rate = coded.groupby(reviews["Sex"]).mean()
    assert rate["F"] > 1.5 * rate["M"]
    assert {"abrasive", "bossy", "emotional"} <= set(data.planted.coded_words)
