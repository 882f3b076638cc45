"""The cycle collector held off during an import comes back exactly as it was, whatever happens."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from hrdesk.importing import ImportValidationError, import_file
from hrdesk.importing.collector import collector_paused


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    gc.enable() if was else gc.disable()


def test_an_import_runs_without_the_collector_and_gives_it_back(vault, hr_dataset: Path, collector_on,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import hrdesk.records.employees as employees

    seen = []
    real = employees.link_managers
    monkeypatch.setattr(employees, "link_managers", lambda *a, **k: (seen.append(gc.isenabled()), real(*a, **k))[1])
    report = import_file(vault, hr_dataset)
    assert report.added == 311 and seen == [False] and gc.isenabled()


def test_a_refused_import_gives_the_collector_back(vault, hr_dataset_messy: Path, collector_on) -> None:
    with pytest.raises(ImportValidationError):
        import_file(vault, hr_dataset_messy)
    assert gc.isenabled()


def test_a_collector_someone_else_switched_off_stays_off(collector_on) -> None:
    """The desktop app collects on its main thread only: an import in a worker must not switch it back on."""
    gc.disable()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
    assert not gc.isenabled()
    gc.enable()
    with pytest.raises(RuntimeError):
        with collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("boom")
    assert gc.isenabled()
