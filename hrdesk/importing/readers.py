"""Reading CSV and Excel files into rows of text, whatever their encoding.

Everything is read as text: ids and zip codes keep their leading zeros, and
conversion happens later with the mapping in hand. CSV is parsed with the
standard library so ragged rows (a row with too many or too few fields) are
seen and reported instead of silently shifted or padded; Excel goes through
pandas and openpyxl. Any failure to read becomes an ``UnreadableFileError``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from hrdesk.errors import InvalidInputError

MAX_FIELD_CHARS = 100_000  # a cell larger than this is damage, not data
_DELIMITERS = (",", ";", "\t", "|")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class UnreadableFileError(InvalidInputError):
    title = "Cannot read the file"


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


def read_table(path: Path | str) -> SourceTable:
    """Read a CSV or .xlsx file; raise ``UnreadableFileError`` with the reason if it cannot be."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFileError(f"There is no file at '{path}'.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_excel(path)
    if suffix == ".xls":
        raise UnreadableFileError(
            f"'{path.name}' is an old-style Excel file.", hint="Save it as .xlsx or CSV in Excel, then import that."
        )
    return _read_csv(path)


# --- CSV -------------------------------------------------------------------


def decode(raw: bytes) -> tuple[str, str]:
    """Decode bytes as the encoding they most plausibly are; return (text, encoding)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _strict(raw, encoding), encoding
    utf16 = _utf16_without_bom(raw)
    if utf16:
        return _strict(raw, utf16), utf16
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"  # every byte is a latin-1 character


def _strict(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(
            f"The file says it is {encoding} but byte {exc.start} is not valid {encoding}.",
            hint="Export it again from the HR system as CSV (UTF-8).",
        ) from None


def _utf16_without_bom(raw: bytes) -> str:
    """Text that is mostly ASCII in UTF-16 has a zero byte in every other place."""
    sample = raw[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return ""
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return ""


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return controls > max(3, len(sample) // 100)


def sniff_delimiter(text: str) -> str:
    """The separator used in the header line (comma, semicolon, tab or pipe)."""
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(path: Path) -> SourceTable:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(f"'{path.name}' cannot be read: {exc.strerror or exc}.") from None
    if not raw.strip():
        raise UnreadableFileError(f"'{path.name}' is empty.")
    text, encoding = decode(raw)
    if _looks_binary(text):
        raise UnreadableFileError(
            f"'{path.name}' does not look like a CSV text file.",
            hint="Choose the CSV or .xlsx export from the HR system.",
        )
    return _csv_table(path, text, encoding)


def table_from_text(text: str, name: str) -> SourceTable:
    """CSV text already in memory (e.g. generated), read exactly as a file would be; no file is written."""
    return _csv_table(Path(name), text, "utf-8")


def _csv_table(path: Path, text: str, encoding: str) -> SourceTable:
    delimiter = sniff_delimiter(text)
    records = _parse_csv(text, delimiter, path.name)
    return _table(path, "csv", encoding, delimiter, records)


def _parse_csv(text: str, delimiter: str, name: str) -> list[list[str]]:
    old_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    except csv.Error as exc:
        # the reader's line_num is a physical line; that is what the message says
        raise UnreadableFileError(
            f"'{name}' is not valid CSV: {exc}.",
            hint="Check the file in a spreadsheet program; a cell may be damaged or too large.",
        ) from None
    finally:
        csv.field_size_limit(old_limit)


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


def _read_excel(path: Path) -> SourceTable:
    import pandas as pd

    try:
        frame = pd.read_excel(path, sheet_name=0, header=None, dtype=object, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for damaged files; all mean "cannot read"
        raise UnreadableFileError(
            f"'{path.name}' cannot be read as an Excel workbook ({type(exc).__name__}).",
            hint="Open it in Excel and save it again as .xlsx, or export CSV.",
        ) from None
    records = [[_cell_text(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    table = _table(path, "xlsx", "xlsx", "", records)
    width = len(table.header)
    # every row is as wide as the sheet; empty cells beyond the header are not data (filled ones are reported)
    rows = [r if any(c.strip() for c in r[width:]) else r[:width] for r in table.rows]
    return SourceTable(path, "xlsx", "xlsx", "", table.header, rows, table.row_numbers)


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
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)
