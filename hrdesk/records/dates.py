"""How a date is written for a person: "3 Mar 2025", or a dash when there is none."""

from __future__ import annotations

import datetime as dt


def nice_date(value: dt.date | None) -> str:
    """The day, short month and year without a leading zero; "—" for no date."""
    return value.strftime("%d %b %Y").lstrip("0") if value else "—"
