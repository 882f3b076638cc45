"""Rotating backups beside the vault, restoring one, and clean-ups that must finish.

Backups are taken with SQLite's online backup API (a consistent snapshot even
while the vault is in use) and checked with ``PRAGMA quick_check``: that copy
holds every page of the vault, so it is also the scheduled check of the
vault's own pages, which the open skips. They are as encrypted as the vault.

How they are stored (``packed.py``): the first backup of an ISO week is a
*base*, the checked copy compressed; every later one that week is an
*increment*, the pages that differ from that base, compressed, checked by
rebuilding base + increment. A week costs about 0.7 of the vault plus what
changed, instead of a vault per copy. When more than half the pages changed
(a purge's VACUUM, a key rotation), or the week's base fails its check, the
day's backup is a new base. Full SQLite copies (``.hrdesk``) from older
versions stay listed, restorable and rotated like any other backup.

When: a session that changed the vault backs it up as it closes at most once
a day (``backup_if_due``), the window once a day when it opens; ``hrdesk
backup`` and the Settings button take one on demand. Two backups in the same
second get different names.

What is kept (``keep_policy``): the newest ``KEEP`` copies, the newest copy of
each of the ``WEEKS`` weeks before them, and the newest copy taken at or before
the last clean record check (so an undamaged copy survives damage found later;
before any check, the oldest copy).
Rotation never decrypts records: it deletes only when the fresh copy passed
``quick_check`` and the audit chain verifies. The check of every record runs
at most once every ``RECORD_CHECK_EVERY`` in the window's background task
(``check_records_if_due``) and in ``hrdesk verify``.

Work on the backups that must happen after a committed change (replacing the
copies that still hold purged records) is recorded in the vault in the same
transaction as the change (``note_pending_cleanup``) and finished on the next
open if the process died first (``finish_pending_work``).
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from hrdesk.errors import (
    BackupFailedError,
    DamagedBackupError,
    DamagedVaultError,
    InvalidInputError,
    NotAVaultError,
    StorageError,
    VaultError,
)
from hrdesk.vault import anchor, connection, files, packed, schema
from hrdesk.vault.auditlog import ChainReport
from hrdesk.vault.lockfile import ProcessLock


class Vault(Protocol):
    """What backups need of an open vault (the façade in ``vault.py``; no import cycle)."""

    path: Path

    def backup_to(self, target: Path) -> None: ...
    def verify_audit_chain(self) -> ChainReport: ...
    def damaged_records(self) -> list[tuple[str, str]]: ...
    def meta_get(self, key: str, default: Any = None) -> Any: ...
    def meta_set(self, key: str, value: Any) -> None: ...
    def meta_delete(self, key: str) -> None: ...


log = logging.getLogger("hrdesk.vault.backup")

KEEP = 3
WEEKS = 4  # besides the newest KEEP: the newest copy of each of this many weeks before them
DAILY = timedelta(hours=24)
RECORD_CHECK_EVERY = timedelta(days=7)
RECORD_CHECK_KEY = "records_checked"  # {"at": ISO time, "ok": bool}: the last full record check
_STAMP = "%Y%m%dT%H%M%S"
PENDING_CLEANUP_KEY = "backups_pending_cleanup"
PENDING_ROTATION_KEY = "key_rotation_pending"  # see rotation.py; never carried into a backup


FULL, BASE, INCREMENT = "full", "base", "increment"
_SUFFIXES = {".hrdesk": FULL, packed.BASE_SUFFIX: BASE, packed.INCREMENT_SUFFIX: INCREMENT}


@dataclass(frozen=True)
class BackupInfo:
    """One restorable point: a full copy (older hrdesk), a weekly base, or a day's increment (which
    needs ``base``)."""

    path: Path
    taken: datetime
    size_bytes: int
    kind: str = FULL
    base: Path | None = None

    @property
    def description(self) -> str:
        return {FULL: "full copy", BASE: "weekly base", INCREMENT: "day's changes"}[self.kind]


def backup_dir(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.stem + ".backups")


def list_backups(vault_path: Path) -> list[BackupInfo]:
    """Newest first. Only regular files named like this vault's backups count (a symlink, a folder
    or a base/increment whose header is not ours is ignored, and never deleted by the rotation)."""
    folder = backup_dir(vault_path)
    found = []
    for item in folder.glob(f"{vault_path.stem}-*"):
        kind = _SUFFIXES.get(item.suffix)
        if kind is None or item.is_symlink() or not item.is_file():
            continue
        stamp, _, nth = item.stem.rsplit("-", 1)[-1].partition("_")  # "20260101T090000" or "20260101T090000_2"
        try:
            taken = datetime.strptime(stamp, _STAMP)
            order = int(nth or 1)
        except ValueError:
            continue
        base = None
        if kind != FULL:
            try:
                base = packed.base_of(item)
            except DamagedBackupError as exc:
                log.warning("ignoring %s: %s", item.name, exc.message)
                continue
        found.append((taken, order, BackupInfo(item, taken, item.stat().st_size, kind, base)))
    return [info for _t, _o, info in sorted(found, key=lambda f: (f[0], f[1]), reverse=True)]


def _free_stamp(folder: Path, stem: str, now: datetime) -> str:
    """``stem-STAMP``, or ``stem-STAMP_2``...: a second backup in the same second never replaces the
    first (the first may be the only good copy), whatever its kind."""
    stamp = now.strftime(_STAMP)
    name, n = f"{stem}-{stamp}", 2
    taken = (*_SUFFIXES, ".partial", ".copy.partial", *(f"{s}.partial" for s in _SUFFIXES))
    while any((folder / f"{name}{suffix}").exists() for suffix in taken):
        name, n = f"{stem}-{stamp}_{n}", n + 1
    return name


def check_backup(path: Path) -> None:
    """Raise unless ``path`` is an intact backup: a full copy that passes ``quick_check``, or a base
    (with an increment) that rebuilds byte for byte into the copy that passed it when it was taken."""
    if packed.is_packed(path):
        packed.verify(path)
        return
    _check_sqlite_copy(path)


def _check_sqlite_copy(path: Path) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        with connection.sqlite_errors(path):
            magic = conn.execute("SELECT value FROM hrdesk_header WHERE key='magic'").fetchone()
            if not magic or magic[0] != schema.MAGIC:
                raise NotAVaultError(str(path))
            if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise DamagedVaultError(f"the backup {path.name} is corrupt")
    finally:
        conn.close()


def make_backup(vault: Vault, *, keep: int = KEEP, now: datetime | None = None, as_of_path: Path | None = None,
                new_base: bool = False) -> BackupInfo:
    """A checked backup of ``vault``: the day's increment against this week's base, or a new base
    (the week's first, ``new_base``, or when an increment would not be small); ``as_of_path``: the
    vault's real name when ``vault`` is a staging file about to take its place (the demo's first
    backup, without unlocking it again)."""
    now = now or datetime.now()
    named = as_of_path or vault.path
    folder = _private_folder(backup_dir(named))
    name = _free_stamp(folder, named.stem, now)
    copy = folder / f"{name}.copy.partial"
    written: list[Path] = [copy]
    try:
        files.create_private(copy)
        vault.backup_to(copy)
        _drop_pending_marks(copy)
        _check_sqlite_copy(copy)
        seen = packed.scan(copy)
        base = None if new_base else _week_base(named, now, _header_vault_id(copy))
        target = None
        if base is not None:
            partial = folder / f"{name}{packed.INCREMENT_SUFFIX}.partial"
            written.append(partial)
            try:
                if packed.write_increment(copy, base, partial, seen=seen) is not None:
                    target = folder / f"{name}{packed.INCREMENT_SUFFIX}"
            except DamagedBackupError as exc:
                log.warning("this week's base failed its check (%s); the backup is a new base", exc.message)
        if target is None:
            partial = folder / f"{name}{packed.BASE_SUFFIX}.partial"
            written.append(partial)
            packed.write_base(copy, partial, _header_vault_id(copy), seen)
            target = folder / f"{name}{packed.BASE_SUFFIX}"
        os.replace(partial, target)
        written.remove(partial)
    except (OSError, sqlite3.Error, DamagedBackupError) as exc:
        raise BackupFailedError(str(exc)) from exc
    finally:
        for leftover in written:
            _remove_with_sides(leftover)
    _rotate(vault, keep, now, named)
    log.info("backup written: %s", target.name)
    return next((b for b in list_backups(named) if b.path == target), BackupInfo(target, now, target.stat().st_size))


def _week_base(named: Path, now: datetime, vault_id: str) -> Path | None:
    """This ISO week's newest base of this vault, the one today's increment is taken against."""
    week = now.isocalendar()[:2]
    for b in list_backups(named):
        if b.kind == BASE and b.taken.isocalendar()[:2] == week and b.taken <= now:
            try:
                header, _start = packed.read_header(b.path)
            except DamagedBackupError:
                continue
            if header.vault_id == vault_id:
                return b.path
    return None


def keep_policy(backups: list[BackupInfo], keep: int, checked_at: datetime | None) -> set[Path]:
    """Which backups (newest first) stay: the newest ``keep``, the newest of each of the ``WEEKS``
    weeks before them, and the newest taken at or before the last clean record check (with no
    clean check on record, the oldest copy)."""
    kept = {b.path for b in backups[:keep]}
    weeks = {b.taken.isocalendar()[:2] for b in backups[:keep]}  # weeks the newest copies already stand for
    earlier = 0
    for b in backups[keep:]:
        week = b.taken.isocalendar()[:2]
        if week not in weeks and earlier < WEEKS:
            weeks.add(week)
            earlier += 1
            kept.add(b.path)
    if checked_at is not None:
        known_good = next((b.path for b in backups if b.taken <= checked_at), None)
        if known_good is not None:
            kept.add(known_good)
    elif backups:  # never checked: the oldest copy is the likeliest to predate damage nobody has looked for
        kept.add(backups[-1].path)
    return kept


def _rotate(vault: Vault, keep: int, now: datetime, named: Path) -> None:
    """Drop the backups the policy does not keep, without decrypting a record: only when the fresh
    copy passed quick_check (it just did) and the audit chain verifies; otherwise older copies may
    be the only undamaged ones left."""
    # An increment whose base is gone cannot be restored: it is no point of the policy (nor deleted).
    backups = [b for b in list_backups(named) if b.base is None or b.base.is_file()]
    checked_at, ok = _last_record_check(vault)
    kept = keep_policy(backups, keep, checked_at if ok else None)
    kept |= {b.base for b in backups if b.path in kept and b.base is not None}  # a kept day keeps its base
    surplus = [b for b in backups if b.path not in kept]
    if not surplus:
        return
    if not ok and checked_at is not None:
        log.warning("the last record check found damage; older backups are kept")
        return
    try:
        chain_ok = vault.verify_audit_chain().ok
    except VaultError:
        chain_ok = False
    if not chain_ok:
        log.warning("the audit chain does not verify; older backups are kept")
        return
    for old in surplus:
        old.path.unlink(missing_ok=True)
        Path(f"{old.path}.lock").unlink(missing_ok=True)  # left if the backup was ever opened directly


def check_records_if_due(vault: Vault, *, now: datetime | None = None) -> bool | None:
    """Decrypt and authenticate every record and the audit chain, at most once every
    ``RECORD_CHECK_EVERY`` (slow at 100,000 people: the window runs it in the background).
    Returns the result, or None when it was not due."""
    now = now or datetime.now()
    checked_at, ok = _last_record_check(vault)
    if ok and checked_at is not None and timedelta(0) <= now - checked_at < RECORD_CHECK_EVERY:
        return None
    return note_record_check(vault, _records_intact(vault), now=now)


def note_record_check(vault: Vault, ok: bool, *, now: datetime | None = None) -> bool:
    """Keep the result of a full record check (``hrdesk verify`` or the background check)."""
    stamp = (now or datetime.now()).isoformat(timespec="seconds")
    vault.meta_set(RECORD_CHECK_KEY, {"at": stamp, "ok": ok})
    return ok


def _last_record_check(vault: Vault) -> tuple[datetime | None, bool]:
    try:
        found = vault.meta_get(RECORD_CHECK_KEY, None) or {}
        return datetime.fromisoformat(found["at"]), bool(found["ok"])
    except (VaultError, KeyError, TypeError, ValueError):
        return None, False


def _records_intact(vault: Vault) -> bool:
    """The audit chain and every record decrypt and authenticate (slow: every record is read)."""
    try:
        return vault.verify_audit_chain().ok and not vault.damaged_records()
    except VaultError:
        return False


def _private_folder(folder: Path) -> Path:
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _unique(path: Path) -> Path:
    candidate, n = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}-{n}")
        n += 1
    return candidate


def old_copies(vault_path: Path) -> list[Path]:
    """Every backup, kept pre-restore copy and unfinished backup of this vault."""
    folder = backup_dir(vault_path)
    patterns = ("-*.hrdesk", "-*.hrdesk.old", "-*.partial", f"-*{packed.BASE_SUFFIX}", f"-*{packed.INCREMENT_SUFFIX}")
    return sorted(p for pattern in patterns for p in folder.glob(f"{vault_path.stem}{pattern}"))


def restoring_path(vault_path: Path) -> Path:
    """Where a restore stages the backup before swapping it in (removed on open if a kill left it)."""
    return vault_path.with_name(vault_path.name + ".restoring")


def unfinished_backups(vault_path: Path) -> list[Path]:
    """``.partial`` files a killed backup left; they may hold everything a backup holds."""
    return sorted(backup_dir(vault_path).glob(f"{vault_path.stem}-*.partial"))


def replace_backups(vault: Vault) -> int:
    """After a retention purge: one fresh backup replaces every older copy.

    Older backups still hold the records that were just deleted as expired;
    keeping them would defeat the retention limit. Returns how many were removed.
    The pending mark (``note_pending_cleanup``) is cleared only when this is done.
    """
    fresh = make_backup(vault, new_base=True)
    removed = 0
    for old in old_copies(vault.path):
        if old != fresh.path:
            old.unlink(missing_ok=True)
            for side in (Path(f"{old}-wal"), Path(f"{old}-shm"), Path(f"{old}.lock")):
                side.unlink(missing_ok=True)
            removed += 1
    if vault.meta_get(PENDING_CLEANUP_KEY, None) is not None:
        vault.meta_delete(PENDING_CLEANUP_KEY)
    return removed


def note_pending_cleanup(vault: Vault, reason: str) -> None:
    """Record, inside the caller's transaction, that older backups must be replaced.

    Called in the same transaction as a retention purge: if the process dies
    after the purge commits, the next open still replaces the backups that hold
    the purged records (``finish_pending_work``).
    """
    vault.meta_set(PENDING_CLEANUP_KEY, {"reason": reason, "since": datetime.now().isoformat(timespec="seconds")})


def remove_unfinished(vault_path: Path) -> None:
    """Remove what killed backups, restores and rotations left half-written (the caller holds the lock)."""
    for partial in unfinished_backups(vault_path):
        _remove_with_sides(partial)
    _remove_with_sides(restoring_path(vault_path))


def finish_pending_work(vault: Vault) -> None:
    """On open: remove unfinished copies, and finish a clean-up a killed process left."""
    remove_unfinished(vault.path)
    try:
        pending = vault.meta_get(PENDING_CLEANUP_KEY, None)
    except VaultError:
        pending = None
    if pending is not None:
        log.info("finishing the backup clean-up after %s", pending.get("reason", "a purge"))
        replace_backups(vault)


def _drop_pending_marks(copy: Path) -> None:
    """A backup never carries the vault's pending clean-up: restoring it must not repeat one."""
    conn = sqlite3.connect(str(copy))
    try:
        for table in ("vault_meta", "vault_meta_copy"):
            if conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone():
                conn.execute(f"DELETE FROM {table} WHERE key IN (?, ?)", (PENDING_CLEANUP_KEY, PENDING_ROTATION_KEY))
        conn.commit()
    finally:
        conn.close()


