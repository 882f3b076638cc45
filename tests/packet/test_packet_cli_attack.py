"""``hrdesk packet`` given a careless --out: a clear message and exit 2, never "hrdesk hit a bug"."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk import cli
from tests.packet.conftest import PASSPHRASE


def test_out_that_is_a_folder_named_like_a_pdf_is_refused_before_any_work(packet_vault: Path, tmp_path: Path,
                                                                          capsys, monkeypatch) -> None:
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE)
    folder = tmp_path / "packet.pdf"
    folder.mkdir()
    code = cli.main(["packet", str(packet_vault), "--out", str(folder)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "hit a bug" not in err and "is a folder" in err
    assert folder.is_dir() and not list(folder.iterdir()) and not list(tmp_path.glob("*.partial"))


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a folder nobody can create files in (Linux /proc)")
def test_a_folder_that_cannot_take_new_files_is_refused_plainly(packet_vault: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE)
    code = cli.main(["packet", str(packet_vault), "--out", "/proc/packet.pdf"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "hit a bug" not in err and "Cannot write the packet" in err and "/proc/packet.pdf" in err
