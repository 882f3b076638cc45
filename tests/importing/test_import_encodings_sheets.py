"""Files nobody here wrote: legacy encodings, multi-sheet workbooks, renamed files, library warnings.

Each test is a defect the corpus run found (issue 20), on a small file made
here: names in Cyrillic, Greek, Central European and Japanese legacy
encodings; workbooks whose people are not on the first sheet; an .xlsx
renamed .csv and the other way round.
"""

from __future__ import annotations

import os
import random
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrdesk.errors import HrdeskError
from hrdesk.importing import UnreadableFileError, prepare_import
from hrdesk.importing.readers import read_table
from hrdesk.importing.sniff import decode

# Names in their own scripts, as an HR system in each country would export them.
PEOPLE = {
    "cp1251": ["Иван Петров", "Мария Смирнова", "Ольга Кузнецова", "Олександр Шевченко"],
    "iso-8859-7": ["Γιώργος Παπαδόπουλος", "Μαρία Νικολάου", "Ελένη Γεωργίου", "Νίκος Οικονόμου"],
    "cp1250": ["Paweł Wójcik", "Jiří Dvořák", "Zoltán Kovács", "Łukasz Żółć"],
    "shift_jis": ["山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 美咲"],
}
DEPARTMENTS = {
    "cp1251": "Продажи",
    "iso-8859-7": "Πωλήσεις",
    "cp1250": "Účetnictví",
    "shift_jis": "営業部",
}
LABELS = {"cp1251": "Cyrillic", "iso-8859-7": "Greek", "cp1250": "Central European", "shift_jis": "Japanese"}


def legacy_csv(tmp_path: Path, encoding: str) -> Path:
    lines = ["Employee ID,Name,Department"] + [f"{i},{n},{DEPARTMENTS[encoding]}" for i, n in enumerate(PEOPLE[encoding], 1)]
    path = tmp_path / f"people-{encoding}.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize("encoding", list(PEOPLE))
def test_legacy_encodings_are_detected_and_named_with_a_sample(tmp_path: Path, encoding: str) -> None:
    plan = prepare_import(legacy_csv(tmp_path, encoding), "employees")
    assert plan.ok, plan.errors
    assert [r.values["name"] for r in plan.rows] == PEOPLE[encoding]
    [note] = [n for n in plan.source.reading_notes() if n.startswith("Text encoding")]
    assert LABELS[encoding] in note and PEOPLE[encoding][0] in note  # the guess and a sample to check it by
    assert "--encoding" in note


@pytest.mark.parametrize("encoding", list(PEOPLE))
def test_one_name_alone_is_enough_evidence(tmp_path: Path, encoding: str) -> None:
    for name in PEOPLE[encoding]:
        raw = f"id,name\r\n1,{name}\r\n".encode(encoding)
        assert decode(raw).text.splitlines()[1] == f"1,{name}", (encoding, name)


def test_western_files_stay_western() -> None:
    for name in ["Zoë Müller", "José García", "Åse Ørsted", "François Lefèvre", "Jürgen Groß"]:
        raw = f"id,name\n1,{name}\n".encode("cp1252")
        assert decode(raw).text == f"id,name\n1,{name}\n"


def test_a_chosen_encoding_is_used_as_chosen(tmp_path: Path) -> None:
    path = legacy_csv(tmp_path, "cp1251")
    plan = prepare_import(path, "employees", encoding="cp1252")
    assert plan.rows[0].values["name"] == "Èâàí Ïåòðîâ"  # what the user asked for, and the report says so
    assert any("you chose it" in n and "Èâàí" in n for n in plan.source.reading_notes())
    with pytest.raises(UnreadableFileError, match="not an encoding hrdesk knows"):
        prepare_import(path, "employees", encoding="klingon")
    with pytest.raises(UnreadableFileError, match="byte .* is not valid UTF-8"):
        prepare_import(path, "employees", encoding="utf-8")


def test_text_that_decodes_to_nothing_readable_is_refused(tmp_path: Path) -> None:
    rng = random.Random(20)
    noise = bytes(rng.choice(range(0xA1, 0xFF)) for _ in range(400))
    path = tmp_path / "garbled.csv"
    path.write_bytes(b"Employee ID,Name\n1," + noise + b"\n")
    with pytest.raises(UnreadableFileError, match="not readable text") as caught:
        read_table(path)
    assert "--encoding" in caught.value.hint


