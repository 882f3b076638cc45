"""Contests in the core: intake with its due date, the reviewer rule, resolving, the data correction, HR only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hrdesk.contests.cases import Resolution
from hrdesk.contests.model import Outcome, Subject
from hrdesk.contests.query import case_load, contests
from hrdesk.errors import InvalidInputError, PermissionDeniedError, RecordNotFoundError
from hrdesk.session import Kind, Session
from hrdesk.session.actions import is_registered
from hrdesk.vault import KdfParams
from tests.contests.helpers import KARA, MANAGER, RESPONSE_DAYS, new_contest
from tests.letters.helpers import PASSPHRASE

TODAY = dt.date.today()


def test_a_contest_gets_the_next_case_number_and_the_promised_due_date(session: Session) -> None:
    received = TODAY - dt.timedelta(days=3)
    first = session.add_contest(new_contest(received=received)).result
    second = session.add_contest(new_contest(Subject.SUGGESTION)).result
    assert (first.id, second.id) == ("C-0001", "C-0002")
    assert first.due_on == received + dt.timedelta(days=RESPONSE_DAYS)
    assert first.decided_by == MANAGER  # the team's manager decided the rating
    assert first.is_open and not first.reviewer
    assert [c.id for c in session.contests()] == ["C-0001", "C-0002"]
    assert [c.id for c in session.contests(since=TODAY)] == ["C-0002"]
    assert [c.id for c in session.contests(until=TODAY - dt.timedelta(days=1))] == ["C-0001"]


def test_adding_is_one_audited_operation_that_names_no_personal_words(session: Session) -> None:
    outcome = session.add_contest(new_contest())
    assert outcome.changes.touches(Kind.CONTESTS)
    assert outcome.changes.actions == ("contest.added",)
    entry = session.vault.audit_entries()[-1]
    assert entry.action == "contest.added" and is_registered(entry.action)
    assert entry.details["case"] == "C-0001"
    assert "project I led" not in str(entry.details)  # the employee's words stay in the encrypted record


def test_without_rights_the_due_date_must_be_given_and_the_message_says_why(bare_session: Session) -> None:
    with pytest.raises(InvalidInputError) as refused:
        bare_session.add_contest(new_contest())
    assert "governance step 3" in refused.value.message and "due date" in refused.value.message
    assert "--due" in refused.value.hint
    assert bare_session.read(contests) == []  # nothing half-written, no case number taken
    due = TODAY + dt.timedelta(days=20)
    made = bare_session.add_contest(new_contest(due=due)).result
    assert (made.id, made.due_on) == ("C-0001", due)


def test_an_explicit_due_date_cannot_break_the_promise(session: Session) -> None:
    with pytest.raises(InvalidInputError, match="later than the 15 days promised"):
        session.add_contest(new_contest(due=TODAY + dt.timedelta(days=RESPONSE_DAYS + 1)))
    with pytest.raises(InvalidInputError, match="before the contest was received"):
        session.add_contest(new_contest(due=TODAY - dt.timedelta(days=1)))
    earlier = session.add_contest(new_contest(due=TODAY + dt.timedelta(days=5))).result
    assert earlier.due_on == TODAY + dt.timedelta(days=5)


@pytest.mark.parametrize("reviewer", ["Amy Dunn", "Dunn, Amy", "  amy   dunn "])
def test_the_deciding_manager_can_never_review(session: Session, reviewer: str) -> None:
    with pytest.raises(InvalidInputError, match="made the decision"):
        session.add_contest(new_contest(reviewer=reviewer))
    case = session.add_contest(new_contest()).result
    with pytest.raises(InvalidInputError, match="cannot review it"):
        session.assign_contest_reviewer(case.id, reviewer)
    assert session.contests()[0].reviewer == ""
    assigned = session.assign_contest_reviewer(case.id, "Priya Shah").result
    assert assigned.reviewer == "Priya Shah"


def test_the_employee_cannot_review_their_own_contest(session: Session) -> None:
    case = session.add_contest(new_contest()).result
    with pytest.raises(InvalidInputError, match="raised the contest"):
        session.assign_contest_reviewer(case.id, "Kara Harrison")


def test_a_data_contest_has_no_deciding_manager_so_the_manager_may_review(session: Session) -> None:
    case = session.add_contest(new_contest(Subject.DATA, ref="position", reviewer=MANAGER)).result
    assert case.decided_by == "" and case.reviewer == MANAGER


def test_resolving_records_the_outcome_reasons_and_response_time(session: Session) -> None:
    received = TODAY - dt.timedelta(days=4)
    case = session.add_contest(new_contest(received=received, reviewer="Priya Shah")).result
    outcome = session.resolve_contest(case.id, Resolution(Outcome.NOT_UPHELD, "The rating follows the agreed goals.",
                                                          TODAY))
    decided = outcome.result
    assert decided.outcome is Outcome.NOT_UPHELD and decided.decided_on == TODAY
    assert decided.response_days() == 4 and decided.changes == ()
    assert outcome.changes.actions == ("contest.resolved",)
    with pytest.raises(InvalidInputError, match="already decided"):
        session.resolve_contest(case.id, Resolution(Outcome.UPHELD, "Second thoughts about it.", TODAY))


def test_an_upheld_data_contest_corrects_the_record_through_the_edit_path(session: Session) -> None:
    case = session.add_contest(new_contest(Subject.DATA, ref="position", reviewer="Priya Shah")).result
    outcome = session.resolve_contest(case.id, Resolution(
        Outcome.UPHELD, "The promotion letter of March shows the new title.", TODAY,
        correction={"position": "Production Technician II"}))
    kara = session.records().employees.require(KARA)
    assert kara.position == "Production Technician II"
    assert outcome.result.changes == ("Position corrected from Production Technician I to Production Technician II.",)
    assert outcome.changes.touches(Kind.EMPLOYEES, Kind.CONTESTS)
    entries = session.vault.audit_entries()[-2:]
    assert [e.action for e in entries] == ["employee.updated", "contest.resolved"]
    assert entries[0].target == kara.id and entries[0].details["fields"] == ["position"]
    assert entries[1].details["corrected_fields"] == ["position"]
    assert "Technician II" not in str([e.details for e in entries])  # values stay out of the log


def test_a_refused_correction_changes_nothing(session: Session) -> None:
    case = session.add_contest(new_contest(Subject.DATA, ref="employment_status", reviewer="Priya Shah")).result
    before = session.vault.audit_entries()[-1].seq
    with pytest.raises(InvalidInputError, match="termination date"):
        session.resolve_contest(case.id, Resolution(Outcome.UPHELD, "She resigned in May and left in June.", TODAY,
                                                    correction={"employment_status": "Voluntarily Terminated"}))
    with pytest.raises(InvalidInputError, match="upholding it means correcting it"):
        session.resolve_contest(case.id, Resolution(Outcome.UPHELD, "The data was wrong after all.", TODAY))
    assert session.vault.audit_entries()[-1].seq == before
    assert session.contests()[0].is_open
    assert session.records().employees.require(KARA).employment_status == "Active"


def test_a_data_contest_names_a_field_hrdesk_can_correct(session: Session) -> None:
    with pytest.raises(InvalidInputError, match="not a data item hrdesk can correct") as refused:
        session.add_contest(new_contest(Subject.DATA, ref="salary"))
    assert "department" in refused.value.hint


def test_bad_input_is_refused_with_the_problem_named(session: Session) -> None:
    with pytest.raises(RecordNotFoundError, match="99999"):
        session.add_contest(new_contest(employee="99999"))
    with pytest.raises(InvalidInputError, match="in the future"):
        session.add_contest(new_contest(received=TODAY + dt.timedelta(days=2)))
    with pytest.raises(RecordNotFoundError, match="C-0042"):
        session.assign_contest_reviewer("C-42", "Priya Shah")
    with pytest.raises(InvalidInputError, match="not a contest case number"):
        session.assign_contest_reviewer("case seven", "Priya Shah")
    case = session.add_contest(new_contest()).result
    with pytest.raises(InvalidInputError, match="no reviewer yet"):
        session.resolve_contest(case.id, Resolution(Outcome.UPHELD, "Reasons enough here.", TODAY))


def test_overdue_is_judged_against_the_due_date(session: Session) -> None:
    old = session.add_contest(new_contest(received=TODAY - dt.timedelta(days=RESPONSE_DAYS + 2))).result
    session.add_contest(new_contest())
    assert old.is_overdue(TODAY) and not old.is_overdue(old.due_on)
    load = case_load(session.contests(), TODAY)
    assert (load.open, load.overdue, load.decided) == (2, 1, 0)


def test_managers_and_auditors_are_refused_and_the_attempt_is_logged(session: Session, tmp_path: Path) -> None:
    session.add_contest(new_contest())
    fast = KdfParams.fast_for_tests()
    session.add_user(MANAGER, "manager", "amy's own long passphrase", kdf=fast)
    session.add_user("Ada Auditor", "auditor", "the auditor's own passphrase", kdf=fast)
    path = session.path
    session.close(backup=False)
    for user, passphrase in ((MANAGER, "amy's own long passphrase"), ("Ada Auditor", "the auditor's own passphrase")):
        with Session.open(path, passphrase, user=user) as other:
            with pytest.raises(PermissionDeniedError):
                other.contests()
            with pytest.raises(PermissionDeniedError):
                other.add_contest(new_contest())
            with pytest.raises(PermissionDeniedError):
                other.assign_contest_reviewer("C-0001", "Priya Shah")
            # their keys cannot read HR's cases, even by going round the session
            assert other.read(contests) == []
    with Session.open(path, PASSPHRASE) as hr:
        refused = [e for e in hr.vault.audit_entries() if e.action == "access.refused"]
        assert len(refused) >= 6
        assert [c.id for c in hr.contests()] == ["C-0001"]


def test_the_outcome_letter_says_the_outcome_in_a_sentence(session: Session) -> None:
    case = session.add_contest(new_contest(Subject.SUGGESTION, reviewer="Priya Shah")).result
    with pytest.raises(ValueError, match="no outcome letter yet"):
        case.outcome_letter()
    decided = session.resolve_contest(case.id, Resolution(Outcome.NOT_UPHELD, "The flag follows the agreed rules.",
                                                          TODAY)).result
    letter = decided.outcome_letter()
    assert letter.upheld is False and letter.outcome == "Priya Shah found that the original suggestion stands."
    assert letter.reasons == "The flag follows the agreed rules." and letter.changes == ()
    ack = decided.acknowledgement()
    assert (ack.contest_id, ack.reviewer, ack.respond_by) == (case.id, "Priya Shah", case.due_on)


def test_the_employees_data_export_holds_their_contests(session: Session, tmp_path: Path) -> None:
    import json

    case = session.add_contest(new_contest(Subject.DATA, ref="position", reviewer="Priya Shah")).result
    session.resolve_contest(case.id, Resolution(Outcome.UPHELD, "The promotion letter shows the new title.", TODAY,
                                                correction={"position": "Production Technician II"}))
    session.add_contest(new_contest(employee="10046"))  # someone else's: not in Kara's export
    session.export_employee(KARA, tmp_path / "export")
    data = json.loads((tmp_path / "export" / "employee.json").read_text(encoding="utf-8"))
    [mine] = data["contests"]
    assert (mine["case"], mine["outcome"], mine["reviewer"]) == ("C-0001", "upheld", "Priya Shah")
    assert "Production Technician II" in mine["changes"]
    assert (tmp_path / "export" / "contests.csv").is_file()


def test_a_leavers_contests_go_with_their_other_records_in_the_purge(session: Session) -> None:
    leaver = "10160"  # Huynh, Ming: left years ago, past the 24 months leavers are kept
    session.add_contest(new_contest(employee=leaver, received=TODAY - dt.timedelta(days=3)))
    session.add_contest(new_contest())
    assert session.purge_preview().deleted["leavers' other records"] >= 1
    outcome = session.purge_expired()
    assert outcome.changes.touches(Kind.CONTESTS)
    assert [(c.id, c.employee_id) for c in session.contests()] == [("C-0002", KARA)]
    assert session.add_contest(new_contest()).result.id == "C-0003"  # a number is never given out twice
