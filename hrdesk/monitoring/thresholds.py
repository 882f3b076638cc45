"""Governance step 6's thresholds as signed, with the go-live date and step 3's promised contest response time.

The answers are read from the stored sign-off with step 6's own reader
(``governance.step_live.read_golive``), so a threshold means here exactly
what the wizard validated. Pilot team names are not checked against today's
managers again: they were checked when signed, and a manager who has left
since must not make monitoring unreadable.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hrdesk.governance import signoffs
from hrdesk.governance.step_live import GoLive, read_golive
from hrdesk.governance.training import Manager
from hrdesk.monitoring.model import Thresholds

if TYPE_CHECKING:
    from hrdesk.vault import Vault

STEP = 6


def _golive(answers: dict) -> GoLive:
    pilot = answers.get("pilot") if isinstance(answers, dict) else None
    named = pilot.get("pilot_teams", []) if isinstance(pilot, dict) else []
    named = [n for n in named if isinstance(n, str)] if isinstance(named, list) else []
    # every named team plus one more: the reader's "no comparison group left" check holds as it did when signed
    managers = [Manager(n, None, (), 0) for n in named] + [Manager("\u0000comparison", None, (), 0)]
    return read_golive(answers, managers)


def go_live_date(vault: "Vault", pilot_teams: tuple[str, ...]) -> dt.date | None:
    """The first step-6 sign-off with today's pilot scope: when these pilot teams started seeing suggestions."""
    same = None
    for signed in reversed(signoffs.all_signoffs(vault)):
        if signed.step != STEP:
            continue
        try:
            teams = _golive(signed.answers).pilot_teams
        except Exception:  # noqa: BLE001 - an older, differently shaped sign-off ends the current scope
            break
        if tuple(t.casefold() for t in teams) != tuple(t.casefold() for t in pilot_teams):
            break
        same = signed
    return dt.date.fromisoformat(same.time[:10]) if same is not None else None


def read_thresholds(vault: "Vault") -> Thresholds | None:
    """Step 6's thresholds as last signed, or ``None`` when step 6 has never been signed."""
    from hrdesk.governance.step_rights import stored_rights

    signed = signoffs.latest(vault, STEP)
    if signed is None:
        return None
    golive = _golive(signed.answers)
    rights = stored_rights(vault)
    return Thresholds(**vars(golive), contest_response_days=rights.contest_response_days if rights else None,
                      go_live=go_live_date(vault, golive.pilot_teams), signed_by=signed.by)
