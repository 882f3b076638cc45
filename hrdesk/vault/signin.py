"""Signing in by name: finding a user's slots before any key is known, and failed-attempt delays.

Both live in plaintext tables, because they are needed before the vault is
unlocked. ``logins`` holds a salted hash of each user's name (not the name),
so the file does not list who has an account; ``login_attempts`` counts failed
passphrases per user. Someone editing the file can reset the counter: the delay
slows guessing through hrdesk, Argon2id is what slows guessing against a copy.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable

from hrdesk.vault.store import Store

ANYONE = "*"  # the counter of unlocks that named no user (HR's default sign-in)
FREE_ATTEMPTS = 2
MAX_DELAY_SECONDS = 30.0

sleep: Callable[[float], None] = time.sleep


def _has(store: Store, table: str) -> bool:
    with store.io:
        return store.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone() is not None


def name_tag(vault_id: str, name: str) -> str:
    normal = " ".join(name.casefold().split())
    return hashlib.sha256(f"hrdesk login\x1f{vault_id}\x1f{normal}".encode()).hexdigest()


def set_login(store: Store, vault_id: str, user_id: str, name: str) -> None:
    with store.write(), store.errors("logins"):
        store.conn.execute("DELETE FROM logins WHERE user_id=?", (user_id,))
        store.conn.execute("INSERT INTO logins VALUES (?, ?)", (user_id, name_tag(vault_id, name)))


def find_user(store: Store, vault_id: str, name: str) -> str | None:
    """The id of the user called ``name`` (any case/spacing), or None; None too in a vault without names."""
    if not _has(store, "logins"):
        return None
    with store.io, store.errors("logins"):
        row = store.conn.execute("SELECT user_id FROM logins WHERE tag=?", (name_tag(vault_id, name),)).fetchone()
    return str(row[0]) if row else None


def delay_for(failed: int) -> float:
    """Seconds to wait before the next attempt after ``failed`` failures: 0, 0, 1, 2, 4, ... up to 30."""
    if failed <= FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY_SECONDS, 2.0 ** (failed - FREE_ATTEMPTS - 1))


def failures(store: Store, key: str) -> tuple[int, float]:
    if not _has(store, "login_attempts"):
        return 0, 0.0
    with store.io, store.errors("login_attempts"):
        row = store.conn.execute("SELECT failed, last FROM login_attempts WHERE user_id=?", (key,)).fetchone()
    return (int(row[0]), float(row[1])) if row else (0, 0.0)


def wait_before_attempt(store: Store, key: str) -> float:
    """Sleep what is left of this user's delay; returns the seconds waited."""
    failed, last = failures(store, key)
    left = delay_for(failed) - (time.time() - last)
    if left > 0:
        sleep(left)
        return left
    return 0.0


def record_failure(store: Store, key: str) -> int:
    if not _has(store, "login_attempts"):
        return 0
    failed, _last = failures(store, key)
    try:
        with store.write(), store.errors("login_attempts"):
            store.conn.execute("INSERT OR REPLACE INTO login_attempts VALUES (?, ?, ?)", (key, failed + 1, time.time()))
    except sqlite3.Error:
        pass
    return failed + 1


def take_failures(store: Store, key: str) -> int:
    """The failures since the last successful sign-in, and reset the count (inside the caller's transaction)."""
    failed, _last = failures(store, key)
    if failed:
        with store.write(), store.errors("login_attempts"):
            store.conn.execute("DELETE FROM login_attempts WHERE user_id=?", (key,))
    return failed
