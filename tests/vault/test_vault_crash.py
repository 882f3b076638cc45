"""A killed process loses at most the transaction in flight and never corrupts the vault."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from hrdesk.vault import KdfParams, Vault

WRITER = Path(__file__).with_name("crash_writer.py")
ROOT = Path(__file__).resolve().parents[2]


def _kill_writer_at_random(path: Path, passphrase: str, start: int, rng: random.Random) -> list[int]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(path), passphrase, str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    committed: list[int] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("committed "):
                committed.append(int(line.split()[1]))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + 20
    while not committed and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)  # wait until it is really writing, then kill at a random moment
    time.sleep(rng.uniform(0.0, 0.25))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join(timeout=5)
    stderr = proc.stderr.read() if proc.stderr else ""
    assert committed, f"writer never committed anything: {stderr}"
    return committed


def _check_after_crash(path: Path, passphrase: str, must_have: set[int]) -> int:
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    raw.close()
    with Vault.open(path, passphrase) as vault:
        report = vault.verify_audit_chain()
        assert report.ok, report.summary()
        present = {row.payload["n"] for row in vault.rows("crash_records")}
        missing = must_have - present
        assert not missing, f"committed records lost: {sorted(missing)[:10]}"
        return max(present) + 1


def _run_rounds(tmp_path: Path, rounds: int, seed: int) -> None:
    path = tmp_path / "crash.hrdesk"
    v, _ = Vault.create(path, org_name="Crash Co", admin_name="HR", passphrase="pw", kdf=KdfParams.fast_for_tests())
    v.close(backup=False)
    rng = random.Random(seed)
    committed_all: set[int] = set()
    start = 0
    for _ in range(rounds):
        committed_all |= set(_kill_writer_at_random(path, "pw", start, rng))
        start = _check_after_crash(path, "pw", committed_all)


def test_sigkill_during_writes_never_loses_committed_records(tmp_path: Path) -> None:
    _run_rounds(tmp_path, rounds=20, seed=20261123)


@pytest.mark.soak
def test_sigkill_soak(tmp_path: Path) -> None:
    _run_rounds(tmp_path, rounds=300, seed=int(time.time()))
