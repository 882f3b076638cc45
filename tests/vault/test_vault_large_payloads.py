"""A payload of megabytes (a saved audit run at 100,000 people) is stored and read back whole."""

from __future__ import annotations

import random

from hrdesk.vault import Vault, encoding


def test_a_payload_of_twenty_megabytes_round_trips_through_the_vault(vault: Vault) -> None:
    # 20 MiB of JSON: a 100,000-person audit run is about that, and the old 16 MiB limit on a decoded
    # payload made such a run read back as a damaged record
    rng = random.Random(7)
    rows = [[f"Manager {n}", n, rng.random(), rng.random(), None, "ok"] for n in range(400_000)]
    payload = {"result": {"columns": ["group", "n", "rate", "p", "rest", "status"], "rows": rows}}
    assert len(encoding._to_json(payload)) > 20 * 2**20
    vault.ensure_table("audit_runs")
    run_id = vault.insert("audit_runs", payload)
    assert vault.get("audit_runs", run_id).payload == payload
    assert not vault.damaged_records()

