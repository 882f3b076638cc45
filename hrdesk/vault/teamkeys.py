"""Team keys: which key each record is written under, who holds which key, and re-keying.

Keys (``kid`` in every ciphertext's header):

- ``dk`` the org data key (HR only; unwrapped by HR's passphrase and the recovery key):
  users, protected attributes, letters, most settings, the other keys (``vault_keys``);
- ``t-<team id>`` one per team: the team row, its employees, and their ratings, goals,
  feedback, check-ins and consents (an employee's records follow the employee's team);
- ``sh`` shared: what every user needs of org data (org name, rating scales, purposes,
  review cycles, the table list, the audit head and public key);
- ``gv`` governance: sign-offs, the decision register, saved audit runs (HR, auditors);
- ``chain`` the audit chain's MAC key (everyone), ``al`` the audit log's private
  reading key (HR, auditors).

HR's keys are in ``vault_keys`` under the data key. A manager or auditor has a
random *user key* wrapped by their passphrase (a ``member`` key slot); each key
they may hold is wrapped under it in ``key_grants``, with their profile (name,
role). HR keeps each user key under the data key (``u-<user id>`` in
``vault_keys``) so it can grant a new team's key, or reset a passphrase.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from hrdesk.errors import DamagedVaultError, PermissionDeniedError
from hrdesk.vault import encoding, schema
from hrdesk.vault.cipher import DecryptionFailed, RecordCipher, associated_data, kid_of
from hrdesk.vault.keyring import NOT_RECORD_KEYS, Keys, VaultUser
from hrdesk.vault.store import KEY_COLUMN, Store, aad_builder, id_text

ORG, SHARED, GOVERNANCE, CHAIN, AUDIT_READER, PROFILE = "dk", "sh", "gv", "chain", "al", "profile"
USER_KEY = "uk"  # a member's own user key, kept in memory for changing their passphrase
TEAM_PREFIX = "t-"
ESCROW_PREFIX = "u-"
AUDIT_PUBLIC_META = "audit_public"

EMPLOYEES, TEAMS = "employees", "teams"
BY_EMPLOYEE = ("ratings", "goals", "feedback", "wellbeing_checkins", "consents",
               "reviews", "review_decisions")  # review sessions: under the team key, so the manager writes them
TEAM_TABLES = (TEAMS, EMPLOYEES, *BY_EMPLOYEE)
# Managers' AI-literacy training (a manager records their own quiz; the gate reads it in their session): shared.
SHARED_TABLES = ("review_cycles", "governance_training")
GOVERNANCE_TABLES = ("audit_runs", "governance_signoffs", "monitoring_runs", "monitoring_alerts", "monitoring_surveys")
# "governance.state" (and the older "governance.signoffs") decides whether suggestions are live, which every
# screen states: shared.
# A manager's review page scores their own team: the suggestion models, the decision register (which decisions
# AI may inform; employees are told it anyway) and "demo" (the demo's "today", which dates the features): shared.
SHARED_META = frozenset({"org_name", "vault_id", "audit_head", "record_tables", "rating_scales",
                         "records.active_purposes", "governance.signoffs", "governance.state", AUDIT_PUBLIC_META, "demo",
                         "governance.decision_register"})
SHARED_META_PREFIXES = ("suggest.model.",)
GOVERNANCE_META_PREFIX = "governance."

TABLES = ("vault_keys", "key_grants", "logins")
_CREATE = (
    "CREATE TABLE IF NOT EXISTS vault_keys (id TEXT PRIMARY KEY, payload BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS key_grants (user_id TEXT NOT NULL, kid TEXT NOT NULL, nonce BLOB NOT NULL, "
    "wrapped BLOB NOT NULL, PRIMARY KEY (user_id, kid))",
    "CREATE TABLE IF NOT EXISTS logins (user_id TEXT PRIMARY KEY, tag TEXT NOT NULL UNIQUE)",
)

MANAGER_KIDS = (SHARED, CHAIN)
AUDITOR_KIDS = (SHARED, CHAIN, GOVERNANCE, AUDIT_READER)


def team_kid(team_id: str) -> str:
    return TEAM_PREFIX + team_id


def meta_kid(key: str) -> str:
    if key in SHARED_META or key.startswith(SHARED_META_PREFIXES):
        return SHARED
    if key.startswith(GOVERNANCE_META_PREFIX):
        return GOVERNANCE
    return ORG


def create_tables(conn: sqlite3.Connection) -> None:
    for statement in _CREATE:
        conn.execute(statement)


def has_team_keys(store: Store) -> bool:
    with store.io:
        return store.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='vault_keys'").fetchone() is not None


class KeyScopes:
    """Picks the key a record is written under, and makes a new team's key when HR first needs it.

    Keys made or replaced inside a transaction are forgotten again if it rolls
    back (the store calls ``rolled_back``), so nothing is ever encrypted under a
    key the file does not keep.
    """

    #: Tables whose records follow their employee's team key (the store narrows a manager's reads by them).
    employee_tables = frozenset(BY_EMPLOYEE)

    def __init__(self, store: Store) -> None:
        self.store = store
        self.keys: Keys | None = None
        self.enabled = False
        self._team_of: dict[str, str | None] = {}
        self._undo: list[tuple[str, bytes | None]] = []

    # --- which key ----------------------------------------------------------------------

    def kid_for(self, table: str, row_id: str, links: Mapping[str, str | None]) -> str:
        if not self.enabled:
            return ORG
        if table in ("vault_meta", "vault_meta_copy"):
            return meta_kid(row_id)
        if table == TEAMS:
            return team_kid(row_id)
        if table == EMPLOYEES:
            team = links.get("team_id")
            return team_kid(team) if team else ORG
        if table in BY_EMPLOYEE:
            team = self.team_of(links.get("employee_id"))
            return team_kid(team) if team else ORG
        if table in SHARED_TABLES:
            return SHARED
        if table in GOVERNANCE_TABLES:
            return GOVERNANCE
        return ORG

    def team_of(self, employee_id: str | None) -> str | None:
        if not employee_id:
            return None
        if employee_id not in self._team_of:
            try:
                with self.store.io:
                    row = self.store.conn.execute("SELECT team_id FROM employees WHERE id=?",
                                                  (self.store.stored(employee_id),)).fetchone()
            except sqlite3.OperationalError:
                row = None
            self._team_of[employee_id] = id_text(row[0]) if row and row[0] is not None else None
        return self._team_of[employee_id]

    def forget(self, employee_id: str | None = None) -> None:
        """The employee (or all) moved or was deleted: look their team up again."""
        if employee_id is None:
            self._team_of.clear()
        else:
            self._team_of.pop(employee_id, None)

    # --- making and replacing keys ------------------------------------------------------------

    def ensure_key(self, kid: str) -> None:
        """Before encrypting under ``kid``: HR makes a new team's key; anyone else without it is refused."""
        cipher = self.store.require_cipher()
        if cipher.holds(kid) or (self.keys is not None and kid in self.keys.extra):
            return
        if kid.startswith(TEAM_PREFIX) and self.keys is not None and self.keys.data_key is not None:
            self.install(kid, os.urandom(32))
            return
        raise PermissionDeniedError(
            "Your keys do not cover this record: it belongs to another team or to the organisation's records.",
            hint="Ask HR to make this change.",
        )

    def install(self, kid: str, key: bytes) -> None:
        """Keep ``key`` as ``kid`` under the data key (in the caller's transaction) and use it from now on."""
        keys = self._require_hr()
        with self.store.write(), self.store.errors("vault_keys"):
            blob = RecordCipher({ORG: keys.data_key}).encrypt_json(  # type: ignore[dict-item]
                {"key": key.hex()}, associated_data("vault_keys", kid), ORG)
            self.store.conn.execute("INSERT OR REPLACE INTO vault_keys VALUES (?, ?)", (kid, blob))
            self._undo.append((kid, keys.extra.get(kid)))
            keys.extra[kid] = key
            if kid not in NOT_RECORD_KEYS and not kid.startswith(ESCROW_PREFIX):
                self.store.require_cipher().add(kid, key)

    def _require_hr(self) -> Keys:
        if self.keys is None or self.keys.data_key is None:
            raise PermissionDeniedError("Only HR can change who holds which keys.")
        return self.keys

    def committed(self) -> None:
        self._undo.clear()

    def rolled_back(self) -> None:
        if not self._undo or self.keys is None:
            self._undo.clear()
            return
        for kid, old in reversed(self._undo):
            if old is None:
                self.keys.extra.pop(kid, None)
            else:
                self.keys.extra[kid] = old
        self._undo.clear()
        self._team_of.clear()
        if self.store.has_cipher:
            self.store.set_cipher(self.keys.cipher())


