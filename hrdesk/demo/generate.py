"""``generate_demo``: the whole synthetic organisation as three HRIS-style tables.

The tables have the shape of real exports (the employee file has the columns
of the public HRDataset_v14, dates and all), so the demo travels through the
same import path as real data and shows the same mapping and minimisation
steps. Nothing here touches the disk. Same seed, same organisation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from hrdesk.demo import reviews as rv
from hrdesk.demo.org import ALL_DEPARTMENTS, Org, build_org
from hrdesk.demo.people import People, assign_hispanic, assign_names, make_people
from hrdesk.demo.settings import DemoSettings
from hrdesk.demo.wellbeing import CheckIns, make_checkins
from hrdesk.errors import InvalidInputError

MIN_EMPLOYEES = 30
MAX_EMPLOYEES = 100_000
BOARD = "Board of Directors"

EMPLOYEE_COLUMNS: tuple[str, ...] = (
    "Employee_Name", "EmpID", "MarriedID", "MaritalStatusID", "GenderID", "EmpStatusID", "DeptID", "PerfScoreID",
    "FromDiversityJobFairID", "Salary", "Termd", "PositionID", "Position", "State", "Zip", "DOB", "Sex",
    "MaritalDesc", "CitizenDesc", "HispanicLatino", "RaceDesc", "DateofHire", "DateofTermination", "TermReason",
    "EmploymentStatus", "Department", "ManagerName", "ManagerID", "RecruitmentSource", "PerformanceScore",
    "EngagementSurvey", "EmpSatisfaction", "SpecialProjectsCount", "LastPerformanceReview_Date", "DaysLateLast30",
    "Absences",
)
REVIEW_COLUMNS: tuple[str, ...] = ("EmpID", "Cycle", "ReviewDate", "PerformanceScore", "Feedback", "Goals")
CHECKIN_COLUMNS: tuple[str, ...] = ("EmpID", "Date", "Mood", "Workload", "Stress", "Comment")


@dataclass(frozen=True)
class PlantedFindings:
    """What the audits are meant to find in the demo, so tests and the tour can point at it."""

    disparity_column: str  # employee-file column ...
    disparity_field: str  # ... and the hrdesk field it imports into
    disparity_group: str  # the disadvantaged value
    disparity_reference: str
    disparity_outcome: str  # the rating they get less often
    disparity_share_downgraded: float
    fair_column: str
    fair_field: str
    harsh_manager_emp_id: int
    harsh_manager_name: str  # as in the ManagerName column ("First Last")
    harsh_shift: float
    coded_words: tuple[str, ...]


@dataclass(frozen=True)
class DemoData:
    """The generated organisation; frames are shaped as the HRIS files would be."""

    employees: pd.DataFrame
    reviews: pd.DataFrame
    checkins: pd.DataFrame
    cycles: tuple[str, ...]  # oldest first
    planted: PlantedFindings
    seed: int
    as_of: dt.date


def generate_demo(n_employees: int = 300, seed: int = 1, *, as_of: dt.date | None = None) -> DemoData:
    """Generate a realistic organisation of ``n_employees`` people (leavers included), deterministically."""
    if not MIN_EMPLOYEES <= n_employees <= MAX_EMPLOYEES:
        raise InvalidInputError(f"A demo organisation needs between {MIN_EMPLOYEES} and {MAX_EMPLOYEES:,} employees.")
    day = np.datetime64(as_of or DemoSettings().as_of, "D")
    rng = np.random.Generator(np.random.PCG64(seed))
    org = build_org(n_employees, rng)
    people = make_people(org, day, rng)
    cycles = rv.make_cycles(day)
    harsh = rv.pick_harsh_manager(org)
    ratings = rv.rate_cycles(org, people, cycles, harsh, rng)
    outcome = _final_outcome(people, ratings, len(cycles) - 1)
    assign_hispanic(people, outcome, (people.sex + "|" + people.status).astype(str), rng)
    assign_names(people, rng)
    feedback, goals = rv.write_texts(org, people, ratings, rng)
    checkins = make_checkins(org, people, day, rng)
    emp_id = 10001 + rng.permutation(n_employees)
    employees = _employee_frame(org, people, ratings, cycles, checkins, emp_id, rng)
    planted = PlantedFindings(
        disparity_column="Sex", disparity_field="sex", disparity_group="F", disparity_reference="M",
        disparity_outcome="Exceeds", disparity_share_downgraded=rv.WOMEN_EXCEEDS_DOWNGRADED,
        fair_column="HispanicLatino", fair_field="hispanic_latino",
        harsh_manager_emp_id=int(emp_id[harsh]), harsh_manager_name=f"{people.first[harsh]} {people.last[harsh]}",
        harsh_shift=rv.HARSH_SHIFT, coded_words=rv.PLANTED_WORDS,
    )
    return DemoData(
        employees=employees,
        reviews=_review_frame(ratings, cycles, feedback, goals, emp_id),
        checkins=_checkin_frame(checkins, emp_id),
        cycles=tuple(c.name for c in cycles),
        planted=planted,
        seed=seed,
        as_of=dt.date.fromisoformat(str(day)),
    )


def _final_outcome(people: People, ratings: rv.Ratings, last_cycle: int) -> np.ndarray:
    """Each person's rating in the final cycle, or 'not rated': what Hispanic/Latino is balanced on."""
    final = np.full(len(people.sex), "not rated", dtype=object)
    in_last = ratings.cycle == last_cycle
    final[ratings.person[in_last]] = np.array(rv.SCALE, dtype=object)[ratings.rating[in_last]]
    return final.astype(str)


