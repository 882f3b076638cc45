"""Record payloads are stored compactly (version 1) and the JSON payloads of older vaults still read."""

from __future__ import annotations

import json
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hrdesk.vault import Vault, encoding
from hrdesk.vault.cipher import associated_data

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=20), inner, max_size=8),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_every_payload_shape_round_trips(payload: object) -> None:
    data = encoding.encode(payload)
    assert data[0] == encoding.V1
    assert encoding.decode(data) == payload


def test_an_employee_record_is_a_quarter_of_its_json() -> None:
    employee = {"employee_id": "10026", "name": "Dunn, Amy", "manager_name": "Brandon R. LeBlanc",
                "department": "Production", "position": "Production Technician I", "employment_status": "Active",
                "hire_date": "2011-07-05", "termination_date": None, "termination_reason": "N/A-StillEmployed",
                "performance_score": "Fully Meets", "last_review_date": "2019-01-17", "special_projects": 0,
                "engagement": 4.6, "satisfaction": 5, "absences": 1}
    assert len(encoding.encode(employee)) * 3 < len(json.dumps(employee, separators=(",", ":")))


def test_old_json_text_still_decodes_and_garbage_is_refused() -> None:
    assert encoding.decode(b'{"name":"Amy"}') == {"name": "Amy"}
    with pytest.raises(ValueError):
        encoding.decode(bytes((encoding.V1,)) + b"not deflate at all")
    bomb = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = bomb.compress(b" " * (encoding.MAX_DECODED + 10)) + bomb.flush()
    with pytest.raises(ValueError):
        encoding.decode(bytes((encoding.V1,)) + body)


def test_a_vault_with_old_json_records_reads_them_and_rewrites_them_compactly(vault: Vault) -> None:
    vault.ensure_table("employees", links=("team_id",))
    rid = vault.insert("employees", {"name": "Amy Dunn", "department": "Sales"}, links={"team_id": None})
    cipher = vault._store.require_cipher()
    aad = associated_data("employees", rid, {"team_id": None})
    old_blob = cipher.encrypt_json({"name": "Amy Dunn", "department": "Production"}, aad)  # how older vaults wrote it
    assert cipher.decrypt_bytes(old_blob, aad).startswith(b"{")
    with vault.transaction():
        vault.connection.execute("UPDATE employees SET payload=? WHERE id=?", (old_blob, rid))
    assert vault.get("employees", rid).payload == {"name": "Amy Dunn", "department": "Production"}
    assert not vault.damaged_records()
    vault.update("employees", rid, {"name": "Amy Dunn", "department": "IT/IS"})
    blob = vault.connection.execute("SELECT payload FROM employees WHERE id=?", (rid,)).fetchone()[0]
    assert cipher.decrypt_bytes(blob, aad)[0] == encoding.V1, "a changed record is written in the new form"
    assert vault.get("employees", rid).payload == {"name": "Amy Dunn", "department": "IT/IS"}
