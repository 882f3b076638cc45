"""The long crash-safety run: SIGKILL at random moments of import, passwd with rotation, backup,
restore and purge, checking after every kill that nothing committed was lost, nothing is half
done, the vault opens and verifies, and no copy beside it holds an old key or purged records.

Run with ``python -m pytest -m soak tests/vault/test_vault_soak.py -s`` (about 40 minutes on
two busy cores); it runs until ``HRDESK_SOAK_KILLS`` (500) operations were killed mid-way,
``HRDESK_SOAK_REPORT=FILE`` writes the figures as JSON. Kept out of the default suite by the
``soak`` marker.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from hrdesk.errors import WrongPassphraseError
from hrdesk.vault import KdfParams, Vault
from hrdesk.vault.backup import PENDING_CLEANUP_KEY, PENDING_ROTATION_KEY, make_backup, old_copies, readable_copy, unfinished_backups
from hrdesk.vault.keyring import Keyring
from hrdesk.vault.store import Store

WORKER = Path(__file__).with_name("ops_worker.py")
ROOT = Path(__file__).resolve().parents[2]
OPS = ("import", "rotate", "backup", "restore", "purge")
PASSPHRASES = ("pw-a", "pw-b")


def _run_once(op: str, path: Path, current: str, delay: float | None) -> tuple[str, float]:
    """Run ``op``; kill it ``delay`` seconds after it started working (None: let it finish)."""
    other = PASSPHRASES[1 - PASSPHRASES.index(current)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), op, str(path), current, other],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    started = threading.Event()
    lines: list[str] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.strip())
            if line.startswith("start"):
                started.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    started.wait(60)
    t0 = time.monotonic()
    if delay is not None:
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=300)
    reader.join(timeout=5)
    elapsed = time.monotonic() - t0
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.returncode not in (0, -signal.SIGKILL):
        raise AssertionError(f"{op} failed on its own (exit {proc.returncode}): {stderr[-2000:]}")
    return ("killed" if proc.returncode == -signal.SIGKILL and "done" not in lines else "finished"), elapsed


def _opens_with(path: Path) -> str:
    """Which passphrase unwraps this file's key (exactly one must)."""
    store = Store(path, sqlite3.connect(path))
    try:
        keyring = Keyring(store)
        found = []
        for pw in PASSPHRASES:
            try:
                keyring.unlock_with_passphrase(pw)
                found.append(pw)
            except WrongPassphraseError:
                pass
    finally:
        store.close()
    assert len(found) == 1, f"{path.name} opens with {found}"
    return found[0]


def _check(path: Path) -> str:
    """Every invariant after a kill; returns the passphrase that opens the vault."""
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    raw.close()
    current = _opens_with(path)
    with Vault.open(path, current) as v:  # opening finishes what a killed process left
        report = v.verify_audit_chain()
        assert report.ok, report.summary()
        assert not v.damaged_records() and not v.structure_problems()
        assert v.meta_get(PENDING_CLEANUP_KEY) is None and v.meta_get(PENDING_ROTATION_KEY) is None
        people = v.count("employees") if "employees" in v.tables() else 0
        protected = v.count("protected_attributes") if "protected_attributes" in v.tables() else 0
        assert protected == people, "an import or purge was half applied"
        purges = [e.seq for e in v.audit_entries() if e.action == "retention.purged"]
        v.close(backup=False)
    assert not unfinished_backups(path)
    for packed_copy in old_copies(path):
        with readable_copy(packed_copy) as copy:  # a weekly base or a day's changes: rebuilt and checked
            assert _opens_with(copy) == current, f"{packed_copy.name} still holds an older key"
            if purges:
                with Vault.open(copy, current) as c:
                    entries = {e.seq: e.action for e in c.audit_entries()}
                    c.close(backup=False)
                assert entries.get(purges[-1]) == "retention.purged", f"{packed_copy.name} predates the last purge"
    return current


def test_sigkill_soak_across_vault_operations(tmp_path: Path) -> None:
    """Runs until ``HRDESK_SOAK_KILLS`` (500) operations were killed mid-way; rounds that finish count too."""
    kills = int(os.environ.get("HRDESK_SOAK_KILLS", "500"))
    rng = random.Random(int(os.environ.get("HRDESK_SOAK_SEED", time.time())))
    path = tmp_path / "soak.hrdesk"
    v, _ = Vault.create(path, org_name="Soak", admin_name="HR", passphrase=PASSPHRASES[0], kdf=KdfParams.fast_for_tests())
    make_backup(v)
    v.close(backup=False)
    current = PASSPHRASES[0]
    durations = {}
    for op in OPS:  # how long each takes here, so kills land while it works
        _outcome, durations[op] = _run_once(op, path, current, None)
        current = _check(path)
    tally: Counter[tuple[str, str]] = Counter()
    while sum(n for (_op, kind), n in tally.items() if kind == "killed") < kills:
        op = rng.choice(OPS)
        outcome, elapsed = _run_once(op, path, current, rng.uniform(0, durations[op] * 0.9))
        if outcome == "finished":
            durations[op] = max(elapsed, durations[op] * 0.9)  # the vault grows: follow it
        tally[(op, outcome)] += 1
        current = _check(path)
        done = sum(tally.values())
        if done % 50 == 0:
            print(f"  {done} rounds, {sum(n for (_o, kind), n in tally.items() if kind == 'killed')} killed", flush=True)
    figures = {op: {"killed": tally[(op, "killed")], "finished": tally[(op, "finished")]} for op in OPS}
    print("\nSIGKILL soak:", json.dumps(figures))
    if os.environ.get("HRDESK_SOAK_REPORT"):
        Path(os.environ["HRDESK_SOAK_REPORT"]).write_text(json.dumps({"rounds": sum(tally.values()), "per_operation": figures}, indent=1))


pytestmark = pytest.mark.soak
