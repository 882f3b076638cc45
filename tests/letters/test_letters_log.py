"""The letter log: delivery marking, stale disclosures after a system change, new hires without one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hrdesk.errors import CancelledError, InvalidInputError
from hrdesk.governance.register import DEFAULT_REGISTER, AiTool, load_register
from hrdesk.letters import ContestAcknowledgement, ContestOutcome, LetterType, ReviewSummary
from hrdesk.letters.log import DisclosureState, letters
from hrdesk.session import Kind
from hrdesk.session.actions import changes_system
from tests.letters.helpers import import_csv, new_session, pdf_text, write_people

TODAY = dt.date.today()


def _states(session) -> dict[str, DisclosureState]:
    return {p.hris_id: p.state for p in session.letter_status().people}


def test_delivery_is_marked_on_the_latest_letter_and_checked(session, tmp_path: Path) -> None:
    session.generate_letters(LetterType.DISCLOSURE, tmp_path / "a", employee_ids=["10026", "10310"])
    with pytest.raises(InvalidInputError, match="no AI-use disclosure letter"):
        session.mark_letters_delivered(["10026", "10304"], channel="paper", on=TODAY)
    with pytest.raises(InvalidInputError, match="future"):
        session.mark_letters_delivered(["10026"], channel="paper", on=TODAY + dt.timedelta(days=1))
    outcome = session.mark_letters_delivered(["10026"], channel="hand", on=TODAY)
    assert outcome.result == 1 and outcome.changes.touches(Kind.LETTERS)
    status = {p.hris_id: p for p in session.letter_status().people}
    assert status["10026"].delivered and status["10026"].letter.channel == "hand"
    assert status["10026"].letter.delivered_on == TODAY.isoformat()
    assert not status["10310"].delivered and status["10304"].state is DisclosureState.MISSING
    logged = session.read(letters)
    assert {r.template_version for r in logged} == {"1"} and all(r.generated_by == "Dana HR" for r in logged)
    assert all(r.system_version.startswith("0.") and "+" in r.system_version for r in logged)


def test_a_changed_register_makes_earlier_disclosures_stale_and_new_ones_say_so(session, tmp_path: Path) -> None:
    session.generate_letters(LetterType.DISCLOSURE, tmp_path / "a", everyone=True)
    summary = session.letter_status()
    assert summary.current == len(summary.people) == 207 and summary.stale == summary.missing == 0
    register = DEFAULT_REGISTER.with_decision("development_recommendation", ai_may_inform=True,
                                              accountable="the employee's line manager")
    register = register.with_tool(AiTool("hrdesk suggestion models", "Development recommendations from our own records",
                                         in_use=True, benefit_evidence="pilot override rates", independently_validated=False))
    outcome = session.set_decision_register(register)
    assert changes_system(outcome.changes.actions[0]) and outcome.changes.touches(Kind.GOVERNANCE)
    summary = session.letter_status()
    assert summary.stale == 207 and summary.current == 0
    assert "changed the decision register" in summary.people[0].reason
    fresh = session.generate_letters(LetterType.DISCLOSURE, tmp_path / "b", employee_ids=["10026"]).result
    text = pdf_text(fresh.files[0])
    assert "Development recommendation: decided by the employee's line manager" in text
    assert "hrdesk suggestion models" in text and "not independently validated" in text
    assert "An AI suggestion may read it for: development recommendation" in text
    assert "At present no AI tool informs" not in text
    assert _states(session)["10026"] is DisclosureState.CURRENT
    assert session.read(load_register).decision("development_recommendation").ai_may_inform


def test_human_only_decisions_cannot_be_switched(session) -> None:
    for key in ("promotion", "compensation", "termination"):
        with pytest.raises(InvalidInputError, match="human only and cannot be switched"):
            session.set_decision_register(DEFAULT_REGISTER.with_decision(key, ai_may_inform=True, accountable="HR"))
    with pytest.raises(InvalidInputError, match="name who is accountable"):
        session.set_decision_register(DEFAULT_REGISTER.with_decision("rating_calibration", ai_may_inform=True))


def test_a_consent_change_makes_only_that_persons_disclosure_stale(session, tmp_path: Path) -> None:
    session.generate_letters(LetterType.DISCLOSURE, tmp_path / "a", employee_ids=["10026", "10310"])
    records = session.records()
    wilson = records.employees.by_employee_id("10026")
    session.record_consent(wilson.id, "ai_processing", False, by="Dana HR", note="by e-mail")
    states = _states(session)
    assert states["10026"] is DisclosureState.STALE and states["10310"] is DisclosureState.CURRENT
    text = pdf_text(session.generate_letters(LetterType.DISCLOSURE, tmp_path / "b", employee_ids=["10026"]).result.files[0])
    assert "You have opted out of AI processing" in text


def test_retention_and_purpose_changes_are_system_changes(session, tmp_path: Path) -> None:
    session.generate_letters(LetterType.DISCLOSURE, tmp_path / "a", employee_ids=["10026"])
    session.set_retention({"checkins": 6})
    assert _states(session)["10026"] is DisclosureState.STALE
    text = pdf_text(session.generate_letters(LetterType.DISCLOSURE, tmp_path / "b", employee_ids=["10026"]).result.files[0])
    assert "Well-being check-ins: 6 months" in text


def test_new_hires_from_a_later_import_lack_a_disclosure(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    import_csv(session, write_people(tmp_path / "one.csv", [("1", "Ama Owusu", "Rita Vance"), ("2", "Bo Lindqvist", "Rita Vance")]))
    session.generate_letters(LetterType.DISCLOSURE, tmp_path / "a", everyone=True)
    import_csv(session, write_people(tmp_path / "two.csv", [("1", "Ama Owusu", "Rita Vance"), ("2", "Bo Lindqvist", "Rita Vance"),
                                                            ("3", "Chen Wei", "Rita Vance")]))
    summary = session.letter_status()
    assert (summary.current, summary.stale, summary.missing) == (2, 0, 1)
    assert [p.name for p in summary.people if p.state is DisclosureState.MISSING] == ["Chen Wei"]
    session.close(backup=False)


class _CancelAfter:
    def __init__(self, n: int) -> None:
        self.n, self.done = n, 0

    def begin(self, label: str, total: int) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        self.done += steps

    def cancelled(self) -> bool:
        return self.done >= self.n and self.n >= 0


def test_a_cancelled_run_writes_and_logs_nothing(session, tmp_path: Path) -> None:
    out = tmp_path / "out"
    progress = _CancelAfter(250)  # past the 207 letters prepared: cancelled while writing files
    with pytest.raises(CancelledError):
        session.generate_letters(LetterType.DISCLOSURE, out, everyone=True, progress=progress)
    assert list(out.iterdir()) == [] and session.read(letters) == []


def test_contest_and_review_letters_from_their_data_contracts(session, tmp_path: Path) -> None:
    ack = ContestAcknowledgement("C-17", "10026", dt.date(2026, 3, 2), "the retention-risk flag of March 2026",
                                 "I was on parental leave, which the data did not know.", "Priya Natarajan", dt.date(2026, 3, 16))
    done = ContestOutcome("C-17", "10026", dt.date(2026, 3, 2), dt.date(2026, 3, 12), "the retention-risk flag of March 2026",
                          "Priya Natarajan", True, "The flag has been withdrawn.", "Leave periods were counted as absence.",
                          ("The flag is removed from your record.",))
    review = ReviewSummary("10026", dt.date(2026, 4, 1), "2026 H1", "Michael Albert", ("Lead the line-2 changeover",),
                           dt.date(2026, 6, 1), "", ("Development recommendation: accepted (fits the plan)",))
    texts = {}
    for kind, contract in ((LetterType.CONTEST_ACK, ack), (LetterType.CONTEST_OUTCOME, done), (LetterType.REVIEW_SUMMARY, review)):
        texts[kind] = pdf_text(session.generate_letters(kind, tmp_path / kind.value, contracts=[contract]).result.files[0])
    assert "reviewed by Priya Natarajan, who took no part" in texts[LetterType.CONTEST_ACK]
    assert "2026-03-16" in texts[LetterType.CONTEST_ACK] and "parental leave" in texts[LetterType.CONTEST_ACK]
    assert "Your contest was upheld. The flag has been withdrawn." in texts[LetterType.CONTEST_OUTCOME]
    assert "The flag is removed from your record." in texts[LetterType.CONTEST_OUTCOME]
    assert "Lead the line-2 changeover" in texts[LetterType.REVIEW_SUMMARY] and "2026-06-01" in texts[LetterType.REVIEW_SUMMARY]
    assert "Your comment" not in texts[LetterType.REVIEW_SUMMARY]
    with pytest.raises(InvalidInputError, match="written from a contest record"):
        session.generate_letters(LetterType.CONTEST_ACK, tmp_path / "x", employee_ids=["10026"])


def test_only_hr_writes_letters_or_changes_the_register(tmp_path: Path) -> None:
    from hrdesk.errors import PermissionDeniedError
    from hrdesk.session import Session
    from hrdesk.vault import KdfParams
    from tests.letters.helpers import PASSPHRASE

    session = new_session(tmp_path)
    import_csv(session, write_people(tmp_path / "p.csv", [("1", "Ama Owusu", "Rita Vance"), ("2", "Bo Lindqvist", "Rita Vance")]))
    session.generate_letters(LetterType.DISCLOSURE, tmp_path / "a", everyone=True)
    manager_pw = "violet harbour kettle marmalade"
    session.add_user("Rita Vance", "manager", manager_pw, manager_name="Rita Vance", kdf=KdfParams.fast_for_tests())
    session.close(backup=False)
    with Session.open(tmp_path / "org.hrdesk", manager_pw, user="Rita Vance") as manager:
        with pytest.raises(PermissionDeniedError, match="Only HR can write letters"):
            manager.generate_letters(LetterType.DISCLOSURE, tmp_path / "b", everyone=True)
        with pytest.raises(PermissionDeniedError, match="Only HR can mark letters delivered"):
            manager.mark_letters_delivered(None, channel="email", on=TODAY)
        with pytest.raises(PermissionDeniedError, match="Only HR can change the decision register"):
            manager.set_decision_register(DEFAULT_REGISTER)
    assert not (tmp_path / "b").exists()
    with Session.open(tmp_path / "org.hrdesk", PASSPHRASE) as hr:
        assert [r.delivered_on for r in hr.read(letters)] == ["", ""]
