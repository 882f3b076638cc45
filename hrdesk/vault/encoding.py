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

``0x03`` (what hrdesk writes since): version 2's coded array, deflated with
``_DICTIONARY_V3`` (version 1's dictionary with the standard race and
ethnicity categories and the common answers to the other protected questions
in front), so that no common protected-attribute record deflates past the 48
bytes its table pads records to. Versions 1 and 2 read as before.
"""

from __future__ import annotations

import json
import json.scanner
import zlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from operator import itemgetter

V1 = 0x01
_V1_BYTE = bytes((V1,))
#: How big one decoded payload may be: far above any record (the largest are saved audit runs, about
#: 25 MiB of JSON at 100,000 people and three times that at 300,000), far below what would hurt memory.
MAX_DECODED = 256 * 2**20

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

# Version 3 (what hrdesk writes since): version 2's coded array, deflated with this dictionary: version 1's
# with the standard race and ethnicity categories and the common answers to the other protected questions in
# front of it (frozen: a new dictionary is a new version). With version 1's alone, a protected-attribute record
# of a person whose category it lacked ("Native Hawaiian or Other Pacific Islander") deflated past the 48 bytes
# those records are padded to (``schema.PADDED``), so its length still told it apart.
V3 = 0x03
_V3_BYTE = bytes((V3,))
_DICTIONARY_V3 = (
    b'"Middle Eastern or North African","Some Other Race","Hispanic or Latino","Not Hispanic or Latino",'
    b'"Native Hawaiian or Other Pacific Islander","American Indian or Alaska Native","Black or African American",'
    b'"Prefer not to say","Decline to state","Non-binary","Yes","No",'
) + _DICTIONARY_V1
_DICTIONARIES = {1: _DICTIONARY_V1, 2: _DICTIONARY_V1, 3: _DICTIONARY_V3}
_CODED = (_V2_BYTE, _V3_BYTE)  # versions whose body is a coded array

_to_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def _not_json(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# ``_to_json`` as the encoder's C function itself, made once: ``JSONEncoder.encode`` builds it anew on
# every call, which was half the cost of the JSON of a record (the same text: ``encode`` uses this very
# function). Without the circular-reference markers: a record is never circular (one would hit the
# recursion limit instead of a ValueError).
_c_encoder = json.encoder.c_make_encoder
if _c_encoder is None:  # an interpreter without the C accelerator
    _json_text = _to_json
else:
    _encode_c = _c_encoder(None, _not_json, json.encoder.encode_basestring, None, ":", ",", False, False, True)

    def _json_text(value: object) -> str:
        return "".join(_encode_c(value, 0))
_from_json = json.JSONDecoder().decode  # on text: json.loads would first guess the bytes' encoding
_scan_json = json.scanner.make_scanner(json.JSONDecoder())
# A 2 KiB window holds the whole dictionary and any record's near repeats, and costs far less
# to set up per record than the default 32 KiB (records are compressed one at a time);
# the reader's larger window reads it all the same.
_WINDOW_BITS, _MEM_LEVEL = -11, 2
# A payload of megabytes (a saved audit run) is not a record: with those settings deflate took 2 s and
# kept twice the bytes for a 100,000-person run; level 1 with the full window is five times quicker and
# smaller. The same format: the reader's 32 KiB window reads both.
_LARGE = 64 * 2**10


def encode(payload: object) -> bytes:
    """The bytes of ``payload`` (anything JSON can hold; a read-only mapping as a dict): version 3 when it can."""
    if type(payload) is not dict and isinstance(payload, Mapping) and not isinstance(payload, dict):
        payload = dict(payload)
    if type(payload) is dict:
        shape = tuple(payload)
        codes = _codes_seen.get(shape, "")
        if codes == "":
            codes = _codes_seen[shape] = _codes_for(shape)
        if codes is not None:
            return _V3_BYTE + _deflate(_json_text([codes, *payload.values()]).encode("utf-8"), V3)
    return encode_v1(payload)


def padded(data: bytes, bucket: int) -> bytes:
    """``data`` (a payload of version 1, 2 or 3) with zero bytes after its deflate stream up to a multiple of
    ``bucket``: the reader stops at the stream's end, and the encryption authenticates the padding with the rest.
    Version-0 JSON text cannot be padded and is returned as it is (hrdesk no longer writes it)."""
    if not data or data[0] not in (V1, V2, V3) or bucket <= 1:
        return data
    return data + bytes(-len(data) % bucket)


def padder(bucket: int | None) -> Callable[[bytes], bytes] | None:
    """``padded(·, bucket)`` as one function for a bulk write, or None when the table is not padded."""
    return (lambda data: padded(data, bucket)) if bucket else None


def encode_v1(payload: object) -> bytes:
    """The version-1 bytes of ``payload``: its JSON text, deflated."""
    return _V1_BYTE + _deflate(_json_text(payload).encode("utf-8"))


def values_encoder(keys: Sequence[str]) -> Callable[[Sequence[object]], bytes]:
    """``encode(dict(zip(keys, values)))`` for many records of one shape, from their values alone: a bulk
    write (an import of 100,000 people) builds no dict per record and looks its shape up once."""
    keys = tuple(keys)
    codes = _codes_for(keys) if len(set(keys)) == len(keys) else None
    if codes is None:  # a key the coded versions cannot spell (or named twice): whatever ``encode`` makes of it
        return lambda values: encode(dict(zip(keys, values)))
    primed, text_of = _primed_v3, _json_text

    def encode_values(values: Sequence[object]) -> bytes:
        text = text_of([codes, *values]).encode("utf-8")
        if len(text) > _LARGE:
            return _V3_BYTE + _deflate(text, V3)
        deflate = primed()
        return _V3_BYTE + deflate.compress(text) + deflate.flush()

    return encode_values


# A compressor with the dictionary already loaded, copied for each record: loading the dictionary
# into a fresh one was a third of the cost of deflating a record (the bytes are the same).
def _primer(dictionary: bytes) -> Callable[[], Any]:
    return zlib.compressobj(6, zlib.DEFLATED, _WINDOW_BITS, _MEM_LEVEL, zlib.Z_DEFAULT_STRATEGY, dictionary).copy


_primed, _primed_v3 = _primer(_DICTIONARY_V1), _primer(_DICTIONARY_V3)


def _deflate(text: bytes, version: int = V1) -> bytes:
    """``text`` deflated with the dictionary of ``version`` (versions 1 and 2 share version 1's)."""
    if len(text) > _LARGE:  # an audit run of megabytes: fast, with the whole window
        deflate = zlib.compressobj(1, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY, _DICTIONARIES[version])
    else:
        deflate = (_primed_v3 if version == V3 else _primed)()
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
    if version == _V3_BYTE:
        return _record_v2(_json_array(_inflate(data, 3).decode("utf-8")))
    if version == _V2_BYTE:
        return _record_v2(_json_array(_inflate(data, 2).decode("utf-8")))
    if version == _V1_BYTE:
        return _from_json(_inflate(data, 1).decode("utf-8"))
    return json.loads(data)  # version 0: JSON text


_inflater = zlib.decompressobj


def _inflate(data: bytes, version: int) -> bytes:
    inflate = _inflater(-15, _DICTIONARIES[version])
    try:
        text = inflate.decompress(data[1:], MAX_DECODED)
    except zlib.error as exc:
        raise ValueError(f"not a version-{version} payload: {exc}") from None
    if inflate.unconsumed_tail or not inflate.eof:
        raise ValueError(f"a version-{version} payload that is cut short or too large")
    return text


def _record_v2(array: object) -> dict[str, object]:
    return dict(zip(_keys_v2(array), array[1:]))  # type: ignore[index]


def _keys_v2(array: object) -> tuple[str, ...]:
    """The keys a version-2 array's codes spell; ``ValueError`` when it is not a coded record."""
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
    return keys


def _json_array(text: str) -> object:
    """``_from_json(text)`` through the JSON scanner itself: the decoder's two whitespace matches and its
    frames around the scanner were a third of decoding a record (what hrdesk writes has no whitespace)."""
    try:
        value, end = _scan_json(text, 0)
        if end == len(text):
            return value
    except (StopIteration, ValueError):
        pass
    return _from_json(text)  # whitespace around it, or not JSON at all (raises ValueError naming the problem)


def values_reader(
    keys: Sequence[str], *, check: Callable[[tuple[str, ...]], None] | None = None, missing: object = None
) -> Callable[[bytes], tuple]:
    """A decoder of just the values of ``keys`` (``missing`` where a payload lacks one), for bulk readers such as
    the audit of 100,000 people: a version-2 payload's values are picked by position, no dict is built.

    ``check`` sees the keys of each record shape once (every record's, for older versions), e.g. to refuse
    fields that must never be there. Raises ``ValueError`` as ``decode`` does, and for a non-object payload.
    """
    keys = tuple(keys)
    picks: dict[str, Callable[[list], tuple]] = {}

    def pick_for(array: list) -> Callable[[list], tuple]:
        shape = _keys_v2(array)
        if check is not None:
            check(shape)
        # a key the record lacks reads the ``missing`` appended after its last value
        where = [shape.index(key) + 1 if key in shape else len(shape) + 1 for key in keys]
        if len(where) == 1:
            return lambda values, at=where[0]: (values[at],)
        return itemgetter(*where)

    def read(data: bytes) -> tuple:
        version = data[:1]
        if version not in _CODED:
            payload = decode(data)
            if type(payload) is not dict:
                raise ValueError("a payload that is not a record")
            if check is not None:
                check(tuple(payload))
            return tuple(payload.get(key, missing) for key in keys)
        inflate = _inflater(-15, _DICTIONARIES[data[0]])
        try:  # ``_inflate`` and ``_json_array`` in one frame: this runs for every record of a bulk read
            text = inflate.decompress(data[1:], MAX_DECODED).decode("utf-8")
            array, end = _scan_json(text, 0)
            whole = end == len(text) and inflate.eof and not inflate.unconsumed_tail
        except (zlib.error, StopIteration, ValueError):
            whole = False
        if not whole:  # anything odd is read again the careful way, which says what is wrong with it
            array = _json_array(_inflate(data, data[0]).decode("utf-8"))
        codes = array[0] if type(array) is list and array else None
        pick = picks.get(codes) if type(codes) is str and len(codes) == len(array) - 1 else None
        if pick is None:
            pick = picks[codes] = pick_for(array)  # raises ValueError for anything but a coded record
        array.append(missing)
        return pick(array)

    return read
