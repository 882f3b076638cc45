"""Team keys: write+read of 100,000 employees in 200 teams vs the same work under one key, and a
manager's sign-in (Argon2id as calibrated here) to their team's employees on a 10,000-employee vault.

The anchor for the first row is the same vault code doing the same work in one transaction with
every employee under the single org key (no team): the difference is the team keys alone.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from hrdesk.records import Records, tables
from hrdesk.session import Session
from hrdesk.vault import KdfParams, Vault, members
from hrdesk.vault.kdf import calibrate
from tests.benchmarks.bench_vault import _employees
from tests.benchmarks.common import best_of, print_table, row

PW = "bench passphrase for hr"
MANAGER_PW = "bench passphrase for the manager"


def _round(folder: Path, people: list[dict], teams: int) -> None:
    """Create, write ``people`` (in ``teams`` teams, or none) in one transaction, read every one back."""
    path = folder / f"t{time.perf_counter_ns()}.hrdesk"
    v, _ = Vault.create(path, org_name="Bench", admin_name="HR", passphrase=PW, kdf=KdfParams.fast_for_tests())
    tables.ensure_tables(v)
    with v.transaction():
        team_ids = v.insert_many(tables.TEAMS, [(None, {"manager_employee_id": None}, {"manager_name": f"Manager {t}"})
                                                for t in range(teams)])
        v.insert_many(tables.EMPLOYEES, ((None, {"team_id": team_ids[i % teams] if teams else None}, p)
                                         for i, p in enumerate(people)))
    assert sum(1 for _ in v.rows(tables.EMPLOYEES)) == len(people)
    v.close(backup=False)


def _throughput_rows(folder: Path, n: int, teams: int) -> list[dict]:
    people = _employees(n)
    t_teams = best_of(lambda: _round(folder, people, teams), 2)
    t_single = best_of(lambda: _round(folder, people, 0), 2)
    return [row(f"write+read {n:,} employees in {teams} teams (team keys)", t_teams, "s",
                f"same under one key {t_single:.2f}s", t_teams / t_single, "<= 1.2x")]


def _manager_vault(folder: Path, n: int, teams: int) -> tuple[Path, int]:
    path = folder / "signin.hrdesk"
    v, _ = Vault.create(path, org_name="Bench", admin_name="HR", passphrase=PW, kdf=KdfParams.fast_for_tests())
    tables.ensure_tables(v)
    people = _employees(n)
    with v.transaction():
        team_ids = v.insert_many(tables.TEAMS, [(None, {"manager_employee_id": None}, {"manager_name": f"Manager {t}"})
                                                for t in range(teams)])
        v.insert_many(tables.EMPLOYEES, ((None, {"team_id": team_ids[i % teams]}, {**p, "employee_id": str(10000 + i)})
                                         for i, p in enumerate(people)))
        members.add(v, "Manager 0", "manager", MANAGER_PW, calibrate(), manager_name="Manager 0", team_ids=[team_ids[0]])
    v.close(backup=False)
    return path, n // teams


def _signin(path: Path, user: str | None, pw: str) -> int:
    with Session.open(path, pw, user=user) as session:
        count = len(Records(session.vault).employees.list())
    return count


def _signin_rows(folder: Path, n: int, teams: int) -> list[dict]:
    path, team_size = _manager_vault(folder, n, teams)
    assert _signin(path, "Manager 0", MANAGER_PW) == team_size
    t_manager = best_of(lambda: _signin(path, "Manager 0", MANAGER_PW), 3)
    t_kdf = best_of(lambda: Vault.open(path, MANAGER_PW, user="Manager 0").close(backup=False), 3)
    return [
        row(f"manager sign-in + their team's employees ({n:,} in vault)", t_manager, "s",
            f"of which unlock (Argon2id) {t_kdf:.2f}s; team of {team_size}", None, "< 1.5 s"),
    ]


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        return _throughput_rows(folder, 100_000, 200) + _signin_rows(folder, 10_000, 50)


if __name__ == "__main__":
    print_table(run())
