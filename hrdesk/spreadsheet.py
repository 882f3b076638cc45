"""Writing files that people open in spreadsheets, safely.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is run as a formula by Excel, LibreOffice and Google Sheets (CSV/formula
injection); feedback text and names come from other people, so every CSV
hrdesk writes passes its text cells through ``safe_cell``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hrdesk.errors import InvalidInputError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """A value as CSV text that no spreadsheet will execute."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def output_folder(folder: Path) -> Path:
    """Create ``folder`` for an export, or say plainly why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInputError(
            f"Cannot create the folder '{folder}': {exc.strerror or exc}.", hint="Choose another place to save it."
        ) from None
    return folder
