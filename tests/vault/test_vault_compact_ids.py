"""Format 3: ids in 8 bytes and protected attributes keyed by their employee, with older vaults migrated.

The fixture tests/data/v2_text_ids.hrdesk is a format-2 vault with team keys and a
manager, as hrdesk wrote it before (see tests/data/make_v2_text_ids_vault.py).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from hrdesk.errors import DamagedVaultError, InvalidInputError
from hrdesk.records import Records
from hrdesk.vault import KdfParams, Vault, schema
from hrdesk.vault.cipher import (
    FORMAT_V1,
    FORMAT_V3,
    NONCE_BYTES,
    DecryptionFailed,
    RecordCipher,
    associated_data,
    header_length,
    headers_for,
    kid_of,
)
from hrdesk.vault.schema import packed_id
from hrdesk.vault.store import Store, new_id

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "v2_text_ids.hrdesk"
HR_PW, AMY_PW = "correct horse battery staple", "amy's passphrase"
PA = "protected_attributes"


def _columns(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [c[1] for c in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def _raw(path: Path, sql: str, args: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def _everything(vault: Vault) -> dict[str, list[tuple[str, dict, dict]]]:
    """Every record of every table, in the order they were written, as the API returns it."""
    return {table: [(r.id, r.links, r.payload) for r in vault.rows(table)] for table in sorted(vault.tables())}


@pytest.fixture
def old_vault(tmp_path: Path) -> Path:
    target = tmp_path / "old.hrdesk"
    shutil.copyfile(FIXTURE, target)
    return target


# --- ids of every shape ------------------------------------------------------------------


ID_SHAPES = [
    new_id(),
    "0123456789012345",  # digits only: still new_id's shape, packed
    "0123456789ABCDEF",  # upper case: kept as text (packing would read back lower case)
    "0123456789abcde",  # 15 digits
    "0123456789abcdef0",  # 17 digits
    "not-an-id",
    "Ünïcødé ✓",
    "x" * 200,
]


@pytest.mark.parametrize("row_id", ID_SHAPES)
def test_every_id_shape_round_trips_through_every_call(vault: Vault, row_id: str) -> None:
    vault.ensure_table("teams_x")
    vault.ensure_table("people", links=("team_id", "buddy_id"))
    team = vault.insert("teams_x", {"name": "T"}, id=row_id)
    assert team == row_id and vault.get("teams_x", row_id).id == row_id
    person = vault.insert("people", {"n": 1}, links={"team_id": row_id, "buddy_id": None}, id=row_id + "-p")
    other = vault.insert("people", {"n": 2}, links={"team_id": row_id, "buddy_id": person})
    assert vault.get("people", other).links == {"team_id": row_id, "buddy_id": person}
    assert [r.id for r in vault.rows("people", where={"team_id": row_id})] == [person, other]
    assert [r.id for r in vault.rows("people", where={"buddy_id": person})] == [other]
    assert vault.count("people", where={"team_id": row_id}) == 2
    vault.update("people", other, {"n": 3}, links={"team_id": row_id, "buddy_id": None})
    assert vault.get("people", other).payload == {"n": 3} and vault.get("people", other).links["buddy_id"] is None
    assert vault.delete("teams_x", [row_id]) == 1
    assert vault.count("teams_x") == 0 and not vault.damaged_records()


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(ids=st.lists(st.one_of(st.text(min_size=1, max_size=40), st.from_regex(r"\A[0-9a-f]{16}\Z")),
                    min_size=1, max_size=6, unique=True))
def test_any_text_id_reads_back_exactly(vault: Vault, ids: list[str]) -> None:
    vault.ensure_table("any_ids", links=("other_id",))
    with vault.transaction():
        vault.connection.execute("DELETE FROM any_ids")
        written = vault.insert_many("any_ids", [(i, {"other_id": i}, {"i": n}) for n, i in enumerate(ids)])
    assert written == ids
    assert [(r.id, r.links["other_id"], r.payload["i"]) for r in vault.rows("any_ids")] == [
        (i, i, n) for n, i in enumerate(ids)]
    assert all(vault.get("any_ids", i).payload == {"i": n} for n, i in enumerate(ids))


def test_new_ids_are_kept_in_8_bytes_and_others_as_text(vault: Vault, vault_path: Path) -> None:
    vault.ensure_table("people", links=("team_id",))
    packed = vault.insert("people", {"n": 1}, links={"team_id": new_id()})
    text = vault.insert("people", {"n": 2}, links={"team_id": "HR-7"}, id="E-0001")
    vault.close(backup=False)
    stored = dict(((r[0], r[1]), (r[2], r[3])) for r in _raw(
        vault_path, "SELECT typeof(id), length(id), typeof(team_id), length(team_id) FROM people ORDER BY rowid"))
    assert list(stored) == [("blob", 8), ("text", 6)]
    assert list(stored.values()) == [("blob", 8), ("text", 4)]
    assert packed_id(packed) == bytes.fromhex(packed) and packed_id(text) == text


# --- protected attributes keyed by the employee ----------------------------------------------


def test_protected_attributes_are_keyed_by_their_employee_without_a_link_column(vault: Vault, vault_path: Path) -> None:
    vault.ensure_table("employees", links=("team_id",))
    vault.ensure_table(PA, links=("employee_id",))
    amy = vault.insert("employees", {"name": "Amy"}, links={"team_id": None})
    bob = vault.insert("employees", {"name": "Bob"}, links={"team_id": None})
    assert vault.insert(PA, {"sex": "F"}, links={"employee_id": amy}) == amy  # its id is the employee's
    vault.insert_many(PA, [(None, {"employee_id": bob}, {"sex": "M"})])
    assert [(r.id, r.links, r.payload) for r in vault.rows(PA)] == [
        (amy, {"employee_id": amy}, {"sex": "F"}), (bob, {"employee_id": bob}, {"sex": "M"})]
    assert [r.payload for r in vault.rows(PA, where={"employee_id": bob})] == [{"sex": "M"}]
    vault.update(PA, bob, {"sex": "M", "race": "Asian"})
    assert vault.get(PA, bob).payload == {"sex": "M", "race": "Asian"}
    with pytest.raises(InvalidInputError):
        vault.insert(PA, {"sex": "F"}, links={"employee_id": amy}, id=new_id())  # not the employee's id
    with pytest.raises(InvalidInputError):
        vault.insert(PA, {"sex": "F"}, links={"employee_id": None})
    with pytest.raises(InvalidInputError):
        vault.update(PA, bob, {"sex": "F"}, links={"employee_id": amy})  # would move to Amy
    vault.close(backup=False)
    assert _columns(vault_path, PA) == ["id", "payload"]
    indexes = {r[0] for r in _raw(vault_path, "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name=?", (PA,))}
    assert indexes == {"sqlite_autoindex_protected_attributes_1"}


def test_a_ciphertext_swapped_between_protected_rows_or_tables_is_detected(vault: Vault, vault_path: Path) -> None:
    vault.ensure_table("employees", links=("team_id",))
    vault.ensure_table(PA, links=("employee_id",))
    amy, bob, cleo = (vault.insert("employees", {"name": n}, links={"team_id": None}) for n in ("Amy", "Bob", "Cleo"))
    for who, sex in ((amy, "F"), (bob, "M"), (cleo, "F")):
        vault.insert(PA, {"sex": sex}, links={"employee_id": who})
    vault.close(backup=False)
    conn = sqlite3.connect(vault_path, isolation_level=None)
    blob_of = {who: conn.execute(f"SELECT payload FROM {PA} WHERE id=?", (packed_id(who),)).fetchone()[0]
               for who in (amy, bob)}
    conn.execute(f"UPDATE {PA} SET payload=? WHERE id=?", (blob_of[bob], packed_id(amy)))  # Bob's sex now Amy's?
    employee_blob = conn.execute("SELECT payload FROM employees WHERE id=?", (packed_id(cleo),)).fetchone()[0]
    conn.execute(f"UPDATE {PA} SET payload=? WHERE id=?", (employee_blob, packed_id(cleo)))  # from another table
    conn.close()
    with Vault.open(vault_path, HR_PW) as v:
        for who in (amy, cleo):
            with pytest.raises(DamagedVaultError):
                v.get(PA, who)
        assert v.get(PA, bob).payload == {"sex": "M"}
        assert sorted(v.damaged_records()) == sorted([(PA, amy), (PA, cleo)])
        v.close(backup=False)


def test_the_associated_data_still_names_table_row_and_link(vault: Vault) -> None:
    """The keyed layout binds exactly what the linked one did: table, the row, and the employee."""
    vault.ensure_table("employees", links=("team_id",))
    vault.ensure_table(PA, links=("employee_id",))
    amy = vault.insert("employees", {"name": "Amy"}, links={"team_id": None})
    vault.insert(PA, {"sex": "F"}, links={"employee_id": amy})
    blob = vault.connection.execute(f"SELECT payload FROM {PA}").fetchone()[0]
    cipher = vault._store.require_cipher()
    assert cipher.decrypt_json(blob, associated_data(PA, amy, {"employee_id": amy})) == {"sex": "F"}
    with pytest.raises(DecryptionFailed):
        cipher.decrypt_json(blob, associated_data(PA, amy, {}))
    with pytest.raises(DecryptionFailed):
        cipher.decrypt_json(blob, associated_data("employees", amy, {"employee_id": amy}))


# --- migrating a format-2 vault ----------------------------------------------------------


def _read_without_migrating(path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """HR's view of the old file as it is (the migration held back), to compare with after it."""
    with monkeypatch.context() as m:
        m.setattr(Vault, "_migrate", lambda self, current: None)
        with Vault.open(path, HR_PW) as v:
            assert v.facts().schema_version == 2
            seen = _everything(v)
            v.close(backup=False)
    return seen


