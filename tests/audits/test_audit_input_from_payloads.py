"""The audit's frame is built straight from the decrypted payloads; it must hold exactly what the
typed records say (``typed_reference`` reads them through ``records.employees.list()`` & co.)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from typed_reference import reference_people

from hrdesk.demo.build import build_demo_vault
from hrdesk.fairness.vault_input import audit_input_from_records
from hrdesk.records import Records
from hrdesk.vault import KdfParams, Vault


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.hrdesk"
    build_demo_vault(path, passphrase="pw", n_employees=400, seed=11, kdf=KdfParams.fast_for_tests())
    return path


@pytest.mark.parametrize("whole_organisation", [True, False])
def test_the_frame_from_payloads_is_the_frame_of_the_typed_records(demo: Path, whole_organisation: bool) -> None:
    with Vault.open(demo, "pw") as vault:
        records = Records(vault)
        cycle = None if whole_organisation else sorted(c.name for c in records.cycles.list())[0]
        data = audit_input_from_records(records, cycle=cycle)
        expected = reference_people(records, cycle)
        vault.close(backup=False)
    got = data.people.reset_index(drop=True)
    expected = expected.reset_index(drop=True)
    for frame in (got, expected):  # ISO text parses to microseconds, date objects to seconds: same instants
        for column in ("last_review_date", "date_of_birth"):
            frame[column] = frame[column].astype("datetime64[ns]")
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert data.people["rating"].notna().sum() > 100
    assert len(data.feedback) > 0 and set(data.feedback.columns) == {"person", "text", "source"}
