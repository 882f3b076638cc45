"""Records sealed in bulk draw their nonces in batches: every one is still fresh, and every record opens."""

from __future__ import annotations

import os

from hrdesk.vault.cipher import NONCE_BYTES, RecordCipher


def test_bulk_sealed_records_have_distinct_nonces_and_open() -> None:
    cipher = RecordCipher({"dk": os.urandom(32)})
    seal = cipher.sealer("dk")
    header = 2 + len("dk")
    blobs = [seal(f"record {i}".encode(), f"t\x1f{i}".encode()) for i in range(5000)]
    nonces = {blob[header : header + NONCE_BYTES] for blob in blobs}
    assert len(nonces) == 5000 and all(len(n) == NONCE_BYTES for n in nonces)
    assert [cipher.decrypt_bytes(b, f"t\x1f{i}".encode()) for i, b in enumerate(blobs)] == [f"record {i}".encode() for i in range(5000)]
    other = cipher.sealer("dk")  # a second sealer draws its own nonces
    assert other(b"x", b"a")[header : header + NONCE_BYTES] not in nonces
