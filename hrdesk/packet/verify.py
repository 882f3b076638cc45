"""Check a signed audit packet without the vault and without a passphrase: valid, altered or unsigned.

The signature block (format 1) is appended to the finished PDF, after its
``%%EOF``. Its lines are PDF comments, and it ends by repeating the PDF's own
``startxref`` and ``%%EOF``, so every reader still finds the cross-reference
table where it looks for it (the last 1024 bytes) and the file still ends with
``%%EOF``::

    <the PDF exactly as reportlab wrote it, ending with %%EOF>
    %hrdesk-packet-signature 1
    %PDF-bytes: 48213                      <- the PDF is the file's first 48213 bytes
    %Signed-at: 2026-11-26T05:40:00Z
    %Organisation: "Acme Ltd"              <- a JSON string, ASCII only
    %Key-fingerprint: SHA256:1a2b 3c4d ... <- SHA-256 of the raw 32-byte public key
    %Public-key: MCowBQYDK2VwAyEA...       <- the body of the key's PEM (DER SubjectPublicKeyInfo)
    %Signature: <88 characters of base64>  <- Ed25519 over every byte before this line
    startxref
    <the PDF's own startxref offset>
    %%EOF

The signature covers every byte of the file before the ``%Signature:`` line:
the whole PDF and the block's statements. What follows it is fixed, so
nothing can be added, removed or changed anywhere without failing: an edited
content stream changes signed bytes, an incremental update appended after the
block leaves the block no longer at the end, and a PDF re-saved by another
program (pypdf, a viewer) loses the block and reads as unsigned. Anyone can
check it with openssl (see the README); this module is the same check.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from hrdesk.errors import InvalidInputError

FORMAT = 1
MARKER = b"%hrdesk-packet-signature 1\n"
SIGNATURE_LABEL = b"%Signature: "
# DER SubjectPublicKeyInfo of an Ed25519 key: this fixed prefix, then the 32 raw key bytes (RFC 8410).
ED25519_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")
PDF_MAGIC = b"%PDF-"
ORGANISATION_MAX = 200  # characters of the JSON string: the whole block stays well under 1024 bytes

_BLOCK = re.compile(
    rb"%hrdesk-packet-signature 1\n"
    rb"%PDF-bytes: (?P<pdf_bytes>[0-9]{1,15})\n"
    rb"%Signed-at: (?P<signed_at>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)\n"
    rb"%Organisation: (?P<organisation>\"[ -~]{0,198}\")\n"
    rb"%Key-fingerprint: SHA256:(?P<fingerprint>[0-9a-f]{4}(?: [0-9a-f]{4}){15})\n"
    rb"%Public-key: (?P<public_key>[A-Za-z0-9+/]{59}=)\n"
    rb"(?P<signature_line>%Signature: (?P<signature>[A-Za-z0-9+/]{86}==)\n)"
    rb"startxref\n(?P<startxref>[0-9]{1,15})\n%%EOF\n"
)
_STARTXREF = re.compile(rb"startxref\s+([0-9]+)\s+%%EOF\s*$")


class Status(StrEnum):
    """What a check found; each has its exit code (``EXIT_CODES``)."""

    VALID = "valid"
    ALTERED = "altered"
    UNSIGNED = "unsigned"
    OTHER_KEY = "signed by another key"


EXIT_CODES = {Status.VALID: 0, Status.ALTERED: 1, Status.OTHER_KEY: 1, Status.UNSIGNED: 2}


@dataclass(frozen=True)
class PacketVerdict:
    """The outcome of checking one packet: the status, why, and what the block states (when it could be read)."""

    status: Status
    reason: str = ""
    fingerprint: str = ""  # of the key embedded in the packet
    signed_at: str = ""  # ISO 8601, UTC
    organisation: str = ""
    expected_fingerprint: str = ""  # the organisation's key, when the caller named one

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]

    @property
    def ok(self) -> bool:
        return self.status is Status.VALID

    def sentence(self) -> str:
        """One paragraph for the person checking the packet: what was found and what to do."""
        when = self.signed_at.replace("T", " ").removesuffix("Z")[:16] + " UTC" if self.signed_at else ""
        who = f" for {self.organisation}" if self.organisation else ""
        if self.status is Status.VALID:
            text = (f"Valid: this packet is exactly as it was signed{who} on {when}, "
                    f"by the key with fingerprint {self.fingerprint}.")
            if self.expected_fingerprint:
                return text + " That key is the organisation's own signing key."
            return text + (" Compare that fingerprint with the one the organisation gave you "
                           "(or check with --vault VAULT or --fingerprint FP): anyone can sign a PDF "
                           "with a key of their own.")
        if self.status is Status.OTHER_KEY:
            return (f"Not signed by this organisation: the signature is intact, but it was made{who} on {when} "
                    f"by the key {self.fingerprint}, and the organisation's key is {self.expected_fingerprint}. "
                    "Someone other than the organisation produced or re-signed this packet; do not rely on it.")
        if self.status is Status.ALTERED:
            return (f"Altered: this packet was changed after it was signed ({self.reason}). "
                    "Do not rely on it; ask the organisation for a fresh copy.")
        return (f"Unsigned: {self.reason}. A packet hrdesk writes is always signed; if this should be one, it is "
                "not the original (saving a PDF again in another program removes the signature).")


def fingerprint_of(raw_public_key: bytes) -> str:
    """The key's fingerprint as printed on the cover: SHA-256 of the 32 raw key bytes, hex in groups of four."""
    digest = hashlib.sha256(raw_public_key).hexdigest()
    return "SHA256:" + " ".join(digest[i:i + 4] for i in range(0, len(digest), 4))


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed (any case, spaces, colons, with or without ``SHA256:``) in the printed form."""
    hexdigits = re.sub(r"[\s:]", "", text.strip()).lower().removeprefix("sha256")
    if not re.fullmatch(r"[0-9a-f]{64}", hexdigits):
        raise InvalidInputError(
            f"'{text}' is not a key fingerprint.",
            hint="A fingerprint is 64 hexadecimal digits (spaces allowed), as printed on the packet's cover, "
                 "e.g. 'SHA256:1a2b 3c4d ...'.")
    return "SHA256:" + " ".join(hexdigits[i:i + 4] for i in range(0, 64, 4))


def spki_der(raw_public_key: bytes) -> bytes:
    """The DER SubjectPublicKeyInfo of a raw Ed25519 public key (what a PEM file holds)."""
    return ED25519_SPKI_PREFIX + raw_public_key


def verify_packet_file(path: Path, *, expected_fingerprint: str = "") -> PacketVerdict:
    """Read ``path`` and check it; a file that cannot be read is a clear error, not a verdict."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"Cannot read '{path}': {exc.strerror}.") from None
    return verify_packet(data, expected_fingerprint=expected_fingerprint)


