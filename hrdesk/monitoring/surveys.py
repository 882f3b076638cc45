"""Survey rounds kept as team averages: hrdesk holds only each person's latest engagement and satisfaction.

Each monitoring run compares the teams' current averages with the last kept
round; when they differ (a new HRIS export was imported), it keeps a new
round, dated the day the scores last changed (the latest import or edit
that touched them, from the audit log), not the day monitoring ran. Only team averages and head counts are kept, never a
person's score, under the governance key (HR and auditors).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from hrdesk.monitoring.pilot import Panel
    from hrdesk.records.types import Employee
    from hrdesk.vault import Vault

TABLE = "monitoring_surveys"
FIELDS = ("engagement", "satisfaction")


def team_averages(employees: Sequence["Employee"]) -> dict[str, dict[str, list[float]]]:
    """Per field, per team (manager name): [people with a score, their average], current employees only."""
    out: dict[str, dict[str, list[float]]] = {f: {} for f in FIELDS}
    for e in employees:
        team = (e.manager_name or "").strip()
        if e.is_leaver or not team:
            continue
        for f in FIELDS:
            value = getattr(e, f)
            if value is None:
                continue
            cell = out[f].setdefault(team, [0, 0.0])
            cell[1] = (cell[1] * cell[0] + float(value)) / (cell[0] + 1)
            cell[0] += 1
    return out


def _fingerprint(averages: dict) -> str:
    text = json.dumps(averages, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def rounds(vault: "Vault") -> list[dict]:
    """Every kept survey round, oldest first."""
    if TABLE not in vault.tables():
        return []
    return sorted((row.payload for row in vault.rows(TABLE)), key=lambda p: p["on"])


def scores_changed_on(vault: "Vault", today: dt.date) -> dt.date:
    """The day survey scores last changed: the latest import or edit that touched them (else ``today``)."""
    if not vault.can_read_audit_log:
        return today
    for entry in reversed(vault.audit_entries()):
        details, day = entry.details, min(dt.date.fromisoformat(entry.time[:10]), today)
        if entry.action == "import.employees":
            changed = set(details.get("fields_changed") or ())
            if details.get("added") or changed & set(FIELDS) or "fields_changed" not in details:
                return day  # people added (a first import), or their scores changed
        elif entry.action == "employee.updated" and set(details.get("fields", ())) & set(FIELDS):
            return day
    return today


def keep_round(vault: "Vault", employees: Sequence["Employee"], today: dt.date) -> bool:
    """Keep the team averages as a new round if they changed since the last one (inside the caller's write)."""
    averages = team_averages(employees)
    if not any(averages.values()):
        return False
    print_ = _fingerprint(averages)
    kept = rounds(vault)
    if kept and kept[-1]["fingerprint"] == print_:
        return False
    day = max(scores_changed_on(vault, today), dt.date.fromisoformat(kept[-1]["on"]) if kept else dt.date.min)
    if kept and kept[-1]["on"] == day.isoformat():  # changed again the same day: the day's last values count
        vault.delete(TABLE, [row.id for row in vault.rows(TABLE) if row.payload["on"] == day.isoformat()])
    vault.ensure_table(TABLE)
    vault.insert(TABLE, {"on": day.isoformat(), "fingerprint": print_, "teams": averages})
    return True


def panels(vault: "Vault") -> dict[str, "Panel"]:
    """One panel per survey field from the kept rounds (a round's period is its month)."""
    from hrdesk.monitoring.pilot import Panel, month_index

    out = {}
    kept = rounds(vault)
    for f in FIELDS:
        team, period, y, w = [], [], [], []
        for r in kept:
            m = month_index(dt.date.fromisoformat(r["on"]))
            for name, (n, mean) in r["teams"].get(f, {}).items():
                team.append(name)
                period.append(m)
                y.append(mean)
                w.append(n)
        out[f] = Panel(tuple(team), np.array(period, dtype=int), np.array(y, dtype=float), np.array(w, dtype=float))
    return out
