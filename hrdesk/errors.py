"""The domain errors a user can act on.

Every ``HrdeskError`` carries a message written for the person at the keyboard
and, where there is one, a hint saying what to do next. The UI and the CLI
translate these; nothing else in hrdesk catches exceptions broadly, so anything
that is *not* an ``HrdeskError`` is a bug and is reported as one: the window's
crash dialog (logged), or exit status 1 with a bug message from the CLI.

``BugError`` names the bugs hrdesk detects itself (a broken invariant, an API
called wrongly, a low-level error nobody recognises). It is deliberately not
an ``HrdeskError``: telling a person "invalid input" or "your vault is damaged"
for a fault in our own code would send them to fix the wrong thing.
"""

from __future__ import annotations


class BugError(Exception):
    """A fault in hrdesk itself, found by hrdesk: reported as a bug, never as the user's problem."""


class PrivacyInvariantError(BugError):
    """A protected attribute was about to reach a place it must never be (a payload, a model feature)."""


class HrdeskError(Exception):
    """Base of every known, user-actionable failure."""

    title = "Something went wrong"

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


# --- vault -----------------------------------------------------------------


class VaultError(HrdeskError):
    title = "Vault problem"


class WrongPassphraseError(VaultError):
    title = "Wrong passphrase"

    def __init__(self) -> None:
        super().__init__(
            "The passphrase does not open this vault.",
            hint="Check Caps Lock and try again, or use the recovery key you saved when the vault was created.",
        )


class WrongRecoveryKeyError(VaultError):
    title = "Wrong recovery key"

    def __init__(self) -> None:
        super().__init__(
            "The recovery key does not open this vault.",
            hint="Type it exactly as it was shown at creation; spaces and dashes do not matter.",
        )


class NotAVaultError(VaultError):
    title = "Not an hrdesk vault"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"'{path}' is not an hrdesk vault.",
            hint="Choose a file ending in .hrdesk that was created by hrdesk.",
        )


class DamagedVaultError(VaultError):
    """A record failed authentication or the database file is corrupt."""

    title = "Damaged vault"

    def __init__(self, detail: str, *, table: str = "", record_id: str = "") -> None:
        self.table = table
        self.record_id = record_id
        where = f" (record {record_id} in {table})" if record_id else (f" (in {table})" if table else "")
        super().__init__(
            f"The vault is damaged{where}: {detail}",
            hint="Other records may still be readable. Restore the latest backup with 'hrdesk restore' "
            "or from Settings, and keep the damaged file for inspection.",
        )


class NewerVaultVersionError(VaultError):
    title = "Vault from a newer hrdesk"

    def __init__(self, found: int, supported: int) -> None:
        super().__init__(
            f"This vault was written by a newer version of hrdesk (format {found}; this version reads up to {supported}).",
            hint="Update hrdesk to open it. The file has not been changed.",
        )


class VaultInUseError(VaultError):
    title = "Vault already open"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"'{path}' is open in another hrdesk window or process.",
            hint="Close it there first. If hrdesk crashed, the lock is released automatically when that process ends.",
        )


class VaultLockedError(VaultError):
    """The session was locked (idle or by the user) and the key dropped."""

    title = "Vault locked"

    def __init__(self) -> None:
        super().__init__("The vault is locked.", hint="Unlock it with your passphrase to continue.")


class StorageError(VaultError):
    """The disk refused a write; the transaction was rolled back."""

    title = "Could not save"

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"hrdesk could not write to the disk: {detail}. Nothing was changed.",
            hint="Free some disk space or check the drive, then try again.",
        )


class ReadOnlyLocationError(StorageError):
    """The vault's file or folder cannot be written (read-only media, permissions)."""

    title = "Vault is read-only"

    def __init__(self, path: str) -> None:
        VaultError.__init__(
            self,
            f"'{path}' or the folder it is in is read-only for hrdesk. Nothing was changed.",
            hint="hrdesk writes a lock and a journal beside the vault: copy the vault to a folder you can "
            "write to (for example your Documents), or check the file's permissions.",
        )


class BackupFailedError(VaultError):
    """The work is committed; only the safety copy afterwards failed."""

    title = "Backup not written"

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"Your changes are saved in the vault, but the backup could not be written: {detail}.",
            hint="Free some disk space, then take a backup from Settings or with 'hrdesk backup'.",
        )


class DamagedBackupError(VaultError):
    """A backup (a weekly base or a day's increment) that cannot be rebuilt exactly as it was checked."""

    title = "Damaged backup"

    def __init__(self, name: str, detail: str) -> None:
        self.name = name
        super().__init__(
            f"The backup '{name}' cannot be used: {detail}. Nothing was replaced.",
            hint="Other backups are separate files: list them with 'hrdesk restore VAULT --list' "
            "(or Settings, Backups) and restore another one.",
        )


class PermissionDeniedError(HrdeskError):
    title = "Not allowed"


class RecordNotFoundError(HrdeskError):
    title = "Not found"


# --- input ----------------------------------------------------------------


class InvalidInputError(HrdeskError):
    """A value the user typed or a file they chose cannot be used."""

    title = "Invalid input"


class CycleClosedError(HrdeskError):
    """A write to a review cycle HR has closed: a closed cycle is read-only."""

    title = "Review cycle closed"


class NotEnoughHistoryError(HrdeskError):
    """Too little history to train a suggestion model honestly; nothing was trained or suggested."""

    title = "Not enough history"


class CancelledError(HrdeskError):
    """The user pressed Cancel; whatever was in flight was rolled back."""

    title = "Cancelled"

    def __init__(self, what: str = "The operation") -> None:
        super().__init__(f"{what} was cancelled. Nothing was changed.")


# --- governance -------------------------------------------------------------


class StepNotOpenError(HrdeskError):
    """A governance step was attempted before every earlier step was signed (the order is the rule)."""

    title = "Not yet"


class InvalidAnswersError(InvalidInputError):
    """A governance step's answers are incomplete or wrong; ``field`` names where (e.g. ``contest.response_days``)."""

    def __init__(self, field: str, problem: str, *, hint: str = "") -> None:
        super().__init__(f"{field}: {problem}", hint=hint)
        self.field = field
