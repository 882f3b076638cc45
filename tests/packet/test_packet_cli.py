"""``hrdesk packet``: HR writes the packet with progress on stderr; a manager or an auditor is refused with exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk import cli
from hrdesk.session import Session
from hrdesk.vault import KdfParams
from tests.packet.conftest import PASSPHRASE

MANAGER_PW = "manager-passphrase-for-packet-tests"
AUDITOR_PW = "auditor-passphrase-for-packet-tests"


def _run(capsys: pytest.CaptureFixture, *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_hr_writes_the_packet_with_progress_on_stderr(packet_vault: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "packet.pdf"
    code, stdout, stderr = _run(capsys, "packet", packet_vault, "--out", out, "--from", "2020-01-01")
    assert code == 0, stderr
    assert out.read_bytes().startswith(b"%PDF") and f"Wrote the audit packet {out}" in stdout
    assert "Employees are pseudonymised." in stdout
    assert "Reading the vault" in stderr and "Laying out the pages" in stderr and "Signing and writing" in stderr
    assert "signed, key fingerprint" in stdout
    code, stdout, _stderr = _run(capsys, "verify", out)
    assert code == 0, stdout


@pytest.mark.parametrize("role,name,pw", [("manager", "Packet Manager", MANAGER_PW), ("auditor", "Ada Auditor", AUDITOR_PW)])
def test_a_manager_or_auditor_is_refused_with_exit_2_and_nothing_written(
        packet_vault: Path, tmp_path: Path, capsys, monkeypatch, role: str, name: str, pw: str) -> None:
    with Session.open(packet_vault, PASSPHRASE) as hr:
        manager = hr.records().teams.list()[0].manager_name
        hr.add_user(name, role, pw, manager_name=manager if role == "manager" else "", kdf=KdfParams.fast_for_tests())
    monkeypatch.setenv("HRDESK_PASSPHRASE", pw)
    out = tmp_path / "packet.pdf"
    code, _stdout, stderr = _run(capsys, "packet", packet_vault, "--out", out, "--user", name)
    assert code == 2 and "Traceback" not in stderr
    assert "export the audit packet" in stderr or "hrdesk packet" in stderr, stderr
    assert not out.exists() and not list(tmp_path.glob("*.partial"))
    with Session.open(packet_vault, PASSPHRASE) as hr:
        last = hr.vault.audit_entries()[-1]
    assert last.action == "access.refused" and last.actor == name


def test_bad_input_gets_a_message_not_a_traceback(packet_vault: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE)
    code, _o, err = _run(capsys, "packet", packet_vault, "--out", tmp_path / "packet.txt")
    assert code == 2 and "does not end in .pdf" in err
    code, _o, err = _run(capsys, "packet", packet_vault, "--out", tmp_path / "missing" / "p.pdf")
    assert code == 2 and "does not exist" in err
    code, _o, err = _run(capsys, "packet", packet_vault, "--out", tmp_path / "p.pdf", "--from", "2026-05-01",
                         "--to", "2026-01-01")
    assert code == 2 and "starts (2026-05-01) after it ends" in err
    assert not list(tmp_path.glob("*.pdf"))