def test_utf8_with_a_few_stray_bytes_says_where(tmp_path: Path) -> None:
    path = tmp_path / "pieced.csv"
    good = "".join(f"{i},Zoë Müller {i},Café\n" for i in range(1, 40)).encode("utf-8")
    path.write_bytes(b"Employee ID,Name,Department\n" + good + "40,Zoë Müller,Café\n".encode("cp1252"))
    with pytest.raises(UnreadableFileError, match="UTF-8 except for 3 bytes, the first on line 41"):
        read_table(path)


def test_semicolon_file_with_a_title_line_uses_the_header_rows_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "title.csv"
    path.write_text("Employee export, January 2024\nEmployee ID;Name;Department\n1;Ann Lee;Sales\n2;Bo Chan;R&D\n", encoding="utf-8")
    table = read_table(path)
    assert table.delimiter == ";"
    assert table.header == ["Employee ID", "Name", "Department"]
    assert table.rows == [["1", "Ann Lee", "Sales"], ["2", "Bo Chan", "R&D"]]


def test_quoted_commas_do_not_change_the_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text('Employee ID,Name,Notes\n1,"Lee, Ann","a; b"\n2,"Chan, Bo","c; d"\n', encoding="utf-8")
    assert read_table(path).delimiter == ","


# --- workbooks -------------------------------------------------------------------


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


STAFF = [["Employee ID", "Name"], [1, "Ann Lee"], [2, "Bo Chan"]]
LEAVERS = [["Employee ID", "Name"], [3, "Cy Diaz"]]
CONTRACTORS = [["Employee ID", "Name"], [4, "Di Evans"], [5, "Ed Fox"], [6, "Flo Gray"]]


def test_people_on_the_second_sheet_are_found(tmp_path: Path) -> None:
    path = workbook(tmp_path / "cover.xlsx", {"Cover": [["HR export, January"]], "Staff": STAFF})
    plan = prepare_import(path, "employees")
    assert plan.ok and [r.values["name"] for r in plan.rows] == ["Ann Lee", "Bo Chan"]
    assert plan.source.sheet == "Staff"
    assert any("Worksheet read: 'Staff'" in n and "'Cover'" in n for n in plan.source.reading_notes())


def test_other_sheets_are_named_and_can_be_chosen(tmp_path: Path) -> None:
    path = workbook(tmp_path / "three.xlsx", {"Staff": STAFF, "Leavers": LEAVERS, "Contractors": CONTRACTORS})
    plan = prepare_import(path, "employees")
    assert plan.source.sheet == "Staff" and plan.rows_read == 2
    [note] = [n for n in plan.source.reading_notes() if n.startswith("Worksheet")]
    assert "2 other sheets" in note and "'Leavers'" in note and "'Contractors'" in note and "--sheet" in note
    chosen = prepare_import(path, "employees", sheet="Contractors")
    assert [r.values["employee_id"] for r in chosen.rows] == ["4", "5", "6"]
    with pytest.raises(UnreadableFileError, match="no worksheet called 'Payroll'") as caught:
        prepare_import(path, "employees", sheet="Payroll")
    assert "'Leavers'" in caught.value.hint


def test_a_sheet_for_a_csv_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("Employee ID,Name\n1,Ann\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="has no worksheets"):
        read_table(path, sheet="Staff")


def test_empty_cells_at_the_end_of_an_excel_row_are_not_a_shift(tmp_path: Path) -> None:
    path = workbook(tmp_path / "short.xlsx", {"S": [["Employee ID", "Name", "Department"], [1, "Ann", None], [2, "Bo", "Sales"]]})
    plan = prepare_import(path, "employees")
    assert plan.ok, plan.errors


def test_missing_columns_refusal_lists_the_columns_found_and_how_to_map(tmp_path: Path) -> None:
    path = workbook(tmp_path / "odd.xlsx", {"Data": [["Ref", "Person", "Team"], ["A1", "Ann", "X"]], "Notes": [["a", "b"]]})
    plan = prepare_import(path, "employees")
    text = "; ".join(plan.problems)
    assert "no column is mapped to Employee ID" in text
    assert "'Ref', 'Person', 'Team'" in text
    assert "--print-mapping" in text and "mapping page" in text
    assert "'Notes'" in text and "--sheet" in text


# --- renamed files, folders, what a file really is ---------------------------------


def test_an_xlsx_renamed_xls_or_csv_is_read_as_the_workbook_it_is(tmp_path: Path) -> None:
    real = workbook(tmp_path / "real.xlsx", {"Staff": STAFF})
    for name in ("renamed.xls", "renamed.csv"):
        path = tmp_path / name
        path.write_bytes(real.read_bytes())
        plan = prepare_import(path, "employees")
        assert plan.ok and plan.rows_read == 2
        assert any("really an Excel workbook" in n for n in plan.source.reading_notes())


def test_a_csv_renamed_xlsx_is_read_as_the_text_it_is(tmp_path: Path) -> None:
    path = tmp_path / "renamed.xlsx"
    path.write_text("Employee ID,Name\n1,Ann Lee\n", encoding="utf-8")
    plan = prepare_import(path, "employees")
    assert plan.ok and plan.rows_read == 1
    assert any("really a text (CSV) file" in n for n in plan.source.reading_notes())


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "old-style Excel 97-2003 workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le"), "password-protected"),
        (b"%PDF-1.7\n" + bytes(100), "a PDF document"),
        (b"PK\x03\x04 broken", "damaged zip archive"),
        (b"<html><table><tr><td>1</td></tr></table></html>", "web page (HTML)"),
    ],
)
def test_files_hrdesk_cannot_read_are_named_for_what_they_are(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError) as caught:
        read_table(path)
    assert expected in caught.value.message
    assert "BadZipFile" not in str(caught.value)


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(UnreadableFileError, match="a zip archive that holds no workbook"):
        read_table(path)


