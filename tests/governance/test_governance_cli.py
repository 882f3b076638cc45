"""``hrdesk governance``: a script walks all six steps on the demo vault and on the real HRDataset."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from hrdesk import cli
from hrdesk.vault import KdfParams
from hrdesk.vault import vault as vault_module
from tests.governance.helpers import EXAMPLES, step1_from_show
from tests.letters.helpers import DATA

PASSPHRASE = "correct horse battery staple lantern"


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vault_module, "calibrate", KdfParams.fast_for_tests)
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE)


def _run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def _walk(vault: Path, signer: str, tmp_path: Path, capsys: pytest.CaptureFixture, *, step1: Path | None = None) -> None:
    assert _run(capsys, "audit", vault)[0] == 0
    code, out, err = _run(capsys, "governance", vault, "complete", 2, "--answers", EXAMPLES / "step-2.json",
                          "--signed-by", signer)
    assert code == 2 and "Step 2 (Decision register) cannot be completed yet: step 1 (Audit the data) is not signed" in err
    if step1 is None:  # build step 1's answers from 'show 1 --json', as the README says a script does
        code, out, _ = _run(capsys, "governance", vault, "show", 1, "--json")
        assert code == 0
        shown = json.loads(out)
        assert shown["now"]["current"] and all(f["id"] for f in shown["now"]["findings"])
        step1 = tmp_path / "step-1.json"
        step1.write_text(json.dumps(step1_from_show(shown)), encoding="utf-8")
    for number in range(1, 7):
        if number == 5:
            code, out, err = _run(capsys, "governance", vault, "show", 5, "--json")
            lacking = json.loads(out)["now"]["lacking"]
            assert lacking and lacking[0]["state"] == "none"
            (tmp_path / "letters").mkdir(exist_ok=True)
            assert _run(capsys, "letters", vault, "disclosure", "--all", "--out", tmp_path / "letters")[0] == 0
            assert _run(capsys, "letters", vault, "delivered", "--all", "--channel", "email",
                        "--date", dt.date.today().isoformat())[0] == 0
        answers = step1 if number == 1 else EXAMPLES / f"step-{number}.json"
        code, out, err = _run(capsys, "governance", vault, "complete", number, "--answers", answers, "--signed-by", signer)
        assert code == 0, err
        assert f"Step {number} signed by {signer}" in out
    code, out, _ = _run(capsys, "governance", vault, "status", "--json")
    status = json.loads(out)
    assert status["live"] and [s["state"] for s in status["steps"]] == ["signed"] * 6
    code, out, _ = _run(capsys, "governance", vault, "status")
    assert out.startswith("AI suggestions: live")


def test_a_script_walks_all_six_steps_on_the_demo_vault_with_the_example_answers(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    vault = tmp_path / "demo.hrdesk"
    assert _run(capsys, "demo", vault)[0] == 0
    _walk(vault, "Demo HR", tmp_path, capsys, step1=EXAMPLES / "step-1.json")
    code, out, _ = _run(capsys, "governance", vault, "show", 4)
    assert "attested by HR" in out and "not trained" not in out


def test_a_script_walks_all_six_steps_on_the_real_hrdataset(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    vault = tmp_path / "org.hrdesk"
    assert _run(capsys, "init", vault, "--name", "Dental Magic", "--admin", "Dana HR")[0] == 0
    assert _run(capsys, "import", vault, DATA)[0] == 0
    _walk(vault, "Dana HR", tmp_path, capsys)
    code, out, _ = _run(capsys, "governance", vault, "show", 3)
    assert "Columns imports left out:" in out and "Salary" in out and "GDPR" in out
    # a changed retention period reopens step 3 and after; the status says so; unchanged answers re-sign in one go
    from hrdesk.session import Session

    with Session.open(vault, PASSPHRASE) as session:
        session.set_retention({"checkins": 6, "feedback": 36, "goals": 36, "ratings": 60, "leavers": 24})
    code, out, _ = _run(capsys, "governance", vault, "status")
    assert "AI suggestions: locked: governance step 3 reopened: Changed the retention periods on" in out
    assert "[reopened] Step 3" in out and "[  locked] Step 4" in out
    code, out, err = _run(capsys, "governance", vault, "complete", 4, "--same-answers", "--signed-by", "Dana HR")
    assert code == 2 and "step 3 reopened: Changed the retention periods" in err
    for number in (3, 4):
        code, out, err = _run(capsys, "governance", vault, "complete", number, "--same-answers", "--signed-by", "Dana HR")
        assert code == 0, err
    code, out, err = _run(capsys, "governance", vault, "complete", 5, "--same-answers", "--signed-by", "Dana HR")
    assert code == 2 and "lack a current AI-use disclosure" in err  # the retention change made every letter stale


def test_bad_requests_exit_2_with_the_reason(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    vault = tmp_path / "org.hrdesk"
    assert _run(capsys, "init", vault, "--name", "Acme", "--admin", "Dana HR")[0] == 0
    broken = tmp_path / "broken.json"
    broken.write_text('{"decisions": [', encoding="utf-8")
    cases = [
        (["complete", 1, "--answers", broken, "--signed-by", "Dana HR"], "is not valid JSON"),
        (["complete", 1, "--answers", tmp_path / "nope.json", "--signed-by", "Dana HR"], "does not exist"),
        (["complete", 1, "--answers", EXAMPLES / "step-1.json"], "--signed-by NAME"),
        (["complete", 7, "--answers", EXAMPLES / "step-1.json", "--signed-by", "Dana HR"], "'7' is not a governance step"),
        (["show"], "Say which step"),
        (["complete", 1, "--answers", EXAMPLES / "step-1.json", "--signed-by", "Dana HR"], "needs a saved audit run"),
        (["complete", 6, "--answers", EXAMPLES / "step-6.json", "--signed-by", "Dana HR"],
         "Step 6 (Go live with monitoring) cannot be completed yet"),
    ]
    for argv, words in cases:
        code, out, err = _run(capsys, "governance", vault, *argv)
        assert code == 2 and words in err, (argv, err)
        assert "Traceback" not in err
