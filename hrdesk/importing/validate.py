"""Turning text cells into typed values, and every problem into a RowError.

Conversion is column-wise with pandas, so a 10,000-row file validates in a
blink. Dates are read in one order for the whole file (month/day/year or
day/month/year, decided from the values unless the mapping says); ISO dates
are always accepted. Two-digit years resolve into the past: a date of birth
is never less than 14 years ago (so 03/10/75 is 1975, and 01/02/51 is 1951),
any other date never more than a year ahead.

Impossible values are row errors, never stored: a date more than a year
ahead (a hire date in 2099) or before 1900, an age over ``MAX_AGE_YEARS``,
and text holding control characters (terminal escapes, the right-to-left
override, a bell) that would rewrite whatever screen later shows it. Rows
that share an identity (the same employee id twice) are all errors: which of
them is right cannot be known, and taking either would overwrite someone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd

from hrdesk.importing.mapping import Mapping, canonical_labels
from hrdesk.importing.readers import SourceTable
from hrdesk.importing.report import RowError
from hrdesk.records.fields import Field, FieldType, Kind, fields_for

_ISO = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d")
DATE_FORMATS: dict[str, tuple[str, ...]] = {
    "MDY": _ISO + ("%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%m.%d.%Y"),
    "DMY": _ISO + ("%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d.%m.%y", "%d-%m-%Y"),
    "YMD": _ISO,
}
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}$")
MIN_AGE_YEARS = 14
MAX_AGE_YEARS = 100
EARLIEST_DATE = dt.date(1900, 1, 1)
# C0/C1 controls and DEL, the bidirectional controls, and the line/paragraph separators
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})

# The columns that identify a row; a second row with the same key is an error.
ROW_KEYS: dict[Kind, tuple[str, ...]] = {
    Kind.EMPLOYEES: ("employee_id",),
    Kind.REVIEWS: ("employee_id", "cycle"),
    Kind.CHECKINS: ("employee_id", "date"),
}


@dataclass(frozen=True)
class ValidRow:
    row: int  # spreadsheet row
    values: dict[str, Any]  # field -> value (dates as ISO strings), JSON-ready


@dataclass
class Validation:
    rows: list[ValidRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # file-level: nothing can be imported
    date_order: str = "MDY"


_WHOLE_FLOAT = re.compile(r"^(\d+)\.0+$")
_DECIMAL_COMMA = re.compile(r"^(-?\d+),(\d+)$")


def validate(table: SourceTable, mapping: Mapping, *, today: dt.date) -> Validation:
    """Check and convert every row of ``table`` under ``mapping``."""
    known = fields_for(mapping.kind)
    mapped = {name: source for name, source in mapping.mapped().items() if source in table.header}
    result = Validation(problems=_mapping_problems(table, mapping, mapped, known))
    if result.problems:
        return result
    width = len(table.header)
    lengths = list(map(len, table.rows))
    good: list[int] = list(range(len(lengths))) if lengths.count(width) == len(lengths) else []
    for i, row in enumerate(table.rows if not good else ()):  # rows of another width: looked at one by one
        if len(row) == width or (len(row) > width and not any(c.strip() for c in row[width:])):
            good.append(i)
        else:
            result.errors.append(
                RowError(table.row_numbers[i], "", f"column shift: {len(row)} fields where the header has {width}")
            )
    every = len(good) == len(table.rows)
    good_rows = table.rows if every else [table.rows[i] for i in good]
    numbers = list(table.row_numbers) if every else [table.row_numbers[i] for i in good]
    names = list(mapped)
    texts_of = dict(zip(names, _columns(good_rows, [table.header.index(mapped[name]) for name in names])))
    distinct = {name: _factorize(texts) for name, texts in texts_of.items()}
    result.date_order = _date_order(mapping, mapped, known, distinct)
    columns: dict[str, list[Any]] = {}
    bad: dict[int, list[RowError]] = {}
    for name, source in mapped.items():  # each column's cells let go once converted: the rows come next
        texts = texts_of.pop(name)
        values, reasons = _convert(texts, distinct.pop(name), known[name], mapping, result.date_order, today)
        columns[name] = values
        for j, reason in reasons.items():
            bad.setdefault(j, []).append(RowError(numbers[j], source, reason, texts[j].strip()))
    _check_duplicates(mapping.kind, columns, mapped, numbers, bad)
    records = map(dict, map(zip, repeat(names), zip(*columns.values())))  # a dict per row, made in C
    if not bad:
        result.rows = list(map(ValidRow, numbers, records))
        return result
    for j, values in enumerate(records):
        if j in bad:
            result.errors.extend(bad[j])
        else:
            result.rows.append(ValidRow(numbers[j], values))
    result.errors.sort(key=lambda e: (e.row, e.column))
    return result


def _columns(rows: list[list[str]], indexes: list[int]) -> list[tuple[str, ...]]:
    """The cells of columns ``indexes`` (one tuple per column), in one pass over the rows."""
    if not rows:
        return [() for _ in indexes]
    if len(indexes) == 1:
        return [tuple(map(itemgetter(indexes[0]), rows))]
    return list(zip(*map(itemgetter(*indexes), rows)))


def _factorize(texts: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Each cell's position among the column's distinct cells, and those cells in order of appearance.

    Exports repeat departments, positions, dates and numbers thousands of times,
    so a 100,000-row column has a few thousand distinct cells to check.
    """
    codes, uniques = pd.factorize(np.asarray(texts, dtype=object))
    return codes, uniques.tolist()


