"""The import's bulk path (``insert_new``): the same records ``insert_many`` writes, from values alone."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hrdesk.errors import DamagedVaultError, InvalidInputError
from hrdesk.records import Records, tables
from hrdesk.vault import Vault, encoding, teamkeys
from hrdesk.vault.cipher import kid_of
from hrdesk.vault.schema import packed_id
from hrdesk.vault.store import _KEY_OF_ID, INSERT_SLICE, _fresh_raw_ids, aad_builder

JSON = st.recursive(  # as test_vault_encoding's: every shape a payload can take
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=20), inner, max_size=8),
    max_leaves=30,
)
KEYS = ("employee_id", "name", "engagement", "left")


def _plaintexts(vault: Vault, table: str) -> dict[str, bytes]:
    """Every record's decrypted bytes by id, as the file holds them."""
    store = vault._store
    columns = [c[1] for c in store.conn.execute(f'PRAGMA table_info("{table}")')]
    aad = aad_builder(table, columns)
    cipher = store.require_cipher()
    found = {}
    for fetched in store.conn.execute(f'SELECT {", ".join(columns)} FROM "{table}"'):
        row = dict(zip(columns, fetched))
        found[row["id"].hex()] = cipher.decrypt_bytes(row["payload"], aad(row))
    return found


def test_many_new_records_read_back_as_insert_many_writes_them(vault: Vault) -> None:
    vault.ensure_table("things", links=("group_id", "owner_id"))
    count = 2 * INSERT_SLICE + 7  # several slices
    values = [(str(i), f"Name {i}", i / 7, i % 2 == 0) for i in range(count)]
    links = [(None if i % 5 == 0 else f"g{i % 3}", None) for i in range(count)]
    with vault.transaction():
        # the links named in another order than the table's: each value still lands in its column
        ids = vault.insert_new("things", ("owner_id", "group_id"), KEYS, ((link[::-1], v) for link, v in zip(links, values)))
        twin = vault.insert_many("things", [(None, dict(zip(("group_id", "owner_id"), links[0])), dict(zip(KEYS, values[0])))])[0]
    assert len(set(ids)) == count and all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids)
    got = {row.id: row for row in vault.rows("things")}
    assert [got[i].payload for i in ids] == [dict(zip(KEYS, v)) for v in values]
    assert [got[i].links for i in ids] == [dict(zip(("group_id", "owner_id"), link)) for link in links]
    plain = _plaintexts(vault, "things")
    assert plain[ids[0]] == plain[twin] == encoding.encode(dict(zip(KEYS, values[0])))
    stored = vault.connection.execute("SELECT id FROM things").fetchall()
    assert {row[0] for row in stored} == {packed_id(i) for i in [*ids, twin]}  # 8 bytes each, as new_id's are
    # a ciphertext moved to another row fails its check instead of reading as that row
    blob = vault.connection.execute("SELECT payload FROM things WHERE id=?", (packed_id(ids[0]),)).fetchone()[0]
    with vault.transaction():
        vault.connection.execute("UPDATE things SET payload=? WHERE id=?", (blob, packed_id(ids[1])))
    with pytest.raises(DamagedVaultError):
        vault.get("things", ids[1])


def test_a_one_per_table_takes_the_id_of_the_record_it_belongs_to(vault: Vault) -> None:
    Records(vault)
    keys = ("race", "sex")
    with vault.transaction():
        people = vault.insert_new(tables.EMPLOYEES, ("team_id",), ("employee_id",), [((None,), ("1",)), ((None,), ("2",))])
        assert vault.insert_new(tables.PROTECTED, ("employee_id",), keys,
                                [((people[0],), ("White", "Female")), ((people[1],), ("Asian", None))]) == people
    assert {r.id: (r.links, r.payload) for r in vault.rows(tables.PROTECTED)} == {
        people[0]: ({"employee_id": people[0]}, {"race": "White", "sex": "Female"}),
        people[1]: ({"employee_id": people[1]}, {"race": "Asian", "sex": None}),
    }
    with pytest.raises(InvalidInputError, match="needs its employee_id"):
        vault.insert_new(tables.PROTECTED, ("employee_id",), keys, [((None,), ("White", "Male"))])