def backup_if_due(vault: Vault, *, keep: int = KEEP, now: datetime | None = None) -> BackupInfo | None:
    """A backup unless one was taken in the last 24 hours: what closing a changed vault does."""
    now = now or datetime.now()
    existing = list_backups(vault.path)
    if existing and timedelta(0) <= now - existing[0].taken < DAILY:
        return None
    return make_backup(vault, keep=keep, now=now)


def restore_backup(vault_path: Path, backup: Path) -> Path:
    """Replace the vault with ``backup``, all or nothing: the backup (a base, or base + increment,
    rebuilt) is written to a staging file beside the vault and checked there; only then is the
    current file kept as a backup and the staging file swapped in.

    Returns the path where the replaced vault was kept.
    """
    if not backup.is_file():
        raise InvalidInputError(f"There is no backup at '{backup}'.")
    if not packed.is_packed(backup):
        check_backup(backup)
    lock = ProcessLock(vault_path)
    lock.acquire()
    staging = restoring_path(vault_path)
    try:
        _stage(backup, staging)
        folder = _private_folder(backup_dir(vault_path))
        kept = _unique(folder / f"{vault_path.stem}-before-restore-{datetime.now().strftime(_STAMP)}.hrdesk.old")
        if vault_path.exists():
            _keep_current(vault_path, kept)
        # Forget the remembered head BEFORE the swap: a restore killed after the swap must not
        # leave a false "rollback" report (killed before it, the head is simply learnt again).
        restored_id = _header_vault_id(staging)
        anchor.forget(restored_id)
        _checkpoint(vault_path)  # committed pages still in -wal go into the file before -wal is dropped
        for side in (Path(f"{vault_path}-wal"), Path(f"{vault_path}-shm")):
            side.unlink(missing_ok=True)
        os.replace(staging, vault_path)
        anchor.forget(restored_id)
        return kept
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"the restore could not be completed ({exc})") from exc
    finally:
        _remove_with_sides(staging)  # gone already when the swap happened
        lock.release()


