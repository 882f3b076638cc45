"""Each change a step rests on reopens exactly that step and every step after it, and says which, when and by whom."""

from __future__ import annotations

import csv
import dataclasses
import io
import tempfile
from collections.abc import Callable
from pathlib import Path

from hrdesk.fairness.settings import AuditSettings
from hrdesk.governance import wizard
from hrdesk.governance.register import load_register
from hrdesk.governance.status import suggestion_status
from hrdesk.letters.settings import load_settings
from hrdesk.session import Session
from tests.governance.helpers import SIGNER, answers, disclose_to_everyone, example, states, walk
from tests.letters.helpers import import_csv


def _resign_from(session: Session, first: int, folder: Path) -> None:
    """Sign the reopened steps again: the audit re-run for step 1, letters renewed for step 5."""
    for number in range(first, 7):
        if number == 1:
            session.run_audit(AuditSettings())
            wizard.complete(session, 1, answers(session, 1), SIGNER)
        else:
            if number == 5:
                disclose_to_everyone(session, Path(tempfile.mkdtemp(dir=folder)))
            wizard.resign(session, number, SIGNER)  # unchanged answers: one call


def _edited_csv(source: Path, folder: Path, edit: Callable[[list[dict[str, str]]], None], name: str) -> Path:
    with open(source, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    edit(rows)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path = folder / name
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def test_each_invalidating_change_reopens_exactly_the_right_steps(small_session: Session, tmp_path: Path) -> None:
    session = small_session
    walk(session, tmp_path)
    assert session.read(suggestion_status).live
    source = tmp_path / "two-teams.csv"

    def new_hire(rows: list[dict[str, str]]) -> None:
        rows.append({**rows[0], "EmpID": "99001", "Employee_Name": "Zoë Ångström", "DateofHire": "10/1/2026"})

    def new_rating(rows: list[dict[str, str]]) -> None:
        rows[1]["PerformanceScore"] = "PIP" if rows[1]["PerformanceScore"] != "PIP" else "Exceeds"

    register = load_register(session.vault)
    changed_register = register.with_decision("rating_calibration", ai_may_inform=True, accountable="Calibration panel")
    cases: list[tuple[str, Callable[[], object], int, str]] = [
        ("a re-import adding a new hire", lambda: import_csv(session, _edited_csv(source, tmp_path, new_hire, "hire.csv")),
         1, "Imported employees (the population changed)"),
        ("a re-import changing a rating", lambda: import_csv(session, _edited_csv(source, tmp_path, new_rating, "rated.csv")),
         1, "Changed an employee record (ratings changed)"),
        ("a changed decision register", lambda: session.set_decision_register(changed_register),
         2, "Changed the decision register"),
        ("a retrained model", lambda: session.perform(lambda v: v.audit("model.retrained", details={"model": "retention"})),
         2, "Retrained an AI suggestion model"),
        ("changed retention", lambda: session.set_retention({"checkins": 6, "feedback": 36, "goals": 36, "ratings": 60,
                                                              "leavers": 24}),
         3, "Changed the retention periods"),
        ("a changed concern contact",
         lambda: session.set_letter_settings(dataclasses.replace(load_settings(session.vault), concern_contact="Ombuds office")),
         5, "Changed how employees raise a concern"),
    ]
    for label, change, first, words in cases:
        change()
        expected = ["signed"] * (first - 1) + ["reopened"] + ["locked"] * (6 - first)
        assert states(session) == expected, label
        status = session.read(suggestion_status)
        assert not status.live and status.steps_done == first - 1, label
        assert status.reopened.startswith(f"step {first} reopened: {words}"), (label, status.reopened)
        assert status.reopened.endswith("by Dana HR") and str(__import__("datetime").date.today()) in status.reopened
        views = session.read(wizard.overview)
        assert all(v.reopened_by is not None and v.reopened_by.from_step == first for v in views[first - 1:]), label
        # the reopening is audit-logged in the same transaction as its cause
        last = [e for e in session.read(lambda v: v.audit_entries()) if e.action == "governance.reopened"][-1]
        assert last.details["steps"] == list(range(first, 7)), label
        _resign_from(session, first, tmp_path)
        assert session.read(suggestion_status).live, label


def test_changed_rights_at_step_3_reopen_the_later_steps_only(small_session: Session, tmp_path: Path) -> None:
    walk(small_session, tmp_path)
    step3 = example(3)
    stricter = {**step3, "contest": {**step3["contest"], "response_days": 10}}
    wizard.complete(small_session, 3, stricter, SIGNER)
    assert states(small_session) == ["signed", "signed", "signed", "reopened", "locked", "locked"]
    assert "Changed employees' rights" in small_session.read(suggestion_status).reopened


def test_changes_nothing_rests_on_reopen_nothing(small_session: Session, tmp_path: Path) -> None:
    walk(small_session, tmp_path)
    person = small_session.records().employees.list()[0]
    small_session.update_employee(person.id, position="Senior " + (person.position or "Technician"))
    import_csv(small_session, tmp_path / "two-teams.csv")  # the same file again: nobody added, nothing changed
    small_session.run_audit(AuditSettings())
    small_session.perform(lambda v: v.audit("governance.quiz_settings_changed", details={}))
    assert states(small_session) == ["signed"] * 6
    assert small_session.read(suggestion_status).live


def test_resigning_unchanged_answers_is_recognised(small_session: Session, tmp_path: Path) -> None:
    walk(small_session, tmp_path, upto=3)
    assert small_session.read(lambda v: wizard.answers_unchanged(v, 3, example(3)))
    changed = {**example(3), "ai_processing": {"default": "opt-in", "justification": "Our works council asked for opt-in."}}
    assert not small_session.read(lambda v: wizard.answers_unchanged(v, 3, changed))
