"""A session on a vault of two real teams (Amy Dunn's and Webster Butler's), with and without the rights set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hrdesk.session import Session
from tests.contests.helpers import add_reviewer, set_rights
from tests.governance.conftest import small_dataset
from tests.letters.helpers import import_csv, new_session


@pytest.fixture
def bare_session(tmp_path: Path) -> Iterator[Session]:
    """Two teams imported; governance step 3 (the rights) not set yet."""
    s = new_session(tmp_path)
    import_csv(s, small_dataset(tmp_path))
    yield s
    s.close(backup=False)


@pytest.fixture
def session(bare_session: Session) -> Session:
    """Two teams imported, the rights set (contests answered within 15 days), and Priya Shah, a second HR user
    who reviews contests (a reviewer must be a person the vault knows)."""
    set_rights(bare_session)
    add_reviewer(bare_session)
    return bare_session
