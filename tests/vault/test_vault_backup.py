"""Backups are taken, checked, rotated, and bring the vault back."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hrdesk.errors import DamagedBackupError, VaultInUseError
from hrdesk.vault import KdfParams, Vault
from hrdesk.vault.backup import (
    backup_if_due,
    check_records_if_due,
    list_backups,
    make_backup,
    note_record_check,
    readable_copy,
    restore_backup,
)
from tests.conftest import PASSPHRASE


def test_close_after_changes_leaves_a_checked_backup(vault_path: Path, fast_kdf: KdfParams) -> None:
    v, _ = Vault.create(vault_path, org_name="B", admin_name="HR", passphrase="pw", kdf=fast_kdf)
    v.ensure_table("notes")
    v.insert("notes", {"text": "kept"})
    v.close()
    backups = list_backups(vault_path)
    assert len(backups) == 1
    assert not list(backups[0].path.parent.glob("*-wal")), "a backup must be a standalone file"
    with readable_copy(backups[0].path) as copy, Vault.open(copy, "pw") as b:
        assert [r.payload for r in b.rows("notes")] == [{"text": "kept"}]


def test_rotation_keeps_the_newest_weekly_copies_and_the_copy_from_the_last_record_check(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Daily backups for five weeks: the newest three stay, one a week for the four weeks before
    them, and the newest copy taken at or before the last clean record check; no rotation
    decrypts a record (that check runs apart, at most weekly)."""
    decrypted: list[int] = []
    real = Vault.damaged_records
    monkeypatch.setattr(Vault, "damaged_records", lambda self: decrypted.append(1) or real(self))
    start = datetime(2026, 1, 5, 9, 0, 0)  # a Monday
    assert check_records_if_due(vault, now=start + timedelta(days=2)) is True
    assert check_records_if_due(vault, now=start + timedelta(days=5)) is None, "checked this week already"
    assert len(decrypted) == 1
    for day in range(35):
        make_backup(vault, keep=3, now=start + timedelta(days=day))
    assert len(decrypted) == 1, "rotation never decrypts every record"
    taken = [b.taken for b in list_backups(vault.path)]
    newest = [start + timedelta(days=d) for d in (34, 33, 32)]
    weekly = [start + timedelta(days=d) for d in (27, 20, 13, 6)]  # each week's newest (Sundays)
    known_good = [start + timedelta(days=2)]  # taken at the record check of day 2
    bases = [start + timedelta(days=d) for d in (28, 21, 14, 7, 0)]  # Mondays: the base each kept day needs
    assert taken == sorted(newest + weekly + known_good + bases, reverse=True)
    kinds = {b.taken: b.kind for b in list_backups(vault.path)}
    assert all(kinds[day] == "base" for day in bases) and all(kinds[d] == "increment" for d in newest + weekly + known_good)


def test_backup_disk_after_a_week_of_daily_use(vault: Vault) -> None:
    """A week of daily backups (and the window's weekly record check on the first day) keeps the
    newest three and the copy the check vouches for, not seven."""
    vault.ensure_table("notes")
    start = datetime(2026, 2, 2, 18, 0, 0)
    for day in range(7):
        vault.insert("notes", {"text": f"day {day}"})
        make_backup(vault, keep=3, now=start + timedelta(days=day))
        check_records_if_due(vault, now=start + timedelta(days=day, minutes=1))
    assert [b.taken for b in list_backups(vault.path)] == [start + timedelta(days=d) for d in (6, 5, 4, 0)]


def test_without_any_record_check_the_oldest_copy_stays(vault: Vault) -> None:
    start = datetime(2026, 2, 2, 18, 0, 0)
    for day in range(6):
        make_backup(vault, keep=2, now=start + timedelta(days=day))
    assert [b.taken for b in list_backups(vault.path)] == [start + timedelta(days=d) for d in (5, 4, 0)]


def test_rotation_keeps_everything_while_the_last_record_check_failed(vault: Vault) -> None:
    start = datetime(2026, 3, 2, 9, 0, 0)
    note_record_check(vault, False, now=start)
    for day in range(6):
        make_backup(vault, keep=2, now=start + timedelta(days=day))
    assert len(list_backups(vault.path)) == 6


def test_two_backups_in_the_same_second_keep_both(vault: Vault) -> None:
    vault.ensure_table("notes")
    now = datetime(2026, 4, 1, 12, 0, 0)
    vault.insert("notes", {"text": "first"})
    first = make_backup(vault, now=now)
    vault.insert("notes", {"text": "second"})
    second = make_backup(vault, now=now)
    third = make_backup(vault, now=now)
    assert len({first.path, second.path, third.path}) == 3
    listed = list_backups(vault.path)
    assert [b.path for b in listed] == [third.path, second.path, first.path], "newest first, also within a second"
    with readable_copy(first.path) as path, Vault.open(path, PASSPHRASE) as copy:
        assert [r.payload["text"] for r in copy.rows("notes")] == ["first"]


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
    with pytest.raises(DamagedBackupError, match="cut short"):
        restore_backup(vault_path, snap.path)
    assert vault_path.read_bytes() == before
