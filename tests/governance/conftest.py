"""Sessions for the governance tests: the real HRDataset, and a small organisation (fast letters)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hrdesk.session import Session
from tests.letters.helpers import DATA, import_csv, new_session

#: two real teams of the HRDataset (every column kept), small enough for letters to every employee to be quick
SMALL_MANAGERS = ("Amy Dunn", "Webster Butler")


def small_dataset(folder: Path, managers: tuple[str, ...] = SMALL_MANAGERS) -> Path:
    import csv

    with open(DATA, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    path = folder / "two-teams.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(r for r in rows if r["ManagerName"] in managers)
    return path


@pytest.fixture
def hr_session(tmp_path: Path) -> Iterator[Session]:
    s = new_session(tmp_path)
    import_csv(s, DATA)
    yield s
    s.close(backup=False)


@pytest.fixture
def small_session(tmp_path: Path) -> Iterator[Session]:
    s = new_session(tmp_path)
    import_csv(s, small_dataset(tmp_path))
    yield s
    s.close(backup=False)
