"""where change_passphrase takes its Argon2id cost from."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from hrdesk.vault import KdfParams, Vault


def test_passphrase_change_cannot_be_downgraded_by_the_plaintext_header(tmp_path: Path) -> None:
    """change_passphrase() defaults to hrdesk_header.kdf_default: plaintext, unauthenticated.

    Someone with brief write access sets it to 8 KiB / 1 pass; the next passphrase change
    (CLI `hrdesk passwd` always takes the default) wraps the data key with those, and every
    later copy of the file can be brute-forced ~10^4 times faster. The parameters of the slot
    that just opened the vault are trustworthy (a changed value would not unwrap); the
    header's are not.
    """
    path = tmp_path / "k.hrdesk"
    strong = KdfParams()  # the documented minimum: 64 MiB, 3 passes
    v, _ = Vault.create(path, org_name="K", admin_name="HR", passphrase="old", kdf=strong)
    v.close(backup=False)
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("UPDATE hrdesk_header SET value=? WHERE key='kdf_default'", (json.dumps(KdfParams.fast_for_tests().to_dict()),))
    raw.close()

    with Vault.open(path, "old") as v:
        v.change_passphrase("new")
    raw = sqlite3.connect(path)
    (kdf,) = raw.execute("SELECT kdf FROM keyslots WHERE kind='passphrase'").fetchone()
    raw.close()
    params = KdfParams.from_dict(json.loads(kdf))
    assert params.meets_minimum, f"the new slot is wrapped with {params}"
