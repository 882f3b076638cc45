"""Tampering and damage are detected, named, and do not take healthy records down with them."""

from __future__ import annotations

import secrets
import sqlite3
from pathlib import Path

import pytest

from hrdesk.errors import DamagedVaultError, StorageError
from hrdesk.vault import Vault
from hrdesk.vault.schema import packed_id
from hrdesk.vault.store import id_text


def _setup(vault: Vault) -> tuple[str, str, str]:
    vault.ensure_table("teams")
    vault.ensure_table("employees", links=("team_id",))
    t1 = vault.insert("teams", {"name": "Sales"})
    t2 = vault.insert("teams", {"name": "Ops"})
    a = vault.insert("employees", {"name": "Alice", "rating": "PIP"}, links={"team_id": t1})
    b = vault.insert("employees", {"name": "Bob", "rating": "Exceeds"}, links={"team_id": t1})
    c = vault.insert("employees", {"name": "Cleo"}, links={"team_id": t2})
    return a, b, c


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def _reopen(vault: Vault, path: Path, passphrase: str) -> Vault:
    vault.close(backup=False)
    return Vault.open(path, passphrase)


def test_swapping_ciphertexts_between_rows_is_detected(vault: Vault, vault_path: Path, passphrase: str) -> None:
    a, b, c = _setup(vault)
    vault.close(backup=False)
    raw = _raw(vault_path)
    pa = raw.execute("SELECT payload FROM employees WHERE id=?", (packed_id(a),)).fetchone()[0]
    pb = raw.execute("SELECT payload FROM employees WHERE id=?", (packed_id(b),)).fetchone()[0]
    raw.execute("UPDATE employees SET payload=? WHERE id=?", (pb, packed_id(a)))
    raw.execute("UPDATE employees SET payload=? WHERE id=?", (pa, packed_id(b)))
    raw.close()
    with Vault.open(vault_path, passphrase) as v:
        with pytest.raises(DamagedVaultError) as err:
            v.get("employees", a)
        assert err.value.record_id == a and err.value.table == "employees"
        assert "restore" in err.value.hint.lower()
        assert v.get("employees", c).payload == {"name": "Cleo"}  # untouched record still readable
        assert sorted(v.damaged_records()) == sorted([("employees", a), ("employees", b)])


def test_copying_a_ciphertext_to_another_table_is_detected(vault: Vault, vault_path: Path, passphrase: str) -> None:
    a, _b, _c = _setup(vault)
    vault.close(backup=False)
    raw = _raw(vault_path)
    team_id = raw.execute("SELECT id FROM teams LIMIT 1").fetchone()[0]
    payload = raw.execute("SELECT payload FROM employees WHERE id=?", (packed_id(a),)).fetchone()[0]
    raw.execute("UPDATE teams SET payload=? WHERE id=?", (payload, team_id))
    raw.close()
    with Vault.open(vault_path, passphrase) as v:
        with pytest.raises(DamagedVaultError):
            v.get("teams", id_text(team_id))


def test_relinking_a_record_to_another_team_is_detected(vault: Vault, vault_path: Path, passphrase: str) -> None:
    _a, _b, c = _setup(vault)
    vault.close(backup=False)
    raw = _raw(vault_path)
    other = raw.execute("SELECT team_id FROM employees WHERE id != ? LIMIT 1", (packed_id(c),)).fetchone()[0]
    raw.execute("UPDATE employees SET team_id=? WHERE id=?", (other, packed_id(c)))
    raw.close()
    with Vault.open(vault_path, passphrase) as v:
        assert v.damaged_records() == [("employees", c)]


def test_one_flipped_byte_is_detected(vault: Vault, vault_path: Path, passphrase: str) -> None:
    a, b, _c = _setup(vault)
    vault.close(backup=False)
    raw = _raw(vault_path)
    blob = bytearray(raw.execute("SELECT payload FROM employees WHERE id=?", (packed_id(a),)).fetchone()[0])
    raw.close()
    data = bytearray(vault_path.read_bytes())
    offset = data.find(bytes(blob))
    assert offset > 0
    data[offset + len(blob) // 2] ^= 0x01
    vault_path.write_bytes(bytes(data))
    with Vault.open(vault_path, passphrase) as v:
        with pytest.raises(DamagedVaultError) as err:
            v.get("employees", a)
        assert err.value.record_id == a
        assert v.get("employees", b).payload["name"] == "Bob"


def test_truncated_file_gives_a_clear_error(vault: Vault, vault_path: Path, passphrase: str) -> None:
    vault.ensure_table("employees")
    vault.insert_many("employees", [(None, {}, {"name": f"Person {i}", "pad": "x" * 200}) for i in range(400)])
    vault.close(backup=False)
    data = vault_path.read_bytes()
    vault_path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DamagedVaultError) as err:
        Vault.open(vault_path, passphrase)
    assert "corrupt or truncated" in err.value.message


def test_audit_chain_names_the_first_altered_entry(vault: Vault, vault_path: Path, passphrase: str) -> None:
    for i in range(6):
        vault.audit("test.step", target=str(i))
    assert vault.verify_audit_chain().ok
    vault.close(backup=False)
    raw = _raw(vault_path)
    raw.execute("DELETE FROM audit_log WHERE seq=4")
    raw.close()
    with Vault.open(vault_path, passphrase) as v:
        report = v.verify_audit_chain()
    assert not report.ok and report.first_broken == 4
    assert "#4" in report.summary()


def test_audit_chain_detects_swapped_and_truncated_entries(vault: Vault, vault_path: Path, passphrase: str) -> None:
    for i in range(5):
        vault.audit("test.step", target=str(i))
    vault.close(backup=False)
    raw = _raw(vault_path)
    m2, p2 = raw.execute("SELECT mac, payload FROM audit_log WHERE seq=2").fetchone()
    raw.execute("UPDATE audit_log SET mac=? WHERE seq=3", (m2,))
    raw.close()
    with Vault.open(vault_path, passphrase) as v:
        assert v.verify_audit_chain().first_broken == 3
    raw = _raw(vault_path)
    raw.execute("DELETE FROM audit_log WHERE seq >= 3")
    raw.close()
    with Vault.open(vault_path, passphrase) as v:
        report = v.verify_audit_chain()
    assert not report.ok and "removed" in report.problem


def test_full_disk_leaves_the_vault_as_it_was(vault: Vault) -> None:
    vault.ensure_table("notes")
    vault.insert("notes", {"text": "before"})
    entries = len(vault.audit_entries())
    conn = vault.connection
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={pages}")  # the disk is now 'full'
    with pytest.raises(StorageError) as err:
        with vault.transaction():
            vault.insert_many("notes", [(None, {}, {"text": secrets.token_hex(2000)}) for _ in range(50)])  # no compressing it away
            vault.audit("notes.bulk")
    assert "disk is full" in err.value.message and "Nothing was changed" in err.value.message
    assert vault.count("notes") == 1
    assert len(vault.audit_entries()) == entries
    conn.execute("PRAGMA max_page_count=1073741823")
    vault.insert("notes", {"text": "after"})
    assert vault.count("notes") == 2
    assert vault.verify_audit_chain().ok