def _mapping_problems(table: SourceTable, mapping: Mapping, mapped: dict[str, str], known: dict[str, Field]) -> list[str]:
    problems = []
    for name, spec in known.items():
        if spec.required and name not in mapped:
            problems.append(f"no column is mapped to {spec.label}, which is required")
    if problems:
        problems.append(_columns_found(table, mapped))
    for name, source in mapped.items():
        spec = known[name]
        if spec.type is FieldType.SCALE and spec.scale not in mapping.scales:
            index = table.header.index(source)
            found = sorted({r[index].strip() for r in table.rows if len(r) == len(table.header) and r[index].strip()})
            shown = ", ".join(found[:8]) + (", …" if len(found) > 8 else "")
            problems.append(
                f"the order of the {spec.scale} scale in '{source}' is not declared (values: {shown}); "
                "declare it in the mapping, lowest first"
            )
    if not table.rows:
        problems.append("the file has no data rows")
    return problems


def _columns_found(table: SourceTable, mapped: dict[str, str]) -> str:
    """Which columns the file has and how to map them: the refusal is only useful with both."""
    shown = [f"'{c}'" for c in table.header[:15]] + ([f"and {len(table.header) - 15} more"] if len(table.header) > 15 else [])
    where = f"the sheet '{table.sheet}' has" if table.sheet else "the file has"
    text = f"{where} {len(table.header)} column{'s' if len(table.header) != 1 else ''}: {', '.join(shown)}"
    others = [s for s in table.sheets if s != table.sheet]
    if others:
        text += f" (the workbook also has the sheet{'s' if len(others) > 1 else ''} {', '.join(repr(s) for s in others)}: choose one with --sheet NAME)"
    return (
        text + "; map a column to each required field on the import window's mapping page, or with "
        "--print-mapping MAP.json, editing MAP.json, and importing with --mapping MAP.json"
    )


def _date_order(mapping: Mapping, mapped: dict[str, str], known: dict[str, Field],
                distinct: dict[str, tuple[np.ndarray, list[str]]]) -> str:
    """The mapping's date order, or the one the file's dates show (a first part above 12 means day first).

    Month first when nothing tells them apart; the plan reports the order used.
    """
    if mapping.date_order != "auto":
        return mapping.date_order
    day_first = month_first = 0
    for name in mapped:
        if known[name].type in (FieldType.DATE, FieldType.BIRTH_DATE):
            codes, cells = distinct[name]
            for text, times in zip(cells, np.bincount(codes, minlength=len(cells)).tolist()):
                match = _NUMERIC_DATE.match(text.strip())
                if match:
                    first, second = int(match[1]), int(match[2])
                    day_first += times * (first > 12 and second <= 12)
                    month_first += times * (second > 12 and first <= 12)
    return "DMY" if day_first > month_first else "MDY"


def _convert(texts: Sequence[str], distinct: tuple[np.ndarray, list[str]], spec: Field, mapping: Mapping, order: str,
             today: dt.date) -> tuple[list[Any], dict[int, str]]:
    """Values and reasons for a column, keyed by row index; each distinct cell (``_factorize``) is converted once."""
    codes, cells = distinct
    values, reasons = _convert_distinct(cells, spec, mapping, order, today, _date_sample(texts, spec))
    spread = np.empty(len(values), dtype=object)
    spread[:] = values
    out = spread[codes].tolist() if len(texts) else []
    if not reasons:
        return out, {}
    bad = np.fromiter(reasons, dtype=np.int64, count=len(reasons))
    return out, {j: reasons[int(codes[j])] for j in np.flatnonzero(np.isin(codes, bad)).tolist()}