def verify_packet(data: bytes, *, expected_fingerprint: str = "") -> PacketVerdict:
    """Check a packet's bytes: the block, then the signature, then (if given) whose key it is."""
    if PDF_MAGIC not in data[:1024]:
        return PacketVerdict(Status.UNSIGNED, "this file is not a PDF")
    start = data.rfind(MARKER)
    if start < 0:
        return PacketVerdict(Status.UNSIGNED, "this PDF carries no hrdesk signature")
    block = _BLOCK.fullmatch(data, start)
    if block is None:
        return PacketVerdict(Status.ALTERED, _why_block_unreadable(data[start:]))
    return _check_block(data, start, block, expected_fingerprint)


def _why_block_unreadable(tail: bytes) -> str:
    end = tail.find(b"%%EOF\n")
    if end >= 0 and tail[end + 6:].strip():
        return "something was added after the signature (for example an incremental update)"
    return "its signature block was changed or cut short"


def _check_block(data: bytes, start: int, block: re.Match[bytes], expected: str) -> PacketVerdict:
    stated = _statements(block)
    altered = lambda reason: PacketVerdict(Status.ALTERED, reason, **stated)  # noqa: E731
    pdf = data[:start]
    if int(block["pdf_bytes"]) != start:
        return altered("the signed PDF is not the length the signature states")
    found = _STARTXREF.search(pdf[-64:])
    if found is None or found.group(1) != block["startxref"]:
        return altered("the PDF's end was changed")
    der = base64.b64decode(block["public_key"])
    if len(der) != 44 or not der.startswith(ED25519_SPKI_PREFIX):
        return altered("the embedded public key is not an Ed25519 key")
    raw = der[len(ED25519_SPKI_PREFIX):]
    if fingerprint_of(raw) != stated["fingerprint"]:
        return altered("the stated key fingerprint does not match the embedded key")
    try:
        signature = base64.b64decode(block["signature"], validate=True)
        if base64.b64encode(signature) != block["signature"]:
            # Base64's unused low bits: another spelling of the same signature is still a changed byte.
            return altered("the signature's encoding was changed")
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, data[:block.start("signature_line")])
    except (InvalidSignature, binascii.Error, ValueError):
        return altered("the signature does not match the content")
    if expected and normalise_fingerprint(expected) != stated["fingerprint"]:
        return PacketVerdict(Status.OTHER_KEY, "", **stated, expected_fingerprint=normalise_fingerprint(expected))
    return PacketVerdict(Status.VALID, "", **stated, expected_fingerprint=normalise_fingerprint(expected) if expected else "")


def _statements(block: re.Match[bytes]) -> dict[str, str]:
    try:
        organisation = json.loads(block["organisation"])
    except ValueError:
        organisation = ""
    return {
        "fingerprint": "SHA256:" + block["fingerprint"].decode("ascii"),
        "signed_at": block["signed_at"].decode("ascii"),
        "organisation": organisation if isinstance(organisation, str) else "",
    }
