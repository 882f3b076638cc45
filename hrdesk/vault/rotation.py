"""Key rotation: revoking an old passphrase or recovery key for real.

Changing a passphrase only re-wraps the data key, so anyone holding an older
copy of the file and the old passphrase can still unwrap the same key and read
today's records. Rotation replaces the data key itself:

1. in ONE transaction: every ciphertext in the vault (records, users,
   settings, audit entries) is re-encrypted under a new random data key, the
   acting user's passphrase slot and a new recovery slot are written, every
   other slot (which wraps the dead key) is removed, and the old key is kept,
   encrypted under the new one, in a "rotation pending" setting;
2. then every backup and kept copy beside the vault is rewritten the same way
   (each into a temporary file, then moved over the original), or retired
   (deleted) when it cannot be, because it is damaged or from an older key;
3. finally the pending setting (and with it the old key) is deleted.

A process killed in step 1 leaves the vault as it was (SQLite rolls back);
killed in step 2 or 3, the next open finishes the job (``finish_pending``).
The audit chain's MAC key is kept (re-encrypted) so chains and the heads
remembered on this computer stay valid.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from hrdesk.errors import DamagedVaultError
from hrdesk.progress import NULL_PROGRESS, Progress, check_cancelled
from hrdesk.vault import backup, encoding, keyslots, packed, schema, sealing
from hrdesk.vault.auditlog import MAC_KEY_META
from hrdesk.vault.cipher import DecryptionFailed, RecordCipher, associated_data, kid_of
from hrdesk.vault.kdf import KdfParams
from hrdesk.vault.keyring import SLOT_COLUMNS, Keyring, Keys
from hrdesk.vault.store import KEY_COLUMN, Store, aad_builder, id_text

log = logging.getLogger("hrdesk.vault.rotation")

PENDING_KEY = backup.PENDING_ROTATION_KEY
_BATCH = 500
_TWINS = {"users": "users_copy", "vault_meta": "vault_meta_copy"}


@dataclass(frozen=True)
class RotationReport:
    """What a rotation did, for the window and ``hrdesk passwd --rotate`` to show."""

    recovery_key: str  # the new one: show it once, the old one no longer opens anything here
    records: int  # ciphertexts re-encrypted in the vault
    backups_rewritten: list[Path] = field(default_factory=list)
    backups_retired: list[Path] = field(default_factory=list)  # deleted: damaged, or under an older key
    users_without_passphrase: list[str] = field(default_factory=list)  # user ids who must be given a new one


# --- re-encrypting one connection -----------------------------------------------------


def _encrypted_tables(conn: sqlite3.Connection) -> list[tuple[str, list[str], Callable[[dict], bytes]]]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    found = []
    for name in names:
        columns = [c[1] for c in conn.execute(f'PRAGMA table_info("{name}")')]
        aad = aad_builder(name, columns)
        if aad is not None:
            found.append((name, columns, aad))
    return found


def count_ciphertexts(conn: sqlite3.Connection) -> int:
    return sum(conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t, _c, _a in _encrypted_tables(conn))


def reencrypt(
    conn: sqlite3.Connection, old: RecordCipher, new: RecordCipher, progress: Progress = NULL_PROGRESS
) -> tuple[int, list[tuple[str, str]]]:
    """Re-encrypt every ciphertext in the open transaction of ``conn``; returns (done, failed (table, key))."""
    done, failed = 0, []
    for table, columns, aad in _encrypted_tables(conn):
        check_cancelled(progress, "The key rotation")
        ident = KEY_COLUMN.get(table, "id")
        cursor = conn.execute(f'SELECT rowid, {", ".join(columns)} FROM "{table}"')
        updates = []
        for fetched in cursor.fetchall():
            row = dict(zip(columns, fetched[1:]))
            if sealing.is_sealed(row["payload"]):
                continue  # audit entries sealed to the audit public key: no data key involved
            data = aad(row)
            try:
                plain = old.decrypt_bytes(row["payload"], data)
            except DecryptionFailed:
                failed.append((table, id_text(row[ident])))
                continue
            kid = kid_of(row["payload"]) or "dk"  # team and shared keys stay; only the data key changes
            plain = encoding.padded(plain, schema.PADDED.get(table, 0))  # records from before padding get it now
            updates.append((new.encrypt_bytes(plain, data, kid if new.holds(kid) else "dk"), fetched[0]))
            if len(updates) >= _BATCH:
                conn.executemany(f'UPDATE "{table}" SET payload=? WHERE rowid=?', updates)
                done += len(updates)
                progress.advance(len(updates))
                updates = []
        conn.executemany(f'UPDATE "{table}" SET payload=? WHERE rowid=?', updates)
        done += len(updates)
        progress.advance(len(updates))
    return done, _heal_twins(conn, failed)


def _heal_twins(conn: sqlite3.Connection, failed: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A damaged row whose second copy re-encrypted fine takes that copy; what stays failed is returned."""
    failed_set = set(failed)
    remaining = []
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table, key in failed:
        twin = _TWINS.get(table) or next((p for p, c in _TWINS.items() if c == table), None)
        column = "key" if "vault_meta" in table else "id"
        if twin in tables and (twin, key) not in failed_set:
            good = conn.execute(f"SELECT payload FROM {twin} WHERE {column}=?", (key,)).fetchone()
            if good is not None:
                conn.execute(f"UPDATE {table} SET payload=? WHERE {column}=?", (good[0], key))
                continue
        remaining.append((table, key))
    return remaining


