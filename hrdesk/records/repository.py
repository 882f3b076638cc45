"""Small repositories over the vault: read typed records, write with an audit entry.

Each repository owns one table. Reads decrypt and build dataclasses; every
write runs in a vault transaction together with its audit entry, whose
details name fields and counts, never values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from hrdesk.errors import DamagedVaultError, InvalidInputError
from hrdesk.records import tables
from hrdesk.records.types import CheckIn, Feedback, Goal, Rating, ReviewCycle, from_date, from_payload
from hrdesk.vault import StoredRow, Vault
from hrdesk.vault.encoding import values_reader

T = TypeVar("T")

RATING_SCALES_KEY = "rating_scales"  # vault meta: scale name -> labels, lowest first


def _iso(value: dt.date | str | None) -> str | None:
    """Dates are stored as ISO text; imports hand them over already as text."""
    return value if isinstance(value, str) or value is None else from_date(value)


# --- payload shapes: one per record kind, used by ``add`` and by the import's bulk upserts ---


def rating_payload(value: str, review_date: dt.date | str | None, scale: str = "performance") -> dict[str, Any]:
    return {"value": value, "scale": scale, "review_date": _iso(review_date)}


def feedback_payload(text: str, date: dt.date | str | None, author: str | None = None) -> dict[str, Any]:
    return {"text": text, "date": _iso(date), "author": author}


def goal_payload(text: str, date: dt.date | str | None, status: str = "open") -> dict[str, Any]:
    return {"text": text, "date": _iso(date), "status": status}


def checkin_payload(date: dt.date | str, *, mood: int, workload: int, stress: int, comment: str | None = None) -> dict[str, Any]:
    return {"date": _iso(date), "mood": mood, "workload": workload, "stress": stress, "comment": comment}


class Repository(Generic[T]):
    table: str = ""
    record: type = object
    #: sees the keys of each record shape ``values`` reads (e.g. to refuse fields that must not be there)
    shape_check: Callable[[tuple[str, ...]], None] | None = None

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def _make(self, row: StoredRow) -> T:
        return from_payload(self.record, row.id, row.payload, **row.links)

    def list(self, *, on_damaged: Callable[[DamagedVaultError], None] | None = None) -> list[T]:
        """Every record; with ``on_damaged`` a damaged one is reported to it and the rest still listed."""
        if on_damaged is None:
            return [self._make(row) for row in self._vault.rows(self.table)]
        return [self._make(row) for row in self._vault.rows(self.table, on_damaged=on_damaged)]

    @property
    def links(self) -> tuple[str, ...]:
        """The table's link columns, in the order ``values`` gives them after the id."""
        return self._vault.tables()[self.table]

    def values(
        self, keys: Sequence[str], *, missing: object = None, only: Callable[[list[tuple]], Iterable[tuple]] | None = None
    ) -> list[tuple[tuple, tuple]]:
        """``((id, *links), values of keys)`` of every record (``missing`` for a key a record lacks; ``only``:
        of the rows it picks by id and links, see ``Vault.values``): no ``record``, not even a payload dict,
        per row; bulk readers such as the audit of 100,000 people decode only the fields they use."""
        read = values_reader(keys, check=self.shape_check, missing=missing)
        return list(self._vault.values(self.table, read, only=only))

    def get(self, record_id: str) -> T:
        """The record with this vault id; raises RecordNotFoundError."""
        return self._make(self._vault.get(self.table, record_id))

    def count(self) -> int:
        return self._vault.count(self.table)

    def for_employee(self, employee_id: str) -> list[T]:
        """Every record of this table about one employee (by vault id), oldest first."""
        return [self._make(row) for row in self._vault.rows(self.table, where={"employee_id": employee_id})]

    def _insert(self, payload: dict[str, Any], links: dict[str, str | None]) -> str:
        with self._vault.transaction():
            new_id = self._vault.insert(self.table, payload, links=links)
            self._vault.audit(f"{self.table}.added", target=new_id, details={"fields": sorted(payload)})
        return new_id

    def delete(self, record_id: str) -> None:
        with self._vault.transaction():
            self._vault.delete(self.table, [record_id])
            self._vault.audit(f"{self.table}.deleted", target=record_id)


def _require_text(value: str, what: str) -> str:
    if not value or not value.strip():
        raise InvalidInputError(f"The {what} must not be empty.")
    return value.strip()


def _score(value: int, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        raise InvalidInputError(f"{what} must be a whole number from 1 to 5.")
    return value


class CycleRepository(Repository[ReviewCycle]):
    table, record = tables.CYCLES, ReviewCycle

    def by_name(self, name: str) -> ReviewCycle | None:
        key = " ".join(name.casefold().split())
        return next((c for c in self.list() if " ".join(c.name.casefold().split()) == key), None)

    def add(self, name: str, start: dt.date | None = None, end: dt.date | None = None) -> ReviewCycle:
        name = _require_text(name, "cycle name")
        if self.by_name(name):
            raise InvalidInputError(f"There is already a review cycle called '{name}'.")
        return self.get(self._insert({"name": name, "start": from_date(start), "end": from_date(end)}, {}))


class RatingRepository(Repository[Rating]):
    table, record = tables.RATINGS, Rating

    def scale(self, name: str = "performance") -> list[str]:
        """The ordinal scale's labels, lowest first ([] until one is declared)."""
        return list(self._vault.meta_get(RATING_SCALES_KEY, {}).get(name, []))

    def declare_scale(self, labels: list[str], name: str = "performance") -> None:
        scales = dict(self._vault.meta_get(RATING_SCALES_KEY, {}))
        scales[name] = list(labels)
        with self._vault.transaction():
            self._vault.meta_set(RATING_SCALES_KEY, scales)
            self._vault.audit("scale.declared", target=name, details={"levels": len(labels)})

    def add(self, employee_id: str, cycle_id: str | None, value: str, *, review_date: dt.date | None = None, scale: str = "performance") -> Rating:
        labels = self.scale(scale)
        if value not in labels:
            raise InvalidInputError(f"'{value}' is not on the {scale} scale ({' < '.join(labels) or 'none declared'}).")
        payload = rating_payload(value, review_date, scale)
        return self.get(self._insert(payload, {"employee_id": employee_id, "cycle_id": cycle_id}))


class GoalRepository(Repository[Goal]):
    table, record = tables.GOALS, Goal

    def add(self, employee_id: str, cycle_id: str | None, text: str, *, date: dt.date | None = None, status: str = "open") -> Goal:
        payload = goal_payload(_require_text(text, "goal"), date or dt.date.today(), status)
        return self.get(self._insert(payload, {"employee_id": employee_id, "cycle_id": cycle_id}))


class FeedbackRepository(Repository[Feedback]):
    table, record = tables.FEEDBACK, Feedback

    def add(self, employee_id: str, cycle_id: str | None, text: str, *, date: dt.date | None = None, author: str | None = None) -> Feedback:
        payload = feedback_payload(_require_text(text, "feedback"), date or dt.date.today(), author)
        return self.get(self._insert(payload, {"employee_id": employee_id, "cycle_id": cycle_id}))


class CheckInRepository(Repository[CheckIn]):
    """Self-reported well-being check-ins; coaching only, never an evaluation feature."""

    table, record = tables.CHECKINS, CheckIn

    def add(self, employee_id: str, date: dt.date, *, mood: int, workload: int, stress: int, comment: str | None = None) -> CheckIn:
        payload = checkin_payload(date, mood=_score(mood, "Mood"), workload=_score(workload, "Workload"),
                                  stress=_score(stress, "Stress"), comment=comment)
        return self.get(self._insert(payload, {"employee_id": employee_id}))
