"""Signing in by name with a growing delay after failures (counted, shown once, logged); the
single-key vault of tests/data upgrading to team keys after a backup; the data-key rotation and a
failed removal leaving team keys intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from hrdesk.errors import InvalidInputError, WrongPassphraseError
from hrdesk.records import Records
from hrdesk.session import Session
from hrdesk.vault import Vault, signin, teamkeys
from hrdesk.vault import packed
from hrdesk.vault.backup import backup_dir
from hrdesk.vault.cipher import kid_of

from .conftest import AMY_PW, HR_PW, Org, employee_ids

LEGACY = Path(__file__).resolve().parents[1] / "data" / "legacy_single_key.hrdesk"
LEGACY_PW = "correct horse battery staple"


def test_failed_attempts_are_counted_per_user_shown_once_and_logged(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []
    monkeypatch.setattr(signin, "sleep", waits.append)
    for _ in range(5):
        with pytest.raises(WrongPassphraseError):
            Session.open(org.path, "not her passphrase", user="Amy Dunn")
    assert len(waits) == 2 and 0.9 < waits[0] <= 1.0 and 1.9 < waits[1] <= 2.0  # before the 4th and 5th attempt
    with pytest.raises(WrongPassphraseError):
        Session.open(org.path, "nor this", user="Brannon Miller")  # his own counter: no wait
    assert len(waits) == 2
    with Session.open(org.path, AMY_PW, user="Amy Dunn") as amy:
        assert amy.failed_attempts == 5
        assert amy.failed_attempts_message() == "5 failed attempts since your last sign-in."
    with Session.open(org.path, AMY_PW, user="Amy Dunn") as amy:
        assert amy.failed_attempts == 0 and amy.failed_attempts_message() == ""
    with Session.open(org.path, HR_PW) as hr:
        logged = [e for e in hr.vault.audit_entries() if e.action == "user.failed_sign_ins"]
        assert [(e.actor, e.details["failed"]) for e in logged] == [("Amy Dunn", 5)]


def test_the_delay_grows_and_is_capped() -> None:
    assert [signin.delay_for(n) for n in range(0, 9)] == [0, 0, 0, 1, 2, 4, 8, 16, 30]
    assert signin.delay_for(50) == 30


def test_an_unknown_user_name_is_named_in_the_refusal(org: Org) -> None:
    with pytest.raises(InvalidInputError, match="no user called 'Zed'"):
        Session.open(org.path, AMY_PW, user="Zed")


def test_switching_user_through_the_lock_screen(org: Org) -> None:
    with Session.open(org.path, HR_PW) as session:
        assert len(employee_ids(session)) == len(org.rows)
        session.lock()
        session.unlock(AMY_PW, user="Amy Dunn")
        assert session.actor.name == "Amy Dunn"
        assert employee_ids(session) == org.names("Amy Dunn")


def test_the_single_key_vault_upgrades_to_team_keys_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "legacy.hrdesk"
    shutil.copy(LEGACY, path)
    recovery = LEGACY.with_suffix(".txt").read_text(encoding="utf-8").strip()
    conn = sqlite3.connect(path)
    assert {kid_of(r[0]) for r in conn.execute("SELECT payload FROM employees")} == {"dk"}
    conn.close()
    with Session.open(path, LEGACY_PW) as hr:
        entries = hr.vault.audit_entries()
        assert entries[-1].action == "vault.team_keys_installed"
        assert entries[-1].details["teams"] == 2
        assert hr.vault.verify_audit_chain().ok
        assert len(hr.records().employees.list()) == 24 and len(hr.records().ratings.list()) == 24
        teams = {t.id for t in hr.records().teams.list()}
    backups = list(backup_dir(path).glob("*.hrbase"))
    assert len(backups) == 1  # taken before the upgrade, still in the old format
    before = tmp_path / "before-upgrade.sqlite"
    packed.rebuild(backups[0], before)
    conn = sqlite3.connect(before)
    assert "vault_keys" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    conn = sqlite3.connect(path)
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table in (t for t in teamkeys.TEAM_TABLES if t in present):  # tables made on first use (reviews) may be absent
        assert {kid_of(r[0]) for r in conn.execute(f"SELECT payload FROM {table}")} <= {f"t-{t}" for t in teams}
    assert conn.execute("SELECT COUNT(*) FROM audit_log WHERE substr(payload, 1, 1) = x'01'").fetchone()[0] == 0
    conn.close()
    with Session.open(path, LEGACY_PW) as hr:  # opening again changes nothing more
        assert hr.vault.audit_entries()[-1].action == "vault.team_keys_installed"
        hr.add_user("Amy Dunn", "manager", AMY_PW)
    with Session.open(path, AMY_PW, user="Amy Dunn") as amy:
        assert 0 < len(employee_ids(amy)) < 24
    vault = Vault.open_with_recovery(path, recovery)  # the old recovery key still opens it
    vault.close(backup=False)


def test_a_killed_upgrade_leaves_the_single_key_vault_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "legacy.hrdesk"
    shutil.copy(LEGACY, path)

    def crash(*_a: object, **_k: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(teamkeys, "rescope", crash)
    with pytest.raises(KeyboardInterrupt):
        Session.open(path, LEGACY_PW)
    monkeypatch.undo()
    conn = sqlite3.connect(path)
    assert "vault_keys" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {kid_of(r[0]) for r in conn.execute("SELECT payload FROM employees")} == {"dk"}
    conn.close()
    with Session.open(path, LEGACY_PW) as hr:
        assert len(hr.records().employees.list()) == 24


def test_rotating_the_data_key_keeps_team_keys_and_managers_in(org: Org) -> None:
    with Session.open(org.path, HR_PW) as hr:
        report = hr.rotate_keys(HR_PW)
        assert report.records > 0
        assert hr.vault.verify_audit_chain().ok
    with Session.open(org.path, AMY_PW, user="Amy Dunn") as amy:
        assert employee_ids(amy) == org.names("Amy Dunn")
    conn = sqlite3.connect(org.path)
    assert {kid_of(r[0])[:2] for r in conn.execute("SELECT payload FROM employees")} == {"t-"}
    conn.close()


def test_a_removal_that_fails_half_way_changes_nothing(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    real = teamkeys.grant
    calls = {"n": 0}

    def failing(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] > 1:
            raise KeyboardInterrupt
        real(*args, **kwargs)  # type: ignore[arg-type]

    with Session.open(org.path, HR_PW) as hr:
        monkeypatch.setattr(teamkeys, "grant", failing)
        with pytest.raises(KeyboardInterrupt):
            hr.remove_user("Amy Dunn")
        monkeypatch.undo()
        assert {u.name for u in hr.users()} >= {"Amy Dunn"}
        # The session's keys went back to the file's: a write now is readable by everyone who should.
        emp = hr.records().employees.list()[0]
        hr.perform(lambda v: Records(v).feedback.add(emp.id, None, "After the failed removal"))
    with Session.open(org.path, AMY_PW, user="Amy Dunn") as amy:
        assert employee_ids(amy) == org.names("Amy Dunn")
        assert len(amy.records().feedback.list()) in (len(org.names("Amy Dunn")), len(org.names("Amy Dunn")) + 1)
