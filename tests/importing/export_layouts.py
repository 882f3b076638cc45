"""Generated HRIS exports in the layouts people really have, with the truth they encode.

One synthetic organisation (``people``) is written out the way different
systems export it: the IBM HR Analytics attrition data (no names, an age,
Attrition Yes/No, a 1-4 performance rating where only 3 and 4 occur),
BambooHR, Workday, Personio and SAP SuccessFactors style exports, and plain
snake_case and camelCase files. Tests import them through the real CLI and
compare what was stored, and what the audit then sees, with ``Truth``.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

AS_OF = dt.date.today()  # the audit's reference date when it runs: ages are as of today
DEPARTMENTS = ("Sales", "Research & Development", "Human Resources")
ROLES = ("Sales Executive", "Research Scientist", "Laboratory Technician", "Manager", "HR Specialist")
FIRST = ("Ana", "Ben", "Chloe", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea", "Mo", "Nia", "Oli", "Pia")
LAST = ("Smith", "Okafor", "Nguyen", "Garcia", "Kowalski", "Haddad", "Larsen", "Ito", "Moreau", "Silva", "Berg", "Khan")
RACES = ("White", "Black or African American", "Asian", "Two or more races")
INVOLUNTARY_REASONS = ("Terminated for cause", "Laid off")
VOLUNTARY_REASONS = ("Another position", "Relocation", "Career change")


@dataclass(frozen=True)
class Person:
    number: int
    first: str
    last: str
    manager: str
    department: str
    role: str
    hired: dt.date
    left: bool
    involuntary: bool  # only for leavers
    rating: int  # on 1-4; the file holds only 3 and 4
    satisfaction: int  # 1-4
    engagement: int  # 1-4, a second survey column
    woman: bool
    race: str
    age: int

    @property
    def reason(self) -> str:
        if not self.left:
            return ""
        pool = INVOLUNTARY_REASONS if self.involuntary else VOLUNTARY_REASONS
        return pool[self.number % len(pool)]

    @property
    def born(self) -> dt.date:
        day = AS_OF.replace(day=min(AS_OF.day, 28))
        return day.replace(year=day.year - self.age) - dt.timedelta(days=1)  # the birthday has passed: self.age today


def people(n: int = 400, seed: int = 7) -> list[Person]:
    rng = random.Random(seed)
    managers = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(8)]
    out = []
    for i in range(n):
        left = rng.random() < 0.16
        out.append(Person(
            number=1001 + i, first=rng.choice(FIRST), last=rng.choice(LAST), manager=managers[i % len(managers)],
            department=DEPARTMENTS[i % 3], role=ROLES[i % len(ROLES)],
            hired=AS_OF - dt.timedelta(days=rng.randint(200, 4000)), left=left, involuntary=left and rng.random() < 0.25,
            rating=4 if rng.random() < 0.16 else 3, satisfaction=rng.randint(1, 4), engagement=rng.randint(1, 4),
            woman=rng.random() < 0.45, race=rng.choice(RACES), age=rng.randint(19, 62),
        ))
    return out


@dataclass(frozen=True)
class Truth:
    """What any correct import of the organisation stores and the audit sees."""

    employees: int
    leavers: int
    voluntary_leavers: int
    top_rated: int  # rated 4 on the 1-4 scale
    forty_and_over: int


def truth(staff: list[Person], *, reason_known: bool) -> Truth:
    """``reason_known``: the layout carries a termination reason, so involuntary leavers can be told apart."""
    leavers = [p for p in staff if p.left]
    voluntary = [p for p in leavers if not (reason_known and p.involuntary)]
    return Truth(len(staff), len(leavers), len(voluntary), sum(p.rating == 4 for p in staff),
                 sum(p.age >= 40 for p in staff))


def _mdy(day: dt.date) -> str:
    return f"{day.month}/{day.day}/{day.year}"


def ibm_attrition(p: Person) -> dict[str, object]:
    """The 35 columns of the IBM HR Analytics employee attrition data set, in its order."""
    return {
        "Age": p.age, "Attrition": "Yes" if p.left else "No", "BusinessTravel": "Travel_Rarely", "DailyRate": 800,
        "Department": p.department, "DistanceFromHome": 5, "Education": 3, "EducationField": "Life Sciences",
        "EmployeeCount": 1, "EmployeeNumber": p.number, "EnvironmentSatisfaction": p.engagement,
        "Gender": "Female" if p.woman else "Male", "HourlyRate": 60, "JobInvolvement": (p.number % 4) + 1, "JobLevel": 2,
        "JobRole": p.role, "JobSatisfaction": p.satisfaction, "MaritalStatus": "Single", "MonthlyIncome": 5000,
        "MonthlyRate": 14000, "NumCompaniesWorked": 2, "Over18": "Y", "OverTime": "No", "PercentSalaryHike": 14,
        "PerformanceRating": p.rating, "RelationshipSatisfaction": ((p.number + 1) % 4) + 1, "StandardHours": 80,
        "StockOptionLevel": 1, "TotalWorkingYears": 10, "TrainingTimesLastYear": 3, "WorkLifeBalance": ((p.number + 2) % 4) + 1,
        "YearsAtCompany": 5, "YearsInCurrentRole": 3, "YearsSinceLastPromotion": 1, "YearsWithCurrManager": 2,
    }


def bamboohr(p: Person) -> dict[str, object]:
    """BambooHR's custom report: 'Employee #', split names, 'Status' Active/Inactive, a termination type."""
    return {
        "Employee #": p.number, "First Name": p.first, "Last Name": p.last, "Job Title": p.role, "Department": p.department,
        "Reporting to": p.manager, "Hire Date": p.hired.isoformat(), "Status": "Inactive" if p.left else "Active",
        "Termination Type": ("Involuntary" if p.involuntary else "Voluntary") if p.left else "",
        "Gender": "Female" if p.woman else "Male", "Ethnicity": p.race, "Birth Date": p.born.isoformat(),
        "Work Email": f"e{p.number}@example.com", "Pay Rate": "52000 USD",
    }