# --- loading keys at unlock -----------------------------------------------------------------------


def load_org_keys(store: Store, data_key: bytes) -> dict[str, bytes]:
    """HR's keys besides the data key (every team's, shared, governance, chain, audit reader)."""
    if not has_team_keys(store):
        return {}
    cipher = RecordCipher({ORG: data_key})
    found: dict[str, bytes] = {}
    with store.io, store.errors("vault_keys"):
        rows = store.conn.execute("SELECT id, payload FROM vault_keys").fetchall()
    # Every team's key is unwrapped at each unlock (8,000 at 100,000 people): the loop is kept lean,
    # each key still authenticated under the data key with its own id as associated data.
    prefix = associated_data("vault_keys", "")
    for kid, blob in rows:
        kid = str(kid)
        if kid.startswith(ESCROW_PREFIX):
            continue
        try:
            plain = cipher.decrypt_bytes(blob, prefix + kid.encode("utf-8"))
            if plain[:8] == b'{"key":"' and plain[-2:] == b'"}':  # how keys are written: skip the JSON parser
                found[kid] = bytes.fromhex(plain[8:-2].decode("ascii"))
            else:
                found[kid] = bytes.fromhex(encoding.decode(plain)["key"])  # type: ignore[index]
        except (DecryptionFailed, KeyError, TypeError, ValueError):
            raise DamagedVaultError("one of the vault's keys fails its integrity check",
                                    table="vault_keys", record_id=str(kid)) from None
    return found


