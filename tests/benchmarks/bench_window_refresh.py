"""Benchmark: what one write from the window costs the UI thread in refreshing (offscreen Qt).

The window is open on a 2,000-person demo vault with three saved audit runs,
and every section has been opened once. The write is the employee page's own
save (a department edit, through the session in the write lane). Measured:
the time the UI thread spends busy from the save until every refresh it
caused has landed, side by side in the same process for

* before: every view reloads on every write (``VaultEvents.broadcast``, the
  old bare "something changed"), and
* after: only the views whose kinds the change touches refresh.

UI-thread time is the sum of ``processEvents`` calls while the work settles,
minus what as many calls cost on an idle window (measured just before). Run
alone with ``python -m tests.benchmarks.bench_window_refresh``.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks.common import print_table, row  # noqa: E402

EMPLOYEES = 2_000
RUNS = 3
SETTLE_S = 0.4  # quiet time after the last event before the write counts as settled


def _pump(app, seconds: float) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Process events for ``seconds``; returns (time inside processEvents, number of calls)."""
    busy, calls, end = 0.0, 0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        start = time.perf_counter()
        app.processEvents()
        busy += time.perf_counter() - start
        calls += 1
        time.sleep(0.001)
    return busy, calls


def _settle(app, window, *, until) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Process events until ``until()`` holds, the runner is idle and nothing happened for SETTLE_S."""
    busy, calls = 0.0, 0
    quiet_since = None
    deadline = time.perf_counter() + 120
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        app.processEvents()
        spent = time.perf_counter() - start
        busy += spent
        calls += 1
        done = until() and not window.runner.busy
        if done and spent < 0.002:
            quiet_since = quiet_since or time.perf_counter()
            if time.perf_counter() - quiet_since >= SETTLE_S:
                return busy, calls
        else:
            quiet_since = None
        time.sleep(0.001)
    raise RuntimeError("the window never settled")


def _open_every_section(app, window) -> None:  # type: ignore[no-untyped-def]
    for section in window.registry.sections():
        window.show_section(section.key)
        _settle(app, window, until=lambda: True)


def _write_once(app, window, *, broadcast: bool, department: str) -> tuple[float, list[str]]:  # type: ignore[no-untyped-def]
    """One save from the employee page; UI-thread seconds spent settling, and the views that refreshed."""
    view = window.shell.views["employees"]
    detail = view.detail
    idle, idle_calls = _pump(app, 0.5)
    per_call = idle / max(idle_calls, 1)
    events = window.events
    events.broadcast = broadcast
    events.refreshed.clear()
    loaded_before = detail.data
    detail._save({"department": department})
    busy, calls = _settle(app, window, until=lambda: detail.data is not loaded_before
                          and detail.data is not None and detail.data.employee.department == department)
    events.broadcast = False
    return max(0.0, busy - calls * per_call), list(events.refreshed)


def run(employees: int = EMPLOYEES, repeat: int = 3) -> list[dict]:
    from PySide6.QtWidgets import QApplication

    from hrdesk.demo.build import build_demo_vault
    from hrdesk.fairness import AuditSettings
    from hrdesk.session import Session
    from hrdesk.settings import Settings
    from hrdesk.ui import assets
    from hrdesk.ui.main_window import MainWindow
    from hrdesk.ui.worker import TaskRunner
    from hrdesk.vault import KdfParams

    app = QApplication.instance() or QApplication([])
    app.setStyleSheet(assets.stylesheet())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.hrdesk"
        build_demo_vault(path, passphrase="pw", n_employees=employees, seed=5, kdf=KdfParams.fast_for_tests())
        session = Session.open(path, "pw")
        for _ in range(RUNS):
            session.run_audit(AuditSettings())
        runner = TaskRunner()
        window = MainWindow(session, Settings(), runner, config_dir=Path(folder) / "config")
        window.resize(1280, 800)
        window.show()
        try:
            _open_every_section(app, window)
            window.show_section("employees")
            view = window.shell.views["employees"]
            _settle(app, window, until=lambda: view.loaded)
            first = view.model.index(0, 0)
            from hrdesk.ui.employees_model import IdRole

            view.open_employee(str(first.data(IdRole)))
            _settle(app, window, until=lambda: view.detail.data is not None)
            before, after = float("inf"), float("inf")
            refreshed_before: list[str] = []
            refreshed_after: list[str] = []
            for n in range(repeat):
                seconds, refreshed_before = _write_once(app, window, broadcast=True, department=f"Before {n}")
                before = min(before, seconds)
                seconds, refreshed_after = _write_once(app, window, broadcast=False, department=f"After {n}")
                after = min(after, seconds)
            watched = len(window.events._watchers)
        finally:
            runner.wait_for_done()
            window.close()
    untouched_after = watched - len(refreshed_after)
    label = f"{employees:,} people, {RUNS} audit runs, every section open"
    return [
        row(f"window write: UI refresh, every view reloads (before), {label}", before, "s",
            f"{len(refreshed_before)} of {watched} watchers refreshed"),
        row(f"window write: UI refresh, touched views only (after), {label}", after, "s",
            f"before {before * 1000:.0f} ms", after / before if before else None, "< 0.1 s"),
        row(f"window write: watchers called after ({', '.join(refreshed_after)})", float(len(refreshed_after)), "n",
            f"{untouched_after} untouched views did nothing", None, "0 for untouched views"),
    ]


if __name__ == "__main__":
    print_table(run())
