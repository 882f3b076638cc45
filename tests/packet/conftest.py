"""One demo organisation per test run with governance walked and a model trained, and a packet of it.

Built once (session scope) and copied for each test that writes: the demo vault
(240 people), the retention model trained first (training reopens step 2, so it
comes before the walk), the six steps walked with the example answers
(``tests.governance.helpers.walk``), then one employee's consent changed so
their disclosure is stale and they appear by pseudonym (or name) in section 8.
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
SIGNER = "Demo HR"


@dataclass(frozen=True)
class Stale:
    hris_id: str
    name: str


@pytest.fixture(scope="session")
def packet_master(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Stale]:
    from hrdesk.records.consent import WELLBEING_SHARING
    from hrdesk.suggest.service import train

    folder = tmp_path_factory.mktemp("packet_demo")
    path = folder / "demo.hrdesk"
    build_demo_vault(path, passphrase=PASSPHRASE, n_employees=240, seed=11, kdf=KdfParams.fast_for_tests())
    with Session.open(path, PASSPHRASE) as session:
        train(session)
        walk(session, folder, signer=SIGNER)
        person = next(e for e in session.records().employees.list() if not e.is_leaver)
        session.record_consent(person.id, WELLBEING_SHARING, True, by=SIGNER, note="asked to share check-ins")
    return path, Stale(person.employee_id, person.name)


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
