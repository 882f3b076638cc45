"""Contests as session operations: HR only, one transaction and its audit entries each, and the two letters.

The window and ``hrdesk contest`` call these through the session
(``session.add_contest`` ...). A manager or auditor is refused before anything
is read, and the refusal is logged (``Session.require_hr``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hrdesk.contests import cases, query
from hrdesk.contests.model import Contest
from hrdesk.errors import InvalidInputError
from hrdesk.progress import NULL_PROGRESS, Progress

if TYPE_CHECKING:
    from hrdesk.contests.rules import KnownPerson
    from hrdesk.letters.generate import GenerationResult
    from hrdesk.letters.kinds import LetterType
    from hrdesk.session import Outcome, Session

WHAT = "handle employees' contests"
ACK, OUTCOME = "ack", "outcome"


@dataclass(frozen=True)
class ContestLetters:
    """The letters written for one case: one GenerationResult per letter type."""

    contest: Contest
    results: tuple["GenerationResult", ...]

    @property
    def files(self) -> tuple[Path, ...]:
        return tuple(path for result in self.results for path in result.files)


def add(session: "Session", new: cases.NewContest, *, today: dt.date | None = None) -> "Outcome[Contest]":
    session.require_hr(WHAT, "contest add")
    return session.perform(lambda vault: cases.add(vault, new, today=today))


def assign(session: "Session", case: str, reviewer: str) -> "Outcome[Contest]":
    session.require_hr(WHAT, "contest assign")
    return session.perform(lambda vault: cases.assign(vault, case, reviewer))


def resolve(session: "Session", case: str, resolution: cases.Resolution, *,
            today: dt.date | None = None) -> "Outcome[Contest]":
    session.require_hr(WHAT, "contest resolve")
    return session.perform(lambda vault: cases.resolve(vault, case, resolution, today=today))


def read_all(session: "Session", *, since: dt.date | None = None, until: dt.date | None = None) -> list[Contest]:
    session.require_hr(WHAT, "contest list")
    return session.read(lambda vault: query.contests(vault, since=since, until=until))


def reviewers(session: "Session") -> "list[KnownPerson]":
    """Who may be named as a contest's reviewer (HR users and managers); the case's deciding manager never is."""
    from hrdesk.contests.rules import known_reviewers

    session.require_hr(WHAT, "contest reviewers")
    return session.read(known_reviewers)


def read_one(session: "Session", case: str) -> Contest:
    session.require_hr(WHAT, "contest show")
    return session.read(lambda vault: query.contest(vault, case))


def letter_types(contest: Contest, which: str = "") -> list["LetterType"]:
    """The letters a case has now: the acknowledgement, and the outcome once decided (``which``: one of them)."""
    from hrdesk.letters.kinds import LetterType

    if which not in ("", ACK, OUTCOME):
        raise InvalidInputError(f"'{which}' is not a contest letter.", hint="Choose ack or outcome (or leave it out for both).")
    if not contest.reviewer and which != OUTCOME:
        raise InvalidInputError(f"Contest {contest.id} has no reviewer yet: the acknowledgement names who reviews it.",
                                hint=f"Assign one first: hrdesk contest VAULT assign {contest.id} --reviewer NAME.")
    if which == OUTCOME and contest.is_open:
        raise InvalidInputError(f"Contest {contest.id} is still open: there is no outcome to write yet.",
                                hint=f"Resolve it first: hrdesk contest VAULT resolve {contest.id} ...")
    kinds = [LetterType.CONTEST_ACK] if which in ("", ACK) else []
    if which in ("", OUTCOME) and not contest.is_open:
        kinds.append(LetterType.CONTEST_OUTCOME)
    return kinds


def write_letters(session: "Session", case: str, out_dir: Path, *, which: str = "",
                  progress: Progress = NULL_PROGRESS) -> ContestLetters:
    """Write the case's letters as PDFs into ``out_dir``; each is logged like every letter (HR only)."""
    from hrdesk.letters.kinds import LetterType

    session.require_hr("write letters to employees", "contest letter")
    contest = session.read(lambda vault: query.contest(vault, case))
    kinds = letter_types(contest, which)
    _refuse_taken(session, contest, kinds, Path(out_dir))
    results = []
    for kind in kinds:
        contract = contest.acknowledgement() if kind is LetterType.CONTEST_ACK else contest.outcome_letter()
        results.append(session.generate_letters(kind, Path(out_dir), contracts=[contract], progress=progress).result)
    return ContestLetters(contest, tuple(results))


def _refuse_taken(session: "Session", contest: Contest, kinds: Sequence["LetterType"], out_dir: Path) -> None:
    """Refuse before writing either letter if the folder already holds one of them (so both or neither are written)."""
    from hrdesk.letters.generate import file_names

    person = session.records().employees.require(contest.employee_id)
    taken = [name for kind in kinds for name in file_names(kind, [person], [contest.id]) if (out_dir / name).exists()]
    if taken:
        raise InvalidInputError(f"'{out_dir}' already holds '{taken[0]}'.",
                                hint="Choose an empty folder, or move the earlier letters away first; nothing was written.")
