"""Vault write+read throughput vs plain sqlite-utils and raw sqlite3, and unlock time."""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from pathlib import Path

import sqlite_utils
from hrdesk.vault import KdfParams, Vault
from tests.benchmarks.common import best_of, print_table, row

FIELDS = ("name", "department", "position", "manager", "rating", "engagement", "hire_date", "status", "absences")


def _employees(n: int) -> list[dict]:
    rng = random.Random(n)
    return [
        {
            "name": f"Surname{i}, Given{i}",
            "department": rng.choice(["Sales", "Production", "IT/IS", "Admin"]),
            "position": "Technician",
            "manager": f"Manager {i % 40}",
            "rating": rng.choice(["PIP", "Needs Improvement", "Fully Meets", "Exceeds"]),
            "engagement": round(rng.uniform(1, 5), 2),
            "hire_date": "2015-03-30",
            "status": "Active",
            "absences": rng.randint(0, 20),
        }
        for i in range(n)
    ]


def _vault_round(folder: Path, people: list[dict]) -> None:
    path = folder / f"v{time.perf_counter_ns()}.hrdesk"
    v, _ = Vault.create(path, org_name="Bench", admin_name="HR", passphrase="pw", kdf=KdfParams.fast_for_tests())
    v.ensure_table("employees", links=("team_id",))
    v.insert_many("employees", ((None, {"team_id": None}, p) for p in people))
    assert sum(1 for _ in v.rows("employees")) == len(people)
    v.close(backup=False)


def _sqlite_utils_round(folder: Path, people: list[dict]) -> None:
    db = sqlite_utils.Database(folder / f"p{time.perf_counter_ns()}.db")
    db["employees"].insert_all(people)
    assert sum(1 for _ in db["employees"].rows) == len(people)
    db.close()


def _raw_round(folder: Path, people: list[dict]) -> None:
    conn = sqlite3.connect(folder / f"r{time.perf_counter_ns()}.db")
    conn.execute(f"CREATE TABLE employees ({', '.join(FIELDS)})")
    conn.executemany(f"INSERT INTO employees VALUES ({', '.join('?' * len(FIELDS))})", [tuple(p[f] for f in FIELDS) for p in people])
    conn.commit()
    assert len(conn.execute("SELECT * FROM employees").fetchall()) == len(people)
    conn.close()


def _throughput_rows(folder: Path, n: int) -> list[dict]:
    people = _employees(n)
    repeat = 3 if n <= 10_000 else 2
    t_vault = best_of(lambda: _vault_round(folder, people), repeat)
    t_utils = best_of(lambda: _sqlite_utils_round(folder, people), repeat)
    t_raw = best_of(lambda: _raw_round(folder, people), repeat)
    return [
        row(f"vault write+read {n:,} employees", t_vault, "s", "vs sqlite-utils insert_all+rows (plain)", t_vault / t_utils, "<= 2x"),
        row("  same, vs raw sqlite3 executemany (the floor)", t_vault, "s", f"raw {t_raw:.3f}s", t_vault / t_raw, "info"),
    ]


def _filled(folder: Path, people: list[dict]) -> Path:
    path = folder / f"rot{time.perf_counter_ns()}.hrdesk"
    v, _ = Vault.create(path, org_name="Bench", admin_name="HR", passphrase="pw", kdf=KdfParams.fast_for_tests())
    v.ensure_table("employees", links=("team_id",))
    v.insert_many("employees", ((None, {"team_id": None}, p) for p in people))
    v.close(backup=False)
    return path


def _rotate(path: Path) -> None:
    with Vault.open(path, "pw") as v:
        v.rotate_keys("pw2", kdf=KdfParams.fast_for_tests())
        v.close(backup=False)


def _reencrypt_anchor(path: Path) -> None:
    """The honest floor: decrypt and re-encrypt every ciphertext of the file in one transaction, nothing else."""
    import os

    from hrdesk.vault.keyring import Keyring, Keys
    from hrdesk.vault.rotation import reencrypt
    from hrdesk.vault.store import Store

    store = Store(path, sqlite3.connect(path, isolation_level=None))
    old = Keyring(store).unlock_with_passphrase("pw").keys
    store.conn.execute("BEGIN IMMEDIATE")
    reencrypt(store.conn, old.cipher(), Keys(os.urandom(32)).cipher())
    store.conn.execute("ROLLBACK")  # the floor does the work, not the bookkeeping
    store.close()


def _rotation_rows(folder: Path, n: int) -> list[dict]:
    people = _employees(n)
    paths: list[Path] = []
    t_rotate = best_of(lambda: _rotate(paths[-1]), 2, setup=lambda: paths.append(_filled(folder, people)))
    t_floor = best_of(lambda: _reencrypt_anchor(paths[-1]), 2, setup=lambda: paths.append(_filled(folder, people)))
    return [row(f"key rotation, {n:,} employees (no backups)", t_rotate, "s",
                "vs re-encrypting every ciphertext in one transaction", t_rotate / t_floor, "<= 1.5x")]


def _unlock_rows(folder: Path) -> list[dict]:
    path = folder / "unlock.hrdesk"
    v, _ = Vault.create(path, org_name="Bench", admin_name="HR", passphrase="real passphrase")  # calibrated KDF
    params = v.kdf_params()
    v.close(backup=False)
    t = best_of(lambda: Vault.open(path, "real passphrase").close(backup=False), 3)
    return [row("unlock (Argon2id as calibrated here)", t, "s", f"{params.memory_kib // 1024} MiB, {params.iterations} passes", None, "0.3-1 s")]


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        return (
            _throughput_rows(folder, 10_000) + _throughput_rows(folder, 100_000)
            + _rotation_rows(folder, 10_000) + _unlock_rows(folder)
        )


if __name__ == "__main__":
    print_table(run())