def _date_sample(texts: Sequence[str], spec: Field) -> list[str]:
    """The first 64 non-blank cells of a date column in file order: which format to try first."""
    if spec.type not in (FieldType.DATE, FieldType.BIRTH_DATE):
        return []
    sample: list[str] = []
    for text in texts:
        if text.strip():
            sample.append(text.strip())
            if len(sample) == 64:
                break
    return sample


def _convert_distinct(cells: list[str], spec: Field, mapping: Mapping, order: str, today: dt.date,
                      date_sample: list[str]) -> tuple[list[Any], dict[int, str]]:
    kind = spec.type
    if kind in (FieldType.DATE, FieldType.BIRTH_DATE):
        values, reasons = _dates(cells, spec, order, today, date_sample)
    elif kind in (FieldType.NUMBER, FieldType.INTEGER):
        values, reasons = _numbers(cells, spec)
    elif kind is FieldType.SCALE:
        values, reasons = _scale(cells, mapping.scales[spec.scale], spec.scale)
    elif kind is FieldType.YES_NO:
        values, reasons = _yes_no(cells)
    elif kind is FieldType.LONG_TEXT:
        values, reasons = [t.strip() or None for t in cells], _controls(cells)
    else:
        values, reasons = [" ".join(t.split()) or None for t in cells], _controls(cells)
    if spec.name == "employee_id":
        # A spreadsheet or pandas round trip writes 10026 as "10026.0": still the same person.
        values = [_WHOLE_FLOAT.sub(r"\1", v) if v and "." in v else v for v in values]
    if spec.required:
        for j, value in enumerate(values):
            if value is None and j not in reasons:
                reasons[j] = f"missing {spec.label} (required)"
    return values, reasons


def _controls(texts: list[str]) -> dict[int, str]:
    """Cells holding characters that would act on a terminal or reorder text, instead of being shown."""
    if not _CONTROL.search("\n".join(texts)):  # one scan of the column; LF is not a control here
        return {}
    reasons: dict[int, str] = {}
    for j, text in enumerate(texts):
        found = _CONTROL.search(text)
        if found:
            reasons[j] = f"contains a control character (U+{ord(found.group()):04X}) that cannot be shown safely"
    return reasons


def _parse_dates(texts: list[str], order: str, birth: bool, today: dt.date, sample: list[str]) -> tuple[pd.Series, set[int]]:
    s = pd.Series([t.strip() for t in texts], dtype=object)
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[us]")
    pending = s != ""
    for fmt in _likely_first(pd.Series(sample, dtype=object), DATE_FORMATS[order]):
        if not pending.any():
            break
        parsed = pd.to_datetime(s[pending], format=fmt, errors="coerce")
        if "%y" in fmt:
            parsed = _into_the_past(parsed, birth, today)
        hit = parsed.index[parsed.notna()]
        out[hit] = parsed[hit]
        pending[hit] = False
    return out, set(pending.index[pending])


def _likely_first(values: pd.Series, formats: tuple[str, ...]) -> list[str]:
    """Formats ordered by how many of a small sample they read: a failed parse is slow, so try the right one first."""
    sample = values.head(64)
    if sample.empty:
        return list(formats)
    hits = {fmt: int(pd.to_datetime(sample, format=fmt, errors="coerce").notna().sum()) for fmt in formats}
    return sorted(formats, key=lambda fmt: -hits[fmt])


def _into_the_past(parsed: pd.Series, birth: bool, today: dt.date) -> pd.Series:
    limit = pd.Timestamp(today) - pd.DateOffset(years=MIN_AGE_YEARS) if birth else pd.Timestamp(today) + pd.DateOffset(years=1)
    late = parsed > limit
    if late.any():
        parsed = parsed.copy()
        parsed[late] = parsed[late] - pd.DateOffset(years=100)
    return parsed


def _dates(texts: list[str], spec: Field, order: str, today: dt.date, sample: list[str]) -> tuple[list[Any], dict[int, str]]:
    """``sample``: the column's first non-blank cells in file order, to choose which format to try first."""
    birth = spec.type is FieldType.BIRTH_DATE
    out, bad = _parse_dates(texts, order, birth, today, sample)
    pattern = {"MDY": "month/day/year", "DMY": "day/month/year", "YMD": "year-month-day"}[order]
    reasons = {j: f"not a date (expected {pattern})" for j in bad}
    for j in out.index[out < pd.Timestamp(EARLIEST_DATE)]:
        reasons[j] = f"before {EARLIEST_DATE.year}: not a plausible date"
    if birth:
        for j in out.index[out > pd.Timestamp(today)]:
            reasons[j] = "date of birth is in the future"
        oldest = pd.Timestamp(today) - pd.DateOffset(years=MAX_AGE_YEARS)
        for j in out.index[(out < oldest) & (out >= pd.Timestamp(EARLIEST_DATE))]:
            reasons[j] = f"an age over {MAX_AGE_YEARS} years is not plausible"
    else:
        ahead = pd.Timestamp(today) + pd.DateOffset(years=1)
        for j in out.index[out > ahead]:
            reasons[j] = "more than a year in the future: not a plausible date"
    days = out.to_numpy().astype("datetime64[D]")
    iso = np.datetime_as_string(days, unit="D").tolist()
    return [None if v == "NaT" else v for v in iso], reasons


