"""tampered bytes must give a clear HrdeskError, never a raw traceback (DESIGN: 'no crash')."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hrdesk.errors import DamagedVaultError, HrdeskError
from hrdesk.vault import Vault

TAMPERING = {
    # keyslots.kdf is plaintext JSON read by json.loads / KdfParams.from_dict outside any translation
    "keyslot kdf not JSON": "UPDATE keyslots SET kdf='garbled' WHERE kind='passphrase'",
    "keyslot kdf missing a field": "UPDATE keyslots SET kdf='{}' WHERE kind='passphrase'",
    # a nonce of the wrong length makes AESGCM raise ValueError, which _unwrap does not catch
    "keyslot nonce wrong length": "UPDATE keyslots SET nonce=x'00' WHERE kind='passphrase'",
    # _after_unlock / _load_user run their SELECTs outside connection.sqlite_errors
    "record_tables dropped": "DROP TABLE record_tables",
    "users table dropped": "DROP TABLE users",
}


@pytest.mark.parametrize("what", sorted(TAMPERING))
def test_tampered_structure_gives_a_clear_error(vault: Vault, vault_path: Path, passphrase: str, what: str) -> None:
    vault.ensure_table("notes")
    vault.insert("notes", {"text": "x"})
    vault.close(backup=False)
    raw = sqlite3.connect(vault_path, isolation_level=None)
    raw.execute(TAMPERING[what])
    if "keyslots" in TAMPERING[what]:  # both copies: one damaged copy alone no longer matters
        raw.execute(TAMPERING[what].replace("keyslots", "keyslots_copy"))
    raw.close()
    try:
        Vault.open(vault_path, passphrase).close(backup=False)
    except HrdeskError as exc:
        assert isinstance(exc, DamagedVaultError), f"{what}: reported as {type(exc).__name__}: {exc}"
    except Exception as exc:  # the defect: a traceback instead of a message
        pytest.fail(f"{what}: escaped as {type(exc).__module__}.{type(exc).__name__}: {exc}")
    else:
        pytest.fail(f"{what}: opened without complaint")


def test_a_garbled_plaintext_table_list_does_not_hide_the_records(vault: Vault, vault_path: Path, passphrase: str) -> None:
    """The authenticated copy of the table list (in the encrypted settings) wins over the plaintext one."""
    vault.ensure_table("notes")
    vault.insert("notes", {"text": "x"})
    vault.close(backup=False)
    raw = sqlite3.connect(vault_path, isolation_level=None)
    raw.execute("UPDATE record_tables SET links='garbled'")
    raw.close()
    with Vault.open(vault_path, passphrase) as v:
        assert [r.payload["text"] for r in v.rows("notes")] == ["x"]
        v.close(backup=False)