def test_an_old_vault_migrates_once_and_reads_identically(old_vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _read_without_migrating(old_vault, monkeypatch)
    assert len(before["employees"]) == 24 and len(before[PA]) == 24
    assert {r[0] for r in _raw(old_vault, "SELECT typeof(id) FROM employees")} == {"text"}
    with Vault.open(old_vault, HR_PW) as v:
        assert v.facts().schema_version == schema.SCHEMA_VERSION
        after = _everything(v)
        assert not v.damaged_records() and not v.structure_problems() and v.verify_audit_chain().ok
        migrated = [e for e in v.audit_entries() if e.action == "vault.migrated"]
        assert [(e.details["from"], e.details[PA]) for e in migrated] == [(2, 24)]
        v.close(backup=False)
    # Every record the same, in the same order; protected attributes now under their employee's id.
    assert {t: rows for t, rows in after.items() if t != PA} == {t: rows for t, rows in before.items() if t != PA}
    assert [(links, payload) for _id, links, payload in after[PA]] == [(links, p) for _id, links, p in before[PA]]
    assert all(row_id == links["employee_id"] for row_id, links, _p in after[PA])
    assert {r[0] for r in _raw(old_vault, "SELECT typeof(id) || typeof(team_id) FROM employees")} == {"blobblob"}
    assert _columns(old_vault, PA) == ["id", "payload"]
    with Vault.open(old_vault, HR_PW) as again:  # once: nothing more to do
        assert [e.action for e in again.audit_entries()].count("vault.migrated") == 1
        again.close(backup=False)


def test_a_manager_reads_the_same_team_before_and_after_the_migration(old_vault: Path) -> None:
    def amys_view() -> list[tuple[str, str]]:
        with Vault.open(old_vault, AMY_PW, user="Amy Dunn") as amy:
            seen = sorted((str(e.employee_id), e.name) for e in Records(amy).employees.list())
            ratings = sum(1 for _ in amy.rows("ratings"))
            assert list(amy.rows(PA)) == []  # protected attributes stay HR's
            amy.close(backup=False)
        assert ratings == len(seen)
        return seen

    before = amys_view()  # a manager opening the old file first: read as it is, not migrated
    assert _raw(old_vault, "SELECT value FROM hrdesk_header WHERE key='schema_version'") == [("2",)]
    with Vault.open(old_vault, HR_PW) as hr:
        everyone = len(Records(hr).employees.list())
        hr.close(backup=False)
    after = amys_view()
    assert before == after and 0 < len(after) < everyone


def test_the_migration_is_all_or_nothing(old_vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = Store.key_one_per_tables

    def fails_after_moving(self: Store) -> dict[str, int]:
        original(self)  # every id packed and the protected table rebuilt, then the process fails
        raise OSError("the power went out")

    monkeypatch.setattr(Store, "key_one_per_tables", fails_after_moving)
    with pytest.raises(OSError):
        Vault.open(old_vault, HR_PW)
    assert _raw(old_vault, "SELECT value FROM hrdesk_header WHERE key='schema_version'") == [("2",)]
    assert {r[0] for r in _raw(old_vault, "SELECT typeof(id) FROM employees")} == {"text"}
    assert "employee_id" in _columns(old_vault, PA)
    monkeypatch.setattr(Store, "key_one_per_tables", original)
    with Vault.open(old_vault, HR_PW) as v:
        assert v.facts().schema_version == schema.SCHEMA_VERSION and len(list(v.rows(PA))) == 24
        v.close(backup=False)


def test_a_damaged_protected_record_keeps_its_table_in_the_old_layout(old_vault: Path) -> None:
    conn = sqlite3.connect(old_vault, isolation_level=None)
    victim, blob = conn.execute(f"SELECT id, payload FROM {PA} LIMIT 1 OFFSET 3").fetchone()
    conn.execute(f"UPDATE {PA} SET payload=? WHERE id=?", (blob[:-1] + bytes([blob[-1] ^ 1]), victim))
    conn.close()
    with Vault.open(old_vault, HR_PW) as v:
        assert v.facts().schema_version == schema.SCHEMA_VERSION  # the rest migrated
        assert v.damaged_records() == [(PA, victim)]  # named, with its old id
        assert len(list(v.rows(PA, on_damaged=lambda _e: None))) == 23
        employee = next(r.links["employee_id"] for r in v.rows(PA, on_damaged=lambda _e: None))
        assert [r.id for r in v.rows(PA, where={"employee_id": employee})] != [employee]
        v.close(backup=False)
    assert "employee_id" in _columns(old_vault, PA)


def test_the_migration_gives_the_space_back(old_vault: Path, fast_kdf: KdfParams) -> None:
    size = old_vault.stat().st_size
    with Vault.open(old_vault, HR_PW) as v:
        v.close(backup=False)
    assert old_vault.stat().st_size < size


# --- ciphertext headers ----------------------------------------------------------------------


def _v1(cipher: RecordCipher, kid: str, plaintext: bytes, aad: bytes) -> bytes:
    """A ciphertext as hrdesk wrote it before format 3: the key id spelled out in ASCII."""
    key = cipher._keys[kid]
    header = bytes((FORMAT_V1, len(kid))) + kid.encode("ascii")
    nonce = os.urandom(NONCE_BYTES)
    return header + nonce + AESGCM(key).encrypt(nonce, plaintext, header + aad)


@pytest.mark.parametrize("kid", ["dk", "sh", "t-" + new_id(), "t-Team7", "u-" + new_id()])
def test_both_header_forms_decrypt_and_name_their_key(kid: str) -> None:
    cipher = RecordCipher({kid: os.urandom(32), "other": os.urandom(32)})
    aad = associated_data("employees", new_id(), {"team_id": None})
    new, old = cipher.encrypt_bytes(b"payload", aad, kid), _v1(cipher, kid, b"payload", aad)
    assert kid_of(new) == kid_of(old) == kid
    assert cipher.decrypt_bytes(new, aad) == cipher.decrypt_bytes(old, aad) == b"payload"
    assert new[0] == FORMAT_V3 and header_length(new) == (10 if kid.startswith("t-") and len(kid) == 18 else 2 + len(kid))
    assert set(headers_for(kid)) == {new[:header_length(new)], old[:header_length(old)]}
    assert cipher.sealer(kid)(b"payload", aad)[:header_length(new)] == new[:header_length(new)]


def test_a_header_rewritten_to_another_form_or_key_fails_its_check() -> None:
    team, other = "t-" + new_id(), "t-" + new_id()
    cipher = RecordCipher({team: os.urandom(32), other: os.urandom(32)})
    aad = associated_data("ratings", new_id(), {"employee_id": new_id(), "cycle_id": None})
    blob = cipher.encrypt_bytes(b"secret", aad, team)
    as_v1 = bytes((FORMAT_V1, len(team))) + team.encode() + blob[10:]  # same key, the older spelling
    as_other = bytes((FORMAT_V3, 0)) + bytes.fromhex(other[2:]) + blob[10:]  # named as another team's
    for forged in (as_v1, as_other, blob[:9], blob[:1], b""):
        with pytest.raises(DecryptionFailed):
            cipher.decrypt_bytes(forged, aad)
    assert kid_of(as_other) == other and kid_of(blob[:9]) is None


def test_a_managers_list_finds_records_under_both_header_forms(old_vault: Path) -> None:
    """Records the old vault holds (format-1 headers) and records written after the migration
    (format-3 headers) are both in the manager's lists; nobody else's are."""
    with Vault.open(old_vault, HR_PW) as hr:
        records = Records(hr)
        amy_team = next(t.id for t in records.teams.list() if t.manager_name == "Amy Dunn")
        amys = [e for e in records.employees.list() if e.team_id == amy_team]
        others = [e for e in records.employees.list() if e.team_id != amy_team]
        with hr.transaction():
            for e in (amys[0], others[0]):
                records.checkins.add(e.id, dt.date(2024, 9, 1), mood=4, workload=2, stress=1)
        hr.close(backup=False)
    with Vault.open(old_vault, AMY_PW, user="Amy Dunn") as amy:
        checkins = [r.links["employee_id"] for r in amy.rows("wellbeing_checkins")]
        heads = {kid_of(b[0])[:2] + str(b[0][0]) for b in amy.connection.execute("SELECT payload FROM wellbeing_checkins")}
        amy.close(backup=False)
    assert sorted(checkins) == sorted([e.id for e in amys] + [amys[0].id])
    assert {"t-1", "t-3"} <= heads


@pytest.mark.parametrize("owner", ["none", "twice"])
def test_protected_records_that_cannot_be_keyed_keep_the_old_layout_and_read(
        old_vault: Path, monkeypatch: pytest.MonkeyPatch, owner: str) -> None:
    """A protected record without its employee, or a second one for the same employee (written
    by some older code): the table keeps its linked layout and every record still reads."""
    with monkeypatch.context() as m:
        m.setattr(Vault, "_migrate", lambda self, current: None)
        with Vault.open(old_vault, HR_PW) as v:
            someone = next(v.rows(PA)).links["employee_id"]
            extra = v.insert(PA, {"sex": "X"}, links={"employee_id": None if owner == "none" else someone})
            before = _everything(v)[PA]
            v.close(backup=False)
    with Vault.open(old_vault, HR_PW) as v:
        assert v.facts().schema_version == schema.SCHEMA_VERSION
        assert _everything(v)[PA] == before and v.get(PA, extra).payload == {"sex": "X"}
        assert not v.damaged_records()
        v.close(backup=False)
    assert "employee_id" in _columns(old_vault, PA)
    assert {r[0] for r in _raw(old_vault, f"SELECT typeof(id) FROM {PA}")} == {"blob"}  # its ids still packed
