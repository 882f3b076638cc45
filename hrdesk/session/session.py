"""The Session: the one door the window and the CLI use to reach a vault.

A session is opened by unlocking (passphrase or recovery key) and holds the
acting user. Every mutation is an *operation*: one transaction with its audit
entries, returning an ``Outcome`` whose ``changes`` say what it touched, and
every subscriber receives those ``Changes``. Reads are separate calls that
never open a write transaction. Locking, reopening, backups (on close and on
demand), restore and the retention purge live here too, because they are
decisions about the session, not about storage.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from hrdesk import logs
from hrdesk.errors import PermissionDeniedError, VaultLockedError
from hrdesk.session import accounts
from hrdesk.session.actor import Actor, Role
from hrdesk.session.changes import NO_CHANGES, Changes, from_entries
from hrdesk.session.operations import Operations, Outcome
from hrdesk.session.passphrase import require_acceptable
from hrdesk.vault import AuditEntry, KdfParams, Vault, VaultUser, members

if TYPE_CHECKING:
    from hrdesk.progress import Progress
    from hrdesk.vault.rotation import RotationReport
    from hrdesk.records import Records
    from hrdesk.vault import AuditEntry
    from hrdesk.vault.backup import BackupInfo

log = logs.get("session")

T = TypeVar("T")
Subscriber = Callable[[Changes], None]
RESTORED = "vault.restored_from_backup"


class Session(Operations):
    """An unlocked vault and the person acting on it."""

    def __init__(self, vault: Vault, *, backups_to_keep: int | None = None) -> None:
        self._vault: Vault | None = vault
        self.path: Path = vault.path
        self.org_name: str = vault.org_name
        self.actor = Actor.of(vault.user)
        self.backups_to_keep = backups_to_keep
        self._subscribers: list[Subscriber] = []
        self._lock = threading.Lock()
        self._changed = False  # an operation wrote: a backup is due when the session closes
        self._restored_from: str | None = None  # the backup put in place, logged when the vault reopens
        self._head_at_open = self._head()

    # --- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, passphrase: str, *, user: str | None = None, **options: Any) -> "Session":
        """Unlock the vault at ``path`` with a user's passphrase (``user``: their name; none: HR)."""
        return cls(Vault.open(path, passphrase, user=user), **options)

    @classmethod
    def recover(cls, path: Path | str, recovery_key: str, new_passphrase: str, *,
                kdf: KdfParams | None = None, **options: Any) -> "Session":
        """Unlock with the recovery key and set a new passphrase (the policy applies)."""
        require_acceptable(new_passphrase)
        vault = Vault.open_with_recovery(path, recovery_key)
        try:
            vault.change_passphrase(new_passphrase, kdf=kdf)
        except BaseException:
            vault.close(backup=False)
            raise
        return cls(vault, **options)

    @classmethod
    def create(cls, path: Path | str, *, org_name: str, admin_name: str, passphrase: str,
               kdf: KdfParams | None = None, **options: Any) -> "tuple[Session, str]":
        """A new vault with its first HR user; returns the session and the recovery key (shown once)."""
        require_acceptable(passphrase)
        vault, recovery = Vault.create(Path(path), org_name=org_name, admin_name=admin_name, passphrase=passphrase, kdf=kdf)
        return cls(vault, **options), recovery

    # --- state ----------------------------------------------------------------------------

    @property
    def vault(self) -> Vault:
        """The open vault, for reads by core functions that take one; writes go through ``perform``."""
        if self._vault is None:
            raise VaultLockedError()
        return self._vault

    @property
    def is_open(self) -> bool:
        return self._vault is not None

    @property
    def is_locked(self) -> bool:
        return self._vault is None or self._vault.is_locked

    def records(self) -> "Records":
        """Typed reads of the people records (decrypting as they go)."""
        from hrdesk.records import Records

        return Records(self._unlocked())

    def read(self, fn: Callable[[Vault], T]) -> T:
        """Run a read (no transaction, no audit entry expected)."""
        return fn(self._unlocked())

    def _unlocked(self) -> Vault:
        vault = self.vault
        if vault.is_locked:
            raise VaultLockedError()
        return vault

    def _head(self) -> int:
        vault = self._vault
        if vault is None or vault.is_locked:
            return 0
        return int((vault.meta_get("audit_head", None) or {}).get("seq", 0))

    # --- operations and subscribers ----------------------------------------------------

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call ``callback(changes)`` after every operation that changed something; returns an unsubscribe."""
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def perform(self, fn: Callable[[Vault], T], *, atomic: bool = True) -> Outcome[T]:
        """Run a mutation in one transaction; its audit entries say what changed, subscribers hear it.

        ``atomic=False`` is for work that computes for long before it writes and
        opens its own transaction for the writing (an audit run, the purge's
        scan): holding the vault's lock through the computing would stall every
        read meanwhile. Its Changes are read from the audit log all the same.
        """
        vault = self._unlocked()
        if not self.actor.may_write:
            raise PermissionDeniedError(f"{self.actor.name} may read this vault but not change it.")
        if atomic:
            with vault.transaction():
                before = self._head()
                result = fn(vault)
                self._after_write(vault, before)
                entries = self._entries_since(before)
        else:
            before = self._head()
            result = fn(vault)
            with vault.transaction():
                self._after_write(vault, before)
            entries = self._entries_since(before)
        changes = from_entries(entries)
        if changes:
            self._changed = True
            self.notify(changes)
        return Outcome(result, changes)

    def _after_write(self, vault: Vault, before: int) -> None:
        """In the write's transaction: keys for a team's new manager, and governance steps the write reopens."""
        accounts.sync(vault)  # HR's writes only
        if self._head() != before and self.actor.role == Role.HR:
            # Governance steps resting on what just changed reopen in this same transaction; a manager's
            # session cannot read the log, so its writes are caught up by HR's next one (status reads
            # ``governance.invalidation.pending`` meanwhile).
            from hrdesk.governance.invalidation import catch_up

            catch_up(vault)

    def _entries_since(self, seq: int) -> list[AuditEntry]:
        if self._head() == seq:
            return []
        return self.vault.audit_entries_since(seq)  # a manager's session: its own entries (the log is sealed)

    def notify(self, changes: Changes) -> None:
        """Tell every subscriber, in the thread that performed the operation."""
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            callback(changes)

    # --- lock, unlock, close -------------------------------------------------------------

    def lock(self) -> None:
        """Drop the keys from memory; the file stays open and ours."""
        if self._vault is not None:
            self._vault.lock()
            log.info("session locked")

    def unlock(self, passphrase: str, *, user: str | None = None) -> Changes:
        """Unlock again, as the same or another user; after a restore, reopen the replaced file and log the restore."""
        if self._vault is not None:
            self._vault.unlock(passphrase, user=user)
            self.actor = Actor.of(self._vault.user)
            log.info("session unlocked")
            return NO_CHANGES
        return self._reopen(passphrase, user)

    @property
    def failed_attempts(self) -> int:
        """Failed passphrases for the signed-in user between their last sign-in and this one."""
        return self._vault.failed_attempts if self._vault is not None else 0

    def failed_attempts_message(self) -> str:
        n = self.failed_attempts
        if not n:
            return ""
        return f"{n} failed attempt{'s' if n != 1 else ''} since your last sign-in."

    # --- users (HR only; the vault enforces it again) ------------------------------------

    def require_hr(self, what: str, command: str) -> None:
        """Refuse (and log the attempt) unless HR is signed in."""
        vault = self._unlocked()
        if self.actor.role is not Role.HR or not vault.holds_org_key:
            raise accounts.refuse(vault, what, command)

    def users(self) -> "list[accounts.UserRow]":
        self.require_hr("list users", "user list")
        return accounts.user_rows(self._unlocked())

    def add_user(self, name: str, role: str, passphrase: str, *, employee_id: str = "", manager_name: str = "",
                 kdf: KdfParams | None = None) -> "Outcome[VaultUser]":
        """Add an HR user, a manager (their teams from the import) or an auditor; the policy applies."""
        self.require_hr("add users", "user add")
        require_acceptable(passphrase)
        vault = self._unlocked()
        params = vault._new_slot_params(kdf)
        return self.perform(lambda v: accounts.add_user(v, name, role, passphrase, params,
                                                        employee_id=employee_id, manager_name=manager_name))

    def reset_user_passphrase(self, user: str, passphrase: str, *, kdf: KdfParams | None = None) -> "Outcome[VaultUser]":
        self.require_hr("reset passphrases", "user reset")
        require_acceptable(passphrase)
        params = self._unlocked()._new_slot_params(kdf)
        return self.perform(lambda v: members.reset_passphrase(v, user, passphrase, params))

    def remove_user(self, user: str) -> "Outcome[tuple[VaultUser, int]]":
        """Remove a user: their slots go, and every key they held is replaced (records re-encrypted)."""
        self.require_hr("remove users", "user remove")
        return self.perform(lambda v: members.remove(v, user))

    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> Changes:
        require_acceptable(new_passphrase)
        return self.perform(lambda vault: vault.change_passphrase(new_passphrase, kdf=kdf)).changes

    def rotate_keys(self, new_passphrase: str, *, progress: "Progress | None" = None,
                    check_policy: bool = True) -> "RotationReport":
        """Revoke old passphrases, the old recovery key and old backups: a new data key for everything.

        The vault's rotation is crash-safe on its own (several steps, resumed on
        the next open), so it does not run inside one ``perform`` transaction;
        subscribers still hear what its audit entries say.
        """
        from hrdesk.progress import NULL_PROGRESS

        if check_policy:
            require_acceptable(new_passphrase)
        self.require_hr("rotate the vault's keys", "passwd --rotate")
        rotate = lambda vault: vault.rotate_keys(new_passphrase, progress=progress or NULL_PROGRESS)  # noqa: E731
        return self.perform(rotate, atomic=False).result

    def close(self, *, backup: bool = True) -> "BackupInfo | None":
        """Close the vault; when this session changed it (and ``backup``), a backup is taken first
        unless one was taken in the last 24 hours (``backup_now`` takes one on demand)."""
        vault, taken = self._vault, None
        if vault is None:
            return None
        try:
            if backup and not vault.is_locked and (self._changed or self._head() != self._head_at_open):
                taken = self.backup_if_due()
        finally:
            vault.close(backup=False)
            self._vault = None
        return taken

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- backups and restore ----------------------------------------------------------

    def backup_now(self) -> "BackupInfo":
        from hrdesk.vault.backup import KEEP, make_backup

        return make_backup(self._unlocked(), keep=self.backups_to_keep or KEEP)

    def backup_if_due(self) -> "BackupInfo | None":
        """At most one automatic backup a day, besides the one taken when a changed vault closes."""
        from hrdesk.vault.backup import KEEP, backup_if_due

        return backup_if_due(self._unlocked(), keep=self.backups_to_keep or KEEP)

    def check_records_if_due(self) -> "bool | None":
        """Decrypt and authenticate every record at most once a week (the window runs it in the
        background); the result decides which backup is kept as the last known-good one."""
        from hrdesk.vault.backup import check_records_if_due

        return check_records_if_due(self._unlocked())

    def restore(self, backup: Path) -> Path:
        """Close the vault and put ``backup`` in its place; ``unlock`` reopens it. Returns where the old file is kept."""
        from hrdesk.vault.backup import restore_backup

        self.close(backup=False)
        kept = restore_backup(self.path, Path(backup))
        self._restored_from = Path(backup).name
        return kept

    def _reopen(self, passphrase: str, user: str | None = None) -> Changes:
        vault = Vault.open(self.path, passphrase, user=user)
        self._vault = vault
        self.actor = Actor.of(vault.user)
        self._head_at_open = self._head()
        restored, self._restored_from = self._restored_from, None
        if restored is None:
            return NO_CHANGES
        return self.perform(lambda v: v.audit(RESTORED, target=restored)).changes