# --- the three frames ------------------------------------------------------------


def _mdy(days: np.ndarray) -> np.ndarray:
    """m/d/yyyy as US HRIS exports write dates (and HRDataset_v14 does); '' for none."""
    missing = np.isnat(days)
    safe = np.where(missing, np.datetime64("2000-01-01"), days).astype("datetime64[D]")
    month_start = safe.astype("datetime64[M]")
    year = pd.Series(safe.astype("datetime64[Y]").astype(int) + 1970).astype(str)
    month = pd.Series(month_start.astype(int) % 12 + 1).astype(str)
    day = pd.Series((safe - month_start.astype("datetime64[D]")).astype(int) + 1).astype(str)
    return np.where(missing, "", (month + "/" + day + "/" + year).to_numpy(dtype=object))


def _iso(days: np.ndarray) -> np.ndarray:
    return np.where(np.isnat(days), "", np.datetime_as_string(days, unit="D")).astype(object)


def _latest_reviews(n: int, ratings: rv.Ratings) -> tuple[np.ndarray, np.ndarray]:
    """Each person's most recent rating label ('' if never rated) and its date (NaT)."""
    label = np.full(n, "", dtype=object)
    date = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    order = np.argsort(ratings.cycle, kind="stable")  # later cycles overwrite earlier ones
    label[ratings.person[order]] = np.array(rv.SCALE, dtype=object)[ratings.rating[order]]
    date[ratings.person[order]] = ratings.date[order]
    return label, date


def _employee_frame(
    org: Org, people: People, ratings: rv.Ratings, cycles: list[rv.Cycle], checkins: CheckIns,
    emp_id: np.ndarray, rng: np.random.Generator,
) -> pd.DataFrame:
    n = org.size
    perf, last_review = _latest_reviews(n, ratings)
    dept_names = np.array([d.name for d in ALL_DEPARTMENTS], dtype=object)[org.department]
    boss = org.manager
    manager_name = np.where(boss >= 0, people.first[boss] + " " + people.last[boss], BOARD)
    manager_id = np.where(boss >= 0, emp_id[boss], 0)
    engagement = np.clip(np.round(4.15 + 0.75 * people.engagement_raw, 2), 1.0, 5.0)
    satisfaction = np.clip(np.rint(3.9 + 0.9 * (0.6 * people.engagement_raw + 0.8 * rng.standard_normal(n))), 1, 5)
    stress_z = np.nan_to_num((checkins.mean_stress - 2.6) / 0.7)
    absences = np.clip(rng.poisson(np.clip(8 + 2.5 * stress_z - 1.5 * people.engagement_raw, 1, 25)), 0, 30)
    extras = _hris_extras(org, people, dept_names, rng)
    positions = sorted(set(org.position))
    frame = {
        "Employee_Name": people.last + ", " + people.first,
        "EmpID": emp_id,
        "MarriedID": (extras["MaritalDesc"] == "Married").astype(int),
        "MaritalStatusID": pd.Categorical(extras["MaritalDesc"], categories=list(MARITAL)).codes,
        "GenderID": (people.sex == "M").astype(int),
        "EmpStatusID": np.select([people.status == "Active", people.status == "Voluntarily Terminated"], [1, 5], 4),
        "DeptID": org.department + 1,
        "PerfScoreID": pd.Series(perf).map({s: i + 1 for i, s in enumerate(rv.SCALE)}).fillna(0).astype(int).to_numpy(),
        "FromDiversityJobFairID": (extras["RecruitmentSource"] == "Diversity Job Fair").astype(int),
        "Salary": extras["Salary"],
        "Termd": (~people.active).astype(int),
        "PositionID": np.searchsorted(positions, org.position.astype(str)) + 1,
        "Position": org.position,
        "State": extras["State"],
        "Zip": extras["Zip"],
        "DOB": _mdy(people.dob),
        "Sex": people.sex,
        "MaritalDesc": extras["MaritalDesc"],
        "CitizenDesc": extras["CitizenDesc"],
        "HispanicLatino": np.where(people.hispanic, "Yes", "No"),
        "RaceDesc": people.race,
        "DateofHire": _mdy(people.hire),
        "DateofTermination": _mdy(people.term),
        "TermReason": people.term_reason,
        "EmploymentStatus": people.status,
        "Department": dept_names,
        "ManagerName": manager_name,
        "ManagerID": manager_id,
        "RecruitmentSource": extras["RecruitmentSource"],
        "PerformanceScore": perf,
        "EngagementSurvey": engagement,
        "EmpSatisfaction": satisfaction.astype(int),
        "SpecialProjectsCount": extras["SpecialProjectsCount"],
        "LastPerformanceReview_Date": _mdy(last_review),
        "DaysLateLast30": np.clip(rng.poisson(0.4 + 0.4 * np.maximum(stress_z, 0)), 0, 6),
        "Absences": absences,
    }
    df = pd.DataFrame(frame, columns=list(EMPLOYEE_COLUMNS))
    df.loc[df["ManagerID"] == 0, "ManagerID"] = pd.NA
    df["ManagerID"] = df["ManagerID"].astype("Int64")
    return df.sort_values("EmpID", kind="stable").reset_index(drop=True)


