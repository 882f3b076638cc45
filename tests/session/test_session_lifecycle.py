"""Opening, locking, closing (with its backup), restoring: the session decides, the vault stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk.errors import VaultLockedError, WrongPassphraseError
from hrdesk.records import Records
from hrdesk.session import Kind, Role, Session
from hrdesk.session.passphrase import WeakPassphraseError
from hrdesk.vault import KdfParams, Vault
from hrdesk.vault.backup import list_backups

STRONG = "lantern orbit maple fjord"


@pytest.fixture
def created(tmp_path: Path) -> tuple[Path, str]:
    session, key = Session.create(tmp_path / "s.hrdesk", org_name="Acme", admin_name="Dana HR", passphrase=STRONG,
                                  kdf=KdfParams.fast_for_tests())
    session.close(backup=False)
    return tmp_path / "s.hrdesk", key


def test_create_refuses_a_weak_passphrase_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(WeakPassphraseError):
        Session.create(tmp_path / "weak.hrdesk", org_name="A", admin_name="B", passphrase="a", kdf=KdfParams.fast_for_tests())
    assert not (tmp_path / "weak.hrdesk").exists()


def test_the_session_holds_the_actor_and_their_role(created) -> None:
    path, _key = created
    with Session.open(path, STRONG) as session:
        assert session.actor.name == "Dana HR" and session.actor.role is Role.HR and session.actor.may_write
        assert session.org_name == "Acme" and session.path == path


def test_a_changed_session_is_backed_up_on_close_and_an_unchanged_one_is_not(created) -> None:
    path, _key = created
    Session.open(path, STRONG).close()
    assert list_backups(path) == [], "nothing changed: no backup"
    session = Session.open(path, STRONG)
    session.set_retention({"leavers": 48})
    taken = session.close()
    assert taken is not None and [b.path for b in list_backups(path)] == [taken.path]


def test_lock_drops_the_key_and_unlock_needs_the_passphrase(created) -> None:
    path, _key = created
    session = Session.open(path, STRONG)
    try:
        session.lock()
        assert session.is_locked
        with pytest.raises(VaultLockedError):
            session.records()
        with pytest.raises(WrongPassphraseError):
            session.unlock("not it")
        assert session.unlock(STRONG) == session.unlock(STRONG)  # no changes either time
        assert not session.is_locked and session.records().counts().employees == 0
    finally:
        session.close(backup=False)


def test_restore_reopens_on_unlock_and_logs_the_restore_as_a_change_to_everything(created) -> None:
    path, _key = created
    session = Session.open(path, STRONG)
    backup = session.backup_now()
    session.perform(lambda vault: Records(vault).cycles.add("2024 annual"))
    heard = []
    session.subscribe(heard.append)
    kept = session.restore(backup.path)
    assert kept.exists() and session.is_locked and not session.is_open
    changes = session.unlock(STRONG)
    try:
        assert session.records().cycles.list() == [], "the restored file is the backup, without the later cycle"
        assert changes.actions == ("vault.restored_from_backup",) and heard == [changes]
        assert all(changes.touches(kind) for kind in Kind) and changes.population_changed
        assert session.vault.audit_entries()[-1].target == backup.path.name
    finally:
        session.close(backup=False)


def test_recover_sets_a_new_passphrase_under_the_same_policy(created) -> None:
    path, key = created
    with pytest.raises(WeakPassphraseError):
        Session.recover(path, key, "short")
    Vault.open(path, STRONG).close(backup=False)  # the refused recovery changed nothing
    session = Session.recover(path, key, "walrus quartz meadow piano", kdf=KdfParams.fast_for_tests())
    session.close(backup=False)
    with pytest.raises(WrongPassphraseError):
        Vault.open(path, STRONG)
    Vault.open(path, "walrus quartz meadow piano").close(backup=False)
