"""The packet's content as plain values: sections of paragraphs, tables and charts.

Gathering (the section modules) and rendering (``document``) meet here, so the
numbers can be tested without a PDF, and every table has one JSON form (the
attachment an auditor recomputes from) that is exactly what the page shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Text:
    """A paragraph of plain text (escaped when rendered); ``style``: p, h2, note."""

    text: str
    style: str = "p"


@dataclass(frozen=True)
class Table:
    """A table as shown, and as attached in JSON (``key`` names the attachment)."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    empty: str = ""  # the sentence shown instead of an empty table (never silently empty)
    note: str = ""
    widths: tuple[float, ...] = ()  # relative column widths; equal when empty

    def to_json(self, section: str) -> dict[str, Any]:
        return {"section": section, "title": self.title, "columns": list(self.columns),
                "rows": [dict(zip(self.columns, (_plain(v) for v in row))) for row in self.rows],
                "note": self.note if self.rows else (self.empty or self.note)}


@dataclass(frozen=True)
class Bar:
    """One group on a rate chart: its rate and 95% interval, and whether it is too small to judge."""

    label: str
    rate: float | None
    low: float | None
    high: float | None
    n: int
    small: bool = False
    status: str = ""


@dataclass(frozen=True)
class RateChart:
    """Rates per group with their intervals and the four-fifths line (``line``: the rate a group must reach,
    or stay under for an unfavourable outcome)."""

    title: str
    bars: tuple[Bar, ...]
    line: float | None
    line_label: str
    favourable: bool = True


Block = Text | Table | RateChart


@dataclass
class Section:
    """One numbered section: its title and blocks, in order."""

    number: int
    title: str
    blocks: list[Block] = field(default_factory=list)

    def say(self, text: str, style: str = "p") -> None:
        self.blocks.append(Text(text, style))

    def table(self, table: Table) -> Table:
        self.blocks.append(table)
        return table

    def chart(self, chart: RateChart) -> None:
        self.blocks.append(chart)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class Cover:
    """What the cover says: whose packet, which period, made when and by whom, with which versions and key."""

    organisation: str
    period_from: dt.date | None
    period_to: dt.date | None
    generated_at: str
    generated_by: str
    hrdesk_version: str
    vault_format: int
    fingerprint: str  # the signing key's fingerprint ("" when unsigned)
    names_shown: bool
    first_record: dt.date | None = None  # the vault's first audit entry: where a period without --from starts

    @property
    def period(self) -> str:
        """Both ends as dates: without --from it starts at the vault's first record, without --to on the day made."""
        first = f"{self.first_record.isoformat()} (the vault's first record)" if self.first_record else (
            "the vault's first record")
        start = self.period_from.isoformat() if self.period_from else first
        end = self.period_to.isoformat() if self.period_to else f"{self.generated_at[:10]} (the day it was generated)"
        return f"{start} to {end}"

    @property
    def period_dates(self) -> str:
        """The period as two dates, for the running footer (the cover says where each end comes from)."""
        start = self.period_from or self.first_record
        end = self.period_to.isoformat() if self.period_to else self.generated_at[:10]
        return f"{start.isoformat() if start else 'the first record'} to {end}"

    @property
    def names_sentence(self) -> str:
        if self.names_shown:
            return ("Employees are shown BY NAME: the HR user who generated it chose to show names "
                    "(the choice is recorded in the vault's audit log).")
        return ("Employees are shown under pseudonyms (such as E-7F3A) that hold only within this packet; "
                "managers likewise (M-...). Groups too small to judge appear only in aggregate.")


@dataclass
class Packet:
    cover: Cover
    sections: list[Section]

    def tables(self) -> list[tuple[Section, Table]]:
        return [(s, t) for s in self.sections for t in s.tables]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


def combined(groups: int) -> str:
    """The row that stands for the groups too small to judge, never shown one by one."""
    return f"{groups} smaller group{'s' if groups != 1 else ''} combined"


def pct(value: float | None, digits: int = 1) -> str:
    """A share as a percentage, or a dash when there is none."""
    return "—" if value is None or value != value else f"{value:.{digits}%}"


def num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None or value != value else f"{value:.{digits}f}"


def day(when: str | None) -> str:
    """The date part of an ISO date-time ("" stays "")."""
    return (when or "")[:10]
