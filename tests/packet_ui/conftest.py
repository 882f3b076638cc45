"""Qt fixtures for the packet dialog tests, and the packet tests' demo vault (governance walked, a model trained)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qt_fixtures import DialogRecorder, _app_style, _collect_garbage_on_the_main_thread, dialogs, runner, screenshot  # noqa: E402,F401
from tests.packet.conftest import hr, packet_master, packet_vault, stale_person  # noqa: E402,F401
