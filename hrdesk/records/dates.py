"""How a date is written for a person: "3 Mar 2025", or a dash when there is none."""

from __future__ import annotations

import datetime as dt
import re


def nice_date(value: dt.date | None) -> str:
    """The day, short month and year without a leading zero; "—" for no date."""
    return value.strftime("%d %b %Y").lstrip("0") if value else "—"


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_iso_day(text: str) -> dt.date:
    """A date the user typed as YYYY-MM-DD, and only that.

    Python's ``date.fromisoformat`` also takes "20261201" and "2026-W48-1";
    a typed 20261201 is more likely a slip than a date, and the help says
    YYYY-MM-DD, so anything else raises ``ValueError`` like a bad date does.
    """
    if not _ISO_DAY.fullmatch(text.strip()):
        raise ValueError(f"'{text}' is not written YYYY-MM-DD")
    return dt.date.fromisoformat(text.strip())
