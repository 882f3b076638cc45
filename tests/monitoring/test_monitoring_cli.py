"""``hrdesk monitor``: HR runs it and handles alerts, an auditor reads the kept report, a manager is refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from hrdesk.cli import main
from hrdesk.monitoring import service
from hrdesk.reviews.model import Verdict
from hrdesk.vault import KdfParams
from tests.governance.conftest import small_dataset
from tests.letters.helpers import PASSPHRASE, import_csv, new_session
from tests.monitoring.helpers import CONTACT, sign_step6, step6_answers
from tests.monitoring.test_monitoring_alerts import decided

GO_LIVE = dt.date(2026, 6, 1)


@pytest.fixture
def vault_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    s = new_session(tmp_path)
    import_csv(s, small_dataset(tmp_path))
    s.perform(lambda vault: sign_step6(vault, GO_LIVE, step6_answers()))
    s.add_user("Avery Audit", "auditor", PASSPHRASE + " auditor", kdf=KdfParams.fast_for_tests())
    s.add_user("Amy Dunn", "manager", PASSPHRASE + " manager", manager_name="Amy Dunn",
               kdf=KdfParams.fast_for_tests())
    path = s.path
    s.close(backup=False)
    planted = decided("Amy Dunn", [Verdict.DISAGREE] * 15)
    monkeypatch.setattr(service, "_decisions", lambda vault, since, until: list(planted))
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE)
    return path


def test_hr_runs_monitoring_sees_the_alert_and_records_how_it_was_handled(vault_file: Path, capsys, monkeypatch) -> None:
    assert main(["monitor", str(vault_file)]) == 0
    out = capsys.readouterr().out
    assert "1 breach of governance step 6's thresholds." in out
    assert "BREACH: Amy Dunn set aside or disagreed with 15 of 15 suggestions (100%)" in out
    assert f"Escalated to {CONTACT}" in out
    assert main(["monitor", str(vault_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [alert] = data["alerts"]                       # the second run raised nothing new
    assert alert["contact"] == CONTACT and data["report"]["breaches"][0]["key"] == "override/above/Amy Dunn"
    assert main(["monitor", str(vault_file), "handle", alert["id"], "--note", "Talked it through with Amy."]) == 0
    assert "Handled on" in capsys.readouterr().out
    assert main(["monitor", str(vault_file), "handle", alert["id"], "--note", "Twice is once too many."]) == 2
    assert "already handled" in capsys.readouterr().err
    # the auditor reads what HR kept, and cannot handle alerts
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE + " auditor")
    assert main(["monitor", str(vault_file), "--user", "Avery Audit"]) == 0
    assert "[handled]" in capsys.readouterr().out
    assert main(["monitor", str(vault_file), "handle", alert["id"], "--note", "x" * 20, "--user", "Avery Audit"]) == 2
    capsys.readouterr()
    # a manager is refused, and told why
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE + " manager")
    assert main(["monitor", str(vault_file), "--user", "Amy Dunn"]) == 2
    assert "Monitoring is for HR and auditors" in capsys.readouterr().err


def test_an_auditor_before_any_run_is_told_so(vault_file: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE + " auditor")
    assert main(["monitor", str(vault_file), "--user", "Avery Audit"]) == 0
    assert "Monitoring has not run yet" in capsys.readouterr().out


def test_handle_without_an_alert_id_says_how(vault_file: Path, capsys) -> None:
    assert main(["monitor", str(vault_file), "handle"]) == 2
    assert "Say which alert" in capsys.readouterr().err
