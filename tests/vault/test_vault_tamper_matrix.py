"""Every single-bit flip an attacker (or bit rot) can make in a ciphertext, an id, a link, a key
slot or the identity is detected: by opening, by ``verify``, or both. The count of cases is
the README's tamper figure (``python -m pytest tests/vault/test_vault_tamper_matrix.py -s``)."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from hrdesk.errors import HrdeskError
from hrdesk.vault import KdfParams, Vault

PW = "pw"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("matrix") / "org.hrdesk"
    v, _ = Vault.create(path, org_name="Org", admin_name="HR", passphrase=PW, kdf=KdfParams.fast_for_tests())
    v.ensure_table("teams")
    v.ensure_table("employees", links=("team_id",))
    team = v.insert("teams", {"name": "Sales"})
    v.insert_many("employees", [(None, {"team_id": team}, {"name": f"P{i}", "rating": i % 5}) for i in range(12)])
    v.meta_set("rating_scales", {"performance": ["Low", "High"]})
    with v.transaction():
        v.audit("import.employees", details={"added": 12})
    assert v.verify_audit_chain().ok
    v.close(backup=False)
    return path


def _targets(path: Path) -> list[tuple[str, str, str]]:
    """(table, column, rowid) of every value worth flipping."""
    conn = sqlite3.connect(path)
    found = []
    plan = {
        "employees": ("payload", "id", "team_id"), "teams": ("payload", "id"), "users": ("payload", "id"),
        "users_copy": ("payload",), "vault_meta": ("payload",), "vault_meta_copy": ("payload",),
        "audit_log": ("payload", "mac"), "keyslots": ("wrapped", "salt", "nonce", "kdf"),
        "keyslots_copy": ("wrapped", "salt", "nonce"),
    }
    for table, columns in plan.items():
        for (rowid,) in conn.execute(f"SELECT rowid FROM {table}"):
            found += [(table, column, str(rowid)) for column in columns]
    conn.close()
    return found


def _flip(path: Path, table: str, column: str, rowid: str, rng: random.Random) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    value = conn.execute(f"SELECT {column} FROM {table} WHERE rowid=?", (rowid,)).fetchone()[0]
    raw = bytearray(value if isinstance(value, bytes) else str(value).encode())
    bit = rng.randrange(len(raw) * 8)
    raw[bit // 8] ^= 1 << (bit % 8)
    new = bytes(raw) if isinstance(value, bytes) else raw.decode("utf-8", errors="replace")
    conn.execute(f"UPDATE {table} SET {column}=? WHERE rowid=?", (new, rowid))
    conn.close()


def _detected(path: Path) -> bool:
    try:
        v = Vault.open(path, PW)
    except HrdeskError:
        return True  # refused to open: detected (the other copy of a key slot normally prevents this)
    try:
        found = not v.verify_audit_chain().ok or bool(v.damaged_records()) or bool(v.structure_problems())
    finally:
        v.close(backup=False)
    return found


def test_every_single_bit_flip_is_detected(pristine: Path, tmp_path: Path) -> None:
    rng = random.Random(8)
    tried, missed = 0, []
    for table, column, rowid in _targets(pristine):
        victim = tmp_path / "victim.hrdesk"
        shutil.copyfile(pristine, victim)
        _flip(victim, table, column, rowid, rng)
        tried += 1
        if not _detected(victim):
            missed.append(f"{table}.{column} row {rowid}")
        for side in ("-wal", "-shm"):
            Path(f"{victim}{side}").unlink(missing_ok=True)
        victim.unlink()
    print(f"\ntamper matrix: {tried - len(missed)}/{tried} single-bit flips detected")
    assert not missed, missed


def test_a_flip_in_one_key_slot_copy_still_opens(pristine: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.hrdesk"
    shutil.copyfile(pristine, victim)
    _flip(victim, "keyslots", "wrapped", "1", random.Random(1))
    with Vault.open(victim, PW) as v:
        assert v.structure_problems()
        v.close(backup=False)
