"""Benchmark of importing a 10,000-employee HRIS export end to end.

Run alone with ``python -m tests.benchmarks.bench_import``; the benchmark
runner imports ``run()``, which returns rows of
{"name", "value", "unit", "reference", "ratio", "target"}.

hrdesk's import (read, auto-map, minimise, validate every cell, encrypt each
record, write teams and protected attributes apart, audit, one transaction)
is compared with the least anyone could do: ``pandas.read_csv`` plus a plain
sqlite-utils ``insert_all`` of the same rows, unencrypted and unchecked.
The file is generated here with numpy in HRDataset_v14's 36-column shape.
"""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path
from typing import Callable

import numpy as np

ROWS = 10_000
HEADER = (
    "Employee_Name,EmpID,MarriedID,MaritalStatusID,GenderID,EmpStatusID,DeptID,PerfScoreID,FromDiversityJobFairID,"
    "Salary,Termd,PositionID,Position,State,Zip,DOB,Sex,MaritalDesc,CitizenDesc,HispanicLatino,RaceDesc,DateofHire,"
    "DateofTermination,TermReason,EmploymentStatus,Department,ManagerName,ManagerID,RecruitmentSource,PerformanceScore,"
    "EngagementSurvey,EmpSatisfaction,SpecialProjectsCount,LastPerformanceReview_Date,DaysLateLast30,Absences"
).split(",")


def _dates(rng: np.random.Generator, start: str, end: str, n: int) -> list[str]:
    days = rng.integers(np.datetime64(start, "D").astype(int), np.datetime64(end, "D").astype(int), n)
    return [f"{d.month}/{d.day}/{d.year}" for d in np.array(days, dtype="datetime64[D]").astype(object)]


def write_hr_csv(path: Path, rows: int = ROWS, seed: int = 7) -> None:
    """A synthetic export with the HRDataset_v14 columns and plausible values."""
    rng = np.random.default_rng(seed)
    pick = lambda options, p=None: rng.choice(options, rows, p=p)  # noqa: E731
    first = [f"Given{i}" for i in range(400)]
    last = [f"Family{i}" for i in range(900)]
    managers = [f"Manager{i} Lead{i}" for i in range(60)]
    terminated = rng.random(rows) < 0.3
    term_dates = _dates(rng, "2010-01-01", "2024-12-31", rows)
    columns = {
        "Employee_Name": [f"{a}, {b}" for a, b in zip(pick(last), pick(first))],
        "EmpID": [str(20000 + i) for i in range(rows)],
        "Salary": rng.integers(40_000, 160_000, rows).astype(str),
        "Position": pick(["Production Technician I", "Production Technician II", "Area Sales Manager", "Data Analyst", "Sr. DBA"]),
        "State": pick(["MA", "CT", "TX"]),
        "Zip": [f"{z:05d}" for z in rng.integers(1000, 99999, rows)],
        "DOB": _dates(rng, "1955-01-01", "2002-12-31", rows),
        "Sex": pick(["F", "M "]),
        "MaritalDesc": pick(["Single", "Married", "Divorced"]),
        "CitizenDesc": pick(["US Citizen", "Eligible NonCitizen"]),
        "HispanicLatino": pick(["No", "Yes"], [0.9, 0.1]),
        "RaceDesc": pick(["White", "Black or African American", "Asian", "Two or more races"], [0.6, 0.25, 0.1, 0.05]),
        "DateofHire": _dates(rng, "2000-01-01", "2020-12-31", rows),
        "DateofTermination": [d if t else "" for d, t in zip(term_dates, terminated)],
        "TermReason": ["more money" if t else "N/A-StillEmployed" for t in terminated],
        "EmploymentStatus": ["Voluntarily Terminated" if t else "Active" for t in terminated],
        "Department": pick(["Production       ", "IT/IS", "Sales", "Software Engineering", "Admin Offices"]),
        "ManagerName": pick(managers),
        "RecruitmentSource": pick(["LinkedIn", "Indeed", "Google Search"]),
        "PerformanceScore": pick(["PIP", "Needs Improvement", "Fully Meets", "Exceeds"], [0.04, 0.06, 0.78, 0.12]),
        "EngagementSurvey": [f"{x:.2f}" for x in rng.uniform(1, 5, rows)],
        "EmpSatisfaction": rng.integers(1, 6, rows).astype(str),
        "SpecialProjectsCount": rng.integers(0, 8, rows).astype(str),
        "LastPerformanceReview_Date": _dates(rng, "2015-01-01", "2024-12-31", rows),
        "DaysLateLast30": rng.integers(0, 6, rows).astype(str),
        "Absences": rng.integers(0, 21, rows).astype(str),
    }
    codes = rng.integers(0, 9, (rows, 1)).astype(str)[:, 0]
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            writer.writerow([columns[h][i] if h in columns else codes[i] for h in HEADER])


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(rows: int = ROWS, repeat: int = 3) -> list[dict]:
    import pandas as pd
    import sqlite_utils

    from hrdesk.importing import import_file
    from hrdesk.vault import KdfParams, Vault

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = work / "hr10k.csv"
        write_hr_csv(source, rows)
        best_hr, best_re, best_ref = float("inf"), float("inf"), float("inf")
        for n in range(repeat):
            vault, _ = Vault.create(work / f"v{n}.hrdesk", org_name="Bench", admin_name="HR", passphrase="pw", kdf=KdfParams.fast_for_tests())
            try:
                best_hr = min(best_hr, timed(lambda: import_file(vault, source)))  # noqa: B023 - called before the loop moves on
                best_re = min(best_re, timed(lambda: import_file(vault, source)))  # noqa: B023
            finally:
                vault.close(backup=False)

            def baseline() -> None:
                frame = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8-sig")
                sqlite_utils.Database(work / f"plain{n}.db").table("employees").insert_all(frame.to_dict("records"))  # noqa: B023

            best_ref = min(best_ref, timed(baseline))
    return [
        {"name": f"import: {rows:,}-employee CSV end to end (map, validate, encrypt, teams, audit)",
         "value": best_hr, "unit": "s", "reference": f"read_csv+insert_all {best_ref:.2f} s",
         "ratio": best_hr / best_ref, "target": "<= 3x"},
        {"name": f"import: re-import of the same {rows:,} employees (all unchanged)",
         "value": best_re, "unit": "s", "reference": f"read_csv+insert_all {best_ref:.2f} s",
         "ratio": best_re / best_ref, "target": "<= 3x"},
    ]


def main() -> None:
    rows = run()
    print(f"{'benchmark':<82} {'value':>8} {'unit':<4} {'reference':<30} {'ratio':>7}  target")
    for r in rows:
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}"
        print(f"{r['name']:<82} {r['value']:>8.3f} {r['unit']:<4} {r['reference']:<30} {ratio:>7}  {r['target']}")


if __name__ == "__main__":
    main()