def test_a_folder_is_called_a_folder(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="is a folder, not a file"):
        read_table(tmp_path)


# --- library warnings ---------------------------------------------------------------------


def test_openpyxl_warnings_become_one_plain_note(tmp_path: Path, recwarn: pytest.WarningsRecorder) -> None:
    source = workbook(tmp_path / "w.xlsx", {"Staff": STAFF})
    path = tmp_path / "nostyles.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as out:
        for member in src.infolist():
            data = src.read(member)
            if member.filename == "xl/styles.xml":  # a stylesheet openpyxl complains about
                data = b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
            out.writestr(member, data)
    plan = prepare_import(path, "employees")
    assert plan.ok
    assert not [w for w in recwarn if "openpyxl" in (w.filename or "")]  # nothing reaches the console
    notes = [n for n in plan.source.reading_notes() if n.startswith("Parts of the workbook")]
    assert notes and "cell styles" in notes[0] and not re.search(r"openpyxl", notes[0])


# --- the command line -----------------------------------------------------------------------


def test_cli_names_encoding_and_sheet_and_takes_both_as_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from hrdesk.cli import main
    from hrdesk.vault import KdfParams, Vault

    vault_path = tmp_path / "v.hrdesk"
    vault, _ = Vault.create(vault_path, org_name="Acme", admin_name="HR", passphrase="pw", kdf=KdfParams.fast_for_tests())
    vault.close(backup=False)
    monkeypatch.setenv("HRDESK_PASSPHRASE", "pw")
    greek = legacy_csv(tmp_path, "iso-8859-7")
    assert main(["import", str(vault_path), str(greek)]) == 0
    out = capsys.readouterr().out
    assert "Imported 4 of 4 rows" in out and "Greek (ISO-8859-7)" in out and "Γιώργος Παπαδόπουλος" in out
    book = workbook(tmp_path / "three.xlsx", {"Staff": STAFF, "Contractors": CONTRACTORS})
    assert main(["import", str(vault_path), str(book), "--sheet", "Contractors"]) == 0
    out = capsys.readouterr().out
    assert "Imported 3 of 3 rows" in out and "Worksheet read: 'Contractors'" in out and "'Staff'" in out
    assert main(["import", str(vault_path), str(tmp_path)]) == 2
    assert "is a folder, not a file" in capsys.readouterr().err
    assert main(["import", str(vault_path), str(greek), "--encoding", "klingon"]) == 2
    assert "not an encoding hrdesk knows" in capsys.readouterr().err


# --- damaged workbooks ------------------------------------------------------------------------


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, 100_000), flips=st.lists(st.tuples(st.integers(0, 100_000), st.integers(1, 255)), max_size=6))
def test_damaged_workbooks_are_read_or_refused_cleanly(tmp_path: Path, cut: int, flips: list[tuple[int, int]]) -> None:
    source = tmp_path / "source.xlsx"
    if not source.exists():
        workbook(source, {"Staff": STAFF, "Leavers": LEAVERS})
    data = bytearray(source.read_bytes())
    for where, mask in flips:
        data[where % len(data)] ^= mask
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(data[: max(1, cut % (len(data) + 1))]))
    try:
        table = read_table(damaged)
    except HrdeskError as exc:
        assert exc.message and "Traceback" not in exc.message
    else:
        assert table.header  # whatever survived was read as a table
