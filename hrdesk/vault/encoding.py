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

``0x02`` (what hrdesk writes since): the keys are not spelled at all. A
record whose keys are all in ``_KEYS_V2`` (frozen: a new key list is a new
version) is the JSON array ``["<one character per key>", value, value, ...]``,
deflated as version 1 is: about 5% smaller than version 1, and quicker to
make, because a dict's keys never pass through the JSON encoder or the
compressor. Anything else (a key not in the list, a payload that is not an
object) is written as version 1.
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


# Frozen with version 2: the n-th key is written as the character chr(0x23 + n) (never '"' or a backslash).
_KEYS_V2 = (
    "employee_id", "name", "manager_name", "department", "position", "employment_status", "hire_date",
    "termination_date", "termination_reason", "performance_score", "last_review_date", "special_projects",
    "engagement", "satisfaction", "absences", "age", "age_on", "date_of_birth", "disability", "hispanic_latino",
    "race", "sex", "first_name", "last_name", "left", "cycle", "review_date", "rating", "feedback", "goals", "date",
    "mood", "workload", "stress", "comment", "value", "text", "author", "kind", "note", "by", "at", "start", "end",
    "scale", "status", "granted", "cycle_id",
)
_CODE_V2 = {key: chr(0x23 + n) for n, key in enumerate(_KEYS_V2)}
_KEY_OF_CODE_V2 = {code: key for key, code in _CODE_V2.items()}
_codes_seen: dict[tuple[str, ...], str | None] = {}  # key tuples are few (one per record shape): work each out once
_shapes_seen: dict[str, tuple[str, ...]] = {}
V2 = 0x02
_V2_BYTE = bytes((V2,))

_to_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
_from_json = json.JSONDecoder().decode  # on text: json.loads would first guess the bytes' encoding
# A 2 KiB window holds the whole dictionary and any record's near repeats, and costs far less
# to set up per record than the default 32 KiB (records are compressed one at a time);
# the reader's larger window reads it all the same.
_WINDOW_BITS, _MEM_LEVEL = -11, 2


def encode(payload: object) -> bytes:
    """The bytes of ``payload`` (anything JSON can hold; a read-only mapping as a dict): version 2 when it can."""
    if type(payload) is not dict and isinstance(payload, Mapping) and not isinstance(payload, dict):
        payload = dict(payload)
    if type(payload) is dict:
        shape = tuple(payload)
        codes = _codes_seen.get(shape, "")
        if codes == "":
            codes = _codes_seen[shape] = _codes_for(shape)
        if codes is not None:
            return _V2_BYTE + _deflate(_to_json([codes, *payload.values()]).encode("utf-8"))
    return encode_v1(payload)


def encode_v1(payload: object) -> bytes:
    """The version-1 bytes of ``payload``: its JSON text, deflated."""
    return _V1_BYTE + _deflate(_to_json(payload).encode("utf-8"))


# A compressor with the dictionary already loaded, copied for each record: loading the dictionary
# into a fresh one was a third of the cost of deflating a record (the bytes are the same).
_primed = zlib.compressobj(6, zlib.DEFLATED, _WINDOW_BITS, _MEM_LEVEL, zlib.Z_DEFAULT_STRATEGY, _DICTIONARY_V1).copy


def _deflate(text: bytes) -> bytes:
    deflate = _primed()
    return deflate.compress(text) + deflate.flush()


def _codes_for(shape: tuple[str, ...]) -> str | None:
    """One character per key, or None when a key has no code (the record is then written as version 1)."""
    if len(_codes_seen) > 10_000:  # shapes are few; a caller inventing keys must not grow this forever
        _codes_seen.clear()
    codes = [_CODE_V2.get(key) for key in shape]
    return None if None in codes else "".join(codes)  # type: ignore[arg-type]


def decode(data: bytes) -> object:
    """The payload in ``data``, whichever version wrote it; ``ValueError`` when it is none of them."""
    version = data[:1]
    if version == _V2_BYTE:
        return _record_v2(_from_json(_inflate(data, 2).decode("utf-8")))
    if version == _V1_BYTE:
        return _from_json(_inflate(data, 1).decode("utf-8"))
    return json.loads(data)  # version 0: JSON text


def _inflate(data: bytes, version: int) -> bytes:
    inflate = zlib.decompressobj(-15, zdict=_DICTIONARY_V1)
    try:
        text = inflate.decompress(data[1:], MAX_DECODED)
    except zlib.error as exc:
        raise ValueError(f"not a version-{version} payload: {exc}") from None
    if inflate.unconsumed_tail or not inflate.eof:
        raise ValueError(f"a version-{version} payload that is cut short or too large")
    return text


def _record_v2(array: object) -> dict[str, object]:
    if not isinstance(array, list) or not array or not isinstance(array[0], str) or len(array[0]) != len(array) - 1:
        raise ValueError("a version-2 payload that is not a coded record")
    codes = array[0]
    keys = _shapes_seen.get(codes)
    if keys is None:
        try:
            keys = tuple(_KEY_OF_CODE_V2[code] for code in codes)
        except KeyError:
            raise ValueError("a version-2 payload with an unknown key code") from None
        if len(set(keys)) != len(keys):
            raise ValueError("a version-2 payload that names a key twice")
        if len(_shapes_seen) > 10_000:
            _shapes_seen.clear()
        _shapes_seen[codes] = keys
    return dict(zip(keys, array[1:]))
