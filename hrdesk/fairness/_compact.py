"""The compact form saved audit runs are stored in: tables by column, numbers as 8-byte floats.

At 100,000 people a run holds about 110,000 table rows (most of them one per
manager and outcome). Written as ``to_jsonable`` writes them, each row spelt
its 15 field names and each number as up to 20 digits of text: 41 MB of JSON,
most of the time it took to save the run. Here every tuple of two or more
dataclasses of one class is a table, ``{"columns": [names], "values": [column,
...]}``, and a column of floats (None and non-finite as NaN, read back as
None exactly as JSON's null is) is the base64 of its little-endian float64
bytes, ``{"f8": "..."}``: the same numbers bit for bit, in well under half the
bytes and a quarter of the time. ``from_jsonable`` reads both forms, so runs
saved before read unchanged.
"""

from __future__ import annotations

import base64
import functools
import itertools
import math
import operator
import types
import typing
from typing import Any

import numpy as np

from hrdesk.fairness._serial import _field_names, converter, hints, to_jsonable

COLUMNS = "columns"
FLOAT64 = "f8"
_SIMPLE = frozenset({str, int, bool, type(None)})
_FLOATS = frozenset({float, type(None)})


def to_compact(obj: Any) -> Any:
    """``to_jsonable(obj)``, with tables by column (see the module docstring)."""
    kind = type(obj)
    if kind in _SIMPLE:
        return obj
    if kind is tuple and len(obj) > 1:
        first = type(obj[0])
        names = _field_names(first)
        if names is not None and all(type(x) is first for x in obj):
            get = operator.attrgetter(*names) if len(names) > 1 else (lambda x: (getattr(x, names[0]),))
            return {COLUMNS: list(names), "values": [_column(list(c)) for c in zip(*map(get, obj))]}
    names = _field_names(kind)
    if names is not None:
        return {name: to_compact(getattr(obj, name)) for name in names}
    if isinstance(obj, (tuple, list)):
        return [to_compact(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_compact(v) for k, v in obj.items()}
    return to_jsonable(obj)


def _column(values: list) -> Any:
    kinds = set(map(type, values))
    if kinds <= _SIMPLE:
        return values
    if kinds <= _FLOATS:
        return {FLOAT64: base64.b64encode(np.array(values, dtype="<f8").tobytes()).decode("ascii")}
    if kinds == {tuple} and set(map(type, itertools.chain.from_iterable(values))) <= _SIMPLE:
        return values  # a group's parts, a team's counts: JSON writes a tuple as the list it is
    return [to_compact(v) for v in values]


def _unpack(column: Any) -> list:
    if isinstance(column, dict) and FLOAT64 in column:
        numbers = np.frombuffer(base64.b64decode(column[FLOAT64]), dtype="<f8").tolist()
        return [x if math.isfinite(x) else None for x in numbers]
    return column


def from_table(cls: type, table: dict) -> tuple:
    """The tuple of ``cls`` a table holds (columns ``cls`` does not have are ignored, as ``from_jsonable`` does)."""
    fields = hints(cls)
    named = [(name, column) for name, column in zip(table[COLUMNS], table["values"]) if name in fields]
    columns = [_convert_column(fields[name], _unpack(column)) for name, column in named]
    names = [name for name, _column in named]
    if tuple(names) == _field_names(cls)[: len(names)]:  # the saved columns are the class's leading fields, in order
        return tuple(itertools.starmap(cls, zip(*columns)))
    return tuple(cls(**dict(zip(names, row))) for row in zip(*columns))


def _convert_column(tp: Any, values: list) -> list:
    return values if _unchanged(tp) else list(map(converter(tp), values))


@functools.cache
def _unchanged(tp: Any) -> bool:
    """Whether ``convert(tp, value)`` is always ``value`` (text, whole numbers, yes/no, and unions of several)."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return len(inner) != 1 or _unchanged(inner[0])
    return tp is not float and typing.get_origin(tp) not in (tuple, dict) and _field_names(tp) is None


def expand(value: Any) -> list[dict]:
    """A stored list of records as dicts, whichever form it was saved in (a table or a list)."""
    if isinstance(value, dict) and COLUMNS in value:
        return [dict(zip(value[COLUMNS], row)) for row in zip(*map(_unpack, value["values"]))]
    return list(value)
