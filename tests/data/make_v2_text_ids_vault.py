"""How tests/data/v2_text_ids.hrdesk was made (run once, with main at 94c25c9, before vault format 3).

``PYTHONPATH=<checkout of 94c25c9> python tests/data/make_v2_text_ids_vault.py tests/data/v2_text_ids.hrdesk``

A vault of format 2 with team keys, as hrdesk wrote it before format 3: every id
and link stored as 16 characters of text, protected attributes in rows of their
own linked to the employee, key ids spelled out in each ciphertext. The same
small organisation as ``make_legacy_vault`` (24 employees of the HR dataset in
three managers' teams, their protected attributes, a review cycle with ratings
and feedback, well-being check-ins; recovery key in v2_text_ids.txt), plus a
manager user "Amy Dunn" (passphrase "amy's passphrase") holding her team's key.
HR passphrase: "correct horse battery staple".
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_legacy_vault import main as make_small_org  # noqa: E402

from hrdesk.vault import KdfParams, Vault, members  # noqa: E402


def main(target: Path) -> None:
    make_small_org(target)
    with Vault.open(target, "correct horse battery staple") as vault:
        amy_team = next(r.id for r in vault.rows("teams") if r.payload.get("manager_name") == "Amy Dunn")
        members.add(vault, "Amy Dunn", "manager", "amy's passphrase", KdfParams.fast_for_tests(),
                    manager_name="Amy Dunn", team_ids=[amy_team])
        vault.close(backup=False)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
    conn.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
