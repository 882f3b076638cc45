"""Qt fixtures for the Monitoring section tests (offscreen, the app's stylesheet, a runner, dialog recorders)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qt_fixtures import DialogRecorder, _app_style, _collect_garbage_on_the_main_thread, dialogs, runner, screenshot  # noqa: E402,F401
