"""Writing many records at once: nonces drawn in batches are all fresh and every record opens; the
primed compressor writes exactly the bytes a fresh one would."""

from __future__ import annotations

import os
import zlib

from hrdesk.vault import encoding
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


def test_the_primed_compressor_writes_what_a_fresh_one_writes() -> None:
    payloads = [{"employee_id": str(i), "name": f"Name {i}" * (i % 7), "engagement": i / 7, "left": i % 2 == 0}
                for i in range(300)] + [{"unknown key": "v1"}, [1, 2, 3], "text", {}]
    for payload in payloads:
        data = encoding.encode(payload)
        body = encoding._to_json(payload if data[0] == encoding.V1 else [encoding._codes_for(tuple(payload)), *payload.values()])
        fresh = zlib.compressobj(6, zlib.DEFLATED, encoding._WINDOW_BITS, encoding._MEM_LEVEL, zlib.Z_DEFAULT_STRATEGY,
                                 encoding._DICTIONARIES[data[0]])
        assert data[1:] == fresh.compress(body.encode("utf-8")) + fresh.flush()
        assert encoding.decode(data) == payload