def _stage(backup: Path, staging: Path) -> None:
    """The SQLite file ``backup`` stands for, at ``staging``, checked (removed again on failure)."""
    _remove_with_sides(staging)
    try:
        if packed.is_packed(backup):
            packed.rebuild(backup, staging)  # byte for byte the copy that passed quick_check, or refused
            _check_sqlite_copy(staging)
        else:
            snapshot(backup, staging)
    except BaseException:
        _remove_with_sides(staging)
        raise


@contextmanager
def readable_copy(backup: Path) -> Iterator[Path]:
    """An SQLite file holding what ``backup`` holds, for reading (a passphrase check before a
    restore): a full copy itself; a base or increment rebuilt and checked into an owner-only
    ``.partial`` beside it, removed afterwards (or on the next open if the process dies)."""
    if not packed.is_packed(backup):
        yield backup
        return
    copy = backup.with_name(f"{backup.name}.open.partial")
    try:
        _stage(backup, copy)
        yield copy
    finally:
        files.remove_with_side_files(copy)


Rewrite = Callable[[Path, "tuple[Path, Path] | None"], bool]


def rekey_packed(vault_path: Path, rewrite: Rewrite) -> tuple[list[Path], list[Path]]:
    """A key rotation's step for bases and increments: every kept point is rebuilt into a temporary
    SQLite file, ``rewrite`` re-encrypts it in place (False: it cannot be; a day is given its old
    and re-encrypted base, so what it shares with the base stays shared), and the week is packed
    again: the base under a new name, each increment against it, then the old base is deleted.
    Every file is whole and consistent at every moment, so a kill leaves at most a duplicate of
    a week's base (rewritten again on the next open). What cannot be rewritten is retired
    (deleted). Returns (rewritten, retired)."""
    folder = backup_dir(vault_path)
    points = list_backups(vault_path)
    rewritten: list[Path] = []
    retired: list[Path] = []
    for base in [b for b in points if b.kind == BASE]:
        days = [b.path for b in points if b.kind == INCREMENT and b.base == base.path]
        old_plain = base.path.with_name(f"{base.path.name}.rekey-old.partial")
        new_plain = base.path.with_name(f"{base.path.name}.rekey-copy.partial")
        fresh = base.path.with_name(f"{base.path.name}.rekey.partial")
        try:
            try:
                _stage(base.path, old_plain)
                shutil.copyfile(old_plain, new_plain)
                if not rewrite(new_plain, None):
                    raise DamagedBackupError(base.path.name, "it cannot be re-encrypted")
                packed.write_base(new_plain, fresh, _header_vault_id(new_plain))
            except (DamagedBackupError, OSError, sqlite3.Error) as exc:
                log.warning("could not re-encrypt %s: %s", base.path.name, exc)
                retired += [base.path, *days]
                continue
            new_base = folder / f"{_free_stamp(folder, vault_path.stem, base.taken)}{packed.BASE_SUFFIX}"
            os.replace(fresh, new_base)
            rewritten.append(new_base)
            for day in days:
                again = _rekey_day(day, new_base, rewrite, (old_plain, new_plain))
                if again is None:
                    retired.append(day)
                else:
                    os.replace(again, day)
                    rewritten.append(day)
            base.path.unlink(missing_ok=True)
        finally:
            for leftover in (old_plain, new_plain, fresh):
                _remove_with_sides(leftover)
    for path in retired:
        path.unlink(missing_ok=True)
    return rewritten, retired