def test_each_record_is_sealed_under_the_key_insert_many_chooses(vault: Vault) -> None:
    """Employees under their team's key (a new team's key made on the way), everyone else's under the org's."""
    Records(vault)
    with vault.transaction():
        teams = [vault.insert(tables.TEAMS, {"manager_name": f"M{i}"}, links={"manager_employee_id": None}) for i in range(3)]
        rows = [((teams[i % 3] if i % 4 else None,), (str(i),)) for i in range(20)]
        ids = vault.insert_new(tables.EMPLOYEES, ("team_id",), ("employee_id",), rows)
        one_by_one = [vault.insert(tables.EMPLOYEES, {"employee_id": str(i)}, links={"team_id": link[0]}) for i, (link, _v) in enumerate(rows)]
    blobs = dict(vault.connection.execute("SELECT id, payload FROM employees").fetchall())
    kids = [kid_of(blobs[packed_id(i)]) for i in ids]
    assert kids == [kid_of(blobs[packed_id(i)]) for i in one_by_one]
    assert kids == [teamkeys.team_kid(link[0]) if link[0] else "dk" for link, _v in rows]


def test_wrong_links_are_refused_before_anything_is_written(vault: Vault) -> None:
    vault.ensure_table("things", links=("group_id",))
    with pytest.raises(InvalidInputError, match="links group_id"):
        vault.insert_new("things", ("owner_id",), KEYS, [(("g",), ("1", "A", 1.0, False))])
    with pytest.raises(InvalidInputError, match="takes 1 links, not 2"):
        vault.insert_new("things", ("group_id",), KEYS, [(("g", "h"), ("1", "A", 1.0, False))])
    assert vault.count("things") == 0


def test_only_the_tables_listed_choose_a_records_key_by_its_own_id(vault: Vault) -> None:
    """``insert_new`` looks a key up once per distinct links unless the table is in ``_KEY_OF_ID``:
    a table whose key also depends on the record's id must be listed there."""
    Records(vault)
    scopes = vault._store.scopes
    assert scopes is not None and scopes.enabled
    team = vault.insert(tables.TEAMS, {"manager_name": "M"}, links={"manager_employee_id": None})
    person = vault.insert(tables.EMPLOYEES, {"employee_id": "1"}, links={"team_id": team})
    named = {*teamkeys.TEAM_TABLES, *teamkeys.SHARED_TABLES, *teamkeys.GOVERNANCE_TABLES, *tables.LINKS,
             "vault_meta", "vault_meta_copy"}
    for table in sorted(named):
        links = {"team_id": team, "employee_id": person, "manager_employee_id": None, "cycle_id": None}
        by_id = {scopes.kid_for(table, row_id, links) for row_id in ("0" * 16, "f" * 16, "governance.state", "org_name")}
        assert len(by_id) == 1 or table in _KEY_OF_ID, table


def test_fresh_raw_ids_do_not_repeat() -> None:
    fresh = _fresh_raw_ids()
    ids = [next(fresh) for _ in range(10_000)]
    assert len(set(ids)) == len(ids) and all(len(i) == 8 for i in ids)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(encoding._KEYS_V2 + ("not a v2 key",)), max_size=12), st.data())
def test_the_values_encoder_writes_what_encode_writes_for_the_dict(keys: list[str], data: st.DataObject) -> None:
    values = data.draw(st.lists(JSON, min_size=len(keys), max_size=len(keys)))
    encoded = encoding.values_encoder(tuple(keys))(values)
    assert encoded == encoding.encode(dict(zip(keys, values)))
    assert encoding.decode(encoded) == dict(zip(keys, values))


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_the_json_of_a_record_is_the_json_encoders(payload: object) -> None:
    assert encoding._json_text(payload) == encoding._to_json(payload)
