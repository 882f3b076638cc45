"""Reading an .xlsx workbook as text rows: streamed, bounded, one named worksheet.

openpyxl reads in read-only mode, row by row, so memory follows the rows
read and not what the workbook claims (its stated size can be A1:XFD1048576);
a limit (``limits``) stops it as soon as one is passed, and a zip bomb is
refused from the archive's directory before anything is unpacked. The sheet
read is the one asked for, else the first with data; the others are named
in the report. openpyxl's warnings (about formatting it skips) become one
plain note instead of reaching the console.
"""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from pathlib import Path

from hrdesk.importing import limits
from hrdesk.importing.table import NoHeaderSheet, SourceTable, UnreadableFileError, build_table, header_index, with_changes


def read_workbook(path: Path, sheet: str | None, renamed: str) -> SourceTable:
    _check_zip_sizes(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = _read_workbook(path, sheet)
    notes = ([renamed] if renamed else []) + _plain_warnings([str(w.message) for w in caught])
    return with_changes(table, notes=tuple(notes)) if notes else table


def _check_zip_sizes(path: Path) -> None:
    """A workbook is a zip archive: refuse one that unpacks to far more than it holds (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UnreadableFileError(
            f"'{path.name}' is a damaged Excel workbook ({exc}).",
            hint="Open it in Excel and save it again as .xlsx, or export CSV.",
        ) from None
    total = sum(m.file_size for m in members)
    if total > limits.MAX_UNCOMPRESSED_BYTES:
        raise limits.TooLargeError(
            path.name, f"it unpacks to {total / 2**20:,.0f} MB, more than the {limits.MAX_UNCOMPRESSED_BYTES // 2**20} MB hrdesk reads"
        )
    for member in members:
        if member.file_size > 10 * 2**20 and member.file_size > limits.MAX_COMPRESSION_RATIO * max(1, member.compress_size):
            raise limits.TooLargeError(
                path.name, f"a part of it unpacks to {member.file_size // max(1, member.compress_size):,} times its size (a zip bomb)"
            )


def _read_workbook(path: Path, sheet: str | None) -> SourceTable:
    import openpyxl

    handle = path.open("rb")  # a handle, not the name: openpyxl refuses a workbook named .xls or .csv
    try:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:
        handle.close()  # openpyxl raises many types for damaged files; all mean "cannot read"
        raise UnreadableFileError(
            f"'{path.name}' is a damaged Excel workbook; it cannot be read ({_plain_exception(exc)}).",
            hint="Open it in Excel and save it again as .xlsx, or export CSV.",
        ) from None
    try:
        names = tuple(ws.title for ws in book.worksheets)
        if sheet is not None and sheet not in names:
            raise UnreadableFileError(
                f"'{path.name}' has no worksheet called '{sheet}'.",
                hint="Its worksheets are: " + ", ".join(f"'{n}'" for n in names) + ".",
            )
        if sheet is not None:
            return _sheet_table(path, book[sheet], names)
        first: SourceTable | None = None
        all_empty = True
        for name in names:  # the first sheet with data rows, else the first with a header row
            try:
                table = _sheet_table(path, book[name], names)
            except NoHeaderSheet as exc:
                all_empty = all_empty and exc.empty
                continue
            if table.rows:
                return table
            first = first or table
        if first is None and all_empty:
            raise UnreadableFileError(
                f"'{path.name}' holds no data: "
                + (f"its worksheet '{names[0]}' is empty." if len(names) == 1 else f"all its {len(names)} worksheets are empty."),
                hint="Check that this is the export you meant, and that it was saved after the data was filled in.",
            )
        if first is None:
            raise UnreadableFileError(
                f"'{path.name}' has no worksheet with a header row"
                + (f" (its sheets: {', '.join(repr(n) for n in names)})." if names else "."),
                hint="The first row of a sheet must name the columns.",
            )
        return first
    except (UnreadableFileError, limits.TooLargeError):
        raise
    except Exception as exc:  # damage found while streaming the sheet
        raise UnreadableFileError(
            f"'{path.name}' is a damaged Excel workbook; it cannot be read ({_plain_exception(exc)}).",
            hint="Open it in Excel and save it again as .xlsx, or export CSV.",
        ) from None
    finally:
        book.close()
        handle.close()


def _sheet_table(path: Path, worksheet: object, names: tuple[str, ...]) -> SourceTable:
    """Stream one worksheet's rows, refusing at a limit; empty cells beyond the data are not data."""
    worksheet.reset_dimensions()  # the stated size can lie (A1:XFD1048576); read the cells that are there
    records: list[list[str]] = []
    cells = 0
    for index, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        row = [_cell_text(v) for v in values]
        while row and not row[-1].strip():
            row.pop()
        cells += len(row)
        limits.check_row(path.name, index - 1, cells, len(row))
        for text in row:
            if len(text) > limits.MAX_CELL_CHARS:
                raise limits.cell_too_long(path.name, index, len(text))
        records.append(row)
    title = worksheet.title
    if header_index(records) is None:
        others = ", ".join(f"'{n}'" for n in names if n != title)
        raise NoHeaderSheet(
            f"The worksheet '{title}' in '{path.name}' has no header row.",
            empty=not any(any(c.strip() for c in r) for r in records),
            hint="The first row must name the columns" + (f"; the workbook's other sheets are {others} (choose one with --sheet NAME)." if others else "."),
        )
    table = build_table(path, "xlsx", "xlsx", "", records)
    width = len(table.header)
    # a spreadsheet row is as wide as it is filled: pad to the header so an empty last cell is not a shift
    rows = [r + [""] * (width - len(r)) if len(r) < width else r for r in table.rows]
    return with_changes(table, rows=rows, sheet=title, sheets=names)


_WARNING_WORDS = (
    ("data validation", "data validation rules"),
    ("conditional formatting", "conditional formatting"),
    ("default style", "cell styles"),
    ("stylesheet", "cell styles"),
    ("header or footer", "page headers and footers"),
    ("extension", "Excel extensions"),
    ("print", "print settings"),
    ("defined name", "named ranges"),
)


def _plain_warnings(messages: list[str]) -> list[str]:
    """openpyxl's warnings (about formatting it skips) in one plain sentence; values are unaffected."""
    if not messages:
        return []
    found: list[str] = []
    for message in messages:
        lower = message.lower()
        words = next((plain for key, plain in _WARNING_WORDS if key in lower), "other workbook features")
        if words not in found:
            found.append(words)
    return [f"Parts of the workbook that hold no data were skipped ({', '.join(found)}); every cell value was read."]


def _plain_exception(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text[:120] if text else type(exc).__name__


def _cell_text(value: object) -> str:
    """An Excel cell as the text a user would see in a CSV export."""
    if value is None or value != value:  # None, NaN and NaT are all empty cells
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)
