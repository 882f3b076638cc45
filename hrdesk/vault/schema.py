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
SCHEMA_VERSION = 1


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


MIGRATIONS: list[tuple[int, str, Callable[[sqlite3.Connection], None]]] = [
    (1, "initial", _v1_initial),
]


def pending(current: int) -> list[tuple[int, str, Callable[[sqlite3.Connection], None]]]:
    return [m for m in MIGRATIONS if m[0] > current]
