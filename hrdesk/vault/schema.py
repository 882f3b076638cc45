"""The vault's fixed tables and its forward migrations.

Record tables are created on demand by the layers above (``Vault.ensure_table``);
what lives here is the structure the vault itself needs. Each migration is a
named function applied once, in order, inside one transaction.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

MAGIC = "hrdesk-vault"
# Second copies of the few rows one damaged byte must not cost (see the v2 migration).
COPY_TABLES = ("keyslots_copy", "users_copy", "vault_meta_copy")
SCHEMA_VERSION = 3
#: From this format on, record ids and links made by ``store.new_id`` are kept as 8 bytes (see the v3 migration).
COMPACT_IDS = 3
#: Tables holding at most one record per linked row, keyed by that row's id from format 3 on: no id of
#: their own, no link column, no index on it (an employee's protected attributes: 17% of a vault's bytes).
ONE_PER = {"protected_attributes": "employee_id"}
#: Tables whose records are padded to a multiple of this many bytes before they are encrypted, so a record's
#: length does not give its values away: a protected attribute's value is most of its record, and unpadded the
#: ciphertexts of people of a race not in the compression dictionary were 53-58 bytes against 32-38 for the rest.
PADDED = {"protected_attributes": 48}
_NEW_ID = re.compile(r"[0-9a-f]{16}")


def _run(conn: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits on its own, and migrations must share one transaction.
    for statement in filter(None, (s.strip() for s in script.split(";"))):
        conn.execute(statement)


def _v1_initial(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """
        CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, payload BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS keyslots (
            id TEXT PRIMARY KEY, user_id TEXT, kind TEXT NOT NULL,
            kdf TEXT NOT NULL, salt BLOB NOT NULL, nonce BLOB NOT NULL, wrapped BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS vault_meta (key TEXT PRIMARY KEY, payload BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS audit_log (seq INTEGER PRIMARY KEY, mac TEXT NOT NULL, payload BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS record_tables (name TEXT PRIMARY KEY, links TEXT NOT NULL);
        """
    )


def _v2_second_copies(conn: sqlite3.Connection) -> None:
    """A second copy of every key slot, user and setting: one damaged byte must not lock a vault."""
    _run(
        conn,
        """
        CREATE TABLE IF NOT EXISTS keyslots_copy (
            id TEXT PRIMARY KEY, user_id TEXT, kind TEXT NOT NULL,
            kdf TEXT NOT NULL, salt BLOB NOT NULL, nonce BLOB NOT NULL, wrapped BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS users_copy (id TEXT PRIMARY KEY, payload BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS vault_meta_copy (key TEXT PRIMARY KEY, payload BLOB NOT NULL);
        INSERT OR IGNORE INTO keyslots_copy SELECT id, user_id, kind, kdf, salt, nonce, wrapped FROM keyslots;
        INSERT OR IGNORE INTO users_copy SELECT id, payload FROM users;
        INSERT OR IGNORE INTO vault_meta_copy SELECT key, payload FROM vault_meta
        """
    )


def packed_id(value: object) -> object:
    """How a format-3 file keeps an id or link: ``new_id``'s 16 hex digits as their 8 bytes, anything else as is.

    Only the exact form ``new_id`` makes is packed, so reading it back (``store.id_text``) gives the same text.
    """
    if type(value) is str and len(value) == 16 and _NEW_ID.fullmatch(value):
        return bytes.fromhex(value)
    return value


def _v3_compact_ids(conn: sqlite3.Connection) -> None:
    """Record ids and links as 8 bytes instead of 16 hex characters, in the rows and their indexes.

    Rewritten in place, so every row keeps its rowid (lists keep their order) and every ciphertext
    stays as it is: the associated data is built from the ids' text, which reads back unchanged.
    Only the tables the plaintext list names and the file has; key ids and user ids stay text.
    """
    conn.create_function("hrdesk_packed_id", 1, packed_id, deterministic=True)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for name, _links in conn.execute("SELECT name, links FROM record_tables").fetchall():
        if name not in tables or not re.fullmatch(r"[a-z][a-z0-9_]{0,62}", str(name)):
            continue
        columns = [c[1] for c in conn.execute(f'PRAGMA table_info("{name}")') if c[1] != "payload"]
        sets = ", ".join(f'"{c}"=hrdesk_packed_id("{c}")' for c in columns)
        found = " OR ".join(f"typeof(\"{c}\")='text'" for c in columns)
        if sets:
            conn.execute(f'UPDATE "{name}" SET {sets} WHERE {found}')


MIGRATIONS: list[tuple[int, str, Callable[[sqlite3.Connection], None]]] = [
    (1, "initial", _v1_initial),
    (2, "second copies of key slots, users and settings", _v2_second_copies),
    (3, "record ids in 8 bytes", _v3_compact_ids),
]


def pending(current: int) -> list[tuple[int, str, Callable[[sqlite3.Connection], None]]]:
    return [m for m in MIGRATIONS if m[0] > current]
