"""Shared by the monitoring tests: governance live with step 6 signed on a chosen day, and small organisations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hrdesk.governance import signoffs
from hrdesk.governance.signoffs import GovernanceState, SignedMark, save_state
from hrdesk.governance.step_rights import Rights, save_rights
from hrdesk.vault import Vault

CONTACT = "Priya Raman, Head of People Analytics"


def step6_answers(pilot: Sequence[str] = (), *, band: tuple[float, float] = (0.05, 0.6), min_group: int = 10,
                  floor: float = 0.8, ceiling: float = 0.05, days: int = 5) -> dict:
    return {"thresholds": {"impact_ratio_floor": floor, "override_rate_band": {"low": band[0], "high": band[1]},
                           "contest_rate_ceiling": ceiling, "min_group_size": min_group},
            "escalation": {"contact": CONTACT, "response_days": days},
            "pilot": {"scope": "pilot" if pilot else "all", "pilot_teams": list(pilot)}}


def sign_step6(vault: Vault, on: dt.date, answers: dict, *, response_days: int = 10) -> None:
    """Mark the six steps signed, step 6 on ``on`` with ``answers`` (a shortcut past the wizard, which has its own tests)."""
    save_rights(vault, Rights("Their ratings, goals and feedback.", "Ask HR to correct it in writing.",
                              "HR business partner", response_days, "opt-out", "Legitimate interest, assessed."))
    with vault.transaction():
        entry = vault.audit("governance.signed_off", details={"step": 6})
        signoffs.ensure_table(vault)
        time = f"{on.isoformat()}T09:00:00+00:00"
        digest = signoffs.answers_hash(answers)
        row = vault.insert(signoffs.TABLE, {"step": 6, "time": time, "by": "Dana HR", "by_id": "u", "audit_seq": entry.seq,
                                            "answers": answers, "answers_hash": digest,
                                            "evidence": {"pilot_teams": answers["pilot"]["pilot_teams"]}, "summary": ""})
        marks = {n: SignedMark(entry.seq, time, "Dana HR", digest, row if n == 6 else "") for n in range(1, 7)}
        save_state(vault, GovernanceState(marks, {}, entry.seq, tuple(answers["pilot"]["pilot_teams"])))
