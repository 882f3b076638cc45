"""Hostile and oversized files are refused quickly, with nothing written (issue 8, item 6).

The limits are those of ``hrdesk.importing.limits`` and the README's table.
Each file here is real: a zip bomb built the way one is, a million-row CSV,
a sheet wider than any export, a cell longer than Excel allows.
"""

from __future__ import annotations

import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from hrdesk.importing import import_file, limits
from hrdesk.importing.readers import read_table
from hrdesk.records import Records, tables
from hrdesk.vault import Vault


def test_an_xlsx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path, vault: Vault) -> None:
    good = tmp_path / "good.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Employee ID", "Name"])
    book.save(good)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for member in src.infolist():
            data = src.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                # 40 MB of one repeated row, packed to a few tens of KB: a few thousand times smaller
                row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
                data = data.replace(b"</sheetData>", row * (40 * 2**20 // len(row)) + b"</sheetData>")
            out.writestr(member.filename, data)
    assert bomb.stat().st_size < 1 * 2**20
    Records(vault)
    tracemalloc.start()
    with pytest.raises(limits.TooLargeError, match="zip bomb") as caught:
        import_file(vault, bomb)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 50 * 2**20  # nothing was unpacked
    assert "Nothing was imported" in caught.value.message and "Split the export" in caught.value.hint
    assert vault.count(tables.EMPLOYEES) == 0


def test_a_million_row_csv_is_refused_at_the_row_limit_with_nothing_written(tmp_path: Path, vault: Vault) -> None:
    path = tmp_path / "million.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("Employee ID,Name\n")
        out.writelines(f"{i},Person {i}\n" for i in range(1_000_000))
    Records(vault)
    tracemalloc.start()
    with pytest.raises(limits.TooLargeError, match=f"more than {limits.MAX_ROWS:,} rows"):
        import_file(vault, path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # bounded: the rows before the limit, not the million (the file is ~18 MB; 4.7 GB before)
    assert peak < 400 * 2**20
    assert vault.count(tables.EMPLOYEES) == 0


def test_too_many_columns_and_too_long_cells_are_refused(tmp_path: Path) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(limits.MAX_COLUMNS + 1)) + "\n", encoding="utf-8")
    with pytest.raises(limits.TooLargeError, match="columns"):
        read_table(wide)
    long_cell = tmp_path / "long.csv"
    long_cell.write_text("Employee ID,Name\n1," + "x" * (limits.MAX_CELL_CHARS + 1) + "\n", encoding="utf-8")
    with pytest.raises(limits.TooLargeError, match="characters a spreadsheet cell can"):
        read_table(long_cell)


def test_a_sheet_with_a_cell_far_to_the_right_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "far.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Employee ID", "Name"])
    sheet.cell(row=2, column=limits.MAX_COLUMNS + 10, value="stray")
    book.save(path)
    with pytest.raises(limits.TooLargeError, match="columns"):
        read_table(path)


def test_a_sheet_that_claims_a_huge_size_but_holds_little_is_read(tmp_path: Path) -> None:
    path = tmp_path / "claims.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Employee ID", "Name"])
    sheet.append([1, "Ann"])
    sheet.cell(row=40, column=300).style = "Note"  # formatted but empty: not data
    book.save(path)
    table = read_table(path)
    assert table.header == ["Employee ID", "Name"] and table.rows == [["1", "Ann"]]