def workday(p: Person) -> dict[str, object]:
    """A Workday worker report: 'Worker' name, 'Worker Status' Active/Terminated, a primary termination reason."""
    return {
        "Employee ID": p.number, "Worker": f"{p.first} {p.last}", "Manager": p.manager, "Business Title": p.role,
        "Supervisory Organization": p.department, "Hire Date": _mdy(p.hired), "Worker Status": "Terminated" if p.left else "Active",
        "Primary Termination Reason": p.reason, "Gender": "Female" if p.woman else "Male", "Race/Ethnicity": p.race,
        "Date of Birth": _mdy(p.born), "Performance Rating": p.rating,
    }


def personio(p: Person) -> dict[str, object]:
    """A Personio export: 'ID', lower-case spaced headers, 'Status' active/inactive, a termination reason."""
    return {
        "ID": p.number, "First name": p.first, "Last name": p.last, "Email": f"e{p.number}@example.com",
        "Status": "inactive" if p.left else "active", "Position": p.role, "Department": p.department,
        "Supervisor": p.manager, "Hire date": p.hired.isoformat(), "Termination reason": p.reason,
        "Gender": "female" if p.woman else "male", "Date of birth": p.born.isoformat(),
    }


def successfactors(p: Person) -> dict[str, object]:
    """SAP SuccessFactors-style camelCase: personIdExternal, a 1/0 'terminated' flag, no reason."""
    return {
        "personIdExternal": p.number, "firstName": p.first, "lastName": p.last, "managerName": p.manager,
        "jobTitle": p.role, "department": p.department, "hireDate": p.hired.isoformat(), "terminated": int(p.left),
        "gender": "F" if p.woman else "M", "dateOfBirth": p.born.isoformat(), "performanceRating": p.rating,
        "jobSatisfaction": p.satisfaction, "environmentSatisfaction": p.engagement,
    }


def snake_case(p: Person) -> dict[str, object]:
    """A hand-made snake_case export: pseudonymised, an age, a 1/0 'left' flag and a termination reason."""
    return {
        "employee_id": f"E{p.number}", "manager_name": p.manager, "job_title": p.role, "dept": p.department,
        "hire_date": p.hired.isoformat(), "left": int(p.left), "termination_reason": p.reason, "age": p.age,
        "gender": "Female" if p.woman else "Male", "performance_rating": p.rating, "job_satisfaction": p.satisfaction,
        "work_life_balance": p.engagement,
    }


LAYOUTS: dict[str, tuple[Callable[[Person], dict[str, object]], bool]] = {
    # name: (row writer, whether the layout tells involuntary leavers apart)
    "ibm_attrition": (ibm_attrition, False),
    "bamboohr": (bamboohr, True),
    "workday": (workday, True),
    "personio": (personio, True),
    "successfactors": (successfactors, False),
    "snake_case": (snake_case, True),
}


def write_layout(name: str, staff: list[Person], folder: Path) -> Path:
    row_of, _ = LAYOUTS[name]
    rows = [row_of(p) for p in staff]
    path = folder / f"{name}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path