# --- the vault -------------------------------------------------------------------------------


def rotate(
    store: Store,
    keyring: Keyring,
    *,
    old: Keys,
    user_id: str,
    new_passphrase: str,
    params: KdfParams,
    audit: Callable[[str, dict], object],
    progress: Progress = NULL_PROGRESS,
) -> tuple[Keys, str, int, list[str]]:
    """Step 1 (one transaction). Returns (new keys, new recovery key, ciphertexts, users left without a slot)."""
    new = Keys(os.urandom(32), dict(old.extra))
    recovery_text, recovery_secret = keyslots.new_recovery_key()
    try:
        with store.write(), store.errors():
            if store.meta_get(MAC_KEY_META, None) is None:  # vaults from before rotation existed
                store.meta_set(MAC_KEY_META, old.derived_mac_key().hex())
            progress.begin("Re-encrypting every record under a new key", count_ciphertexts(store.conn))
            done, failed = reencrypt(store.conn, old.cipher(), new.cipher(), progress)
            if failed:
                table, key = failed[0]
                raise DamagedVaultError(
                    f"{len(failed)} record(s) fail their integrity check, so the key cannot be rotated; "
                    "run 'hrdesk verify', restore a backup, then rotate",
                    table=table, record_id=key,
                )
            store.set_cipher(new.cipher())
            keyring.set_passphrase_slot(user_id, new.data_key, new_passphrase, params)
            keyring.set_recovery_slot(new.data_key, recovery_secret)
            dropped = keyring.drop_passphrase_slots(keep_user=user_id)
            store.meta_set(PENDING_KEY, {"old_key": old.data_key.hex(), "started": datetime.now().isoformat(timespec="seconds")})
            audit("vault.key_rotated", {"records": done, "users_without_passphrase": len(dropped)})
    except BaseException:
        store.set_cipher(old.cipher())
        raise
    return new, recovery_text, done, dropped


def finish_pending(store: Store, vault_path: Path, progress: Progress = NULL_PROGRESS) -> tuple[list[Path], list[Path]]:
    """Steps 2 and 3: rewrite or retire every copy beside the vault, then forget the old key."""
    pending = store.meta_get(PENDING_KEY, None)
    if pending is None:
        return [], []
    new_cipher = store.require_cipher()
    old = Keys(bytes.fromhex(pending["old_key"]))
    old_cipher = new_cipher.with_key("dk", old.data_key)  # the team keys did not change
    with store.io, store.errors("keyslots"):
        slots = store.conn.execute(f"SELECT {SLOT_COLUMNS} FROM keyslots").fetchall()
    mac_hex = store.meta_get(MAC_KEY_META, None) or old.derived_mac_key().hex()
    rewritten, retired = [], []
    copies = backup.old_copies(vault_path)
    progress.begin("Re-encrypting the backups", len(copies))
    for copy in copies:
        if packed.is_packed(copy):
            continue  # weekly bases and their days: rewritten together below
        if _rewrite_copy(copy, old_cipher, new_cipher, slots, mac_hex):
            rewritten.append(copy)
        else:
            retired.append(copy)
            _retire(copy)
        progress.advance()

    def rewrite(copy: Path, like: tuple[Path, Path] | None = None) -> bool:
        progress.advance()
        return _rewrite_copy(copy, old_cipher, new_cipher, slots, mac_hex, like=like)

    more_rewritten, more_retired = backup.rekey_packed(vault_path, rewrite)
    rewritten += more_rewritten
    retired += more_retired
    for copy in backup.old_copies(vault_path):  # a base or day whose header is not ours: never left on the old key
        if packed.is_packed(copy) and copy not in rewritten:
            retired.append(copy)
            _retire(copy)
    store.meta_delete(PENDING_KEY)
    return rewritten, retired


def _retire(copy: Path) -> None:
    for path in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm"), Path(f"{copy}.lock"), Path(f"{copy}.rekey.partial")):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
    log.warning("retired %s: it could not be re-encrypted under the new key", copy.name)


def _already_rotated(conn: sqlite3.Connection, new: RecordCipher) -> bool:
    # The chain key's setting is always under the data key (org_name may be under the shared key).
    row = conn.execute("SELECT key, payload FROM vault_meta WHERE key=?", (MAC_KEY_META,)).fetchone()
    if row is None:
        return False
    try:
        new.decrypt_bytes(row[1], associated_data("vault_meta", row[0]))
    except DecryptionFailed:
        return False
    return True


