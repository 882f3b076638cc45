"""The six steps in order: a full walk on the real HRDataset, every out-of-order attempt refused with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk.errors import InvalidAnswersError, PermissionDeniedError, StepNotOpenError
from hrdesk.governance import signoffs, wizard
from hrdesk.governance.status import suggestion_status
from hrdesk.governance.steps import STEPS
from hrdesk.session import Kind
from tests.governance.helpers import SIGNER, answers, disclose_to_everyone, example, states, walk


def test_walk_all_six_steps_on_the_real_hrdataset(hr_session, tmp_path: Path) -> None:
    assert hr_session.read(suggestion_status).reason.startswith("governance step 1 of 6 is not signed off yet")
    walk(hr_session, tmp_path)
    status = hr_session.read(suggestion_status)
    assert status.live and status.steps_done == 6
    assert states(hr_session) == ["signed"] * 6
    signed = hr_session.read(signoffs.all_signoffs)
    assert [s.step for s in signed] == [1, 2, 3, 4, 5, 6]
    assert all(s.by == SIGNER and s.answers_match for s in signed)
    first, _, third, fourth, fifth, _ = signed
    run = first.evidence["audit_run"]
    assert run and len(first.evidence["snapshot"]) == 64  # the run and its snapshot hash are cited
    assert "GDPR" in third.summary and "Columns the import left out:" in third.summary and "Salary" in third.summary
    assert fourth.evidence["managers"] > 0 and len(fourth.evidence["training_records"]) == fourth.evidence["managers"]
    assert fifth.evidence["employees"] == 207 and len(fifth.evidence["letters"]) == 207
    # every sign-off is in the audit log, naming the step and the signer
    entries = [e for e in hr_session.read(lambda v: v.audit_entries()) if e.action == "governance.signed_off"]
    assert [e.details["step"] for e in entries] == [1, 2, 3, 4, 5, 6]
    assert all(e.details["signed_by"] == SIGNER for e in entries)


@pytest.mark.parametrize("attempt", [2, 3, 4, 5, 6])
def test_each_step_out_of_order_is_refused_with_the_reason_and_nothing_written(small_session, attempt: int) -> None:
    before = small_session.read(lambda v: len(v.audit_entries()))
    with pytest.raises(StepNotOpenError) as caught:
        wizard.complete(small_session, attempt, example(attempt), SIGNER)
    message = str(caught.value)
    assert f"Step {attempt} ({STEPS[attempt - 1].title}) cannot be completed yet" in message
    assert "step 1 (Audit the data) is not signed" in message
    assert small_session.read(lambda v: len(v.audit_entries())) == before


def test_a_later_step_names_the_first_unsigned_one(small_session, tmp_path: Path) -> None:
    walk(small_session, tmp_path, upto=2)
    for attempt in (4, 5, 6):
        with pytest.raises(StepNotOpenError, match=r"step 3 \(Employee rights and privacy\) is not signed"):
            wizard.complete(small_session, attempt, example(attempt), SIGNER)
    assert states(small_session) == ["signed", "signed", "open", "locked", "locked", "locked"]


def test_step_1_needs_a_saved_run_and_refuses_one_on_old_data(small_session, tmp_path: Path) -> None:
    with pytest.raises(StepNotOpenError, match="needs a saved audit run"):
        wizard.complete(small_session, 1, {"audit_run": "latest", "responses": {}}, SIGNER)
    from hrdesk.fairness.settings import AuditSettings

    small_session.run_audit(AuditSettings())
    first = small_session.read(lambda v: v.meta_get("audit_head"))["seq"]
    someone = small_session.records().employees.list()[0].id
    small_session.update_employee(someone, employment_status="Voluntarily Terminated", termination_date="2026-01-31")
    with pytest.raises(StepNotOpenError, match=r"no longer describes the data: 1 change\(s\) since, the first: "
                                               r"Changed an employee record on .* by Dana HR"):
        wizard.complete(small_session, 1, answers(small_session, 1), SIGNER)
    assert small_session.read(lambda v: v.meta_get("audit_head"))["seq"] == first + 1  # only the edit


def test_only_a_named_hr_user_signs(small_session, tmp_path: Path) -> None:
    from hrdesk.fairness.settings import AuditSettings

    small_session.run_audit(AuditSettings())
    with pytest.raises(Exception, match="'Someone Else' is not an HR user of this vault.*HR users: Dana HR"):
        wizard.complete(small_session, 1, answers(small_session, 1), "Someone Else")
    outcome = wizard.complete(small_session, 1, answers(small_session, 1), "dana hr")
    assert outcome.result.by == "Dana HR" and outcome.changes.touches(Kind.GOVERNANCE)


def test_a_flagged_finding_without_a_response_blocks_step_1(tmp_path: Path) -> None:
    from hrdesk.demo.build import build_demo_vault
    from hrdesk.fairness.settings import AuditSettings
    from hrdesk.governance.show import show
    from hrdesk.session import Session
    from hrdesk.vault import KdfParams
    from tests.governance.helpers import step1_answers

    build_demo_vault(tmp_path / "demo.hrdesk", passphrase="a demo passphrase here", kdf=KdfParams.fast_for_tests())
    with Session.open(tmp_path / "demo.hrdesk", "a demo passphrase here") as session:
        session.run_audit(AuditSettings())
        found = session.read(lambda v: show(v, 1))["now"]["findings"]
        flags = [f for f in found if f["severity"] == "flag"]
        assert flags and all(f["needs"] == "response" for f in flags)
        hr = session.actor.name
        full = step1_answers(session)
        missing = dict(full, responses={k: v for k, v in full["responses"].items() if k != flags[0]["id"]})
        with pytest.raises(InvalidAnswersError) as caught:
            wizard.complete(session, 1, missing, hr)
        assert caught.value.field == f"responses.{flags[0]['id']}" and "flag finding" in str(caught.value)
        thin = dict(full, responses={**full["responses"], flags[0]["id"]: {"response": "justification", "text": "It is fine, really."}})
        with pytest.raises(InvalidAnswersError, match=rf"responses\.{flags[0]['id']}\.evidence: is missing"):
            wizard.complete(session, 1, thin, hr)
        ack = dict(full, responses={**full["responses"], next(f["id"] for f in found if f["needs"] == "acknowledge"):
                                    {"acknowledged": False}})
        with pytest.raises(InvalidAnswersError, match="acknowledged: must be true"):
            wizard.complete(session, 1, ack, hr)
        assert session.read(signoffs.load_state).signed == {}
        assert wizard.complete(session, 1, full, hr).result.evidence["findings_answered"]


def test_a_manager_or_auditor_cannot_sign(small_session, tmp_path: Path) -> None:
    import dataclasses

    from hrdesk.session.actor import Role

    walk(small_session, tmp_path, upto=0)
    small_session.actor = dataclasses.replace(small_session.actor, role=Role.MANAGER)
    with pytest.raises(PermissionDeniedError, match="Only HR signs"):
        wizard.complete(small_session, 1, answers(small_session, 1), SIGNER)


def test_steps_that_need_evidence_say_who_is_missing(small_session, tmp_path: Path) -> None:
    walk(small_session, tmp_path, upto=3)
    with pytest.raises(StepNotOpenError, match=r"2 manager\(s\) in scope have not passed .* Amy Dunn, Webster Butler"):
        wizard.complete(small_session, 4, {"attestations": []}, SIGNER)
    assert small_session.read(lambda v: v.rows("governance_training") if "governance_training" in v.tables() else [])  == []
    wizard.complete(small_session, 4, example(4), SIGNER)
    with pytest.raises(StepNotOpenError, match=r"16 of 16 employees in scope lack a current AI-use disclosure .*\(no disclosure letter yet\)"):
        wizard.complete(small_session, 5, example(5), SIGNER)
    disclose_to_everyone(small_session, tmp_path / "l")
    wizard.complete(small_session, 5, example(5), SIGNER)
