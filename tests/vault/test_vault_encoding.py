"""Record payloads are stored compactly (version 1) and the JSON payloads of older vaults still read."""

from __future__ import annotations

import json
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hrdesk.vault import Vault, encoding
from hrdesk.vault.cipher import associated_data
from hrdesk.vault.schema import packed_id

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=20), inner, max_size=8),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_every_payload_shape_round_trips(payload: object) -> None:
    data = encoding.encode(payload)
    assert data[0] in (encoding.V1, encoding.V3)
    assert encoding.decode(data) == payload
    assert encoding.decode(encoding.encode_v1(payload)) == payload


RECORDS = st.dictionaries(st.sampled_from(encoding._KEYS_V2), JSON, max_size=len(encoding._KEYS_V2))


@settings(max_examples=300, deadline=None)
@given(RECORDS)
def test_every_record_of_known_keys_is_written_as_version_3_and_round_trips_in_its_key_order(record: dict) -> None:
    data = encoding.encode(record)
    assert data[0] == encoding.V3
    assert encoding.values_encoder(tuple(record))(tuple(record.values())) == data  # the bulk write's bytes too
    decoded = encoding.decode(data)
    assert decoded == record and list(decoded) == list(record)


@settings(max_examples=200, deadline=None)
@given(RECORDS, st.text(min_size=1, max_size=12).filter(lambda k: k not in encoding._KEYS_V2))
def test_a_record_with_a_key_version_2_cannot_spell_is_written_as_version_1(record: dict, extra: str) -> None:
    record = {**record, extra: 1}
    data = encoding.encode(record)
    assert data[0] == encoding.V1 and encoding.decode(data) == record


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_payloads_deflated_as_main_wrote_them_still_read(payload: object) -> None:
    """Version 1 as hrdesk wrote it before (a 32 KiB window, memory level 8): the same bytes read the same."""
    deflate = zlib.compressobj(6, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY, encoding._DICTIONARY_V1)
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    assert encoding.decode(bytes((encoding.V1,)) + deflate.compress(text) + deflate.flush()) == payload


def test_a_damaged_version_2_record_is_refused_not_misread() -> None:
    good = encoding.encode({"employee_id": "1", "name": "Amy"})
    deflate = lambda text: zlib.compressobj(6, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY, encoding._DICTIONARY_V1)  # noqa: E731
    for body in (b'["$#",1]', b'["~",1]', b'["##",1,2]', b'{"a":1}', b"[]", b'[1,2]'):
        packer = deflate(body)
        with pytest.raises(ValueError):
            encoding.decode(bytes((encoding.V2,)) + packer.compress(body) + packer.flush())
    with pytest.raises(ValueError):
        encoding.decode(good[:-3])


def test_version_2_is_smaller_than_version_1_for_the_people_of_the_hr_dataset(hr_dataset) -> None:
    import datetime as dt

    from hrdesk.importing import prepare_import
    from hrdesk.records.fields import EMPLOYEE_FIELDS, PROTECTED_FIELDS

    plan = prepare_import(hr_dataset, "employees", today=dt.date(2026, 11, 26))
    for fields in (list(EMPLOYEE_FIELDS), sorted(PROTECTED_FIELDS)):
        records = [{k: r.values.get(k) for k in fields if k in plan.fields} for r in plan.rows]
        assert sum(map(len, map(encoding.encode, records))) < 0.98 * sum(map(len, map(encoding.encode_v1, records)))
        assert [encoding.decode(encoding.encode(r)) for r in records] == records


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
        vault.connection.execute("UPDATE employees SET payload=? WHERE id=?", (old_blob, packed_id(rid)))
    assert vault.get("employees", rid).payload == {"name": "Amy Dunn", "department": "Production"}
    assert not vault.damaged_records()
    vault.update("employees", rid, {"name": "Amy Dunn", "department": "IT/IS"})
    blob = vault.connection.execute("SELECT payload FROM employees WHERE id=?", (packed_id(rid),)).fetchone()[0]
    assert cipher.decrypt_bytes(blob, aad)[0] == encoding.V3, "a changed record is written in the newest form"
    assert vault.get("employees", rid).payload == {"name": "Amy Dunn", "department": "IT/IS"}


def _as_main_wrote_it(payload: bytes) -> bytes:
    """A record's plaintext as main (before version 2) wrote it: version 1, 32 KiB window, memory level 8."""
    value = encoding.decode(payload)
    deflate = zlib.compressobj(6, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY, encoding._DICTIONARY_V1)
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return bytes((encoding.V1,)) + deflate.compress(text) + deflate.flush()


def test_a_vault_whose_records_main_wrote_opens_and_reads_the_same(vault: Vault, hr_dataset, passphrase: str) -> None:
    from hrdesk.importing import import_file
    from hrdesk.records import Records
    from hrdesk.vault.cipher import kid_of
    from hrdesk.vault.store import aad_builder

    import_file(vault, hr_dataset)
    before = [(e.id, e.employee_id, e.name, e.department, e.team_id) for e in Records(vault).employees.list()]
    protected_before = {r.id: r.payload for r in vault.rows("protected_attributes")}
    store = vault._store
    cipher = store.require_cipher()
    rewritten = 0
    with vault.transaction():
        for table in ("employees", "protected_attributes", "teams"):
            columns = [c[1] for c in store.conn.execute(f'PRAGMA table_info("{table}")')]
            aad = aad_builder(table, columns)
            for fetched in store.conn.execute(f'SELECT {", ".join(columns)} FROM "{table}"').fetchall():
                row = dict(zip(columns, fetched))
                plain = cipher.decrypt_bytes(row["payload"], aad(row))
                assert plain[0] == encoding.V3
                kid = kid_of(row["payload"])
                blob = cipher.encrypt_bytes(_as_main_wrote_it(plain), aad(row), kid)
                store.conn.execute(f'UPDATE "{table}" SET payload=? WHERE id=?', (blob, row["id"]))
                rewritten += 1
    assert rewritten > 2 * 311
    path = vault.path
    vault.close(backup=False)
    reopened = Vault.open(path, passphrase)
    try:
        assert [(e.id, e.employee_id, e.name, e.department, e.team_id) for e in Records(reopened).employees.list()] == before
        assert {r.id: r.payload for r in reopened.rows("protected_attributes")} == protected_before
        assert not reopened.damaged_records()
    finally:
        reopened.close(backup=False)