def _rewrite_copy(copy: Path, old: RecordCipher, new: RecordCipher, slots: list[tuple], mac_hex: str,
                  like: tuple[Path, Path] | None = None) -> bool:
    """Re-encrypt one backup into ``copy.rekey`` and move it over ``copy``; False when it cannot be.

    ``like``: (its week's base as it was, that base re-encrypted): a row whose ciphertext is the
    old base's takes the re-encrypted base's ciphertext of it, so the pages a day shares with its
    base stay identical and the day is packed again as a small increment."""
    staging = Path(f"{copy}.rekey.partial")  # a kill leaves it among the partials removed on open
    try:
        staging.unlink(missing_ok=True)
        backup.snapshot(copy, staging)
        conn = sqlite3.connect(str(staging), isolation_level=None)
        try:
            if _already_rotated(conn, new):  # a rotation killed half-way through its copies
                return True
            shared = _rows_like(conn, *like) if like else []
            conn.execute("BEGIN IMMEDIATE")
            _done, failed = reencrypt(conn, old, new)
            if failed:
                return False
            if like:
                _take_ciphertexts(conn, shared)
            _install_keys(conn, new, slots, mac_hex)
            conn.execute("COMMIT")
            if like:
                conn.execute("DETACH DATABASE new_base")
            if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                return False
        finally:
            conn.close()
        os.replace(staging, copy)
        for side in (Path(f"{copy}-wal"), Path(f"{copy}-shm")):
            side.unlink(missing_ok=True)
        return True
    except (sqlite3.Error, OSError, ValueError) as exc:
        log.warning("could not re-encrypt %s: %s", copy.name, exc)
        return False
    finally:
        with contextlib.suppress(OSError):
            staging.unlink(missing_ok=True)


def _rows_like(conn: sqlite3.Connection, old_base: Path, new_base: Path) -> list[str]:
    """Per table, the rows whose ciphertext is byte for byte the old base's (kept in temp tables);
    attaches the re-encrypted base for ``_take_ciphertexts``. Before the transaction: SQLite
    attaches no file inside one. Returns the tables."""
    conn.execute("ATTACH DATABASE ? AS new_base", (str(new_base),))
    conn.execute("ATTACH DATABASE ? AS old_base", (str(old_base),))
    try:
        theirs = {r[0] for r in conn.execute("SELECT name FROM old_base.sqlite_master WHERE type='table'")}
        tables = [t for t, _c, _a in _encrypted_tables(conn) if t in theirs]
        for n, table in enumerate(tables):
            conn.execute(f'CREATE TEMP TABLE shared_{n} AS SELECT m.rowid AS r FROM main."{table}" m '
                         f'JOIN old_base."{table}" o ON o.rowid = m.rowid WHERE o.payload = m.payload')
    finally:
        conn.execute("DETACH DATABASE old_base")
    return tables


def _take_ciphertexts(conn: sqlite3.Connection, tables: list[str]) -> None:
    """Inside the transaction, after every row was re-encrypted and authenticated: the shared rows
    take the re-encrypted base's ciphertext (the same plaintext and associated data: the old
    ciphertexts were equal and authenticated under both), same length, so SQLite overwrites
    each cell in place and the shared pages come out as the base's."""
    for n, table in enumerate(tables):
        conn.execute(f'UPDATE main."{table}" SET payload = (SELECT b.payload FROM new_base."{table}" b '
                     f'WHERE b.rowid = main."{table}".rowid) WHERE rowid IN (SELECT r FROM temp.shared_{n}) '
                     f'AND EXISTS (SELECT 1 FROM new_base."{table}" b WHERE b.rowid = main."{table}".rowid)')


def _install_keys(conn: sqlite3.Connection, new: RecordCipher, slots: list[tuple], mac_hex: str) -> None:
    """The copy opens with the vault's current passphrase and recovery key, and keeps its chain key."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    marks = ", ".join("?" * len(SLOT_COLUMNS.split(",")))
    for table in ("keyslots", "keyslots_copy"):
        if table in tables:
            conn.execute(f"DELETE FROM {table}")
            conn.executemany(f"INSERT INTO {table} ({SLOT_COLUMNS}) VALUES ({marks})", slots)
    blob = new.encrypt_json({"value": mac_hex}, associated_data("vault_meta", MAC_KEY_META))
    for table in ("vault_meta", "vault_meta_copy"):
        if table in tables:
            if conn.execute(f"SELECT 1 FROM {table} WHERE key=?", (MAC_KEY_META,)).fetchone() is None:
                conn.execute(f"INSERT INTO {table} VALUES (?, ?)", (MAC_KEY_META, blob))
            conn.execute(f"DELETE FROM {table} WHERE key IN (?, ?)", (PENDING_KEY, backup.PENDING_CLEANUP_KEY))
