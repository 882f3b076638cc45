"""The vault owns its SQLite connection: pragmas, and the one place SQLite errors are mapped.

WAL with synchronous=FULL means a killed process loses at most the transaction
in flight; temp_store=MEMORY keeps sort/temp spills off the disk; secure_delete
overwrites freed pages so deleted ciphertext does not linger.

Errors are mapped by SQLite's result code, never by message text: corruption,
a full disk, an I/O failure, a read-only file and a busy database are things
the user can act on; any other code (a bad column name in our own SQL, a
constraint we broke, API misuse) is a bug and is re-raised unchanged so the
crash path reports it, instead of telling the user their vault is damaged.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from hrdesk.errors import (
    DamagedVaultError,
    NotAVaultError,
    ReadOnlyLocationError,
    StorageError,
    VaultInUseError,
)

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA secure_delete=ON",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=2000",
    # 8 MiB of page cache instead of 2: an import's inserts land all over four id indexes, and with
    # the default cache a 100,000-person import spent a quarter of its SQLite time re-reading pages.
    "PRAGMA cache_size=-8192",
)

# Primary result codes (https://sqlite.org/rescode.html); extended codes carry them in the low byte.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


def _decode_text(raw: bytes) -> str:
    """Text columns as str even when a flipped byte made them invalid UTF-8.

    The damaged value then fails its integrity check and is reported by name,
    instead of the whole query failing with a decoding error.
    """
    return raw.decode("utf-8", errors="replace")


def connect(path: Path) -> sqlite3.Connection:
    """Open without touching the file; pragmas are applied only after the header checks out."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.text_factory = _decode_text
    return conn


def apply_pragmas(conn: sqlite3.Connection) -> None:
    for pragma in PRAGMAS:
        conn.execute(pragma)


def primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def translate(exc: sqlite3.Error, *, path: Path, table: str = "") -> Exception | None:
    """The domain error for a known SQLite failure, or None when it is a bug."""
    code = primary_code(exc)
    if code == SQLITE_CORRUPT:
        return DamagedVaultError("the database file is corrupt or truncated", table=table)
    if code == SQLITE_NOTADB:
        return NotAVaultError(str(path))
    if code == SQLITE_FULL:
        return StorageError("the disk is full")
    if code == SQLITE_IOERR:
        return StorageError(f"the drive reported an input/output error ({getattr(exc, 'sqlite_errorname', '')})")
    if code in (SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM):
        return ReadOnlyLocationError(str(path))
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return VaultInUseError(str(path))
    return None


@contextlib.contextmanager
def sqlite_errors(path: Path, table: str = "") -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        mapped = translate(exc, path=path, table=table)
        if mapped is None:
            raise  # a bug: the crash path shows and logs it
        raise mapped from exc