def _grant_aad(user_id: str, kid: str) -> bytes:
    return f"key_grants\x1f{user_id}\x1f{kid}".encode()


def load_grants(store: Store, user_id: str, user_key: bytes) -> dict[str, bytes]:
    """A member's keys (and profile), unwrapped with their user key."""
    aead = AESGCM(user_key)
    found: dict[str, bytes] = {}
    with store.io, store.errors("key_grants"):
        rows = store.conn.execute("SELECT kid, nonce, wrapped FROM key_grants WHERE user_id=?", (user_id,)).fetchall()
    for kid, nonce, wrapped in rows:
        try:
            found[str(kid)] = aead.decrypt(nonce, wrapped, _grant_aad(user_id, str(kid)))
        except (InvalidTag, ValueError, TypeError):
            raise DamagedVaultError("one of your keys fails its integrity check: ask HR to reset your passphrase",
                                    table="key_grants", record_id=f"{user_id}/{kid}") from None
    if PROFILE not in found:
        raise DamagedVaultError("your user record is missing: ask HR to reset your passphrase", table="key_grants")
    return found


def profile_user(user_id: str, keys: Keys) -> VaultUser:
    data = json.loads(keys.extra[PROFILE])
    return VaultUser(user_id, str(data["name"]), str(data["role"]),
                     str(data.get("employee_id") or ""), str(data.get("manager_name") or ""))


# --- grants --------------------------------------------------------------------------------------


