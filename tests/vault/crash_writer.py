"""Subprocess for the crash test: write records forever, announcing each commit.

Each line printed ``committed N`` is sent only after the transaction holding
record N (and its audit entry) has committed, so the parent knows exactly
which records must survive a SIGKILL.
"""

from __future__ import annotations

import sys

from hrdesk.vault import Vault


def main(path: str, passphrase: str, start: int) -> None:
    vault = Vault.open(path, passphrase)
    vault.ensure_table("crash_records")
    n = start
    while True:
        with vault.transaction():
            vault.insert("crash_records", {"n": n, "text": "x" * (n % 700)}, id=f"r{n:08d}")
            vault.audit("crash.write", target=f"r{n:08d}")
        print(f"committed {n}", flush=True)
        n += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
