"""Opening the Audits screen on a 100,000-person vault: its saved runs read back.

Run alone with ``python -m tests.benchmarks.bench_saved_runs [N]``. The vault is
the shared demo organisation (``common.demo_vault``), copied, with three audit
runs saved. Side by side, alternating, min and median:

- hrdesk: what the Audits screen waits for before it can show anything — every
  saved run listed (``list_runs``: decrypted, its settings read, its findings
  counted for the history list) and the newest run's whole result rebuilt for
  the view, as the screen's background load does;
- the anchor: the same records decrypted and their JSON decoded into plain
  dicts (``vault.rows``), the least any reader of the stored runs could do.

Governance step 1 waits for the same list and the newest result.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hrdesk.fairness.runs import TABLE, list_runs, run_and_save
from hrdesk.vault import Vault
from tests.benchmarks.common import compare, copy_vault, demo_vault, print_table, side_by_side

EMPLOYEES = 100_000
RUNS = 3


def _open_audits_screen(vault: Vault) -> int:
    runs = list_runs(vault)
    return len(runs[0].result.findings) + sum(run.findings_count for run in runs)


def run(employees: int = EMPLOYEES, repeat: int = 3) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        path = copy_vault(demo_vault(employees), Path(tmp) / "runs.hrdesk")
        with Vault.open(path, "pw") as vault:
            print(f"saved runs: auditing {employees:,} people {RUNS} times ...", file=sys.stderr, flush=True)
            for _ in range(RUNS):
                run_and_save(vault)
            t = side_by_side({"hrdesk": lambda: _open_audits_screen(vault),
                              "anchor": lambda: list(vault.rows(TABLE))}, repeat)
            vault.close(backup=False)
    return [compare(f"Audits screen: {RUNS} saved runs listed and the newest rebuilt, {employees:,} people",
                    t["hrdesk"], "decrypting the runs and decoding their JSON", t["anchor"], "info")]


if __name__ == "__main__":
    print_table(run(int(sys.argv[1]) if len(sys.argv) > 1 else EMPLOYEES))
