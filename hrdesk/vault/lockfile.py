"""One process at a time per vault, released by the OS even if hrdesk is killed.

The lock belongs to the file, not to the name it was opened by: the lock file
sits beside the resolved path (a symlink leads to the same lock), and on POSIX
the vault file itself is flock()ed too (a hard link is the same inode). Two
processes writing one vault through two names would each keep their own WAL
and damage it.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from hrdesk.errors import ReadOnlyLocationError, VaultInUseError

_READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)

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
        self._resolved = Path(os.path.realpath(vault_path))
        self._path = lock_path_for(self._resolved)
        self._fd: int | None = None
        self._file_fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            if exc.errno in _READ_ONLY:
                raise ReadOnlyLocationError(str(self._vault_path)) from None
            raise
        if not _try_lock(fd):
            os.close(fd)
            raise VaultInUseError(str(self._vault_path))
        if os.name != "nt" and self._resolved.is_file():
            # Kept open until release; closed only after SQLite has closed the file (see ``release``).
            file_fd = os.open(self._resolved, os.O_RDONLY)
            if not _try_lock(file_fd):
                os.close(file_fd)
                os.close(fd)
                raise VaultInUseError(str(self._vault_path))
            self._file_fd = file_fd
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._file_fd is not None:
            # flock() and SQLite's POSIX locks are independent on Linux and BSD; closing this
            # descriptor would drop SQLite's locks, which is why it is closed after the vault.
            os.close(self._file_fd)
            self._file_fd = None
        if self._fd is not None:
            # Closing the descriptor releases the lock. The file itself stays: unlinking it
            # would let a process that opened it a moment earlier lock an orphaned inode
            # while another locks a fresh file at the same path.
            os.close(self._fd)
            self._fd = None