MARITAL = {"Single": 0.43, "Married": 0.4, "Divorced": 0.12, "Separated": 0.03, "Widowed": 0.02}
CITIZEN = {"US Citizen": 0.93, "Eligible NonCitizen": 0.05, "Non-Citizen": 0.02}
RECRUITMENT = {
    "Indeed": 0.27, "LinkedIn": 0.24, "Google Search": 0.15, "Employee Referral": 0.1,
    "Diversity Job Fair": 0.08, "CareerBuilder": 0.07, "Website": 0.06, "Other": 0.03,
}
STATES = {"MA": 0.9, "CT": 0.03, "RI": 0.03, "NH": 0.02, "NY": 0.02}
BASE_SALARY = {"Executive Office": 70_000, "Production": 52_000, "Sales": 62_000, "Software Engineering": 98_000,
               "IT/IS": 78_000, "Customer Support": 48_000, "Admin Offices": 58_000}


def _draw(table: dict[str, float], n: int, rng: np.random.Generator) -> np.ndarray:
    p = np.array(list(table.values()))
    return rng.choice(np.array(list(table), dtype=object), size=n, p=p / p.sum())


def _hris_extras(org: Org, people: People, dept_names: np.ndarray, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Columns a real HRIS export carries that hrdesk has no purpose for (the import drops them)."""
    n = org.size
    level_pay = np.array([3.2, 2.0, 1.35, 1.0])[org.level]
    base = np.array([BASE_SALARY[d] for d in dept_names])
    salary = np.round(base * level_pay * np.exp(0.12 * rng.standard_normal(n) + 0.03 * people.performance), -1)
    technical = np.isin(dept_names, ["Software Engineering", "IT/IS"])
    projects = np.where(rng.random(n) < np.where(technical, 0.55, 0.12), rng.poisson(3.0, n) + 1, 0)
    state = _draw(STATES, n, rng)
    zip_prefix = {"MA": "02", "CT": "06", "RI": "02", "NH": "03", "NY": "10"}
    zips = np.array([zip_prefix[s] for s in state], dtype=object) + np.char.zfill(rng.integers(0, 1000, n).astype(str), 3)
    return {
        "Salary": salary.astype(int),
        "SpecialProjectsCount": np.minimum(projects, 8),
        "MaritalDesc": _draw(MARITAL, n, rng),
        "CitizenDesc": _draw(CITIZEN, n, rng),
        "RecruitmentSource": _draw(RECRUITMENT, n, rng),
        "State": state,
        "Zip": zips,
    }


def _review_frame(ratings: rv.Ratings, cycles: list[rv.Cycle], feedback: list[str], goals: list[str], emp_id: np.ndarray) -> pd.DataFrame:
    df = pd.DataFrame({
        "EmpID": emp_id[ratings.person],
        "Cycle": np.array([c.name for c in cycles], dtype=object)[ratings.cycle],
        "ReviewDate": _iso(ratings.date),
        "PerformanceScore": np.array(rv.SCALE, dtype=object)[ratings.rating],
        "Feedback": np.array(feedback, dtype=object),
        "Goals": np.array(goals, dtype=object),
    })
    return df.sort_values(["Cycle", "EmpID"], kind="stable").reset_index(drop=True)


def _checkin_frame(checkins: CheckIns, emp_id: np.ndarray) -> pd.DataFrame:
    df = pd.DataFrame({
        "EmpID": emp_id[checkins.person],
        "Date": _iso(checkins.date),
        "Mood": checkins.mood,
        "Workload": checkins.workload,
        "Stress": checkins.stress,
        "Comment": checkins.comment,
    })
    return df.sort_values(["EmpID", "Date"], kind="stable").reset_index(drop=True)
