"""One demo organisation per test run with governance walked, a model trained, reviews and contests recorded.

Built once (session scope) and copied for each test that writes: the demo vault
(240 people), the retention model trained first (training reopens step 2, so it
comes before the walk), the six steps walked with the example answers
(``tests.governance.helpers.walk``), a review cycle in which a manager records
reviews with a decision on each suggestion (reasons naming the person, so the
pseudonyms must scrub them), two contests (one decided), a monitoring run, then one employee's
consent changed so their disclosure is stale and they appear by pseudonym (or
name) in section 8.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from hrdesk.demo.build import build_demo_vault
from hrdesk.session import Session
from hrdesk.vault import KdfParams
from tests.governance.helpers import walk

PASSPHRASE = "packet-test-passphrase-lantern"
MANAGER_PW = "the reviewing manager's long passphrase"
SIGNER = "Demo HR"
CYCLE = "2026 annual"


@dataclass(frozen=True)
class Stale:
    hris_id: str
    name: str


@pytest.fixture(scope="session")
def packet_master(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Stale]:
    from hrdesk.monitoring import service as monitoring
    from hrdesk.records.consent import WELLBEING_SHARING
    from hrdesk.suggest.service import train

    folder = tmp_path_factory.mktemp("packet_demo")
    path = folder / "demo.hrdesk"
    build_demo_vault(path, passphrase=PASSPHRASE, n_employees=240, seed=11, kdf=KdfParams.fast_for_tests())
    with Session.open(path, PASSPHRASE) as session:
        train(session)
        walk(session, folder, signer=SIGNER)
        manager, reviewed, names = _reviewer(session)
    with Session.open(path, MANAGER_PW, user=manager) as mine:
        _reviews(mine, reviewed, names)
    with Session.open(path, PASSPHRASE) as session:
        _contests(session, reviewed)
        monitoring.run(session)
        person = next(e for e in session.records().employees.list() if not e.is_leaver)
        session.record_consent(person.id, WELLBEING_SHARING, True, by=SIGNER, note="asked to share check-ins")
    return path, Stale(person.employee_id, person.name)


def _reviewer(hr: Session) -> tuple[str, list[str], dict[str, str]]:
    """A review cycle, and the manager with the most suggested people as a user; up to three of them to review."""
    from hrdesk.reviews import service
    from hrdesk.suggest.service import current_suggestions

    service.open_cycle(hr, CYCLE)
    teams: dict[str, set[str]] = {}
    for s in hr.read(current_suggestions).items:
        teams.setdefault(s.team, set()).add(s.employee_id)
    manager = max(sorted(teams), key=lambda m: len(teams[m]))
    hr.add_user(manager, "manager", MANAGER_PW, kdf=KdfParams.fast_for_tests())
    return manager, sorted(teams[manager])[:3], {e.employee_id: e.name for e in hr.records().employees.list()}


def _reviews(mine: Session, reviewed: list[str], names: dict[str, str]) -> None:
    """The manager reviews each person, deciding on every suggestion, with a reason naming them."""
    from hrdesk.reviews import service
    from hrdesk.reviews.draft import DecisionDraft, ReviewDraft
    from hrdesk.reviews.model import Verdict

    verdicts = (Verdict.ACCEPT, Verdict.SET_ASIDE, Verdict.DISAGREE)
    for n, hris_id in enumerate(reviewed):
        shown = service.suggestions_for(mine, hris_id)
        decisions = {item.key: DecisionDraft(verdicts[(n + i) % 3], f"Talked it through with {names[hris_id]}",
                                             "caring for a parent" if i else "")
                     for i, item in enumerate(shown.items)}
        mine.record_review(ReviewDraft(hris_id, decisions=decisions), shown=shown)


def _contests(hr: Session, reviewed: list[str]) -> None:
    import datetime as dt

    from hrdesk.contests.cases import NewContest, Resolution
    from hrdesk.contests.model import Outcome, Subject

    today = dt.date.today()
    hr.add_contest(NewContest(reviewed[0], Subject.SUGGESTION, "the retention-risk flag", "I am not planning to leave.",
                              today - dt.timedelta(days=5), reviewer=hr.actor.name))
    decided = hr.add_contest(NewContest(reviewed[-1], Subject.DATA, "the department on record",
                                        "I moved department in March.", today - dt.timedelta(days=3),
                                        subject_ref="department", reviewer=hr.actor.name)).result
    hr.resolve_contest(decided.id, Resolution(Outcome.NOT_UPHELD, "The transfer starts next month.", today))


@pytest.fixture
def packet_vault(packet_master: tuple[Path, Stale], tmp_path: Path) -> Path:
    target = tmp_path / "demo.hrdesk"
    shutil.copyfile(packet_master[0], target)
    return target


@pytest.fixture
def stale_person(packet_master: tuple[Path, Stale]) -> Stale:
    return packet_master[1]


@pytest.fixture
def hr(packet_vault: Path) -> Iterator[Session]:
    session = Session.open(packet_vault, PASSPHRASE)
    yield session
    session.close(backup=False)
