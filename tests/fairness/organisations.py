"""Generated organisations in the HRDataset_v14 layout, with or without a planted disparity.

Used by the power and false-flag simulation (``test_fairness_power.py``, the
``fairness`` benchmark): does the audit find a real race disparity, and does
it stay quiet when there is none? The frame has the real file's column names
and spellings ("M " for men, "yes"/"No", m/d/Y dates) and goes through the same
``hr_people`` conversion as the real data, so nothing is tuned to the test.

Proportions follow HRDataset_v14 (57% women, a majority White workforce;
'Exceeds' is ``TOP_SHARE``), with the largest minority group at about 20% of
staff as the issue describes. A *planted* organisation gives that group the top rating at
``ratio`` times the White majority's rate (the others' people move to 'Fully
Meets'); every other outcome and attribute is independent of everything else.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from fairness_data import HR_REFERENCE, SCALE, hr_people

from hrdesk.fairness import AuditInput, AuditResult, Status, run_audit

PLANTED_GROUP = "Black or African American"
RACES = ("White", PLANTED_GROUP, "Asian", "Two or more races", "American Indian or Alaska Native", "Hispanic")
RACE_SHARES = (0.62, 0.20, 0.10, 0.045, 0.025, 0.01)
#: share of 'Exceeds': 25% gives the issue's scenario (the planted gap's raw p well below 0.001 at 3,000
#: people); HRDataset_v14 itself has 12%, where the same 0.55x gap is a weaker signal (README)
TOP_SHARE = 0.25
TEAM_SIZE = 15


def hr_organisation(n: int, *, seed: int, ratio: float | None = None, top: float = TOP_SHARE) -> pd.DataFrame:
    """``n`` employees in the HRDataset_v14 layout; ``ratio`` plants the disparity (None: no disparity)."""
    rng = np.random.default_rng(seed)
    race = np.asarray(RACES, dtype=object)[rng.choice(len(RACES), n, p=RACE_SHARES)]
    rating = rng.choice(4, n, p=(0.04, 0.06, 0.9 - top, top))  # PIP, Needs Improvement, Fully Meets, Exceeds
    if ratio is not None:
        group = race == PLANTED_GROUP
        # keep 'Exceeds' with probability `ratio`, so the group's rate is ratio x everyone else's
        demoted = group & (rating == 3) & (rng.random(n) >= ratio)
        rating = np.where(demoted, 2, rating)
    managers = max(n // TEAM_SIZE, 2)
    status = rng.choice(np.array(["Active", "Voluntarily Terminated", "Terminated for Cause"], dtype=object), n,
                        p=[0.67, 0.28, 0.05])
    return pd.DataFrame({
        "EmpID": np.arange(10001, 10001 + n),
        "ManagerName": np.array([f"Manager {i:03d}" for i in range(managers)], dtype=object)[rng.integers(0, managers, n)],
        "PerformanceScore": np.asarray(SCALE, dtype=object)[rating],
        "EngagementSurvey": np.round(np.clip(rng.normal(4.1, 0.79, n), 1, 5), 2),
        "EmpSatisfaction": rng.choice([1, 2, 3, 4, 5], n, p=[0.006, 0.029, 0.347, 0.302, 0.316]),
        "EmploymentStatus": status,
        "LastPerformanceReview_Date": _dates(rng, n, "2017-01-01", 800),
        "DOB": _dates(rng, n, "1950-01-01", 365 * 40),
        "Sex": rng.choice(np.array(["F", "M "], dtype=object), n, p=[0.57, 0.43]),
        "RaceDesc": race,
        "HispanicLatino": rng.choice(np.array(["No", "Yes", "no", "yes"], dtype=object), n, p=[0.905, 0.085, 0.005, 0.005]),
    })


def _dates(rng: np.random.Generator, n: int, start: str, days: int) -> np.ndarray:
    d = pd.to_datetime(np.datetime64(start) + rng.integers(0, days, n).astype("timedelta64[D]"))
    return d.strftime("%m/%d/%Y").to_numpy(dtype=object)


def organisation_input(frame: pd.DataFrame) -> AuditInput:
    """The generated frame as the audit reads the real file (``fairness_data.hr_people``)."""
    return AuditInput(people=hr_people(frame), scale=SCALE, reference_date=HR_REFERENCE,
                      attributes=("sex", "race", "hispanic_latino"))


def race_disparity_flagged(result: AuditResult) -> bool:
    """Is the planted group's top-rating gap a flag?"""
    row = result.rate_table("high_rating", "race").row(PLANTED_GROUP)
    return row is not None and row.status == Status.FLAG


def race_or_sex_flags(result: AuditResult) -> list[str]:
    """Every flag by race or by sex (any outcome): false alarms in an organisation without a disparity."""
    single = {("race",), ("sex",)}
    tables = {t.id: t for t in (*result.rates, *result.means) if t.dimension in single}
    return [f.id for f in result.findings if f.severity == Status.FLAG and f.table in tables]


@dataclass(frozen=True)
class SimulationResult:
    size: int
    organisations: int
    detected: int  # planted organisations whose disparity was flagged
    false_flagged: int  # organisations without disparity that raised a race or sex flag

    @property
    def detection_rate(self) -> float:
        return self.detected / self.organisations

    @property
    def false_flag_rate(self) -> float:
        return self.false_flagged / self.organisations


def simulate(size: int, organisations: int, *, ratio: float = 0.55, seed: int = 1000,
             top: float = TOP_SHARE) -> SimulationResult:
    """Audit ``organisations`` planted and as many unplanted organisations of ``size`` people."""
    detected = false_flagged = 0
    for i in range(organisations):
        planted = hr_organisation(size, seed=seed + i, ratio=ratio, top=top)
        detected += race_disparity_flagged(run_audit(organisation_input(planted)))
        null = run_audit(organisation_input(hr_organisation(size, seed=seed + 50_000 + i, top=top)))
        false_flagged += bool(race_or_sex_flags(null))
    return SimulationResult(size, organisations, detected, false_flagged)
