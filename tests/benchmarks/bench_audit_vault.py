"""The full audit on 10,000 employees read straight from the vault, decryption included.

Reference: the same audit on the already-decrypted input, so the ratio shows
what reading and decrypting the records costs on top of the statistics.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hrdesk.demo.build import build_demo_vault
from hrdesk.fairness import run_audit
from hrdesk.fairness.runs import run_and_save
from hrdesk.fairness.vault_input import audit_input_from_records
from hrdesk.records import Records
from hrdesk.vault import KdfParams, Vault
from tests.benchmarks.common import best_of, print_table, row

EMPLOYEES = 10_000


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.hrdesk"
        build_demo_vault(path, passphrase="pw", n_employees=EMPLOYEES, seed=3, kdf=KdfParams.fast_for_tests())
        with Vault.open(path, "pw") as vault:
            t_read = best_of(lambda: audit_input_from_records(Records(vault)), 3)
            data = audit_input_from_records(Records(vault))
            t_stats = best_of(lambda: run_audit(data), 3)
            t_full = best_of(lambda: run_and_save(vault), 3)
    return [
        row(f"audit from the vault, {EMPLOYEES:,} employees (read+decrypt+audit+save)", t_full, "s",
            f"audit on decrypted input {t_stats:.2f}s", t_full / t_stats, "seconds"),
        row("  of which reading+decrypting the records", t_read, "s", "", None, "info"),
    ]


if __name__ == "__main__":
    print_table(run())
