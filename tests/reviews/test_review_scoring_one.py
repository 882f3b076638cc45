"""One person's review page scores their team alone, and shows exactly what scoring everyone would show them.

A review page (and ``hrdesk review show``) used to score the whole organisation
for HR before showing one person. Each suggestion about a person rests only on
their own records, on their team's (the explanation's medians and period) and
on the stored model with its cut, so the page now reads one team. These tests
compare, for every employee of a generated vault, the one-person result with
the whole organisation's, as HR and as a manager, with people who opted out
and people who share their check-ins.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hrdesk.governance import training
from hrdesk.records.consent import AI_PROCESSING, WELLBEING_SHARING
from hrdesk.reviews.suggestions import PersonSuggestions, for_person, keyed, score
from hrdesk.session import Session
from hrdesk.suggest.explain import Explainer
from hrdesk.suggest.pipeline import build_features
from hrdesk.suggest.retention import KIND
from hrdesk.suggest.service import SuggestionList, current_suggestions, explain_employee, manager_of
from hrdesk.suggest.store import load_stored
from suggest_helpers import go_live  # tests/suggest is on the path (conftest)
from hrdesk.vault import KdfParams
from tests.reviews.helpers import HR_PW, Org

MANAGER_PW = "the flagged person's manager's passphrase"


def _whole(vault: Any, manager: Any) -> tuple[SuggestionList, Explainer]:
    table = build_features(vault)
    return current_suggestions(vault, table=table, manager=manager), Explainer(load_stored(vault, KIND), table)


def _same_as_whole(session: Session, kinds: set[str]) -> dict[str, PersonSuggestions]:
    """Every employee's page suggestions, checked against the whole organisation's; returned by HRIS id.

    ``kinds``: the suggestion types the organisation's list must hold at least (so the check is not empty).
    """
    manager = manager_of(session)
    listed, explainer = session.read(lambda v: _whole(v, manager))
    assert listed.live and kinds <= {s.kind for s in listed.items}, listed
    kept = session.read(lambda v: score(v, manager=manager))  # a window's scores, kept from page to page
    pages = {}
    for person in session.records().employees.list():
        fresh = session.read(lambda v, p=person: for_person(v, p.employee_id, manager=manager, name=p.name))
        cached = session.read(lambda v, p=person: for_person(v, p.employee_id, manager=manager, name=p.name,
                                                             scored=kept, person=p))
        assert fresh == cached
        want = keyed([s for s in listed.items if s.employee_id == person.employee_id])
        assert [(s.key, s.suggestion) for s in fresh.items] == [(s.key, s.suggestion) for s in want], person.name
        for item in fresh.items:
            expected = explainer.explain(person.employee_id) if item.kind == "retention" else None
            assert item.explanation == expected
        if not want:
            assert fresh.reason.startswith(f"Suggestions are live, and there is none for {person.name} now.")
        pages[person.employee_id] = fresh
    assert sum(len(p.items) for p in pages.values()) == len(listed.items)  # nobody's suggestion is lost
    return pages


@pytest.fixture
def varied(org: Org) -> Org:
    """The demo organisation with two people opted out of AI processing and the trained team sharing check-ins."""
    with Session.open(org.path, HR_PW) as hr:
        people = hr.records().employees.list()
        team = next(p.team_id for p in people if p.employee_id == org.person)
        mates = [p for p in people if p.team_id == team and p.employee_id != org.person and not p.is_leaver]
        flagged = next(p for p in people if p.employee_id == org.flagged)
        for who in (mates[0], flagged):
            hr.record_consent(who.id, AI_PROCESSING, False, by="HR lead", note="asked not to be scored")
        for who in mates[1:]:
            hr.record_consent(who.id, WELLBEING_SHARING, True, by="HR lead", note="shares check-ins")
        hr.perform(go_live)  # a consent change reopens governance; sign it off again
    return org


def test_hr_sees_for_each_person_exactly_what_scoring_everyone_gives_them(varied: Org) -> None:
    with Session.open(varied.path, HR_PW) as hr:
        pages = _same_as_whole(hr, {"retention", "development", "wellbeing"})
        assert pages[varied.flagged].items == ()  # opted out: never scored, on the page or in the list
        assert any(s.kind == "retention" for page in pages.values() for s in page.items)


def test_a_manager_sees_the_same_and_the_same_explanations_as_hr(varied: Org) -> None:
    with Session.open(varied.path, HR_PW) as hr:  # the manager of someone flagged, signed up and trained
        flagged = next(s for s in hr.read(current_suggestions).items if s.kind == "retention")
        manager = next(m for m in training.managers_in_scope(hr.records()) if flagged.team_id in m.team_ids)
        hr.add_user(manager.name, "manager", MANAGER_PW, kdf=KdfParams.fast_for_tests())
        hr.perform(lambda v: training.attest(v, hr.actor, [manager], what="AI literacy workshop",
                                             when=dt.date.today(), provider="HR"))
        team = [p for p in hr.records().employees.list() if p.team_id in manager.team_ids and not p.is_leaver]
        for who in team[::2]:  # half the team shares check-ins with their manager
            hr.record_consent(who.id, WELLBEING_SHARING, True, by="HR lead", note="shares check-ins")
        hr.perform(go_live)
    with Session.open(varied.path, MANAGER_PW, user=manager.name) as mine:
        theirs = _same_as_whole(mine, {"retention", "development", "wellbeing"})
    assert theirs and all(page.live for page in theirs.values())
    with Session.open(varied.path, HR_PW) as hr:
        for hris, page in theirs.items():
            as_hr = hr.read(lambda v, h=hris: for_person(v, h))
            # HR also sees well-being prompts of people who do not share check-ins with their manager
            assert [s for s in as_hr.items if s.kind != "wellbeing"] == [s for s in page.items if s.kind != "wellbeing"]
            assert {s.suggestion for s in page.items} <= {s.suggestion for s in as_hr.items}
    assert any(s.explanation for page in theirs.values() for s in page.items)


def test_one_explanation_is_the_whole_organisations(varied: Org) -> None:
    with Session.open(varied.path, HR_PW) as hr:
        listed, explainer = hr.read(lambda v: _whole(v, None))
        flagged = sorted({s.employee_id for s in listed.items if s.kind == "retention"})
        assert flagged
        for hris in flagged:
            assert hr.read(lambda v, h=hris: explain_employee(v, h)) == explainer.explain(hris)
