"""Process start to the unlock (start) dialog on screen, vs a bare PySide6 window.

Both are measured as whole processes from spawn to the moment the window has
been shown (each prints when its first event-loop turn runs), best of N,
alternating so machine noise hits both alike. hrdesk's modules are byte-compiled
first, as an installed app's are (pip compiles on install; this sandbox sets
PYTHONDONTWRITEBYTECODE, which would otherwise make every start recompile).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from tests.benchmarks.common import print_table, row

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(); w.resize(480, 360); w.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""


def _time_process(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("shown"):
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"{cmd} never reported its window as shown")
    proc.wait(timeout=30)
    return elapsed


def run(repeat: int = 5) -> list[dict]:
    import compileall
    from pathlib import Path

    import hrdesk

    compileall.compile_dir(str(Path(hrdesk.__file__).parent), quiet=1)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), HRDESK_EXIT_WHEN_SHOWN="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    bare, app = [], []
    for _ in range(repeat):
        bare.append(_time_process([sys.executable, "-c", BARE], env))
        app.append(_time_process([sys.executable, "-m", "hrdesk"], env))
    b, a = min(bare), min(app)
    return [row("start-up to unlock dialog shown", a, "s", f"bare PySide6 window {b:.3f}s", a / b, "<= 1.5x")]


if __name__ == "__main__":
    print_table(run())
