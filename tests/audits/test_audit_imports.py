"""What reads, shows or saves audit runs imports the audit's modules without pandas or scipy (about a
second on a cold start); scipy.stats arrives with the first statistic computed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CODE = """
import sys
import hrdesk.fairness.multiplicity, hrdesk.fairness.report, hrdesk.fairness.result, hrdesk.fairness.runs
import hrdesk.fairness.settings, hrdesk.fairness.stats, hrdesk.fairness.wording
from hrdesk.fairness import AuditResult, AuditSettings, Status, render_text
heavy = sorted({'pandas', 'scipy', 'scipy.stats', 'sklearn'} & set(sys.modules))
assert not heavy, heavy
from hrdesk.fairness.stats import wilson_interval
low, high = wilson_interval([3], [10])
assert 'scipy.stats' in sys.modules and 0.1 < low[0] < 0.3 < high[0] < 0.7
from hrdesk.fairness import run_audit, export_csv
import hrdesk.fairness as fairness
assert sorted(fairness.__all__) == sorted(n for n in fairness.__all__ if getattr(fairness, n) is not None)
print('ok')
"""


def test_importing_the_audits_modules_loads_neither_pandas_nor_scipy() -> None:
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=300)
    assert done.stdout.strip() == "ok", done.stderr
