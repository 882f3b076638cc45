"""A session on a vault holding the real HRDataset (311 fictional employees); a vault with two people of one name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hrdesk.session import Session
from tests.letters.helpers import DATA, PASSPHRASE, import_csv, new_session, write_people

TWINS = [("1001", "Smith, John", "Amy Dunn"), ("1002", "Smith, John", "Amy Dunn"), ("1003", "Ng, Ann", "Amy Dunn")]


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    s = new_session(tmp_path)
    import_csv(s, DATA)
    yield s
    s.close(backup=False)


@pytest.fixture
def twins_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A closed vault file of TWINS (two John Smiths), contest rights set, its passphrase in the environment."""
    from tests.contests.helpers import set_rights

    session = new_session(tmp_path)
    import_csv(session, write_people(tmp_path / "people.csv", TWINS))
    set_rights(session)
    session.close(backup=False)
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE)
    return tmp_path / "org.hrdesk"
