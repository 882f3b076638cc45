"""The bulk read (``Vault.values``) opens each record in one loop: it must hand a manager exactly the records
``rows`` hands them, read text ids of an old vault, and refuse by name a record whose header it cannot use."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from hrdesk.errors import DamagedVaultError
from hrdesk.vault import Vault, encoding
from hrdesk.vault.cipher import associated_data
from hrdesk.vault.schema import packed_id

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "v2_text_ids.hrdesk"  # format 2: text ids, a manager
HR_PW, AMY_PW = "correct horse battery staple", "amy's passphrase"
TABLES = ("employees", "ratings", "protected_attributes")


@pytest.fixture
def old_vault(tmp_path: Path) -> Path:
    target = tmp_path / "old.hrdesk"
    shutil.copyfile(FIXTURE, target)
    return target


def _both_reads(vault: Vault, table: str) -> tuple[list, list]:
    """What ``values`` and what ``rows`` give of every record of ``table``, in the same shape."""
    keys = sorted({key for row in vault.rows(table) for key in row.payload} | {"absent"})
    got = [(row, values) for row, values in vault.values(table, encoding.values_reader(keys))]
    names = vault.tables()[table]
    expected = [((r.id, *(r.links[n] for n in names)), tuple(r.payload.get(k) for k in keys)) for r in vault.rows(table)]
    return got, expected


def _set_payload(path: Path, table: str, row_id: str, change: callable) -> None:  # type: ignore[valid-type]
    conn = sqlite3.connect(path, isolation_level=None)
    key = packed_id(row_id)
    blob = conn.execute(f"SELECT payload FROM {table} WHERE id=?", (key,)).fetchone()[0]
    conn.execute(f"UPDATE {table} SET payload=? WHERE id=?", (change(blob), key))
    conn.close()


def test_a_manager_gets_exactly_the_records_of_their_teams_before_and_after_the_migration(old_vault: Path) -> None:
    for _migrated in (False, True):  # a manager opening the old file reads it as it is; then HR migrates it
        with Vault.open(old_vault, AMY_PW, user="Amy Dunn") as amy:
            for table in TABLES:
                got, expected = _both_reads(amy, table)
                assert got == expected
                assert bool(got) == (table != "protected_attributes")  # protected attributes stay HR's
            amy.close(backup=False)
        with Vault.open(old_vault, HR_PW) as hr:
            everyone = {table: _both_reads(hr, table) for table in TABLES}
            hr.close(backup=False)
        for got, expected in everyone.values():
            assert got == expected and len(got) >= 24


def test_text_ids_of_an_old_vault_read_as_rows_reads_them(old_vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Vault, "_migrate", lambda self, current: None)
    with Vault.open(old_vault, HR_PW) as hr:
        for table in TABLES:
            got, expected = _both_reads(hr, table)
            assert got == expected and all(isinstance(row[0], str) and len(row[0]) == 16 for row, _v in got)
        hr.close(backup=False)


@pytest.mark.parametrize("damage", ["unknown format", "cut short", "another key", "no header"])
def test_a_record_whose_header_cannot_be_used_is_named(vault: Vault, vault_path: Path, passphrase: str,
                                                        damage: str) -> None:
    vault.ensure_table("people")
    ids = vault.insert_many("people", [(None, {}, {"name": f"P{n}"}) for n in range(5)])
    vault.close(backup=False)
    change = {
        "unknown format": lambda blob: b"\x07" + blob[1:],
        "cut short": lambda blob: blob[:6],
        "another key": lambda blob: b"\x03\x00" + bytes(8) + blob[4:],  # a team key this vault never had
        "no header": lambda blob: b"",
    }[damage]
    _set_payload(vault_path, "people", ids[3], change)
    with Vault.open(vault_path, passphrase) as again, pytest.raises(DamagedVaultError) as err:
        list(again.values("people", encoding.values_reader(["name"])))
    assert (err.value.table, err.value.record_id) == ("people", ids[3])
    if damage == "another key":
        assert "names a key the vault does not have" in str(err.value)


def test_a_manager_skips_a_record_under_no_key_of_theirs_as_rows_does(old_vault: Path) -> None:
    with Vault.open(old_vault, HR_PW) as hr:
        ratings = [r.id for r in hr.rows("ratings")]
        hr.close(backup=False)
    for row_id in ratings[:3]:  # whoever's they were: now under an unknown header
        _set_payload(old_vault, "ratings", row_id, lambda blob: b"\x07" + blob[1:])
    with Vault.open(old_vault, AMY_PW, user="Amy Dunn") as amy:
        got, expected = _both_reads(amy, "ratings")
        amy.close(backup=False)
    assert got == expected and got and not {row[0] for row, _v in got} & set(ratings[:3])


@pytest.mark.parametrize("plaintext", [
    encoding._V2_BYTE + encoding._deflate(b'["$", "\xff\xfe"]'),  # not UTF-8
    encoding._V2_BYTE + encoding._deflate(b'["$", "P3"] ["$", "P4"]'),  # JSON and more after it
    encoding._V2_BYTE + encoding._deflate(b'["$", "P3"]')[:-3],  # cut short
    encoding._V2_BYTE + encoding._deflate(b'["$$", "P3"]'),  # a key named twice
])
def test_a_payload_that_decrypts_but_is_not_a_clean_record_is_named(vault: Vault, plaintext: bytes) -> None:
    """The bulk read inflates and parses a record in one step; whatever is odd about it goes the careful way."""
    vault.ensure_table("people")
    ids = vault.insert_many("people", [(None, {}, {"name": f"P{n}"}) for n in range(5)])
    cipher = vault._store.require_cipher()
    blob = cipher.encrypt_bytes(plaintext, associated_data("people", ids[3], {}))
    with vault.transaction():
        vault.connection.execute("UPDATE people SET payload=? WHERE id=?", (blob, packed_id(ids[3])))
    assert [values for _row, values in vault.values("people", encoding.values_reader(["name"]), only=lambda rows: rows[:3])] == [("P0",), ("P1",), ("P2",)]
    with pytest.raises(DamagedVaultError) as err:
        list(vault.values("people", encoding.values_reader(["name"])))
    assert (err.value.table, err.value.record_id) == ("people", ids[3])
