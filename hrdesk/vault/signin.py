"""Signing in by name: finding a user's slots before any key is known, and failed-attempt delays.

``logins`` (a plaintext table: it is needed before the vault is unlocked) holds
a salted hash of each user's name (not the name), so the file does not list who
has an account. Failed passphrases are counted per vault and user on this
computer (hrdesk's data folder, like the audit anchor), never in the vault: a
wrong passphrase changes nothing in the file. The delay slows guessing through
hrdesk; Argon2id is what slows guessing against a copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hrdesk import paths

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


def attempts_file() -> Path:
    return paths.data_dir() / "sign-in-attempts.json"


def _key(store: Store, user: str) -> str:
    return f"{store.header().get('vault_id', '')}/{user}"


def _read() -> dict[str, dict]:
    try:
        data = json.loads(attempts_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(data: dict[str, dict]) -> None:
    file = attempts_file()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".attempts-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1)
        os.replace(tmp, file)
    except OSError:
        pass  # an unwritable profile folder loses the count; it must not block signing in


def failures(store: Store, user: str) -> tuple[int, float]:
    entry = _read().get(_key(store, user))
    try:
        return (int(entry["failed"]), float(entry["last"])) if isinstance(entry, dict) else (0, 0.0)
    except (KeyError, TypeError, ValueError):
        return 0, 0.0


def wait_before_attempt(store: Store, user: str) -> float:
    """Sleep what is left of this user's delay; returns the seconds waited."""
    failed, last = failures(store, user)
    left = delay_for(failed) - (time.time() - last)
    if left > 0:
        sleep(left)
        return left
    return 0.0


def record_failure(store: Store, user: str) -> int:
    failed, _last = failures(store, user)
    data = _read()
    data[_key(store, user)] = {"failed": failed + 1, "last": time.time()}
    _write(data)
    return failed + 1


def take_failures(store: Store, user: str) -> int:
    """The failures since the last successful sign-in, and reset the count."""
    failed, _last = failures(store, user)
    if failed:
        clear(store, user)
    return failed


def clear(store: Store, user: str) -> None:
    data = _read()
    if data.pop(_key(store, user), None) is not None:
        _write(data)
