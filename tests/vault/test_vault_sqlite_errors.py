"""SQLite failures are mapped by their result code: known ones get a clear message, the rest are bugs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hrdesk.errors import (
    DamagedVaultError,
    HrdeskError,
    NotAVaultError,
    ReadOnlyLocationError,
    StorageError,
    VaultInUseError,
)
from hrdesk.vault import Vault, connection


def _error(code: int, name: str) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(name)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    exc.sqlite_errorname = name  # type: ignore[attr-defined]
    return exc


def test_a_bad_column_in_our_own_sql_is_a_bug_not_a_damaged_vault(vault: Vault) -> None:
    """Before: every unrecognised SQLite error said 'The vault is damaged ... restore a backup'."""
    with pytest.raises(sqlite3.OperationalError) as err:
        with connection.sqlite_errors(vault.path, "vault_meta"):
            vault.connection.execute("SELECT no_such_column FROM vault_meta")
    assert not isinstance(err.value, HrdeskError)


def test_a_constraint_our_code_breaks_is_a_bug(vault: Vault) -> None:
    vault.ensure_table("notes")
    vault.insert("notes", {"text": "a"}, id="same")
    with pytest.raises(sqlite3.IntegrityError):
        vault.insert("notes", {"text": "b"}, id="same")


@pytest.mark.parametrize(
    ("code", "name", "expected"),
    [
        (11, "SQLITE_CORRUPT", DamagedVaultError),
        (267, "SQLITE_CORRUPT_VTAB", DamagedVaultError),
        (26, "SQLITE_NOTADB", NotAVaultError),
        (13, "SQLITE_FULL", StorageError),
        (10, "SQLITE_IOERR", StorageError),
        (778, "SQLITE_IOERR_WRITE", StorageError),
        (8, "SQLITE_READONLY", ReadOnlyLocationError),
        (14, "SQLITE_CANTOPEN", ReadOnlyLocationError),
        (5, "SQLITE_BUSY", VaultInUseError),
    ],
)
def test_known_codes_map_to_the_errors_a_user_can_act_on(code: int, name: str, expected: type) -> None:
    mapped = connection.translate(_error(code, name), path=Path("v.hrdesk"))
    assert isinstance(mapped, expected)


@pytest.mark.parametrize(("code", "name"), [(1, "SQLITE_ERROR"), (19, "SQLITE_CONSTRAINT"), (21, "SQLITE_MISUSE"), (20, "SQLITE_MISMATCH")])
def test_unknown_codes_are_not_translated(code: int, name: str) -> None:
    assert connection.translate(_error(code, name), path=Path("v.hrdesk")) is None


def test_a_real_corrupt_page_says_damaged(vault: Vault, vault_path: Path, passphrase: str) -> None:
    vault.ensure_table("notes")
    vault.insert_many("notes", [(None, {}, {"text": "x" * 500}) for _ in range(200)])
    vault.close(backup=False)
    data = bytearray(vault_path.read_bytes())
    page = 4096
    data[3 * page : 3 * page + 200] = b"\xff" * 200  # clobber a b-tree page header
    vault_path.write_bytes(bytes(data))
    with pytest.raises(DamagedVaultError):
        with Vault.open(vault_path, passphrase) as v:
            v.damaged_records()
