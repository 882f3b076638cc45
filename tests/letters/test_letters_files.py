"""Letter file names: one per person (and per case), never over an earlier letter.

Found by review: two people with the same name got the same file name, so the second one's letter could not be
written beside the first (or, in one batch, got "(2)" with nothing saying which person it was for). Now the name
holds the person's HRIS id, and a contest's letters the case number.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hrdesk.cli import main
from tests.letters.helpers import pdf_text


def test_same_name_people_get_their_own_files_and_nothing_is_overwritten(twins_vault: Path, tmp_path: Path,
                                                                         capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    v = str(twins_vault)
    assert main(["letters", v, "disclosure", "--employee", "1001", "--out", str(out)]) == 0
    first = out / "AI-use disclosure - Smith, John (id 1001).pdf"
    assert first.is_file(), sorted(p.name for p in out.iterdir())
    before = first.read_bytes()
    assert main(["letters", v, "disclosure", "--employee", "1002", "--out", str(out)]) == 0  # a later run, same folder
    second = out / "AI-use disclosure - Smith, John (id 1002).pdf"
    assert second.is_file() and first.read_bytes() == before
    capsys.readouterr()
    assert main(["letters", v, "disclosure", "--employee", "1001", "--out", str(out)]) == 2  # never over the first
    assert "already holds" in capsys.readouterr().err and first.read_bytes() == before
    both = tmp_path / "both"
    both.mkdir()
    assert main(["letters", v, "disclosure", "--all", "--out", str(both)]) == 0
    assert sorted(p.name for p in both.iterdir()) == ["AI-use disclosure - Ng, Ann (id 1003).pdf",
                                                     "AI-use disclosure - Smith, John (id 1001).pdf",
                                                     "AI-use disclosure - Smith, John (id 1002).pdf"]


def test_each_contest_of_one_person_has_its_own_letter_file(twins_vault: Path, tmp_path: Path, capsys) -> None:
    v, out = str(twins_vault), tmp_path / "contests"
    out.mkdir()
    for subject in ("the rating", "the retention flag"):
        assert main(["contest", v, "add", "--employee", "1001", "--about", "decision", "--subject", subject,
                     "--reason", "I disagree.", "--reviewer", "Dana HR",
                     "--received", (dt.date.today() - dt.timedelta(days=1)).isoformat()]) == 0
    for case in ("C-0001", "C-0002"):
        assert main(["contest", v, "letter", case, "--out", str(out)]) == 0, capsys.readouterr().err
    names = sorted(p.name for p in out.iterdir())
    assert names == ["Contest acknowledgement - C-0001 - Smith, John (id 1001).pdf",
                     "Contest acknowledgement - C-0002 - Smith, John (id 1001).pdf"], names
    assert "the retention flag" in pdf_text(out / names[1])
