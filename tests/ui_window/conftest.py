"""Fixtures: a demo vault opened in a real MainWindow."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from hrdesk.settings import Settings  # noqa: E402
from hrdesk.vault import KdfParams, Vault  # noqa: E402
from qt_fixtures import DialogRecorder, _app_style, _collect_garbage_on_the_main_thread, dialogs, runner, screenshot  # noqa: E402,F401

DEMO_PASSPHRASE = "pw"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from hrdesk.demo.build import build_demo_vault

    folder = tmp_path_factory.mktemp("window-demo")
    info = build_demo_vault(folder / "demo.hrdesk", passphrase=DEMO_PASSPHRASE, n_employees=60, seed=1,
                            kdf=KdfParams.fast_for_tests())
    return info.path


@pytest.fixture
def demo_vault(demo_template: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    import shutil

    target = tmp_path / "demo.hrdesk"
    shutil.copy(demo_template, target)
    vault = Vault.open(target, DEMO_PASSPHRASE)
    yield vault
    vault.close(backup=False)


@pytest.fixture
def demo_window(qtbot, demo_vault, runner, tmp_path, dialogs):  # type: ignore[no-untyped-def]
    from hrdesk.ui.main_window import MainWindow

    settings = Settings()
    settings.last_section = "overview"
    main = MainWindow(demo_vault, settings, runner, config_dir=tmp_path / "config")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    runner.cancel_all()
    runner.wait_for_done()
