"""The Vault façade: one encrypted SQLite file per organisation, behind one small class.

The work is done by three parts with one job each: ``store`` (connection,
transactions, record tables, encrypted settings), ``keyring`` (key slots,
users, unlocking; it returns keys) and ``auditlog`` (append, read, verify,
anchor). The façade opens and creates files, wires the keys from the keyring
into the store and the log, and keeps the public API the rest of hrdesk uses.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrdesk import __version__
from hrdesk.errors import (
    DamagedVaultError,
    InvalidInputError,
    NewerVaultVersionError,
    VaultLockedError,
    WrongPassphraseError,
)
from hrdesk.progress import NULL_PROGRESS, Progress
from hrdesk.vault import backup, connection, files, keyslots, packed, rotation, schema, sealing, signin, teamkeys
from hrdesk.vault.auditlog import MAC_KEY_META, AuditEntry, AuditLog, ChainReport
from hrdesk.vault.cipher import audit_aad
from hrdesk.vault.kdf import KdfParams, calibrate
from hrdesk.vault import keyring as keyring_module
from hrdesk.vault.keyring import Keyring, Keys, VaultUser
from hrdesk.vault.lockfile import ProcessLock
from hrdesk.vault.store import TABLES_META_KEY, Store, StoredRow, new_id

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger("hrdesk.vault")

__all__ = ["StoredRow", "Vault", "VaultFacts", "VaultUser", "new_id"]


@dataclass(frozen=True)
class VaultFacts:
    """What the Overview screen and `hrdesk info` show about the file itself."""

    path: Path
    org_name: str
    vault_id: str
    schema_version: int
    created_with: str
    size_bytes: int
    kdf: KdfParams
    tables: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class HeldKeys:
    """An unlock's proven keys, carried to a reopen of the same vault (see ``Vault.held_keys``)."""

    vault_id: str
    keys: Keys = field(repr=False)
    user_id: str
    params: KdfParams | None


