"""The six governance steps, in the only order hrdesk allows, and the state each can be in.

A step's number is its place in the order; the titles are what the status
line, the CLI and the wizard's progress rail show.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hrdesk.errors import InvalidInputError


@dataclass(frozen=True)
class Step:
    number: int
    key: str
    title: str
    needs: str  # one sentence: what signing this step rests on


STEPS: tuple[Step, ...] = (
    Step(1, "audit", "Audit the data",
         "a saved audit run on the current data, a written response to every flag and an acknowledgement of every watch"),
    Step(2, "register", "Decision register",
         "for each decision type whether AI may inform it and who is accountable, and every AI tool in use"),
    Step(3, "rights", "Employee rights and privacy",
         "what employees see and how they correct it, the contest process, AI opt-out or opt-in, retention "
         "and a privacy risk assessment"),
    Step(4, "training", "Manager AI literacy",
         "every manager whose team is in scope has passed the quiz or had training elsewhere attested"),
    Step(5, "communicate", "Communicate before go-live",
         "every in-scope employee has a current AI-use disclosure letter marked delivered"),
    Step(6, "golive", "Go live with monitoring",
         "monitoring thresholds, a named escalation contact with a response time, and the pilot scope"),
)

COUNT = len(STEPS)


class StepState(StrEnum):
    LOCKED = "locked"  # an earlier step is not signed
    OPEN = "open"  # may be completed now, never signed
    REOPENED = "reopened"  # was signed; a later change means it must be signed again
    SIGNED = "signed"


def step(number: int | str) -> Step:
    """The step by number (1-6) or key; an unknown one is named in the error."""
    text = str(number).strip()
    for item in STEPS:
        if text == str(item.number) or text.lower() == item.key:
            return item
    raise InvalidInputError(f"'{number}' is not a governance step.",
                            hint="Steps are 1-6: " + "; ".join(f"{s.number} {s.title}" for s in STEPS) + ".")
