"""``hrdesk verify`` pointed at a folder: says it is a folder, not that nothing is there."""

from __future__ import annotations

from pathlib import Path

from hrdesk.cli import main


def test_verify_on_a_folder_says_it_is_a_folder(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("HRDESK_PASSPHRASE", "any passphrase at all, never used")
    code = main(["verify", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "is a folder" in err and "no vault at" not in err and "hit a bug" not in err
