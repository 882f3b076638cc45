"""The vault subcommands, as a user at a terminal or a script would run them."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hrdesk import cli
from hrdesk.vault import KdfParams, Vault
from hrdesk.vault import vault as vault_module

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _fast_calibration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vault_module, "calibrate", KdfParams.fast_for_tests)


def _pw_file(tmp_path: Path, text: str, name: str = "pw.txt") -> Path:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_init_shows_the_recovery_key_once_and_the_vault_opens(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    pw = _pw_file(tmp_path, "s3cret phrase")
    path = tmp_path / "org.hrdesk"
    assert cli.main(["init", str(path), "--name", "Acme", "--admin", "Dana", "--passphrase-file", str(pw)]) == 0
    out = capsys.readouterr().out
    assert "RECOVERY KEY" in out
    key = out.split("RECOVERY KEY")[1].splitlines()[1].strip()
    with Vault.open_with_recovery(path, key) as v:
        assert v.org_name == "Acme" and v.user.name == "Dana"


def test_verify_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    pw = _pw_file(tmp_path, "pw")
    path = tmp_path / "v.hrdesk"
    v, _ = Vault.create(path, org_name="V", admin_name="HR", passphrase="pw", kdf=KdfParams.fast_for_tests())
    v.ensure_table("employees")
    v.insert("employees", {"name": "A"})
    for i in range(3):
        v.audit("x", target=str(i))
    v.close(backup=False)
    assert cli.main(["verify", str(path), "--passphrase-file", str(pw)]) == 0
    assert "chain verified" in capsys.readouterr().out
    raw = sqlite3.connect(path)
    raw.execute("DELETE FROM audit_log WHERE seq=3")
    raw.commit()
    raw.close()
    assert cli.main(["verify", str(path), "--passphrase-file", str(pw)]) == 1
    assert "BROKEN at entry #3" in capsys.readouterr().out


def test_passwd_with_current_passphrase_and_with_recovery_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.hrdesk"
    v, recovery = Vault.create(path, org_name="P", admin_name="HR", passphrase="one", kdf=KdfParams.fast_for_tests())
    v.close(backup=False)
    monkeypatch.setenv("HRDESK_PASSPHRASE", "one")
    monkeypatch.setenv("HRDESK_NEW_PASSPHRASE", "lantern orbit maple fjord")
    assert cli.main(["passwd", str(path)]) == 0
    Vault.open(path, "lantern orbit maple fjord").close()
    key_file = _pw_file(tmp_path, recovery, "key.txt")
    monkeypatch.setenv("HRDESK_NEW_PASSPHRASE", "walrus quartz meadow piano")
    assert cli.main(["passwd", str(path), "--recovery", "--passphrase-file", str(key_file)]) == 0
    Vault.open(path, "walrus quartz meadow piano").close()


def test_backup_and_restore_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "b.hrdesk"
    v, _ = Vault.create(path, org_name="B", admin_name="HR", passphrase="pw", kdf=KdfParams.fast_for_tests())
    v.close(backup=False)
    monkeypatch.setenv("HRDESK_PASSPHRASE", "pw")
    assert cli.main(["backup", str(path)]) == 0
    assert cli.main(["backup", str(path), "--list"]) == 0
    assert "b.backups" in capsys.readouterr().out
    assert cli.main(["restore", str(path)]) == 0
    assert "Restored" in capsys.readouterr().out


def test_known_errors_print_a_message_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "e.hrdesk"
    v, _ = Vault.create(path, org_name="E", admin_name="HR", passphrase="right", kdf=KdfParams.fast_for_tests())
    v.close(backup=False)
    env = dict(os.environ, HRDESK_PASSPHRASE="wrong", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "hrdesk", "verify", str(path)], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 2
    assert "passphrase does not open this vault" in result.stderr
    assert "Traceback" not in result.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "hrdesk", "info", str(tmp_path / "nope.hrdesk")],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert missing.returncode == 2 and "no vault at" in missing.stderr and "Traceback" not in missing.stderr


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture) -> None:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in sub.choices:
        with pytest.raises(SystemExit) as exit_:
            cli.main([name, "--help"])
        assert exit_.value.code == 0
        assert "usage: hrdesk" in capsys.readouterr().out
