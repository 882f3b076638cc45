"""Step 1's findings, answered one at a time in a list however many the audit raised."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit

from hrdesk.governance.step_audit import FindingNeed, answer_problem
from hrdesk.ui.governance_findings import Step1Form

GOOD = "Reviewed with the HR business partner at calibration; minutes filed."


def _finding(n: int, needs: str = "response", fid: str | None = None) -> dict:
    return {"id": fid or f"rate/high_rating/group {n}", "severity": "flag" if needs == "response" else "watch",
            "kind": "disparity", "title": f"Group {n} receives 'Exceeds' less often", "summary": f"Group {n}: 8% vs 25%.",
            "needs": needs}


def _form(qtbot, findings: list[dict], responses: dict | None = None) -> Step1Form:
    form = Step1Form({"audit_run": "latest", "responses": responses or {}}, findings)
    qtbot.addWidget(form)
    form.resize(1000, 700)
    form.show()
    return form


def test_five_hundred_findings_are_one_list_and_one_editor(qtbot) -> None:
    findings = [_finding(n, "response" if n % 5 == 0 else "acknowledge") for n in range(500)]
    form = _form(qtbot, findings)
    assert form.findings.proxy.rowCount() == 500
    assert len(form.findChildren(QPlainTextEdit)) == 1  # not a field per finding (a thousand froze the window)
    assert form.findings.count.text().startswith("0 of 500 findings answered (100 need a written response, 400 an")


def test_the_answered_column_and_count_follow_the_cores_rule(qtbot) -> None:
    findings = [_finding(1), _finding(2, "acknowledge")]
    form = _form(qtbot, findings)
    box, model = form.findings, form.findings.model
    box.select(findings[0]["id"])
    box.editor.text.setPlainText("too short")  # under the core's minimum: not an answer yet
    assert model.index(0, 2).data() == "to answer" and "at least" in model.index(0, 2).data(3)
    box.editor.kind.setCurrentText("justification")
    box.editor.text.setPlainText(GOOD)
    assert model.index(0, 2).data() == "to answer"  # a justification cites its evidence
    box.editor.evidence.setText("Job analysis 2026, HR drive, Policies/Roles")
    assert model.index(0, 2).data() == "answered"
    need = FindingNeed(**findings[0])
    assert answer_problem(need, form.value()["responses"][need.id]) is None
    box.select(findings[1]["id"])
    box.editor.acknowledged.setChecked(True)
    assert box.count.text().startswith("2 of 2 findings answered")


def test_only_the_findings_still_to_answer_can_be_listed(qtbot) -> None:
    findings = [_finding(n, "acknowledge") for n in range(4)]
    form = _form(qtbot, findings, {findings[1]["id"]: {"acknowledged": True, "note": ""}})
    box = form.findings
    box.only_open.setChecked(True)
    shown = [box.proxy.index(r, 1).data() for r in range(box.proxy.rowCount())]
    assert shown == [findings[n]["title"] for n in (0, 2, 3)]
    assert box.editor.need is not None and box.editor.need.id == findings[0]["id"]
    box.editor.acknowledged.setChecked(True)
    assert box.proxy.rowCount() == 3  # the answered row stays while it is being answered
    box.only_open.setChecked(False)
    box.only_open.setChecked(True)
    assert box.proxy.rowCount() == 2 and box.editor.need.id == findings[2]["id"]


def test_an_error_names_a_field_and_the_form_shows_that_finding(qtbot) -> None:
    odd = "calibration/Dr. A. Smith"  # finding ids may hold dots
    findings = [_finding(1), _finding(2, fid=odd)]
    form = _form(qtbot, findings)
    form.findings.only_open.setChecked(True)
    form.findings.select(findings[0]["id"])
    form.findings.editor.text.setPlainText(GOOD)
    assert form.control(f"responses.{odd}.evidence") is form.findings.editor.evidence
    assert form.findings.editor.need.id == odd
    assert form.control(f"responses.{odd}") is form.findings.editor.text
    assert form.control("audit_run") is form.fields.control("audit_run")


def test_answers_to_findings_this_run_does_not_raise_are_kept(qtbot) -> None:
    earlier = {"rate/old/finding": {"acknowledged": True, "note": "from last cycle"}}
    form = _form(qtbot, [_finding(1)], earlier)
    form.findings.editor.text.setPlainText(GOOD)
    value = form.value()
    assert value["audit_run"] == "latest"
    assert value["responses"]["rate/old/finding"] == earlier["rate/old/finding"]
    assert value["responses"][_finding(1)["id"]] == {"response": "mitigation", "text": GOOD, "evidence": ""}


def test_no_finding_says_so_and_offers_no_editor(qtbot) -> None:
    form = _form(qtbot, [])
    assert form.findings.count.text() == "This audit run raised no finding that needs an answer."
    assert not form.findings.table.isVisible() and not form.findings.editor.isVisible()
    assert form.value() == {"audit_run": "latest", "responses": {}}


def test_without_a_saved_run_it_says_to_run_the_audit_first(qtbot) -> None:
    form = Step1Form({"audit_run": "latest", "responses": {}}, [], has_run=False)
    qtbot.addWidget(form)
    assert form.findings.count.text().startswith("There is no saved audit run yet: run the audit in Audits")


def test_the_findings_are_answered_with_the_keyboard_alone(qtbot) -> None:
    from PySide6.QtCore import Qt

    from tests.ui_keyboard.test_ui_keyboard import at, focused, press, type_text

    findings = [_finding(1), _finding(2, "acknowledge"), _finding(3, "acknowledge")]
    form = _form(qtbot, findings)
    box = form.findings
    at(qtbot, form)
    box.table.setFocus()
    qtbot.waitUntil(lambda: focused() is box.table)
    press(qtbot, Qt.Key.Key_Down)  # arrows move through the findings; the editor follows
    assert box.editor.need.id == findings[1]["id"]
    press(qtbot, Qt.Key.Key_Tab)  # Tab leaves the list for the answer
    assert focused() is box.editor.acknowledged
    press(qtbot, Qt.Key.Key_Space)
    assert box.model.index(1, 2).data() == "answered"
    box.table.setFocus()
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is box.editor.kind  # a flag: the kind of response first, then the text
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is box.editor.text
    type_text(qtbot, GOOD)
    assert box.count.text().startswith("2 of 3 findings answered")
    box.table.setFocus()
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # back from the list: the filter just above it
    assert focused() is box.only_open
    press(qtbot, Qt.Key.Key_Space)  # only those still to answer
    assert box.only_open.isChecked() and box.proxy.rowCount() == 1 and box.editor.need.id == findings[2]["id"]
