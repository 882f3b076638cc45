"""A session on a vault holding the real HRDataset (311 fictional employees)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hrdesk.session import Session
from tests.letters.helpers import DATA, import_csv, new_session


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    s = new_session(tmp_path)
    import_csv(s, DATA)
    yield s
    s.close(backup=False)
