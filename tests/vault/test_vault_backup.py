"""Backups are taken, checked, rotated, and bring the vault back."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hrdesk.errors import DamagedVaultError, VaultInUseError
from hrdesk.vault import KdfParams, Vault
from hrdesk.vault.backup import RECORD_CHECK_KEY, backup_if_due, list_backups, make_backup, restore_backup


def test_close_after_changes_leaves_a_checked_backup(vault_path: Path, fast_kdf: KdfParams) -> None:
    v, _ = Vault.create(vault_path, org_name="B", admin_name="HR", passphrase="pw", kdf=fast_kdf)
    v.ensure_table("notes")
    v.insert("notes", {"text": "kept"})
    v.close()
    backups = list_backups(vault_path)
    assert len(backups) == 1
    assert not list(backups[0].path.parent.glob("*-wal")), "a backup must be a standalone file"
    with Vault.open(backups[0].path, "pw") as b:
        assert [r.payload for r in b.rows("notes")] == [{"text": "kept"}]


def test_rotation_keeps_the_newest_and_the_copy_from_the_last_record_check(vault: Vault) -> None:
    """Every record is decrypted at most once a week, not on every close; the copy taken at
    that check is the one known to be undamaged, so it stays until the next clean check."""
    start = datetime(2026, 1, 1, 9, 0, 0)
    for day in range(10):
        make_backup(vault, keep=3, now=start + timedelta(days=day))
    kept = list_backups(vault.path)
    assert [b.taken for b in kept] == [start + timedelta(days=d) for d in (9, 8, 7, 3)]
    assert vault.meta_get(RECORD_CHECK_KEY) == {"at": (start + timedelta(days=3)).isoformat(), "ok": True}
    for day in range(10, 12):
        make_backup(vault, keep=3, now=start + timedelta(days=day))
    kept = list_backups(vault.path)
    assert [b.taken for b in kept] == [start + timedelta(days=d) for d in (11, 10, 9)], "a week on, checked again"
    assert vault.meta_get(RECORD_CHECK_KEY)["at"] == (start + timedelta(days=11)).isoformat()


def test_closing_a_changed_vault_backs_up_at_most_once_a_day(vault_path: Path, fast_kdf: KdfParams) -> None:
    from hrdesk.session import Session

    Vault.create(vault_path, org_name="B", admin_name="HR", passphrase="pw", kdf=fast_kdf)[0].close(backup=False)
    for text in ("one", "two", "three"):
        session = Session.open(vault_path, "pw")
        session.perform(lambda v, t=text: (v.ensure_table("notes"), v.insert("notes", {"text": t}), v.audit("note.added")))
        session.close()
    assert len(list_backups(vault_path)) == 1, "three changed sessions in a day: one backup"
    time.sleep(1.1)  # backups are named by the second
    with Session.open(vault_path, "pw") as session:
        assert session.backup_now() is not None
    assert len(list_backups(vault_path)) == 2, "on demand, a backup is always taken"


def test_daily_backup_only_when_due(vault: Vault) -> None:
    now = datetime(2026, 3, 1, 12, 0)
    assert backup_if_due(vault, now=now) is not None
    assert backup_if_due(vault, now=now + timedelta(hours=3)) is None
    assert backup_if_due(vault, now=now + timedelta(hours=25)) is not None


def test_restore_brings_back_the_backup_and_keeps_the_replaced_file(vault_path: Path, fast_kdf: KdfParams) -> None:
    v, _ = Vault.create(vault_path, org_name="B", admin_name="HR", passphrase="pw", kdf=fast_kdf)
    v.ensure_table("notes")
    v.insert("notes", {"text": "good"})
    snapshot = make_backup(v, now=datetime(2026, 1, 1))
    v.insert("notes", {"text": "mistake"})
    with pytest.raises(VaultInUseError):
        restore_backup(vault_path, snapshot.path)
    v.close(backup=False)
    kept = restore_backup(vault_path, snapshot.path)
    with Vault.open(vault_path, "pw") as restored:
        assert [r.payload["text"] for r in restored.rows("notes")] == ["good"]
        assert restored.verify_audit_chain().ok
    with Vault.open(kept, "pw") as old:
        assert old.count("notes") == 2


def test_restore_refuses_a_damaged_backup(vault: Vault, vault_path: Path) -> None:
    snap = make_backup(vault)
    data = snap.path.read_bytes()
    snap.path.write_bytes(data[: len(data) // 2])
    vault.close(backup=False)
    before = vault_path.read_bytes()
    with pytest.raises(DamagedVaultError):
        restore_backup(vault_path, snap.path)
    assert vault_path.read_bytes() == before
