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
