"""Reading what monitoring kept: the latest report and the alerts (HR and auditors; no records are decrypted)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrdesk.monitoring.alerts import all_alerts
from hrdesk.monitoring.model import Alert, MonitoringReport
from hrdesk.monitoring.service import RUNS

if TYPE_CHECKING:
    from hrdesk.vault import Vault


def latest_report(vault: "Vault") -> MonitoringReport | None:
    """The report of the latest monitoring run, or ``None`` when monitoring has never run."""
    if RUNS not in vault.tables():
        return None
    latest = max(vault.rows(RUNS), key=lambda row: row.payload["computed_at"], default=None)
    return MonitoringReport.from_dict(latest.payload) if latest is not None else None


def alerts(vault: "Vault", *, open_only: bool = False) -> list[Alert]:
    """Every alert (newest first), or only the open ones."""
    found = all_alerts(vault)
    return [a for a in found if a.is_open] if open_only else found
