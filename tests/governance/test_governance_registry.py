"""Governance's audit actions live in the one registry, and what reopens what is decided there."""

from __future__ import annotations

import ast
from pathlib import Path

from hrdesk.session import actions

GOVERNANCE = Path(__file__).resolve().parents[2] / "hrdesk" / "governance"


def test_every_action_governance_writes_is_registered() -> None:
    written = set()
    for path in GOVERNANCE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                if any(isinstance(t, ast.Name) and t.id.startswith("ACTION") for t in node.targets):
                    written.add(node.value.value)
    assert {"governance.signed_off", "governance.reopened", "governance.register_changed", "governance.rights_changed",
            "governance.quiz_taken", "governance.training_attested"} <= written
    assert all(actions.is_registered(name) for name in written), written - set(actions.REGISTRY)


def test_a_change_that_makes_disclosures_stale_reopens_step_5_at_the_latest() -> None:
    # a system change makes every earlier disclosure stale, so step 5's evidence no longer holds
    for act in actions.REGISTRY.values():
        if act.system_change:
            assert 1 <= act.reopens_step({}) <= 5, act.name


def test_reopening_is_decided_by_what_an_entry_changed() -> None:
    imported = actions.action("import.employees")
    assert imported.reopens_step({"added": 3, "fields_changed": {}}) == 1
    assert imported.reopens_step({"added": 0, "fields_changed": {"team_id": 2}}) == 1
    assert imported.reopens_step({"added": 0, "fields_changed": {"performance_score": 1}}) == 1
    assert imported.reopens_step({"added": 0, "fields_changed": {"position": 4}}) == 0
    edited = actions.action("employee.updated")
    assert edited.reopens_step({"fields": ["position"]}) == 0 and edited.reopens_step({"fields": ["hire_date"]}) == 1
    assert actions.action("ratings.added").reopens_step({}) == 1
    assert actions.action("governance.signed_off").reopens_step({}) == 0
    assert actions.action("letters.generated").reopens_step({}) == 0
