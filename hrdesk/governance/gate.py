"""Whether one manager may see AI suggestions: the gate the suggestions work calls before showing any.

Three conditions, all needed: the six steps are signed (suggestions live),
the manager has passed the AI-literacy quiz or had training attested, and
their team is in the pilot when step 6 chose pilot teams (the others are the
comparison group). A manager who has not passed sees no suggestions, ever,
even after go-live.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hrdesk.governance import signoffs
from hrdesk.governance.status import suggestion_status
from hrdesk.governance.training import Manager, is_trained

if TYPE_CHECKING:
    from hrdesk.vault import Vault


@dataclass(frozen=True)
class Gate:
    allowed: bool
    reason: str


def suggestions_gate(vault: "Vault", manager: Manager) -> Gate:
    """Whether ``manager`` may see suggestions, and if not, why (for their screen)."""
    status = suggestion_status(vault)
    if not status.live:
        return Gate(False, f"{status.headline}: {status.reason}")
    if not is_trained(vault, manager):
        return Gate(False, f"{manager.name} has not passed the AI-literacy training, so sees no suggestions.")
    last = signoffs.latest(vault, 6)
    pilot = [t.casefold() for t in ((last.answers.get("pilot") or {}).get("pilot_teams") or [])] if last else []
    if last and (last.answers.get("pilot") or {}).get("scope") == "pilot" and manager.name.casefold() not in pilot:
        return Gate(False, f"{manager.name}'s team is in the pilot's comparison group, so sees no suggestions.")
    return Gate(True, "")


def manager_may_see_suggestions(vault: "Vault", manager: Manager) -> bool:
    """The one check before any suggestion reaches ``manager``."""
    return suggestions_gate(vault, manager).allowed