class Vault:
    """An open, unlocked vault. Create with ``Vault.create`` or ``Vault.open``."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: ProcessLock) -> None:
        self.path = path
        self._lock = lock
        self._store = Store(path, conn)
        self._keyring = Keyring(self._store)
        self._keys: Keys | None = None
        self._log: AuditLog | None = None
        self.user: VaultUser = VaultUser("", "", "")
        self.org_name = ""
        self._opened_version = schema.SCHEMA_VERSION
        self._unlock_params: KdfParams | None = None
        self._scopes = teamkeys.KeyScopes(self._store)
        self._store.scopes = self._scopes
        self.failed_attempts = 0  # failed passphrases for this user since their last sign-in (shown once)

    # --- creating and opening --------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path | str,
        *,
        org_name: str,
        admin_name: str,
        passphrase: str,
        kdf: KdfParams | None = None,
    ) -> tuple["Vault", str]:
        """Create a new vault; returns it open, and the recovery key to show once.

        The file is built under a temporary name and moved into place only when
        complete, so a killed ``init`` never leaves a half-made vault behind.
        """
        path = Path(path)
        files.check_new_vault_path(path)
        if not passphrase:
            raise InvalidInputError("The passphrase must not be empty.")
        if not org_name.strip() or not admin_name.strip():
            raise InvalidInputError("The organisation name and your name are both needed.")
        params = kdf or calibrate()
        building: Vault | None = None
        with files.building(path) as staging:
            files.create_private(staging)  # owner-only from the first byte (SQLite would use the umask)
            lock = ProcessLock(staging)
            lock.acquire()
            try:
                conn = connection.connect(staging)
                with connection.sqlite_errors(staging):
                    connection.apply_pragmas(conn)
                building = cls(staging, conn, lock)
                recovery, keys, admin_id = building._initialise(org_name.strip(), admin_name.strip(), passphrase, params)
            finally:
                if building is not None:
                    building._close_quietly(checkpoint=True)
                lock.release()
        vault = cls._open_file(path)
        try:
            vault._unlock_params = params
            vault._after_unlock(keys, admin_id)
        except BaseException:
            vault._close_quietly()
            raise
        return vault, recovery

    def _initialise(self, org_name: str, admin_name: str, passphrase: str, params: KdfParams) -> tuple[str, Keys, str]:
        keys = Keys(os.urandom(32))
        recovery_text, recovery_secret = keyslots.new_recovery_key()
        admin = VaultUser(new_id(), admin_name, "admin")
        store = self._store
        with store.write(), store.errors():
            store.conn.execute("CREATE TABLE hrdesk_header (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            vault_id = str(uuid.uuid4())
            header = {
                "magic": schema.MAGIC,
                "schema_version": str(schema.SCHEMA_VERSION),
                "vault_id": vault_id,
                "created_with": __version__,
                "kdf_default": json.dumps(params.to_dict()),
            }
            store.conn.executemany("INSERT INTO hrdesk_header VALUES (?, ?)", header.items())
            for _version, _name, migrate in schema.MIGRATIONS:
                migrate(store.conn)
            store.refresh_present()
            self._set_keys(keys, mac_key=keys.derived_mac_key())
            store.meta_set(MAC_KEY_META, self._mac_key().hex())
            self._keyring.store_user(admin)
            self._keyring.set_passphrase_slot(admin.id, keys.data_key, passphrase, params)
            self._keyring.set_recovery_slot(keys.data_key, recovery_secret)
            self.user = admin
            self.org_name = org_name
            store.meta_set("org_name", org_name)
            store.meta_set("vault_id", vault_id)  # the authenticated identity, for the audit anchor
            store.sign_table_list()
            self.audit("vault.created", target=org_name, details={"schema_version": schema.SCHEMA_VERSION})
            self._install_team_keys()
        return recovery_text, keys, admin.id

    @classmethod
    def open(cls, path: Path | str, passphrase: str, *, user: str | None = None) -> "Vault":
        """Unlock as ``user`` (a name, any case), or as HR when no name is given."""
        vault = cls._open_file(Path(path))
        try:
            unlocked, counter = vault._try_passphrase(passphrase, user)
            vault._unlock_params = unlocked.params
            vault._after_unlock(unlocked.keys, unlocked.user_id, member_key=unlocked.user_key, counter=counter)
        except BaseException:
            vault._close_quietly()
            raise
        return vault

    def held_keys(self) -> "HeldKeys":
        """This unlock's keys, to open the same vault again under another name without deriving
        the passphrase again (the demo is built under a staging name, then moved into place)."""
        if not self.holds_org_key:
            raise InvalidInputError("Only an unlock with the organisation's key can be carried to a reopen.")
        return HeldKeys(self.vault_id, self._require_keys(), self.user.id, self._unlock_params)

    @classmethod
    def open_held(cls, path: Path | str, held: "HeldKeys") -> "Vault":
        """Open ``path`` with keys an unlock of the same vault already proved (``held_keys``)."""
        vault = cls._open_file(Path(path))
        try:
            if vault._store.header().get("vault_id") != held.vault_id:
                raise InvalidInputError(f"'{path}' is not the vault these keys were unlocked for.")
            vault._unlock_params = held.params
            vault._after_unlock(held.keys, held.user_id)
        except BaseException:
            vault._close_quietly()
            raise
        return vault

    @classmethod
    def open_with_recovery(cls, path: Path | str, recovery_key: str) -> "Vault":
        """Open with the recovery key as the first administrator, to set a new passphrase."""
        vault = cls._open_file(Path(path))
        try:
            keys = vault._keyring.unlock_with_recovery(recovery_key)
            vault._after_unlock(keys, None)
            with vault._store.write():
                vault.audit("vault.opened_with_recovery_key")
        except BaseException:
            vault._close_quietly()
            raise
        return vault

    @classmethod
    def _open_file(cls, path: Path) -> "Vault":
        if path.is_dir():
            raise InvalidInputError(f"'{path}' is a folder, not a vault.", hint="Give the vault file (*.hrdesk) itself.")
        if not path.is_file():
            raise InvalidInputError(f"There is no vault at '{path}'.", hint="Check the path or create a new vault.")
        if packed.is_packed(path):
            raise InvalidInputError(f"'{path.name}' is a backup (compressed), not a vault.",
                                    hint="Restore it in place of its vault: Settings, Backups, or 'hrdesk restore VAULT BACKUP'.")
        lock = ProcessLock(path)
        lock.acquire()
        conn = None
        try:
            conn = connection.connect(path)
            vault = cls(path, conn, lock)
            version = vault._store.read_version()
            if version > schema.SCHEMA_VERSION:
                raise NewerVaultVersionError(version, schema.SCHEMA_VERSION)
            # Up front only what is cheap at any size: the header (above), the vault's tables, and
            # the page count SQLite checks against the file's length as it reads the first page
            # (a truncated file is refused here); the unlock then authenticates the key slot,
            # the settings and the table list. The check of every page (quick_check) grows with
            # the file: it runs on every backup's copy, in `hrdesk verify`, and in the window's
            # background check (see README "What is checked when").
            vault._store.check_structure()
            with connection.sqlite_errors(path):
                connection.apply_pragmas(conn)
            vault._store.refresh_present()
            vault._opened_version = version
            return vault
        except BaseException:
            if conn is not None:
                conn.close()
            lock.release()
            raise

    def _migrate(self, current: int) -> None:
        steps = schema.pending(current)
        if not steps:
            return
        store = self._store
        with store.write(), store.errors():
            for version, name, migrate in steps:
                log.info("migrating vault to schema %s (%s)", version, name)
                migrate(store.conn)
            store.conn.execute(
                "UPDATE hrdesk_header SET value=? WHERE key='schema_version'", (str(schema.SCHEMA_VERSION),)
            )
            store.refresh_present()
            moved = store.key_one_per_tables() if current < schema.COMPACT_IDS else {}
            self.audit("vault.migrated", details={"from": current, "to": schema.SCHEMA_VERSION, **moved})
        if current < schema.COMPACT_IDS:
            store.vacuum()  # the space the shorter ids freed, given back once

    def _try_passphrase(self, passphrase: str, user: str | None) -> tuple[keyring_module.Unlocked, str]:
        """One sign-in attempt after this user's growing delay; a failure is counted (plaintext, per user)."""
        store = self._store
        user_id = None
        if user is not None and user.strip():
            user_id = signin.find_user(store, store.header().get("vault_id", ""), user)
            if user_id is None and teamkeys.has_team_keys(store):
                raise InvalidInputError(f"This vault has no user called '{user.strip()}'.",
                                        hint="Check the spelling, or ask HR for your user name.")
        counter = user_id or signin.ANYONE
        signin.wait_before_attempt(store, counter)
        try:
            return self._keyring.unlock_with_passphrase(passphrase, user_id), counter
        except WrongPassphraseError:
            signin.record_failure(store, counter)
            raise

    def _after_unlock(self, keys: Keys, user_id: str | None, *, member_key: bytes | None = None,
                      counter: str | None = None) -> None:
        """Runs once the key is proven: only then may the file be migrated (and upgraded to team keys)."""
        if member_key is not None and user_id:
            keys = Keys(None, {**teamkeys.load_grants(self._store, user_id, member_key), teamkeys.USER_KEY: member_key})
            self._set_keys(keys)
            self.user = teamkeys.profile_user(user_id, keys)
            self.org_name = str(self.meta_get("org_name", ""))
            self._store.reload_tables()
        else:
            if keys.data_key is not None:
                keys.extra.update(teamkeys.load_org_keys(self._store, keys.data_key))
            self._set_keys(keys)
            self.user = self._keyring.load_user(user_id) if user_id is not None else self._keyring.first_admin()
            self._migrate(self._opened_version)
            self.org_name = str(self.meta_get("org_name", ""))
            self._upgrade_secrets()
            self._store.reload_tables()
            self._upgrade_to_team_keys()
            self._finish_pending()
        if counter is not None:
            self._note_failures(counter)

    def _note_failures(self, counter: str) -> None:
        """Failed attempts since the last sign-in: kept for the window/CLI to show once, and logged."""
        failed = signin.take_failures(self._store, counter)
        if failed:
            with self._store.write():
                self.audit("user.failed_sign_ins", target=self.user.id, details={"failed": failed})
        self.failed_attempts = failed

    # --- team keys ------------------------------------------------------------------

    @property
    def has_team_keys(self) -> bool:
        return teamkeys.has_team_keys(self._store)

    def _upgrade_to_team_keys(self) -> None:
        """A vault of the single-key format: back it up, then move it to team keys in one transaction."""
        if self.has_team_keys:
            return
        _backup_module.make_backup(self)
        with self._store.write():
            self._install_team_keys()

    def _install_team_keys(self) -> None:
        """In the caller's transaction: make the shared, governance and reading keys, one key per team,
        re-encrypt every record under its key, seal the audit log to its public key."""
        store, keys = self._store, self._require_keys()
        with store.write(), store.errors():
            teamkeys.create_tables(store.conn)
            store.refresh_present()
            mac_key = self._mac_key()
            private, public = sealing.new_keypair()
            self._scopes.keys = keys
            for kid, key in ((teamkeys.SHARED, os.urandom(32)), (teamkeys.GOVERNANCE, os.urandom(32)),
                             (teamkeys.CHAIN, mac_key), (teamkeys.AUDIT_READER, private)):
                self._scopes.install(kid, key)
            self._scopes.enabled = True
            self._scopes.forget()
            moved = teamkeys.rescope(store, self._scopes)
            store.meta_set(teamkeys.AUDIT_PUBLIC_META, public.hex())
            cipher = store.require_cipher()
            resealed = []
            for seq, blob in store.conn.execute("SELECT seq, payload FROM audit_log ORDER BY seq").fetchall():
                if not sealing.is_sealed(blob):
                    plain = cipher.decrypt_bytes(blob, audit_aad(int(seq)))
                    resealed.append((sealing.seal(public, plain, audit_aad(int(seq))), seq))
            store.conn.executemany("UPDATE audit_log SET payload=? WHERE seq=?", resealed)
            vault_id = store.header().get("vault_id", "")
            for user in self._keyring.users():
                signin.set_login(store, vault_id, user.id, user.name)
            self._set_keys(keys, mac_key=mac_key)
            teams = sum(1 for kid in keys.extra if kid.startswith(teamkeys.TEAM_PREFIX))
            self.audit("vault.team_keys_installed",
                       details={"teams": teams, "records": moved, "audit_entries": len(resealed)})

    def _upgrade_secrets(self) -> None:
        """Vaults made before these existed: sign the table list and keep the chain key (once)."""
        store = self._store
        if store.meta_get(MAC_KEY_META, None) is not None and store.meta_get(TABLES_META_KEY, None) is not None:
            return
        store.reload_tables()
        with store.write():
            if store.meta_get(MAC_KEY_META, None) is None:
                store.meta_set(MAC_KEY_META, self._mac_key().hex())
            if store.meta_get(TABLES_META_KEY, None) is None:
                store.sign_table_list()

    def _finish_pending(self, progress: Progress = NULL_PROGRESS) -> tuple[list[Path], list[Path]]:
        """Finish what a killed process left: a key rotation's backups, a purge's backups."""
        backup.remove_unfinished(self.path)  # before rewriting copies: half-written ones are not copies
        done = rotation.finish_pending(self._store, self.path, progress)
        backup.finish_pending_work(self)
        return done

    # --- keys, users and passphrases --------------------------------------

    def _set_keys(self, keys: Keys, *, mac_key: bytes | None = None) -> None:
        self._keys = keys
        self._scopes.keys = keys
        self._scopes.enabled = teamkeys.has_team_keys(self._store)
        self._store.set_cipher(keys.cipher())
        if mac_key is None:
            if teamkeys.CHAIN in keys.extra:
                mac_key = keys.extra[teamkeys.CHAIN]
            else:
                stored = self._store.meta_get(MAC_KEY_META, None)
                mac_key = bytes.fromhex(stored) if stored else keys.derived_mac_key()
        public = None
        if self._scopes.enabled:
            stored_public = self._store.meta_get(teamkeys.AUDIT_PUBLIC_META, None)
            public = bytes.fromhex(stored_public) if stored_public else None
        self._log = AuditLog(self._store, mac_key, public=public, reader=keys.extra.get(teamkeys.AUDIT_READER))

    def _mac_key(self) -> bytes:
        return self._require_log().mac_key

    def _require_log(self) -> AuditLog:
        if self._log is None:
            raise VaultLockedError()
        return self._log

    def _require_keys(self) -> Keys:
        if self._keys is None:
            raise VaultLockedError()
        return self._keys

    def users(self) -> list[VaultUser]:
        self._store.require_cipher()
        return self._keyring.users()

    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
        """Re-wrap the data key for the signed-in user; no record is re-encrypted.

        This does not revoke the old passphrase for copies made before the
        change (older backups still open with it): ``rotate_keys`` does.
        """
        if not new_passphrase:
            raise InvalidInputError("The new passphrase must not be empty.")
        keys = self._require_keys()
        params = self._new_slot_params(kdf)
        with self._store.write():
            if keys.data_key is None:  # a manager or auditor: their slot wraps their own user key
                self._keyring.set_passphrase_slot(self.user.id, keys.extra[teamkeys.USER_KEY], new_passphrase, params,
                                                  kind="member")
            else:
                self._keyring.set_passphrase_slot(self.user.id, keys.data_key, new_passphrase, params)
            self.audit("vault.passphrase_changed", target=self.user.id)

    def rotate_keys(
        self, new_passphrase: str, *, progress: Progress = NULL_PROGRESS, kdf: KdfParams | None = None
    ) -> rotation.RotationReport:
        """Revoke every old passphrase and recovery key: new data key, every record re-encrypted.

        Crash-safe (see ``rotation``). Backups and kept copies beside the vault
        are rewritten under the new key or retired. Returns the new recovery
        key (show it once) and what was done. ``new_passphrase`` may equal the
        current one to replace only the recovery key.
        """
        if not new_passphrase:
            raise InvalidInputError("The new passphrase must not be empty.")
        old = self._require_keys()
        params = self._new_slot_params(kdf)
        new, recovery, records, dropped = rotation.rotate(
            self._store, self._keyring, old=old, user_id=self.user.id, new_passphrase=new_passphrase,
            params=params, progress=progress, audit=lambda action, details: self.audit(action, details=details),
        )
        self._set_keys(new)
        # Rewrite the file so no page of it keeps a ciphertext under the old key.
        self._store.vacuum()
        rewritten, retired = self._finish_pending(progress)
        return rotation.RotationReport(recovery, records, rewritten, retired, dropped)

    def _new_slot_params(self, kdf: KdfParams | None) -> KdfParams:
        params = kdf or self._unlock_params or self.kdf_params()
        if kdf is None and not params.meets_minimum:
            params = calibrate()  # never re-wrap with weaker parameters than the minimum
        return params

    def kdf_params(self) -> KdfParams:
        """The header's default parameters (informational: it is plaintext and unauthenticated)."""
        return self._keyring.kdf_default()

    # --- locking -------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        """True once the keys are gone, and after ``close`` too: a window's background read that finishes
        after its vault was closed must see it as locked and drop its result, not fail on the closed file."""
        store = self._store
        return store is None or not store.has_cipher

    def lock(self) -> None:
        """Drop every key from memory; the file stays ours until ``close``."""
        self._store.set_cipher(None)
        self._keys = None
        self._log = None

    def unlock(self, passphrase: str, *, user: str | None = None) -> None:
        """Unlock again, as the same user or another (switching user goes through the lock screen)."""
        unlocked, counter = self._try_passphrase(passphrase, user)
        if unlocked.user_key is not None:
            keys = Keys(None, {**teamkeys.load_grants(self._store, unlocked.user_id, unlocked.user_key),
                               teamkeys.USER_KEY: unlocked.user_key})
            self._set_keys(keys)
            self.user = teamkeys.profile_user(unlocked.user_id, keys)
        else:
            keys = unlocked.keys
            if keys.data_key is not None:
                keys.extra.update(teamkeys.load_org_keys(self._store, keys.data_key))
            self._set_keys(keys)
            self.user = self._keyring.load_user(unlocked.user_id)
        self._store.reload_tables()
        self._note_failures(counter)

    def close(self, *, backup: bool = True) -> None:
        if self._store is None:
            return
        try:
            if not self.is_locked and not self.is_backup_copy:
                with contextlib.suppress(DamagedVaultError):
                    self._require_log().remember_head(self.vault_id)
            if backup and self._store.changed and not self.is_locked:
                _backup_module.backup_if_due(self)  # at most one a day; `hrdesk backup` on demand
        finally:
            self._close_quietly(checkpoint=True)

    def _close_quietly(self, *, checkpoint: bool = False) -> None:
        self.lock()
        if self._store is not None:
            if checkpoint:
                with contextlib.suppress(sqlite3.Error):
                    self._store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._store.close()
        self._store = None  # type: ignore[assignment]
        self._lock.release()

    def __enter__(self) -> "Vault":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions and records ---------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One SQLite transaction; nested calls join the outermost one."""
        self._store.require_cipher()
        with self._store.write():
            yield

    def ensure_table(self, name: str, links: Sequence[str] = ()) -> None:
        """Create a record table (id, link columns, payload) if it does not exist yet."""
        self._store.ensure_table(name, links)

    def insert(
        self, table: str, payload: Mapping[str, Any], *, links: Mapping[str, str | None] | None = None, id: str | None = None
    ) -> str:
        return self._store.insert_many(table, [(id, links or {}, payload)])[0]

    def insert_many(
        self, table: str, rows: Iterable[tuple[str | None, Mapping[str, str | None], Mapping[str, Any]]]
    ) -> list[str]:
        return self._store.insert_many(table, rows)

    def insert_new(
        self, table: str, links: Sequence[str], keys: Sequence[str],
        rows: Iterable[tuple[Sequence[str | None], Sequence[Any]]],
    ) -> list[str]:
        """Many new records of one shape, each (its links' values, its payload's values): see ``Store.insert_new``."""
        return self._store.insert_new(table, links, keys, rows)

    def update(
        self, table: str, row_id: str, payload: Mapping[str, Any], *, links: Mapping[str, str | None] | None = None
    ) -> None:
        """Update one record; an employee moved to another team takes all their records to its key."""
        if table != teamkeys.EMPLOYEES or links is None or not self._scopes.enabled:
            self._store.update(table, row_id, payload, links=links)
            return
        before = self._scopes.team_of(row_id)
        with self._store.write():
            self._store.update(table, row_id, payload, links=links)
            after = links.get("team_id")
            if before != after:
                self._scopes.forget(row_id)
                moved = teamkeys.rescope(self._store, self._scopes, tables=teamkeys.BY_EMPLOYEE,
                                         where=("employee_id", row_id))
                self.audit("employee.moved_team", target=row_id,
                           details={"from_team": before, "to_team": after, "records": moved + 1})

    def delete(self, table: str, ids: Iterable[str]) -> int:
        if table == teamkeys.EMPLOYEES:
            self._scopes.forget()
        return self._store.delete(table, ids)

    def get(self, table: str, row_id: str) -> StoredRow:
        return self._store.get(table, row_id)

    def rows(
        self,
        table: str,
        where: Mapping[str, str | None] | None = None,
        *,
        on_damaged: Callable[[DamagedVaultError], None] | None = None,
        limit: int | None = None,
    ) -> Iterator[StoredRow]:
        """Decrypt rows lazily; a damaged row raises DamagedVaultError naming it, others stay readable.

        Pass ``on_damaged`` to be told about each damaged row and receive the rest; ``limit`` for
        the first rows only.
        """
        return self._store.rows(table, where, on_damaged=on_damaged, limit=limit)

    def values(
        self, table: str, read: Callable[[bytes], Any], *, only: Callable[[list[tuple]], Iterable[tuple]] | None = None
    ) -> Iterator[tuple[tuple, Any]]:
        """``((id, *links), read(plaintext))`` of every readable row (or those ``only`` picks): bulk reading
        (see ``Store.values``)."""
        return self._store.values(table, read, only=only)

    def count(self, table: str, where: Mapping[str, str | None] | None = None) -> int:
        return self._store.count(table, where)

    def tables(self) -> dict[str, tuple[str, ...]]:
        return self._store.tables()

    def meta_get(self, key: str, default: Any = None) -> Any:
        return self._store.meta_get(key, default)

    def meta_set(self, key: str, value: Any) -> None:
        self._store.meta_set(key, value)

    def meta_delete(self, key: str) -> None:
        self._store.meta_delete(key)

    # --- audit log -----------------------------------------------------------------

    def audit(self, action: str, *, target: str = "", details: Mapping[str, Any] | None = None) -> AuditEntry:
        """Append one chained entry in the current transaction (or its own)."""
        return self._require_log().append(actor=self.user.name, action=action, target=target, details=details)

    def audit_entries(self, after: int = 0) -> list[AuditEntry]:
        """The audit log in order; ``after``: only entries newer than that sequence number."""
        return self._require_log().entries(after=after)

    def audit_entries_since(self, seq: int) -> list[AuditEntry]:
        """Entries after ``seq``; a manager (who cannot read the log) gets this session's own."""
        return self._require_log().since(seq)

    @property
    def can_read_audit_log(self) -> bool:
        """HR and auditors read the log; a manager only appends to it (entries are sealed)."""
        return self._require_log().readable

    @property
    def holds_org_key(self) -> bool:
        """Whether this user holds the org data key (HR), i.e. may read organisation-wide records."""
        return self._keys is not None and self._keys.data_key is not None

    def held_team_ids(self) -> set[str]:
        keys = self._require_keys()
        return {kid[len(teamkeys.TEAM_PREFIX):] for kid in keys.extra if kid.startswith(teamkeys.TEAM_PREFIX)}

    def verify_audit_chain(self) -> ChainReport:
        """Recompute every MAC in order and name the first entry that does not fit.

        Also reports a vault whose identity (the id its rollback anchor is kept
        under) was removed from the encrypted settings or altered in the header.
        """
        report = self._require_log().verify(self.vault_id, anchored=not self.is_backup_copy)
        problem = self.identity_problem()
        if problem and report.ok:
            return ChainReport(report.entries, None, problem)
        return report

    @property
    def vault_id(self) -> str:
        """The authenticated id (from the encrypted settings), falling back to the header for old vaults."""
        stored = self.meta_get("vault_id", None)
        if stored:
            return str(stored)
        return self._store.header().get("vault_id", "")

    @property
    def is_backup_copy(self) -> bool:
        """A file in a ``NAME.backups`` folder: opened to inspect or test a backup, not as the vault.

        Its (older) audit head is never remembered as the vault's newest one, which
        would make the vault itself look rolled back after a restore.
        """
        return self.path.parent.name.endswith(".backups")

    def identity_problem(self) -> str:
        """Why this vault's identity cannot be trusted, or "" when it can."""
        try:
            stored = self.meta_get("vault_id", None)
        except DamagedVaultError:
            return "the vault's identity record was altered: the rollback check cannot be trusted"
        if not stored:
            return ("the vault's identity record was removed from its encrypted settings: "
                    "the rollback check cannot be trusted (an older copy may have been put back)")
        if self._store.header().get("vault_id") != stored:
            return "the vault id in the file header was altered (it differs from the authenticated one)"
        return ""

    def damaged_records(self) -> list[tuple[str, str]]:
        """Every (table, id) in the file whose payload fails authentication: records, users, settings.

        Tables the vault's lists no longer name are checked too; the rest stay usable.
        """
        return self._store.damaged_ciphertexts()

    def structure_problems(self) -> list[str]:
        """Damaged database pages (SQLite's quick_check of the whole file: the open checks only the
        header), tables that are not the vault's, a table list that was altered, key-slot copies that differ."""
        return self._store.page_problems() + self._store.table_problems() + self._store.copy_problems()

    # --- facts and maintenance ------------------------------------------------------

    def facts(self) -> VaultFacts:
        header = self._store.header()
        return VaultFacts(
            path=self.path,
            org_name=self.org_name,
            vault_id=header.get("vault_id", ""),
            schema_version=int(header.get("schema_version", 0)),
            created_with=header.get("created_with", ""),
            size_bytes=self.path.stat().st_size,
            kdf=self.kdf_params(),
            tables={name: self.count(name) for name in sorted(self._store.tables())},
        )

    def vacuum(self) -> None:
        """Rewrite the file so freed pages (and their old ciphertext) are gone from disk."""
        self._store.vacuum()

    def backup_to(self, target: Path) -> None:
        """Copy a consistent snapshot with SQLite's online backup API."""
        self._store.backup_to(target)

    @property
    def db(self) -> "sqlite_utils.Database":
        """sqlite-utils over the vault's own connection, for migrations and maintenance."""
        return self._store.db

    @property
    def connection(self) -> sqlite3.Connection:
        """For benchmarks and migrations only; records go through the methods above."""
        return self._store.conn


_backup_module = backup
