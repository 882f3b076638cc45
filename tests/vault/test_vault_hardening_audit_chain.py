"""what the audit chain does and does not detect (README: "every deletion of audit entries is detected")."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hrdesk.vault import Vault
from hrdesk.vault import packed
from hrdesk.vault.backup import make_backup


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_wiping_the_whole_audit_log_and_its_head_is_detected(vault: Vault, vault_path: Path, passphrase: str) -> None:
    """Two DELETEs in the sqlite3 shell erase the whole history, and verify says 'intact'.

    A vault always has at least the 'vault.created' entry, so a missing head
    (or an empty log) can never be legitimate after creation.
    """
    vault.ensure_table("notes")
    vault.insert("notes", {"text": "x"})
    for i in range(5):
        vault.audit("test.step", target=str(i))
    assert vault.verify_audit_chain().ok
    vault.close(backup=False)

    raw = _raw(vault_path)
    raw.execute("DELETE FROM audit_log")
    raw.execute("DELETE FROM vault_meta WHERE key='audit_head'")
    raw.close()

    with Vault.open(vault_path, passphrase) as v:
        report = v.verify_audit_chain()
    assert not report.ok, f"an erased audit log verifies as: {report.summary()!r}"


def test_truncation_with_the_head_rolled_back_from_a_backup_is_detected(
    vault: Vault, vault_path: Path, passphrase: str
) -> None:
    """The head is an ordinary ciphertext bound only to ('vault_meta', 'audit_head').

    An older head (from any backup in NAME.backups/, which sits right beside the
    vault) replays cleanly, so entries after it can be deleted undetected
    while the data they describe stays.
    """
    vault.ensure_table("notes")
    for i in range(3):
        vault.audit("test.step", target=str(i))
    snapshot = make_backup(vault)
    seq_at_backup = len(vault.audit_entries())
    with vault.transaction():
        nid = vault.insert("notes", {"text": "added after the backup"})
        vault.audit("notes.added", target=nid)
    vault.audit("protected_attributes.read", details={"purpose": "fairness"})
    vault.close(backup=False)

    rebuilt = vault_path.with_name("backup-as-sqlite.hrdesk")
    packed.rebuild(snapshot.path, rebuilt)  # the base holds the SQLite file compressed
    old = _raw(rebuilt)
    old_head = old.execute("SELECT payload FROM vault_meta WHERE key='audit_head'").fetchone()[0]
    old.close()
    raw = _raw(vault_path)
    raw.execute("DELETE FROM audit_log WHERE seq > ?", (seq_at_backup,))
    raw.execute("UPDATE vault_meta SET payload=? WHERE key='audit_head'", (old_head,))
    raw.close()

    with Vault.open(vault_path, passphrase) as v:
        assert v.count("notes") == 1  # the record is still there, its audit entry is gone
        report = v.verify_audit_chain()
    assert not report.ok, f"log truncated to #{seq_at_backup} with a replayed head verifies as: {report.summary()!r}"
