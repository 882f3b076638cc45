"""An attacker with the file: identity swaps, hidden tables, flipped settings (issue 8, items 2 and 3)."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from hrdesk import cli
from hrdesk.vault import KdfParams, Vault
from hrdesk.vault import packed
from hrdesk.vault.backup import make_backup
from hrdesk.vault.schema import packed_id
from hrdesk.vault.store import id_text

PW = "pw"


def _raw(path: Path, *sql: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in sql:
        conn.execute(statement)
    conn.close()


def _flip(path: Path, table: str, key_col: str, key: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    key = packed_id(key) if key_col == "id" else key  # type: ignore[assignment]  # how format 3 keeps ids
    blob = bytearray(conn.execute(f"SELECT payload FROM {table} WHERE {key_col}=?", (key,)).fetchone()[0])
    blob[len(blob) // 2] ^= 0x01
    conn.execute(f"UPDATE {table} SET payload=? WHERE {key_col}=?", (bytes(blob), key))
    conn.close()


@pytest.fixture
def grown(tmp_path: Path, fast_kdf: KdfParams) -> tuple[Path, Path]:
    """A vault with a backup taken half-way, whose head this computer has seen."""
    path = tmp_path / "org.hrdesk"
    v, _ = Vault.create(path, org_name="Org", admin_name="HR", passphrase=PW, kdf=fast_kdf)
    v.ensure_table("people")
    v.insert_many("people", [(None, {}, {"n": i}) for i in range(300)])
    older = make_backup(v).path
    with v.transaction():
        v.insert_many("people", [(None, {}, {"n": i}) for i in range(300, 611)])
        v.audit("import.people", details={"added": 311})
    assert v.verify_audit_chain().ok
    v.close(backup=False)
    return path, older


def _put_back(older: Path, path: Path) -> None:
    path.unlink()
    packed.rebuild(older, path)  # what copying an older backup over the vault by hand amounts to
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)


def test_rollback_with_the_identity_row_deleted_and_the_header_changed_is_reported(grown: tuple[Path, Path]) -> None:
    path, older = grown
    _put_back(older, path)
    _raw(
        path,
        "DELETE FROM vault_meta WHERE key='vault_id'",
        "DELETE FROM vault_meta_copy WHERE key='vault_id'",
        f"UPDATE hrdesk_header SET value='{uuid.uuid4()}' WHERE key='vault_id'",
    )
    with Vault.open(path, PW) as v:
        report = v.verify_audit_chain()
        assert v.count("people") == 300
        v.close(backup=False)
    assert not report.ok and "identity" in report.problem


def test_rollback_with_only_the_header_id_changed_is_reported(grown: tuple[Path, Path]) -> None:
    path, older = grown
    _put_back(older, path)
    _raw(path, f"UPDATE hrdesk_header SET value='{uuid.uuid4()}' WHERE key='vault_id'")
    with Vault.open(path, PW) as v:
        report = v.verify_audit_chain()
        v.close(backup=False)
    assert not report.ok  # either the rollback (anchor) or the altered header is named


def test_plain_rollback_is_still_reported(grown: tuple[Path, Path]) -> None:
    path, older = grown
    _put_back(older, path)
    with Vault.open(path, PW) as v:
        report = v.verify_audit_chain()
        v.close(backup=False)
    assert not report.ok and "older copy" in report.problem


def test_verify_checks_a_table_removed_from_the_table_list(grown: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """Before: 613 corrupted ratings in a table dropped from record_tables -> 'Every record passes'."""
    path, _ = grown
    conn = sqlite3.connect(path, isolation_level=None)
    ids = [id_text(r[0]) for r in conn.execute("SELECT id FROM people LIMIT 25")]
    conn.close()
    for row_id in ids:
        _flip(path, "people", "id", row_id)
    _raw(path, "DELETE FROM record_tables WHERE name='people'")
    with Vault.open(path, PW) as v:
        damaged = v.damaged_records()
        problems = v.structure_problems()
        v.close(backup=False)
    assert sorted(i for t, i in damaged if t == "people") == sorted(ids)
    assert any("people" in p for p in problems)
    pw = tmp_path / "pw.txt"
    pw.write_text(PW)
    assert cli.main(["verify", str(path), "--passphrase-file", str(pw)]) == 1
    assert "people" in capsys.readouterr().out


def test_verify_reports_a_table_that_is_not_the_vaults(grown: tuple[Path, Path]) -> None:
    path, _ = grown
    _raw(path, "CREATE TABLE smuggled (id TEXT, payload BLOB)", "INSERT INTO smuggled VALUES ('x', x'00')")
    with Vault.open(path, PW) as v:
        problems = v.structure_problems()
        damaged = v.damaged_records()
        v.close(backup=False)
    assert any("smuggled" in p and "not one of this vault's tables" in p for p in problems)
    assert ("smuggled", "x") in damaged


@pytest.mark.parametrize("table", ["vault_meta", "vault_meta_copy"])
@pytest.mark.parametrize("key", ["rating_scales", "demo"])
def test_verify_checks_every_encrypted_setting(grown: tuple[Path, Path], table: str, key: str) -> None:
    """Before: bit flips in the rating_scales and demo settings passed verify."""
    path, _ = grown
    with Vault.open(path, PW) as v:
        v.meta_set(key, {"anything": [1, 2, 3]})
        v.close(backup=False)
    _flip(path, table, "key", key)
    with Vault.open(path, PW) as v:
        assert (table, key) in v.damaged_records()
        assert v.meta_get(key) == {"anything": [1, 2, 3]}  # the other copy still serves it
        v.close(backup=False)


def test_opening_the_copy_a_restore_kept_does_not_make_the_vault_look_rolled_back(grown: tuple[Path, Path]) -> None:
    """Found by the soak: inspecting the kept (newer) pre-restore file taught this computer its longer head."""
    from hrdesk.vault.backup import restore_backup

    path, older = grown
    kept = restore_backup(path, older)
    with Vault.open(kept, PW) as copy:
        assert copy.verify_audit_chain().ok
        copy.close(backup=False)
    with Vault.open(path, PW) as v:
        report = v.verify_audit_chain()
        v.close(backup=False)
    assert report.ok, report.summary()
