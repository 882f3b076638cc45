"""where `hrdesk passwd` takes the *new* passphrase from."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

import pytest

from hrdesk import cli
from hrdesk.errors import WrongPassphraseError
from hrdesk.vault import KdfParams, Vault


class _Tty:
    def isatty(self) -> bool:
        return True


def test_passwd_at_a_terminal_does_not_reuse_HRDESK_PASSPHRASE_as_the_new_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """HRDESK_PASSPHRASE (the *current* one) is exported; the user runs `hrdesk passwd` at a
    terminal to rotate it. read_new_passphrase sees HRDESK_PASSPHRASE and returns it without
    prompting: the 'new' passphrase is the old one, and it prints 'Passphrase changed.'"""
    path = tmp_path / "p.hrdesk"
    v, _ = Vault.create(path, org_name="P", admin_name="HR", passphrase="old secret", kdf=KdfParams.fast_for_tests())
    v.close(backup=False)
    monkeypatch.setenv("HRDESK_PASSPHRASE", "old secret")
    monkeypatch.delenv("HRDESK_NEW_PASSPHRASE", raising=False)
    monkeypatch.setattr(sys, "stdin", _Tty())
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return "brand new secret"

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    assert cli.main(["passwd", str(path)]) == 0
    assert "Passphrase changed" in capsys.readouterr().out
    assert prompts, "the new passphrase was never asked for"
    with pytest.raises(WrongPassphraseError):
        Vault.open(path, "old secret").close(backup=False)
