"""``hrdesk letters``: write, mark delivered, status; known problems exit 2 with a sentence."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from hrdesk.cli import main
from tests.letters.helpers import DATA, PASSPHRASE, import_csv, new_session, pdf_text


@pytest.fixture
def vault_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    session = new_session(tmp_path)
    import_csv(session, DATA)
    session.close(backup=False)
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE)
    return tmp_path / "org.hrdesk"


def test_write_deliver_and_status(vault_file: Path, tmp_path: Path, capsys) -> None:
    v = str(vault_file)
    for folder in ("team", "m", "own"):
        (tmp_path / folder).mkdir()  # --out must exist (test_letters_files)
    assert main(["letters", v, "disclosure", "--team", "Simon Roup", "--out", str(tmp_path / "team")]) == 0
    written = sorted((tmp_path / "team").glob("*.pdf"))
    assert written and "Simon Roup" in pdf_text(written[0])
    assert main(["letters", v, "disclosure", "--employee", "10026", "--employee", "10304", "--out", str(tmp_path / "m"),
                 "--merged"]) == 0
    assert len(list((tmp_path / "m").glob("*.pdf"))) == 1
    today = dt.date.today().isoformat()
    assert main(["letters", v, "delivered", "--employee", "10026", "--channel", "paper", "--date", today]) == 0
    capsys.readouterr()
    assert main(["letters", v, "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["current"] == len(written) + 2 and status["none"] == 207 - status["current"] and status["stale"] == 0
    wilson = next(p for p in status["people"] if p["employee_id"] == "10026")
    assert (wilson["state"], wilson["channel"], wilson["delivered_on"]) == ("current", "paper", today)
    assert main(["letters", v, "status"]) == 0
    assert "AI-use disclosures: " in capsys.readouterr().out
    assert main(["letters", v, "own-data", "--employee", "10026", "--out", str(tmp_path / "own")]) == 0


@pytest.mark.parametrize(("argv", "words"), [
    (["disclosure", "--all"], "--out DIR"),
    (["disclosure", "--all", "--team", "Simon Roup", "--out", "x"], "one way"),
    (["disclosure", "--team", "Nobody Here", "--out", "x"], "No team is managed by 'Nobody Here'"),
    (["disclosure", "--employee", "99999", "--out", "x"], "99999"),
    (["contest-ack", "--all", "--out", "x"], "written from a contest"),
    (["delivered", "--all", "--channel", "email", "--date", "2020-01-01"], "No AI-use disclosure letter has been generated"),
    (["delivered", "--employee", "10026"], "--channel"),
])
def test_known_problems_exit_2_with_a_sentence(vault_file: Path, tmp_path: Path, capsys, argv: list[str], words: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x").mkdir()  # an existing folder: the problem tested is the other one
    assert main(["letters", str(vault_file), *argv]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not (tmp_path / "x").exists() or not list((tmp_path / "x").iterdir())


def test_registering_the_command_imports_no_reportlab() -> None:
    code = "import sys; from hrdesk.commands import letters_cmd; assert 'reportlab' not in sys.modules; print('ok')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.strip() == "ok", done.stderr
