"""Turning stored values into text an HR person reads at a glance.

Dates and times follow the user's locale (``QLocale.system()``), in one
format everywhere: the locale's short date with a four-digit year (never an
ambiguous '26/11/26'), and its short time. The date pickers use the same
format (``date_format()``), so what is typed looks like what is shown.
"""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QDate, QLocale, QTime


def date_format(locale: QLocale | None = None) -> str:
    """The locale's short date format with a four-digit year (Qt format string)."""
    loc = locale or QLocale.system()
    if loc.language() == QLocale.Language.C:
        return "yyyy-MM-dd"  # no locale chosen (LANG=C): ISO, which nobody misreads
    fmt = loc.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    return fmt


def local_date(value: dt.date | str | None, locale: QLocale | None = None) -> str:
    """A calendar date in the user's format ('' for none)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        value = value.date()
    loc = locale or QLocale.system()
    return loc.toString(QDate(value.year, value.month, value.day), date_format(loc))


def local_time(value: str | dt.datetime, locale: QLocale | None = None) -> str:
    """'2025-11-23T10:48:00+00:00' -> the date and time in this computer's time zone and the user's format."""
    try:
        moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    except ValueError:
        return str(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    loc = locale or QLocale.system()
    clock = loc.toString(QTime(moment.hour, moment.minute), loc.timeFormat(QLocale.FormatType.ShortFormat))
    return f"{local_date(moment.date(), loc)}, {clock}"


def moment_date(value: str) -> dt.date | None:
    """The local calendar date of a stored ISO time (for date-range filters)."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.date()


def details_text(details: dict) -> str:
    parts = []
    for key, value in details.items():
        shown = value if isinstance(value, str | int | float) else json.dumps(value, ensure_ascii=False)
        parts.append(f"{key.replace('_', ' ')}: {shown}")
    return "; ".join(parts)


def table_title(name: str) -> str:
    return name.replace("_", " ").capitalize()


def role_title(role: str) -> str:
    return {"admin": "HR administrator", "manager": "Manager"}.get(role, role.capitalize())
