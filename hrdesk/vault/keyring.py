"""Key slots, users and unlocking: who can open the vault, and with which keys.

The keyring never decides what the keys are used for: unlocking returns them
(``Keys``), and the caller hands them to the store and the audit log. Each key
slot and each user row is written twice (vaults of format 2), so one damaged
byte in either copy still lets the rightful owner in.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field

from hrdesk.errors import DamagedVaultError, WrongPassphraseError, WrongRecoveryKeyError
from hrdesk.vault import keyslots
from hrdesk.vault.cipher import RecordCipher
from hrdesk.vault.kdf import KdfParams
from hrdesk.vault.store import Store, new_id

SLOT_COLUMNS = "id, user_id, kind, kdf, salt, nonce, wrapped"


@dataclass(frozen=True)
class VaultUser:
    id: str
    name: str
    role: str
    employee_id: str = ""  # a manager's own employee record (vault id), when HR picked one
    manager_name: str = ""  # the name the import's manager column gives them (their teams)


# Key ids an unlock may yield besides the org data key ("dk") and team keys ("t-<team id>"):
# not record keys, so never handed to the record cipher.
NOT_RECORD_KEYS = frozenset({"chain", "al", "profile", "uk"})


@dataclass(frozen=True, eq=False)
class Keys:
    """The keys an unlock yields: HR's org data key, and the team and shared keys of ``extra``.

    A manager's or auditor's unlock has no data key (``None``): only the keys
    their grants give them. ``extra`` grows when HR's session makes a new
    team's key (see ``teamkeys``).
    """

    data_key: bytes | None
    extra: dict[str, bytes] = field(default_factory=dict)

    def cipher(self) -> RecordCipher:
        keys = {kid: key for kid, key in self.extra.items() if kid not in NOT_RECORD_KEYS}
        if self.data_key is not None:
            keys["dk"] = self.data_key
        return RecordCipher(keys)

    def derived_mac_key(self) -> bytes:
        """The audit chain's MAC key for vaults that never rotated their data key."""
        if self.data_key is None:
            raise DamagedVaultError("the audit chain's key is missing from this user's keys")
        return hmac.new(self.data_key, b"hrdesk audit chain", hashlib.sha256).digest()


@dataclass(frozen=True)
class Unlocked:
    keys: Keys
    user_id: str
    params: KdfParams | None  # the passphrase slot's parameters, proven by the unlock
    kind: str = "passphrase"  # "member": the slot wraps a manager's/auditor's user key, not the data key
    user_key: bytes | None = None  # a member's user key: it unwraps their grants (see teamkeys)


@dataclass(frozen=True)
class _Slot:
    id: str
    user_id: str | None
    kind: str
    kdf: str
    wrapped: keyslots.WrappedKey


def slot_aad(slot_id: str, kind: str) -> bytes:
    return f"keyslot\x1f{slot_id}\x1f{kind}".encode()


def slot_params(kdf: str) -> KdfParams:
    try:
        params = KdfParams.from_dict(json.loads(kdf))
    except (KeyError, ValueError, TypeError):
        raise DamagedVaultError("a key slot's settings are unreadable", table="keyslots") from None
    if not params.is_plausible:
        raise DamagedVaultError("a key slot's settings are out of range", table="keyslots")
    return params


