"""Well-being stays out of every model; the development catalogue is editable and checked; prompts read check-ins."""

from __future__ import annotations

import json

import numpy as np
import pytest
from suggest_helpers import PASSPHRASE

from hrdesk.errors import InvalidInputError, PermissionDeniedError
from hrdesk.records import tables
from hrdesk.records.features import history_rows
from hrdesk.records.fields import FIELDS, Purpose
from hrdesk.suggest.development import load_catalogue, recommend
from hrdesk.suggest.pipeline import FEATURE_NAMES, build_features
from hrdesk.suggest.wellbeing import wellbeing_prompts
from hrdesk.vault import Vault


def test_no_model_can_read_wellbeing_data(demo_path):
    wellbeing = {f.name for f in FIELDS if f.purpose is Purpose.WELLBEING}
    assert not wellbeing & set(FEATURE_NAMES)
    with Vault.open(demo_path, PASSPHRASE) as vault:
        for purpose in (Purpose.EVALUATION, Purpose.DEVELOPMENT):
            with pytest.raises(PermissionDeniedError, match="coaching only"):
                history_rows(vault, tables.CHECKINS, purpose=purpose)
        with pytest.raises(PermissionDeniedError):
            history_rows(vault, tables.PROTECTED, purpose=Purpose.WELLBEING)
        assert history_rows(vault, tables.CHECKINS, purpose=Purpose.WELLBEING)


def test_the_catalogue_shipped_maps_signals_to_learning_mentoring_and_projects(demo_path):
    rules = load_catalogue()
    assert {r.kind for r in rules} == {"learning", "mentoring", "project"}
    with Vault.open(demo_path, PASSPHRASE) as vault:
        table = build_features(vault)
    recs = recommend(table, rules)
    assert recs
    active = {h for h, a in zip(table.hris_ids, table.active) if a}
    assert {r.employee_id for r in recs} <= active
    fell = [r.because for r in recs if r.rule == "rating-fell"]
    assert fell and all("(s)" not in b for b in fell)  # "fell by 1 level", "fell by 2 levels": words a manager reads
    assert all(b.endswith(("by 1 level since the previous review", "levels since the previous review")) for b in fell)


def test_an_edited_catalogue_is_used_and_a_broken_one_is_named(demo_path, tmp_path):
    path = tmp_path / "dev.json"
    path.write_text(json.dumps({"rules": [{"id": "any-projects", "signal": "special_projects", "op": ">=", "value": 1,
                                           "kind": "mentoring", "because": "{value} projects",
                                           "suggest": "Mentor a newer colleague."}]}), encoding="utf-8")
    with Vault.open(demo_path, PASSPHRASE) as vault:
        table = build_features(vault)
    recs = recommend(table, load_catalogue(path))
    expected = int((np.nan_to_num(table.column("special_projects")) >= 1)[table.active].sum())
    assert len(recs) == expected > 0 and all(r.suggest == "Mentor a newer colleague." for r in recs)
    path.write_text(json.dumps({"rules": [{"id": "bad", "signal": "salary", "op": ">=", "value": 1,
                                           "kind": "project", "suggest": "x"}]}), encoding="utf-8")
    with pytest.raises(InvalidInputError, match="'bad' needs a known 'signal'"):
        load_catalogue(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="cannot be read"):
        load_catalogue(path)


def test_wellbeing_prompts_follow_high_workload_or_falling_mood(demo_path):
    with Vault.open(demo_path, PASSPHRASE) as vault:
        checkins = history_rows(vault, tables.CHECKINS, purpose=Purpose.WELLBEING)
        everyone = set(checkins)
        prompts = {p.employee: p for p in wellbeing_prompts(vault, everyone)}
    assert prompts
    for emp, rows in checkins.items():
        rows = sorted(rows, key=lambda r: r["date"])
        heavy = len(rows) >= 2 and all(r["workload"] >= 4 for r in rows[-2:])
        fell = len(rows) >= 4 and (rows[-4]["mood"] + rows[-3]["mood"]) / 2 - (rows[-2]["mood"] + rows[-1]["mood"]) / 2 >= 1
        assert (emp in prompts) == (heavy or fell)
        if emp in prompts:
            assert "evaluate" in prompts[emp].prompt
