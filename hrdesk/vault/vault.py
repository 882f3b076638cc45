"""The Vault: one encrypted SQLite file per organisation.

Tables hold only opaque random ids, the link columns between them, and an
AES-GCM payload. Every write runs in a transaction together with its audit
entry, so the record and the note that it changed land or vanish together.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

from hrdesk import __version__
from hrdesk.errors import (
    DamagedVaultError,
    InvalidInputError,
    NewerVaultVersionError,
    NotAVaultError,
    RecordNotFoundError,
    VaultLockedError,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from hrdesk.vault import anchor, auditlog, connection, keyslots, schema
from hrdesk.vault.auditlog import AuditEntry, ChainReport
from hrdesk.vault.cipher import DecryptionFailed, RecordCipher, associated_data
from hrdesk.vault.kdf import KdfParams, calibrate
from hrdesk.vault.lockfile import ProcessLock

log = logging.getLogger("hrdesk.vault")

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
_RESERVED = {"users", "keyslots", "vault_meta", "audit_log", "record_tables", "hrdesk_header"}


@dataclass(frozen=True)
class VaultUser:
    id: str
    name: str
    role: str


@dataclass(frozen=True)
class StoredRow:
    id: str
    links: dict[str, str | None]
    payload: dict[str, Any]


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


def new_id() -> str:
    return secrets.token_hex(8)


def _check_name(name: str) -> None:
    if not _NAME_RE.match(name):
        raise InvalidInputError(f"'{name}' is not a valid table or column name.")


class Vault:
    """An open, unlocked vault. Create with ``Vault.create`` or ``Vault.open``."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: ProcessLock) -> None:
        self.path = path
        self._conn = conn
        self._lock = lock
        self._io = threading.RLock()
        self._depth = 0
        self._cipher: RecordCipher | None = None
        self._mac_key: bytes | None = None
        self._data_key: bytes | None = None
        self._links: dict[str, tuple[str, ...]] = {}
        self.user: VaultUser = VaultUser("", "", "")
        self.org_name = ""
        self._changed = False
        self._opened_version = schema.SCHEMA_VERSION
        self._unlock_params: KdfParams | None = None

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
        """Create a new vault; returns it open, and the recovery key to show once."""
        path = Path(path)
        if not path.parent.is_dir():
            raise InvalidInputError(f"The folder '{path.parent}' does not exist.", hint="Create it first, or choose another place.")
        if path.exists():
            raise InvalidInputError(f"'{path}' already exists.", hint="Choose a new file name, or open the existing vault.")
        if not passphrase:
            raise InvalidInputError("The passphrase must not be empty.")
        if not org_name.strip() or not admin_name.strip():
            raise InvalidInputError("The organisation name and your name are both needed.")
        params = kdf or calibrate()
        lock = ProcessLock(path)
        lock.acquire()
        try:
            conn = connection.connect(path)
            connection.apply_pragmas(conn)
            os.chmod(path, 0o600)  # HR data: readable by its owner only
            vault = cls(path, conn, lock)
            recovery = vault._initialise(org_name.strip(), admin_name.strip(), passphrase, params)
        except BaseException:
            lock.release()
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}.lock")):
                leftover.unlink(missing_ok=True)
            raise
        return vault, recovery

    def _initialise(self, org_name: str, admin_name: str, passphrase: str, params: KdfParams) -> str:
        data_key = secrets.token_bytes(32)
        recovery_text, recovery_secret = keyslots.new_recovery_key()
        admin = VaultUser(new_id(), admin_name, "admin")
        with self._write():
            self._conn.execute("CREATE TABLE hrdesk_header (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            header = {
                "magic": schema.MAGIC,
                "schema_version": str(schema.SCHEMA_VERSION),
                "vault_id": str(uuid.uuid4()),
                "created_with": __version__,
                "kdf_default": json.dumps(params.to_dict()),
            }
            self._conn.executemany("INSERT INTO hrdesk_header VALUES (?, ?)", header.items())
            for _version, _name, migrate in schema.MIGRATIONS:
                migrate(self._conn)
            self._set_keys(data_key)
            self._store_user(admin)
            self._store_passphrase_slot(admin.id, data_key, passphrase, params)
            self._store_recovery_slot(data_key, recovery_secret)
            self.user = admin
            self.org_name = org_name
            self.meta_set("org_name", org_name)
            self.meta_set("vault_id", header["vault_id"])  # authenticated copy, for the audit anchor
            self.audit("vault.created", target=org_name, details={"schema_version": schema.SCHEMA_VERSION})
        return recovery_text

    @classmethod
    def open(cls, path: Path | str, passphrase: str) -> "Vault":
        vault = cls._open_file(Path(path))
        try:
            vault._unlock_with_passphrase(passphrase)
            vault._after_unlock()
        except BaseException:
            vault._close_quietly()
            raise
        return vault

    @classmethod
    def open_with_recovery(cls, path: Path | str, recovery_key: str) -> "Vault":
        """Open with the recovery key as the first administrator, to set a new passphrase."""
        vault = cls._open_file(Path(path))
        try:
            vault._unlock_with_recovery(recovery_key)
            vault._after_unlock()
            with vault._write():
                vault.audit("vault.opened_with_recovery_key")
        except BaseException:
            vault._close_quietly()
            raise
        return vault

    @classmethod
    def _open_file(cls, path: Path) -> "Vault":
        if not path.is_file():
            raise InvalidInputError(f"There is no vault at '{path}'.", hint="Check the path or create a new vault.")
        lock = ProcessLock(path)
        lock.acquire()
        conn = None
        try:
            conn = connection.connect(path)
            with connection.sqlite_errors(path):
                version = _read_header_version(conn, path)
                if version > schema.SCHEMA_VERSION:
                    raise NewerVaultVersionError(version, schema.SCHEMA_VERSION)
                _quick_check(conn)
                connection.apply_pragmas(conn)
            vault = cls(path, conn, lock)
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
        with self._write():
            for version, name, migrate in steps:
                log.info("migrating vault to schema %s (%s)", version, name)
                migrate(self._conn)
            self._conn.execute(
                "UPDATE hrdesk_header SET value=? WHERE key='schema_version'", (str(schema.SCHEMA_VERSION),)
            )
            self.audit("vault.migrated", details={"from": current, "to": schema.SCHEMA_VERSION})

    def _after_unlock(self) -> None:
        """Runs once the passphrase is proven: only then may the file be migrated."""
        self._migrate(self._opened_version)
        self.org_name = str(self.meta_get("org_name", ""))
        self._reload_tables()

    def _reload_tables(self) -> None:
        with self._io, connection.sqlite_errors(self.path, "record_tables"):
            rows = self._conn.execute("SELECT name, links FROM record_tables").fetchall()
        try:
            self._links = {name: tuple(json.loads(links)) for name, links in rows}
        except (ValueError, TypeError):
            raise DamagedVaultError("the list of record tables is unreadable", table="record_tables") from None

    # --- keys, users and passphrases --------------------------------------

    def _set_keys(self, data_key: bytes) -> None:
        self._data_key = data_key
        self._cipher = RecordCipher({"dk": data_key})
        self._mac_key = hmac.new(data_key, b"hrdesk audit chain", hashlib.sha256).digest()

    def _require_cipher(self) -> RecordCipher:
        if self._cipher is None:
            raise VaultLockedError()
        return self._cipher

    def _slot_aad(self, slot_id: str, kind: str) -> bytes:
        return f"keyslot\x1f{slot_id}\x1f{kind}".encode()

    def _store_passphrase_slot(self, user_id: str, data_key: bytes, passphrase: str, params: KdfParams) -> None:
        self._conn.execute("DELETE FROM keyslots WHERE user_id=? AND kind='passphrase'", (user_id,))
        slot_id = new_id()
        wrapped = keyslots.wrap_with_passphrase(data_key, passphrase, params, self._slot_aad(slot_id, "passphrase"))
        self._conn.execute(
            "INSERT INTO keyslots VALUES (?, ?, 'passphrase', ?, ?, ?, ?)",
            (slot_id, user_id, json.dumps(params.to_dict()), wrapped.salt, wrapped.nonce, wrapped.ciphertext),
        )

    def _store_recovery_slot(self, data_key: bytes, secret: bytes) -> None:
        slot_id = new_id()
        wrapped = keyslots.wrap_with_recovery(data_key, secret, self._slot_aad(slot_id, "recovery"))
        self._conn.execute(
            "INSERT INTO keyslots VALUES (?, NULL, 'recovery', '{}', ?, ?, ?)",
            (slot_id, wrapped.salt, wrapped.nonce, wrapped.ciphertext),
        )

    def _slots(self, kind: str) -> list[tuple[str, str | None, dict, keyslots.WrappedKey]]:
        with connection.sqlite_errors(self.path, "keyslots"):
            rows = self._conn.execute(
                "SELECT id, user_id, kdf, salt, nonce, wrapped FROM keyslots WHERE kind=?", (kind,)
            ).fetchall()
        try:
            slots = [(r[0], r[1], json.loads(r[2]), keyslots.WrappedKey(r[3], r[4], r[5])) for r in rows]
        except (ValueError, TypeError):
            raise DamagedVaultError("a key slot is unreadable", table="keyslots") from None
        if any(not isinstance(w.nonce, bytes) or len(w.nonce) != keyslots.NONCE_BYTES for *_rest, w in slots):
            raise DamagedVaultError("a key slot is malformed", table="keyslots")
        return slots

    def _unlock_with_passphrase(self, passphrase: str) -> None:
        for slot_id, user_id, kdf, wrapped in self._slots("passphrase"):
            params = _slot_params(kdf)
            try:
                key = keyslots.unwrap_with_passphrase(wrapped, passphrase, params, self._slot_aad(slot_id, "passphrase"))
            except keyslots.UnwrapFailed:
                continue
            self._set_keys(key)
            # These parameters just proved themselves; the plaintext header's could have been lowered.
            self._unlock_params = params
            self.user = self._load_user(user_id or "")
            return
        raise WrongPassphraseError()

    def _unlock_with_recovery(self, recovery_key: str) -> None:
        secret = keyslots.parse_recovery_key(recovery_key)
        if secret is None:
            raise WrongRecoveryKeyError()
        for slot_id, _user, _kdf, wrapped in self._slots("recovery"):
            try:
                key = keyslots.unwrap_with_recovery(wrapped, secret, self._slot_aad(slot_id, "recovery"))
            except keyslots.UnwrapFailed:
                continue
            self._set_keys(key)
            admins = [u for u in self.users() if u.role == "admin"]
            self.user = admins[0]
            return
        raise WrongRecoveryKeyError()

    def _store_user(self, user: VaultUser) -> None:
        blob = self._require_cipher().encrypt_json({"name": user.name, "role": user.role}, associated_data("users", user.id))
        self._conn.execute("INSERT OR REPLACE INTO users VALUES (?, ?)", (user.id, blob))

    def _load_user(self, user_id: str) -> VaultUser:
        with self._io, connection.sqlite_errors(self.path, "users"):
            row = self._conn.execute("SELECT payload FROM users WHERE id=?", (user_id,)).fetchone()
        if row is None:
            raise DamagedVaultError("the user of this passphrase is missing", table="users", record_id=user_id)
        data = self._decrypt("users", user_id, row[0], {})
        return VaultUser(user_id, data["name"], data["role"])

    def users(self) -> list[VaultUser]:
        with self._io, connection.sqlite_errors(self.path, "users"):
            rows = self._conn.execute("SELECT id, payload FROM users").fetchall()
        return [VaultUser(uid, d["name"], d["role"]) for uid, blob in rows for d in [self._decrypt("users", uid, blob, {})]]

    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
        """Re-wrap the data key for the signed-in user; no record is re-encrypted."""
        if not new_passphrase:
            raise InvalidInputError("The new passphrase must not be empty.")
        self._require_cipher()
        params = kdf or self._unlock_params or self.kdf_params()
        if kdf is None and not params.meets_minimum:
            params = calibrate()  # never re-wrap with weaker parameters than the minimum
        with self._write():
            self._store_passphrase_slot(self.user.id, self._data_key or b"", new_passphrase, params)
            self.audit("vault.passphrase_changed", target=self.user.id)

    def kdf_params(self) -> KdfParams:
        """The header's default parameters (informational: it is plaintext and unauthenticated)."""
        with self._io, connection.sqlite_errors(self.path, "hrdesk_header"):
            row = self._conn.execute("SELECT value FROM hrdesk_header WHERE key='kdf_default'").fetchone()
        try:
            return KdfParams.from_dict(json.loads(row[0])) if row else KdfParams()
        except (ValueError, TypeError, KeyError):
            raise DamagedVaultError("the key-derivation settings in the header are unreadable", table="hrdesk_header") from None

    # --- locking -------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self._cipher is None

    def lock(self) -> None:
        """Drop every key from memory; the file stays ours until ``close``."""
        self._cipher = None
        self._mac_key = None
        self._data_key = None

    def unlock(self, passphrase: str) -> None:
        self._unlock_with_passphrase(passphrase)
        self._reload_tables()

    def close(self, *, backup: bool = True) -> None:
        if self._conn is None:
            return
        try:
            if not self.is_locked:
                with contextlib.suppress(DamagedVaultError):
                    self._remember_head()
            if backup and self._changed and not self.is_locked:
                from hrdesk.vault.backup import make_backup

                make_backup(self)
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self._close_quietly()

    def _close_quietly(self) -> None:
        self.lock()
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
        self._conn = None  # type: ignore[assignment]
        self._lock.release()

    def __enter__(self) -> "Vault":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions ----------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One SQLite transaction; nested calls join the outermost one."""
        self._require_cipher()
        with self._write():
            yield

    @contextlib.contextmanager
    def _write(self) -> Iterator[None]:
        with self._io:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            with connection.sqlite_errors(self.path):
                self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield
            except BaseException:
                self._depth = 0
                self._rollback()
                raise
            self._depth = 0
            try:
                with connection.sqlite_errors(self.path):
                    self._conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
            self._changed = True

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute("ROLLBACK")
        # A table created inside the rolled-back transaction is gone again: forget it too.
        with contextlib.suppress(sqlite3.Error, DamagedVaultError):
            self._reload_tables()

    # --- record tables -------------------------------------------------------

    def ensure_table(self, name: str, links: Sequence[str] = ()) -> None:
        """Create a record table (id, link columns, payload) if it does not exist yet."""
        self._require_cipher()
        _check_name(name)
        if name in _RESERVED:
            raise InvalidInputError(f"'{name}' is reserved by the vault.")
        for link in links:
            _check_name(link)
        links = tuple(links)
        known = self._links.get(name)
        if known is not None:
            if known != links:
                raise InvalidInputError(f"Table '{name}' already exists with links {known}, not {links}.")
            return
        with self._write():
            table = self.db[name]
            columns: dict[str, type] = {"id": str, **{link: str for link in links}, "payload": bytes}
            table.create(columns, pk="id", not_null={"payload"}, if_not_exists=True)
            for link in links:
                table.create_index([link], index_name=f"idx_{name}_{link}", if_not_exists=True)
            self._conn.execute("INSERT OR REPLACE INTO record_tables VALUES (?, ?)", (name, json.dumps(links)))
        self._links[name] = links

    def _table_links(self, table: str) -> tuple[str, ...]:
        try:
            return self._links[table]
        except KeyError:
            raise InvalidInputError(f"The vault has no table '{table}'.") from None

    def _link_values(self, table: str, links: Mapping[str, str | None] | None) -> dict[str, str | None]:
        names = self._table_links(table)
        given = dict(links or {})
        unknown = set(given) - set(names)
        if unknown:
            raise InvalidInputError(f"Table '{table}' has no link(s) {sorted(unknown)}.")
        return {name: given.get(name) for name in names}

    def _encrypt(self, table: str, row_id: str, payload: Mapping[str, Any], links: Mapping[str, str | None]) -> bytes:
        return self._require_cipher().encrypt_json(dict(payload), associated_data(table, row_id, links))

    def _decrypt(self, table: str, row_id: str, blob: bytes, links: Mapping[str, str | None]) -> dict[str, Any]:
        try:
            return self._require_cipher().decrypt_json(blob, associated_data(table, row_id, links))  # type: ignore[return-value]
        except DecryptionFailed:
            raise DamagedVaultError(
                "this record was altered or moved and fails its integrity check", table=table, record_id=row_id
            ) from None

    def insert(
        self, table: str, payload: Mapping[str, Any], *, links: Mapping[str, str | None] | None = None, id: str | None = None
    ) -> str:
        return self.insert_many(table, [(id, links or {}, payload)])[0]

    def insert_many(
        self, table: str, rows: Iterable[tuple[str | None, Mapping[str, str | None], Mapping[str, Any]]]
    ) -> list[str]:
        names = self._table_links(table)
        ids: list[str] = []
        params = []
        for row_id, links, payload in rows:
            row_id = row_id or new_id()
            values = self._link_values(table, links)
            ids.append(row_id)
            params.append((row_id, *values.values(), self._encrypt(table, row_id, payload, values)))
        marks = ", ".join("?" * (len(names) + 2))
        with self._write(), connection.sqlite_errors(self.path, table):
            self._conn.executemany(f"INSERT INTO {table} VALUES ({marks})", params)
        return ids

    def update(
        self, table: str, row_id: str, payload: Mapping[str, Any], *, links: Mapping[str, str | None] | None = None
    ) -> None:
        values = self._link_values(table, links) if links is not None else self.get(table, row_id).links
        sets = "".join(f", {name}=?" for name in values)
        blob = self._encrypt(table, row_id, payload, values)
        with self._write(), connection.sqlite_errors(self.path, table):
            cur = self._conn.execute(f"UPDATE {table} SET payload=?{sets} WHERE id=?", (blob, *values.values(), row_id))
            if cur.rowcount == 0:
                raise RecordNotFoundError(f"No record {row_id} in {table}.")

    def delete(self, table: str, ids: Iterable[str]) -> int:
        self._require_cipher()
        self._table_links(table)
        with self._write(), connection.sqlite_errors(self.path, table):
            cur = self._conn.executemany(f"DELETE FROM {table} WHERE id=?", ((i,) for i in ids))
        return cur.rowcount

    def get(self, table: str, row_id: str) -> StoredRow:
        names = self._table_links(table)
        cols = "".join(f", {n}" for n in names)
        with self._io, connection.sqlite_errors(self.path, table):
            row = self._conn.execute(f"SELECT id{cols}, payload FROM {table} WHERE id=?", (row_id,)).fetchone()
        if row is None:
            raise RecordNotFoundError(f"No record {row_id} in {table}.")
        return self._row(table, names, row)

    def _row(self, table: str, names: tuple[str, ...], row: tuple) -> StoredRow:
        links = dict(zip(names, row[1:-1]))
        return StoredRow(row[0], links, self._decrypt(table, row[0], row[-1], links))

    def rows(self, table: str, where: Mapping[str, str | None] | None = None) -> Iterator[StoredRow]:
        """Decrypt rows lazily; a damaged row raises DamagedVaultError naming it, others stay readable."""
        names = self._table_links(table)
        sql, args = self._select(table, names, where)
        with self._io, connection.sqlite_errors(self.path, table):
            fetched = self._conn.execute(sql, args).fetchall()
        for row in fetched:
            yield self._row(table, names, row)

    def _select(self, table: str, names: tuple[str, ...], where: Mapping[str, str | None] | None) -> tuple[str, list]:
        cols = "".join(f", {n}" for n in names)
        sql = f"SELECT id{cols}, payload FROM {table}"
        clauses, args = self._where(table, names, where)
        return sql + clauses + " ORDER BY rowid", args

    def _where(self, table: str, names: tuple[str, ...], where: Mapping[str, str | None] | None) -> tuple[str, list]:
        if not where:
            return "", []
        unknown = set(where) - set(names)
        if unknown:
            raise InvalidInputError(f"Table '{table}' has no link(s) {sorted(unknown)}.")
        parts = [f"{k} IS ?" for k in where]
        return " WHERE " + " AND ".join(parts), list(where.values())

    def count(self, table: str, where: Mapping[str, str | None] | None = None) -> int:
        names = self._table_links(table)
        clauses, args = self._where(table, names, where)
        with self._io, connection.sqlite_errors(self.path, table):
            return int(self._conn.execute(f"SELECT COUNT(*) FROM {table}{clauses}", args).fetchone()[0])

    def tables(self) -> dict[str, tuple[str, ...]]:
        return dict(self._links)

    # --- small encrypted settings ------------------------------------------------

    def meta_get(self, key: str, default: Any = None) -> Any:
        with self._io, connection.sqlite_errors(self.path, "vault_meta"):
            row = self._conn.execute("SELECT payload FROM vault_meta WHERE key=?", (key,)).fetchone()
        if row is None:
            return default
        return self._decrypt("vault_meta", key, row[0], {})["value"]

    def meta_set(self, key: str, value: Any) -> None:
        blob = self._encrypt("vault_meta", key, {"value": value}, {})
        with self._write(), connection.sqlite_errors(self.path, "vault_meta"):
            self._conn.execute("INSERT OR REPLACE INTO vault_meta VALUES (?, ?)", (key, blob))

    # --- audit log -----------------------------------------------------------------

    def audit(self, action: str, *, target: str = "", details: Mapping[str, Any] | None = None) -> AuditEntry:
        """Append one chained entry in the current transaction (or its own)."""
        with self._write():
            head = self.meta_get("audit_head", None)
            if head is None:
                if self._conn.execute("SELECT 1 FROM audit_log LIMIT 1").fetchone():
                    raise DamagedVaultError("the audit log's head record is missing", table="vault_meta")
                head = {"seq": 0, "mac": auditlog.GENESIS}
            entry = AuditEntry(
                seq=head["seq"] + 1,
                time=auditlog.now_iso(),
                actor=self.user.name,
                action=action,
                target=target,
                details=dict(details or {}),
                prev=head["mac"],
            )
            mac = auditlog.entry_mac(self._mac_key or b"", entry)
            blob = self._require_cipher().encrypt_json(entry.to_dict(), auditlog.audit_aad(entry.seq))
            with connection.sqlite_errors(self.path, "audit_log"):
                self._conn.execute("INSERT INTO audit_log VALUES (?, ?, ?)", (entry.seq, mac, blob))
            self.meta_set("audit_head", {"seq": entry.seq, "mac": mac})
        return entry

    def audit_entries(self) -> list[AuditEntry]:
        with self._io, connection.sqlite_errors(self.path, "audit_log"):
            rows = self._conn.execute("SELECT seq, payload FROM audit_log ORDER BY seq").fetchall()
        entries = []
        for seq, blob in rows:
            try:
                entries.append(AuditEntry.from_dict(self._require_cipher().decrypt_json(blob, auditlog.audit_aad(seq))))  # type: ignore[arg-type]
            except DecryptionFailed:
                raise DamagedVaultError("an audit log entry fails its integrity check", table="audit_log", record_id=str(seq)) from None
        return entries

    def verify_audit_chain(self) -> ChainReport:
        """Recompute every MAC in order and name the first entry that does not fit."""
        cipher = self._require_cipher()
        with self._io, connection.sqlite_errors(self.path, "audit_log"):
            rows = self._conn.execute("SELECT seq, mac, payload FROM audit_log ORDER BY seq").fetchall()
        prev = auditlog.GENESIS
        for expected, (seq, mac, blob) in enumerate(rows, start=1):
            if seq != expected:
                return ChainReport(len(rows), expected, f"entry #{expected} is missing (next found is #{seq})")
            try:
                entry = AuditEntry.from_dict(cipher.decrypt_json(blob, auditlog.audit_aad(seq)))  # type: ignore[arg-type]
            except (DecryptionFailed, KeyError, TypeError):
                return ChainReport(len(rows), seq, "its content was altered (decryption failed)")
            if entry.prev != prev or entry.seq != seq:
                return ChainReport(len(rows), seq, "it does not link to the entry before it")
            if not hmac.compare_digest(auditlog.entry_mac(self._mac_key or b"", entry), mac):
                return ChainReport(len(rows), seq, "its hash does not match its content")
            prev = mac
        try:
            head = self.meta_get("audit_head", None)
        except DamagedVaultError:
            return ChainReport(len(rows), None, "the chain head record was altered")
        if head is None or not rows:
            # Creating a vault writes entry #1, so an empty log or a missing head is never legitimate.
            return ChainReport(len(rows), 1, "the audit log or its head was erased")
        if head["seq"] != len(rows) or head["mac"] != prev:
            return ChainReport(len(rows), len(rows) + 1, f"entries after #{len(rows)} were removed (log should end at #{head['seq']})")
        return self._check_anchor([mac for _seq, mac, _blob in rows])

    def _check_anchor(self, macs: list[str]) -> ChainReport:
        """Compare with the furthest head this computer has seen (see ``anchor``), then move it on."""
        vault_id = self.vault_id
        known = anchor.load(vault_id)
        if known is not None and known.seq > len(macs):
            return ChainReport(
                len(macs), len(macs) + 1,
                f"the log ends at #{len(macs)}, but this computer saw it reach #{known.seq} on {known.seen[:10]}: "
                "entries were removed or an older copy of the vault was put back",
            )
        if known is not None and macs[known.seq - 1] != known.mac:
            return ChainReport(len(macs), known.seq, "it is not the entry this computer saw at that position")
        anchor.remember(vault_id, len(macs), macs[-1])
        return ChainReport(len(macs))

    @property
    def vault_id(self) -> str:
        """The authenticated id (from the encrypted settings), falling back to the header for old vaults."""
        stored = self.meta_get("vault_id", None)
        if stored:
            return str(stored)
        with self._io, connection.sqlite_errors(self.path, "hrdesk_header"):
            row = self._conn.execute("SELECT value FROM hrdesk_header WHERE key='vault_id'").fetchone()
        return row[0] if row else ""

    def _remember_head(self) -> None:
        head = self.meta_get("audit_head", None)
        if head:
            anchor.remember(self.vault_id, int(head["seq"]), str(head["mac"]))

    def damaged_records(self) -> list[tuple[str, str]]:
        """Every (table, id) whose payload fails authentication; the rest stay usable."""
        damaged = []
        for table, names in sorted(self._links.items()):
            cols = "".join(f", {n}" for n in names)
            with self._io, connection.sqlite_errors(self.path, table):
                fetched = self._conn.execute(f"SELECT id{cols}, payload FROM {table}").fetchall()
            for row in fetched:
                try:
                    self._row(table, names, row)
                except DamagedVaultError:
                    damaged.append((table, row[0]))
        return damaged

    # --- facts and maintenance ------------------------------------------------------

    def facts(self) -> VaultFacts:
        with self._io, connection.sqlite_errors(self.path, "hrdesk_header"):
            header = dict(self._conn.execute("SELECT key, value FROM hrdesk_header").fetchall())
        return VaultFacts(
            path=self.path,
            org_name=self.org_name,
            vault_id=header.get("vault_id", ""),
            schema_version=int(header.get("schema_version", 0)),
            created_with=header.get("created_with", ""),
            size_bytes=self.path.stat().st_size,
            kdf=self.kdf_params(),
            tables={name: self.count(name) for name in sorted(self._links)},
        )

    def vacuum(self) -> None:
        """Rewrite the file so freed pages (and their old ciphertext) are gone from disk."""
        with self._io, connection.sqlite_errors(self.path):
            self._conn.execute("VACUUM")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def backup_to(self, target: Path) -> None:
        """Copy a consistent snapshot with SQLite's online backup API."""
        with self._io, connection.sqlite_errors(self.path):
            dest = sqlite3.connect(str(target))
            try:
                self._conn.backup(dest)
                # A standalone copy: no -wal/-shm side files to lose when it is moved.
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()

    @property
    def db(self) -> "sqlite_utils.Database":
        """sqlite-utils over the vault's own connection, for migrations and maintenance.

        Imported on first use: sqlite-utils pulls in pandas, which would cost
        start-up time on every launch.
        """
        import sqlite_utils

        return sqlite_utils.Database(self._conn)

    @property
    def connection(self) -> sqlite3.Connection:
        """For benchmarks and migrations only; records go through the methods above."""
        return self._conn


def _slot_params(kdf: dict) -> KdfParams:
    try:
        params = KdfParams.from_dict(kdf)
    except (KeyError, ValueError, TypeError):
        raise DamagedVaultError("a key slot's settings are unreadable", table="keyslots") from None
    if not params.is_plausible:
        raise DamagedVaultError("a key slot's settings are out of range", table="keyslots")
    return params


def _read_header_version(conn: sqlite3.Connection, path: Path) -> int:
    try:
        rows = dict(conn.execute("SELECT key, value FROM hrdesk_header").fetchall())
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            raise NotAVaultError(str(path)) from None
        raise
    if rows.get("magic") != schema.MAGIC:
        raise NotAVaultError(str(path))
    try:
        return int(rows["schema_version"])
    except (KeyError, ValueError):
        raise DamagedVaultError("the file header has no valid format version", table="hrdesk_header") from None


def _quick_check(conn: sqlite3.Connection) -> None:
    result = conn.execute("PRAGMA quick_check").fetchall()
    if result != [("ok",)]:
        raise DamagedVaultError("the database file is corrupt or truncated (" + "; ".join(r[0] for r in result[:3]) + ")")
