"""Reading CSV and Excel files into rows of text, whatever their encoding, sheet or name.

Everything is read as text: ids and zip codes keep their leading zeros, and
conversion happens later with the mapping in hand. What a file is comes from
its bytes (``sniff.identify``), not its extension; the text encoding is chosen
with evidence and named in the report with a sample, so a wrong guess is
seen and can be overridden. CSV is parsed with the standard library so
ragged rows are seen and reported instead of silently shifted or padded;
.xlsx is streamed with openpyxl (read-only) so a huge or hostile workbook is
refused at a limit (``limits``) instead of filling memory. Any failure to
read becomes an ``UnreadableFileError`` (or ``TooLargeError``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from hrdesk.errors import InvalidInputError
from hrdesk.importing import limits
from hrdesk.importing.sniff import DecodeFailure, Decoded, FileKind, decode, encoding_label, identify, sample_line, sniff_delimiter

MAX_FIELD_CHARS = limits.MAX_CELL_CHARS
_EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


class UnreadableFileError(InvalidInputError):
    title = "Cannot read the file"


class _NoHeaderSheet(UnreadableFileError):
    """A worksheet with no header row: when no sheet was chosen, the next one is tried."""

    def __init__(self, message: str, *, hint: str, empty: bool) -> None:
        super().__init__(message, hint=hint)
        self.empty = empty


@dataclass(frozen=True)
class SourceTable:
    """A file's header and data rows as text, with how it was read.

    ``row_numbers[i]`` is the row of ``rows[i]`` as a spreadsheet shows it
    (the header is row 1), so errors point where the user will look.
    """

    path: Path
    format: str  # "csv" or "xlsx"
    encoding: str
    delimiter: str
    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    sheet: str = ""  # the worksheet read (.xlsx)
    sheets: tuple[str, ...] = ()  # every worksheet in the workbook, in order
    encoding_chosen_by: str = ""  # "valid UTF-8", "scored", "you chose it", ...
    encoding_alternatives: tuple[str, ...] = ()
    sample: str = ""  # a line of the file as decoded, where a wrong encoding would show
    notes: tuple[str, ...] = ()  # what else the reader noticed, in plain words

    def reading_notes(self, *, window: bool = False) -> list[str]:
        """How the file was read, for the import report: encoding and sample, sheet, other notes.

        ``window`` words the "choose another" hints for the import dialog instead of the command line.
        """
        choose_encoding = "the Text encoding list above" if window else "--encoding NAME, or the Text encoding list in the import window"
        choose_sheet = "the Worksheet list above" if window else "--sheet NAME, or the Worksheet list in the import window"
        lines: list[str] = []
        if self.format == "csv" and self.encoding_chosen_by and self.encoding_chosen_by != "plain ASCII":
            line = f"Text encoding: {encoding_label(self.encoding)}."
            if self.encoding_chosen_by in ("scored", "you chose it") and self.sample:
                line = f"Text encoding: {encoding_label(self.encoding)} ({_why(self.encoding_chosen_by)}); it reads: '{self.sample}'."
            if self.encoding_alternatives:
                line += " Also possible: " + ", ".join(encoding_label(e) for e in self.encoding_alternatives) + "."
            if self.encoding_chosen_by == "scored":
                line += f" If names look wrong, choose the encoding ({choose_encoding})."
            lines.append(line)
        if self.sheet:
            others = [s for s in self.sheets if s != self.sheet]
            line = f"Worksheet read: '{self.sheet}'."
            if others:
                line += (
                    f" The workbook has {len(others)} other sheet{'s that were' if len(others) > 1 else ' that was'} not read: "
                    + ", ".join(f"'{s}'" for s in others)
                    + f" (choose one with {choose_sheet})."
                )
            lines.append(line)
        return lines + list(self.notes)


def _why(chosen_by: str) -> str:
    return "guessed from the text" if chosen_by == "scored" else chosen_by


def read_table(path: Path | str, *, encoding: str | None = None, sheet: str | None = None) -> SourceTable:
    """Read a CSV or .xlsx file; raise ``UnreadableFileError`` with the reason if it cannot be.

    ``encoding`` forces a text encoding (CSV); ``sheet`` names the worksheet
    (.xlsx; default: the first sheet with a header row).
    """
    path = Path(path)
    if path.is_dir():
        raise UnreadableFileError(
            f"'{path}' is a folder, not a file.", hint="Choose the CSV or .xlsx export inside it."
        )
    if not path.is_file():
        raise UnreadableFileError(f"There is no file at '{path}'.", hint="Check the name and the folder.")
    try:
        limits.check_file_size(path.name, path.stat().st_size)
        kind = identify(path)
    except OSError as exc:
        raise UnreadableFileError(f"'{path.name}' cannot be read: {exc.strerror or exc}.") from None
    renamed = _renamed_note(path, kind)
    if kind.kind == "xlsx":
        return _read_excel(path, sheet, renamed)
    if kind.kind == "text":
        if sheet:
            raise UnreadableFileError(
                f"'{path.name}' is a text (CSV) file, which has no worksheets; --sheet is for .xlsx workbooks.",
                hint="Import it without choosing a sheet.",
            )
        return _read_csv(path, encoding, renamed)
    _refuse(path, kind)
    raise AssertionError("unreachable")


def _renamed_note(path: Path, kind: FileKind) -> str:
    suffix = path.suffix.lower()
    if kind.kind == "xlsx" and suffix not in (".xlsx", ".xlsm"):
        return f"'{path.name}' is really {kind.description} despite its name; it was read as one."
    if kind.kind == "text" and suffix in _EXCEL_SUFFIXES:
        return f"'{path.name}' is really a text (CSV) file despite its name; it was read as CSV."
    return ""


def _refuse(path: Path, kind: FileKind) -> None:
    """Every kind of file hrdesk cannot read, each with what it is and what to do."""
    name = path.name
    if kind.kind == "empty":
        raise UnreadableFileError(f"'{name}' is empty.", hint="Export the data again from the HR system.")
    if kind.kind == "encrypted":
        raise UnreadableFileError(
            f"'{name}' is {kind.description}; hrdesk cannot read it without the password.",
            hint="Open it in Excel, remove the password (File > Info > Protect Workbook), save it, and import that.",
        )
    save_as = "Open it in Excel or LibreOffice, save it as .xlsx or CSV, and import that."
    if kind.kind in ("xls", "ods", "xml", "html"):
        raise UnreadableFileError(f"'{name}' is {kind.description}, which hrdesk does not read.", hint=save_as)
    raise UnreadableFileError(
        f"'{name}' is {kind.description}, not a CSV or Excel export.",
        hint="Choose the CSV or .xlsx export from the HR system.",
    )


# --- CSV -------------------------------------------------------------------


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return controls > max(3, len(sample) // 100)


def _read_csv(path: Path, encoding: str | None, renamed: str) -> SourceTable:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(f"'{path.name}' cannot be read: {exc.strerror or exc}.") from None
    if not raw.strip():
        raise UnreadableFileError(f"'{path.name}' is empty.")
    try:
        decoded = decode(raw, encoding)
    except DecodeFailure as exc:
        raise UnreadableFileError(
            f"'{path.name}' is not readable text: {exc.reason}.",
            hint="Choose the encoding it was saved in (--encoding NAME, or the Text encoding list in the import window), "
            "or export it again from the HR system as CSV (UTF-8).",
        ) from None
    del raw
    if _looks_binary(decoded.text):
        raise UnreadableFileError(
            f"'{path.name}' does not look like a CSV text file.",
            hint="Choose the CSV or .xlsx export from the HR system.",
        )
    return _csv_table(path, decoded, [renamed] if renamed else [])


def table_from_text(text: str, name: str) -> SourceTable:
    """CSV text already in memory (e.g. generated), read exactly as a file would be; no file is written."""
    return _csv_table(Path(name), Decoded(text, "utf-8", ""), [])


def _csv_table(path: Path, decoded: Decoded, notes: list[str]) -> SourceTable:
    text = decoded.text
    delimiter = sniff_delimiter(text[:65536].splitlines()[:13])
    records = _parse_csv(text, delimiter, path.name)
    table = _table(path, "csv", decoded.encoding, delimiter, records)
    return _with(
        table,
        encoding_chosen_by=decoded.chosen_by,
        encoding_alternatives=decoded.alternatives,
        sample=sample_line(text),
        notes=tuple(notes),
    )


def _with(table: SourceTable, **changes: object) -> SourceTable:
    return replace(table, **changes)  # type: ignore[arg-type]


def _parse_csv(text: str, delimiter: str, name: str) -> list[list[str]]:
    old_limit = csv.field_size_limit()
    csv.field_size_limit(limits.MAX_CELL_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    records: list[list[str]] = []
    cells = 0
    try:
        for record in reader:
            records.append(record)
            cells += len(record)
            limits.check_row(name, len(records) - 1, cells, len(record))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise limits.TooLargeError(
                name, f"a cell near line {reader.line_num:,} holds more than the {limits.MAX_CELL_CHARS:,} characters a spreadsheet cell can"
            ) from None
        # the reader's line_num is a physical line; that is what the message says
        raise UnreadableFileError(
            f"'{name}' is not valid CSV: {exc}.",
            hint="Check the file in a spreadsheet program; a cell may be damaged.",
        ) from None
    finally:
        csv.field_size_limit(old_limit)
    return records


def _table(path: Path, fmt: str, encoding: str, delimiter: str, records: list[list[str]]) -> SourceTable:
    """Split off the header, number the rows as a spreadsheet does, skip blank rows."""
    start = _header_index(records)
    if start is None:
        raise UnreadableFileError(f"'{path.name}' has no header row.", hint="The first row must name the columns.")
    header = _clean_header(records[start], path.name)
    rows: list[list[str]] = []
    numbers: list[int] = []
    for index, record in enumerate(records[start + 1 :], start=start + 2):
        if not any(cell.strip() for cell in record):
            continue
        rows.append(record)
        numbers.append(index)
    return SourceTable(path, fmt, encoding, delimiter, header, rows, numbers)


TITLE_ROWS = 10


def _header_index(records: list[list[str]]) -> int | None:
    """The header is the first row naming at least two columns: exports often put a title
    line ('Employee export, January 2024') or a blank row above it."""
    for index, record in enumerate(records[:TITLE_ROWS]):
        if sum(1 for cell in record if cell.strip()) >= 2:
            return index
    return 0 if records and any(cell.strip() for cell in records[0]) else None


def _clean_header(cells: list[str], name: str) -> list[str]:
    header = [cell.strip() or f"Column {i}" for i, cell in enumerate(cells, start=1)]
    while len(header) > 1 and header[-1] == f"Column {len(header)}":
        header.pop()  # trailing empty header cells, as spreadsheets leave them
    seen: set[str] = set()
    for cell in header:
        if cell.casefold() in seen:
            raise UnreadableFileError(
                f"'{name}' has two columns called '{cell}'.", hint="Rename one of them so each column has its own name."
            )
        seen.add(cell.casefold())
    return header


# --- Excel -------------------------------------------------------------------


def _read_excel(path: Path, sheet: str | None, renamed: str) -> SourceTable:
    _check_zip_sizes(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = _read_workbook(path, sheet)
    notes = ([renamed] if renamed else []) + _plain_warnings([str(w.message) for w in caught])
    return _with(table, notes=tuple(notes)) if notes else table


def _check_zip_sizes(path: Path) -> None:
    """A workbook is a zip archive: refuse one that unpacks to far more than it holds (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
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
            except _NoHeaderSheet as exc:
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
    if _header_index(records) is None:
        others = ", ".join(f"'{n}'" for n in names if n != title)
        raise _NoHeaderSheet(
            f"The worksheet '{title}' in '{path.name}' has no header row.",
            empty=not any(any(c.strip() for c in r) for r in records),
            hint="The first row must name the columns" + (f"; the workbook's other sheets are {others} (choose one with --sheet NAME)." if others else "."),
        )
    table = _table(path, "xlsx", "xlsx", "", records)
    width = len(table.header)
    # a spreadsheet row is as wide as it is filled: pad to the header so an empty last cell is not a shift
    rows = [r + [""] * (width - len(r)) if len(r) < width else r for r in table.rows]
    return _with(table, rows=rows, sheet=title, sheets=names)


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
