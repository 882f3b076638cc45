"""Shared by the suggestion tests: the demo passphrase and making governance live."""

from __future__ import annotations

from hrdesk.governance.register import load_register, save_register
from hrdesk.governance.signoffs import GovernanceState, SignedMark, save_state
from hrdesk.vault import Vault

PASSPHRASE = "suggest-test-passphrase"
DECISIONS = ("retention_risk_conversation", "development_recommendation", "wellbeing_checkin_prompt")


def go_live(vault: Vault, decisions: tuple[str, ...] = DECISIONS) -> None:
    """Let AI inform ``decisions`` in the register, then mark the six governance steps signed after it.

    A shortcut past the wizard (its own tests walk it): the register is changed first because a changed
    register reopens step 2, and so does training a model, so tests train before they go live.
    """
    register = load_register(vault)
    for key in decisions:
        register = register.with_decision(key, ai_may_inform=True, accountable="HR lead")
    save_register(vault, register)
    with vault.transaction():
        entry = vault.audit("governance.signed_off", target="all")
        save_state(vault, GovernanceState({n: SignedMark(entry.seq, entry.time, "HR lead", "h") for n in range(1, 7)},
                                          {}, entry.seq))
