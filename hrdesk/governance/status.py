"""Whether AI suggestions may reach managers, and in plain words why not.

The status line shows this after every change, so it reads only the small
governance state (``signoffs.STATE_KEY``) and the audit log's head: two
small decryptions whatever the vault's size, and no personal data. When the
log holds entries not yet checked for reopening changes (a write that did not
go through a session), only those entries are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hrdesk.governance.invalidation import pending
from hrdesk.governance.steps import COUNT
from hrdesk.governance.steps import STEPS as _STEPS

if TYPE_CHECKING:
    from hrdesk.vault import Vault

#: the six steps' titles in order (the Overview's checklist)
STEPS = tuple(s.title for s in _STEPS)


@dataclass(frozen=True)
class SuggestionStatus:
    live: bool
    steps_done: int
    reason: str
    reopened: str = ""  # which change reopened which step, when and by whom ("" if none)

    @property
    def headline(self) -> str:
        return "AI suggestions: live" if self.live else "AI suggestions: locked"

    @property
    def next_step(self) -> int:
        """The step to work on next (0 when live)."""
        return 0 if self.live else self.steps_done + 1


def suggestion_status(vault: "Vault") -> SuggestionStatus:
    state = pending(vault)
    done = state.steps_done
    if done == COUNT:
        return SuggestionStatus(True, done, "all six governance steps are signed off")
    step = _STEPS[done]
    again = state.reopening(step.number)
    if again is not None:
        sentence = again.sentence(step.number)
        return SuggestionStatus(False, done, f"governance {sentence}", sentence)
    return SuggestionStatus(
        False, done, f"governance step {done + 1} of {COUNT} is not signed off yet ({step.title})")
