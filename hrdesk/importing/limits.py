"""How big a file hrdesk will import, and the refusal when one is bigger.

The limits are far above any real HR export (the largest organisation
hrdesk is meant for has ten thousand people) and far below what would
exhaust a laptop: a file past them is refused before it is read in full,
with nothing written. The README's "Import limits" table states the same
numbers; ``tests/importing/test_import_limits.py`` checks each one.
"""

from __future__ import annotations

from hrdesk.errors import InvalidInputError

MAX_FILE_BYTES = 200 * 1024 * 1024  # on disk, CSV or workbook
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024  # everything inside an .xlsx, unpacked
MAX_COMPRESSION_RATIO = 150  # a member unpacking to more than 150x its packed size (past 10 MB) is a zip bomb
MAX_ROWS = 500_000  # an organisation of 300,000 people imports in one file
MAX_COLUMNS = 500
MAX_CELLS = 12_000_000  # rows x columns actually read: 300,000 people in 36 columns fit
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell


class TooLargeError(InvalidInputError):
    """The file is past one of the limits above; nothing was read into the vault."""

    title = "File too large"

    def __init__(self, name: str, what: str) -> None:
        super().__init__(
            f"'{name}' is too large to import: {what}. Nothing was imported.",
            hint="Split the export into smaller files, or remove the columns and rows hrdesk does not need.",
        )


def check_file_size(name: str, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise TooLargeError(name, f"{size / 2**20:.0f} MB on disk, more than the {MAX_FILE_BYTES // 2**20} MB hrdesk reads")


def check_row(name: str, rows_so_far: int, cells_so_far: int, width: int) -> None:
    """Called for every row read: refuse as soon as a limit is passed, before reading on."""
    if width > MAX_COLUMNS:
        raise TooLargeError(name, f"a row has {width:,} columns, more than the {MAX_COLUMNS:,} hrdesk reads")
    if rows_so_far > MAX_ROWS:
        raise TooLargeError(name, f"more than {MAX_ROWS:,} rows")
    if cells_so_far > MAX_CELLS:
        raise TooLargeError(name, f"more than {MAX_CELLS:,} cells (rows x columns)")


def cell_too_long(name: str, row: int, length: int) -> TooLargeError:
    return TooLargeError(name, f"the cell in row {row} holds {length:,} characters, more than the {MAX_CELL_CHARS:,} a spreadsheet cell can")
