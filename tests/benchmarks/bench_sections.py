"""Opening every screen of the window on a 100,000-person vault: how long the window is frozen.

Run alone with ``python -m tests.benchmarks.bench_sections [N]``. The vault is the
shared demo organisation (``common.demo_vault``), copied, with one audit run saved
(so Audits shows a result and governance step 1 lists its findings). The window
(offscreen, 1280x800) opens, settles, then shows each section in the sidebar's
order, as a person clicking down the list would. For each section, two numbers:

- *ready*: from the click until the section's background reads have landed and
  the window has been idle for half a second (that half second not counted):
  what a person waits for before the screen is complete;
- *longest freeze*: the longest single pass of the event loop while it got
  there, i.e. the longest the window could not repaint or answer a key.

The freeze has an absolute target (0.1 s, where a pause starts to be felt);
there is no other program to anchor a window's responsiveness to.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks.common import copy_vault, demo_vault, print_table, row  # noqa: E402

EMPLOYEES = 100_000
QUIET_S = 0.5


def _settle(app, runner, limit: float = 600) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Process events until the runner is idle and nothing happened for QUIET_S: (seconds, longest pass)."""
    start, quiet, worst = time.perf_counter(), None, 0.0
    while time.perf_counter() - start < limit:
        began = time.perf_counter()
        app.processEvents()
        spent = time.perf_counter() - began
        worst = max(worst, spent)
        if not runner.busy and spent < 0.002:
            quiet = quiet or time.perf_counter()
            if time.perf_counter() - quiet >= QUIET_S:
                return time.perf_counter() - start - QUIET_S, worst
        else:
            quiet = None
        time.sleep(0.001)
    raise RuntimeError("the window never settled")


def run(employees: int = EMPLOYEES) -> list[dict]:
    from PySide6.QtWidgets import QApplication

    from hrdesk.fairness.runs import run_and_save
    from hrdesk.session import Session
    from hrdesk.settings import Settings
    from hrdesk.ui import assets
    from hrdesk.ui.main_window import MainWindow
    from hrdesk.ui.worker import TaskRunner
    from hrdesk.vault import Vault

    app = QApplication.instance() or QApplication([])
    app.setStyleSheet(assets.stylesheet())
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as folder:
        path = copy_vault(demo_vault(employees), Path(folder) / "sections.hrdesk")
        print(f"sections: auditing {employees:,} people once ...", file=sys.stderr, flush=True)
        with Vault.open(path, "pw") as vault:
            run_and_save(vault)
            vault.close(backup=False)
        session = Session.open(path, "pw")
        runner = TaskRunner()
        window = MainWindow(session, Settings(), runner, config_dir=Path(folder) / "config")
        window.resize(1280, 800)
        window.show()
        try:
            first, first_worst = _settle(app, runner)
            rows.append(row(f"window opened on {employees:,} people: ready", first, "s", "", None, "info"))
            rows.append(row("  longest freeze while it opened", first_worst, "s", "", None, "< 0.1 s"))
            for section in window.registry.sections():
                window.show_section(section.key)
                ready, worst = _settle(app, runner)
                rows.append(row(f"{section.title}: ready", ready, "s", "", None, "info"))
                rows.append(row(f"  {section.title}: longest freeze", worst, "s", "", None, "< 0.1 s"))
        finally:
            runner.wait_for_done()
            window.close()
            session.close(backup=False)
    return rows


if __name__ == "__main__":
    print_table(run(int(sys.argv[1]) if len(sys.argv) > 1 else EMPLOYEES))
