"""Sealing to a public key (X25519 + HKDF + AES-GCM): anyone may write, only the key's holder reads.

Audit-log entries are sealed to the organisation's audit key, so a manager's
session can append its own entries to the one shared chain without being able
to read anybody's entries (their own included, once written).
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from hrdesk.vault.cipher import DecryptionFailed

SEALED = 2  # first byte of a sealed blob (record ciphertexts start with 1)
_RAW = serialization.Encoding.Raw


def new_keypair() -> tuple[bytes, bytes]:
    """(private, public), both 32 raw bytes."""
    private = X25519PrivateKey.generate()
    return (
        private.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()),
        private.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw),
    )


def _key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"hrdesk sealed entry" + ephemeral + recipient).derive(shared)


def is_sealed(blob: object) -> bool:
    return isinstance(blob, bytes) and len(blob) > 45 and blob[0] == SEALED


def seal(public: bytes, plaintext: bytes, aad: bytes) -> bytes:
    ephemeral = X25519PrivateKey.generate()
    eph_pub = ephemeral.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
    key = _key(ephemeral.exchange(X25519PublicKey.from_public_bytes(public)), eph_pub, public)
    nonce = os.urandom(12)
    return bytes((SEALED,)) + eph_pub + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(private: bytes, blob: bytes, aad: bytes) -> bytes:
    try:
        priv = X25519PrivateKey.from_private_bytes(private)
        public = priv.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
        eph_pub, nonce, body = blob[1:33], blob[33:45], blob[45:]
        key = _key(priv.exchange(X25519PublicKey.from_public_bytes(eph_pub)), eph_pub, public)
        return AESGCM(key).decrypt(nonce, body, aad)
    except (InvalidTag, ValueError, TypeError, IndexError) as exc:
        raise DecryptionFailed(str(exc) or type(exc).__name__) from None
