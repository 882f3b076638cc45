"""Saved audit runs read back exactly, whichever columns a saved table holds.

Reading a run back builds each table's rows straight from its columns when they
are the class's leading fields in order (the fast path that made the Audits screen
open a 100,000-person run in a fraction of the time), and by name otherwise: a run
saved before a field was added, or with its columns in another order, must read
the same as the name-by-name path would.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hrdesk.fairness._compact import from_table, to_compact
from hrdesk.fairness._serial import convert


@dataclass(frozen=True)
class Row:
    group: str
    n: int
    rate: float
    low: float | None = None
    parts: tuple[str, ...] = ()


ROWS = (Row("F", 10, 0.5, 0.1, ("F",)), Row("M", 3, float("nan"), None, ("M", "x")))


def _same(a: Row, b: Row) -> bool:
    return (a.group, a.n, a.low, a.parts) == (b.group, b.n, b.low, b.parts) and (
        a.rate == b.rate or (math.isnan(a.rate) and math.isnan(b.rate)))


def test_a_saved_table_reads_back_as_the_rows_it_holds() -> None:
    back = from_table(Row, to_compact(ROWS))
    assert all(_same(a, b) for a, b in zip(back, ROWS, strict=True))


def test_a_table_saved_before_a_field_existed_gets_that_fields_default() -> None:
    table = {"columns": ["group", "n", "rate"], "values": [["F", "M"], [10, 3], [0.5, None]]}
    back = from_table(Row, table)
    assert back[0] == Row("F", 10, 0.5) and back[1].low is None and back[1].parts == ()
    assert math.isnan(back[1].rate)  # a missing rate reads as NaN, as JSON's null always did


def test_columns_in_another_order_or_unknown_to_the_class_read_by_name() -> None:
    table = {"columns": ["rate", "gone", "n", "group"], "values": [[0.25, 1.0], ["x", "y"], [4, 5], ["A", "B"]]}
    assert from_table(Row, table) == (Row("A", 4, 0.25), Row("B", 5, 1.0))


def test_values_convert_by_their_declared_type() -> None:
    ones = convert(tuple[float, ...], [1, None])
    assert type(ones[0]) is float and ones[0] == 1.0 and math.isnan(ones[1])
    assert convert(float | None, None) is None and convert(float | None, 2) == 2.0
    assert convert(dict[str, tuple[str, ...]], {"a": ["x"]}) == {"a": ("x",)}
    assert convert(tuple[str, ...], None) is None
    assert from_table(Row, to_compact(ROWS))[1].parts == ("M", "x")
