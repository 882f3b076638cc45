"""Importing an HRIS export end to end, as a person runs it: ``hrdesk import VAULT FILE``.

Run alone with ``python -m tests.benchmarks.bench_import`` (10,000 and
100,000 employees; ``HRDESK_BENCH_BEFORE=/path/to/a/checkout`` adds that
checkout's rows, alternating, for a before/after). Both sides are whole
processes, alternating, several rounds, min and median:

- hrdesk: ``python -m hrdesk import`` into a fresh vault (read, sniff the
  encoding, auto-map, minimise, validate every cell, encrypt each record,
  teams and protected attributes apart, audit, one transaction, and the
  close with its backup), then the same file again (all unchanged).
- the floor: a process that runs ``pandas.read_csv`` and writes every row
  with one ``sqlite3`` ``executemany`` in ONE transaction, closing the file:
  the least any importer could do, unencrypted and unchecked.
- the design's floor (info): the floor plus the per-record work hrdesk's
  storage design makes unavoidable, done plainly and unchecked
  (``DESIGN_FLOOR``): for each person two records (employee, protected
  attributes), each a compact JSON array deflated with hrdesk's dictionary
  and sealed with AES-GCM under a random nonce, into two tables keyed by
  random ids, in one transaction. Its ratio to the floor is the design's
  price; the import's ratio to it is hrdesk's own (checks, teams, the
  audit entry, the close and its backup).

The vault's key derivation is the fast test setting (Argon2id at 8 MiB), so
the KDF, measured on its own in ``bench_vault``, does not hide the import.
The file is generated here with numpy in HRDataset_v14's 36-column shape.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tests.benchmarks.common import ProcessRun, Timing, bench_env, compare, print_table, python, row, run_process

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


FLOOR = """
import sqlite3, sys
import pandas as pd
frame = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False, encoding="utf-8-sig")
conn = sqlite3.connect(sys.argv[2])
columns = ", ".join(f'"{c}"' for c in frame.columns)
conn.execute(f"CREATE TABLE employees ({columns})")
with conn:
    conn.executemany(f"INSERT INTO employees VALUES ({', '.join('?' * len(frame.columns))})", frame.itertuples(index=False, name=None))
conn.close()
"""

# The design's floor: what hrdesk's storage design makes any implementation do per person, done plainly and
# unchecked. Two records a person (the employee, and the protected attributes apart), each the compact coded
# JSON array of the columns hrdesk keeps (the encoder's C function, made once), deflated by a copy of a
# compressor primed with hrdesk's dictionary, sealed with AES-GCM under a random nonce with its table and
# random 8-byte id as associated data, and written with one executemany per table in ONE transaction.
DESIGN_FLOOR = """
import json, os, sqlite3, sys, zlib
import pandas as pd
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
shape = json.loads(sys.argv[3])
frame = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False, encoding="utf-8-sig")
primed = zlib.compressobj(6, zlib.DEFLATED, -11, 2, zlib.Z_DEFAULT_STRATEGY, bytes.fromhex(shape["dictionary"])).copy
to_json = json.encoder.c_make_encoder(None, None, json.encoder.encode_basestring, None, ":", ",", False, False, True)
encrypt = AESGCM(AESGCM.generate_key(256)).encrypt
conn = sqlite3.connect(sys.argv[2])
n = len(frame)

def sealed(table, columns, codes):
    ids, nonces, aad = os.urandom(8 * n), os.urandom(12 * n), table.encode() + b"\x1f"
    for i, values in enumerate(frame[columns].itertuples(index=False, name=None)):
        deflate, row_id, nonce = primed(), ids[8 * i : 8 * i + 8], nonces[12 * i : 12 * i + 12]
        text = deflate.compress("".join(to_json([codes, *values], 0)).encode()) + deflate.flush()
        yield row_id, nonce + encrypt(nonce, text, aad + row_id)

with conn:
    for table, (columns, codes) in shape["tables"].items():
        conn.execute(f"CREATE TABLE {table} (id BLOB PRIMARY KEY, payload BLOB NOT NULL)")
        conn.executemany(f"INSERT INTO {table} VALUES (?, ?)", sealed(table, columns, codes))
conn.close()
"""


def design_shape() -> str:
    """The design floor's argument: hrdesk's dictionary, and each table's source columns with their v2 key codes."""
    from hrdesk.importing.headers import recognise
    from hrdesk.records.fields import EMPLOYEE_FIELDS, PROTECTED_FIELDS, Kind
    from hrdesk.vault import encoding

    fields = {recognise(h, Kind.EMPLOYEES): h for h in HEADER}
    tables = {}
    for table, keys in (("employees", [k for k in EMPLOYEE_FIELDS if k in fields]),
                        ("protected_attributes", sorted(k for k in PROTECTED_FIELDS if k in fields))):
        tables[table] = ([fields[k] for k in keys], encoding._codes_for(tuple(keys)))
    return json.dumps({"dictionary": encoding._DICTIONARY_V1.hex(), "tables": tables})


MAKE_VAULT = """
import sys
from hrdesk.vault import KdfParams, Vault
vault, _ = Vault.create(sys.argv[1], org_name="Bench", admin_name="HR", passphrase="pw", kdf=KdfParams.fast_for_tests())
vault.close(backup=False)
"""


