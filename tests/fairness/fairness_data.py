"""Test data for the fairness audit: the real HRDataset_v14 and synthetic organisations.

Only tests and the benchmark import this; the app builds ``AuditInput`` from
the vault instead.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from hrdesk.fairness import AuditInput

HR_CSV = Path(__file__).resolve().parents[1] / "data" / "HRDataset_v14.csv"
SCALE = ("PIP", "Needs Improvement", "Fully Meets", "Exceeds")
HR_REFERENCE = dt.date(2019, 3, 31)


def read_hr_csv() -> pd.DataFrame:
    return pd.read_csv(HR_CSV)


def hr_people(raw: pd.DataFrame | None = None) -> pd.DataFrame:
    """The audit's people table from the raw CSV, with pandas only (no cleaning beyond types)."""
    raw = read_hr_csv() if raw is None else raw
    return pd.DataFrame({
        "person": raw["EmpID"].astype(str),
        "manager": raw["ManagerName"],
        "rating": pd.Categorical(raw["PerformanceScore"], categories=list(SCALE), ordered=True),
        "engagement": raw["EngagementSurvey"].astype(float),
        "satisfaction": raw["EmpSatisfaction"].astype(float),
        "left_voluntarily": raw["EmploymentStatus"].eq("Voluntarily Terminated"),
        "promoted": pd.array([pd.NA] * len(raw), dtype="boolean"),
        "last_review_date": pd.to_datetime(raw["LastPerformanceReview_Date"], format="%m/%d/%Y"),
        "date_of_birth": pd.to_datetime(raw["DOB"], format="%m/%d/%Y"),
        "sex": raw["Sex"],  # messy on purpose: "M " and "F"
        "race": raw["RaceDesc"],
        "hispanic_latino": raw["HispanicLatino"],  # "Yes"/"yes"/"No"/"no"
    })


PLANTED_FEEDBACK = (
    "She was abrasive with the vendor and too quiet in planning meetings.",
    "He is bossy when deadlines are close and can be emotional about changes.",
    "Delivered the Q3 report on time and fixed the billing import.",
    "Presented the roadmap clearly; follow up on open tickets within two days.",
)


def hr_input(*, feedback: bool = True) -> AuditInput:
    """HRDataset_v14 as an AuditInput; a few planted feedback texts when ``feedback``."""
    people = hr_people()
    fb = None
    if feedback:
        ids = people["person"].iloc[:40].tolist()
        fb = pd.DataFrame({"person": ids, "text": [PLANTED_FEEDBACK[i % 4] for i in range(40)]})
    return AuditInput(people=people, scale=SCALE, reference_date=HR_REFERENCE,
                      attributes=("sex", "race", "hispanic_latino"), feedback=fb)


