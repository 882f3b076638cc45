"""Shared by the review tests: passphrases, the open cycle's name, and who the prepared organisation's people are."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HR_PW = "reviews-test-passphrase"
TRAINED_PW = "the trained manager's long passphrase"
UNTRAINED_PW = "the untrained manager's long passphrase"
CYCLE = "2026 annual"


@dataclass(frozen=True)
class Org:
    path: Path
    trained: str       # the trained manager's user name (their manager name)
    untrained: str
    person: str        # HRIS id in the trained manager's team with two or more suggestions
    other_team_person: str  # HRIS id in the untrained manager's team
    trained_team_person: str  # HRIS id of someone else in the trained team
    flagged: str       # HRIS id of someone with a retention-risk suggestion (any team)
