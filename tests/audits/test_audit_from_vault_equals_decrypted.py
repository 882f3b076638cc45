"""The audit from a vault is exactly the audit of the same data read record by record as typed records:
same numbers, same findings, and the run read back from its compact stored form is the same run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from typed_reference import reference_input

from hrdesk.demo.build import build_demo_vault
from hrdesk.fairness import AuditSettings, run_audit
from hrdesk.fairness.runs import TABLE, list_runs, run_and_save, snapshot_hash
from hrdesk.fairness.vault_input import audit_input_from_records
from hrdesk.records import Records, tables
from hrdesk.vault import KdfParams, Vault

DAY = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def vault_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated organisation, with the record shapes the demo never writes: an age instead of a date
    of birth (one given on 29 February), nobody's protected attributes at all, a rating stored without
    its scale and a rating on another scale in the latest cycle."""
    path = tmp_path_factory.mktemp("demo") / "demo.hrdesk"
    build_demo_vault(path, passphrase="pw", n_employees=600, seed=23, kdf=KdfParams.fast_for_tests())
    with Vault.open(path, "pw") as vault:
        attrs = list(vault.rows(tables.PROTECTED))
        latest = max(Records(vault).cycles.list(), key=lambda c: c.end or c.start or dt.date.min).id
        ratings = [r for r in vault.rows(tables.RATINGS) if r.links.get("cycle_id") == latest]
        with vault.transaction():
            for row, (age, day) in zip(attrs[:3], [(44, "2024-02-29"), (29, "2025-06-30"), (61, "2023-01-01")]):
                payload = {k: v for k, v in row.payload.items() if k != "date_of_birth"}
                vault.update(tables.PROTECTED, row.id, {**payload, "age": age, "age_on": day})
            vault.delete(tables.PROTECTED, [attrs[3].id])
            vault.update(tables.RATINGS, ratings[0].id, {k: v for k, v in ratings[0].payload.items() if k != "scale"})
            vault.insert(tables.RATINGS, {"value": "High", "scale": "potential", "review_date": "2030-01-01"},
                         links={"employee_id": ratings[1].links["employee_id"], "cycle_id": latest})
            # someone rated only in earlier cycles gets a rating on another scale in the latest one: their
            # latest performance rating is still the earlier one
            rated_latest = {r.links["employee_id"] for r in ratings}
            earlier = next(r for r in vault.rows(tables.RATINGS) if r.links["employee_id"] not in rated_latest)
            vault.insert(tables.RATINGS, {"value": "Low", "scale": "potential", "review_date": "2030-01-01"},
                         links={"employee_id": earlier.links["employee_id"], "cycle_id": latest})
            person = vault.get(tables.EMPLOYEES, earlier.links["employee_id"])  # and no score in the HRIS export
            vault.update(tables.EMPLOYEES, person.id, {**person.payload, "performance_score": None, "last_review_date": None})
        vault.close(backup=False)
    return path


@pytest.mark.parametrize("whole_organisation", [True, False])
def test_the_audit_from_the_vault_is_the_audit_of_the_typed_records(vault_path: Path, whole_organisation: bool) -> None:
    with Vault.open(vault_path, "pw") as vault:
        records = Records(vault)
        cycle = None if whole_organisation else sorted(c.name for c in records.cycles.list())[-1]
        settings = AuditSettings(min_group=4)
        run = run_and_save(vault, settings, cycle=cycle, reference_date=DAY)
        people = audit_input_from_records(records, cycle=cycle, reference_date=DAY).people
        reference = reference_input(records, cycle, DAY)
        stored = next(r for r in list_runs(vault) if r.id == run.id)
        vault.close(backup=False)
    for frame in (people, reference.people):  # ISO text parses to microseconds, date objects to seconds
        for column in ("last_review_date", "date_of_birth"):
            frame[column] = frame[column].astype("datetime64[ns]")
    pd.testing.assert_frame_equal(people, reference.people, check_dtype=False)
    expected = run_audit(reference, settings).to_dict()
    assert run.result.to_dict() == expected
    assert stored.result.to_dict() == expected, "the run read back from the vault differs from the run saved"
    assert stored.result == run.result
    assert run.snapshot == snapshot_hash(reference), "the same data must give the same snapshot"
    assert run.result.population > 100 and run.result.findings and run.result.calibration.managers


def test_a_run_is_stored_as_tables_and_a_run_stored_as_lists_still_reads(vault_path: Path) -> None:
    with Vault.open(vault_path, "pw") as vault:
        run = run_and_save(vault, reference_date=DAY)
        payload = vault.get(TABLE, run.id).payload
        rates = payload["result"]["rates"]
        assert set(rates) == {"columns", "values"} and rates["columns"][:2] == ["id", "outcome"]
        rows = rates["values"][rates["columns"].index("rows")][0]  # the first table's rows, by column
        assert set(rows) == {"columns", "values"} and set(rows["values"][rows["columns"].index("rate")]) == {"f8"}
        as_lists = {**payload, "result": run.result.to_dict()}  # how runs were saved before
        assert len(json.dumps(payload)) < 0.7 * len(json.dumps(as_lists))
        with vault.transaction():
            old_id = vault.insert(TABLE, {**as_lists, "order": payload["order"] - 1})
        old = next(r for r in list_runs(vault) if r.id == old_id)
        vault.close(backup=False)
    assert old.result == run.result
