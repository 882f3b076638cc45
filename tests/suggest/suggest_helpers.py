"""Shared by the suggestion tests: the demo passphrase and making governance live."""

from __future__ import annotations

from hrdesk.governance.register import load_register, save_register
from hrdesk.vault import Vault

PASSPHRASE = "suggest-test-passphrase"
DECISIONS = ("retention_risk_conversation", "development_recommendation", "wellbeing_checkin_prompt")


def go_live(vault: Vault, decisions: tuple[str, ...] = DECISIONS) -> None:
    """Sign off the six governance steps and let AI inform ``decisions`` (as the wizard would)."""
    vault.meta_set("governance.signoffs", [{"step": i, "by": "HR lead"} for i in range(1, 7)])
    register = load_register(vault)
    for key in decisions:
        register = register.with_decision(key, ai_may_inform=True, accountable="HR lead")
    save_register(vault, register)
