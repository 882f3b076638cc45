"""Invalid answers name the field and what is wrong; the example answers are valid."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from hrdesk.errors import InvalidAnswersError
from hrdesk.governance import step_live, step_register, step_rights
from hrdesk.governance.register import LOCKED_REASON
from hrdesk.governance.training import Manager
from tests.governance.helpers import example

MANAGERS = [Manager("Amy Dunn", "e1", ("t1",), 8), Manager("Webster Butler", None, ("t2",), 8)]


def _set(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    node: Any = out
    keys = path.split("/")
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, list) else node[key]
    last = keys[-1]
    if value is KeyError:
        del node[last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return out


def test_the_examples_are_valid() -> None:
    register = step_register.to_register(example(2))
    assert register.decision("development_recommendation").ai_may_inform
    assert not register.decision("promotion").ai_may_inform and register.decision("promotion").locked
    assert step_register.unvalidated_claims(register)  # the packet names unvalidated claims
    rights = step_rights.read_rights(example(3))
    assert rights.contest_response_days == 15 and rights.ai_default == "opt-out"
    assert step_rights.read_retention(example(3))["checkins"] == 12
    assert step_rights.read_assessment(example(3))["residual_risks"][0]["owner"]
    assert step_live.read_attestations(example(4), MANAGERS)[0].managers == tuple(MANAGERS)
    assert step_live.read_communication(example(5))["questions_to"]
    assert step_live.read_golive(example(6), MANAGERS).pilot_teams == ()


@pytest.mark.parametrize(("path", "value", "field", "words"), [
    ("decisions/4/mode", "AI may inform", "decisions[4].mode", "Promotion is human only and cannot be switched"),
    ("decisions/0/mode", "maybe", "decisions[0].mode", "one of 'AI may inform', 'human only'"),
    ("decisions/1/accountable", "", "decisions[1].accountable", "some text is needed"),
    ("decisions/6", {"key": "termination_2", "mode": "human only", "accountable": "HR"}, "decisions[6].label",
     "needs a label"),
    ("tools/0/in_use", "yes", "tools[0].in_use", "true or false is needed, not 'yes'"),
    ("tools/0/benefit_evidence", KeyError, "tools[0].benefit_evidence", "is missing"),
])
def test_step_2_errors_name_the_field(path: str, value: Any, field: str, words: str) -> None:
    with pytest.raises(InvalidAnswersError) as caught:
        step_register.to_register(_set(example(2), path, value))
    assert caught.value.field == field and words in str(caught.value)


def test_step_2_shows_why_the_locked_decisions_cannot_switch_and_keeps_the_standard_types() -> None:
    with pytest.raises(InvalidAnswersError, match=LOCKED_REASON[:40]):
        step_register.to_register(_set(example(2), "decisions/6/mode", "AI may inform"))
    short = copy.deepcopy(example(2))
    short["decisions"] = [d for d in short["decisions"] if d["key"] != "compensation"]
    with pytest.raises(InvalidAnswersError, match="'compensation' is missing"):
        step_register.to_register(short)


@pytest.mark.parametrize(("path", "value", "field", "words"), [
    ("contest/reviewer", "Line manager", "contest.reviewer", "manager who decided"),
    ("contest/response_days", "soon", "contest.response_days", "whole number of days from 1 to 90"),
    ("contest/response_days", 0, "contest.response_days", "not 0"),
    ("ai_processing/default", "maybe", "ai_processing.default", "'opt-out', 'opt-in'"),
    ("ai_processing/justification", "ok", "ai_processing.justification", "at least 12 characters"),
    ("employee_access", KeyError, "employee_access", "is missing"),
])
def test_step_3_rights_errors_name_the_field(path: str, value: Any, field: str, words: str) -> None:
    with pytest.raises(InvalidAnswersError) as caught:
        step_rights.read_rights(_set(example(3), path, value))
    assert caught.value.field == field and words in str(caught.value)


def test_step_3_retention_and_assessment_errors_name_the_field() -> None:
    with pytest.raises(InvalidAnswersError, match=r"retention_months\.salary: is not a data category"):
        step_rights.read_retention(_set(example(3), "retention_months/salary", 12))
    with pytest.raises(InvalidAnswersError, match=r"retention_months\.ratings: a whole number of months"):
        step_rights.read_retention(_set(example(3), "retention_months/ratings", -1))
    with pytest.raises(InvalidAnswersError, match=r"privacy_assessment\.regulations: a list \[...\] of at least 1"):
        step_rights.read_assessment(_set(example(3), "privacy_assessment/regulations", []))
    with pytest.raises(InvalidAnswersError, match=r"privacy_assessment\.residual_risks\[0\]\.owner: is missing"):
        step_rights.read_assessment(_set(example(3), "privacy_assessment/residual_risks/0/owner", KeyError))


@pytest.mark.parametrize(("path", "value", "field", "words"), [
    ("thresholds/impact_ratio_floor", 1.5, "thresholds.impact_ratio_floor", "from 0.5 to 1"),
    ("thresholds/override_rate_band/high", 0.01, "thresholds.override_rate_band.high", "must be above low"),
    ("thresholds/min_group_size", 2, "thresholds.min_group_size", "from 5 to 1000"),
    ("escalation/contact", " ", "escalation.contact", "some text is needed"),
    ("escalation/response_days", 45, "escalation.response_days", "from 1 to 30"),
    ("pilot/scope", "some", "pilot.scope", "'all', 'pilot'"),
])
def test_step_6_errors_name_the_field(path: str, value: Any, field: str, words: str) -> None:
    with pytest.raises(InvalidAnswersError) as caught:
        step_live.read_golive(_set(example(6), path, value), MANAGERS)
    assert caught.value.field == field and words in str(caught.value)


def test_a_pilot_must_leave_a_comparison_group_and_attestations_name_real_managers() -> None:
    everyone = _set(example(6), "pilot", {"scope": "pilot", "pilot_teams": ["Amy Dunn", "Webster Butler"]})
    with pytest.raises(InvalidAnswersError, match="no comparison group"):
        step_live.read_golive(everyone, MANAGERS)
    with pytest.raises(InvalidAnswersError, match=r"attestations\[0\]\.managers: 'Bob' is not a manager"):
        step_live.read_attestations(_set(example(4), "attestations/0/managers", ["Bob"]), MANAGERS)
    with pytest.raises(InvalidAnswersError, match=r"attestations\[0\]\.when: 2999-01-01 is in the future"):
        step_live.read_attestations(_set(example(4), "attestations/0/when", "2999-01-01"), MANAGERS)
    with pytest.raises(InvalidAnswersError, match=r"attestations\[0\]\.when: a date as YYYY-MM-DD"):
        step_live.read_attestations(_set(example(4), "attestations/0/when", "last week"), MANAGERS)
    with pytest.raises(InvalidAnswersError, match=r"^answers: an object"):
        step_live.read_communication(["not", "an", "object"])  # type: ignore[arg-type]
