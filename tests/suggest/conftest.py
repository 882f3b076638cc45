"""One demo vault per test run, copied for each test that changes it; helpers to make governance live."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hrdesk.demo.build import build_demo_vault
from suggest_helpers import PASSPHRASE

from hrdesk.vault import KdfParams

@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("suggest_demo") / "demo.hrdesk"
    build_demo_vault(path, passphrase=PASSPHRASE, n_employees=240, seed=11, kdf=KdfParams.fast_for_tests())
    return path


@pytest.fixture
def demo_path(demo_master: Path, tmp_path: Path) -> Path:
    """A private copy of the demo vault (tests change governance, consent and models)."""
    target = tmp_path / "demo.hrdesk"
    shutil.copyfile(demo_master, target)
    return target