def _numbers(texts: list[str], spec: Field) -> tuple[list[Any], dict[int, str]]:
    cells = [t.strip() for t in texts]
    if any("," in t for t in cells):
        cells = [_DECIMAL_COMMA.sub(r"\1.\2", t) for t in cells]
    present = np.fromiter((bool(t) for t in cells), dtype=bool, count=len(cells))
    column = pd.Series(cells, dtype=object).where(present, None)
    num = pd.to_numeric(column, errors="coerce").astype("float64").to_numpy()
    whole = spec.type is FieldType.INTEGER
    finite = np.isfinite(num)
    not_number = present & ~finite
    fraction = present & finite & (np.mod(num, 1) != 0) if whole else np.zeros(len(num), dtype=bool)
    outside = np.zeros(len(num), dtype=bool)
    with np.errstate(invalid="ignore"):
        if spec.low is not None:
            outside |= num < spec.low
        if spec.high is not None:
            outside |= num > spec.high
    outside &= present & finite & ~fraction
    reasons: dict[int, str] = {}
    for j in np.flatnonzero(not_number | fraction).tolist():
        reasons[j] = "not a whole number" if whole else "not a number"
    for j in np.flatnonzero(outside).tolist():
        reasons[j] = f"outside {_bounds(spec)}"
    ok = present & finite & ~fraction & ~outside
    convert = int if whole else float
    values = [convert(v) if good else None for v, good in zip(num.tolist(), ok.tolist())]
    return values, reasons


def _bounds(spec: Field) -> str:
    low, high = spec.low, spec.high
    fmt = lambda x: f"{x:g}"  # noqa: E731
    if low is not None and high is not None:
        return f"the range {fmt(low)} to {fmt(high)}"
    return f"the range {fmt(low)} or more" if low is not None else f"the range up to {fmt(high)}"


def _scale(texts: list[str], labels: list[str], name: str) -> tuple[list[Any], dict[int, str]]:
    canon = canonical_labels(labels)
    keys = [" ".join(t.casefold().split()) for t in texts]
    values = [canon.get(key) for key in keys]
    reason = f"not on the {name} scale ({' < '.join(labels)})"
    return values, {j: reason for j, key in enumerate(keys) if key and key not in canon}


def _yes_no(texts: list[str]) -> tuple[list[Any], dict[int, str]]:
    keys = [t.strip().casefold() for t in texts]
    values = [True if key in _YES else False if key in _NO else None for key in keys]
    return values, {j: "expected yes or no" for j, key in enumerate(keys) if key and key not in _YES and key not in _NO}


def _check_duplicates(kind: Kind, columns: dict[str, list[Any]], mapped: dict[str, str], rows: list[int], bad: dict[int, list[RowError]]) -> None:
    """Every row whose key another row shares is an error: taking one would silently overwrite the other."""
    key_fields = ROW_KEYS[kind]
    if not all(k in columns for k in key_fields):
        return
    if len(key_fields) == 1 and len(set(columns[key_fields[0]])) == len(columns[key_fields[0]]):
        return  # the usual case, found without a Python step per row (and no tuple per row)
    keys = list(zip(*(columns[k] for k in key_fields)))
    shared = {key for key, times in Counter(keys).items() if times > 1 and all(v is not None for v in key)}
    if not shared:
        return
    seen: dict[tuple, list[int]] = {}
    for j, key in enumerate(keys):
        if key in shared:
            seen.setdefault(key, []).append(j)
    source = mapped[key_fields[0]]
    what = " and ".join(key_fields).replace("_", " ")
    for key, js in seen.items():
        if len(js) < 2:
            continue
        where = _and([str(n) for n in sorted(rows[j] for j in js)])  # as the file numbers them, whatever the order
        for j in js:
            reason = f"duplicate {what}: rows {where} share it, so none of them is imported"
            bad.setdefault(j, []).append(RowError(rows[j], source, reason, str(key[0])))


def _and(items: list[str]) -> str:
    shown = items[:6] + (["…"] if len(items) > 6 else [])
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]
