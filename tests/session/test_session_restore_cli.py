"""`hrdesk restore`: HR's passphrase authorises it, the backup must open, and the restored vault logs the restore."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from hrdesk import cli
from hrdesk.session import Session
from hrdesk.session.session import RESTORED
from hrdesk.vault import KdfParams
from hrdesk.vault.backup import backup_dir, list_backups

PW = "correct horse battery staple"
NEW_PW = "lantern orbit maple fjord walrus"
AUDITOR_PW = "an auditor passphrase that is long"


def _file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    """A vault with one backup taken before a marker setting was written (so a restore visibly removes it)."""
    path = tmp_path / "acme.hrdesk"
    session, _ = Session.create(path, org_name="Acme Ltd", admin_name="Dana HR", passphrase=PW,
                                kdf=KdfParams.fast_for_tests())
    session.add_user("Ada Auditor", "auditor", AUDITOR_PW, kdf=KdfParams.fast_for_tests())
    session.backup_now()
    session.perform(lambda v: v.meta_set("test.after_backup", True))
    session.close(backup=False)
    return path


def _marker(path: Path, passphrase: str = PW) -> object:
    with Session.open(path, passphrase) as session:
        return session.vault.meta_get("test.after_backup", None)


def _entries(path: Path, passphrase: str = PW) -> list:
    session = Session.open(path, passphrase)
    try:
        return session.vault.audit_entries()
    finally:
        session.close(backup=False)


def test_restore_needs_a_passphrase_and_changes_nothing_without_one(vault: Path, capsys) -> None:
    before = _digest(vault)
    assert cli.main(["restore", str(vault)]) == 2
    assert "No passphrase given" in capsys.readouterr().err
    assert _digest(vault) == before
    assert not list(backup_dir(vault).glob("*before-restore*"))


def test_a_wrong_passphrase_restores_nothing(vault: Path, tmp_path: Path, capsys) -> None:
    before = _digest(vault)
    assert cli.main(["restore", str(vault), "--passphrase-file", _file(tmp_path, "pw", "not the passphrase")]) == 2
    assert "does not open" in capsys.readouterr().err
    assert _digest(vault) == before and _marker(vault) is True


def test_restore_with_the_passphrase_is_logged_in_the_restored_vault(vault: Path, tmp_path: Path, capsys) -> None:
    backup = list_backups(vault)[0].path
    assert cli.main(["restore", str(vault), "--passphrase-file", _file(tmp_path, "pw", PW)]) == 0
    out = capsys.readouterr().out
    assert "recorded in its audit log" in out and "kept as" in out
    assert _marker(vault) is None  # the backup is in place
    last = _entries(vault)[-1]
    assert last.action == RESTORED and last.target == backup.name and last.actor == "Dana HR"
    assert cli.main(["verify", str(vault), "--passphrase-file", str(tmp_path / "pw")]) == 0


def test_an_auditor_may_not_restore_and_the_attempt_is_logged(vault: Path, tmp_path: Path, capsys) -> None:
    before = list(_entries(vault))
    argv = ["restore", str(vault), "--user", "Ada Auditor", "--passphrase-file", _file(tmp_path, "pw", AUDITOR_PW)]
    assert cli.main(argv) == 2
    assert "hrdesk: " in capsys.readouterr().err
    after = _entries(vault)
    assert _marker(vault) is True
    assert [e.action for e in after[len(before):]] == ["access.refused"]


def test_a_backup_with_an_older_passphrase_needs_that_passphrase_too(vault: Path, tmp_path: Path, capsys) -> None:
    with Session.open(vault, PW) as session:
        session.change_passphrase(NEW_PW)  # the backup still opens with PW only
    before = _digest(vault)
    new_pw = _file(tmp_path, "new", NEW_PW)
    assert cli.main(["restore", str(vault), "--passphrase-file", new_pw]) == 2
    err = capsys.readouterr().err
    assert "does not open the backup" in err and "--backup-passphrase-file" in err
    assert _digest(vault) == before
    argv = ["restore", str(vault), "--passphrase-file", new_pw, "--backup-passphrase-file", _file(tmp_path, "old", PW)]
    assert cli.main(argv) == 0
    assert _entries(vault, PW)[-1].action == RESTORED  # the restored vault opens with the backup's passphrase


def test_the_old_passphrase_alone_cannot_put_an_old_backup_back(vault: Path, tmp_path: Path, capsys) -> None:
    """Someone who knows only a changed passphrase cannot bring it back to life by restoring an old backup."""
    with Session.open(vault, PW) as session:
        session.change_passphrase(NEW_PW)
    before = _digest(vault)
    assert cli.main(["restore", str(vault), "--passphrase-file", _file(tmp_path, "old", PW)]) == 2
    assert _digest(vault) == before


def test_a_vault_that_cannot_be_opened_is_restored_with_the_backups_passphrase(vault: Path, tmp_path: Path, capsys) -> None:
    vault.write_bytes(b"\0" * 4096)  # destroyed: not a vault any more
    assert cli.main(["restore", str(vault), "--passphrase-file", _file(tmp_path, "pw", PW)]) == 0
    assert "could not be opened" in capsys.readouterr().out
    last = _entries(vault)[-1]
    assert last.action == RESTORED and last.details["replaced"] == "a vault that could not be opened"


def test_listing_backups_needs_no_passphrase(vault: Path, capsys) -> None:
    assert cli.main(["restore", str(vault), "--list"]) == 0
    assert "acme.backups" in capsys.readouterr().out
