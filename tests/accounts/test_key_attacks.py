"""A manager's own unwrapped keys, used straight against the database file: another team's rows and
the organisation's records do not decrypt under any of them; after removal or a reset, old keys and
old passphrases open nothing new."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from hrdesk.errors import InvalidInputError, PermissionDeniedError, WrongPassphraseError
from hrdesk.records import Records
from hrdesk.session import Session
from hrdesk.vault import Vault, members
from hrdesk.vault.cipher import associated_data, header_length, kid_of
from hrdesk.vault.kdf import KdfParams
from hrdesk.vault.store import id_text

from .conftest import AMY_PW, BRANNON_PW, HR_PW, Org, employee_ids

ORG_TABLES = ("protected_attributes", "users", "vault_keys")


def _manager_keys(path: Path, name: str, pw: str) -> dict[str, bytes]:
    vault = Vault.open(path, pw, user=name)
    try:
        keys = vault._require_keys()
        assert keys.data_key is None
        return {kid: key for kid, key in keys.extra.items() if len(key) == 32}
    finally:
        vault.close(backup=False)


def _opens(keys: dict[str, bytes], blob: bytes, aad: bytes) -> bool:
    """Whether ANY of ``keys`` authenticates ``blob`` (ignoring the key id it names)."""
    body = blob[header_length(blob):]
    header = blob[: header_length(blob)]
    for key in keys.values():
        try:
            AESGCM(key).decrypt(body[:12], body[12:], header + aad)
            return True
        except InvalidTag:
            continue
    return False


def _rows(path: Path, table: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        columns = [c[1] for c in conn.execute(f"PRAGMA table_info({table})")]
        rows = [dict(zip(columns, r)) for r in conn.execute(f"SELECT * FROM {table}")]
        # Ids and links as their text (format 3 keeps the ids new_id makes in 8 bytes).
        return [{k: v if k == "payload" or v is None else id_text(v) for k, v in row.items()} for row in rows]  # type: ignore[misc]
    finally:
        conn.close()


def _team_ids(path: Path) -> dict[str, str]:
    with Session.open(path, HR_PW) as hr:
        return {t.manager_name: t.id for t in hr.records().teams.list()}


def test_a_managers_keys_open_only_their_teams_rows_in_the_raw_file(org: Org) -> None:
    teams = _team_ids(org.path)
    keys = _manager_keys(org.path, "Amy Dunn", AMY_PW)
    assert {k for k in keys if k.startswith("t-")} == {"t-" + teams["Amy Dunn"]}
    mine = theirs = 0
    for row in _rows(org.path, "employees"):
        aad = associated_data("employees", row["id"], {"team_id": row["team_id"]})
        if row["team_id"] == teams["Amy Dunn"]:
            assert _opens(keys, row["payload"], aad)
            mine += 1
        else:
            assert kid_of(row["payload"]) == "t-" + teams["Brannon Miller"]
            assert not _opens(keys, row["payload"], aad)
            theirs += 1
    assert mine and theirs
    for table in ("ratings", "feedback"):
        for row in _rows(org.path, table):
            aad = associated_data(table, row["id"], {"employee_id": row["employee_id"], "cycle_id": row["cycle_id"]})
            assert _opens(keys, row["payload"], aad) == (kid_of(row["payload"]) == "t-" + teams["Amy Dunn"])
    for table in ORG_TABLES:
        for row in _rows(org.path, table):
            links = {k: v for k, v in row.items() if k not in ("id", "payload")}
            assert not _opens(keys, row["payload"], associated_data(table, row["id"], links)), table
    for row in _rows(org.path, "vault_meta"):
        shared = kid_of(row["payload"]) == "sh"
        assert _opens(keys, row["payload"], associated_data("vault_meta", row["key"])) == shared
    assert {r["key"] for r in _rows(org.path, "vault_meta") if kid_of(r["payload"]) == "sh"} >= {"org_name", "audit_head"}
    assert "audit_key" not in {r["key"] for r in _rows(org.path, "vault_meta") if kid_of(r["payload"]) == "sh"}


def test_a_manager_cannot_add_users_or_change_roles_even_through_the_core(org: Org) -> None:
    with Session.open(org.path, AMY_PW, user="Amy Dunn") as amy:
        with pytest.raises(PermissionDeniedError, match="Only HR"):
            amy.add_user("Mallory", "hr", "a long enough passphrase")
        with pytest.raises(PermissionDeniedError):
            amy.remove_user("Brannon Miller")
        with pytest.raises(PermissionDeniedError):
            amy.reset_user_passphrase("Brannon Miller", "a long enough passphrase")
        # Past the session: the vault itself refuses, and her keys could not write a user record anyway.
        with pytest.raises(PermissionDeniedError):
            members.add(amy.vault, "Mallory", "admin", "pw", KdfParams.fast_for_tests())
        with pytest.raises(PermissionDeniedError):
            amy.vault._keyring.store_user(members.VaultUser("x", "Mallory", "admin"))
    with Session.open(org.path, HR_PW) as hr:
        names = {u.name for u in hr.users()}
        assert names == {"Dana HR", "Amy Dunn", "Brannon Miller", "Ada Auditor"}
        refused = [e for e in hr.vault.audit_entries() if e.action == "access.refused"]
        assert [e.details["attempted"] for e in refused] == ["user add", "user remove", "user reset"]
        assert all(e.actor == "Amy Dunn" for e in refused)


def test_the_last_hr_user_cannot_be_removed(org: Org) -> None:
    with Session.open(org.path, HR_PW) as hr:
        with pytest.raises(InvalidInputError, match="last HR"):
            hr.remove_user("Dana HR")
        hr.add_user("Hal HR", "hr", "hal's long passphrase", kdf=KdfParams.fast_for_tests())
    with Session.open(org.path, "hal's long passphrase", user="Hal HR") as hal:
        hal.remove_user("Dana HR")
        with pytest.raises(InvalidInputError, match="last HR"):
            hal.remove_user("hal hr")
    with pytest.raises(WrongPassphraseError):
        Session.open(org.path, HR_PW)


def test_a_reset_passphrase_leaves_the_old_one_opening_nothing(org: Org) -> None:
    with Session.open(org.path, HR_PW) as hr:
        hr.reset_user_passphrase("Amy Dunn", "amy's brand new passphrase", kdf=KdfParams.fast_for_tests())
    with pytest.raises(WrongPassphraseError):
        Session.open(org.path, AMY_PW, user="Amy Dunn")
    with pytest.raises(WrongPassphraseError):
        Session.open(org.path, AMY_PW)  # nor as anyone else
    with Session.open(org.path, "amy's brand new passphrase", user="Amy Dunn") as amy:
        assert employee_ids(amy) == org.names("Amy Dunn")


def test_removing_a_manager_replaces_their_team_key_so_a_kept_copy_reads_nothing_new(org: Org, tmp_path: Path) -> None:
    kept = tmp_path / "amys-copy.hrdesk"
    shutil.copy(org.path, kept)
    old_keys = _manager_keys(kept, "Amy Dunn", AMY_PW)
    teams = _team_ids(org.path)
    with Session.open(org.path, HR_PW) as hr:
        _user, records = hr.remove_user("Amy Dunn").result
        assert records >= 3 * len(org.names("Amy Dunn"))  # employees, ratings, feedback (+ team, shared)
        amy_team = [e for e in hr.records().employees.list() if str(e.employee_id) in org.names("Amy Dunn")]
        hr.perform(lambda v: Records(v).feedback.add(amy_team[0].id, None, "Written after Amy left"))
        assert employee_ids(hr) == org.names("Amy Dunn") | org.names("Brannon Miller")
        assert hr.vault.verify_audit_chain().ok
    with pytest.raises(InvalidInputError, match="no user"):
        Session.open(org.path, AMY_PW, user="Amy Dunn")
    conn = sqlite3.connect(org.path)
    assert conn.execute("SELECT COUNT(*) FROM keyslots WHERE user_id NOT IN (SELECT id FROM users)").fetchone()[0] == 0
    conn.close()
    for table in ("employees", "feedback"):
        for row in _rows(org.path, table):
            links = {k: v for k, v in row.items() if k not in ("id", "payload")}
            assert not _opens(old_keys, row["payload"], associated_data(table, row["id"], links))
    for row in _rows(org.path, "vault_meta"):
        assert not _opens(old_keys, row["payload"], associated_data("vault_meta", row["key"]))
    with Session.open(org.path, BRANNON_PW, user="Brannon Miller") as brannon:  # re-granted the new shared key
        assert employee_ids(brannon) == org.names("Brannon Miller")
    assert teams["Amy Dunn"]


def test_a_manager_changes_their_own_passphrase(org: Org) -> None:
    with Session.open(org.path, AMY_PW, user="Amy Dunn") as amy:
        amy.change_passphrase("amy chose this one herself", kdf=KdfParams.fast_for_tests())
    with pytest.raises(WrongPassphraseError):
        Session.open(org.path, AMY_PW, user="Amy Dunn")
    with Session.open(org.path, "amy chose this one herself", user="Amy Dunn") as amy:
        assert employee_ids(amy) == org.names("Amy Dunn")