class Keyring:
    """Key slots and users of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def _copies(self) -> bool:
        return self.store.has_copies

    # --- writing slots ----------------------------------------------------------------

    def _insert_slot(self, row: tuple) -> None:
        for table in ("keyslots", "keyslots_copy") if self._copies else ("keyslots",):
            self.store.conn.execute(f"INSERT INTO {table} ({SLOT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", row)

    def _delete_slots(self, where: str, args: tuple) -> None:
        for table in ("keyslots", "keyslots_copy") if self._copies else ("keyslots",):
            self.store.conn.execute(f"DELETE FROM {table} WHERE {where}", args)

    def set_passphrase_slot(
        self, user_id: str, data_key: bytes, passphrase: str, params: KdfParams, *, kind: str = "passphrase"
    ) -> None:
        """Replace the user's passphrase slot (inside the caller's transaction).

        HR's slot (``passphrase``) wraps the data key; a manager's or auditor's
        (``member``) wraps their own user key, which unwraps only their grants.
        """
        with self.store.write(), self.store.errors("keyslots"):
            self._delete_slots("user_id=? AND kind IN ('passphrase', 'member')", (user_id,))
            slot_id = new_id()
            wrapped = keyslots.wrap_with_passphrase(data_key, passphrase, params, slot_aad(slot_id, kind))
            self._insert_slot(
                (slot_id, user_id, kind, json.dumps(params.to_dict()), wrapped.salt, wrapped.nonce, wrapped.ciphertext)
            )

    def delete_user_slots(self, user_id: str) -> None:
        """Remove every slot of ``user_id`` (a removed user)."""
        with self.store.write(), self.store.errors("keyslots"):
            self._delete_slots("user_id=?", (user_id,))

    def delete_user(self, user_id: str) -> None:
        with self.store.write(), self.store.errors("users"):
            for table in ("users", "users_copy") if self._copies else ("users",):
                self.store.conn.execute(f"DELETE FROM {table} WHERE id=?", (user_id,))

    def set_recovery_slot(self, data_key: bytes, secret: bytes) -> None:
        """Replace the recovery slot: the previous recovery key stops working."""
        with self.store.write(), self.store.errors("keyslots"):
            self._delete_slots("kind='recovery'", ())
            slot_id = new_id()
            wrapped = keyslots.wrap_with_recovery(data_key, secret, slot_aad(slot_id, "recovery"))
            self._insert_slot((slot_id, None, "recovery", "{}", wrapped.salt, wrapped.nonce, wrapped.ciphertext))

    def drop_passphrase_slots(self, *, keep_user: str) -> list[str]:
        """Remove every other user's passphrase slot (after a rotation they wrap a dead key)."""
        with self.store.write(), self.store.errors("keyslots"):
            others = [r[0] for r in self.store.conn.execute(
                "SELECT DISTINCT user_id FROM keyslots WHERE kind='passphrase' AND user_id IS NOT ?", (keep_user,)
            )]
            self._delete_slots("kind='passphrase' AND user_id IS NOT ?", (keep_user,))
        return others

    # --- reading slots -----------------------------------------------------------------

    def _slots(self, kind: str) -> list[_Slot]:
        """Every distinct copy of every slot of ``kind``; malformed ones are left out."""
        tables = ("keyslots", "keyslots_copy") if self._copies else ("keyslots",)
        rows: list[tuple] = []
        with self.store.io, self.store.errors("keyslots"):
            for table in tables:
                rows += self.store.conn.execute(f"SELECT {SLOT_COLUMNS} FROM {table} WHERE kind=?", (kind,)).fetchall()
        slots, seen = [], set()
        for r in rows:
            if r in seen:
                continue
            seen.add(r)
            wrapped = keyslots.WrappedKey(r[4], r[5], r[6])
            if not all(isinstance(b, bytes) for b in (r[4], r[5], r[6])) or len(r[5]) != keyslots.NONCE_BYTES:
                continue
            slots.append(_Slot(str(r[0]), r[1], r[2], str(r[3]), wrapped))
        if not slots and rows:
            raise DamagedVaultError("a key slot is malformed", table="keyslots")
        return slots

    def unlock_with_passphrase(self, passphrase: str, user_id: str | None = None) -> Unlocked:
        """Try HR's slots (no ``user_id``), or only the slots of ``user_id`` (HR or member)."""
        keks: dict[tuple[bytes, str], bytes] = {}
        damaged = 0
        if user_id is None:
            slots = self._slots("passphrase")
        else:
            slots = [s for s in self._slots("passphrase") + self._slots("member") if s.user_id == user_id]
        for slot in slots:
            try:
                params = slot_params(slot.kdf)
            except DamagedVaultError:
                damaged += 1
                continue
            cache_key = (slot.wrapped.salt, slot.kdf)
            if cache_key not in keks:
                try:
                    keks[cache_key] = keyslots.passphrase_kek(passphrase, slot.wrapped.salt, params)
                except (ValueError, TypeError):
                    damaged += 1
                    continue
            try:
                key = keyslots.unwrap_with_kek(keks[cache_key], slot.wrapped, slot_aad(slot.id, slot.kind))
            except keyslots.UnwrapFailed:
                continue
            # These parameters just proved themselves; the plaintext header's could have been lowered.
            if slot.kind == "member":
                return Unlocked(Keys(None), slot.user_id or "", params, "member", key)
            return Unlocked(Keys(key), slot.user_id or "", params)
        if slots and damaged == len(slots):
            raise DamagedVaultError("a key slot's settings are unreadable", table="keyslots")
        raise WrongPassphraseError()

    def unlock_with_recovery(self, recovery_key: str) -> Keys:
        secret = keyslots.parse_recovery_key(recovery_key)
        if secret is None:
            raise WrongRecoveryKeyError()
        for slot in self._slots("recovery"):
            try:
                return Keys(keyslots.unwrap_with_recovery(slot.wrapped, secret, slot_aad(slot.id, "recovery")))
            except keyslots.UnwrapFailed:
                continue
        raise WrongRecoveryKeyError()

    # --- users -------------------------------------------------------------------------

    def store_user(self, user: VaultUser) -> None:
        data = {"name": user.name, "role": user.role}
        if user.employee_id or user.manager_name:
            data.update(employee_id=user.employee_id, manager_name=user.manager_name)
        blob = self.store.encrypt("users", user.id, data, {})  # under the org key: HR's alone
        with self.store.write(), self.store.errors("users"):
            for table in ("users", "users_copy") if self._copies else ("users",):
                self.store.conn.execute(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", (user.id, blob))

    def _user_rows(self) -> dict[str, list[bytes]]:
        """Each user id with its stored payloads, the main row first and its copy second."""
        found: dict[str, list[bytes]] = {}
        with self.store.io, self.store.errors("users"):
            for table in ("users", "users_copy") if self._copies else ("users",):
                for uid, blob in self.store.conn.execute(f"SELECT id, payload FROM {table}"):
                    found.setdefault(str(uid), []).append(blob)
        return found

    def _decode_user(self, user_id: str, blobs: list[bytes]) -> VaultUser:
        for blob in blobs:
            try:
                data = self.store.decrypt("users", user_id, blob, {}) if isinstance(blob, bytes) else None
                if data is not None:
                    return VaultUser(user_id, str(data["name"]), str(data["role"]),
                                     str(data.get("employee_id") or ""), str(data.get("manager_name") or ""))
            except (DamagedVaultError, KeyError):
                continue
        raise DamagedVaultError("this user's record fails its integrity check", table="users", record_id=user_id)

    def load_user(self, user_id: str) -> VaultUser:
        blobs = self._user_rows().get(user_id)
        if not blobs:
            raise DamagedVaultError("the user of this passphrase is missing", table="users", record_id=user_id)
        return self._decode_user(user_id, blobs)

    def users(self) -> list[VaultUser]:
        """Every user whose record (or its copy) is intact; a row damaged in both copies raises."""
        return [self._decode_user(uid, blobs) for uid, blobs in self._user_rows().items()]

    def first_admin(self) -> VaultUser:
        readable = []
        for uid, blobs in self._user_rows().items():
            try:
                readable.append(self._decode_user(uid, blobs))
            except DamagedVaultError:
                continue
        admins = [u for u in readable if u.role == "admin"]
        if not admins:
            raise DamagedVaultError("no administrator's record is readable", table="users")
        return admins[0]

    def kdf_default(self) -> KdfParams:
        """The header's default parameters (informational: it is plaintext and unauthenticated)."""
        value = self.store.header().get("kdf_default")
        try:
            return KdfParams.from_dict(json.loads(value)) if value else KdfParams()
        except (ValueError, TypeError, KeyError):
            raise DamagedVaultError("the key-derivation settings in the header are unreadable", table="hrdesk_header") from None
