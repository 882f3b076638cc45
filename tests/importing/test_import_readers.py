"""Reading files in the encodings and shapes HR systems really produce."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk.importing import Mapping, MappingError, UnreadableFileError, auto_map, prepare_import
from hrdesk.importing.readers import read_table

TEXT = "Employee ID,Name,Department,Date of Birth\n7,\"Müller, Zoë\",Café,31/12/1980\n8,\"Ørsted, Åse\",R&D,01/02/1990\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le", "utf-16-be"])
def test_common_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes(TEXT.encode(encoding))
    plan = prepare_import(path, "employees")
    assert plan.ok, plan.errors
    assert [r.values["name"] for r in plan.rows] == ["Müller, Zoë", "Ørsted, Åse"]
    assert plan.date_order == "DMY"  # 31/12 can only be day first
    assert plan.rows[0].values["date_of_birth"] == "1980-12-31"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "d.csv"
    path.write_text("Employee ID{d}Name{d}Absences\r\n1{d}Ann{d}2\r\n".format(d=delimiter), encoding="utf-8")
    table = read_table(path)
    assert table.delimiter == delimiter and table.rows == [["1", "Ann", "2"]]


def test_leading_zeros_and_formatted_numbers_survive(tmp_path: Path) -> None:
    path = tmp_path / "z.csv"
    path.write_text("Employee ID,Name,EngagementSurvey,Absences,Zip\n00042,Ann,\"5.00\",\"3.0\",01960\n", encoding="utf-8")
    plan = prepare_import(path, "employees")
    [row] = plan.rows
    assert row.values["employee_id"] == "00042" and row.values["engagement"] == 5.0 and row.values["absences"] == 3
    assert "Zip" in {d.source for d in plan.dropped_columns}


def test_blank_rows_keep_spreadsheet_numbering(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_text("Employee ID,Name,Hire Date\n1,Ann,2020-01-01\n\n2,Bo,not a date\n", encoding="utf-8")
    plan = prepare_import(path, "employees")
    assert [(e.row, e.column, e.value) for e in plan.errors] == [(4, "Hire Date", "not a date")]


def test_duplicate_ids_and_too_many_fields(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("Employee ID,Name\n1,Ann\n2,Bo,extra\n1,Again\n3,Cy,,\n", encoding="utf-8")
    plan = prepare_import(path, "employees")
    shared = "duplicate employee id: rows 2 and 4 share it, so none of them is imported"
    assert [(e.row, e.reason) for e in plan.errors] == [
        (2, shared),
        (3, "column shift: 3 fields where the header has 2"),
        (4, shared),
    ]
    assert [r.row for r in plan.rows] == [5]  # trailing empty fields are not a shift


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03binary\x00\x00\xff" * 50, "does not look like a CSV"),
        (b"\xef\xbb\xbfname\n\xff\xfe", "not valid UTF-8"),
    ],
)
def test_unreadable_files_get_a_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError) as caught:
        read_table(path)
    assert message in caught.value.message


def test_missing_file_and_old_excel(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError):
        read_table(tmp_path / "none.csv")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(UnreadableFileError, match="old-style"):
        read_table(tmp_path / "old.xls")
    (tmp_path / "fake.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableFileError, match="damaged zip"):
        read_table(tmp_path / "fake.xlsx")


def test_mapping_saves_loads_and_is_editable(tmp_path: Path, hr_dataset: Path) -> None:
    plan = prepare_import(hr_dataset, "employees")
    saved = tmp_path / "map.json"
    plan.mapping.save(saved)
    loaded = Mapping.load(saved)
    assert loaded.mapped() == plan.mapping.mapped() and loaded.scales == plan.mapping.scales
    loaded.set_field("Sex", None)  # the user unticks a column
    edited = plan.remap(loaded)
    assert "sex" not in edited.fields and "Sex" in {d.source for d in edited.dropped_columns}
    with pytest.raises(MappingError):
        loaded.set_field("Salary", "salary")
    loaded.set_field("Position", "department")
    with pytest.raises(MappingError, match="both mapped"):
        plan.remap(loaded)
    saved.write_text("{not json", encoding="utf-8")
    with pytest.raises(MappingError):
        Mapping.load(saved)


def test_inactive_purpose_drops_its_columns(hr_dataset: Path) -> None:
    from hrdesk.records.fields import ALL_PURPOSES, Purpose

    plan = prepare_import(hr_dataset, "employees", purposes=ALL_PURPOSES - {Purpose.FAIRNESS})
    dropped = {d.source: d.reason for d in plan.dropped_columns}
    assert "fairness monitoring, which is not an active purpose" in dropped["RaceDesc"]
    assert not {"sex", "race", "date_of_birth", "hispanic_latino"} & plan.fields


def test_auto_map_prefers_first_column_for_a_field() -> None:
    mapping = auto_map(["Employee ID", "Staff ID", "Name"], "employees")
    assert mapping.mapped() == {"employee_id": "Employee ID", "name": "Name"}
    assert "already fills" in mapping.columns[1].note


def test_text_in_memory_reads_like_a_file(tmp_path: Path) -> None:
    from hrdesk.importing.readers import table_from_text

    path = tmp_path / "same.csv"
    path.write_text(TEXT, encoding="utf-8")
    from_text = table_from_text(TEXT, "same.csv")
    from_file = read_table(path)
    assert (from_text.header, from_text.rows, from_text.row_numbers) == (from_file.header, from_file.rows, from_file.row_numbers)


def test_excel_rows_are_numbered_as_excel_shows_them(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Employee ID", "Name", "Hire Date"])
    sheet.append([1, "Ann", "2020-01-01"])
    sheet.append([])
    sheet.append([2, "Bo", "someday"])
    sheet.cell(row=5, column=5, value="stray")
    book.save(tmp_path / "b.xlsx")
    plan = prepare_import(tmp_path / "b.xlsx", "employees")
    assert [(e.row, e.column or "(row)") for e in plan.errors] == [(4, "Hire Date"), (5, "(row)")]
    assert [r.row for r in plan.rows] == [2]
