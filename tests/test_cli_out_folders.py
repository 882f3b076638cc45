"""Every command that writes files into a folder refuses a missing (mistyped) one the same way.

Found on a second look: ``letters``, ``contest letter`` and ``packet`` refused a missing --out folder (exit 2,
nothing written), while ``export --out`` and ``audit --csv`` still created it, so a data-access export full of
personal data could land in a folder nobody meant. Now all of them say "The folder ... does not exist" and
"Create it first", exit 2, and write nothing (no folder, no file, nothing in the audit log).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk.cli import main
from hrdesk.vault import Vault
from tests.test_cli_errors import PW, imported_vault


@pytest.fixture
def vault_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hr_dataset: Path) -> Path:
    return imported_vault(tmp_path, monkeypatch, hr_dataset)


def _actions(vault_file: Path) -> list[str]:
    with Vault.open(vault_file, PW) as vault:
        return [e.action for e in vault.audit_entries()]


@pytest.mark.parametrize("argv, option", [
    (["export", "{vault}", "--employee", "10026", "--out", "{out}"], "--out"),
    (["audit", "{vault}", "--csv", "{out}"], "--csv"),
])
def test_a_missing_folder_is_refused_not_created(vault_file: Path, tmp_path: Path, capsys, argv, option) -> None:
    missing = tmp_path / "dsra" / "2026"  # a typo
    before = _actions(vault_file)
    capsys.readouterr()
    assert main([a.format(vault=vault_file, out=missing) for a in argv]) == 2
    err = capsys.readouterr().err
    assert f"The folder '{missing}' does not exist" in err and f"Create it first, or choose another {option} DIR" in err
    assert "nothing was written" in err and "Traceback" not in err
    assert not (tmp_path / "dsra").exists()
    assert _actions(vault_file) == before  # nothing audited, exported or logged


def test_the_packet_says_it_the_same_way(vault_file: Path, tmp_path: Path, capsys) -> None:
    missing = tmp_path / "pakcets" / "q4.pdf"
    assert main(["packet", str(vault_file), "--out", str(missing)]) == 2
    err = capsys.readouterr().err
    assert f"The folder '{missing.parent}' does not exist" in err and "Create it first" in err
    assert "nothing was written" in err and not missing.parent.exists()


@pytest.mark.parametrize("argv, option", [
    (["export", "{vault}", "--employee", "10026", "--out", "{out}"], "--out"),
    (["audit", "{vault}", "--csv", "{out}"], "--csv"),
])
def test_a_file_given_as_the_folder_says_so(vault_file: Path, tmp_path: Path, capsys, argv, option) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("x")
    capsys.readouterr()
    assert main([a.format(vault=vault_file, out=afile) for a in argv]) == 2
    err = capsys.readouterr().err
    assert f"'{afile}' is a file, not a folder" in err and f"({option} DIR)" in err
    assert afile.read_text() == "x"


def test_an_existing_folder_still_works(vault_file: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "dsar").mkdir()
    (tmp_path / "tables").mkdir()
    assert main(["export", str(vault_file), "--employee", "10026", "--out", str(tmp_path / "dsar")]) == 0
    assert (tmp_path / "dsar" / "employee.json").is_file()
    assert main(["audit", str(vault_file), "--csv", str(tmp_path / "tables")]) == 0
    assert list((tmp_path / "tables").glob("*.csv"))


def test_help_says_the_folder_must_exist(capsys) -> None:
    for command in ("export", "audit", "letters", "packet"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert "created if needed" not in text, command
        assert "existing folder" in text, command
