"""Exports in the layouts people really have, imported with `--mapping auto` through the real CLI.

Each layout is generated from one synthetic organisation whose truth is known
(``export_layouts``); the test checks what the vault then holds and what the
audit sees: the voluntary-leaving rate equals the file's, the top category
of a 1-4 rating where only 3 and 4 occur is 4 (not an empty 5), and the age
band works from an age in years.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hrdesk import cli
from hrdesk.importing.fieldlist import fields_table
from hrdesk.records import Records, protected
from hrdesk.records.fields import Purpose, mappable_fields
from hrdesk.records.repository import RATING_SCALES_KEY
from hrdesk.vault import KdfParams, Vault
from tests.importing import export_layouts as layouts
from hrdesk.importing.understand import INVOLUNTARY, VOLUNTARY

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "pw for exports"
RATED = ("ibm_attrition", "workday", "successfactors", "snake_case")


@pytest.fixture(scope="module")
def staff() -> list[layouts.Person]:
    return layouts.people(n=400, seed=7)


def _vault(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "org.hrdesk"
    vault, _ = Vault.create(path, org_name="Org", admin_name="HR", passphrase=PASSPHRASE, kdf=KdfParams.fast_for_tests())
    vault.close(backup=False)
    pw = tmp_path / "pw.txt"
    pw.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path, pw


def _run(capsys: pytest.CaptureFixture, *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def _import(tmp_path: Path, capsys: pytest.CaptureFixture, layout: str, staff: list[layouts.Person]) -> tuple[Path, Path, str]:
    source = layouts.write_layout(layout, staff, tmp_path)
    vault, pw = _vault(tmp_path)
    code, out, err = _run(capsys, "import", vault, source, "--mapping", "auto", "--passphrase-file", pw)
    assert code == 0, err
    return vault, pw, out


@pytest.mark.parametrize("layout", sorted(layouts.LAYOUTS))
def test_layout_imports_with_auto_mapping_and_stores_the_truth(
    layout: str, tmp_path: Path, capsys: pytest.CaptureFixture, staff: list[layouts.Person]
) -> None:
    vault_path, _pw, out = _import(tmp_path, capsys, layout, staff)
    truth = layouts.truth(staff, reason_known=layouts.LAYOUTS[layout][1])
    assert f"Imported {truth.employees} of {truth.employees} rows" in out
    assert "What hrdesk understood:" in out and "Leaving:" in out and "voluntar" in out
    with Vault.open(vault_path, PASSPHRASE) as vault:
        employees = Records(vault).employees.list()
        statuses = [e.employment_status for e in employees]
        assert len(employees) == truth.employees
        assert statuses.count(VOLUNTARY) == truth.voluntary_leavers
        assert statuses.count(VOLUNTARY) + statuses.count(INVOLUNTARY) == truth.leavers
        by_id = {e.employee_id.lstrip("E"): e for e in employees}
        first = staff[0]
        shown = by_id[str(first.number)].name
        if layout in ("ibm_attrition", "snake_case"):  # pseudonymised: the id names the person
            assert shown == by_id[str(first.number)].employee_id
            assert "no name column" in out
        else:
            assert shown == f"{first.first} {first.last}"
        attrs = protected.for_fairness(vault, purpose=Purpose.FAIRNESS)
        ages = [protected.birth_date_for_age(a) for a in attrs.values()]
        assert len(ages) == truth.employees and all(ages)


@pytest.mark.parametrize("layout", RATED)
def test_the_audit_sees_the_files_leaving_rate_top_rating_and_age_band(
    layout: str, tmp_path: Path, capsys: pytest.CaptureFixture, staff: list[layouts.Person]
) -> None:
    vault_path, pw, out = _import(tmp_path, capsys, layout, staff)
    truth = layouts.truth(staff, reason_known=layouts.LAYOUTS[layout][1])
    assert "1–4 scale" in out
    code, audit_out, err = _run(capsys, "audit", vault_path, "--json", "--no-intersections", "--passphrase-file", pw)
    assert code == 0, err
    result = json.loads(audit_out)["result"]
    assert result["scale"] == ["1", "2", "3", "4"]
    overall = {o["key"]: o["overall"] for o in result["outcomes"]}
    assert overall["leaving"] == pytest.approx(truth.voluntary_leavers / truth.employees)
    assert overall["high_rating"] == pytest.approx(truth.top_rated / truth.employees)
    band = next(t for t in result["rates"] if t["outcome"] == "leaving" and t["dimension"] == ["age_band"])
    counts = {row["group"]: row["n"] for row in band["rows"]}
    assert counts.get("40 and over") == truth.forty_and_over
    assert band["unknown"] == 0


def test_a_scale_is_stated_with_its_evidence_and_editable_in_the_mapping_file(
    tmp_path: Path, capsys: pytest.CaptureFixture, staff: list[layouts.Person]
) -> None:
    source = layouts.write_layout("workday", staff, tmp_path)  # 'Performance Rating' holds only 3 and 4, no survey items
    vault, pw = _vault(tmp_path)
    saved = tmp_path / "map.json"
    code, out, _ = _run(capsys, "import", vault, source, "--print-mapping", saved)
    assert code == 0
    assert "codes present in 'Performance Rating': 3, 4; the highest is 4" in out
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["scales"] == {"performance": ["1", "2", "3", "4"]}
    assert "highest is 4" in data["scale_evidence"]["performance"]
    data["scales"]["performance"] = ["1", "2", "3", "4", "5"]  # the HR person knows it is a 1-5 scale
    saved.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = _run(capsys, "import", vault, source, "--mapping", saved, "--passphrase-file", pw)
    assert code == 0, err
    assert "read on the 1–5 scale, lowest first: declared in the mapping file" in out
    with Vault.open(vault, PASSPHRASE) as opened:
        assert opened.meta_get(RATING_SCALES_KEY)["performance"] == ["1", "2", "3", "4", "5"]


def test_attrition_mapped_by_hand_to_employment_status_is_read_as_leaving(
    tmp_path: Path, capsys: pytest.CaptureFixture, staff: list[layouts.Person]
) -> None:
    source = layouts.write_layout("ibm_attrition", staff, tmp_path)
    vault, pw = _vault(tmp_path)
    saved = tmp_path / "map.json"
    assert _run(capsys, "import", vault, source, "--print-mapping", saved)[0] == 0
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["columns"]["Attrition"] = "employment_status"
    saved.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = _run(capsys, "import", vault, source, "--mapping", saved, "--passphrase-file", pw)
    assert code == 0, err
    assert "holds only yes/no values: it is read as a leaving flag" in out
    truth = layouts.truth(staff, reason_known=False)
    with Vault.open(vault, PASSPHRASE) as opened:
        statuses = [e.employment_status for e in Records(opened).employees.list()]
    assert statuses.count(VOLUNTARY) == truth.voluntary_leavers > 0


def test_a_mapping_file_keeps_why_columns_were_left_out(hr_dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    vault, pw = _vault(tmp_path)
    saved = tmp_path / "map.json"
    assert _run(capsys, "import", vault, hr_dataset, "--print-mapping", saved)[0] == 0
    data = json.loads(saved.read_text(encoding="utf-8"))
    data.pop("reasons")  # an older mapping file: the reasons are worked out again, never "from file"
    older = tmp_path / "older.json"
    older.write_text(json.dumps(data), encoding="utf-8")
    for mapping in (saved, older):
        code, out, err = _run(capsys, "import", vault, hr_dataset, "--mapping", mapping, "--passphrase-file", pw)
        assert code == 0, err
        assert "Salary: no declared purpose: hrdesk does not use pay" in out
        assert "MaritalDesc: no declared purpose: marital status is not needed" in out
        assert "from file" not in out


def test_a_wrong_field_name_in_a_mapping_file_gets_did_you_mean(hr_dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    vault, pw = _vault(tmp_path)
    saved = tmp_path / "map.json"
    assert _run(capsys, "import", vault, hr_dataset, "--print-mapping", saved)[0] == 0
    data = json.loads(saved.read_text(encoding="utf-8"))
    # a typo, and a header spelling where the field name belongs
    for column, wrong, meant in (("EmpID", "employe_id", "employee_id"), ("DOB", "DateOfBirth", "date_of_birth")):
        saved.write_text(json.dumps(dict(data, columns={**data["columns"], column: wrong})), encoding="utf-8")
        code, _out, err = _run(capsys, "import", vault, hr_dataset, "--mapping", saved, "--passphrase-file", pw)
        assert code == 2
        assert f"Did you mean '{meant}'?" in err and "hrdesk import --fields" in err
        assert "Traceback" not in err


def test_skip_invalid_is_offered_only_when_skipping_would_import_something(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    vault, pw = _vault(tmp_path)
    cases = {
        "no_id.csv": ("Name,Department\nAnn,Sales\n", False),  # a required column is missing: no row can go in
        "all_bad.csv": ("Employee ID,Name,Absences\n1,Ann,many\n2,Bo,lots\n", False),  # every row has a problem
        "one_bad.csv": ("Employee ID,Name,Absences\n1,Ann,3\n2,Bo,lots\n", True),
    }
    for name, (text, offered) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        code, _out, err = _run(capsys, "import", vault, path, "--passphrase-file", pw)
        assert code == 2
        assert ("--skip-invalid" in err) is offered, (name, err)
        if offered:
            assert "the 1 valid rows" in err


def test_fields_lists_every_field_with_its_purpose_and_the_readme_has_the_same_table(capsys: pytest.CaptureFixture) -> None:
    code, out, _ = _run(capsys, "import", "--fields")
    assert code == 0
    assert out == fields_table()
    for kind in ("employees", "reviews", "checkins"):
        for name, spec in mappable_fields(kind).items():
            assert f"| `{name}` | {spec.label}" in out and spec.help
    assert "age_on" not in out  # set by hrdesk, never mapped
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in out.splitlines():
        assert line.strip() in readme, f"README's field table is out of date: {line}"
    code, reviews, _ = _run(capsys, "import", "--fields", "--kind", "reviews")
    assert code == 0 and "`rating`" in reviews and "`employee_id`" in reviews and "`age`" not in reviews


def test_import_without_a_vault_or_file_says_what_it_needs(capsys: pytest.CaptureFixture) -> None:
    code, _out, err = _run(capsys, "import")
    assert code == 2 and "needs a vault and a file" in err and "--fields" in err and "Traceback" not in err
