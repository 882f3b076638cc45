"""Reading CSV and Excel files into rows of text, whatever their encoding, sheet or name.

Everything is read as text: ids and zip codes keep their leading zeros, and
conversion happens later with the mapping in hand. What a file is comes from
its bytes (``sniff.identify``), not its extension; the text encoding is chosen
with evidence and named in the report with a sample, so a wrong guess is
seen and can be overridden. CSV is parsed with the standard library so
ragged rows are seen and reported instead of silently shifted or padded;
.xlsx goes to ``workbook``, streamed so a huge or hostile workbook is
refused at a limit (``limits``) instead of filling memory. Any failure to
read becomes an ``UnreadableFileError`` (or ``TooLargeError``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from hrdesk.importing import limits
from hrdesk.importing.sniff import DecodeFailure, Decoded, FileKind, decode, identify, sample_line, sniff_delimiter
from hrdesk.importing.table import SourceTable, UnreadableFileError, build_table, with_changes
from hrdesk.importing.workbook import read_workbook

MAX_FIELD_CHARS = limits.MAX_CELL_CHARS
SHARED_CELLS = 50_000
_EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


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
        return read_workbook(path, sheet, renamed)
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
    table = build_table(path, "csv", decoded.encoding, delimiter, records)
    return with_changes(
        table,
        encoding_chosen_by=decoded.chosen_by,
        encoding_alternatives=decoded.alternatives,
        sample=sample_line(text),
        notes=tuple(notes),
    )


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their endings, split as ``io.StringIO(text, newline="")`` splits them.

    One line at a time: a StringIO holds the whole file again at four bytes a
    character, which was the largest thing an import of 300,000 rows held.
    """
    return (match.group() for match in _LINE.finditer(text))


def _parse_csv(text: str, delimiter: str, name: str) -> list[list[str]]:
    old_limit = csv.field_size_limit()
    csv.field_size_limit(limits.MAX_CELL_CHARS)
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=False)
    records: list[list[str]] = []
    cells = 0
    # Exports repeat a department, a date or a status on thousands of rows: keep one string
    # for each distinct cell (as pandas' reader does), which halves what a large file holds.
    # Only the first SHARED_CELLS distinct cells are learnt: ids, names and zip codes never repeat,
    # and a dict of every one of them (250,000 at 100,000 rows) cost more than the parse itself.
    shared: dict[str, str] = {}
    share = shared.setdefault
    try:
        for record in reader:
            records.append(list(map(share, record, record)))
            cells += len(record)
            if len(records) % 1024 == 0 and len(shared) > SHARED_CELLS:
                share = shared.get  # from here on: the cells already known are shared, new ones kept as read
            if cells > limits.MAX_CELLS or len(records) > limits.MAX_ROWS or len(record) > limits.MAX_COLUMNS:
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


__all__ = ["MAX_FIELD_CHARS", "SourceTable", "UnreadableFileError", "read_table", "table_from_text"]
