"""One demo organisation per test run, live governance, a trained and an untrained manager, an open cycle.

Built once (session scope) and copied for each test that writes. The people
chosen are found from the data, not hard-coded: a trained manager whose team
has the person with the most suggestions, and another manager never trained.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "suggest"))

from suggest_helpers import go_live  # noqa: E402

from hrdesk.demo.build import build_demo_vault  # noqa: E402
from hrdesk.governance import training  # noqa: E402
from hrdesk.session import Session  # noqa: E402
from hrdesk.vault import KdfParams  # noqa: E402
from tests.reviews.helpers import CYCLE, HR_PW, TRAINED_PW, UNTRAINED_PW, Org  # noqa: E402

def _choose(session: Session) -> dict[str, str]:
    from hrdesk.suggest.service import current_suggestions

    listed = session.read(current_suggestions)
    count: dict[str, list] = {}
    for s in listed.items:
        count.setdefault(s.employee_id, []).append(s)
    kinds = {e: {s.kind for s in items} for e, items in count.items()}
    person = max(sorted(count), key=lambda e: len(count[e]))
    assert len(count[person]) >= 2, "the demo vault should have someone with two or more suggestions"
    flagged = sorted(e for e, k in kinds.items() if "retention" in k)
    records = session.records()
    employees = records.employees.list()
    me = next(e for e in employees if e.employee_id == person)
    managers = training.managers_in_scope(records)
    trained = next(m for m in managers if me.team_id in m.team_ids)
    untrained = next(m for m in managers if m.name != trained.name and m.team_size >= 2)
    other = next(e for e in employees if e.team_id in untrained.team_ids and not e.is_leaver)
    mate = next(e for e in employees if e.team_id in trained.team_ids and not e.is_leaver and e.employee_id != person)
    return {"trained": trained.name, "untrained": untrained.name, "person": person,
            "other_team_person": other.employee_id, "trained_team_person": mate.employee_id, "flagged": flagged[0]}


@pytest.fixture(scope="session")
def reviews_master(tmp_path_factory: pytest.TempPathFactory) -> Org:
    from hrdesk.reviews import service
    from hrdesk.suggest.service import train

    folder = tmp_path_factory.mktemp("reviews_demo")
    path = folder / "demo.hrdesk"
    fast = KdfParams.fast_for_tests()
    build_demo_vault(path, passphrase=HR_PW, n_employees=240, seed=11, kdf=fast)
    with Session.open(path, HR_PW) as hr:
        train(hr)
        hr.perform(go_live)
        chosen = _choose(hr)
        hr.add_user(chosen["trained"], "manager", TRAINED_PW, kdf=fast)
        hr.add_user(chosen["untrained"], "manager", UNTRAINED_PW, kdf=fast)
        managers = {m.name: m for m in training.managers_in_scope(hr.records())}
        hr.perform(lambda v: training.attest(v, hr.actor, [managers[chosen["trained"]]], what="AI literacy workshop",
                                             when=dt.date.today(), provider="HR"))
        service.open_cycle(hr, CYCLE)
    (folder / "chosen.json").write_text(json.dumps(chosen), encoding="utf-8")
    return Org(path, **chosen)


@pytest.fixture
def org(reviews_master: Org, tmp_path: Path) -> Org:
    """A private copy of the prepared demo vault."""
    target = tmp_path / "demo.hrdesk"
    shutil.copyfile(reviews_master.path, target)
    return Org(target, reviews_master.trained, reviews_master.untrained, reviews_master.person,
               reviews_master.other_team_person, reviews_master.trained_team_person, reviews_master.flagged)
