"""The vault owns its SQLite connection: pragmas, and one place to translate errors.

WAL with synchronous=FULL means a killed process loses at most the transaction
in flight; temp_store=MEMORY keeps sort/temp spills off the disk; secure_delete
overwrites freed pages so deleted ciphertext does not linger.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from hrdesk.errors import DamagedVaultError, NotAVaultError, StorageError, VaultInUseError

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA secure_delete=ON",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=2000",
)


def connect(path: Path) -> sqlite3.Connection:
    """Open without touching the file; pragmas are applied only after the header checks out."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    return conn


def apply_pragmas(conn: sqlite3.Connection) -> None:
    for pragma in PRAGMAS:
        conn.execute(pragma)


def translate(exc: sqlite3.Error, *, path: Path, table: str = "") -> Exception:
    """Map low-level SQLite failures to the errors a user can act on."""
    text = str(exc).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return StorageError("the disk is full")
    if "disk i/o error" in text or "readonly" in text or "read-only" in text:
        return StorageError(str(exc))
    if "locked" in text or "busy" in text:
        return VaultInUseError(str(path))
    if "not a database" in text or "file is encrypted" in text:
        return NotAVaultError(str(path))
    if "malformed" in text or "corrupt" in text:
        return DamagedVaultError("the database file is corrupt or truncated", table=table)
    return DamagedVaultError(str(exc), table=table)


@contextlib.contextmanager
def sqlite_errors(path: Path, table: str = "") -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        raise translate(exc, path=path, table=table) from exc
