"""Values that must never be imported as they are, and output that must never break (issues 8 and 20).

Duplicate ids with --skip-invalid once overwrote other people's data; names
carrying terminal escapes reached the terminal raw; a hire date in 2099 and
an age of 226 were accepted; a CJK column name crashed the command after the
import had committed, on a cp1252 console.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hrdesk.cli import main
from hrdesk.commands.common import printable
from hrdesk.importing import ImportValidationError, import_file, prepare_import
from hrdesk.records import Records
from hrdesk.vault import KdfParams, Vault

PW = "correct horse battery staple"
TODAY = dt.date(2026, 11, 26)


def csv_file(tmp_path: Path, text: str, name: str = "people.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_duplicate_ids_with_skip_invalid_never_overwrite_anyone(tmp_path: Path, vault: Vault) -> None:
    first = csv_file(tmp_path, "Employee ID,Name,Sex,DOB\n1,Ann Lee,F,01/02/1980\n2,Bo Chan,M,03/04/1985\n3,Cy Diaz,F,05/06/1990\n")
    import_file(vault, first, today=TODAY)
    hostile = csv_file(
        tmp_path,
        "Employee ID,Name,Sex,DOB\n1,Mallory,M,01/01/1970\n4,Di Evans,F,07/08/1992\n1,Ann Lee,F,01/02/1980\n2,Mallory,M,01/01/1970\n2,Mallory Two,M,01/01/1971\n",
        name="hostile.csv",
    )
    with pytest.raises(ImportValidationError) as caught:
        import_file(vault, hostile, today=TODAY)
    assert {e.row for e in caught.value.errors} == {2, 4, 5, 6}  # every row of a shared id, the first too
    report = import_file(vault, hostile, skip_invalid=True, today=TODAY)
    assert report.added == 1 and report.updated == 0
    names = {e.employee_id: e.name for e in Records(vault).employees.list()}
    assert names == {"1": "Ann Lee", "2": "Bo Chan", "3": "Cy Diaz", "4": "Di Evans"}
    assert all("rows 2 and 4 share it" in e.reason for e in report.skipped if e.value == "1")


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("Hire Date", "01/01/2099", "more than a year in the future"),
        ("Hire Date", "01/01/1850", "before 1900"),
        ("DOB", "01/01/1800", "before 1900"),
        ("DOB", "01/01/1915", "an age over 100 years"),
        ("DOB", "01/01/2030", "in the future"),
    ],
)
def test_impossible_dates_are_row_errors(tmp_path: Path, column: str, value: str, reason: str) -> None:
    path = csv_file(tmp_path, f"Employee ID,Name,{column}\n1,Ann Lee,{value}\n2,Bo Chan,\n")
    plan = prepare_import(path, "employees", today=TODAY)
    [error] = plan.errors
    assert error.row == 2 and error.column == column and reason in error.reason
    assert [r.row for r in plan.rows] == [3]


def test_an_age_of_226_is_refused(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "Employee ID,Name,Age\n1,Ann Lee,226\n2,Bo Chan,35\n")
    plan = prepare_import(path, "employees", today=TODAY)
    assert [(e.row, e.column) for e in plan.errors] == [(2, "Age")]
    assert [r.values["age"] for r in plan.rows] == [35]


@pytest.mark.parametrize("name", ["Ann \x1b[31mLee\x1b[0m", "Bo \u202eNAHC", "Cy\x07 Diaz", "Di\x7fEvans", "Ed\u2066Fox"])
def test_names_with_control_characters_are_refused(tmp_path: Path, name: str) -> None:
    path = csv_file(tmp_path, f'Employee ID,Name\n1,"{name}"\n2,Plain Name\n')
    plan = prepare_import(path, "employees", today=TODAY)
    [error] = plan.errors
    assert "control character" in error.reason and error.row == 2


def test_stored_control_characters_never_reach_the_terminal_raw(vault_path: Path, fast_kdf: KdfParams, monkeypatch, capsys) -> None:
    """Data already in a vault (from an older hrdesk, or written by another tool) is shown escaped."""
    vault, _ = Vault.create(vault_path, org_name="Acme", admin_name="Dana HR", passphrase=PW, kdf=fast_kdf)
    from hrdesk.records.employees import upsert_employees

    hostile = {"employee_id": "7", "name": "Eve \x1b[2J\x1b[31mRED\x07 \u202eevil", "department": "Ops\x1b]0;title\x07"}
    Records(vault)
    with vault.transaction():
        upsert_employees(vault, [hostile], fields={"employee_id", "name", "department"})
    vault.close(backup=False)
    monkeypatch.setenv("HRDESK_PASSPHRASE", PW)
    for argv in (["employees", str(vault_path), "list"], ["employees", str(vault_path), "list", "--json"]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "\\u001b[2J" in out and "\\u202e" in out  # shown, not hidden: the user sees something is odd
    assert printable("tab\tand\nnewline") == "tab\tand\nnewline"


def test_a_cp1252_console_shows_a_cjk_import_without_crashing(tmp_path: Path, fast_kdf: KdfParams) -> None:
    vault_path = tmp_path / "v.hrdesk"
    vault, _ = Vault.create(vault_path, org_name="Acme", admin_name="Dana HR", passphrase=PW, kdf=fast_kdf)
    vault.close(backup=False)
    path = csv_file(tmp_path, "Employee ID,Name,部署\n1,山田 太郎,営業部\n2,佐藤 花子,経理部\n", name="japan.csv")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "HRDESK_PASSPHRASE": PW, "HRDESK_HOME": str(tmp_path / "home")}
    for argv in (["import", str(vault_path), str(path)], ["employees", str(vault_path), "list"]):
        done = subprocess.run([sys.executable, "-m", "hrdesk", *argv], env=env, capture_output=True, timeout=120, check=False)
        err = done.stderr.decode("cp1252")
        assert done.returncode == 0, err
        assert "Traceback" not in err
    out = done.stdout.decode("cp1252")
    assert "\\u5c71\\u7530" in out  # 山田, escaped for a console that cannot show it
    imported = Vault.open(vault_path, PW)
    try:
        assert {e.name for e in Records(imported).employees.list()} == {"山田 太郎", "佐藤 花子"}
    finally:
        imported.close(backup=False)
