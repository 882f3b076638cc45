"""A leaver purged after the retention period leaves nothing in the letter log that points to them: each of
their letter rows loses its link to the person and keeps only what an anonymous count needs (the type,
the template, when it was generated and delivered), so the audit packet's count of letters sent in a
past period stays right while nobody can tell any more whom they were sent to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hrdesk.errors import InvalidInputError
from hrdesk.letters import LetterType
from hrdesk.letters.log import TABLE, letters
from hrdesk.session import Session

TODAY = dt.date.today()


def test_a_purged_leavers_letters_keep_no_link_to_them(session: Session, tmp_path: Path) -> None:
    records = session.records()
    leaver = next(e for e in records.employees.list() if e.is_leaver and e.termination_date
                  and e.termination_date < TODAY - dt.timedelta(days=3 * 366))
    stayer = records.employees.by_employee_id("10026")
    assert not stayer.is_leaver
    session.generate_letters(LetterType.OWN_DATA, tmp_path / "a", employee_ids=[str(leaver.employee_id)])
    session.generate_letters(LetterType.DISCLOSURE, tmp_path / "b", employee_ids=["10026"])
    session.mark_letters_delivered([str(leaver.employee_id)], channel="paper", on=TODAY, kind=LetterType.OWN_DATA)
    before = session.read(letters)
    assert {r.employee_id for r in before} == {leaver.id, stayer.id}

    outcome = session.purge_expired(today=TODAY)
    assert outcome.result.deleted["leavers"] > 0

    after = session.read(letters)
    assert not [r for r in after if r.employee_id == leaver.id]  # nothing points to the leaver
    stored = list(session.vault.rows(TABLE))
    assert all(row.links.get("employee_id") != leaver.id for row in stored)
    # the anonymous count: still one own-data letter, sent on paper, generated when it was
    anonymous = [r for r in after if not r.employee_id]
    assert [(r.kind, r.channel, r.delivered_on, r.generated_at) for r in anonymous] == [
        (LetterType.OWN_DATA.value, "paper", TODAY.isoformat(), before[0].generated_at)]
    # the current employee's letter is untouched, and the disclosure statistics ignore the anonymous row
    assert [r for r in after if r.employee_id == stayer.id] == [before[1]]
    summary = session.letter_status()
    assert summary.current == 1 and summary.missing == len(summary.people) - 1
    # marking everyone's latest letter delivered never reaches the anonymous row
    with pytest.raises(InvalidInputError, match="No Your data"):
        session.mark_letters_delivered(None, channel="email", on=TODAY, kind=LetterType.OWN_DATA)
    again = [r for r in session.read(letters) if not r.employee_id]
    assert [r.channel for r in again] == ["paper"]
    assert session.vault.verify_audit_chain().ok
