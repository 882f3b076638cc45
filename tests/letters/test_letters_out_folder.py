"""``letters --out DIR`` and ``contest letter --out DIR`` write into an existing folder only.

Found by review: both created a missing (mistyped) folder silently, so letters full of personal data landed
where nobody meant. Now a missing folder is refused (exit 2, nothing written, nothing logged), as the packet's
--out is.
"""

from __future__ import annotations

from pathlib import Path

from hrdesk.cli import main
from hrdesk.letters.log import letters
from hrdesk.session import Session
from tests.letters.helpers import PASSPHRASE


def _logged(vault: Path) -> int:
    with Session.open(vault, PASSPHRASE) as session:
        return len(session.read(letters))


def test_a_missing_out_folder_is_refused_not_created(twins_vault: Path, tmp_path: Path, capsys) -> None:
    missing = tmp_path / "leters" / "2026"  # a typo: letters must not land in a folder nobody meant
    assert main(["letters", str(twins_vault), "disclosure", "--all", "--out", str(missing)]) == 2
    err = capsys.readouterr().err
    assert f"The folder '{missing}' does not exist" in err and "Create it first" in err and "Traceback" not in err
    assert main(["contest", str(twins_vault), "add", "--employee", "1003", "--about", "decision", "--subject",
                 "the rating", "--reason", "I disagree.", "--reviewer", "Dana HR"]) == 0
    capsys.readouterr()
    assert main(["contest", str(twins_vault), "letter", "C-0001", "--out", str(missing)]) == 2
    err = capsys.readouterr().err
    assert f"The folder '{missing}' does not exist" in err and "Traceback" not in err
    assert not (tmp_path / "leters").exists() and _logged(twins_vault) == 0
    afile = tmp_path / "notes.txt"
    afile.write_text("x")
    assert main(["letters", str(twins_vault), "disclosure", "--all", "--out", str(afile)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
