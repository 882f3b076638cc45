"""Shared by the monitoring tests: governance live with step 6 signed on a chosen day, and small organisations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

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


DEMO_PASSPHRASE = "monitoring demo passphrase"
_DEMO: dict[str, Path] = {}


def live_demo(factory, target: Path) -> Path:  # type: ignore[no-untyped-def]
    """A copy at ``target`` of one demo organisation (240 people) per test run: model trained, the register letting
    AI inform every suggestion type, governance live (step 6 not yet signed: each test signs its own)."""
    import shutil

    from hrdesk.demo.build import build_demo_vault
    from hrdesk.governance.register import load_register, save_register
    from hrdesk.session import Session
    from hrdesk.suggest.service import train
    from hrdesk.vault import KdfParams

    if "master" not in _DEMO:
        path = factory.mktemp("monitoring_demo") / "demo.hrdesk"
        build_demo_vault(path, passphrase=DEMO_PASSPHRASE, n_employees=240, seed=11, kdf=KdfParams.fast_for_tests())
        with Session.open(path, DEMO_PASSPHRASE) as hr:
            train(hr)

            def live(vault: Vault) -> None:
                register = load_register(vault)
                for key in ("retention_risk_conversation", "development_recommendation", "wellbeing_checkin_prompt"):
                    register = register.with_decision(key, ai_may_inform=True, accountable="HR lead")
                save_register(vault, register)
                with vault.transaction():
                    entry = vault.audit("governance.signed_off", details={"step": 5})
                    save_state(vault, GovernanceState({n: SignedMark(entry.seq, entry.time, "Dana HR", "h")
                                                       for n in range(1, 6)}, {}, entry.seq))

            hr.perform(live)
        _DEMO["master"] = path
    shutil.copyfile(_DEMO["master"], target)
    return target
