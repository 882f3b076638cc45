"""Opening a screen never loads pandas, scipy, scikit-learn or reportlab on the window's thread.

Each screen's module is imported when the screen is first shown, on the UI thread:
pandas alone is 0.3-0.4 s of frozen window (the Audits screen froze that long on
first show because CSV export and an error class pulled it in). The heavy
libraries belong to the work that runs in the background (an audit, a model, a
packet) and are imported there. The import dialog's modules read spreadsheets,
and are the one exception.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: the import dialog previews the file it reads with pandas (its reading runs in the background)
READS_FILES = {"import_dialog", "import_models", "import_scales", "import_summary"}


def test_no_screen_module_loads_a_heavy_library() -> None:
    modules = sorted(p.stem for p in (ROOT / "hrdesk" / "ui").glob("*.py")
                     if p.stem not in READS_FILES and not p.stem.startswith("__"))
    code = ("import sys\n" + "".join(f"import hrdesk.ui.{m}\n" for m in modules)
            + "print(sorted({'pandas', 'scipy', 'sklearn', 'reportlab'} & {m.split('.')[0] for m in sys.modules}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", f"loaded on the window's thread: {done.stdout.strip()}"
