"""``hrdesk suggest``: nothing before go-live, only consenting people after it, plain words when history is short."""

from __future__ import annotations

import json

import pytest
from suggest_helpers import PASSPHRASE, go_live

from hrdesk.cli import main
from hrdesk.errors import PermissionDeniedError
from hrdesk.demo.build import build_demo_vault
from hrdesk.records.consent import AI_PROCESSING, WELLBEING_SHARING, ConsentRepository
from hrdesk.suggest.store import has_model
from hrdesk.vault import KdfParams, Vault


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE)


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["suggest", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_before_go_live_list_gives_only_the_reason_and_explain_refuses(demo_path, capsys):
    code, out, _ = _run(capsys, str(demo_path), "train")
    assert code == 0 and "card version 1" in out
    code, out, _ = _run(capsys, str(demo_path), "list")
    assert code == 0 and out.strip().startswith("AI suggestions are not live: governance step 1 of 6")
    assert len(out.strip().splitlines()) == 1
    code, out, _ = _run(capsys, str(demo_path), "list", "--json")
    data = json.loads(out)
    assert data["live"] is False and data["suggestions"] == []
    code, out, err = _run(capsys, str(demo_path), "explain", "10001")
    assert code == 2 and out == "" and "not live" in err


def _train_then_go_live(capsys, path, **options) -> None:
    """Train first: a new model reopens governance step 2, so going live comes after it."""
    assert _run(capsys, str(path), "train")[0] == 0
    with Vault.open(path, PASSPHRASE) as vault:
        go_live(vault, **options)


def test_after_go_live_every_type_is_listed_and_explained_in_json(demo_path, capsys):
    _train_then_go_live(capsys, demo_path)
    code, out, _ = _run(capsys, str(demo_path), "list", "--json")
    data = json.loads(out)
    assert code == 0 and data["live"] is True
    kinds = {s["kind"] for s in data["suggestions"]}
    assert kinds == {"retention", "development", "wellbeing"}
    flagged = [s for s in data["suggestions"] if s["kind"] == "retention"]
    code, out, _ = _run(capsys, str(demo_path), "explain", flagged[0]["employee_id"], "--json")
    e = json.loads(out)
    assert code == 0 and e["flagged"] is True and e["card_version"] == 1
    assert e["base_value"] + sum(c["contribution"] for c in e["contributions"]) == pytest.approx(e["log_odds"], abs=1e-9)
    assert e["probability"] == pytest.approx(flagged[0]["probability"])
    code, out, _ = _run(capsys, str(demo_path), "explain", flagged[0]["employee_id"])
    assert code == 0 and "Raised it:" in out and "model card version 1" in out
    code, out, _ = _run(capsys, str(demo_path), "list")
    assert "Team of " in out and flagged[0]["name"] in out
    code, out, _ = _run(capsys, str(demo_path), "card")
    assert code == 0 and "Fairness of the suggestions" in out and "too small to judge" in out
    assert json.loads(_run(capsys, str(demo_path), "card", "--json")[1])["version"] == 1


def test_opted_out_people_are_neither_listed_nor_explained_nor_trained_on(demo_path, capsys):
    _train_then_go_live(capsys, demo_path)
    listed = json.loads(_run(capsys, str(demo_path), "list", "--json")[1])["suggestions"]
    target = next(s for s in listed if s["kind"] == "retention")["employee_id"]
    with Vault.open(demo_path, PASSPHRASE) as vault:
        vault_id = next(r.id for r in vault.rows("employees") if r.payload["employee_id"] == target)
        ConsentRepository(vault).record_change(vault_id, AI_PROCESSING, False, by="the employee")
    after = json.loads(_run(capsys, str(demo_path), "list", "--json")[1])["suggestions"]
    assert target not in {s["employee_id"] for s in after}
    assert {s["kind"] for s in after} == {"retention", "development", "wellbeing"}
    code, _out, err = _run(capsys, str(demo_path), "explain", target)
    assert code == 2 and "opted out" in err
    card = json.loads(_run(capsys, str(demo_path), "train", "--json")[1])
    assert card["training"]["opted_out_excluded"] == 1 and card["version"] == 2


def test_only_decision_types_the_register_allows_are_suggested(demo_path, capsys):
    _train_then_go_live(capsys, demo_path, decisions=("development_recommendation",))
    data = json.loads(_run(capsys, str(demo_path), "list", "--json")[1])
    assert {s["kind"] for s in data["suggestions"]} == {"development"}
    assert any("human only" in n for n in data["notes"])
    code, _out, err = _run(capsys, str(demo_path), "explain", "10001")
    assert code == 2 and "human only" in err


def test_retraining_after_go_live_locks_suggestions_until_governance_looks_again(demo_path, capsys):
    _train_then_go_live(capsys, demo_path)
    assert json.loads(_run(capsys, str(demo_path), "list", "--json")[1])["live"] is True
    assert _run(capsys, str(demo_path), "train")[0] == 0
    code, out, _ = _run(capsys, str(demo_path), "list")
    assert code == 0 and "Trained an AI suggestion model" in out and "step 2" in out
    assert len(out.strip().splitlines()) == 1
    code, _out, err = _run(capsys, str(demo_path), "explain", "10001")
    assert code == 2 and "not live" in err


def test_too_little_history_gives_a_plain_message_and_no_suggestions(tmp_path, capsys):
    path = tmp_path / "small.hrdesk"
    build_demo_vault(path, passphrase=PASSPHRASE, n_employees=40, seed=2, kdf=KdfParams.fast_for_tests())
    with Vault.open(path, PASSPHRASE) as vault:
        go_live(vault)
    code, out, err = _run(capsys, str(path), "train")
    assert code == 2 and out == ""
    assert "too little history" in err and "at least 10 people who left voluntarily" in err
    assert "Traceback" not in err
    with Vault.open(path, PASSPHRASE) as vault:
        assert not has_model(vault, "retention_risk")
    data = json.loads(_run(capsys, str(path), "list", "--json")[1])
    assert not [s for s in data["suggestions"] if s["kind"] == "retention"]
    assert any("No retention-risk model" in n for n in data["notes"])
    code, _out, err = _run(capsys, str(path), "explain", "10001")
    assert code == 2 and "No retention-risk model" in err


def test_explain_needs_an_employee_and_train_knows_its_types(demo_path, capsys):
    code, _out, err = _run(capsys, str(demo_path), "explain")
    assert code == 2 and "Say whose suggestion" in err
    code, _out, err = _run(capsys, str(demo_path), "train", "--type", "wellbeing")
    assert code == 2 and "not trained" in err


def test_a_manager_sees_only_their_teams_and_only_once_trained(demo_path, capsys):
    import datetime as dt

    from hrdesk.governance.training import attest, managers_in_scope
    from hrdesk.records import Records
    from hrdesk.session import Session
    from hrdesk.suggest.service import current_suggestions, explain_employee

    _train_then_go_live(capsys, demo_path)
    with Session.open(demo_path, PASSPHRASE) as session:
        everyone = session.read(current_suggestions)
        flagged_teams = {s.team_id for s in everyone.items if s.kind == "retention"}
        manager = next(m for m in session.read(lambda v: managers_in_scope(Records(v))) if set(m.team_ids) & flagged_teams)
        untrained = session.read(lambda v: current_suggestions(v, manager=manager))
        assert not untrained.live and "has not passed the AI-literacy training" in untrained.reason and not untrained.items
        session.perform(lambda v: attest(v, session.actor, [manager], what="AI literacy course", when=dt.date.today(),
                                         provider="HR academy"))
        mine = session.read(lambda v: current_suggestions(v, manager=manager))
        assert mine.live and mine.items and {s.team_id for s in mine.items} <= set(manager.team_ids)
        assert len(mine.items) < len(everyone.items)
        outsider = next(s for s in everyone.items if s.team_id not in set(manager.team_ids))
        with pytest.raises(PermissionDeniedError, match="not in"):
            session.read(lambda v: explain_employee(v, outsider.employee_id, manager=manager))
        own = next(s for s in mine.items if s.kind == "retention")
        assert session.read(lambda v: explain_employee(v, own.employee_id, manager=manager)).flagged
        # well-being prompts reach a manager only for people who chose to share their check-ins
        hr_prompts = [s for s in everyone.items if s.kind == "wellbeing" and s.team_id in set(manager.team_ids)]
        assert hr_prompts and not [s for s in mine.items if s.kind == "wellbeing"]
        sharer = next(r.id for r in session.vault.rows("employees")
                      if r.payload["employee_id"] == hr_prompts[0].employee_id)
        session.record_consent(sharer, WELLBEING_SHARING, True, by="the employee", note="")
        shared = session.read(lambda v: current_suggestions(v, manager=manager))
        assert [s.employee_id for s in shared.items if s.kind == "wellbeing"] == [hr_prompts[0].employee_id]
