"""The retention purge across every layer that keeps a copy of personal data.

``records.retention.delete_expired`` deletes expired records; saved audit runs
quote feedback verbatim, so their quotes go in the same transaction, and so
does unlinking a purged leaver's letters from them (``letters.log``). The
session's ``purge_expired`` operation runs that as one operation and then
``finish_purge`` (vacuum, replace old backups), which needs no transaction open.
"""

from __future__ import annotations

import datetime as dt

from hrdesk.progress import NULL_PROGRESS, Progress
from hrdesk.records.retention import PurgeReport, delete_expired
from hrdesk.vault import Vault
from hrdesk.vault.backup import note_pending_cleanup


def purge_expired(
    vault: Vault,
    *,
    today: dt.date | None = None,
    dry_run: bool = False,
    progress: Progress = NULL_PROGRESS,
    months: dict[str, int] | None = None,
) -> PurgeReport:
    from hrdesk.fairness.runs import forget_purged
    from hrdesk.letters.log import forget_people as forget_letters
    from hrdesk.records.tables import EMPLOYEES

    def on_deleted(deleted: dict[str, list[str]]) -> None:
        forget_purged(vault, deleted)
        forget_letters(vault, deleted.get(EMPLOYEES, ()))  # the letter log keeps anonymous rows only
        # In the purge's transaction: if the process dies before the backups are replaced,
        # the next open replaces them (the purge is done only when no copy holds the data).
        note_pending_cleanup(vault, "retention purge")

    return delete_expired(vault, today=today, dry_run=dry_run, progress=progress, months=months, on_deleted=on_deleted)
