"""Whether a suggestion may be shown at all: governance live, and the register lets AI inform that decision.

Until the six governance steps are signed off, no suggestion exists for
anyone (only the reason is said). After go-live, each suggestion type is
shown only if the decision register lets AI inform its decision type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Gate:
    open: bool
    reason: str


def governance_gate(vault: Any) -> Gate:
    """Open only when governance is live."""
    from hrdesk.governance.status import suggestion_status

    status = suggestion_status(vault)
    if not status.live:
        return Gate(False, f"AI suggestions are not live: {status.reason}.")
    return Gate(True, f"AI suggestions are live: {status.reason}.")


def decision_gate(vault: Any, decision: str) -> Gate:
    """Open only when the decision register lets AI inform ``decision``."""
    from hrdesk.governance.register import load_register

    item = load_register(vault).decision(decision)
    if not item.ai_may_inform:
        return Gate(False, f"The decision register keeps '{item.label}' human only, so no AI suggestion informs it.")
    return Gate(True, f"AI may inform '{item.label}'; {item.accountable or 'a named person'} decides.")


def may_train(role: str) -> bool:
    """Whether a role may train a suggestion model: HR only.

    A new model is a changed AI tool that reopens governance step 2 for the whole
    organisation, and it learns from everyone's history; a manager only sees and
    decides on their own team's suggestions, and an auditor only reads. The
    session refuses anyone else (``Session.require_hr``); the window asks here so
    it never offers what would be refused.
    """
    from hrdesk.session.actor import Role

    return role == Role.HR
