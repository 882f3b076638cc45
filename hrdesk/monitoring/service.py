"""Running monitoring: compute the report, keep it and raise alerts, as one session operation.

``compute`` reads (the vault's records, decisions and contests) and returns a
``MonitoringReport``; ``run`` is what HR does from the window or
``hrdesk monitor``: compute, keep the report and a survey round, raise an
alert for each new breach, audit-logged. An auditor cannot compute (their
keys open no one's records): they read the report HR's last run kept.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hrdesk.monitoring import alerts as alert_store
from hrdesk.monitoring.decisions import (
    contest_breaches, contest_summary, decisions_note, manager_breaches, manager_decisions,
)
from hrdesk.monitoring.flags import flag_breaches, flag_rates
from hrdesk.monitoring.model import MonitoringReport
from hrdesk.monitoring.reads import ReadOnce
from hrdesk.monitoring.thresholds import read_thresholds

if TYPE_CHECKING:
    from hrdesk.session import Outcome, Session
    from hrdesk.vault import Vault

RUNS = "monitoring_runs"
ACTION_RUN = "monitoring.run"


def _decisions(vault: "Vault", since: dt.date | None, until: dt.date) -> list[Any]:
    """The review sessions' decisions on suggestions in the period (``hrdesk.reviews``)."""
    from hrdesk.reviews.query import decisions

    return list(decisions(vault, since=since, until=until))


def _contests(vault: "Vault", since: dt.date | None, until: dt.date) -> list[Any]:
    """The contests received in the period (``hrdesk.contests``)."""
    from hrdesk.contests.query import contests

    return list(contests(vault, since=since, until=until))


def _deciding_managers(vault: "Vault", thresholds: Any) -> list[str]:
    """The managers suggestions reach: the pilot teams', or every manager in scope when all teams went live."""
    if thresholds is None:
        return []
    if thresholds.pilot_teams:
        return list(thresholds.pilot_teams)
    from hrdesk.governance.training import managers_in_scope
    from hrdesk.records import Records

    return [m.name for m in managers_in_scope(Records(vault))]


def compute(vault: "Vault", *, by: str = "", today: dt.date | None = None,
            since: dt.date | None = None) -> MonitoringReport:
    """Every comparison with step 6's thresholds, as of ``today``; decisions and contests from ``since`` (go-live)."""
    from hrdesk.monitoring.pilot import compare

    today = today or dt.date.today()
    thresholds = read_thresholds(vault)
    since = since or (thresholds.go_live if thresholds else None)
    notes: list[str] = []
    flags, flag_note = flag_rates(vault, thresholds)
    decisions = _decisions(vault, since, today)
    managers = manager_decisions(decisions, thresholds, _deciding_managers(vault, thresholds))
    contest = contest_summary(_contests(vault, since, today), len(decisions), thresholds, today)
    breaches = tuple(flag_breaches(flags) + manager_breaches(managers, thresholds)
                     + contest_breaches(contest, thresholds))
    if thresholds is None:
        notes.append("Governance step 6 is not signed: nothing is compared with thresholds and no alert is raised.")
    return MonitoringReport(
        computed_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), computed_by=by, since=since, until=today,
        thresholds=thresholds, flag_rates=flags, flag_note=flag_note, managers=managers,
        decisions_note=decisions_note(decisions, managers),
        contests=contest, breaches=breaches, pilot=compare(vault, thresholds, today=today), notes=tuple(notes))


def _run(vault: "Vault", by: str, today: dt.date) -> MonitoringReport:
    import dataclasses

    from hrdesk.monitoring import surveys
    from hrdesk.records import Records

    reads = ReadOnce(vault)  # the employees, check-ins, ratings and goals decrypted once for the whole run
    with vault.transaction():  # the survey round first, so the pilot comparison sees today's averages
        surveys.keep_round(vault, Records(reads).employees.list(), today)
    report = compute(reads, by=by, today=today)  # type: ignore[arg-type]  (a Vault whose table reads are kept)
    with vault.transaction():
        raised = (alert_store.raise_alerts(vault, report.breaches, report.thresholds, today)
                  if report.thresholds else [])
        report = dataclasses.replace(report, alerts_raised=tuple(a.id for a in raised))
        vault.ensure_table(RUNS)
        row_id = vault.insert(RUNS, report.to_dict())
        vault.audit(ACTION_RUN, target=row_id, details={"breaches": len(report.breaches), "alerts_raised": len(raised)})
    return report


def run(session: "Session", *, today: dt.date | None = None) -> "Outcome[MonitoringReport]":
    """HR runs monitoring: the report is kept, each new breach raises an alert to the escalation contact."""
    session.require_hr("run monitoring", "monitor")
    name = session.actor.name
    # Not atomic: computing reads every record for seconds; the writes are transactions of their own.
    return session.perform(lambda vault: _run(vault, name, today or dt.date.today()), atomic=False)


def handle_alert(session: "Session", alert_id: str, note: str, *,
                 today: dt.date | None = None) -> "Outcome[Any]":
    """HR records how an alert was handled (audit-logged)."""
    session.require_hr("record how a monitoring alert was handled", "monitor handle")
    name = session.actor.name
    return session.perform(lambda vault: alert_store.handle(vault, alert_id, note, by=name,
                                                            today=today or dt.date.today()))
