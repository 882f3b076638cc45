"""The Employees table's columns: what each shows of a person, and how it sorts.

A column reads one *value* per person (a field, or what the cell depends on);
its text and its sort key are functions of that value only, so they are worked
out once per distinct value (a few dozen departments, not 100,000 rows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import numpy as np

from hrdesk.records import Employee
from hrdesk.ui.formatting import local_date

if TYPE_CHECKING:
    from hrdesk.ui.employees_model import PeopleSnapshot


@dataclass(frozen=True)
class Column:
    title: str
    fields: tuple[str, ...]  # the employee's fields the cell depends on: its value
    text: Callable[["PeopleSnapshot", Any], str]  # the cell's text, from the value
    key: Callable[["PeopleSnapshot", Any], Any]  # sorts the values correctly (names casefolded, ratings by rank)
    max_width: int = 200  # pixels; the table never starts wider than this per column
    #: Everyone's sort ranks at once from everyone's values (one field), where a key per value is slow
    #: (100,000 distinct values); None from it: use the keys after all.
    ranks: Callable[["PeopleSnapshot", list[Any]], np.ndarray | None] | None = None

    @property
    def value(self) -> Callable[[Employee], Hashable]:
        """Employee -> value (an attrgetter: over 100,000 people a Python call each adds up)."""
        return attrgetter(*self.fields)


def _date(value: dt.date | None) -> str:
    return local_date(value)  # the user's locale, as every date in hrdesk


def _employee_id_key(value: str) -> tuple[int, int, str]:
    return (0, int(value), "") if value.isdigit() else (1, 0, value)


def _employee_id_ranks(_s: "PeopleSnapshot", values: list[str]) -> np.ndarray | None:
    """Numeric ids (the usual) rank as numbers; any other id leaves it to ``_employee_id_key``."""
    if not all(map(str.isdigit, values)) or max(map(len, values), default=0) > 18:  # past int64
        return None
    return np.unique(np.array(list(map(int, values)), dtype=np.int64), return_inverse=True)[1].astype(np.int32)


def _opted_out_ranks(s: "PeopleSnapshot", ids: list[str]) -> np.ndarray:
    """Opted out first (rank 0), as ``AI use``'s key says."""
    return (~np.fromiter(map(s.opted_out.__contains__, ids), dtype=bool, count=len(ids))).astype(np.int32)


def _manager(s: "PeopleSnapshot", value: tuple[str | None, str | None]) -> str:
    team_id, manager_name = value
    return s.team_name(team_id) or manager_name or ""


def _or_empty(_s: "PeopleSnapshot", value: str | None) -> str:
    return value or ""


def _folded(_s: "PeopleSnapshot", value: str | None) -> str:
    return (value or "").casefold()


COLUMNS: tuple[Column, ...] = (
    # What HR scans first comes first: who, their rating and whether they are still here.
    Column("Name", ("name",), lambda s, v: v, lambda s, v: v.casefold(), 210),
    Column("Employee ID", ("employee_id",), lambda s, v: v, lambda s, v: _employee_id_key(v), 125, _employee_id_ranks),
    Column("Performance", ("performance_score",), lambda s, v: v or "—", lambda s, v: s.scale_rank(v), 180),
    Column("Status", ("employment_status",), _or_empty, _folded, 190),
    Column("Department", ("department",), _or_empty, _folded, 180),
    Column("Manager", ("team_id", "manager_name"), _manager, lambda s, v: _manager(s, v).casefold(), 160),
    Column("Position", ("position",), _or_empty, _folded, 200),
    Column("AI use", ("id",), lambda s, v: "Opted out" if v in s.opted_out else "",
           lambda s, v: 0 if v in s.opted_out else 1, 100, _opted_out_ranks),
    Column("Hire date", ("hire_date",), lambda s, v: _date(v), lambda s, v: v.isoformat() if v else "", 120),
)
#: Every field a column shows, in one order (the table reads them from each person in one go).
FIELDS: tuple[str, ...] = tuple(dict.fromkeys(f for c in COLUMNS for f in c.fields))
NAME, EMPLOYEE_ID, PERFORMANCE, STATUS, DEPARTMENT, MANAGER, POSITION, AI_USE, HIRE_DATE = range(len(COLUMNS))
