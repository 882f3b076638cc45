"""Bulk reading of a few fields (``encoding.values_reader``, ``Vault.values``): the same values as the full
decode, every payload version, and damage still refused and named."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hrdesk.errors import DamagedVaultError, PrivacyInvariantError
from hrdesk.records import Records, tables
from hrdesk.vault import Vault, encoding
from hrdesk.vault.cipher import associated_data
from hrdesk.vault.schema import packed_id

VALUES = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False) | st.text(max_size=30)
RECORDS = st.dictionaries(st.sampled_from(encoding._KEYS_V2), VALUES, max_size=len(encoding._KEYS_V2))
WANTED = st.lists(st.sampled_from(encoding._KEYS_V2), min_size=1, max_size=6)
ABSENT = object()


@settings(max_examples=300, deadline=None)
@given(RECORDS, WANTED)
def test_the_values_read_are_the_decoded_records_values_in_every_version(record: dict, keys: list[str]) -> None:
    read = encoding.values_reader(keys, missing=ABSENT)
    expected = tuple(record.get(key, ABSENT) for key in keys)
    # version 2 as hrdesk wrote it before version 3: the coded array deflated with the version-1 dictionary
    v2 = encoding._V2_BYTE + encoding._deflate(encoding._to_json([encoding._codes_for(tuple(record)),
                                                                   *record.values()]).encode("utf-8"))
    for data in (encoding.encode(record), v2, encoding.encode_v1(record), encoding._to_json(record).encode()):
        assert read(data) == expected
        assert encoding.decode(data) == record


def test_the_shape_check_sees_each_record_shape_once_and_can_refuse_it() -> None:
    seen: list[tuple[str, ...]] = []
    read = encoding.values_reader(["name"], check=seen.append)
    for n in range(5):
        read(encoding.encode({"employee_id": str(n), "name": f"P{n}"}))
    read(encoding.encode({"name": "Q"}))
    assert seen == [("employee_id", "name"), ("name",)]

    def refuse(keys: tuple[str, ...]) -> None:
        if "sex" in keys:
            raise PrivacyInvariantError("protected field")

    guarded = encoding.values_reader(["name"], check=refuse)
    assert guarded(encoding.encode({"name": "A"})) == ("A",)
    with pytest.raises(PrivacyInvariantError):
        guarded(encoding.encode({"name": "B", "sex": "F"}))


@pytest.mark.parametrize("data", [
    encoding.encode([1, 2]),  # not a record
    encoding.encode_v1(["\x23\x24", 1]),  # a version-1 array is not a coded record either
    encoding._V2_BYTE + encoding._deflate(b'["\\u0023\\u0024", 1]'),  # two codes, one value
    encoding._V2_BYTE + encoding._deflate(b'["~", 1]'),  # an unknown code
    encoding._V2_BYTE + encoding._deflate(b'[]'),
    encoding._V2_BYTE + encoding._deflate(b'[["#"], 1]'),
    b"\x02garbage",
])
def test_what_is_not_a_record_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        encoding.values_reader(["employee_id"])(data)


def _people(vault: Vault) -> list[str]:
    vault.ensure_table("teams")
    vault.ensure_table("employees", links=("team_id",))
    team = vault.insert("teams", {"name": "Sales"})
    return [vault.insert("employees", {"employee_id": str(n), "name": f"P{n}", "engagement": n / 2},
                         links={"team_id": team if n % 2 else None}) for n in range(6)]


def test_vault_values_are_the_rows_values_in_the_same_order(vault: Vault) -> None:
    _people(vault)
    read = encoding.values_reader(["engagement", "name", "absences"])
    got = list(vault.values("employees", read))
    rows = list(vault.rows("employees"))
    assert [row for row, _values in got] == [(r.id, r.links["team_id"]) for r in rows]
    assert [values for _row, values in got] == [(r.payload["engagement"], r.payload["name"], None) for r in rows]


def test_a_damaged_or_moved_record_is_named_by_the_bulk_read(vault: Vault, vault_path: Path, passphrase: str) -> None:
    ids = _people(vault)
    vault.close(backup=False)
    raw = sqlite3.connect(vault_path, isolation_level=None)
    moved = raw.execute("SELECT payload FROM employees WHERE id=?", (packed_id(ids[0]),)).fetchone()[0]
    raw.execute("UPDATE employees SET payload=? WHERE id=?", (moved, packed_id(ids[3])))
    raw.close()
    with Vault.open(vault_path, passphrase) as v, pytest.raises(DamagedVaultError) as err:
        list(v.values("employees", encoding.values_reader(["name"])))
    assert err.value.record_id == ids[3] and err.value.table == "employees"


def test_a_record_that_decrypts_but_is_not_an_object_is_named(vault: Vault) -> None:
    ids = _people(vault)
    cipher = vault._store.require_cipher()
    row = vault.get("employees", ids[2])
    blob = cipher.encrypt_bytes(encoding.encode([1, 2, 3]), associated_data("employees", ids[2], row.links))
    with vault.transaction():
        vault.connection.execute("UPDATE employees SET payload=? WHERE id=?", (blob, packed_id(ids[2])))
    with pytest.raises(DamagedVaultError) as err:
        list(vault.values("employees", encoding.values_reader(["name"])))
    assert err.value.record_id == ids[2]


def test_an_employee_record_holding_a_protected_field_is_refused_when_read(vault: Vault) -> None:
    tables.ensure_tables(vault)
    records = Records(vault)
    vault.insert(tables.EMPLOYEES, {"employee_id": "1", "name": "A", "manager_name": "M"}, links={"team_id": None})
    assert records.employees.values(["manager_name"]) == [((records.employees.values(["name"])[0][0][0], None), ("M",))]
    vault.insert(tables.EMPLOYEES, {"employee_id": "2", "name": "B", "sex": "F"}, links={"team_id": None})
    with pytest.raises(PrivacyInvariantError, match="sex"):
        records.employees.values(["manager_name"])
    with pytest.raises(PrivacyInvariantError, match="sex"):  # nor does the typed read let it through
        records.employees.list()


def test_a_link_damaged_into_bytes_that_are_not_utf8_is_named_not_a_crash(vault: Vault, vault_path: Path,
                                                                          passphrase: str) -> None:
    ids = _people(vault)
    vault.close(backup=False)
    raw = sqlite3.connect(vault_path, isolation_level=None)
    raw.execute("UPDATE employees SET team_id=CAST(x'ff41' AS TEXT) WHERE id=?", (packed_id(ids[1]),))
    raw.close()
    with Vault.open(vault_path, passphrase) as v, pytest.raises(DamagedVaultError) as err:
        list(v.values("employees", encoding.values_reader(["name"])))
    assert err.value.record_id == ids[1]


def test_only_the_rows_picked_by_their_links_are_decrypted(vault: Vault) -> None:
    ids = _people(vault)
    cipher = vault._store.require_cipher()
    row = vault.get("employees", ids[4])
    with vault.transaction():  # a damaged record that is not picked is never decrypted, so never refused
        vault.connection.execute("UPDATE employees SET payload=? WHERE id=?",
                                 (cipher.encrypt_bytes(b"\x02junk", associated_data("employees", ids[4], row.links)), packed_id(ids[4])))
    got = list(vault.values("employees", encoding.values_reader(["name"]), only=lambda rows: [r for r in rows if r[1]]))
    assert [r[0] for r, _values in got] == [ids[1], ids[3], ids[5]] and got[0][1] == ("P1",)