def _rekey_day(day: Path, new_base: Path, rewrite: Rewrite, like: tuple[Path, Path]) -> Path | None:
    """``day`` rebuilt, re-encrypted and packed against ``new_base`` into a ``.partial`` (returned), or None."""
    copy = day.with_name(f"{day.name}.rekey-copy.partial")
    target = day.with_name(f"{day.name}.rekey.partial")
    try:
        _stage(day, copy)
        if not rewrite(copy, like):
            return None
        packed.write_increment(copy, new_base, target, max_share=1.0)
        return target
    except (DamagedBackupError, OSError, sqlite3.Error) as exc:
        log.warning("could not re-encrypt %s: %s", day.name, exc)
        _remove_with_sides(target)
        return None
    finally:
        _remove_with_sides(copy)


def _checkpoint(path: Path) -> None:
    if not path.exists():
        return
    try:
        conn = sqlite3.connect(str(path))
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.Error as exc:  # a damaged vault: the byte-for-byte kept copy has everything
        log.warning("could not checkpoint %s before restoring: %s", path.name, exc)


def _keep_current(vault_path: Path, kept: Path) -> None:
    """Keep the vault being replaced; a damaged one (the usual reason to restore) byte for byte.

    Written under a ``.partial`` name and renamed when complete: a killed restore
    leaves no half-copied file among the backups (partials are removed on open).
    """
    partial = Path(f"{kept}.partial")
    try:
        try:
            snapshot(vault_path, partial)
        except sqlite3.Error:
            _remove_with_sides(partial)
            files.create_private(partial)
            shutil.copyfile(vault_path, partial)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{vault_path}{suffix}")
                if side.exists():
                    shutil.copyfile(side, Path(f"{partial}{suffix}"))
        for suffix in ("-wal", "-shm"):
            if Path(f"{partial}{suffix}").exists():
                os.replace(Path(f"{partial}{suffix}"), Path(f"{kept}{suffix}"))
        os.replace(partial, kept)
    except BaseException:
        _remove_with_sides(partial)
        raise


def _remove_with_sides(path: Path) -> None:
    for item in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        item.unlink(missing_ok=True)


def _header_vault_id(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM hrdesk_header WHERE key='vault_id'").fetchone()
        return row[0] if row else ""
    except sqlite3.Error:
        return ""
    finally:
        conn.close()


def snapshot(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    files.create_private(target)
    dest = sqlite3.connect(str(target))
    try:
        src.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
        src.close()
