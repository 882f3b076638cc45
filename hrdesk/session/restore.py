"""Restoring a backup without an open window (``hrdesk restore``): authorised by a passphrase, logged in the restored vault.

The window restores from an unlocked session and reopens the restored file
with its passphrase, which logs the restore. Here the same two proofs come
from the command line: the passphrase of the vault being replaced (HR; when
that file cannot be opened at all, which is why people restore, the backup's
passphrase is the only proof there can be), and the passphrase that opens the
backup, checked before anything is replaced. The restored vault's audit log
then records who restored which backup.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hrdesk.errors import DamagedVaultError, InvalidInputError, NotAVaultError, WrongPassphraseError
from hrdesk.session.session import RESTORED, Session


@dataclass(frozen=True)
class Restored:
    """The reopened, restored vault; where the replaced file is kept; whether that file could be opened."""

    session: Session
    kept: Path
    replaced_was_readable: bool


def restore_file(path: Path, backup: Path, passphrase: str, *, backup_passphrase: str | None = None,
                 user: str | None = None) -> Restored:
    """Put ``backup`` in place of the vault at ``path`` and log it there; nothing is replaced unless both proofs hold."""
    from hrdesk.vault.backup import check_backup, restore_backup

    path, backup = Path(path), Path(backup)
    if not backup.is_file():
        raise InvalidInputError(f"There is no backup at '{backup}'.")
    check_backup(backup)
    current = _open_current(path, passphrase, user)
    opens_backup = backup_passphrase or passphrase
    try:
        _require_backup_passphrase(backup, opens_backup, user)
    except BaseException:
        if current is not None:
            current.close(backup=False)
        raise
    if current is not None:
        kept = current.restore(backup)
        current.unlock(opens_backup, user=user)  # reopens the restored file and logs the restore
        return Restored(current, kept, True)
    kept = restore_backup(path, backup)
    session = Session.open(path, opens_backup, user=user)
    session.perform(lambda vault: vault.audit(RESTORED, target=backup.name,
                                              details={"replaced": "a vault that could not be opened"}))
    return Restored(session, kept, False)


def _open_current(path: Path, passphrase: str, user: str | None) -> Session | None:
    """The vault being replaced, opened as HR; None when there is no file or it cannot be opened at all."""
    if not path.is_file():
        return None
    try:
        session = Session.open(path, passphrase, user=user)
    except (DamagedVaultError, NotAVaultError):
        return None
    try:
        session.require_hr("restore a backup", "restore")
    except BaseException:
        session.close(backup=False)
        raise
    return session


def _require_backup_passphrase(backup: Path, passphrase: str, user: str | None) -> None:
    from hrdesk.vault.backup import readable_copy
    from hrdesk.vault.passcheck import require_hr_passphrase

    try:
        with readable_copy(backup) as copy:  # a weekly base or a day's changes: rebuilt and checked first
            require_hr_passphrase(copy, passphrase, user=user)
    except WrongPassphraseError:
        raise InvalidInputError(
            f"The passphrase does not open the backup '{backup.name}'. Nothing was replaced.",
            hint="A backup opens with the passphrase the vault had when it was taken; "
                 "give that one for the backup (hrdesk restore: --backup-passphrase-file FILE).",
        ) from None
