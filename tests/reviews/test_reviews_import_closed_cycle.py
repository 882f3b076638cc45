"""Reviews imported into a cycle HR closed in the app are refused, naming the cycle; nothing is written.

Found by review (last session's closing notes): the importer added ratings to a cycle HR had closed, so a closed,
read-only cycle changed after the fact. Cycles the import brought in itself (history) and new ones still import.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk.cli import main
from hrdesk.errors import CycleClosedError
from hrdesk.importing import import_file
from hrdesk.records import Records
from tests.letters.helpers import PASSPHRASE, new_session

PEOPLE = "Employee ID,Name,Manager\n1,\"Lee, Ann\",Bo Chan\n2,\"Chan, Bo\",Board\n"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _reviews(folder: Path, cycle: str) -> Path:
    return _write(folder, "reviews.csv", "EmpID,Review Cycle,Review Date,Rating\n"
                  "1,2024 H1,06/30/2024,Exceeds\n"
                  f"2,{cycle},11/02/2026,Fully Meets\n")


def test_reviews_for_a_cycle_hr_closed_are_refused_naming_it(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    try:
        session.perform(lambda vault: import_file(vault, _write(tmp_path, "people.csv", PEOPLE)))
        session.open_review_cycle("2026 Annual")
        session.close_review_cycle("2026 Annual")
        before = session.vault.audit_entries()[-1].seq
        with pytest.raises(CycleClosedError) as refused:
            session.perform(lambda vault: import_file(vault, _reviews(tmp_path, " 2026  annual"), kind="reviews"))
        assert "'2026 Annual'" in refused.value.message and "closed" in refused.value.message
        assert "1 row" in refused.value.message and "Nothing was imported" in refused.value.hint
        counts = session.read(lambda vault: Records(vault).counts())
        assert (counts.ratings, counts.review_cycles) == (0, 1)  # all or nothing: not even the 2024 row
        assert session.vault.audit_entries()[-1].seq == before

        report = session.perform(lambda vault: import_file(vault, _reviews(tmp_path, "2026 H2"), kind="reviews"))
        assert report.result.added == 2  # history and a new cycle import as before
        again = session.perform(lambda vault: import_file(vault, _reviews(tmp_path, "2026 H2"), kind="reviews"))
        assert again.result.unchanged == 2  # a cycle the import brought in is history, not closed by HR
    finally:
        session.close(backup=False)


def test_the_command_line_says_which_cycle_and_exits_2(tmp_path: Path, capsys, monkeypatch) -> None:
    session = new_session(tmp_path)
    session.perform(lambda vault: import_file(vault, _write(tmp_path, "people.csv", PEOPLE)))
    session.open_review_cycle("2026 Annual")
    session.close_review_cycle("2026 Annual")
    session.close(backup=False)
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE)
    code = main(["import", str(tmp_path / "org.hrdesk"), str(_reviews(tmp_path, "2026 Annual")), "--kind", "reviews"])
    err = capsys.readouterr().err
    assert code == 2 and "hit a bug" not in err and "Traceback" not in err
    assert "'2026 Annual'" in err and "closed" in err
