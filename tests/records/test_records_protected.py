"""Protected attributes are stored apart and unreachable from the suggestion features."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from hrdesk.errors import PermissionDeniedError
from hrdesk.importing import import_file
from hrdesk.records import Employee, Records, features, protected
from hrdesk.records.consent import AI_PROCESSING
from hrdesk.records.fields import PROTECTED_FIELDS, Purpose


@pytest.fixture
def imported(vault, hr_dataset: Path):
    import_file(vault, hr_dataset)
    return vault


def test_employee_record_and_table_carry_no_protected_attribute(imported) -> None:
    assert not PROTECTED_FIELDS & {f.name for f in dataclasses.fields(Employee)}
    for row in imported.rows("employees"):
        assert not PROTECTED_FIELDS & row.payload.keys()
    stored = [row.payload for row in imported.rows("protected_attributes")]
    assert len(stored) == 311 and set(stored[0]) == {"sex", "race", "hispanic_latino", "date_of_birth"}


@pytest.mark.parametrize("purpose", [Purpose.EVALUATION, Purpose.DEVELOPMENT, Purpose.WELLBEING])
def test_feature_rows_never_contain_protected_fields_nor_open_their_table(imported, purpose, monkeypatch) -> None:
    opened: list[str] = []
    real_rows, real_get = imported.rows, imported.get
    monkeypatch.setattr(imported, "rows", lambda table, where=None: (opened.append(table), real_rows(table, where))[1])
    monkeypatch.setattr(imported, "get", lambda table, rid: (opened.append(table), real_get(table, rid))[1])
    rows = features.feature_rows(imported, purpose=purpose)
    assert len(rows) == 311
    assert "protected_attributes" not in opened
    for row in rows:
        assert not PROTECTED_FIELDS & row.values.keys()
        assert not {"name", "employee_id"} & row.values.keys()
    # the values are those of the file (e.g. no 'sex' smuggled under another name)
    assert all(set(r.values) == set(features.feature_fields(purpose)) for r in rows)


def test_wellbeing_data_is_not_an_evaluation_feature() -> None:
    evaluation = set(features.feature_fields(Purpose.EVALUATION))
    assert {"performance_score", "special_projects", "department"} <= evaluation
    assert not {"engagement", "satisfaction", "absences"} & evaluation
    assert {"engagement", "absences"} <= set(features.feature_fields(Purpose.WELLBEING))


def test_features_refuse_the_fairness_purpose(imported) -> None:
    with pytest.raises(PermissionDeniedError):
        features.feature_rows(imported, purpose=Purpose.FAIRNESS)


def test_protected_accessor_demands_the_fairness_purpose_and_is_audited(imported) -> None:
    for purpose in (Purpose.EVALUATION, Purpose.DEVELOPMENT, Purpose.WELLBEING, Purpose.ADMINISTRATION):
        with pytest.raises(PermissionDeniedError):
            protected.for_fairness(imported, purpose=purpose)
    attributes = protected.for_fairness(imported, purpose=Purpose.FAIRNESS)
    assert len(attributes) == 311
    assert {a.sex for a in attributes.values()} == {"F", "M"}
    entry = imported.audit_entries()[-1]
    assert entry.action == "protected_attributes.read" and entry.details == {"purpose": "fairness"}


def test_opted_out_employees_are_not_in_the_features(imported) -> None:
    records = Records(imported)
    wilson = records.employees.by_employee_id("10026")
    records.consents.record_change(wilson.id, AI_PROCESSING, False, by="Dana HR", note="asked by email")
    rows = features.feature_rows(imported)
    assert len(rows) == 310 and wilson.id not in {r.employee for r in rows}
    assert records.counts().opted_out_of_ai == 1
