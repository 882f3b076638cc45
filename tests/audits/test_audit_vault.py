"""The audit run on a vault's own records: the demo's planted problems are found, saved and cited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hrdesk import cli
from hrdesk.demo.build import build_demo_vault
from hrdesk.errors import InvalidInputError
from hrdesk.fairness import AuditSettings
from hrdesk.fairness.runs import list_runs, run_and_save
from hrdesk.fairness.vault_input import audit_input_from_records
from hrdesk.records import Records
from hrdesk.vault import KdfParams, Vault


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("demo") / "demo.hrdesk"
    return build_demo_vault(path, passphrase="pw", n_employees=300, seed=1, kdf=KdfParams.fast_for_tests())


@pytest.fixture(scope="module")
def demo_vault(demo) -> Path:  # type: ignore[no-untyped-def]
    return demo.path


def _finding(result, outcome_word: str, attribute: str, group: str):
    return [
        f for f in result.findings
        if outcome_word in f.title and f.title.endswith(f"by {attribute}: {group}")
    ]


def test_planted_disparity_is_flagged_and_fair_attribute_is_not(demo, demo_vault: Path) -> None:
    with Vault.open(demo_vault, "pw") as vault:
        run = run_and_save(vault, AuditSettings(intersections=False))
    women = _finding(run.result, "High rating", "Sex", "Women")  # named as people, not "F"
    assert women and women[0].severity == "flag", [f.title for f in run.result.findings]
    assert "Women received 'Exceeds'" in women[0].text
    hispanic = [f for f in run.result.findings if "Hispanic" in f.title and "High rating" in f.title]
    assert hispanic == []
    harsh = [f for f in run.result.findings if f.title == f"Calibration: {demo.planted.harsh_manager_name}"]
    assert harsh and harsh[0].severity == "flag"


def test_audit_reads_protected_attributes_only_for_fairness_and_logs_it(demo_vault: Path) -> None:
    with Vault.open(demo_vault, "pw") as vault:
        before = [e.action for e in vault.audit_entries()]
        data = audit_input_from_records(Records(vault))
        after = [e.action for e in vault.audit_entries()]
    assert after[len(before):] == ["protected_attributes.read"]
    assert set(data.attributes) >= {"sex", "race", "hispanic_latino"}
    assert "name" not in data.people.columns and len(data.people) == 300


def test_runs_are_saved_with_a_data_snapshot(demo_vault: Path) -> None:
    with Vault.open(demo_vault, "pw") as vault:
        first = run_and_save(vault)
        second = run_and_save(vault)
        runs = list_runs(vault)
        assert first.snapshot == second.snapshot  # same data, same snapshot
        assert {first.id, second.id} <= {r.id for r in runs}
        assert runs[0].result.population == 300
        assert [e.action for e in vault.audit_entries()].count("audit.run") >= 2
        assert vault.verify_audit_chain().ok


def test_a_listed_run_counts_its_findings_and_reads_back_as_saved(demo_vault: Path) -> None:
    """The list of saved runs rebuilds a run's whole result only when it is looked at (the Audits
    screen lists every run); what it shows before that must agree with the result itself."""
    with Vault.open(demo_vault, "pw") as vault:
        saved = run_and_save(vault)
        listed = next(r for r in list_runs(vault) if r.id == saved.id)
        assert listed.findings_count == len(saved.result.findings) > 0  # counted before the rest is rebuilt
        assert listed.result.to_dict() == saved.result.to_dict()
        assert listed.findings_count == len(listed.result.findings)


def test_empty_vault_says_what_to_do(vault: Vault) -> None:
    with pytest.raises(InvalidInputError) as err:
        run_and_save(vault)
    assert "Import" in err.value.hint


def test_cli_audit_json(demo_vault: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    monkeypatch.setenv("HRDESK_PASSPHRASE", "pw")
    (tmp_path / "csv").mkdir()
    assert cli.main(["audit", str(demo_vault), "--json", "--by", "sex", "--min-group", "10", "--csv", str(tmp_path / "csv")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["result"]["population"] == 300
    assert out["result"]["settings"]["min_group"] == 10
    assert any(p.name.endswith("group_rates.csv") for p in (tmp_path / "csv").iterdir())
    assert cli.main(["audit", str(demo_vault), "--cycle", "no such cycle"]) == 2


def test_changes_since_a_run_are_named(vault: Vault, hr_dataset: Path, tmp_path: Path) -> None:
    from hrdesk.fairness.runs import changes_since
    from hrdesk.importing import import_file

    import_file(vault, hr_dataset)
    run = run_and_save(vault)
    assert changes_since(vault, run) == []
    changed = tmp_path / "changed.csv"
    changed.write_text(hr_dataset.read_text(encoding="utf-8-sig").replace("Fully Meets,4.5,", "Exceeds,4.5,", 1), encoding="utf-8")
    import_file(vault, changed)
    assert {e.action for e in changes_since(vault, run)} == {"employee.updated", "import.employees"}


def test_two_runs_saved_in_the_same_second_come_out_newest_first(demo_vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Governance step 1 cites the latest run: a one-second clock must not let an older run pass for it."""
    import datetime as real_dt

    from hrdesk.fairness import runs as runs_module

    ticks = iter(range(1000, 1_000_000, 1000))  # microseconds within one and the same second

    class _Clock(real_dt.datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
            return real_dt.datetime(2030, 1, 2, 3, 4, 5, next(ticks), tzinfo=tz)

    class _Dt:
        datetime, timezone, date = _Clock, real_dt.timezone, real_dt.date

    with Vault.open(demo_vault, "pw") as vault:
        monkeypatch.setattr(runs_module, "dt", _Dt)
        first = run_and_save(vault)
        second = run_and_save(vault)
        assert first.time == second.time  # the displayed time cannot tell them apart
        assert list_runs(vault)[0].id == second.id
