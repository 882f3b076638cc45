"""Whether a passphrase opens a vault file as HR, read-only: a backup is checked before a restore, never written.

Opening a backup as a vault could migrate it or log in it; this only reads its
key slots (on a read-only connection) and counts a wrong passphrase like any
failed sign-in, with the same growing delay.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hrdesk.errors import InvalidInputError, PermissionDeniedError, WrongPassphraseError
from hrdesk.vault import connection, signin
from hrdesk.vault.keyring import Keyring
from hrdesk.vault.store import Store


def require_hr_passphrase(path: Path, passphrase: str, *, user: str | None = None) -> None:
    """Raise unless ``passphrase`` (of ``user``, or of any HR user) unlocks the organisation's key in ``path``."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        store = Store(path, conn)
        with connection.sqlite_errors(path):
            store.refresh_present()
        user_id = None
        if user is not None and user.strip():
            user_id = signin.find_user(store, store.header().get("vault_id", ""), user)
            if user_id is None:
                raise InvalidInputError(f"The file '{path.name}' has no user called '{user.strip()}'.")
        counter = user_id or signin.ANYONE
        signin.wait_before_attempt(store, counter)
        try:
            unlocked = Keyring(store).unlock_with_passphrase(passphrase, user_id)
        except WrongPassphraseError:
            signin.record_failure(store, counter)
            raise
        if unlocked.keys.data_key is None:
            raise PermissionDeniedError("Only HR can restore a backup.")
    finally:
        conn.close()
