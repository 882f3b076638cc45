"""`hrdesk employees list --json` writes its JSON itself (the standard encoder is pure Python once
``indent`` is set); it must be byte for byte what ``json.dumps(rows, indent=2, ensure_ascii=False)`` gives."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from hrdesk.commands.jsonout import dumps_records

_values = st.one_of(st.none(), st.text(), st.booleans(), st.integers(), st.floats(allow_nan=True))
_rows = st.lists(st.dictionaries(st.text(max_size=12), _values, max_size=6), max_size=8)


@given(_rows)
def test_records_are_written_as_json_dumps_writes_them(rows: list[dict]) -> None:
    assert dumps_records(rows) == json.dumps(rows, indent=2, ensure_ascii=False)


def test_names_with_quotes_escapes_and_other_scripts() -> None:
    rows = [{"name": 'O"Brien \\ \u202e\x1b 山田', "manager": None, "status": "Active"}, {"name": "", "manager": "Ann"}]
    assert dumps_records(rows) == json.dumps(rows, indent=2, ensure_ascii=False)
    assert json.loads(dumps_records(rows)) == rows


def test_anything_but_flat_records_is_left_to_json_dumps() -> None:
    nested = [{"a": {"b": [1, 2]}}, {1: "int key"}]
    assert dumps_records(nested) == json.dumps(nested, indent=2, ensure_ascii=False)
    assert dumps_records([]) == "[]"


# ``hrdesk audit --json`` and the other nested reports: one line per innermost object or list.
_keys = st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none())
_nested = st.recursive(
    _values,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=30,
)


@given(_nested)
def test_nested_reports_hold_exactly_what_json_dumps_holds(data) -> None:
    from hrdesk.commands.jsonout import dumps_readable

    assert json.dumps(json.loads(dumps_readable(data))) == json.dumps(json.loads(json.dumps(data)))


def test_a_table_reads_as_one_line_per_row() -> None:
    from hrdesk.commands.jsonout import dumps_readable

    report = {"run": {"id": "r1"}, "tables": {"sex": [{"group": "Female", "rate": 0.25}, {"group": "Male", "rate": 0.5}]}}
    lines = dumps_readable(report).splitlines()
    assert '      {"group": "Female", "rate": 0.25},' in lines
    assert '      {"group": "Male", "rate": 0.5}' in lines
    assert json.loads("\n".join(lines)) == report
