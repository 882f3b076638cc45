"""One damaged byte spares the rest (issue 8, item 5): key material, users and settings have a second
copy, and a damaged record is named while the others still read."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hrdesk.errors import DamagedVaultError
from hrdesk.vault import KdfParams, Vault
from hrdesk.vault.schema import packed_id
from hrdesk.vault.store import id_text

PW = "pw"


@pytest.fixture
def made(tmp_path: Path, fast_kdf: KdfParams) -> tuple[Path, str, list[str]]:
    path = tmp_path / "org.hrdesk"
    v, recovery = Vault.create(path, org_name="Org Ltd", admin_name="Dana HR", passphrase=PW, kdf=fast_kdf)
    v.ensure_table("employees", links=("team_id",))
    ids = v.insert_many("employees", [(None, {"team_id": "t1"}, {"name": f"P{i}"}) for i in range(20)])
    v.close(backup=False)
    return path, recovery, ids


def _flip_column(path: Path, table: str, column: str, where: str, at: int | None = None) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    value = conn.execute(f"SELECT CAST({column} AS BLOB) FROM {table} WHERE {where}").fetchone()[0]
    data = bytearray(value)
    data[len(data) // 2 if at is None else at] ^= 0x01
    conn.execute(f"UPDATE {table} SET {column}=? WHERE {where}", (bytes(data),))
    conn.close()


@pytest.mark.parametrize(
    ("table", "column", "where"),
    [
        ("users", "payload", "1"),
        ("users", "id", "1"),
        ("vault_meta", "payload", "key='org_name'"),
        ("keyslots", "wrapped", "kind='passphrase'"),
        ("keyslots", "salt", "kind='passphrase'"),
        ("keyslots", "kdf", "kind='passphrase'"),
        ("keyslots", "wrapped", "kind='recovery'"),
        ("keyslots_copy", "wrapped", "kind='passphrase'"),
        ("users_copy", "payload", "1"),
    ],
)
def test_one_flip_in_key_material_or_users_does_not_lock_the_vault(
    made: tuple[Path, str, list[str]], table: str, column: str, where: str
) -> None:
    """Before: a flip in the single users row or the org-name setting locked out passphrase and recovery key."""
    path, recovery, _ids = made
    _flip_column(path, table, column, where)
    for opener in (lambda: Vault.open(path, PW), lambda: Vault.open_with_recovery(path, recovery)):
        with opener() as v:
            assert v.org_name == "Org Ltd" and v.user.name == "Dana HR"
            assert v.count("employees") == 20
            found = v.damaged_records() + v.structure_problems()  # type: ignore[operator]
            v.close(backup=False)
        assert found, "the damaged copy must still be reported by verify"


def test_a_damaged_employee_is_named_and_the_others_still_read(made: tuple[Path, str, list[str]]) -> None:
    path, _recovery, ids = made
    _flip_column(path, "employees", "id", f"id=x'{ids[7]}'", at=3)
    with Vault.open(path, PW) as v:
        damaged: list[DamagedVaultError] = []
        names = [r.payload["name"] for r in v.rows("employees", on_damaged=damaged.append)]
        assert len(names) == 19 and "P7" not in names
        assert len(damaged) == 1 and damaged[0].table == "employees" and damaged[0].record_id in str(damaged[0])
        with pytest.raises(DamagedVaultError):
            list(v.rows("employees"))  # without a handler the default stays: stop and name it
        v.close(backup=False)


def test_an_id_that_is_no_longer_text_is_named_not_a_traceback(made: tuple[Path, str, list[str]]) -> None:
    """Before: a flip that made the id invalid UTF-8 escaped as sqlite3.OperationalError."""
    path, _recovery, ids = made
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE employees SET id=CAST(x'ff' || CAST(id AS BLOB) AS TEXT) WHERE id=?", (packed_id(ids[3]),))
    conn.close()
    with Vault.open(path, PW) as v:
        damaged: list[DamagedVaultError] = []
        assert len(list(v.rows("employees", on_damaged=damaged.append))) == 19
        assert [t for t, _ in v.damaged_records()] == ["employees"]
        v.close(backup=False)
    assert len(damaged) == 1


def test_employees_list_names_the_damaged_person_and_lists_the_rest(
    tmp_path: Path, hr_dataset: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: one bad byte in one employee's id made 'employees list' fail for everyone."""
    from hrdesk import cli
    from hrdesk.importing import import_file

    path = tmp_path / "org.hrdesk"
    v, _ = Vault.create(path, org_name="Org", admin_name="HR", passphrase=PW, kdf=KdfParams.fast_for_tests())
    import_file(v, hr_dataset)
    v.close(backup=False)
    conn = sqlite3.connect(path, isolation_level=None)
    stored = conn.execute("SELECT id FROM employees LIMIT 1 OFFSET 5").fetchone()[0]
    victim = id_text(stored)
    conn.execute("UPDATE employees SET id=? WHERE id=?", (victim[:-1] + "x", stored))
    conn.close()
    monkeypatch.setenv("HRDESK_PASSPHRASE", PW)
    assert cli.main(["employees", str(path), "list"]) == 2
    out, err = capsys.readouterr()
    assert "310 employees" in out
    assert victim[:-1] + "x" in err and "Traceback" not in err
