"""The one place the real, calibrated Argon2id parameters are exercised."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from hrdesk.vault import Vault
from hrdesk.vault.kdf import MIN_ITERATIONS, MIN_MEMORY_KIB


def test_calibrated_kdf_is_strong_and_takes_a_noticeable_moment(tmp_path: Path) -> None:
    path = tmp_path / "real.hrdesk"
    v, _ = Vault.create(path, org_name="Real", admin_name="HR", passphrase="real passphrase")
    v.close(backup=False)
    kdf = json.loads(sqlite3.connect(path).execute("SELECT kdf FROM keyslots WHERE kind='passphrase'").fetchone()[0])
    assert kdf["algorithm"] == "argon2id" and kdf["lanes"] == 1
    assert kdf["memory_kib"] >= MIN_MEMORY_KIB and kdf["iterations"] >= MIN_ITERATIONS
    start = time.perf_counter()
    Vault.open(path, "real passphrase").close(backup=False)
    assert time.perf_counter() - start > 0.05  # a real KDF ran; its speed is a benchmark row, not a test
