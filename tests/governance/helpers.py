"""Walking the governance steps in tests: example answers from resources/, step 1's built from the audit run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hrdesk.fairness.settings import AuditSettings
from hrdesk.governance import wizard
from hrdesk.paths import resource
from hrdesk.governance.show import show
from hrdesk.letters import LetterType
from hrdesk.session import Session

EXAMPLES = resource("governance")
SIGNER = "Dana HR"


def example(step: int) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"step-{step}.json").read_text(encoding="utf-8"))


def step1_answers(session: Session) -> dict[str, Any]:
    """A response to every flag and an acknowledgement of every watch, keyed by finding id (from ``show 1``)."""
    return step1_from_show(session.read(lambda vault: show(vault, 1)))


def step1_from_show(found: dict[str, Any]) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for f in found["now"]["findings"]:
        if f["needs"] == "response":
            responses[f["id"]] = {"response": "mitigation", "text": "Reviewed in calibration with HR before ratings are final.",
                                  "evidence": "Calibration minutes, People Committee"}
        else:
            responses[f["id"]] = {"acknowledged": True, "note": "Monitored at each cycle."}
    return {"audit_run": "latest", "responses": responses}


def answers(session: Session, step: int) -> dict[str, Any]:
    return step1_answers(session) if step == 1 else example(step)


def disclose_to_everyone(session: Session, folder: Path) -> None:
    session.generate_letters(LetterType.DISCLOSURE, folder, everyone=True)
    session.mark_letters_delivered(None, channel="email", on=dt.date.today())


def walk(session: Session, folder: Path, *, upto: int = 6, signer: str = SIGNER) -> None:
    """Run the audit and sign steps 1..upto with the example answers (letters before step 5)."""
    session.run_audit(AuditSettings())
    for number in range(1, upto + 1):
        if number == 5:
            disclose_to_everyone(session, folder / "letters")
        wizard.complete(session, number, answers(session, number), signer)


def states(session: Session) -> list[str]:
    return [v.state.value for v in session.read(wizard.overview)]
