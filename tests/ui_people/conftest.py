"""Fixtures for the Import dialog and Employees tests: offscreen Qt with the app's
stylesheet, a task runner, a section context around a vault, demo vaults, and
recorders standing in for modal dialogs (which would block an offscreen test)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from hrdesk.settings import Settings  # noqa: E402
from hrdesk.session import Session  # noqa: E402
from hrdesk.ui.sections import SectionContext, VaultEvents  # noqa: E402
from hrdesk.ui.worker import TaskRunner  # noqa: E402
from hrdesk.vault import KdfParams, Vault  # noqa: E402
from qt_fixtures import DialogRecorder, _app_style, _collect_garbage_on_the_main_thread, dialogs, runner, screenshot  # noqa: E402,F401
DEMO_PASSPHRASE = "pw"


@pytest.fixture(autouse=True)
def _record_dialogs(dialogs: DialogRecorder) -> DialogRecorder:
    """Every test here records dialogs instead of opening them."""
    return dialogs


@dataclass
class FakeHost:
    """Stands in for the main window: records which section was asked for."""

    shown: list[str] = field(default_factory=list)

    def save_settings(self) -> None:
        pass

    def lock(self) -> None:
        pass

    def restore_backup(self, backup: object) -> None:
        pass

    def show_section(self, key: str) -> None:
        self.shown.append(key)


def make_context(vault: Vault, runner: TaskRunner) -> SectionContext:
    events = VaultEvents()
    session = Session(vault)
    session.subscribe(events.post)  # as the main window does
    return SectionContext(session=session, settings=Settings(), runner=runner, events=events, host=FakeHost())


@pytest.fixture
def context(vault: Vault, runner: TaskRunner) -> SectionContext:
    return make_context(vault, runner)


def open_demo(path: Path, n_employees: int, seed: int = 1) -> Vault:
    from hrdesk.demo.build import build_demo_vault

    build_demo_vault(path, passphrase=DEMO_PASSPHRASE, n_employees=n_employees, seed=seed, kdf=KdfParams.fast_for_tests())
    return Vault.open(path, DEMO_PASSPHRASE)


@pytest.fixture
def demo_vault(tmp_path: Path) -> Iterator[Vault]:
    vault = open_demo(tmp_path / "demo.hrdesk", 60)
    yield vault
    vault.close(backup=False)


@pytest.fixture
def demo_context(demo_vault: Vault, runner: TaskRunner) -> SectionContext:
    return make_context(demo_vault, runner)


@pytest.fixture
def demo_factory() -> Callable[..., Vault]:
    """``demo_factory(path, n_employees, seed=1)`` builds and opens a demo vault (the caller closes it)."""
    return open_demo


@pytest.fixture
def context_for(runner: TaskRunner) -> Callable[[Vault], SectionContext]:
    return lambda vault: make_context(vault, runner)
