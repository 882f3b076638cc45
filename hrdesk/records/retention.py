"""Retention limits per data category, and the deleting that enforces them.

The purge has one door, ``Session.purge_expired`` (``session/purge.py``): it
also drops the quotes saved audit runs hold and marks old backups for
replacement. This module finds and deletes (``delete_expired``) and wipes
afterwards (``finish_purge``); nothing else calls them.

Default periods (a vault can override them with
``vault.meta_set("retention.months", {...})``, which the governance wizard's
privacy step records):

=============  ========  ==============================================
category       months    counted from
=============  ========  ==============================================
checkins       12        the check-in date (well-being data goes first)
feedback       36        the date the feedback was written
goals          36        the date the goal was set
ratings        60        the review date
leavers        24        the termination date; then the whole person
                         goes: employee record, protected attributes,
                         ratings, goals, feedback, check-ins, consents
=============  ========  ==============================================

A record is purged once its period has fully passed (the day after). Undated
records are kept and counted. The purge runs in one transaction with its
audit entry (counts per category, never what was deleted); afterwards the
vault is vacuumed so no freed page still holds the old ciphertext (the vault
also runs with ``secure_delete`` on).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from hrdesk.errors import InvalidInputError
from hrdesk.progress import NULL_PROGRESS, Progress, check_cancelled
from hrdesk.records import tables
from hrdesk.vault.backup import replace_backups
from hrdesk.vault import Vault

RETENTION_KEY = "retention.months"
DEFAULT_RETENTION_MONTHS: dict[str, int] = {"checkins": 12, "feedback": 36, "goals": 36, "ratings": 60, "leavers": 24}

# category -> (table, payload field holding the date it counts from)
_DATED: dict[str, tuple[str, str]] = {
    "checkins": (tables.CHECKINS, "date"),
    "feedback": (tables.FEEDBACK, "date"),
    "goals": (tables.GOALS, "date"),
    "ratings": (tables.RATINGS, "review_date"),
}


@dataclass
class PurgeReport:
    today: dt.date
    dry_run: bool
    deleted: dict[str, int] = field(default_factory=dict)  # category -> records (would be) deleted
    undated_kept: int = 0
    vacuumed: bool = False
    backups_replaced: int = 0  # older backups that still held the deleted records

    @property
    def total(self) -> int:
        return sum(self.deleted.values())

    def describe(self) -> str:
        verb = "Would delete" if self.dry_run else "Deleted"
        parts = [_count(n, *_CATEGORY_WORDS.get(category, (category, category))) for category, n in self.deleted.items() if n]
        line = f"{verb} {_count(self.total, 'expired record', 'expired records')}" + (f": {', '.join(parts)}." if parts else ".")
        if self.undated_kept:
            line += f" {self.undated_kept} undated records were kept."
        if self.backups_replaced:
            line += (f" {self.backups_replaced} older backups still held them and were replaced by one fresh backup.")
        return line


_CATEGORY_WORDS = {
    "checkins": ("well-being check-in", "well-being check-ins"),
    "feedback": ("piece of feedback", "pieces of feedback"),
    "goals": ("goal", "goals"),
    "ratings": ("rating", "ratings"),
    "leavers": ("leaver", "leavers"),
    "leavers' other records": ("other record of leavers", "other records of leavers"),
}


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _tidy_teams(vault: Vault, leavers: set[str]) -> None:
    """A team nobody is left in goes (it holds the manager's name); others forget a purged manager's record."""
    in_use = {row.links.get("team_id") for row in vault.rows(tables.EMPLOYEES)}
    for team in vault.rows(tables.TEAMS):
        if team.id not in in_use:
            vault.delete(tables.TEAMS, [team.id])
        elif team.links.get("manager_employee_id") in leavers:
            vault.update(tables.TEAMS, team.id, team.payload, links={"manager_employee_id": None})


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retention_months(vault: Vault) -> dict[str, int]:
    """The vault's periods: the defaults, overridden by what the vault declares."""
    months = dict(DEFAULT_RETENTION_MONTHS)
    months.update(vault.meta_get(RETENTION_KEY, {}) or {})
    return months


def set_retention_months(vault: Vault, months: dict[str, int]) -> None:
    unknown = set(months) - set(DEFAULT_RETENTION_MONTHS)
    if unknown or any(not isinstance(v, int) or v < 1 for v in months.values()):
        raise InvalidInputError(f"Retention periods are whole months (at least 1) for {', '.join(DEFAULT_RETENTION_MONTHS)}.")
    with vault.transaction():
        vault.meta_set(RETENTION_KEY, dict(months))
        vault.audit("retention.changed", details=dict(months))


def _expired(iso: str | None, months: int, today: dt.date) -> bool | None:
    if not iso:
        return None
    return add_months(dt.date.fromisoformat(iso), months) < today


OnDeleted = Callable[[dict[str, list[str]]], None]


def delete_expired(
    vault: Vault,
    *,
    today: dt.date | None = None,
    dry_run: bool = False,
    progress: Progress = NULL_PROGRESS,
    on_deleted: OnDeleted | None = None,
    months: dict[str, int] | None = None,
) -> PurgeReport:
    """Delete everything whose retention period has passed, in one transaction; ``dry_run`` only counts.

    ``on_deleted(ids_by_table)`` runs inside that transaction, so layers above
    that keep copies (saved audit runs quote feedback) can drop them atomically.
    It may join a caller's transaction (the session's operation); the vacuum
    and backup replacement need none open, so they are ``finish_purge``.
    """
    today = today or dt.date.today()
    tables.ensure_tables(vault)
    months = {**retention_months(vault), **(months or {})}  # ``months``: periods to preview before saving them
    report = PurgeReport(today, dry_run)
    progress.begin("Finding expired records", len(_DATED) + 1)
    doomed: dict[str, list[str]] = {}
    leavers = {
        row.id
        for row in vault.rows(tables.EMPLOYEES)
        if _expired(row.payload.get("termination_date"), months["leavers"], today)
    }
    doomed[tables.EMPLOYEES] = sorted(leavers)
    report.deleted["leavers"] = len(leavers)
    from hrdesk.contests.store import TABLE as CONTESTS
    from hrdesk.reviews.store import LINKS as REVIEW_TABLES, ensure_tables as ensure_review_tables

    ensure_review_tables(vault)
    contests = (CONTESTS,) if CONTESTS in vault.tables() else ()  # none before the first contest
    # review sessions and contests go with the leaver's other records
    for table in (*tables.PER_EMPLOYEE, *REVIEW_TABLES, *contests):
        doomed[table] = [row.id for row in vault.rows(table) if row.links["employee_id"] in leavers]
    report.deleted["leavers' other records"] = sum(len(ids) for ids in doomed.values()) - len(leavers)
    progress.advance()
    for category, (table, date_field) in _DATED.items():
        check_cancelled(progress, "The purge")
        already = set(doomed[table])
        expired = []
        for row in vault.rows(table):
            if row.id in already:
                continue
            verdict = _expired(row.payload.get(date_field), months[category], today)
            if verdict is None:
                report.undated_kept += 1
            elif verdict:
                expired.append(row.id)
        doomed[table] += expired
        report.deleted[category] = len(expired)
        progress.advance()
    if dry_run or not any(doomed.values()):
        return report
    with vault.transaction():
        for table, ids in doomed.items():
            vault.delete(table, ids)
        _tidy_teams(vault, leavers)
        if on_deleted is not None:
            on_deleted({table: list(ids) for table, ids in doomed.items() if ids})
        vault.audit("retention.purged", details={"today": today.isoformat(), **report.deleted, "months": months})
    return report


def finish_purge(vault: Vault, report: PurgeReport) -> PurgeReport:
    """After the deleting transaction committed: rewrite the file so freed pages are gone, and replace
    the backups that still hold the deleted records by one fresh backup."""
    if report.dry_run or not report.total:
        return report
    vault.vacuum()
    report.vacuumed = True
    report.backups_replaced = replace_backups(vault)
    return report
