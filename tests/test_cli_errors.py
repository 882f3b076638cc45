"""CLI error handling (records_cmds, audit_cmds, demo_cmd).

The README promises: known problems print a message and exit with status 2,
never a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from hrdesk.cli import main
from hrdesk.records import Records
from hrdesk.vault import KdfParams, Vault

PW = "correct horse battery staple"


def imported_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hr_dataset: Path) -> Path:
    """A vault with the HR dataset imported through the CLI, its passphrase in HRDESK_PASSPHRASE."""
    path = tmp_path / "cli.hrdesk"
    vault, _ = Vault.create(path, org_name="Acme", admin_name="Dana HR", passphrase=PW, kdf=KdfParams.fast_for_tests())
    vault.close(backup=False)
    monkeypatch.setenv("HRDESK_PASSPHRASE", PW)
    assert main(["import", str(path), str(hr_dataset)]) == 0
    return path


@pytest.fixture
def vault_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hr_dataset: Path) -> Path:
    return imported_vault(tmp_path, monkeypatch, hr_dataset)


def test_print_mapping_into_a_missing_folder_is_a_clear_error(vault_file: Path, hr_dataset: Path, tmp_path: Path, capsys) -> None:
    rc = main(["import", str(vault_file), str(hr_dataset), "--print-mapping", str(tmp_path / "no" / "such" / "map.json")])
    assert rc == 2
    assert "hrdesk:" in capsys.readouterr().err


def test_export_into_a_path_that_is_a_file_is_a_clear_error(vault_file: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "taken"
    target.write_text("not a folder")
    rc = main(["export", str(vault_file), "--employee", "10026", "--out", str(target)])
    assert rc == 2
    assert "hrdesk:" in capsys.readouterr().err


def test_audit_csv_into_a_path_that_is_a_file_is_a_clear_error(vault_file: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "taken"
    target.write_text("not a folder")
    rc = main(["audit", str(vault_file), "--csv", str(target)])
    assert rc == 2
    assert "hrdesk:" in capsys.readouterr().err


def test_demo_into_a_missing_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("HRDESK_PASSPHRASE", PW)
    rc = main(["demo", str(tmp_path / "no" / "such" / "demo.hrdesk"), "--employees", "30"])
    assert rc == 2
    assert "hrdesk:" in capsys.readouterr().err


def test_audit_csv_neutralises_formulas(vault_file: Path, tmp_path: Path) -> None:
    """`hrdesk audit --csv` writes feedback snippets and manager names verbatim; the own-data export
    neutralises formula cells, this export does not."""
    with Vault.open(vault_file, PW) as vault:
        records = Records(vault)
        person = records.employees.by_employee_id("10026")
        records.feedback.add(person.id, None, '=HYPERLINK("http://x.example") is abrasive', date=dt.date(2019, 1, 1))
    out = tmp_path / "audit_csv"
    out.mkdir()
    assert main(["audit", str(vault_file), "--csv", str(out)]) == 0
    bad = []
    for path in out.glob("*.csv"):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                bad += [(path.name, cell) for cell in row if cell[:1] in ("=", "+", "@")]
    assert bad == [], bad
