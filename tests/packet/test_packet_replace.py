"""An audit packet is evidence: an existing file is never replaced unless the user says so (--replace).

Found by review: ``hrdesk packet VAULT --out FILE.pdf`` silently replaced an existing file, so a second export
on the same day overwrote the packet already given to an auditor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk import cli
from hrdesk.session import Session
from tests.packet.conftest import PASSPHRASE


def _run(capsys: pytest.CaptureFixture, *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def _exports(vault: Path) -> int:
    with Session.open(vault, PASSPHRASE) as hr:
        return sum(e.action == "packet.exported" for e in hr.vault.audit_entries())


def test_an_existing_packet_is_kept_unless_replace_is_given(packet_vault: Path, tmp_path: Path, capsys,
                                                            monkeypatch) -> None:
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "packet.pdf"
    out.write_bytes(b"%PDF the packet the auditor already holds")
    before = _exports(packet_vault)

    code, stdout, err = _run(capsys, "packet", packet_vault, "--out", out)
    assert code == 2, err
    assert "hit a bug" not in err and "Traceback" not in err
    assert f"'{out}' already exists" in err and "--replace" in err and "nothing was written" in err.lower()
    assert out.read_bytes() == b"%PDF the packet the auditor already holds"
    assert not list(tmp_path.glob("*.partial")) and not stdout
    assert _exports(packet_vault) == before  # refused before any work: nothing built, nothing logged

    code, stdout, err = _run(capsys, "packet", packet_vault, "--out", out, "--replace")
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF-") and "Replaced the earlier file" in stdout
    code, verified, _ = _run(capsys, "verify", out)
    assert code == 0, verified
    with Session.open(packet_vault, PASSPHRASE) as hr:
        last = hr.vault.audit_entries()[-1]
    assert last.action == "packet.exported" and last.details["replaced"] is True


def test_replace_is_in_the_help(capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main(["packet", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--replace" in text and "never replaced" in text


def test_a_file_appearing_while_the_packet_is_built_is_not_replaced(tmp_path: Path) -> None:
    """The last step refuses too (a second export finishing first): the packet is written beside it, never over it."""
    from hrdesk.errors import InvalidInputError
    from hrdesk.packet.build import _write_atomically

    target = tmp_path / "packet.pdf"
    target.write_bytes(b"first")
    with pytest.raises(InvalidInputError, match="already exists"):
        _write_atomically(target, b"second", replace=False)
    assert target.read_bytes() == b"first" and sorted(p.name for p in tmp_path.iterdir()) == ["packet.pdf"]
    _write_atomically(target, b"second", replace=True)
    assert target.read_bytes() == b"second"
    fresh = tmp_path / "fresh.pdf"
    _write_atomically(fresh, b"new", replace=False)
    assert fresh.read_bytes() == b"new" and sorted(p.name for p in tmp_path.iterdir()) == ["fresh.pdf", "packet.pdf"]
