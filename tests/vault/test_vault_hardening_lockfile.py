"""the one-process-at-a-time lock and its unlink-on-release."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hrdesk.errors import VaultInUseError
from hrdesk.vault.lockfile import ProcessLock, _try_lock, lock_path_for


def test_release_does_not_let_two_processes_hold_the_lock(tmp_path: Path) -> None:
    """Classic flock + unlink race. B has opened the lock file and is about to flock it when A
    releases (close, then unlink). B locks the now-nameless inode; C creates a fresh file at the
    same path and locks that. B and C both believe they own the vault."""
    vault_path = tmp_path / "v.hrdesk"
    a = ProcessLock(vault_path)
    a.acquire()
    fd_b = os.open(lock_path_for(vault_path), os.O_RDWR | os.O_CREAT, 0o600)  # B: step 1 of acquire()
    try:
        a.release()
        assert _try_lock(fd_b)  # B: step 2 succeeds, B holds "the" lock
        c = ProcessLock(vault_path)
        try:
            with pytest.raises(VaultInUseError):
                c.acquire()
        finally:
            c.release()
    finally:
        os.close(fd_b)
