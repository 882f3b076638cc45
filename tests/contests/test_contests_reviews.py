"""A contested decision names the review it is about: the manager recorded in that review decided, even after
the employee moved to another team, and so cannot review the contest; the new team manager may."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from hrdesk.contests.model import Subject
from hrdesk.errors import InvalidInputError
from hrdesk.reviews.draft import ReviewDraft
from hrdesk.session import Session
from tests.contests.helpers import KARA, MANAGER, new_contest
from tests.governance.conftest import small_dataset
from tests.letters.helpers import import_csv

OTHER = "Webster Butler"
CYCLE = "2026 annual"


def _move_kara(folder: Path, to: str) -> Path:
    source = small_dataset(folder)
    with open(source, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["EmpID"] == KARA:
            row["ManagerName"] = to
    moved = folder / "moved.csv"
    with open(moved, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return moved


def test_the_manager_recorded_in_the_review_decided_even_after_a_move(session: Session, tmp_path: Path) -> None:
    session.open_review_cycle(CYCLE)
    review = session.record_review(ReviewDraft(KARA, rating=2, feedback="Needs to own the line changeover.")).result
    assert review.manager == MANAGER
    import_csv(session, _move_kara(tmp_path, OTHER))  # Kara now reports to Webster Butler
    assert session.records().employees.require(KARA).manager_name == OTHER

    by_cycle = session.add_contest(new_contest(ref=CYCLE)).result
    assert (by_cycle.subject_ref, by_cycle.decided_by) == (review.id, MANAGER)
    by_id = session.add_contest(new_contest(ref=review.id)).result
    assert (by_id.subject_ref, by_id.decided_by) == (review.id, MANAGER)
    with pytest.raises(InvalidInputError, match="made the decision"):
        session.assign_contest_reviewer(by_cycle.id, MANAGER)
    assert session.assign_contest_reviewer(by_cycle.id, OTHER).result.reviewer == OTHER

    unnamed = session.add_contest(new_contest()).result  # no review named: the team's manager now
    assert (unnamed.subject_ref, unnamed.decided_by) == ("", OTHER)


def test_a_reference_that_matches_no_review_is_refused(session: Session) -> None:
    with pytest.raises(InvalidInputError, match="No recorded review of Harrison, Kara matches '2019'"):
        session.add_contest(new_contest(ref="2019"))
    with pytest.raises(InvalidInputError, match="No recorded suggestion decision"):
        session.add_contest(new_contest(Subject.SUGGESTION, ref="retention"))
    assert session.contests() == []
