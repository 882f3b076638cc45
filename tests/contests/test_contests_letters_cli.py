"""``hrdesk contest``: a contest from intake to outcome with both letters (PDF text checked), overdue marked, refusals."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from hrdesk.cli import main
from hrdesk.contests.model import Outcome
from hrdesk.letters.log import letters
from hrdesk.session import Session
from hrdesk.vault import KdfParams
from tests.contests.helpers import KARA, MANAGER, RESPONSE_DAYS, add_reviewer, set_rights
from tests.governance.conftest import small_dataset
from tests.letters.helpers import PASSPHRASE, import_csv, new_session, pdf_text

TODAY = dt.date.today()
AMY_PW = "amy's own long passphrase"


@pytest.fixture
def vault_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    session = new_session(tmp_path)
    import_csv(session, small_dataset(tmp_path))
    set_rights(session)
    add_reviewer(session)
    session.add_user(MANAGER, "manager", AMY_PW, kdf=KdfParams.fast_for_tests())
    session.close(backup=False)
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE)
    return tmp_path / "org.hrdesk"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["contest", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_data_contest_from_intake_to_outcome_with_both_letters(vault_file: Path, tmp_path: Path, capsys) -> None:
    v = str(vault_file)
    received = TODAY - dt.timedelta(days=2)
    code, out, _ = run(capsys, v, "add", "--employee", KARA, "--about", "data", "--ref", "position",
                       "--subject", "the job title on my record", "--reason", "I was promoted to technician II in March.",
                       "--received", received.isoformat())
    due = received + dt.timedelta(days=RESPONSE_DAYS)
    assert code == 0 and "C-0001" in out and due.isoformat() in out
    code, out, err = run(capsys, v, "assign", "C-0001", "--reviewer", "Priya Shah")
    assert code == 0, err
    for folder in ("ack", "outcome", "both"):
        (tmp_path / folder).mkdir()  # --out must exist
    code, out, err = run(capsys, v, "letter", "C-0001", "--out", str(tmp_path / "ack"))
    assert code == 0, err
    [ack] = sorted((tmp_path / "ack").glob("*.pdf"))
    text = pdf_text(ack)
    assert "We have received your contest" in text and "C-0001" in text
    assert "the job title on my record" in text and "promoted to technician II" in text
    assert "reviewed by Priya Shah, who took no part" in text and due.isoformat() in text
    code, out, err = run(capsys, v, "resolve", "C-0001", "--outcome", "upheld",
                         "--reasons", "The promotion letter of March shows the new title.",
                         "--set", "Production Technician II")
    assert code == 0, err
    assert "Position corrected from Production Technician I to Production Technician II." in out
    code, out, err = run(capsys, v, "letter", "C-0001", "--which", "outcome", "--out", str(tmp_path / "outcome"))
    assert code == 0, err
    [done] = sorted((tmp_path / "outcome").glob("*.pdf"))
    text = pdf_text(done)
    assert "The outcome of your contest" in text and "Your contest was upheld. Priya Shah agreed with you." in text
    assert "The promotion letter of March shows the new title." in text
    assert "Position corrected from Production Technician I to Production Technician II." in text
    with Session.open(vault_file, PASSPHRASE) as session:
        assert session.records().employees.require(KARA).position == "Production Technician II"
        logged = [letter.kind for letter in session.read(letters)]
        assert logged == ["contest-ack", "contest-outcome"]
        [contest] = session.contests()
        assert contest.outcome is Outcome.UPHELD and contest.decided_on == TODAY
    code, out, err = run(capsys, v, "letter", "C-0001", "--out", str(tmp_path / "both"))
    assert code == 0, err
    assert len(list((tmp_path / "both").glob("*.pdf"))) == 2  # once decided, both letters by default


def test_list_marks_overdue_cases_in_words_and_json(vault_file: Path, capsys) -> None:
    v = str(vault_file)
    late = TODAY - dt.timedelta(days=RESPONSE_DAYS + 3)
    for received in (late, TODAY):
        assert run(capsys, v, "add", "--employee", KARA, "--about", "decision", "--subject", "the 2026 rating",
                   "--reason", "The rating ignores the spring project.", "--received", received.isoformat())[0] == 0
    code, out, _ = run(capsys, v, "list")
    assert code == 0
    assert "2 open (1 overdue)" in out
    late_line = next(line for line in out.splitlines() if "C-0001" in line)
    assert "OVERDUE by 3 days" in late_line and "Harrison, Kara" in late_line
    assert f"open, due in {RESPONSE_DAYS} days" in next(line for line in out.splitlines() if "C-0002" in line)
    code, out, _ = run(capsys, v, "list", "--json")
    listed = json.loads(out)
    assert (listed["open"], listed["overdue"]) == (2, 1)
    assert [(c["id"], c["overdue"], c["days_overdue"]) for c in listed["contests"]] == [("C-0001", True, 3),
                                                                                        ("C-0002", False, 0)]
    code, out, _ = run(capsys, v, "show", "c1")
    assert code == 0 and "Case:         C-0001" in out and "OVERDUE by 3 days" in out and "Decided by:   Amy Dunn" in out
    code, out, _ = run(capsys, v, "show", "C-0002", "--json")
    shown = json.loads(out)
    assert (shown["id"], shown["overdue"], shown["decided_by"]) == ("C-0002", False, MANAGER)


def test_the_deciding_manager_is_refused_as_reviewer(vault_file: Path, capsys) -> None:
    v = str(vault_file)
    run(capsys, v, "add", "--employee", KARA, "--about", "suggestion", "--subject", "the retention-risk flag",
        "--reason", "I am not planning to leave.")
    code, _, err = run(capsys, v, "assign", "C-0001", "--reviewer", MANAGER)
    assert code == 2 and "Amy Dunn made the decision this contest is about" in err and "Traceback" not in err


def test_a_manager_is_refused_and_nothing_changes(vault_file: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    v = str(vault_file)
    monkeypatch.setenv("HRDESK_PASSPHRASE", AMY_PW)
    code, _, err = run(capsys, v, "--user", MANAGER, "add", "--employee", KARA, "--about", "decision",
                       "--subject", "x", "--reason", "y")
    assert code == 2 and "HR" in err
    code, _, err = run(capsys, v, "--user", MANAGER, "list")
    assert code == 2
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE)
    with Session.open(vault_file, PASSPHRASE) as session:
        assert session.contests() == []


@pytest.mark.parametrize(("argv", "words"), [
    (["add", "--employee", KARA, "--about", "decision"], "--subject TEXT, --reason TEXT"),
    (["add", "--employee", "99999", "--about", "decision", "--subject", "s", "--reason", "r"], "99999"),
    (["add", "--employee", KARA, "--about", "data", "--ref", "salary", "--subject", "s", "--reason", "r"],
     "not a data item"),
    (["add", "--employee", KARA, "--about", "decision", "--subject", "s", "--reason", "r", "--due", "2999-01-01"],
     "later than the 15 days promised"),
    (["assign", "C-0009", "--reviewer", "Priya Shah"], "There is no contest C-0009"),
    (["assign", "C-0009"], "--reviewer NAME"),
    (["resolve", "C-0001", "--outcome", "maybe", "--reasons", "r"], "not a contest outcome"),
    (["resolve", "C-0001"], "--outcome"),
    (["letter", "C-0001"], "--out DIR"),
    (["show"], "Say which case"),
])
def test_bad_input_exits_2_with_a_sentence_and_writes_nothing(vault_file: Path, capsys, argv: list[str],
                                                              words: str) -> None:
    code, _, err = run(capsys, str(vault_file), *argv)
    assert code == 2 and words in err and "Traceback" not in err
    with Session.open(vault_file, PASSPHRASE) as session:
        assert session.contests() == []


def test_without_rights_add_asks_for_a_due_date(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    session = new_session(tmp_path)
    import_csv(session, small_dataset(tmp_path))
    session.close(backup=False)
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE)
    v = str(tmp_path / "org.hrdesk")
    base = ["add", "--employee", KARA, "--about", "decision", "--subject", "the rating", "--reason", "It ignores May."]
    code, _, err = run(capsys, v, *base)
    assert code == 2 and "governance step 3" in err and "--due" in err
    due = (TODAY + dt.timedelta(days=10)).isoformat()
    code, out, _ = run(capsys, v, *base, "--due", due)
    assert code == 0 and due in out


def test_an_open_case_has_no_outcome_letter_and_an_unassigned_one_no_acknowledgement(vault_file: Path, tmp_path: Path,
                                                                                     capsys) -> None:
    v = str(vault_file)
    run(capsys, v, "add", "--employee", KARA, "--about", "decision", "--subject", "the rating", "--reason", "It ignores May.")
    (tmp_path / "x").mkdir()
    code, _, err = run(capsys, v, "letter", "C-0001", "--out", str(tmp_path / "x"))
    assert code == 2 and "no reviewer yet" in err
    run(capsys, v, "assign", "C-0001", "--reviewer", "Priya Shah")
    code, _, err = run(capsys, v, "letter", "C-0001", "--which", "outcome", "--out", str(tmp_path / "x"))
    assert code == 2 and "still open" in err
    assert not list((tmp_path / "x").iterdir())
