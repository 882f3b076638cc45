"""JSON lists of flat records, written exactly as ``json.dumps(rows, indent=2, ensure_ascii=False)``.

With ``indent`` set, the standard library falls back to its pure-Python
encoder: for 100,000 people that was a third of ``hrdesk employees list
--json``. Each string goes through the C string encoder here and the layout
is written directly; anything but a list of flat dicts of scalars is handed
to ``json.dumps`` unchanged, so the output never differs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from json.encoder import encode_basestring  # the C implementation where there is one
from typing import Any

class _NotFlat(Exception):
    """A value ``json.dumps`` would nest: the whole list is left to it."""


def _scalar(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if kind is bool or kind is int or kind is float:
        return json.dumps(value)  # as json.dumps writes numbers (NaN included)
    raise _NotFlat


def dumps_records(rows: Sequence[Mapping[str, Any]]) -> str:
    """The text ``json.dumps(rows, indent=2, ensure_ascii=False)`` gives, faster for flat records."""
    try:
        return _flat(rows)
    except _NotFlat:
        return json.dumps(rows, indent=2, ensure_ascii=False)


def _flat(rows: Sequence[Mapping[str, Any]]) -> str:
    if not rows:
        return "[]"
    keys: dict[tuple[str, ...], list[str]] = {}
    parts = []
    for row in rows:
        if type(row) is not dict or not row:
            raise _NotFlat
        shape = tuple(row)
        prefixes = keys.get(shape)
        if prefixes is None:
            if not all(type(k) is str for k in shape):  # json.dumps converts other keys its own way
                raise _NotFlat
            prefixes = keys[shape] = [f"    {encode_basestring(k)}: " for k in shape]
        parts.append("  {\n" + ",\n".join([p + _scalar(v) for p, v in zip(prefixes, row.values())]) + "\n  }")
    return "[\n" + ",\n".join(parts) + "\n]"
