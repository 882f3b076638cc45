"""One process at a time per vault, released by the OS even if hrdesk is killed."""

from __future__ import annotations

import os
from pathlib import Path

from hrdesk.errors import VaultInUseError

if os.name == "nt":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False


def lock_path_for(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + ".lock")


class ProcessLock:
    """An advisory exclusive lock on ``<vault>.lock``; holds no data, only the pid.

    The lock file is left in place after release (see ``release``).
    """

    def __init__(self, vault_path: Path) -> None:
        self._vault_path = vault_path
        self._path = lock_path_for(vault_path)
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            os.close(fd)
            raise VaultInUseError(str(self._vault_path))
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            # Closing the descriptor releases the lock. The file itself stays: unlinking it
            # would let a process that opened it a moment earlier lock an orphaned inode
            # while another locks a fresh file at the same path.
            os.close(self._fd)
            self._fd = None
