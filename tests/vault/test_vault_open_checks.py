"""What the open checks up front, and what only `hrdesk verify` (and every backup's copy) checks.

The open reads the header, the vault's tables and the key slot: cheap at any
size. SQLite's ``quick_check`` of every page grows with the file, so it is not
on the open path; a damaged page the open does not touch is found by
``hrdesk verify`` and by the check of each backup's copy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hrdesk import cli
from hrdesk.errors import BackupFailedError, DamagedVaultError
from hrdesk.vault import Vault
from hrdesk.vault.backup import make_backup


def _vault_with_people(vault: Vault) -> None:
    vault.ensure_table("employees", links=("team_id",))
    vault.insert_many("employees", [(None, {"team_id": f"t{i % 7}"}, {"name": f"Person {i}", "pad": "x" * 300})
                                    for i in range(600)])
    vault.close(backup=False)


def _damage_index_page(path: Path) -> None:
    """Overwrite the page type of the team index's root page: a damaged page no open reads."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='idx_employees_team_id'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page_size] = 0x07  # not one of SQLite's four b-tree page types
    path.write_bytes(bytes(data))


def test_a_damaged_page_the_open_does_not_read_is_named_by_verify(
    vault: Vault, vault_path: Path, passphrase: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    _vault_with_people(vault)
    _damage_index_page(vault_path)
    with Vault.open(vault_path, passphrase) as opened:  # the open stays cheap: header and key only
        assert sum(1 for _ in opened.rows("employees")) == 600  # read in rowid order, past the index
        assert any("database file" in p for p in opened.structure_problems())
        opened.close(backup=False)
    secret = tmp_path / "pw.txt"
    secret.write_text(passphrase)
    assert cli.main(["verify", str(vault_path), "--passphrase-file", str(secret)]) == 1
    out = capsys.readouterr().out
    assert "Structure: the database file:" in out


def test_a_backup_of_a_vault_with_a_damaged_page_is_refused(vault: Vault, vault_path: Path, passphrase: str) -> None:
    _vault_with_people(vault)
    _damage_index_page(vault_path)
    with Vault.open(vault_path, passphrase) as opened:
        with pytest.raises((BackupFailedError, DamagedVaultError)):
            make_backup(opened)
        opened.close(backup=False)


def test_a_truncated_vault_is_still_refused_at_the_open(vault: Vault, vault_path: Path, passphrase: str) -> None:
    _vault_with_people(vault)
    data = vault_path.read_bytes()
    vault_path.write_bytes(data[: len(data) // 3])
    with pytest.raises(DamagedVaultError, match="corrupt or truncated"):
        Vault.open(vault_path, passphrase)


def test_an_intact_vault_has_no_page_problems(vault: Vault) -> None:
    assert vault.structure_problems() == []
