"""Alerts: a breach of step 6's thresholds, raised to the escalation contact, and how HR handled it.

Stored encrypted in the vault (``monitoring_alerts``, under the governance
key: HR and auditors read them), each raise and each handling with its own
audit entry. A breach raises an alert only once: not while an alert for the
same breach is open, and not again after it was handled unless its numbers
changed (``Breach.evidence``), so re-running monitoring never piles up
copies of one problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from hrdesk.errors import InvalidInputError
from hrdesk.monitoring.model import Alert, Breach, Thresholds, alert_from_dict, alert_to_dict

if TYPE_CHECKING:
    from hrdesk.vault import Vault

TABLE = "monitoring_alerts"
ACTION_RAISED = "monitoring.alert_raised"
ACTION_HANDLED = "monitoring.alert_handled"
MIN_NOTE = 12  # a handling note shorter than this says nothing


def all_alerts(vault: "Vault") -> list[Alert]:
    """Every alert, newest first (open ones before handled ones of the same day)."""
    if TABLE not in vault.tables():
        return []
    out = [alert_from_dict(row.id, row.payload) for row in vault.rows(TABLE)]
    return sorted(out, key=lambda a: (a.raised_on, a.is_open, a.id), reverse=True)


def raise_alerts(vault: "Vault", breaches: Sequence[Breach], thresholds: Thresholds, today: dt.date) -> list[Alert]:
    """Raise an alert for each breach not already open (or handled with the same numbers); returns the new ones."""
    existing = all_alerts(vault)
    open_keys = {a.key for a in existing if a.is_open}
    handled = {(a.key, a.evidence) for a in existing if not a.is_open}
    vault.ensure_table(TABLE)
    raised = []
    for b in breaches:
        if b.key in open_keys or (b.key, b.evidence) in handled:
            continue
        alert = Alert(id="", key=b.key, title=b.title, detail=b.detail, evidence=b.evidence,
                      contact=thresholds.escalation_contact, raised_on=today,
                      respond_by=today + dt.timedelta(days=thresholds.escalation_days))
        row_id = vault.insert(TABLE, alert_to_dict(alert))
        vault.audit(ACTION_RAISED, target=row_id,
                    details={"breach": b.key, "evidence": b.evidence, "contact": alert.contact,
                             "respond_by": alert.respond_by.isoformat()})
        open_keys.add(b.key)
        raised.append(alert_from_dict(row_id, alert_to_dict(alert)))
    return raised


def handle(vault: "Vault", alert_id: str, note: str, *, by: str, today: dt.date) -> Alert:
    """Record how an open alert was handled (HR's words), with its audit entry."""
    note = (note or "").strip()
    if len(note) < MIN_NOTE:
        raise InvalidInputError(f"Say how the alert was handled (at least {MIN_NOTE} characters).",
                                hint="For example: 'Spoke with the manager; reasons reviewed; band kept'.")
    found = {a.id: a for a in all_alerts(vault)}
    alert = found.get(alert_id)
    if alert is None:
        raise InvalidInputError(f"There is no monitoring alert '{alert_id}'.",
                                hint="'hrdesk monitor VAULT' lists the alerts with their ids.")
    if not alert.is_open:
        raise InvalidInputError(f"The alert '{alert_id}' was already handled on {alert.handled_on} by "
                                f"{alert.handled_by}.")
    payload = alert_to_dict(alert)
    payload.update(status="handled", handled_on=today.isoformat(), handled_by=by, handling=note)
    vault.update(TABLE, alert_id, payload)
    vault.audit(ACTION_HANDLED, target=alert_id, details={"breach": alert.key, "handled_by": by})
    return alert_from_dict(alert_id, payload)
