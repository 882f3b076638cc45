"""The import / employees / export / purge subcommands, end to end on a real vault file."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from hrdesk.commands import records_cmds
from hrdesk.errors import HrdeskError
from hrdesk.vault import KdfParams, Vault


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="hrdesk")
    records_cmds.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    return args.handler(args)


@pytest.fixture
def vault_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.hrdesk"
    vault, _ = Vault.create(path, org_name="Acme", admin_name="Dana HR", passphrase="pw", kdf=KdfParams.fast_for_tests())
    vault.close(backup=False)
    monkeypatch.setenv("HRDESK_PASSPHRASE", "pw")
    return path


def test_import_list_export_purge(vault_file: Path, hr_dataset: Path, tmp_path: Path, capsys) -> None:
    assert run("import", str(vault_file), str(hr_dataset)) == 0
    out = capsys.readouterr().out
    assert "311 added" in out and "Salary: no declared purpose" in out

    assert run("employees", str(vault_file), "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 311 and not {"sex", "race", "date_of_birth"} & set(listed[0])

    (tmp_path / "dsar").mkdir()  # --out must be an existing folder
    assert run("export", str(vault_file), "--employee", "10026", "--out", str(tmp_path / "dsar")) == 0
    assert (tmp_path / "dsar" / "employee.json").is_file()

    assert run("purge", str(vault_file), "--dry-run", "--today", "2020-01-01") == 0
    assert "Would delete" in capsys.readouterr().out


def test_print_mapping_then_import_with_it(vault_file: Path, hr_dataset: Path, tmp_path: Path, capsys) -> None:
    mapping = tmp_path / "map.json"
    assert run("import", str(vault_file), str(hr_dataset), "--print-mapping", str(mapping)) == 0
    data = json.loads(mapping.read_text(encoding="utf-8"))
    assert data["columns"]["EmpID"] == "employee_id" and data["columns"]["Salary"] is None
    data["columns"]["RaceDesc"] = None
    mapping.write_text(json.dumps(data), encoding="utf-8")
    assert run("import", str(vault_file), str(hr_dataset), "--mapping", str(mapping)) == 0
    assert "RaceDesc" in capsys.readouterr().out


def test_messy_import_lists_every_row_and_exits_2(vault_file: Path, hr_dataset_messy: Path, capsys) -> None:
    assert run("import", str(vault_file), str(hr_dataset_messy)) == 2
    err = capsys.readouterr().err
    assert "row 10: column shift: 35 fields where the header has 36" in err
    assert "row 24, column 'EmpID': missing Employee ID (required)" in err
    assert run("import", str(vault_file), str(hr_dataset_messy), "--skip-invalid") == 0
    assert "7 rows were not imported" in capsys.readouterr().out


def test_unknown_employee_is_a_known_error(vault_file: Path, tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    with pytest.raises(HrdeskError, match="nope"):
        run("export", str(vault_file), "--employee", "nope", "--out", str(tmp_path / "x"))


def test_registering_the_commands_imports_no_heavy_module() -> None:
    # pandas itself arrives through sqlite_utils (the vault); the import machinery must not add more
    code = (
        "import sys; from hrdesk.commands import records_cmds; "
        "assert not {'hrdesk.importing', 'hrdesk.records', 'openpyxl'} & set(sys.modules), sys.modules.keys(); print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.strip() == "ok", done.stderr
