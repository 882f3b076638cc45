"""A process killed at the worst moment (issue 8, items 4 and 8): each named kill point is a real SIGKILL."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from hrdesk.errors import VaultInUseError, WrongPassphraseError
from hrdesk.vault import KdfParams, Vault
from hrdesk.vault.backup import (
    list_backups,
    make_backup,
    old_copies,
    readable_copy,
    unfinished_backups,
)

WORKER = Path(__file__).with_name("ops_worker.py")
ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "HRDataset_v14.csv"
PW, PW2 = "pw-a", "pw-b"


def run_worker(op: str, path: Path, *args: str, die_at: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), HRDESK_TEST_DIE_AT=die_at)
    return subprocess.run(
        [sys.executable, str(WORKER), op, str(path), *args], env=env, capture_output=True, text=True, timeout=300
    )


def killed(result: subprocess.CompletedProcess) -> bool:
    return result.returncode == -signal.SIGKILL


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    """311 people imported (leavers among them), with two backups taken before any purge."""
    from hrdesk.importing import import_file

    path = tmp_path / "org.hrdesk"
    v, _ = Vault.create(path, org_name="Org", admin_name="HR", passphrase=PW, kdf=KdfParams.fast_for_tests())
    import_file(v, DATA)
    make_backup(v)
    v.close(backup=False)
    shutil.copyfile(list_backups(path)[0].path, list_backups(path)[0].path.with_name("org-20200101T000000.hrbase"))
    return path


def _people(path: Path, passphrase: str = PW) -> int:
    with readable_copy(path) as copy, Vault.open(copy, passphrase) as v:  # a base or increment: rebuilt
        n = v.count("employees")
        v.close(backup=False)
    return n


def test_purge_killed_after_commit_still_clears_the_backups_on_next_open(imported: Path) -> None:
    """Before: 9 of 33 kill points left backups holding purged leavers, and a re-run said 'Deleted 0'."""
    before = _people(old_copies(imported)[0])
    result = run_worker("purge", imported, PW, die_at="purge-committed")
    assert killed(result), result.stderr
    assert all(_people(copy) == before for copy in old_copies(imported))  # the kill left them behind...
    after = _people(imported)  # ...and opening the vault finishes the clean-up
    assert after < before
    copies = old_copies(imported)
    assert len(copies) == 1 and _people(copies[0]) == after
    with Vault.open(imported, PW) as v:
        assert v.meta_get("backups_pending_cleanup") is None
        v.close(backup=False)


def test_a_finished_partial_backup_does_not_survive_a_purge(imported: Path) -> None:
    """Before: a .partial left by a killed backup kept 200 people after a completed purge."""
    newest = list_backups(imported)[0].path
    shutil.copyfile(newest, newest.with_name("org-20990101T000000.partial"))
    assert unfinished_backups(imported)
    result = run_worker("purge", imported, PW)
    assert result.returncode == 0, result.stderr
    assert not unfinished_backups(imported)
    assert [p.suffix for p in old_copies(imported)] == [".hrbase"]


def test_rotation_killed_after_commit_finishes_on_next_open(imported: Path) -> None:
    result = run_worker("rotate", imported, PW, PW2, die_at="rotation-committed")
    assert killed(result), result.stderr
    with pytest.raises(WrongPassphraseError):
        Vault.open(imported, PW)
    assert _people(imported, PW2) == 311  # opening finishes the backups
    for copy in old_copies(imported):
        with readable_copy(copy) as rebuilt, pytest.raises(WrongPassphraseError):
            Vault.open(rebuilt, PW)
        assert _people(copy, PW2) == 311


def test_restore_killed_after_the_swap_reports_no_false_rollback(imported: Path) -> None:
    """Before: 4 of 16 kill points made verify report a rollback until restore was re-run."""
    with Vault.open(imported, PW) as v:
        with v.transaction():
            v.audit("work.after.backup")
        assert v.verify_audit_chain().ok  # this computer now remembers the longer log
        v.close(backup=False)
    result = run_worker("restore", imported, PW, die_at="restore-swapped")
    assert killed(result), result.stderr
    with Vault.open(imported, PW) as v:
        report = v.verify_audit_chain()
        v.close(backup=False)
    assert report.ok, report.summary()


def test_restore_killed_while_keeping_the_old_file_leaves_no_half_copy(imported: Path) -> None:
    """Found by the soak: the kept pre-restore copy was written under its final name."""
    assert killed(run_worker("restore", imported, PW, die_at="restore-keeping"))
    assert _people(imported) == 311  # the vault is untouched, and opening it clears the half copy
    assert not unfinished_backups(imported)
    for copy in old_copies(imported):
        assert _people(copy) == 311


def test_init_killed_leaves_nothing_and_can_be_run_again(tmp_path: Path) -> None:
    """Before: 19 of 33 kill points left a file that was not a vault and blocked re-running init."""
    path = tmp_path / "new.hrdesk"
    assert killed(run_worker("init", path, PW, die_at="init-before-publish"))
    assert not path.exists()
    result = run_worker("init", path, PW)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # the stale build was swept
    assert _people_or_none(path) is None


def _people_or_none(path: Path) -> int | None:
    with Vault.open(path, PW) as v:
        tables = v.tables()
        v.close(backup=False)
    return None if "employees" not in tables else 0


def test_demo_killed_half_way_leaves_no_vault(tmp_path: Path) -> None:
    """Before: 8 of 20 kill points left a partial organisation that verified clean."""
    path = tmp_path / "demo.hrdesk"
    assert killed(run_worker("demo", path, PW, die_at="demo-importing"))
    assert not path.exists()
    result = run_worker("demo", path, PW)
    assert result.returncode == 0, result.stderr
    assert _people(path) == 60


def test_a_symlink_and_a_hard_link_share_the_vaults_lock(vault: Vault, vault_path: Path, passphrase: str, tmp_path: Path) -> None:
    """Before: the lock was per file name: a symlink let two processes import at once."""
    other = tmp_path / "elsewhere"
    other.mkdir()
    symlink, hardlink = other / "alias.hrdesk", other / "hard.hrdesk"
    symlink.symlink_to(vault_path)
    os.link(vault_path, hardlink)
    for name in (symlink, hardlink):
        with pytest.raises(VaultInUseError):
            Vault.open(name, passphrase)


def _read_only_runner(folder: Path) -> list[str] | None:
    """A command prefix that runs with ``folder`` read-only, for real (root ignores chmod)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return []
    if shutil.which("unshare") is None:
        return None
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        return None
    script = f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && exec "$@"'
    return ["unshare", "-m", "sh", "-c", script, "sh"]


@pytest.mark.parametrize("command", [["info"], ["verify"], ["backup"], ["import", str(DATA)], ["passwd"]])
def test_a_vault_in_a_read_only_folder_gets_a_clear_message(tmp_path: Path, command: list[str]) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "org.hrdesk"
    v, _ = Vault.create(path, org_name="Org", admin_name="HR", passphrase=PW, kdf=KdfParams.fast_for_tests())
    v.close(backup=False)
    Path(f"{path}.lock").unlink()
    prefix = _read_only_runner(folder)
    if prefix is None:
        pytest.skip("no way to make a folder read-only here")
    verb, *rest = command
    env = dict(os.environ, PYTHONPATH=str(ROOT), HRDESK_PASSPHRASE=PW, HRDESK_NEW_PASSPHRASE="new pw")
    try:
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "hrdesk", verb, str(path), *rest], env=env, capture_output=True, text=True, timeout=120
        )
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "read-only" in (result.stderr + result.stdout).lower()
