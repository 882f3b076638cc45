"""AES-256-GCM record encryption bound to where the record lives.

Every ciphertext carries its key id and nonce, and is authenticated together
with associated data naming its table, row id and link columns, so a value
copied to another row, another table, or re-linked to another team by editing
a plaintext foreign key fails to decrypt instead of silently moving.

Header formats (the header is authenticated with the associated data):
``1`` (``FORMAT_V1``): format byte, key-id length, the key id in ASCII;
``3`` (``FORMAT_V3``, written since vault format 3): the same, except a team's
key id ``t-`` + 16 hex digits (one per team, so on most records) is a zero
length byte and its 8 bytes: 10 bytes instead of 20. (``2`` is a sealed
audit entry, see ``sealing``.) Both are read.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator, Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from hrdesk.vault import encoding

FORMAT_V1 = 1
FORMAT_V3 = 3
NONCE_BYTES = 12
_TEAM = re.compile(r"t-[0-9a-f]{16}")


class DecryptionFailed(Exception):
    """Internal: authentication failed; the vault layer turns this into DamagedVaultError."""


class KeyNotHeld(DecryptionFailed):
    """Internal: the record is under a key this user does not hold (another team's, or the org's)."""


def header_for(kid: str) -> bytes:
    """The header a new ciphertext under ``kid`` starts with (format 3)."""
    if _TEAM.fullmatch(kid):
        return bytes((FORMAT_V3, 0)) + bytes.fromhex(kid[2:])
    kid_bytes = kid.encode("ascii")
    return bytes((FORMAT_V3, len(kid_bytes))) + kid_bytes


def headers_for(kid: str) -> tuple[bytes, ...]:
    """Every header a ciphertext under ``kid`` may start with (older ones are read too)."""
    kid_bytes = kid.encode("ascii")
    return bytes((FORMAT_V1, len(kid_bytes))) + kid_bytes, header_for(kid)


def header_length(blob: bytes) -> int:
    """How many bytes of ``blob`` are its header; IndexError/ValueError when it has none we know."""
    if blob[0] == FORMAT_V3 and blob[1] == 0:
        if len(blob) < 10:
            raise IndexError("a team key header cut short")
        return 10
    if blob[0] in (FORMAT_V1, FORMAT_V3):
        return 2 + blob[1]
    raise ValueError("unknown record format")


def kid_of(blob: object) -> str | None:
    """The key id a ciphertext names in its header, or None when it has no readable header."""
    if not isinstance(blob, bytes) or len(blob) < 2 or blob[0] not in (FORMAT_V1, FORMAT_V3):
        return None
    if blob[0] == FORMAT_V3 and blob[1] == 0:
        return "t-" + blob[2:10].hex() if len(blob) >= 10 else None
    try:
        return blob[2 : 2 + blob[1]].decode("ascii")
    except UnicodeDecodeError:
        return None


def associated_data(table: str, row_id: str, links: Mapping[str, str | None] | None = None) -> bytes:
    parts = [table, row_id]
    for name in sorted(links or {}):
        parts.append(f"{name}={(links or {})[name] or ''}")
    return "\x1f".join(parts).encode("utf-8")


def audit_aad(seq: int) -> bytes:
    """Associated data of audit-log entry ``seq``: an entry cannot be moved to another position."""
    return f"audit_log\x1f{seq}".encode("ascii")


def _fresh_nonces() -> Iterator[bytes]:
    """Random nonces as ``os.urandom(NONCE_BYTES)`` makes them, drawn from the system a thousand at a
    time: one system call per record was a tenth of the cost of sealing 100,000 of them."""
    count = 4  # a sealer writing one record draws little
    while True:
        pool = os.urandom(NONCE_BYTES * count)
        count = 1024
        for start in range(0, len(pool), NONCE_BYTES):
            yield pool[start : start + NONCE_BYTES]


class RecordCipher:
    """Encrypts JSON payloads under named keys (the data key today, team keys later)."""

    def __init__(self, keys: Mapping[str, bytes]) -> None:
        self._keys = dict(keys)
        # Made on first use: HR holds a key per team (8,000 at 100,000 people), and building every
        # AESGCM object up front cost a tenth of a second on each unlock.
        self._aeads: dict[str, AESGCM] = {}
        self._by_header: dict[bytes, AESGCM] = {}

    def _aead(self, kid: str) -> AESGCM:
        aead = self._aeads.get(kid)
        if aead is None:
            if kid not in self._keys:
                raise KeyNotHeld(kid)
            aead = self._aeads[kid] = AESGCM(self._keys[kid])
        return aead

    def holds(self, kid: str | None) -> bool:
        return kid in self._keys

    @property
    def kids(self) -> frozenset[str]:
        return frozenset(self._keys)

    def add(self, kid: str, key: bytes) -> None:
        """Hold one more key (a new team's), in place: cheaper than rebuilding a cipher of 200 keys."""
        self._keys[kid] = key
        self._aeads.pop(kid, None)
        self._by_header.clear()

    def copy(self) -> "RecordCipher":
        return RecordCipher(self._keys)

    def with_key(self, kid: str, key: bytes) -> "RecordCipher":
        """The same keys with ``kid`` added or replaced (a rotation's old data key beside the team keys)."""
        return RecordCipher({**self._keys, kid: key})

    def sealer(self, kid: str) -> Callable[[bytes, bytes], bytes]:
        """``encrypt_bytes`` under one key, with the header worked out once: for writing many records."""
        if kid not in self._keys:
            raise KeyNotHeld(kid)
        header = header_for(kid)
        encrypt = (self._aeads.get(kid) or AESGCM(self._keys[kid])).encrypt
        nonce_of = _fresh_nonces().__next__  # this sealer's own: never shared with another (or a forked) writer

        def seal(plaintext: bytes, aad: bytes) -> bytes:
            nonce = nonce_of()
            return header + nonce + encrypt(nonce, plaintext, header + aad)

        return seal

    def encrypt_bytes(self, plaintext: bytes, aad: bytes, kid: str = "dk") -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        aead = self._aead(kid)
        header = header_for(kid)
        return header + nonce + aead.encrypt(nonce, plaintext, header + aad)

    def key_for_header(self, header: bytes) -> AESGCM:
        """The key a whole ciphertext header names (worked out once per key and header form, not per record);
        DecryptionFailed when the header names none, KeyNotHeld when this user does not hold it."""
        aead = self._by_header.get(header)
        if aead is None:
            kid = kid_of(header)
            if kid is None:
                raise DecryptionFailed("unreadable key id")
            aead = self._by_header[header] = self._aead(kid)
        return aead

    def decrypt_bytes(self, blob: bytes, aad: bytes) -> bytes:
        try:
            end = header_length(blob)
            aead = self.key_for_header(blob[:end])
            nonce = blob[end : end + NONCE_BYTES]
            return aead.decrypt(nonce, blob[end + NONCE_BYTES :], blob[:end] + aad)
        except (InvalidTag, IndexError, KeyError, UnicodeDecodeError, TypeError, ValueError) as exc:
            raise DecryptionFailed(str(exc) or type(exc).__name__) from None

    def encrypt_json(self, payload: object, aad: bytes, kid: str = "dk") -> bytes:
        return self.encrypt_bytes(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8"), aad, kid)

    def decrypt_json(self, blob: bytes, aad: bytes) -> object:
        data = self.decrypt_bytes(blob, aad)
        try:
            return encoding.decode(data)  # compact (version 1) or the JSON text older vaults hold
        except ValueError as exc:
            raise DecryptionFailed(f"payload is not valid JSON: {exc}") from None
