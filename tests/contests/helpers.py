"""Contests tests: a two-team organisation (real HRDataset rows) and the rights of governance step 3."""

from __future__ import annotations

import datetime as dt
import json

from hrdesk.contests.cases import NewContest
from hrdesk.contests.model import Subject
from hrdesk.governance.step_rights import read_rights, save_rights
from hrdesk.paths import resource
from hrdesk.session import Session

RESOURCES = resource("governance")
KARA = "10007"  # Harrison, Kara: Amy Dunn's team, Production Technician I
MANAGER = "Amy Dunn"
RESPONSE_DAYS = 15  # hrdesk/resources/governance/step-3.json
REVIEWER = "Priya Shah"  # a second HR user: contest reviewers are people the vault knows
REVIEWER_PW = "priya's own long passphrase"


def set_rights(session: Session, days: int = RESPONSE_DAYS) -> None:
    """Store governance step 3's rights (the example answers) as the wizard does when it signs the step."""
    raw = json.loads((RESOURCES / "step-3.json").read_text(encoding="utf-8"))
    raw["contest"]["response_days"] = days
    session.perform(lambda vault: save_rights(vault, read_rights(raw)))


def new_contest(kind: Subject = Subject.DECISION, *, received: dt.date | None = None, reviewer: str = "",
                ref: str = "", due: dt.date | None = None, employee: str = KARA) -> NewContest:
    subject = {Subject.DECISION: "the 2026 performance rating", Subject.SUGGESTION: "the retention-risk flag",
               Subject.DATA: "the job title on record"}[kind]
    return NewContest(employee_id=employee, subject_kind=kind, subject=subject,
                      employee_reason="My manager did not take the project I led in spring into account.",
                      received_on=received or dt.date.today(), subject_ref=ref, due_on=due, reviewer=reviewer)


def add_reviewer(session: Session, name: str = REVIEWER) -> None:
    """Add the HR user who reviews contests (a reviewer must be a user or a manager of the vault)."""
    from hrdesk.vault import KdfParams

    session.add_user(name, "admin", REVIEWER_PW, kdf=KdfParams.fast_for_tests())
