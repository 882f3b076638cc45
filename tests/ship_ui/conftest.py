"""Fixtures for the release GUI tests (help, About, the platform's folders): a small demo vault in a real window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from hrdesk.settings import Settings  # noqa: E402
from hrdesk.vault import KdfParams, Vault  # noqa: E402
from qt_fixtures import DialogRecorder, _app_style, _collect_garbage_on_the_main_thread, dialogs, runner, screenshot  # noqa: E402,F401


@pytest.fixture
def window(qtbot, tmp_path: Path, runner, dialogs):  # type: ignore[no-untyped-def]
    from hrdesk.demo.build import build_demo_vault
    from hrdesk.ui.main_window import MainWindow

    info = build_demo_vault(tmp_path / "demo.hrdesk", passphrase="pw", n_employees=30, seed=1,
                            kdf=KdfParams.fast_for_tests())
    vault = Vault.open(info.path, "pw")
    main = MainWindow(vault, Settings(), runner, config_dir=tmp_path / "config")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    runner.cancel_all()
    runner.wait_for_done()
    main.close()
