"""Governance with real accounts: a manager reads whether suggestions are live, takes their own quiz in their
session, and sees suggestions only once trained and live; an auditor reads the steps and sign-offs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from hrdesk.errors import HrdeskError, PermissionDeniedError
from hrdesk.governance import signoffs, training, wizard
from hrdesk.governance.gate import manager_may_see_suggestions
from hrdesk.governance.status import suggestion_status
from hrdesk.governance.training import QuizSettings, draw
from hrdesk.session import Session
from hrdesk.vault import KdfParams
from tests.governance.conftest import small_dataset
from tests.governance.helpers import SIGNER, disclose_to_everyone, example, walk
from tests.letters.helpers import import_csv, new_session

AMY_PW = "amy's own long passphrase"
AUDITOR_PW = "the auditor's own passphrase"


def test_a_manager_takes_their_own_quiz_and_sees_suggestions_only_when_trained_and_live(tmp_path: Path) -> None:
    fast = KdfParams.fast_for_tests()
    hr = new_session(tmp_path)
    import_csv(hr, small_dataset(tmp_path))
    hr.add_user("Amy Dunn", "manager", AMY_PW, kdf=fast)
    hr.add_user("Ada Auditor", "auditor", AUDITOR_PW, kdf=fast)
    walk(hr, tmp_path, upto=3)
    managers = {m.name: m for m in training.managers_in_scope(hr.records())}
    amy, webster = managers["Amy Dunn"], managers["Webster Butler"]
    path = hr.path
    hr.close(backup=False)

    with Session.open(path, AMY_PW, user="Amy Dunn") as mine:
        status = mine.read(suggestion_status)  # readable without the org key: every screen states it
        assert not status.live and status.steps_done == 3
        assert not mine.read(lambda v: manager_may_see_suggestions(v, amy))
        quiz = draw(QuizSettings(), random.Random(7))
        with pytest.raises(PermissionDeniedError):  # not someone else's quiz
            mine.perform(lambda v: training.record_quiz(v, mine.actor, webster, quiz, {}))
        result = mine.perform(lambda v: training.record_quiz(v, mine.actor, amy, quiz,
                                                             {q.id: q.answer for q in quiz.questions})).result
        assert result.passed
        with pytest.raises(HrdeskError):  # a manager never signs
            wizard.complete(mine, 4, example(4), SIGNER)

    with Session.open(path, "correct horse battery staple lantern") as hr:
        states = {s.manager.name: s.state for s in hr.read(lambda v: training.training_state(v, [amy, webster]))}
        assert states == {"Amy Dunn": "passed the quiz", "Webster Butler": "not trained"}
        step4 = {"attestations": [{**example(4)["attestations"][0], "managers": ["Webster Butler"]}]}
        wizard.complete(hr, 4, step4, SIGNER)
        disclose_to_everyone(hr, tmp_path / "letters")
        wizard.complete(hr, 5, example(5), SIGNER)
        wizard.complete(hr, 6, example(6), SIGNER)
        assert hr.read(suggestion_status).live

    with Session.open(path, AMY_PW, user="Amy Dunn") as mine:
        assert mine.read(suggestion_status).live
        assert mine.read(lambda v: manager_may_see_suggestions(v, amy))

    with Session.open(path, AUDITOR_PW, user="Ada Auditor") as auditor:
        assert [v.state.value for v in auditor.read(wizard.overview)] == ["signed"] * 6
        assert [s.step for s in auditor.read(signoffs.all_signoffs)] == [1, 2, 3, 4, 5, 6]
