"""Putting a new vault file in place all at once.

A vault (from ``init`` or ``demo``) is built under a hidden temporary name in
the same folder and linked to its real name only when it is complete, so a
process killed half-way leaves no file that looks like a vault but is not one,
and never blocks running the command again.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from hrdesk.errors import InvalidInputError, ReadOnlyLocationError

log = logging.getLogger("hrdesk.vault.files")

SIDE_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")


def check_new_vault_path(path: Path) -> None:
    if not path.parent.is_dir():
        raise InvalidInputError(f"The folder '{path.parent}' does not exist.", hint="Create it first, or choose another place.")
    if path.exists() or path.is_symlink():
        raise InvalidInputError(f"'{path}' already exists.", hint="Choose a new file name, or open the existing vault.")
    if not os.access(path.parent, os.W_OK):
        raise ReadOnlyLocationError(str(path.parent))


def remove_with_side_files(path: Path) -> None:
    for leftover in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_SUFFIXES)):
        try:
            leftover.unlink(missing_ok=True)
        except OSError as exc:  # the caller's exception matters more than this one
            log.warning("could not remove %s: %s", leftover.name, exc)


def create_private(path: Path) -> None:
    """Create ``path`` empty and owner-only before SQLite writes into it (it would use the umask)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def publish(staging: Path, path: Path) -> None:
    """Give the finished ``staging`` file its real name; refuse to replace an existing file."""
    _fsync(staging)
    try:
        os.link(staging, path)  # atomic, and fails if the name was taken meanwhile
    except FileExistsError:
        raise InvalidInputError(f"'{path}' already exists.", hint="Choose a new file name, or open the existing vault.") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if path.exists():  # a filesystem without hard links (FAT, some network drives)
            raise InvalidInputError(f"'{path}' already exists.") from None
        os.replace(staging, path)
    _fsync(path.parent)


def _sweep_stale(path: Path) -> None:
    """Remove what an earlier killed build of the same name left (nobody holds its lock)."""
    from hrdesk.vault.lockfile import ProcessLock

    for stale in path.parent.glob(f".{path.name}.*.building"):
        lock = ProcessLock(stale)
        try:
            lock.acquire()
        except Exception:  # noqa: BLE001 - in use by a live build, or unreadable: leave it
            continue
        lock.release()
        remove_with_side_files(stale)


@contextlib.contextmanager
def building(path: Path) -> Iterator[Path]:
    """Yield a fresh temporary path beside ``path`` (not yet created); on success it becomes ``path``.

    The caller must have closed its connection to the staging file (checkpointed,
    so no -wal file holds committed pages) before the block ends. Whatever the
    block leaves under the temporary name is removed, finished or not.
    """
    with contextlib.suppress(OSError):
        _sweep_stale(path)
    staging = path.with_name(f".{path.name}.{secrets.token_hex(4)}.building")
    try:
        yield staging
        publish(staging, path)
    finally:
        remove_with_side_files(staging)
