"""Vault write+read throughput and the unlock, each against an anchor doing the same work.

- write+read: the vault (one transaction, each record encrypted, then every
  row read back and decrypted) against sqlite3 writing the same records as
  JSON payloads with one ``executemany`` in ONE transaction and reading them
  back with ``json.loads``: the same work without the cryptography. (The old
  anchor, sqlite-utils ``insert_all``, commits once per small batch, which
  made the ratio swing between runs.) The raw floor, plain columns, is shown too.
- the unlock is ``bench_unlock``.
"""

from __future__ import annotations

import json
import random
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

from hrdesk.vault import KdfParams, Vault
from tests.benchmarks.common import best_of, compare, print_table, row, side_by_side

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


def _json_round(folder: Path, people: list[dict]) -> None:
    conn = sqlite3.connect(folder / f"j{time.perf_counter_ns()}.db")
    conn.execute("CREATE TABLE employees (id TEXT PRIMARY KEY, team_id TEXT, payload TEXT NOT NULL)")
    with conn:
        conn.executemany("INSERT INTO employees VALUES (?, ?, ?)", ((uuid.uuid4().hex, None, json.dumps(p)) for p in people))
    assert len([json.loads(r[0]) for r in conn.execute("SELECT payload FROM employees")]) == len(people)
    conn.close()


def _raw_round(folder: Path, people: list[dict]) -> None:
    conn = sqlite3.connect(folder / f"r{time.perf_counter_ns()}.db")
    conn.execute(f"CREATE TABLE employees ({', '.join(FIELDS)})")
    conn.executemany(f"INSERT INTO employees VALUES ({', '.join('?' * len(FIELDS))})", [tuple(p[f] for f in FIELDS) for p in people])
    conn.commit()
    assert len(conn.execute("SELECT * FROM employees").fetchall()) == len(people)
    conn.close()


def _throughput_rows(folder: Path, n: int) -> list[dict]:
    people = _employees(n)
    t = side_by_side({"vault": lambda: _vault_round(folder, people), "json": lambda: _json_round(folder, people),
                      "raw": lambda: _raw_round(folder, people)}, 5 if n <= 10_000 else 3)
    return [
        compare(f"vault write+read {n:,} employees", t["vault"], "sqlite3 JSON payloads, one transaction", t["json"], "<= 2x"),
        compare("  same, vs raw sqlite3 columns (the floor)", t["vault"], "raw executemany", t["raw"], "info"),
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


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        return (
            _throughput_rows(folder, 10_000) + _throughput_rows(folder, 100_000)
            + _rotation_rows(folder, 10_000)
        )


if __name__ == "__main__":
    print_table(run())
