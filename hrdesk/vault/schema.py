"""The vault's fixed tables and its forward migrations.

Record tables are created on demand by the layers above (``Vault.ensure_table``);
what lives here is the structure the vault itself needs. Each migration is a
named function applied once, in order, inside one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

MAGIC = "hrdesk-vault"
# Second copies of the few rows one damaged byte must not cost (see the v2 migration).
COPY_TABLES = ("keyslots_copy", "users_copy", "vault_meta_copy")
SCHEMA_VERSION = 2


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


MIGRATIONS: list[tuple[int, str, Callable[[sqlite3.Connection], None]]] = [
    (1, "initial", _v1_initial),
    (2, "second copies of key slots, users and settings", _v2_second_copies),
]


def pending(current: int) -> list[tuple[int, str, Callable[[sqlite3.Connection], None]]]:
    return [m for m in MIGRATIONS if m[0] > current]
