"""Turning stored values into text an HR person reads at a glance (no Qt)."""

from __future__ import annotations

import json
from datetime import datetime


def local_time(value: str | datetime) -> str:
    """'2025-11-23T10:48:00+00:00' -> '23 Nov 2025, 11:48' in this computer's time zone."""
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    except ValueError:
        return str(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d %b %Y, %H:%M").lstrip("0")


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
