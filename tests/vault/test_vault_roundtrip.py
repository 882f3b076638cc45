"""Records survive closing and reopening, and only the right secret opens the vault."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

import pytest

from hrdesk.errors import (
    InvalidInputError,
    NewerVaultVersionError,
    NotAVaultError,
    RecordNotFoundError,
    VaultInUseError,
    VaultLockedError,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from hrdesk.vault import KdfParams, Vault

PAYLOADS = [
    {"name": "Zoë Ångström-Ng", "rating": "Exceeds", "notes": "Led the \u201cQ3\u201d launch; 日本語 ok"},
    {"name": "O'Brien, Séan", "dob": "1987-05-14", "score": 4.5, "flags": [True, False, None], "nested": {"a": [1, 2]}},
    {"empty": "", "none": None, "zero": 0, "big": 10**15, "neg": -1.25},
]


def _fill(vault: Vault) -> dict[str, dict]:
    vault.ensure_table("teams")
    vault.ensure_table("employees", links=("team_id",))
    vault.ensure_table("ratings", links=("employee_id", "cycle_id"))
    team = vault.insert("teams", {"name": "Engineering"})
    stored = {}
    with vault.transaction():
        for payload in PAYLOADS:
            eid = vault.insert("employees", payload, links={"team_id": team})
            stored[eid] = payload
            vault.insert("ratings", {"value": 3}, links={"employee_id": eid, "cycle_id": None})
    return stored


def test_every_payload_round_trips_through_close_and_reopen(vault: Vault, vault_path: Path, passphrase: str) -> None:
    stored = _fill(vault)
    vault.close()
    reopened = Vault.open(vault_path, passphrase)
    try:
        assert {row.id: row.payload for row in reopened.rows("employees")} == stored
        assert reopened.count("ratings") == len(PAYLOADS)
        first = next(iter(stored))
        assert [r.links["employee_id"] for r in reopened.rows("ratings", where={"employee_id": first})] == [first]
        assert reopened.org_name == "Acme Ltd"
        assert reopened.user.name == "Dana HR" and reopened.user.role == "admin"
    finally:
        reopened.close()


def test_update_and_delete(vault: Vault) -> None:
    stored = _fill(vault)
    eid = next(iter(stored))
    vault.update("employees", eid, {"name": "Renamed"})
    assert vault.get("employees", eid).payload == {"name": "Renamed"}
    assert vault.get("employees", eid).links["team_id"] is not None  # links kept when not given
    assert vault.delete("employees", [eid]) == 1
    with pytest.raises(RecordNotFoundError):
        vault.get("employees", eid)


def test_failed_transaction_leaves_nothing_behind(vault: Vault) -> None:
    vault.ensure_table("notes")
    entries_before = len(vault.audit_entries())
    with pytest.raises(RuntimeError):
        with vault.transaction():
            vault.insert("notes", {"text": "half"})
            vault.audit("notes.added")
            raise RuntimeError("boom")
    assert vault.count("notes") == 0
    assert len(vault.audit_entries()) == entries_before
    assert vault.verify_audit_chain().ok


def test_no_personal_value_in_plaintext_columns(vault: Vault, vault_path: Path) -> None:
    _fill(vault)
    vault.close()
    conn = sqlite3.connect(vault_path)
    dump = "\n".join(conn.iterdump())
    conn.close()
    for needle in ("Zoë", "Engineering", "Exceeds", "1987-05-14", "Acme Ltd", "Dana HR"):
        assert needle not in dump


def test_wrong_passphrase_is_refused_with_clear_error(vault: Vault, vault_path: Path) -> None:
    vault.close()
    with pytest.raises(WrongPassphraseError) as err:
        Vault.open(vault_path, "not it")
    assert "passphrase does not open" in err.value.message
    assert "recovery key" in err.value.hint


def test_passphrase_is_unicode_normalised(tmp_path: Path, fast_kdf: KdfParams) -> None:
    composed = unicodedata.normalize("NFC", "café-crème")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    v, _ = Vault.create(tmp_path / "n.hrdesk", org_name="N", admin_name="A", passphrase=composed, kdf=fast_kdf)
    v.close()
    Vault.open(tmp_path / "n.hrdesk", decomposed).close()


def test_recovery_key_opens_and_sets_new_passphrase(tmp_path: Path, fast_kdf: KdfParams) -> None:
    path = tmp_path / "r.hrdesk"
    v, recovery = Vault.create(path, org_name="R", admin_name="A", passphrase="old", kdf=fast_kdf)
    v.ensure_table("employees")
    eid = v.insert("employees", {"name": "Kept"})
    v.close()
    assert len(recovery.replace("-", "")) == 32 and recovery.count("-") == 7
    with pytest.raises(WrongRecoveryKeyError):
        Vault.open_with_recovery(path, "AAAA-" * 7 + "AAAA")
    retyped = recovery.lower().replace("-", " ")
    with Vault.open_with_recovery(path, retyped) as v:
        v.change_passphrase("brand new")
    with pytest.raises(WrongPassphraseError):
        Vault.open(path, "old")
    with Vault.open(path, "brand new") as v:
        assert v.get("employees", eid).payload == {"name": "Kept"}
        actions = [e.action for e in v.audit_entries()]
        assert "vault.opened_with_recovery_key" in actions and "vault.passphrase_changed" in actions


def test_passphrase_change_rewraps_and_keeps_all_data(vault: Vault, vault_path: Path, passphrase: str) -> None:
    stored = _fill(vault)
    before = sqlite3.connect(vault_path).execute("SELECT payload FROM employees ORDER BY id").fetchall()
    vault.change_passphrase("next one")
    vault.close()
    after = sqlite3.connect(vault_path).execute("SELECT payload FROM employees ORDER BY id").fetchall()
    assert before == after  # re-wrapped, not re-encrypted
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_path, passphrase)
    with Vault.open(vault_path, "next one") as v:
        assert {r.id: r.payload for r in v.rows("employees")} == stored


def test_lock_drops_the_key_until_unlocked(vault: Vault, passphrase: str) -> None:
    stored = _fill(vault)
    vault.lock()
    assert vault.is_locked
    with pytest.raises(VaultLockedError):
        list(vault.rows("employees"))
    with pytest.raises(WrongPassphraseError):
        vault.unlock("nope")
    vault.unlock(passphrase)
    assert len(list(vault.rows("employees"))) == len(stored)


def test_a_closed_vault_reads_as_locked(vault: Vault) -> None:
    """Found by CI: the employee page's background read finished after its window's vault was closed, and
    asking whether the vault was locked raised AttributeError in the Qt event loop instead of dropping the result."""
    vault.close(backup=False)
    assert vault.is_locked


def test_second_process_or_window_is_refused(vault: Vault, vault_path: Path, passphrase: str) -> None:
    with pytest.raises(VaultInUseError) as err:
        Vault.open(vault_path, passphrase)
    assert "open in another" in err.value.message


def test_not_a_vault(tmp_path: Path) -> None:
    junk = tmp_path / "junk.hrdesk"
    junk.write_bytes(b"this is a spreadsheet, honest" * 100)
    with pytest.raises(NotAVaultError):
        Vault.open(junk, "x")
    plain = tmp_path / "plain.hrdesk"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(NotAVaultError):
        Vault.open(plain, "x")
    with pytest.raises(InvalidInputError):
        Vault.open(tmp_path / "missing.hrdesk", "x")


def test_vault_from_newer_version_is_refused_untouched(vault: Vault, vault_path: Path, passphrase: str) -> None:
    vault.close()
    conn = sqlite3.connect(vault_path)
    conn.execute("UPDATE hrdesk_header SET value='99' WHERE key='schema_version'")
    conn.commit()
    conn.close()
    before = vault_path.read_bytes()
    with pytest.raises(NewerVaultVersionError) as err:
        Vault.open(vault_path, passphrase)
    assert "newer version" in err.value.message
    assert vault_path.read_bytes() == before


def test_create_refuses_to_overwrite(vault: Vault, vault_path: Path, fast_kdf: KdfParams) -> None:
    with pytest.raises(InvalidInputError):
        Vault.create(vault_path, org_name="X", admin_name="Y", passphrase="z", kdf=fast_kdf)


def test_vault_file_is_private_to_its_owner(vault: Vault, vault_path: Path) -> None:
    assert vault_path.stat().st_mode & 0o077 == 0
