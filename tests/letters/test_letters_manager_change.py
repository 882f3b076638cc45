"""An AI-use disclosure names the person's manager ("Your manager, X, reads it ... and decides"), so a
re-import that gives someone another manager makes that person's disclosure stale, says why in words,
and leaves everyone else's current; with team keys (a manager user exists) the same holds, and the
reason is still the manager, not a consent change."""

from __future__ import annotations

from pathlib import Path

from hrdesk.letters import LetterType
from hrdesk.letters.log import DisclosureState
from hrdesk.vault import KdfParams
from tests.letters.helpers import import_csv, new_session, pdf_text, write_people

PEOPLE = [("1", "Ama Owusu", "Rita Vance"), ("2", "Bo Lindqvist", "Rita Vance"), ("3", "Chen Wei", "Sam Okafor")]


def _status(session) -> dict[str, tuple[DisclosureState, str]]:  # noqa: ANN001
    return {p.hris_id: (p.state, p.reason) for p in session.letter_status().people}


def _moved(rows: list[tuple[str, str, str]], who: str, to: str) -> list[tuple[str, str, str]]:
    return [(i, n, to if i == who else m) for i, n, m in rows]


def test_a_new_manager_makes_only_that_persons_disclosure_stale(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    import_csv(session, write_people(tmp_path / "one.csv", PEOPLE))
    session.generate_letters(LetterType.DISCLOSURE, tmp_path / "a", everyone=True)
    import_csv(session, write_people(tmp_path / "same.csv", PEOPLE))  # nothing changed: nothing goes stale
    assert {s for s, _r in _status(session).values()} == {DisclosureState.CURRENT}

    import_csv(session, write_people(tmp_path / "two.csv", _moved(PEOPLE, "1", "Sam Okafor")))
    status = _status(session)
    state, reason = status["1"]
    assert state is DisclosureState.STALE
    assert reason.startswith("their manager changed on ") and reason.endswith(", after this letter")
    assert status["2"][0] is status["3"][0] is DisclosureState.CURRENT
    fresh = session.generate_letters(LetterType.DISCLOSURE, tmp_path / "b", employee_ids=["1"]).result
    assert "Your manager, Sam Okafor, reads it" in pdf_text(fresh.files[0])
    assert _status(session)["1"][0] is DisclosureState.CURRENT
    session.close(backup=False)


def test_with_team_keys_the_reason_is_the_manager_too(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    import_csv(session, write_people(tmp_path / "one.csv", PEOPLE))
    session.add_user("Rita Vance", "manager", "rita's own long passphrase", kdf=KdfParams.fast_for_tests())
    session.generate_letters(LetterType.DISCLOSURE, tmp_path / "a", everyone=True)
    import_csv(session, write_people(tmp_path / "two.csv", _moved(PEOPLE, "2", "Sam Okafor")))
    actions = [e.action for e in session.vault.audit_entries()]
    assert "employee.moved_team" in actions  # the team key moved with Bo's records
    status = _status(session)
    assert status["2"][0] is DisclosureState.STALE and "manager changed" in status["2"][1]
    assert "consent" not in status["2"][1]
    assert status["1"][0] is status["3"][0] is DisclosureState.CURRENT
    session.close(backup=False)
