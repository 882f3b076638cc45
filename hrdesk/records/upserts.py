"""Bulk insert-or-update of the records an import brings about known employees.

Reviews (a rating, with optional feedback and goals, per employee and cycle)
and well-being check-ins (per employee and date). Like ``upsert_employees``
they run in the caller's transaction, batch their inserts, and report per row
whether its records were added, updated or unchanged; the payload shapes are
the repositories' own (``records.repository``), so there is one shape per
record kind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from hrdesk.progress import NULL_PROGRESS, Progress, check_cancelled
from hrdesk.records import tables
from hrdesk.records.repository import checkin_payload, feedback_payload, goal_payload, rating_payload
from hrdesk.vault import StoredRow, Vault

BATCH = 500  # rows between cancel checks and progress steps

Outcome = str  # "added" | "updated" | "unchanged"


@dataclass(frozen=True)
class ReviewRow:
    """One review from a file: the employee (vault id), the cycle by name, and what was recorded."""

    employee: str
    cycle: str
    review_date: str | None  # ISO date
    rating: str
    feedback: str | None = None
    goals: str | None = None


@dataclass(frozen=True)
class CheckInRow:
    employee: str  # vault id
    date: str  # ISO date
    mood: int
    workload: int
    stress: int
    comment: str | None = None


@dataclass
class UpsertOutcomes:
    """Per input row, the outcome of each record it wrote (its main record first)."""

    rows: list[list[Outcome]] = field(default_factory=list)
    fields_changed: Counter = field(default_factory=Counter)  # "table.field" -> records changed
    cycles_added: int = 0


class _Upserter:
    """Insert-or-update rows of one table keyed by (employee, something), batching the inserts."""

    def __init__(self, vault: Vault, table: str, key: Callable[[StoredRow], Any]) -> None:
        self.vault, self.table, self.key = vault, table, key
        self.index: dict[Any, StoredRow] = {key(r): r for r in vault.rows(table)}
        self.pending: list[tuple[None, dict, dict]] = []
        self.changed: Counter = Counter()

    def put(self, links: dict[str, str | None], payload: dict[str, Any]) -> Outcome:
        key = self.key(StoredRow("", links, payload))
        old = self.index.get(key)
        if old is None:
            self.pending.append((None, links, payload))
            self.index[key] = StoredRow("pending", links, payload)
            return "added"
        if old.id == "pending":
            return "unchanged"
        changed = [k for k in payload if old.payload.get(k) != payload[k]]
        if not changed:
            return "unchanged"
        self.vault.update(self.table, old.id, {**old.payload, **payload})
        self.changed.update(f"{self.table}.{k}" for k in changed)
        return "updated"

    def flush(self) -> None:
        self.vault.insert_many(self.table, self.pending)
        self.pending = []


def _by_cycle(row: StoredRow) -> tuple[str | None, str | None]:
    return row.links["employee_id"], row.links.get("cycle_id")


def upsert_reviews(vault: Vault, rows: Sequence[ReviewRow], *, progress: Progress = NULL_PROGRESS) -> UpsertOutcomes:
    """Write each review's rating (and feedback, goals) for its employee and cycle; new cycles are created."""
    result = UpsertOutcomes()
    cycles = _cycle_ids(vault, rows, result)
    targets = {name: _Upserter(vault, name, _by_cycle) for name in (tables.RATINGS, tables.FEEDBACK, tables.GOALS)}
    for count, row in enumerate(rows, start=1):
        _step(progress, count)
        links = {"employee_id": row.employee, "cycle_id": cycles[cycle_key(row.cycle)]}
        outcomes = [targets[tables.RATINGS].put(links, rating_payload(row.rating, row.review_date))]
        if row.feedback:
            outcomes.append(targets[tables.FEEDBACK].put(links, feedback_payload(row.feedback, row.review_date)))
        if row.goals:
            outcomes.append(targets[tables.GOALS].put(links, goal_payload(row.goals, row.review_date)))
        result.rows.append(outcomes)
    _finish(targets.values(), result, progress, len(rows))
    return result


def upsert_checkins(vault: Vault, rows: Sequence[CheckInRow], *, progress: Progress = NULL_PROGRESS) -> UpsertOutcomes:
    """Write each check-in, one per employee and date (a second one that day replaces the first)."""
    result = UpsertOutcomes()
    target = _Upserter(vault, tables.CHECKINS, lambda r: (r.links["employee_id"], r.payload["date"]))
    for count, row in enumerate(rows, start=1):
        _step(progress, count)
        payload = checkin_payload(row.date, mood=row.mood, workload=row.workload, stress=row.stress, comment=row.comment)
        result.rows.append([target.put({"employee_id": row.employee}, payload)])
    _finish([target], result, progress, len(rows))
    return result


def _step(progress: Progress, count: int) -> None:
    if count % BATCH == 0:
        check_cancelled(progress, "The import")
        progress.advance(BATCH)


def _finish(targets: Any, result: UpsertOutcomes, progress: Progress, total: int) -> None:
    for target in targets:
        target.flush()
        result.fields_changed.update(target.changed)
    progress.advance(total % BATCH)


def cycle_key(name: str) -> str:
    """Cycle names match regardless of case and spacing ("2024  Annual" is "2024 annual")."""
    return " ".join(name.casefold().split())


def _cycle_ids(vault: Vault, rows: Sequence[ReviewRow], result: UpsertOutcomes) -> dict[str, str]:
    """Cycle ids by name, creating the cycles these rows introduce (dated by their reviews), each audited."""
    ids = {cycle_key(r.payload["name"]): r.id for r in vault.rows(tables.CYCLES)}
    spans: dict[str, list[Any]] = {}
    for row in rows:
        key = cycle_key(row.cycle)
        if key not in ids:
            spans.setdefault(key, [row.cycle]).append(row.review_date)
    for key, (name, *dates) in spans.items():
        known = [d for d in dates if d]
        payload = {"name": name, "start": min(known, default=None), "end": max(known, default=None)}
        ids[key] = vault.insert(tables.CYCLES, payload)
        vault.audit("review_cycles.added", target=ids[key], details={"source": "import"})
        result.cycles_added += 1
    return ids
