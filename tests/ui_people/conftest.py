"""Fixtures for the Import dialog and Employees tests: offscreen Qt with the app's
stylesheet, a task runner, a section context around a vault, demo vaults, and
recorders standing in for modal dialogs (which would block an offscreen test)."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from hrdesk.settings import Settings  # noqa: E402
from hrdesk.ui import assets  # noqa: E402
from hrdesk.ui.errors import CrashDialog, ErrorDialog  # noqa: E402
from hrdesk.ui.sections import SectionContext, VaultEvents  # noqa: E402
from hrdesk.ui.worker import TaskRunner  # noqa: E402
from hrdesk.vault import KdfParams, Vault  # noqa: E402

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
DEMO_PASSPHRASE = "pw"


@pytest.fixture(scope="session", autouse=True)
def _app_style(qapp: QApplication) -> None:
    qapp.setStyle("Fusion")
    qapp.setStyleSheet(assets.stylesheet())


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.cancel_all()
    task_runner.wait_for_done()


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    """Collect each test's reference cycles here, on the main thread.

    Left to itself, Python's collector runs wherever an allocation trips it,
    which may be a worker thread of the next test; collecting Qt wrappers
    there destroys Qt objects off their thread and crashes the process.
    """
    yield
    gc.collect()


@dataclass
class DialogRecorder:
    errors: list[ErrorDialog] = field(default_factory=list)
    crashes: list[CrashDialog] = field(default_factory=list)


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogRecorder:
    """Record error and crash dialogs instead of running their modal loops."""
    recorder = DialogRecorder()
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: recorder.errors.append(self) or 0)
    monkeypatch.setattr(CrashDialog, "exec", lambda self: recorder.crashes.append(self) or 0)
    return recorder


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
    runner.wrote.connect(events.changed)  # as the main window does
    return SectionContext(vault=vault, settings=Settings(), runner=runner, events=events, host=FakeHost())


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


@pytest.fixture
def screenshot() -> Callable[[QWidget, str], Path]:
    def save(widget: QWidget, name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        target = SCREENSHOTS / f"{name}.png"
        assert widget.grab().save(str(target)), f"could not save {target}"
        return target

    return save
