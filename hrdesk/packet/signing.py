"""The organisation's packet-signing key (Ed25519, kept in the vault) and signing a finished packet PDF.

The private key is an encrypted vault setting under the organisation's data
key (HR only), so it is re-encrypted by a key rotation like every record and
its fingerprint never changes. The public half is also kept under the
governance key, so an auditor's account can check a packet against the vault.
The key is made on first use and its creation is audit-logged. What is
appended to the PDF, and why it is safe, is described in ``verify``.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from hrdesk.errors import BugError, PermissionDeniedError
from hrdesk.packet.verify import MARKER, ORGANISATION_MAX, PDF_MAGIC, _STARTXREF, fingerprint_of, spki_der

if TYPE_CHECKING:
    from hrdesk.vault import Vault

PRIVATE_META = "packet.signing_key"  # under the organisation's data key: only HR can sign
PUBLIC_META = "governance.packet_signing_key"  # under the governance key: HR and auditors can compare
KEY_CREATED = "packet.signing_key_created"


@dataclass(frozen=True)
class SigningIdentity:
    """The organisation's public signing key and the fingerprint printed on every packet's cover."""

    public_key_pem: bytes
    fingerprint: str

    @classmethod
    def of(cls, raw_public_key: bytes) -> "SigningIdentity":
        return cls(_pem(raw_public_key), fingerprint_of(raw_public_key))


def signing_identity(vault: "Vault") -> SigningIdentity:
    """The organisation's signing identity, making the key on first use (in the caller's transaction, if any)."""
    return SigningIdentity.of(_private_key(vault).public_key().public_bytes_raw())


def organisation_identity(vault: "Vault") -> SigningIdentity | None:
    """The organisation's signing identity for checking a packet (HR or auditor); None before any packet was signed."""
    stored = vault.meta_get(PUBLIC_META, None)
    if not stored:
        return None
    return SigningIdentity.of(bytes.fromhex(stored["public"]))


def sign_pdf(vault: "Vault", pdf_bytes: bytes) -> bytes:
    """The finished PDF with the signature block appended (see ``verify``), signed by the organisation's key."""
    return sign_with_key(_private_key(vault), pdf_bytes, organisation=vault.org_name)


def sign_with_key(key: Ed25519PrivateKey, pdf_bytes: bytes, *, organisation: str,
                  signed_at: datetime | None = None) -> bytes:
    """Append a format-1 signature block made with ``key``; the vault-free half of ``sign_pdf``."""
    pdf = _finished_pdf(pdf_bytes)
    startxref = _STARTXREF.search(pdf[-64:]).group(1)  # type: ignore[union-attr]  # _finished_pdf checked it
    raw = key.public_key().public_bytes_raw()
    when = (signed_at or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    statements = b"".join([
        MARKER,
        b"%%PDF-bytes: %d\n" % len(pdf),
        b"%%Signed-at: %s\n" % when.encode("ascii"),
        b"%%Organisation: %s\n" % _organisation_json(organisation),
        b"%%Key-fingerprint: %s\n" % fingerprint_of(raw).encode("ascii"),
        b"%%Public-key: %s\n" % base64.b64encode(spki_der(raw)),
    ])
    signed = pdf + statements
    signature = base64.b64encode(key.sign(signed))
    return signed + b"%%Signature: %s\nstartxref\n%s\n%%%%EOF\n" % (signature, startxref)


def _finished_pdf(pdf_bytes: bytes) -> bytes:
    """The PDF ending in one newline after ``%%EOF``; anything else is a fault in the caller, not the user's."""
    if not pdf_bytes.startswith(PDF_MAGIC) or _STARTXREF.search(pdf_bytes[-64:]) is None:
        raise BugError("sign_pdf needs a finished PDF (starting %PDF-, ending startxref N %%EOF)")
    if MARKER in pdf_bytes:
        raise BugError("this PDF is signed already; sign the PDF as written, once")
    return pdf_bytes.rstrip(b"\r\n") + b"\n"


def _organisation_json(name: str) -> bytes:
    """The name as an ASCII JSON string that fits the block (shortened with '...' when very long).

    '%' is written as its JSON escape, so no name can put a ``%%EOF`` into the file's last lines.
    """
    text, cut = _json(name), min(len(name), ORGANISATION_MAX)  # every character takes at least one
    while len(text) > ORGANISATION_MAX:
        cut -= 1
        text = _json(name[:cut].rstrip() + "...")
    return text.encode("ascii")


def _json(text: str) -> str:
    return json.dumps(text, ensure_ascii=True).replace("%", "\\u0025")


def _pem(raw_public_key: bytes) -> bytes:
    key = serialization.load_der_public_key(spki_der(raw_public_key))
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def _private_key(vault: "Vault") -> Ed25519PrivateKey:
    """The stored key, or a new one saved and audit-logged in one transaction (joining the caller's)."""
    if not vault.holds_org_key:
        raise PermissionDeniedError("Only HR can sign audit packets: the signing key is under the organisation's key.")
    stored = vault.meta_get(PRIVATE_META, None)
    if stored:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(stored["private"]))
    key = Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes_raw()
    created = datetime.now(UTC).isoformat(timespec="seconds")
    fingerprint = fingerprint_of(raw)
    with vault.transaction():
        vault.meta_set(PRIVATE_META, {"private": key.private_bytes_raw().hex(), "created": created})
        vault.meta_set(PUBLIC_META, {"public": raw.hex(), "fingerprint": fingerprint, "created": created})
        vault.audit(KEY_CREATED, details={"fingerprint": fingerprint})
    return key
