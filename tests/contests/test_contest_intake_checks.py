"""A contest's intake refuses what cannot be true, with the problem named and nothing saved.

Found by review: ``hrdesk contest add`` accepted a received date of 1900 (long before the employee's records
could exist).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hrdesk.contests.model import Subject
from hrdesk.errors import InvalidInputError
from hrdesk.session import Session
from tests.contests.helpers import KARA, new_contest
from tests.contests.test_contests_letters_cli import run, vault_file  # noqa: F401  (the fixture)
from tests.letters.helpers import PASSPHRASE

TODAY = dt.date.today()
KARA_HIRED = dt.date(2014, 5, 12)  # HRDataset_v14: Harrison, Kara, DateofHire 5/12/2014


@pytest.mark.parametrize("received,words", [
    ("1900-01-01", "before Harrison, Kara joined (2014-05-12)"),
    (KARA_HIRED - dt.timedelta(days=1), "before Harrison, Kara joined (2014-05-12)"),
    (TODAY + dt.timedelta(days=1), "in the future"),
])
def test_a_received_date_before_the_employee_joined_or_in_the_future_is_refused(
        vault_file: Path, capsys, received: object, words: str) -> None:  # noqa: F811
    code, out, err = run(capsys, str(vault_file), "add", "--employee", KARA, "--about", "data", "--ref", "position",
                         "--subject", "my job title", "--reason", "I was promoted in March.",
                         "--received", str(received))
    assert code == 2, out
    assert words in err and "YYYY-MM-DD" in err and "hit a bug" not in err
    with Session.open(vault_file, PASSPHRASE) as session:
        assert session.contests() == []  # nothing saved, no case number taken
        made = session.add_contest(new_contest(Subject.DATA, ref="position", received=KARA_HIRED)).result
    assert made.id == "C-0001" and made.received_on == KARA_HIRED  # the day they joined is possible


def test_a_contest_of_a_review_cannot_arrive_before_the_review_was_recorded(session: Session) -> None:
    from hrdesk.reviews.draft import ReviewDraft

    session.open_review_cycle("2026 annual")
    review = session.record_review(ReviewDraft(KARA, rating=2, feedback="Needs to own the line changeover.")).result
    day_before = review.saved_on - dt.timedelta(days=1)
    with pytest.raises(InvalidInputError,
                       match=rf"before the review it contests was recorded \({review.saved_on.isoformat()}\)"):
        session.add_contest(new_contest(ref="2026 annual", received=day_before))
    assert session.contests() == []
    made = session.add_contest(new_contest(ref="2026 annual", received=review.saved_on)).result
    assert made.subject_ref == review.id


# --- the reviewer is a person the vault knows (found by review: it was free text) ------------------------------


def test_an_unknown_reviewer_is_refused_and_the_message_says_where_the_names_are(vault_file: Path,  # noqa: F811
                                                                                  capsys) -> None:
    v = str(vault_file)
    code, _out, err = run(capsys, v, "add", "--employee", KARA, "--about", "data", "--ref", "position",
                          "--subject", "my job title", "--reason", "I was promoted in March.", "--reviewer", "Priya Shahh")
    assert code == 2 and "hit a bug" not in err
    assert "'Priya Shahh' is not a person this vault knows" in err and "hrdesk contest VAULT reviewers" in err
    with Session.open(vault_file, PASSPHRASE) as session:
        assert session.contests() == []
    code, _out, err = run(capsys, v, "add", "--employee", KARA, "--about", "data", "--ref", "position",
                          "--subject", "my job title", "--reason", "I was promoted in March.")
    assert code == 0, err
    code, _out, err = run(capsys, v, "assign", "C-0001", "--reviewer", "HR business partner")
    assert code == 2 and "not a person this vault knows" in err
    code, out, err = run(capsys, v, "reviewers")
    assert code == 0, err
    listed = [line.strip() for line in out.splitlines()]
    assert "Dana HR (HR)" in listed and "Priya Shah (HR)" in listed
    assert "Amy Dunn (manager, user)" in listed and "Webster Butler (manager)" in listed
    code, out, err = run(capsys, v, "assign", "C-0001", "--reviewer", "Butler, Webster")  # matched as names are
    assert code == 0, err
    with Session.open(vault_file, PASSPHRASE) as session:
        assert session.contests()[0].reviewer == "Webster Butler"  # kept as the vault spells it


def test_the_reviewer_rule_in_the_core_names_the_known_people(session: Session) -> None:
    from hrdesk.contests.rules import known_reviewers

    known = session.read(known_reviewers)
    assert [p.name for p in known] == ["Amy Dunn", "Dana HR", "Priya Shah", "Webster Butler"]
    with pytest.raises(InvalidInputError, match="not a person this vault knows") as refused:
        session.add_contest(new_contest(reviewer="Jordan HR partner"))
    assert "hrdesk contest VAULT reviewers" in refused.value.hint
    assert session.contests() == []
    made = session.add_contest(new_contest(reviewer="  priya   SHAH ")).result
    assert made.reviewer == "Priya Shah"


# --- an upheld department contest names a department the vault has (found by review: any text was written) -----


def test_a_corrected_department_must_be_one_the_vault_has(tmp_path: Path) -> None:
    from hrdesk.contests.cases import Resolution
    from hrdesk.contests.model import Outcome
    from tests.contests.helpers import REVIEWER, add_reviewer, set_rights
    from tests.letters.helpers import DATA, import_csv, new_session

    session = new_session(tmp_path)  # the whole HRDataset: six departments
    try:
        import_csv(session, DATA)
        set_rights(session)
        add_reviewer(session)
        case = session.add_contest(new_contest(Subject.DATA, ref="department", reviewer=REVIEWER)).result
        before = session.vault.audit_entries()[-1].seq
        with pytest.raises(InvalidInputError, match="'Marketing' is not a department in this vault") as refused:
            session.resolve_contest(case.id, Resolution(Outcome.UPHELD, "She moved in March.", TODAY,
                                                        correction={"department": "Marketing"}))
        words = refused.value.message + " " + refused.value.hint
        assert "Admin Offices, Executive Office, IT/IS, Production, Sales, Software Engineering" in words
        assert "HR system" in words and "Nothing was changed" in words
        assert session.vault.audit_entries()[-1].seq == before and session.contests()[0].is_open
        assert session.records().employees.require(KARA).department.strip() == "Production"
        done = session.resolve_contest(case.id, Resolution(Outcome.UPHELD, "She moved in March.", TODAY,
                                                           correction={"department": "  sales "})).result
        assert session.records().employees.require(KARA).department == "Sales"  # as the vault spells it
        assert done.changes == ("Department corrected from Production to Sales.",)
    finally:
        session.close(backup=False)


def test_the_cli_names_the_departments_when_one_is_unknown(vault_file: Path, capsys) -> None:  # noqa: F811
    v = str(vault_file)
    code, _out, err = run(capsys, v, "add", "--employee", KARA, "--about", "data", "--ref", "department",
                          "--subject", "my department", "--reason", "I moved.", "--reviewer", "Priya Shah")
    assert code == 0, err
    code, _out, err = run(capsys, v, "resolve", "C-0001", "--outcome", "upheld", "--reasons", "She moved.",
                          "--set", "Sales")
    assert code == 2 and "hit a bug" not in err
    assert "'Sales' is not a department in this vault" in err and "Departments: Production." in err