def grant(store: Store, user_id: str, user_key: bytes, kid: str, value: bytes) -> None:
    nonce = os.urandom(12)
    wrapped = AESGCM(user_key).encrypt(nonce, value, _grant_aad(user_id, kid))
    with store.write(), store.errors("key_grants"):
        store.conn.execute("INSERT OR REPLACE INTO key_grants VALUES (?, ?, ?, ?)", (user_id, kid, nonce, wrapped))


def granted_kids(store: Store, user_id: str) -> set[str]:
    with store.io, store.errors("key_grants"):
        return {str(r[0]) for r in store.conn.execute("SELECT kid FROM key_grants WHERE user_id=?", (user_id,))}


def holders(store: Store, kid: str) -> list[str]:
    with store.io, store.errors("key_grants"):
        return [str(r[0]) for r in store.conn.execute("SELECT user_id FROM key_grants WHERE kid=?", (kid,))]


def escrow_user_key(scopes: KeyScopes, user_id: str, user_key: bytes) -> None:
    scopes.install(ESCROW_PREFIX + user_id, user_key)
    assert scopes.keys is not None
    scopes.keys.extra.pop(ESCROW_PREFIX + user_id, None)  # HR reads it back when needed, not at every unlock


def user_key(store: Store, keys: Keys, user_id: str) -> bytes:
    with store.io, store.errors("vault_keys"):
        row = store.conn.execute("SELECT payload FROM vault_keys WHERE id=?", (ESCROW_PREFIX + user_id,)).fetchone()
    if row is None or keys.data_key is None:
        raise DamagedVaultError("this user's key is missing", table="vault_keys", record_id=ESCROW_PREFIX + user_id)
    try:
        data = RecordCipher({ORG: keys.data_key}).decrypt_json(row[0], associated_data("vault_keys", ESCROW_PREFIX + user_id))
        return bytes.fromhex(data["key"])  # type: ignore[index]
    except (DecryptionFailed, KeyError, TypeError, ValueError):
        raise DamagedVaultError("this user's key fails its integrity check", table="vault_keys",
                                record_id=ESCROW_PREFIX + user_id) from None


def write_profile(store: Store, user: VaultUser, key: bytes) -> None:
    profile = {"name": user.name, "role": user.role, "employee_id": user.employee_id, "manager_name": user.manager_name}
    grant(store, user.id, key, PROFILE, json.dumps(profile).encode())


def set_grants(store: Store, keys: Keys, user_id: str, kids: Iterable[str]) -> tuple[set[str], set[str]]:
    """Make ``user_id`` hold exactly ``kids`` (besides their profile); returns (added, removed)."""
    wanted = set(kids)
    current = granted_kids(store, user_id) - {PROFILE}
    added, removed = wanted - current, current - wanted
    if not added and not removed:
        return set(), set()
    key = user_key(store, keys, user_id)
    with store.write(), store.errors("key_grants"):
        for kid in sorted(added):
            grant(store, user_id, key, kid, keys.extra[kid])
        for kid in sorted(removed):
            store.conn.execute("DELETE FROM key_grants WHERE user_id=? AND kid=?", (user_id, kid))
    return added, removed


def remove_member(store: Store, user_id: str) -> set[str]:
    """Delete a user's grants and escrowed key; returns the key ids they held."""
    held = granted_kids(store, user_id) - {PROFILE}
    with store.write(), store.errors("key_grants"):
        store.conn.execute("DELETE FROM key_grants WHERE user_id=?", (user_id,))
        store.conn.execute("DELETE FROM vault_keys WHERE id=?", (ESCROW_PREFIX + user_id,))
        store.conn.execute("DELETE FROM logins WHERE user_id=?", (user_id,))
    return held


# --- re-keying -------------------------------------------------------------------------------------


def _encrypted_tables(store: Store, only: Iterable[str] | None = None) -> list[tuple[str, list[str], Any]]:
    found = []
    wanted = set(only) if only is not None else None
    for table, columns in sorted(store.file_tables().items()):
        if table == "audit_log" or (wanted is not None and table not in wanted):
            continue
        aad = aad_builder(table, columns)
        if aad is not None:
            found.append((table, columns, aad))
    return found


