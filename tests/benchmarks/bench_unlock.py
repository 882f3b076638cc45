"""Unlocking a 100,000-person vault against the Argon2id key derivation alone.

Run alone with ``python -m tests.benchmarks.bench_unlock [N]``. The shared demo
organisation (one team per dozen people, so HR's unlock unwraps some 8,000 team
keys) gets a passphrase under Argon2id tuned for this machine; ``Vault.open``
(header, tables, key slot, settings, team keys, the audit head; no page-by-page
``quick_check``: see README "What is checked when") alternates with the
derivation alone, same parameters.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hrdesk.vault import Vault
from tests.benchmarks.common import compare, print_table, side_by_side

EMPLOYEES = 100_000


def unlock_rows(folder: Path, employees: int = EMPLOYEES) -> list[dict]:
    """Unlocking the shared demo organisation (one team per dozen people: HR unwraps every team's
    key) under Argon2id tuned for this machine, against that derivation alone."""
    from hrdesk.vault.kdf import calibrate, derive_key
    from tests.benchmarks.common import copy_vault, demo_vault

    path = copy_vault(demo_vault(employees), folder / "unlock.hrdesk")
    params = calibrate()
    with Vault.open(path, "pw") as v:
        v.change_passphrase("real passphrase", kdf=params)
        v.close(backup=False)
    salt = b"0123456789abcdef"
    t = side_by_side({"open": lambda: Vault.open(path, "real passphrase").close(backup=False),
                      "kdf": lambda: derive_key("real passphrase", salt, params)}, 7)
    return [compare(f"unlock a {employees:,}-employee vault (Argon2id {params.memory_kib // 1024} MiB, "
                    f"{params.iterations} passes)", t["open"], "the key derivation alone", t["kdf"], "<= 1.2x")]


def run(employees: int = EMPLOYEES) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        return unlock_rows(Path(tmp), employees)


if __name__ == "__main__":
    print_table(run(int(sys.argv[1]) if len(sys.argv) > 1 else EMPLOYEES))
