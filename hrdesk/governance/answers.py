"""Reading a step's answers (a JSON object) with errors that name the field and what is wrong.

Every step's answers pass through these few readers, so "contest.response_days:
a whole number of days from 1 to 90 is needed, not 'soon'" reads the same
everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from hrdesk.errors import InvalidAnswersError

MIN_TEXT = 12  # a written response shorter than this is not a response


def obj(raw: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise InvalidAnswersError(where or "answers", f"an object {{...}} is needed, not {_kind(raw)}")
    return raw


def sub(raw: Mapping[str, Any], key: str, where: str = "") -> Mapping[str, Any]:
    return obj(_get(raw, key, where), _name(where, key))


def text(raw: Mapping[str, Any], key: str, where: str = "", *, min_len: int = 1, hint: str = "") -> str:
    value = _get(raw, key, where)
    if not isinstance(value, str) or len(value.strip()) < min_len:
        need = "some text" if min_len <= 1 else f"a written answer (at least {min_len} characters)"
        raise InvalidAnswersError(_name(where, key), f"{need} is needed, not {_kind(value)}", hint=hint)
    return value.strip()


def integer(raw: Mapping[str, Any], key: str, where: str = "", *, low: int, high: int, unit: str = "") -> int:
    value = _get(raw, key, where)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidAnswersError(_name(where, key), f"a whole number{' of ' + unit if unit else ''} from {low} to {high} "
                                                     f"is needed, not {_kind(value)}")
    return value


def number(raw: Mapping[str, Any], key: str, where: str = "", *, low: float, high: float) -> float:
    value = _get(raw, key, where)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= float(value) <= high:
        raise InvalidAnswersError(_name(where, key), f"a number from {low:g} to {high:g} is needed, not {_kind(value)}")
    return float(value)


def flag(raw: Mapping[str, Any], key: str, where: str = "", *, default: bool | None = None) -> bool:
    value = raw.get(key, default) if isinstance(raw, Mapping) else None
    if not isinstance(value, bool):
        raise InvalidAnswersError(_name(where, key), f"true or false is needed, not {_kind(value)}")
    return value


def choice(raw: Mapping[str, Any], key: str, options: Sequence[str], where: str = "") -> str:
    value = _get(raw, key, where)
    if value not in options:
        raise InvalidAnswersError(_name(where, key), f"one of {', '.join(repr(o) for o in options)} is needed, "
                                                     f"not {_kind(value)}")
    return str(value)


def items(raw: Mapping[str, Any], key: str, where: str = "", *, min_items: int = 0) -> list[Any]:
    value = _get(raw, key, where)
    if not isinstance(value, list) or len(value) < min_items:
        need = "a list [...]" + (f" of at least {min_items}" if min_items else "")
        raise InvalidAnswersError(_name(where, key), f"{need} is needed, not {_kind(value)}")
    return value


def _get(raw: Mapping[str, Any], key: str, where: str) -> Any:
    if not isinstance(raw, Mapping) or key not in raw:
        raise InvalidAnswersError(_name(where, key), "is missing")
    return raw[key]


def _name(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return "an empty text" if not value.strip() else f"'{value[:40]}'"
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__