_LOGICAL = {"vault_meta_copy": "vault_meta", "users_copy": "users"}


def _reencrypt(store: Store, old: RecordCipher, target: Callable[[str, str, dict, str | None], str | None], *,
               tables: Iterable[str] | None = None, where: tuple[str, str] | None = None, why: str) -> int:
    """Decrypt with ``old`` and re-encrypt under ``target(table, key, links, current kid)`` each row it
    names a key for (None: leave the row); in the caller's transaction. Returns rows rewritten."""
    done = 0
    for table, columns, aad in _encrypted_tables(store, tables):
        if where is not None and where[0] not in columns:
            continue
        ident = KEY_COLUMN.get(table, "id")
        sql = f'SELECT rowid, {", ".join(columns)} FROM "{table}"'
        args: tuple = ()
        if where is not None:
            sql += f' WHERE "{where[0]}" IS ?'
            args = (store.stored(where[1]),)
        with store.errors(table):
            fetched = store.conn.execute(sql, args).fetchall()
        updates = []
        for values in fetched:
            row = dict(zip(columns, values[1:]))
            links = {c: None if row[c] is None else id_text(row[c]) for c in columns if c not in ("id", "payload", "key")}
            keyed = schema.ONE_PER.get(table)
            if keyed is not None and keyed not in columns:  # one record per linked row: its id is the link
                links[keyed] = id_text(row["id"])
            kid = target(_LOGICAL.get(table, table), id_text(row[ident]), links, kid_of(row["payload"]))
            if kid is None:
                continue
            try:
                plain = old.decrypt_bytes(row["payload"], aad(row))
            except DecryptionFailed:
                raise DamagedVaultError(f"a record fails its integrity check, so {why}",
                                        table=table, record_id=id_text(row[ident])) from None
            updates.append((store.require_cipher().encrypt_bytes(plain, aad(row), kid), values[0]))
        with store.errors(table):
            store.conn.executemany(f'UPDATE "{table}" SET payload=? WHERE rowid=?', updates)
        done += len(updates)
    return done


def rescope(store: Store, scopes: KeyScopes, *, tables: Iterable[str] | None = None,
            where: tuple[str, str] | None = None) -> int:
    """Re-encrypt each row whose key is not the one ``scopes`` picks for it now; returns rows rewritten.

    ``where`` (column, value) limits it to rows linked to one record (an employee who moved).
    """
    def target(table: str, key: str, links: dict, current: str | None) -> str | None:
        wanted = scopes.kid_for(table, key, links)
        if wanted == current:
            return None
        scopes.ensure_key(wanted)  # a new team's key, made by HR on first use
        return wanted

    with store.write():
        return _reencrypt(store, store.require_cipher(), target, tables=tables, where=where,
                          why="it cannot be moved to its new key")


def rotate(store: Store, scopes: KeyScopes, kids: Iterable[str]) -> int:
    """Replace each key of ``kids`` by a new one: its records re-encrypted, its holders re-granted.

    One transaction: a crash leaves the old keys and records as they were.
    Someone who kept a copy of a removed user's keys reads nothing written after it.
    """
    keys = scopes._require_hr()
    kids = sorted(set(kids) - {ORG, CHAIN, AUDIT_READER, PROFILE})
    if not kids:
        return 0
    old_cipher = store.require_cipher().copy()  # installing the new keys changes the store's cipher in place
    with store.write():
        for kid in kids:
            scopes.install(kid, os.urandom(32))
        # Rows still name the old key ids: decrypt with the old cipher, write under the same id's new key.
        done = _reencrypt(store, old_cipher, lambda _t, _k, _l, current: current if current in kids else None,
                          why="its key cannot be replaced")
        for kid in kids:
            for user_id in holders(store, kid):
                grant(store, user_id, user_key(store, keys, user_id), kid, keys.extra[kid])
    return done
