"""Record payloads as bytes before encryption: compact, versioned, and old ones still read.

A record's plaintext used to be its JSON text, and the JSON key names were
most of each employee's bytes ("employment_status", "performance_score" ...
on every one of 100,000 records), so the vault was 3.5 times the CSV it came
from. Version 1 is the same JSON deflated with a preset dictionary of the
key names and common values, which removes most of that repetition from
each record on its own (records are encrypted one by one, so they cannot
share a compression stream).

Format: one version byte, then the body. ``0x01``: raw deflate (no zlib
header) of the compact JSON with ``_DICTIONARY_V1`` preset. A payload whose
first byte is not a known version is version 0, plain JSON text as older
vaults hold it (JSON never begins with a control byte), so old records read
unchanged and are written in the new form the next time they change (a key
rotation rewrites every record). The dictionary of a version never changes:
a new dictionary is a new version byte.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping

V1 = 0x01
_V1_BYTE = bytes((V1,))
#: How big one decoded payload may be: far above any record, far below what would hurt memory.
MAX_DECODED = 16 * 2**20

# Frozen with version 1. Deflate looks back into the dictionary, and matches near the end are
# the cheapest, so the commonest strings come last.
_DICTIONARY_V1 = (
    b'"comment":"status":"author":"text":"granted":"kind":"note":"by":"at":"start":"end":"scale":'
    b'"value":"review_date":"cycle_id":"mood":"workload":"stress":"date":'
    b'"disability":"age":"age_on":"date_of_birth":"hispanic_latino":"race":"sex":"Female","Male",'
    b'"White","Black or African American","Asian","Two or more races",'
    b'"termination_reason":"N/A-StillEmployed","termination_date":"Voluntarily Terminated",'
    b'"last_review_date":"special_projects":"satisfaction":"absences":"engagement":'
    b'"performance_score":"Fully Meets","Exceeds","Needs Improvement","PIP",'
    b'"position":"Production Technician I","department":"Production","Sales","IT/IS",'
    b'"manager_name":"employment_status":"Active","hire_date":"name":"employee_id":'
    b'{"employee_id":"","name":"'
)


_to_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
# A 2 KiB window holds the whole dictionary and any record's near repeats, and costs far less
# to set up per record than the default 32 KiB (records are compressed one at a time);
# the reader's larger window reads it all the same.
_WINDOW_BITS, _MEM_LEVEL = -11, 2


def encode(payload: object) -> bytes:
    """The version-1 bytes of ``payload`` (anything JSON can hold; a read-only mapping as a dict)."""
    if type(payload) is not dict and isinstance(payload, Mapping) and not isinstance(payload, dict):
        payload = dict(payload)
    deflate = zlib.compressobj(6, zlib.DEFLATED, _WINDOW_BITS, _MEM_LEVEL, zlib.Z_DEFAULT_STRATEGY, _DICTIONARY_V1)
    return _V1_BYTE + deflate.compress(_to_json(payload).encode("utf-8")) + deflate.flush()


def decode(data: bytes) -> object:
    """The payload in ``data``, whichever version wrote it; ``ValueError`` when it is neither."""
    if data[:1] == bytes((V1,)):
        inflate = zlib.decompressobj(-15, zdict=_DICTIONARY_V1)
        try:
            text = inflate.decompress(data[1:], MAX_DECODED)
        except zlib.error as exc:
            raise ValueError(f"not a version-1 payload: {exc}") from None
        if inflate.unconsumed_tail or not inflate.eof:
            raise ValueError("a version-1 payload that is cut short or too large")
        return json.loads(text)
    return json.loads(data)  # version 0: JSON text
