"""restore when it is needed most, file modes, same-second names, rotation."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hrdesk.errors import HrdeskError
from hrdesk.vault import KdfParams, Vault
from hrdesk.vault import backup as backup_module
from hrdesk.vault.backup import list_backups, make_backup, restore_backup
from hrdesk.vault.schema import packed_id


def _vault_with_backup(path: Path, kdf: KdfParams) -> Path:
    v, _ = Vault.create(path, org_name="B", admin_name="HR", passphrase="pw", kdf=kdf)
    v.ensure_table("notes")
    v.insert("notes", {"text": "good"})
    snap = make_backup(v, now=datetime(2026, 1, 1))
    v.close(backup=False)
    return snap.path


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_restore_works_when_the_vault_itself_is_damaged(vault_path: Path, fast_kdf: KdfParams, damage: str) -> None:
    """Restoring is the advice DamagedVaultError gives, yet restore_backup first snapshots the
    current file with the SQLite backup API, which raises a raw sqlite3.DatabaseError on a
    damaged file (a traceback from `hrdesk restore`, nothing restored)."""
    snap = _vault_with_backup(vault_path, fast_kdf)
    data = vault_path.read_bytes()
    vault_path.write_bytes(b"not sqlite " * 200 if damage == "garbage" else data[: len(data) // 2])
    try:
        kept = restore_backup(vault_path, snap)
    except sqlite3.Error as exc:  # pragma: no cover - the defect
        pytest.fail(f"restore of a damaged vault escaped as {type(exc).__name__}: {exc}")
    except HrdeskError as exc:  # pragma: no cover - better, but still no way back
        pytest.fail(f"restore of a damaged vault refused: {exc}")
    with Vault.open(vault_path, "pw") as v:
        assert [r.payload["text"] for r in v.rows("notes")] == ["good"]
    assert kept.is_file()


def test_restored_vault_and_backups_are_owner_only(vault_path: Path, fast_kdf: KdfParams) -> None:
    """README: 'The vault file is created readable by its owner only.' sqlite3.connect creates
    the restored file, the backups and the kept copy with the process umask (0644 here)."""
    snap = _vault_with_backup(vault_path, fast_kdf)
    assert vault_path.stat().st_mode & 0o077 == 0
    kept = restore_backup(vault_path, snap)
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in (vault_path, snap, kept)}
    assert all(p.stat().st_mode & 0o077 == 0 for p in (vault_path, snap, kept)), modes


def test_two_restores_in_one_second_keep_both_replaced_files(
    vault_path: Path, fast_kdf: KdfParams, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pre-restore copy is named to the second: a second restore in the same second
    overwrites the first copy, which may be the only copy of the original vault."""
    v, _ = Vault.create(vault_path, org_name="B", admin_name="HR", passphrase="pw", kdf=fast_kdf)
    v.ensure_table("notes")
    snap1 = make_backup(v, now=datetime(2026, 1, 1))
    v.insert("notes", {"text": "one"})
    snap2 = make_backup(v, now=datetime(2026, 1, 2))
    v.insert("notes", {"text": "original, newest work"})
    v.close(backup=False)

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return datetime(2026, 5, 5, 12, 0, 0)

    monkeypatch.setattr(backup_module, "datetime", Frozen)
    kept_first = restore_backup(vault_path, snap1.path)   # picked the wrong backup...
    restore_backup(vault_path, snap2.path)                # ...and corrected it at once
    with Vault.open(kept_first, "pw") as original:
        texts = [r.payload["text"] for r in original.rows("notes")]
    assert "original, newest work" in texts, f"the original vault is gone; {kept_first.name} now holds {texts}"


def test_rotation_never_deletes_the_last_backup_without_damage(vault: Vault, passphrase: str) -> None:
    """check_backup only runs SQLite's integrity_check. Once a record fails authentication,
    seven more backups (one per changed session) rotate out every undamaged copy."""
    vault.ensure_table("notes")
    nid = vault.insert("notes", {"text": "precious"})
    start = datetime(2026, 1, 1, 9, 0, 0)
    make_backup(vault, now=start)  # the good one
    blob = bytearray(vault.connection.execute("SELECT payload FROM notes WHERE id=?", (packed_id(nid),)).fetchone()[0])
    blob[-1] ^= 1  # bit rot / tampering
    vault.connection.execute("UPDATE notes SET payload=? WHERE id=?", (bytes(blob), packed_id(nid)))
    for day in range(1, 8):
        make_backup(vault, now=start + timedelta(days=day))
    clean = []
    for b in list_backups(vault.path):
        with backup_module.readable_copy(b.path) as path, Vault.open(path, passphrase) as copy:
            if not copy.damaged_records():
                clean.append(b.path.name)
            copy.close(backup=False)
    assert clean, "every backup now holds the damaged record; the good one was rotated out"


def test_a_failed_backup_on_close_does_not_claim_nothing_was_changed(
    vault: Vault, vault_path: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """close() backs up *after* the work was committed. If that backup fails (disk full in
    NAME.backups/), the user reads 'hrdesk could not write to the disk ... Nothing was
    changed.', although the import / consent change they just made is saved."""
    vault.ensure_table("notes")
    vault.insert("notes", {"text": "committed"})

    def disk_full(_path: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_module, "_check_sqlite_copy", disk_full)
    with pytest.raises(HrdeskError) as err:
        vault.close()
    with Vault.open(vault_path, passphrase) as v:
        assert v.count("notes") == 1  # the work is there...
        v.close(backup=False)
    assert "Nothing was changed" not in str(err.value), f"...but the user was told: {err.value}"
