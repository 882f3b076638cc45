"""A bug in hrdesk reaches the CLI's bug path: exit 1, a plain "this is a bug" message, logged; never "damaged"."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk import cli
from hrdesk.session import Session
from hrdesk.vault import KdfParams, Vault


def test_our_own_bad_sql_exits_1_as_a_bug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    path = tmp_path / "b.hrdesk"
    vault, _ = Vault.create(path, org_name="B", admin_name="HR", passphrase="pw", kdf=KdfParams.fast_for_tests())
    vault.close(backup=False)

    def broken_records(self):  # type: ignore[no-untyped-def]
        self.vault.connection.execute("SELECT no_such_column FROM hrdesk_header")  # a typo in our own SQL

    monkeypatch.setattr(Session, "records", broken_records)
    monkeypatch.setenv("HRDESK_PASSPHRASE", "pw")
    assert cli.main(["employees", str(path), "list"]) == cli.EXIT_BUG
    err = capsys.readouterr().err
    assert "hit a bug" in err and "OperationalError" in err and "no_such_column" in err
    assert "damaged" not in err.lower() and "restore" not in err.lower()
    log = (Path(__import__("os").environ["HRDESK_HOME"])).rglob("*.log")
    assert any("uncaught sqlite3.OperationalError" in p.read_text() for p in log), "the bug was not logged"


def test_a_known_error_still_exits_2_with_its_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("HRDESK_PASSPHRASE", "pw")
    assert cli.main(["employees", str(tmp_path / "missing.hrdesk"), "list"]) == cli.EXIT_KNOWN_ERROR
    assert "bug" not in capsys.readouterr().err
