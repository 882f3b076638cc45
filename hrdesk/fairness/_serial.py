"""Turn the frozen result dataclasses into JSON-able dicts and back.

One generic pair of functions instead of a hand-written ``to_dict`` per class:
the field types are read from the annotations, so adding a field to a result
class needs no serialisation code. Non-finite floats (NaN, inf) become
``None`` because JSON has no spelling for them.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import types
import typing
from collections.abc import Callable
from typing import Any

import numpy as np


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names (None for other types), once per class: ``is_dataclass`` and
    ``fields()`` per object were most of saving a 100,000-person audit run."""
    if isinstance(cls, type) and dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls))
    return None


_PLAIN = frozenset({str, int, bool, type(None)})


def to_jsonable(obj: Any) -> Any:
    """Recursively convert dataclasses, tuples and numpy scalars to JSON types."""
    kind = type(obj)
    if kind in _PLAIN:
        return obj
    if kind is float:
        return obj if math.isfinite(obj) else None
    names = _field_names(kind)
    if names is not None:
        return {name: to_jsonable(getattr(obj, name)) for name in names}
    if isinstance(obj, (tuple, list)):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, np.generic):
        return to_jsonable(obj.item())
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj


def from_jsonable(cls: type, data: Any) -> Any:
    """Rebuild an instance of dataclass ``cls`` from ``to_jsonable`` output."""
    return _rebuilder(cls)(data)


@functools.cache
def _rebuilder(cls: type) -> Callable[[Any], Any]:
    """``from_jsonable(cls, ·)`` with each field's converter worked out once per class."""
    types_ = hints(cls)
    fields = tuple((f.name, converter(types_[f.name])) for f in dataclasses.fields(cls))

    def rebuild(data: Any) -> Any:
        return cls(**{name: conv(data[name]) for name, conv in fields if name in data})

    return rebuild


@functools.cache
def hints(cls: type) -> dict[str, Any]:
    """A class's resolved field types, worked out once: resolving them for each of a 10,000-person audit's
    15,000 rows took 20 s of the 26 s it took to read the run back."""
    return typing.get_type_hints(cls)


def convert(tp: Any, value: Any) -> Any:
    return converter(tp)(value)


def _same(value: Any) -> Any:
    return value


@functools.cache
def converter(tp: Any) -> Callable[[Any], Any]:
    """The function that reads a JSON value back as type ``tp``, built once per type.

    Reading a 100,000-person run back asked the type's origin and arguments again for each of
    two million values (most of the 2.8 s the Audits screen waited per run); the answer depends
    on the type alone. ``None`` reads as NaN for a float and as None otherwise; a union with one
    non-None member reads as that member; a tuple saved as a table (``_compact``) is read by column.
    """
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            return _same
        member = converter(inner[0])
        if member is _same:
            return _same
        return lambda value: None if value is None else member(value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = converter(args[0])

        def many(value: Any) -> Any:
            if value is None:
                return None
            if isinstance(value, dict):  # a table, as saved runs keep them (``_compact``)
                from hrdesk.fairness._compact import from_table

                return from_table(args[0], value)
            return tuple(value) if item is _same else tuple(map(item, value))

        return many
    if origin is tuple:
        items = tuple(converter(a) for a in args)
        return lambda value: None if value is None else tuple(c(v) for c, v in zip(items, value))
    if origin is dict:
        item = converter(args[1])
        return lambda value: None if value is None else {k: item(v) for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        rebuild = _rebuilder(tp)
        return lambda value: None if value is None else rebuild(value)
    if tp is float:
        return lambda value: float("nan") if value is None else float(value)
    return _same
