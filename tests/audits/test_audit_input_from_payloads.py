"""The audit's frame is built straight from the decrypted payloads; it must hold exactly what the
typed records say (the reference below reads them through ``records.employees.list()`` & co.)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from hrdesk.demo.build import build_demo_vault
from hrdesk.fairness.vault_input import audit_input_from_records, left_voluntarily
from hrdesk.records import Records, protected
from hrdesk.records.fields import Purpose
from hrdesk.vault import KdfParams, Vault


def _reference(records: Records, cycle: str | None) -> pd.DataFrame:
    """The people frame as the typed records give it, one dataclass per record."""
    cycles = records.cycles.list()
    order = {c.id: i for i, c in enumerate(sorted(cycles, key=lambda c: (c.end or c.start or dt.date.min, c.name)))}
    chosen = next((c for c in cycles if c.name == cycle), None)
    employees = records.employees.list()
    if chosen is not None:
        employees = [e for e in employees
                     if not ((e.hire_date and chosen.end and e.hire_date > chosen.end)
                             or (e.termination_date and chosen.start and e.termination_date < chosen.start))]
    best: dict = {}
    for r in records.ratings.list():
        if r.scale != "performance" or (chosen is not None and r.cycle_id != chosen.id):
            continue
        key = (order.get(r.cycle_id or "", -1), r.review_date or dt.date.min)
        if r.employee_id not in best or key > best[r.employee_id][0]:
            best[r.employee_id] = (key, r)
    attrs = protected.for_fairness(records.vault, purpose=Purpose.FAIRNESS)
    rows = []
    for e in employees:
        rating = best.get(e.id, (None, None))[1]
        a = attrs.get(e.id)
        fallback = chosen is None
        rows.append({
            "person": e.id, "manager": e.manager_name,
            "rating": rating.value if rating else (e.performance_score if fallback else None),
            "engagement": e.engagement, "satisfaction": e.satisfaction,
            "left_voluntarily": left_voluntarily(e.employment_status), "promoted": pd.NA,
            "last_review_date": rating.review_date if rating and rating.review_date else (e.last_review_date if fallback else None),
            "date_of_birth": protected.birth_date_for_age(a) if a else None,
            "sex": a.sex if a else None, "race": a.race if a else None,
            "hispanic_latino": (None if a.hispanic_latino is None else ("Yes" if a.hispanic_latino else "No")) if a else None,
            "disability": a.disability if a else None,
        })
    frame = pd.DataFrame(rows)
    for column in ("last_review_date", "date_of_birth"):
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    frame["promoted"] = frame["promoted"].astype("boolean")
    return frame


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
        expected = _reference(records, cycle)
        vault.close(backup=False)
    got = data.people.reset_index(drop=True)
    expected = expected.reset_index(drop=True)
    for frame in (got, expected):  # ISO text parses to microseconds, date objects to seconds: same instants
        for column in ("last_review_date", "date_of_birth"):
            frame[column] = frame[column].astype("datetime64[ns]")
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert data.people["rating"].notna().sum() > 100
    assert len(data.feedback) > 0 and set(data.feedback.columns) == {"person", "text", "source"}