@dataclass(frozen=True)
class ImportRound:
    """One round: the floor, a first import and a re-import, each a process."""

    floor: ProcessRun
    design: ProcessRun  # the design's floor (``DESIGN_FLOOR``)
    first: ProcessRun
    again: ProcessRun
    vault_bytes: int
    backups_bytes: int


def import_round(work: Path, source: Path, n: int, code: Path | None = None) -> ImportRound:
    """Floor, then hrdesk into a fresh vault, then the same file again; files removed afterwards.

    ``code``: another checkout of hrdesk to run instead of this one (a before/after in one run).
    ``employees list`` is timed in ``bench_listing``, against an anchor that decrypts as it does.
    """
    env = bench_env(code, HRDESK_PASSPHRASE="pw")
    plain, vault = work / f"floor{n}.db", work / f"v{n}.hrdesk"
    floor = run_process(python("-c", FLOOR, str(source), str(plain)), env)
    plain.unlink()
    design = run_process(python("-c", DESIGN_FLOOR, str(source), str(plain), design_shape()), env)
    plain.unlink()
    run_process(python("-c", MAKE_VAULT, str(vault)), env)
    first = run_process(python("-m", "hrdesk", "import", str(vault), str(source)), env)
    again = run_process(python("-m", "hrdesk", "import", str(vault), str(source)), env)
    size = vault.stat().st_size
    backups = work / f"v{n}.backups"
    backup_bytes = sum(p.stat().st_size for p in backups.glob("*")) if backups.exists() else 0
    for item in work.glob(f"v{n}*"):
        shutil.rmtree(item) if item.is_dir() else item.unlink()
    return ImportRound(floor, design, first, again, size, backup_bytes)


def import_rows(rows: int, rounds: list[ImportRound], csv_bytes: int, label: str = "") -> list[dict]:
    """The rows of one size; ``label`` (e.g. "before: main") marks the rows of another checkout."""
    n = f"{rows:,}"
    tag = f" [{label}]" if label else ""
    floor = Timing(tuple(r.floor.seconds for r in rounds))
    design = Timing(tuple(r.design.seconds for r in rounds))
    first = Timing(tuple(r.first.seconds for r in rounds))
    again = Timing(tuple(r.again.seconds for r in rounds))
    mem_floor = Timing(tuple(r.floor.peak_kib / 1024 for r in rounds))
    mem = Timing(tuple(r.first.peak_kib / 1024 for r in rounds))
    mem_again = Timing(tuple(r.again.peak_kib / 1024 for r in rounds))
    anchor = "read_csv + one executemany transaction (process)"
    last = rounds[-1]
    return [
        compare(f"import {n} employees (CLI process, close included){tag}", first, anchor, floor, "<= 2.5x at 100k"),
        compare(f"re-import {n} employees, all unchanged (CLI process){tag}", again, anchor, floor, "<= 2.5x at 100k"),
        compare(f"  the design's floor, {n}: 2 sealed records a person{tag}", design, anchor, floor, "info"),
        compare(f"  import {n} over the design's floor (hrdesk's own share){tag}", first,
                "read_csv + per record compact JSON, primed deflate, AES-GCM; 2 tables, one transaction (process)",
                design, "info"),
        compare(f"peak memory of the import, {n}{tag}", mem, "the floor's peak", mem_floor, "<= 2x at 300k", unit="MiB"),
        compare(f"peak memory of the re-import, {n}{tag}", mem_again, "the floor's peak", mem_floor, "<= 2x", unit="MiB"),
        row(f"vault file after importing {n}{tag}", last.vault_bytes / 2**20, "MiB", f"the CSV {csv_bytes / 2**20:.1f} MiB",
            last.vault_bytes / csv_bytes, "<= 1.5x"),
        row(f"  backups beside it after import + re-import, {n}{tag}", last.backups_bytes / 2**20, "MiB",
            f"the vault {last.vault_bytes / 2**20:.1f} MiB", last.backups_bytes / max(last.vault_bytes, 1), "info"),
    ]


#: Sizes and rounds of ``python -m tests.benchmarks import``: the target is at 100,000.
SIZES = ((ROWS, 5), (100_000, 3))


def run(sizes: tuple[tuple[int, int], ...] = SIZES) -> list[dict]:
    """Every size, this checkout against the floor; with ``HRDESK_BENCH_BEFORE=/path/to/another/checkout``
    that checkout too, alternating round by round, for a before/after in one run."""
    before = os.environ.get("HRDESK_BENCH_BEFORE")
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for n, repeat in sizes:
            print(f"import: {n:,} employees, {repeat} rounds ...", file=sys.stderr, flush=True)
            source = work / f"hr{n}.csv"
            write_hr_csv(source, n)
            now, then = [], []
            for _ in range(repeat):
                now.append(import_round(work, source, n))
                if before:
                    then.append(import_round(work, source, n, Path(before)))
            rows += import_rows(n, now, source.stat().st_size)
            if before:
                rows += import_rows(n, then, source.stat().st_size, f"before: {Path(before).name}")
            source.unlink()
    return rows


if __name__ == "__main__":
    print_table(run())
