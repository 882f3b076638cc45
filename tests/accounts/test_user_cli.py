"""`hrdesk user add|list|remove|reset` (HR only) and `--user` on every command: a manager's
`employees list` holds their team alone; a manager running an HR-only command is refused with exit
2, nothing changes, and the attempt is in the log."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hrdesk import cli
from hrdesk.session import Session
from hrdesk.vault import vault as vault_module
from hrdesk.vault.kdf import KdfParams

from .conftest import AMY_PW, HR_PW, Org


@pytest.fixture(autouse=True)
def _fast_calibration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vault_module, "calibrate", KdfParams.fast_for_tests)


def _pw(tmp_path: Path, text: str, name: str) -> str:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def test_hr_adds_lists_resets_and_removes_users(org: Org, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    hr = ["--passphrase-file", _pw(tmp_path, HR_PW, "hr.txt")]
    new = ["--new-passphrase-file", _pw(tmp_path, "kelley's long passphrase", "new.txt")]
    assert cli.main(["user", "add", str(org.path), "Kelley Spirea", "--role", "manager", *new, *hr]) == 0
    out = capsys.readouterr().out
    assert "Added Kelley Spirea (manager)" in out and "No team has this manager yet" in out
    assert cli.main(["user", "list", str(org.path), "--json", *hr]) == 0
    listed = {u["name"]: u for u in json.loads(capsys.readouterr().out)}
    assert listed["Amy Dunn"] == {"name": "Amy Dunn", "role": "manager", "teams": ["Amy Dunn"]}
    assert listed["Dana HR"]["role"] == "HR" and listed["Ada Auditor"]["role"] == "auditor"
    assert cli.main(["user", "reset", str(org.path), "Amy Dunn", *new, *hr]) == 0
    assert "old one no longer opens" in capsys.readouterr().out
    amy_new = ["--passphrase-file", str(tmp_path / "new.txt"), "--user", "Amy Dunn"]
    assert cli.main(["employees", str(org.path), "list", "--json", *amy_new]) == 0
    assert {str(e["employee_id"]) for e in json.loads(capsys.readouterr().out)} == org.names("Amy Dunn")
    assert cli.main(["user", "remove", str(org.path), "Amy Dunn", *hr]) == 0
    assert "every key they held was replaced" in capsys.readouterr().out
    assert cli.main(["employees", str(org.path), "list", *amy_new]) == 2
    assert "no user called 'Amy Dunn'" in capsys.readouterr().err
    assert cli.main(["user", "remove", str(org.path), "Dana HR", *hr]) == 2
    assert "last HR user" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [
    ["user", "add", "{vault}", "Mallory", "--role", "hr"],
    ["user", "list", "{vault}"],
    ["import", "{vault}", "{csv}"],
    ["export", "{vault}", "--employee", "10026", "--out", "{out}"],
    ["audit", "{vault}"],
    ["backup", "{vault}"],
])
def test_a_manager_running_an_hr_only_command_is_refused_and_logged(
    org: Org, tmp_path: Path, capsys: pytest.CaptureFixture, argv: list[str]
) -> None:
    before = tmp_path / "before.hrdesk"
    shutil.copy(org.path, before)
    amy = ["--passphrase-file", _pw(tmp_path, AMY_PW, "amy.txt"), "--user", "amy dunn"]
    (tmp_path / "out").mkdir()  # an export's --out must exist; the refusal is that Amy is not HR
    args = [a.format(vault=org.path, csv=org.csv, out=tmp_path / "out") for a in argv]
    assert cli.main([*args, *amy]) == 2
    err = capsys.readouterr().err
    assert "Only HR can" in err and "Amy Dunn (manager)" in err and "Nothing was changed" in err
    assert not any((tmp_path / "out").iterdir())
    with Session.open(org.path, HR_PW) as hr:
        refused = [e for e in hr.vault.audit_entries() if e.action == "access.refused"]
        assert [(e.actor, e.details["attempted"]) for e in refused] == [("Amy Dunn", " ".join(argv[:2]) if argv[0] == "user" else argv[0])]
        assert len(hr.records().employees.list()) == len(org.rows)
        assert {u.name for u in hr.users()} == {"Dana HR", "Amy Dunn", "Brannon Miller", "Ada Auditor"}
