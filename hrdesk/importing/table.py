"""A file's rows as text, and how it was read: what every reader returns.

``SourceTable`` is what the mapping, validation and the import dialog work
on; ``build_table`` finds the header row (below any title lines), numbers
rows as a spreadsheet shows them and skips blank rows, the same for CSV and
workbooks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from hrdesk.errors import InvalidInputError
from hrdesk.importing.sniff import encoding_label


class UnreadableFileError(InvalidInputError):
    title = "Cannot read the file"


class NoHeaderSheet(UnreadableFileError):
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


def with_changes(table: SourceTable, **changes: object) -> SourceTable:
    return replace(table, **changes)  # type: ignore[arg-type]


def build_table(path: Path, fmt: str, encoding: str, delimiter: str, records: list[list[str]]) -> SourceTable:
    """Split off the header, number the rows as a spreadsheet does, skip blank rows."""
    start = header_index(records)
    if start is None:
        raise UnreadableFileError(f"'{path.name}' has no header row.", hint="The first row must name the columns.")
    header = clean_header(records[start], path.name)
    rows: list[list[str]] = []
    numbers: list[int] = []
    for index, record in enumerate(records[start + 1 :], start=start + 2):
        first = record[0] if record else ""
        if (not first or first.isspace()) and not "".join(record).strip():  # blank in every cell
            continue
        rows.append(record)
        numbers.append(index)
    return SourceTable(path, fmt, encoding, delimiter, header, rows, numbers)


TITLE_ROWS = 10


def header_index(records: list[list[str]]) -> int | None:
    """The header is the first row naming at least two columns: exports often put a title
    line ('Employee export, January 2024') or a blank row above it."""
    for index, record in enumerate(records[:TITLE_ROWS]):
        if sum(1 for cell in record if cell.strip()) >= 2:
            return index
    return 0 if records and any(cell.strip() for cell in records[0]) else None


def clean_header(cells: list[str], name: str) -> list[str]:
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


