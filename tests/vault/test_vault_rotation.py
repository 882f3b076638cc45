"""Key rotation: a changed passphrase or recovery key is revoked for every copy hrdesk keeps."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from hrdesk.errors import CancelledError, WrongPassphraseError, WrongRecoveryKeyError
from hrdesk.vault import KdfParams, Vault, packed, rotation
from hrdesk.vault.backup import list_backups, make_backup, old_copies, readable_copy, restore_backup
from hrdesk.vault.cipher import DecryptionFailed, associated_data
from hrdesk.vault.keyring import Keyring
from hrdesk.vault.store import Store
from hrdesk.vault.store import id_text

OLD, NEW = "old passphrase", "new passphrase"


@contextlib.contextmanager
def _as_sqlite(copy: Path) -> Iterator[Path]:
    """Any copy as the SQLite file it holds: a weekly base or a day's increment is rebuilt (the
    format is documented; an attacker can do the same)."""
    with readable_copy(copy) as path:
        yield path


def _attacker_key(copy: Path, passphrase: str) -> bytes:
    """What a short script does with an old copy and the old passphrase: unwrap the data key."""
    with _as_sqlite(copy) as path:
        store = Store(path, sqlite3.connect(path))
        try:
            return Keyring(store).unlock_with_passphrase(passphrase).keys.data_key
        finally:
            store.close()


def _readable_with(path: Path, data_key: bytes) -> tuple[int, int]:
    """(records this key decrypts, records tried) in the vault file at ``path``."""
    from hrdesk.vault.keyring import Keys

    cipher = Keys(data_key).cipher()
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT id, payload FROM notes").fetchall()
    conn.close()
    opened = 0
    for row_id, blob in rows:
        try:
            cipher.decrypt_json(blob, associated_data("notes", id_text(row_id)))
            opened += 1
        except DecryptionFailed:
            pass
    return opened, len(rows)


@pytest.fixture
def old_vault(tmp_path: Path, fast_kdf: KdfParams) -> tuple[Path, str]:
    path = tmp_path / "org.hrdesk"
    v, recovery = Vault.create(path, org_name="Org", admin_name="HR", passphrase=OLD, kdf=fast_kdf)
    v.ensure_table("notes")
    v.insert_many("notes", [(None, {}, {"text": f"before {i}"}) for i in range(40)])
    make_backup(v)
    v.close(backup=False)
    return path, recovery


def test_plain_passphrase_change_leaves_the_old_passphrase_working_on_backups(old_vault: tuple[Path, str]) -> None:
    """The documented limit of a plain change (the reason rotation exists)."""
    path, _ = old_vault
    with Vault.open(path, OLD) as v:
        v.change_passphrase(NEW)
        v.insert("notes", {"text": "after"})
        v.close(backup=False)
    key = _attacker_key(list_backups(path)[0].path, OLD)
    assert _readable_with(path, key) == (41, 41)


def test_old_passphrase_attack_against_a_backup_fails_after_rotation(old_vault: tuple[Path, str], tmp_path: Path) -> None:
    path, old_recovery = old_vault
    stolen = tmp_path / "stolen-before.hrbase"  # a copy taken away before the rotation
    shutil.copyfile(list_backups(path)[0].path, stolen)
    with Vault.open(path, OLD) as v:
        report = v.rotate_keys(NEW)
        v.insert("notes", {"text": "added after the rotation"})
        v.close(backup=False)
    assert report.records > 40 and report.backups_rewritten and not report.backups_retired
    old_key = _attacker_key(stolen, OLD)
    assert _readable_with(path, old_key) == (0, 41)  # no current record opens with the old key
    for packed_copy in old_copies(path):
        with _as_sqlite(packed_copy) as copy:
            with pytest.raises(WrongPassphraseError):
                Vault.open(copy, OLD)
            assert _readable_with(copy, old_key)[0] == 0
            with pytest.raises(WrongRecoveryKeyError):
                Vault.open_with_recovery(copy, old_recovery)
    with pytest.raises(WrongPassphraseError):
        Vault.open(path, OLD)
    with pytest.raises(WrongRecoveryKeyError):
        Vault.open_with_recovery(path, old_recovery)
    with Vault.open_with_recovery(path, report.recovery_key) as v:
        assert v.count("notes") == 41
        v.close(backup=False)


def test_a_rotated_vault_keeps_its_records_chain_and_backups(old_vault: tuple[Path, str]) -> None:
    path, _ = old_vault
    with Vault.open(path, OLD) as v:
        assert v.verify_audit_chain().ok  # this computer remembers the head
        v.rotate_keys(NEW)
        v.close(backup=False)
    with Vault.open(path, NEW) as v:
        assert sorted(r.payload["text"] for r in v.rows("notes"))[:2] == ["before 0", "before 1"]
        assert v.verify_audit_chain().ok, v.verify_audit_chain().summary()
        assert not v.damaged_records()
        assert [e.action for e in v.audit_entries()][-1] == "vault.key_rotated"
        v.close(backup=False)
    restore_backup(path, list_backups(path)[0].path)  # the rewritten backup opens with the new passphrase
    with Vault.open(path, NEW) as v:
        assert v.count("notes") == 40 and v.verify_audit_chain().ok
        v.close(backup=False)


class _CancelAfter:
    def __init__(self, steps: int) -> None:
        self.left = steps

    def begin(self, label: str, total: int) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        self.left -= steps

    def cancelled(self) -> bool:
        return self.left <= 0


def test_an_interrupted_rotation_changes_nothing(old_vault: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    path, _ = old_vault
    monkeypatch.setattr(rotation, "_BATCH", 5)
    with Vault.open(path, OLD) as v:
        with pytest.raises(CancelledError):
            v.rotate_keys(NEW, progress=_CancelAfter(12))
        v.insert("notes", {"text": "still works"})  # the old key is back in use
        v.close(backup=False)
    with Vault.open(path, OLD) as v:
        assert v.count("notes") == 41 and not v.damaged_records() and v.verify_audit_chain().ok
        v.close(backup=False)


def test_a_rotation_killed_before_the_backups_finishes_on_next_open(old_vault: tuple[Path, str]) -> None:
    """Step 1 committed, then the process died: the old key waits (encrypted) and the next open ends the job."""
    path, _ = old_vault
    v = Vault.open(path, OLD)
    rotation.rotate(
        v._store, v._keyring, old=v._keys, user_id=v.user.id, new_passphrase=NEW,  # type: ignore[arg-type]
        params=KdfParams.fast_for_tests(), audit=lambda a, d: v.audit(a, details=d),
    )
    v._close_quietly()  # killed: no backup rewritten yet
    with _as_sqlite(list_backups(path)[0].path) as backup:
        assert Vault.open(backup, OLD).close(backup=False) is None  # still on the old key
    with Vault.open(path, NEW) as v2:
        assert v2.meta_get(rotation.PENDING_KEY) is None
        v2.close(backup=False)
    with _as_sqlite(list_backups(path)[0].path) as backup, pytest.raises(WrongPassphraseError):
        Vault.open(backup, OLD)


def test_a_backup_that_cannot_be_reencrypted_is_retired(old_vault: tuple[Path, str]) -> None:
    path, _ = old_vault
    damaged = list_backups(path)[0].path
    plain = path.with_name("plain.sqlite")
    packed.rebuild(damaged, plain)
    conn = sqlite3.connect(plain)
    blob = bytearray(conn.execute("SELECT payload FROM notes LIMIT 1").fetchone()[0])
    blob[-1] ^= 1
    conn.execute("UPDATE notes SET payload=? WHERE rowid=1", (bytes(blob),))
    conn.commit()
    conn.close()
    packed.write_base(plain, damaged, packed.read_header(damaged)[0].vault_id)  # a whole base holding a bad record
    with Vault.open(path, OLD) as v:
        report = v.rotate_keys(NEW)
        v.close(backup=False)
    assert report.backups_retired == [damaged] and not damaged.exists()


def test_cli_passwd_rotate_revokes_the_old_passphrase_and_prints_a_new_recovery_key(
    old_vault: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hrdesk import cli

    path, old_recovery = old_vault
    (tmp_path / "old.txt").write_text(OLD + "\n")
    monkeypatch.setenv("HRDESK_NEW_PASSPHRASE", NEW)
    assert cli.main(["passwd", str(path), "--passphrase-file", str(tmp_path / "old.txt"), "--rotate"]) == 0
    out = capsys.readouterr().out
    new_recovery = out.split("NEW RECOVERY KEY")[1].splitlines()[1].strip()
    assert new_recovery != old_recovery and "Backups rewritten under the new key: 1" in out
    with _as_sqlite(list_backups(path)[0].path) as backup, pytest.raises(WrongPassphraseError):
        Vault.open(backup, OLD)
    Vault.open_with_recovery(path, new_recovery).close(backup=False)


def test_cli_new_recovery_key_keeps_the_passphrase(
    old_vault: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from hrdesk import cli

    path, old_recovery = old_vault
    (tmp_path / "old.txt").write_text(OLD + "\n")
    assert cli.main(["passwd", str(path), "--passphrase-file", str(tmp_path / "old.txt"), "--new-recovery-key"]) == 0
    new_recovery = capsys.readouterr().out.split("NEW RECOVERY KEY")[1].splitlines()[1].strip()
    with pytest.raises(WrongRecoveryKeyError):
        Vault.open_with_recovery(path, old_recovery)
    Vault.open_with_recovery(path, new_recovery).close(backup=False)
    Vault.open(path, OLD).close(backup=False)


def test_cli_plain_passwd_says_what_it_does_not_do(old_vault: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    from hrdesk import cli

    path, _ = old_vault
    (tmp_path / "old.txt").write_text(OLD + "\n")
    monkeypatch.setenv("HRDESK_NEW_PASSPHRASE", NEW)
    assert cli.main(["passwd", str(path), "--passphrase-file", str(tmp_path / "old.txt")]) == 0
    assert "--rotate" in capsys.readouterr().out


def test_no_old_key_ciphertext_stays_in_the_vault_file_after_rotation(old_vault: tuple[Path, str]) -> None:
    path, _ = old_vault
    conn = sqlite3.connect(path)
    old_blobs = [r[0] for r in conn.execute("SELECT payload FROM notes UNION ALL SELECT payload FROM users")]
    conn.close()
    with Vault.open(path, OLD) as v:
        v.rotate_keys(NEW)
        on_disk = path.read_bytes() + (Path(f"{path}-wal").read_bytes() if Path(f"{path}-wal").exists() else b"")
        v.close(backup=False)
    assert old_blobs and not [b for b in old_blobs if b[-32:] in on_disk]
