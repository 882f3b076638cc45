"""Wrapping the data key: by a user's passphrase (Argon2id) and by the recovery key.

A passphrase change only re-wraps the data key (instant, cannot lose data);
revoking an old passphrase takes a key rotation (``hrdesk.vault.rotation``).
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from hrdesk.vault.kdf import KdfParams, derive_key

RECOVERY_BYTES = 20  # 160 bits -> 32 base32 characters, 8 blocks of 4
SALT_BYTES = 16
NONCE_BYTES = 12


class UnwrapFailed(Exception):
    """Internal: the key material did not open this slot."""


@dataclass(frozen=True)
class WrappedKey:
    salt: bytes
    nonce: bytes
    ciphertext: bytes


def _wrap(kek: bytes, data_key: bytes, aad: bytes, salt: bytes) -> WrappedKey:
    nonce = os.urandom(NONCE_BYTES)
    return WrappedKey(salt=salt, nonce=nonce, ciphertext=AESGCM(kek).encrypt(nonce, data_key, aad))


def _unwrap(kek: bytes, wrapped: WrappedKey, aad: bytes) -> bytes:
    try:
        return AESGCM(kek).decrypt(wrapped.nonce, wrapped.ciphertext, aad)
    except (InvalidTag, ValueError, TypeError):  # ValueError: a nonce of the wrong length
        raise UnwrapFailed() from None


def wrap_with_passphrase(data_key: bytes, passphrase: str, params: KdfParams, aad: bytes) -> WrappedKey:
    salt = os.urandom(SALT_BYTES)
    return _wrap(derive_key(passphrase, salt, params), data_key, aad, salt)


def unwrap_with_passphrase(wrapped: WrappedKey, passphrase: str, params: KdfParams, aad: bytes) -> bytes:
    return _unwrap(derive_key(passphrase, wrapped.salt, params), wrapped, aad)


def passphrase_kek(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """The key-encryption key alone, so two copies of one slot cost one Argon2id run."""
    return derive_key(passphrase, salt, params)


def unwrap_with_kek(kek: bytes, wrapped: WrappedKey, aad: bytes) -> bytes:
    return _unwrap(kek, wrapped, aad)


def _recovery_kek(recovery_secret: bytes, salt: bytes) -> bytes:
    # The recovery secret has 160 bits of entropy, so a slow KDF adds nothing; HKDF suffices.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"hrdesk recovery key").derive(recovery_secret)


def new_recovery_key() -> tuple[str, bytes]:
    """Return (the key as shown to the user, its secret bytes)."""
    secret = secrets.token_bytes(RECOVERY_BYTES)
    return format_recovery_key(secret), secret


def format_recovery_key(secret: bytes) -> str:
    text = base64.b32encode(secret).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes | None:
    """Accept the key however it was retyped: any case, spaces or dashes, O for 0 and I/L for 1."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    try:
        secret = base64.b32decode(cleaned)
    except (ValueError, base64.binascii.Error):
        return None
    return secret if len(secret) == RECOVERY_BYTES else None


def wrap_with_recovery(data_key: bytes, recovery_secret: bytes, aad: bytes) -> WrappedKey:
    salt = os.urandom(SALT_BYTES)
    return _wrap(_recovery_kek(recovery_secret, salt), data_key, aad, salt)


def unwrap_with_recovery(wrapped: WrappedKey, recovery_secret: bytes, aad: bytes) -> bytes:
    return _unwrap(_recovery_kek(recovery_secret, wrapped.salt), wrapped, aad)
