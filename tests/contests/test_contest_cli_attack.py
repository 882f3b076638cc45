"""``hrdesk contest`` given careless input: a clear message and exit 2, nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk.contests.model import Outcome
from hrdesk.session import Session
from tests.contests.helpers import KARA
from tests.contests.test_contests_letters_cli import run, vault_file  # noqa: F401  (the fixture)
from tests.letters.helpers import PASSPHRASE


def test_a_mistyped_field_in_set_is_refused_not_written_into_the_record(vault_file: Path, capsys) -> None:  # noqa: F811
    v = str(vault_file)
    code, _out, err = run(capsys, v, "add", "--employee", KARA, "--about", "data", "--ref", "position",
                          "--subject", "my job title", "--reason", "I was promoted in March.",
                          "--reviewer", "Priya Shah")
    assert code == 0, err
    with Session.open(vault_file, PASSPHRASE) as session:
        before = session.records().employees.require(KARA).position
    code, _out, err = run(capsys, v, "resolve", "C-0001", "--outcome", "upheld", "--reasons", "The letter shows it.",
                          "--set", "postion=Production Technician II")
    assert code == 2, err
    assert "postion" in err and "position" in err and "hit a bug" not in err
    with Session.open(vault_file, PASSPHRASE) as session:
        assert session.records().employees.require(KARA).position == before
        [contest] = session.contests()
        assert contest.outcome is Outcome.OPEN  # still open: it can be resolved again with the right field


def test_a_date_not_written_yyyy_mm_dd_is_refused_and_no_case_is_opened(vault_file: Path, capsys) -> None:  # noqa: F811
    """Python would read 20261101 as a date; the help says YYYY-MM-DD, and a slip must not open a case."""
    with pytest.raises(SystemExit) as exited:  # argparse refuses it, as every malformed argument
        run(capsys, str(vault_file), "add", "--employee", KARA, "--about", "data", "--ref", "position",
            "--subject", "my job title", "--reason", "I was promoted in March.", "--received", "20261101")
    err = capsys.readouterr().err
    assert exited.value.code == 2, err
    assert "20261101" in err and "YYYY-MM-DD" in err and "hit a bug" not in err
    with Session.open(vault_file, PASSPHRASE) as session:
        assert session.contests() == []
