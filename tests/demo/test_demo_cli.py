"""``hrdesk demo``: arguments, errors, and a cheap import."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from hrdesk.commands import demo_cmd
from hrdesk.errors import InvalidInputError
from hrdesk.vault import KdfParams, Vault


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="hrdesk")
    demo_cmd.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(["demo", *argv])


def test_arguments():
    args = _parse(["x.hrdesk", "--employees", "120", "--seed", "4", "--passphrase-file", "pw.txt"])
    assert (args.vault, args.employees, args.seed, args.passphrase_file) == (Path("x.hrdesk"), 120, 4, Path("pw.txt"))
    defaults = _parse(["x.hrdesk"])
    assert defaults.employees is None and defaults.seed is None


def test_creates_a_vault_that_opens_with_the_given_passphrase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.setattr("hrdesk.vault.vault.calibrate", KdfParams.fast_for_tests)
    secret = tmp_path / "secret" / "pw.txt"
    secret.parent.mkdir()
    secret.write_text("a demo passphrase\n", encoding="utf-8")
    vault_path = tmp_path / "vaults" / "demo.hrdesk"
    vault_path.parent.mkdir()
    args = _parse([str(vault_path), "--employees", "40", "--seed", "3", "--passphrase-file", str(secret)])
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    assert "RECOVERY KEY" in out and "40 people" in out
    with Vault.open(vault_path, "a demo passphrase") as vault:
        assert vault.count("employees") == 40


def test_refuses_an_existing_file_before_asking_anything(tmp_path: Path):
    existing = tmp_path / "demo.hrdesk"
    existing.write_bytes(b"keep me")
    args = _parse([str(existing)])
    with pytest.raises(InvalidInputError, match="already exists"):
        args.handler(args)
    assert existing.read_bytes() == b"keep me"


def test_refuses_a_silly_size(tmp_path: Path):
    args = _parse([str(tmp_path / "d.hrdesk"), "--employees", "3"])
    with pytest.raises(InvalidInputError, match="--employees"):
        args.handler(args)
    assert not (tmp_path / "d.hrdesk").exists()


def test_registering_the_command_does_not_load_the_generator():
    code = (
        "import sys, argparse\n"
        "from hrdesk.commands import demo_cmd\n"
        "demo_cmd.register(argparse.ArgumentParser().add_subparsers())\n"
        "assert not any(m == 'hrdesk.demo' or m.startswith('hrdesk.demo.') for m in sys.modules), 'generator loaded'\n"
        "assert 'PySide6' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_demo_package_never_imports_qt():
    code = "import sys, hrdesk.demo, hrdesk.demo.build\nassert 'PySide6' not in sys.modules\n"
    subprocess.run([sys.executable, "-c", code], check=True)
