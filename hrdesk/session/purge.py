"""The retention purge across every layer that keeps a copy of personal data.

``records.retention.delete_expired`` deletes expired records; saved audit runs
quote feedback verbatim, so their quotes go in the same transaction. The
session's ``purge_expired`` operation runs that as one operation and then
``finish_purge`` (vacuum, replace old backups), which needs no transaction open.
"""

from __future__ import annotations

import datetime as dt

from hrdesk.progress import NULL_PROGRESS, Progress
from hrdesk.records.retention import PurgeReport, delete_expired
from hrdesk.vault import Vault


def purge_expired(
    vault: Vault,
    *,
    today: dt.date | None = None,
    dry_run: bool = False,
    progress: Progress = NULL_PROGRESS,
    months: dict[str, int] | None = None,
) -> PurgeReport:
    from hrdesk.fairness.runs import forget_purged

    return delete_expired(
        vault, today=today, dry_run=dry_run, progress=progress, months=months,
        on_deleted=lambda deleted: forget_purged(vault, deleted),
    )
