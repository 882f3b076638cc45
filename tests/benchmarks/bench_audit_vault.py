"""The full audit read straight from a 100,000-person vault, against the same audit on input already decrypted.

Run alone with ``python -m tests.benchmarks.bench_audit_vault [N]``. Side by side,
alternating, min and median: ``run_and_save`` (read and decrypt what the audit
uses of every employee, rating, feedback text and protected attribute, build the
frame, audit, hash the data and save the run with its audit entry) against
``run_audit`` on the ``AuditInput`` built beforehand, so the ratio is what reading
the vault and saving the run add to the statistics. Two "info" rows split that
addition: reading and decrypting, and hashing and saving. The vault is the
shared demo organisation (``common.demo_vault``), copied.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hrdesk.fairness import AuditSettings, run_audit
from hrdesk.fairness.runs import run_and_save, save_run
from hrdesk.fairness.vault_input import audit_input_from_records
from hrdesk.records import Records
from hrdesk.vault import Vault
from tests.benchmarks.common import compare, copy_vault, demo_vault, measure, print_table, side_by_side

EMPLOYEES = 100_000


def run(employees: int = EMPLOYEES, repeat: int = 3) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        path = copy_vault(demo_vault(employees), Path(tmp) / "audit.hrdesk")
        with Vault.open(path, "pw") as vault:
            data = audit_input_from_records(Records(vault))
            t = side_by_side({"vault": lambda: run_and_save(vault), "decrypted": lambda: run_audit(data)}, repeat)
            t_read = measure(lambda: audit_input_from_records(Records(vault)), repeat)
            result = run_audit(data)
            t_save = measure(lambda: save_run(vault, data, AuditSettings(), result, None), repeat)
            vault.close(backup=False)
    n = f"{employees:,}"
    anchor = "the same audit on decrypted input"
    return [
        compare(f"audit from the vault, {n} employees (read+decrypt+audit+save)", t["vault"], anchor, t["decrypted"],
                "<= 1.5x"),
        compare("  of which reading+decrypting the records", t_read, anchor, t["decrypted"], "info"),
        compare("  of which hashing the data and saving the run", t_save, anchor, t["decrypted"], "info"),
    ]


if __name__ == "__main__":
    print_table(run(int(sys.argv[1]) if len(sys.argv) > 1 else EMPLOYEES))
