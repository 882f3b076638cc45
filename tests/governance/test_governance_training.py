"""Manager AI literacy: the quiz bank and its draw, pass mark, who may take it, and the suggestion gate."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from hrdesk.errors import InvalidAnswersError, InvalidInputError, PermissionDeniedError, StepNotOpenError
from hrdesk.governance import training, wizard
from hrdesk.governance.gate import manager_may_see_suggestions, suggestions_gate
from hrdesk.governance.training import QuizSettings, bank, draw, grade, managers_in_scope
from hrdesk.records import Records
from hrdesk.session.actor import Actor, Role
from tests.governance.conftest import SMALL_MANAGERS
from tests.governance.helpers import SIGNER, example, walk


def test_the_bank_has_at_least_20_questions_and_a_quiz_draws_10_with_shuffled_options() -> None:
    questions = bank().questions
    assert len(questions) >= 20 and len({q.id for q in questions}) == len(questions)
    assert len(bank().module) == 5  # suggestions, starters, context, bias, rights
    quiz = draw(QuizSettings(), random.Random(4))
    assert len(quiz.questions) == 10 and len({q.id for q in quiz.questions}) == 10
    by_id = {q.id: q for q in questions}
    for drawn in quiz.questions:  # the right answer is the same text, wherever it moved
        original = by_id[drawn.id]
        assert drawn.options[drawn.answer] == original.options[original.answer]
        assert sorted(drawn.options) == sorted(original.options)
    positions = {q.answer for q in draw(QuizSettings(questions=20), random.Random(5)).questions}
    assert len(positions) > 1  # the right answer is not always in the same place


def test_pass_mark_is_configurable_and_applied() -> None:
    quiz = draw(QuizSettings(questions=10, pass_mark=0.8), random.Random(1))
    right = {q.id: q.answer for q in quiz.questions}
    eight = dict(right)
    for q in quiz.questions[:2]:
        eight[q.id] = (q.answer + 1) % len(q.options)
    assert grade(quiz, eight).passed and grade(quiz, eight).correct == 8
    seven = {**eight, quiz.questions[2].id: (quiz.questions[2].answer + 1) % len(quiz.questions[2].options)}
    result = grade(quiz, seven)
    assert not result.passed and set(result.wrong) == {q.id for q in quiz.questions[:3]}
    strict = draw(QuizSettings(questions=10, pass_mark=1.0), random.Random(1))
    assert not grade(strict, eight).passed


def test_quiz_settings_are_checked_and_stored(small_session) -> None:
    with pytest.raises(InvalidInputError, match="from 10 to"):
        small_session.perform(lambda v: training.set_quiz_settings(v, QuizSettings(questions=5)))
    small_session.perform(lambda v: training.set_quiz_settings(v, QuizSettings(questions=12, pass_mark=0.9)))
    assert small_session.read(training.quiz_settings) == QuizSettings(12, 0.9)


def _manager(session, name: str) -> training.Manager:
    return next(m for m in managers_in_scope(Records(session.vault)) if m.name == name)


def test_only_the_manager_takes_their_quiz_and_hr_attests(small_session) -> None:
    amy = _manager(small_session, SMALL_MANAGERS[0])
    quiz = draw(QuizSettings(), random.Random(2))
    answers = {q.id: q.answer for q in quiz.questions}
    hr = small_session.actor
    with pytest.raises(PermissionDeniedError, match="attestation"):
        small_session.perform(lambda v: training.record_quiz(v, hr, amy, quiz, answers))
    someone_else = Actor("m2", SMALL_MANAGERS[1], Role.MANAGER)
    with pytest.raises(PermissionDeniedError):
        small_session.perform(lambda v: training.record_quiz(v, someone_else, amy, quiz, answers))
    as_amy = Actor("m1", amy.name, Role.MANAGER)
    with pytest.raises(PermissionDeniedError, match="Only HR"):
        small_session.perform(lambda v: training.attest(v, as_amy, [amy], what="x", when=dt.date.today(), provider="y"))
    failed = small_session.perform(lambda v: training.record_quiz(v, as_amy, amy, quiz, {})).result
    assert not failed.passed and failed.correct == 0
    state = small_session.read(lambda v: training.training_state(v, [amy]))[0]
    assert state.state == "failed the quiz" and not state.trained
    assert small_session.perform(lambda v: training.record_quiz(v, as_amy, amy, quiz, answers)).result.passed
    state = small_session.read(lambda v: training.training_state(v, [amy]))[0]
    assert state.state == "passed the quiz" and state.record.employee_id == amy.employee_id


def test_an_untrained_manager_gets_no_suggestions_when_live(small_session, tmp_path: Path) -> None:
    amy, webster = (_manager(small_session, n) for n in SMALL_MANAGERS)
    # Amy passes the quiz herself; Webster has not trained yet
    quiz = draw(QuizSettings(), random.Random(3))
    as_amy = Actor("m1", amy.name, Role.MANAGER)
    small_session.perform(lambda v: training.record_quiz(v, as_amy, amy, quiz, {q.id: q.answer for q in quiz.questions}))
    assert not manager_may_see_suggestions(small_session.vault, amy)  # not live yet: nobody sees any
    walk(small_session, tmp_path, upto=3)
    with pytest.raises(StepNotOpenError, match=rf"1 manager\(s\) in scope have not passed .* {webster.name}"):
        wizard.complete(small_session, 4, {"attestations": []}, SIGNER)
    step4 = {"attestations": [{**example(4)["attestations"][0], "managers": [webster.name]}]}
    for number in (4, 5, 6):
        if number == 5:
            from tests.governance.helpers import disclose_to_everyone

            disclose_to_everyone(small_session, tmp_path / "l")
        wizard.complete(small_session, number, step4 if number == 4 else example(number), SIGNER)
    vault = small_session.vault
    assert manager_may_see_suggestions(vault, amy) and manager_may_see_suggestions(vault, webster)
    newcomer = training.Manager("Pat Newcomer", None, ("t-x",), 4)  # a manager who never trained
    gate = suggestions_gate(vault, newcomer)
    assert not gate.allowed and "has not passed the AI-literacy training" in gate.reason


def test_a_pilot_leaves_the_comparison_group_without_suggestions(small_session, tmp_path: Path) -> None:
    amy, webster = (_manager(small_session, n) for n in SMALL_MANAGERS)
    walk(small_session, tmp_path, upto=5)
    bad = {**example(6), "pilot": {"scope": "pilot", "pilot_teams": ["Nobody Known"]}}
    with pytest.raises(InvalidAnswersError, match=r"pilot\.pilot_teams\[0\]: 'Nobody Known' is not a manager"):
        wizard.complete(small_session, 6, bad, SIGNER)
    pilot = {**example(6), "pilot": {"scope": "pilot", "pilot_teams": [amy.name]}}
    wizard.complete(small_session, 6, pilot, SIGNER)
    assert manager_may_see_suggestions(small_session.vault, amy)
    gate = suggestions_gate(small_session.vault, webster)
    assert not gate.allowed and "comparison group" in gate.reason
