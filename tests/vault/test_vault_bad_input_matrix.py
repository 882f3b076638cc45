"""Bad input to the vault commands is refused with a message and exit 2, never a traceback, and the
vault is left as it was. The count of cases is the README's bad-input figure."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from hrdesk import cli
from hrdesk.vault import KdfParams, Vault
from hrdesk.vault import vault as vault_module

PW = "correct horse battery staple 7"


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vault_module, "calibrate", KdfParams.fast_for_tests)


def _vault(tmp: Path) -> Path:
    path = tmp / "org.hrdesk"
    v, _ = Vault.create(path, org_name="Org", admin_name="HR", passphrase=PW, kdf=KdfParams.fast_for_tests())
    v.close(backup=False)
    return path


def _pw(tmp: Path, text: str = PW) -> str:
    f = tmp / "pw.txt"
    f.write_text(text + "\n" if text else "")
    return str(f)


def _file(tmp: Path, data: bytes) -> str:
    f = tmp / "thing.hrdesk"
    f.write_bytes(data)
    return str(f)


def _sql(path: Path, statement: str) -> str:
    conn = sqlite3.connect(path)
    conn.execute(statement)
    conn.commit()
    conn.close()  # closing checkpoints: the file on disk is final before the command runs
    return str(path)


def _plain_sqlite(tmp: Path) -> str:
    return _sql(tmp / "plain.hrdesk", "CREATE TABLE t (x)")


def _newer(tmp: Path) -> str:
    return _sql(_vault(tmp), "UPDATE hrdesk_header SET value='99' WHERE key='schema_version'")


def _truncated(tmp: Path) -> str:
    path = _vault(tmp)
    path.write_bytes(path.read_bytes()[:3000])
    return str(path)


CASES: dict[str, Callable[[Path], list[str]]] = {
    "wrong passphrase": lambda t: ["info", str(_vault(t)), "--passphrase-file", _pw(t, "not it")],
    "empty passphrase file": lambda t: ["info", str(_vault(t)), "--passphrase-file", _pw(t, "")],
    "missing passphrase file": lambda t: ["info", str(_vault(t)), "--passphrase-file", str(t / "nope.txt")],
    "missing vault": lambda t: ["verify", str(t / "nope.hrdesk"), "--passphrase-file", _pw(t)],
    "a folder, not a vault": lambda t: ["info", str(t), "--passphrase-file", _pw(t)],
    "empty file": lambda t: ["info", _file(t, b""), "--passphrase-file", _pw(t)],
    "random bytes": lambda t: ["info", _file(t, hashlib.sha512(b"x").digest() * 200), "--passphrase-file", _pw(t)],
    "a text file": lambda t: ["verify", _file(t, b"name,id\nAnn,1\n" * 50), "--passphrase-file", _pw(t)],
    "another SQLite database": lambda t: ["info", _plain_sqlite(t), "--passphrase-file", _pw(t)],
    "vault from a newer hrdesk": lambda t: ["info", _newer(t), "--passphrase-file", _pw(t)],
    "truncated vault": lambda t: ["verify", _truncated(t), "--passphrase-file", _pw(t)],
    "init over an existing file": lambda t: ["init", str(_vault(t)), "--name", "X", "--passphrase-file", _pw(t)],
    "init into a missing folder": lambda t: ["init", str(t / "no" / "v.hrdesk"), "--name", "X", "--passphrase-file", _pw(t)],
    "restore without backups": lambda t: ["restore", str(_vault(t))],
    "restore from a file that is not a backup": lambda t: ["restore", str(_vault(t)), _file(t, b"junk" * 100)],
    "passwd with a wrong passphrase": lambda t: ["passwd", str(_vault(t)), "--passphrase-file", _pw(t, "not it"), "--rotate"],
    "backup with a wrong passphrase": lambda t: ["backup", str(_vault(t)), "--passphrase-file", _pw(t, "not it")],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_clearly(case: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    argv = CASES[case](tmp_path)
    before = {p: _content(p) for p in tmp_path.glob("*.hrdesk") if p.is_file()}
    assert cli.main(argv) == 2, case
    err = capsys.readouterr().err
    assert err.startswith("hrdesk: ") and "Traceback" not in err
    after = {p: _content(p) for p in tmp_path.glob("*.hrdesk") if p.is_file()}
    assert after == before, f"{case}: a file was changed"


def _content(path: Path) -> object:
    """What a file holds; for a vault, every table but the failed-sign-in counter (written on purpose)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
            return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables if t != "login_attempts"}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return path.read_bytes()