def synthetic_input(n: int = 100_000, *, seed: int = 7, team: int = 15, feedback_share: float = 0.3) -> AuditInput:
    """A synthetic organisation of ``n`` people with realistic-looking distributions."""
    rng = np.random.default_rng(seed)
    sex = rng.choice(np.array(["F", "M", None], dtype=object), n, p=[0.49, 0.49, 0.02])
    race = rng.choice(np.array(["White", "Black or African American", "Asian", "Two or more races",
                                "American Indian or Alaska Native", "Hispanic", None], dtype=object),
                      n, p=[0.55, 0.2, 0.12, 0.05, 0.02, 0.03, 0.03])
    rating = rng.choice(4, n, p=[0.04, 0.06, 0.78, 0.12])
    # a mild planted disparity, so the audit has something to find
    lower = (sex == "F") & (rng.random(n) < 0.03)
    rating = np.where(lower & (rating == 3), 2, rating)
    rating_values = np.array(SCALE, dtype=object)[rating]
    rating_values[rng.random(n) < 0.01] = None
    start = np.datetime64("1960-01-01")
    people = pd.DataFrame({
        "person": [f"p{i}" for i in range(n)],
        "manager": np.array([f"Manager {i}" for i in range(n // team + 1)], dtype=object)[rng.integers(0, n // team + 1, n)],
        "rating": pd.Categorical(rating_values, categories=list(SCALE), ordered=True),
        "engagement": np.round(np.clip(rng.normal(4.0, 0.7, n), 1, 5), 2),
        "satisfaction": rng.integers(1, 6, n).astype(float),
        "left_voluntarily": rng.random(n) < 0.15,
        "promoted": pd.array(rng.random(n) < 0.08, dtype="boolean"),
        "last_review_date": pd.to_datetime(np.datetime64("2019-01-01") - rng.integers(0, 700, n).astype("timedelta64[D]")),
        "date_of_birth": pd.to_datetime(start + rng.integers(0, 365 * 40, n).astype("timedelta64[D]")),
        "sex": sex,
        "race": race,
        "hispanic_latino": rng.choice(np.array(["Yes", "No"], dtype=object), n, p=[0.1, 0.9]),
        "disability": rng.choice(np.array(["Yes", "No", None], dtype=object), n, p=[0.06, 0.84, 0.1]),
    })
    texts = np.array(PLANTED_FEEDBACK + (
        "Led the migration and supported two new starters; a dependable colleague.",
        "Consistently hits targets; could share progress earlier with the team.",
    ), dtype=object)
    has = rng.random(n) < feedback_share
    fb = pd.DataFrame({"person": people["person"][has].to_numpy(), "text": texts[rng.integers(0, len(texts), has.sum())]})
    return AuditInput(people=people, scale=SCALE, reference_date=dt.date(2019, 3, 31),
                      attributes=("sex", "race", "hispanic_latino", "disability"), feedback=fb)


def null_input(n: int = 600, *, seed: int = 0) -> AuditInput:
    """An organisation with no disparity at all: every outcome, rating, missing value and
    manager is independent of every attribute (five attributes, age, feedback)."""
    rng = np.random.default_rng(seed)

    def pick(values, p):
        return rng.choice(np.array(values, dtype=object), n, p=p)

    managers = max(n // 12, 2)
    rating = np.array(SCALE, dtype=object)[rng.choice(4, n, p=[0.05, 0.12, 0.68, 0.15])]
    rating[rng.random(n) < 0.02] = None
    people = pd.DataFrame({
        "person": [f"p{i}" for i in range(n)],
        "manager": np.array([f"Manager {i}" for i in range(managers)], dtype=object)[rng.integers(0, managers, n)],
        "rating": pd.Categorical(rating, categories=list(SCALE), ordered=True),
        "engagement": np.round(np.clip(rng.normal(4.0, 0.7, n), 1, 5), 2),
        "satisfaction": rng.integers(1, 6, n).astype(float),
        "left_voluntarily": rng.random(n) < 0.15,
        "promoted": pd.array(rng.random(n) < 0.1, dtype="boolean"),
        "last_review_date": pd.to_datetime(np.datetime64("2024-01-01") - rng.integers(0, 500, n).astype("timedelta64[D]")),
        "date_of_birth": pd.to_datetime(np.datetime64("1960-01-01") + rng.integers(0, 365 * 40, n).astype("timedelta64[D]")),
        "sex": pick(["F", "M"], [0.5, 0.5]),
        "race": pick(["White", "Black or African American", "Asian", "Two or more races", "American Indian or Alaska Native"],
                     [0.55, 0.2, 0.12, 0.08, 0.05]),
        "hispanic_latino": pick(["Yes", "No"], [0.12, 0.88]),
        "disability": pick(["Yes", "No"], [0.08, 0.92]),
        "veteran": pick(["Yes", "No"], [0.1, 0.9]),
    })
    has = rng.random(n) < 0.5
    texts = np.array(PLANTED_FEEDBACK, dtype=object)[rng.integers(0, len(PLANTED_FEEDBACK), has.sum())]
    fb = pd.DataFrame({"person": people["person"][has].to_numpy(), "text": texts})
    return AuditInput(people=people, scale=SCALE, reference_date=dt.date(2024, 6, 30),
                      attributes=("sex", "race", "hispanic_latino", "disability", "veteran"), feedback=fb)
