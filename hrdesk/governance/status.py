"""Whether AI suggestions may reach managers, and in plain words why not.

The status line of the window always shows this. Until the six-step
governance wizard exists and has been walked, suggestions are locked; the
sign-offs are stored in the vault under ``governance.signoffs`` by the wizard.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hrdesk.vault import Vault

STEPS = (
    "Audit existing performance data for bias, gaps and quality",
    "Define which decisions AI informs and which stay human-only",
    "Establish employee data rights, consent, retention and contest process",
    "Train managers on AI literacy",
    "Communicate the system to employees before go-live",
    "Deploy with monitoring thresholds and a named escalation path",
)


@dataclass(frozen=True)
class SuggestionStatus:
    live: bool
    steps_done: int
    reason: str

    @property
    def headline(self) -> str:
        return "AI suggestions: live" if self.live else "AI suggestions: locked"


def suggestion_status(vault: "Vault") -> SuggestionStatus:
    signoffs = vault.meta_get("governance.signoffs", []) or []
    done = 0
    for step_index, _title in enumerate(STEPS, start=1):
        if any(s.get("step") == step_index for s in signoffs):
            done = step_index
        else:
            break
    if done == len(STEPS):
        return SuggestionStatus(True, done, "all six governance steps are signed off")
    next_title = STEPS[done]
    return SuggestionStatus(
        False, done, f"governance step {done + 1} of {len(STEPS)} is not signed off yet ({next_title.lower()})"
    )
