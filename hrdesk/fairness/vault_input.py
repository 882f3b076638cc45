"""Build an ``AuditInput`` from the decrypted records of a vault.

This is the one place where protected attributes meet performance data, and it
reads them through ``protected.values_for_fairness`` with the fairness-monitoring
purpose (which audit-logs the access). People are identified by their opaque
vault ids; names never enter the audit.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Callable, Sequence
from operator import itemgetter

import pandas as pd

from hrdesk.collector import collector_paused
from hrdesk.errors import InvalidInputError
from hrdesk.fairness.inputs import AuditInput
from hrdesk.records import Records, protected
from hrdesk.records.fields import Purpose
from hrdesk.records.leaving import left_voluntarily  # the rule lives with the records (monitoring imports it here)
from hrdesk.records.types import ReviewCycle, to_date

ATTRIBUTES = ("sex", "race", "hispanic_latino", "disability")


class NothingToAuditError(InvalidInputError):
    """The vault has no employees yet: say what an audit needs instead of "invalid input"."""

    title = "Nothing to audit yet"

    def __init__(self) -> None:
        super().__init__(
            "There is nobody to audit yet: this vault has no employees.",
            hint="Import your HRIS export first ('hrdesk import', or File › Import a file… in the window) with each "
                 "person's performance rating and manager; to compare groups for bias it also needs at least one "
                 "protected attribute such as sex, race/ethnicity or date of birth.",
        )


_ABSENT = object()  # a key a stored record does not have (a rating without "scale" is a performance rating)
_RATING_KEYS = ("value", "scale", "review_date")


def _latest_ratings(records: Records, cycle_order: dict[str, int], cycle_id: str | None) -> dict[str, tuple]:
    """Per employee, (value, review date) of the performance rating of ``cycle_id`` (or of the most
    recent cycle they were rated in; within a cycle the latest review date). Dates are ISO text, which
    sorts as the dates do.

    Only the ratings that can be the answer are decrypted, picked by their links: those of ``cycle_id``,
    or of each person's most recent cycle (then, for the rare person whose latest ratings are all on
    another scale, the rest of theirs). Of those, only the three fields used are decoded.
    """
    links = records.ratings.links
    at_employee, at_cycle = 1 + links.index("employee_id"), 1 + links.index("cycle_id")

    def order(row: tuple) -> int:
        return cycle_order.get(row[at_cycle] or "", -1)

    def latest(rows: list[tuple]) -> list[tuple]:
        if cycle_id is not None:
            return [row for row in rows if row[at_cycle] == cycle_id]
        # each row's cycle order, and each person's newest, without a Python call per row (192,000 at 100,000 people)
        orders = list(map(cycle_order.get, map(itemgetter(at_cycle), rows), itertools.repeat(-1)))
        employees = list(map(itemgetter(at_employee), rows))
        newest = dict(sorted(zip(employees, orders), key=itemgetter(1)))  # the last, highest, order wins
        return [row for row, employee, o in zip(rows, employees, orders) if o == newest[employee]]

    picked = records.ratings.values(_RATING_KEYS, missing=_ABSENT, only=latest)
    best = _best_ratings(picked, order, at_employee)
    unrated = {row[at_employee] for row, _values in picked} - best.keys()
    if unrated and cycle_id is None:
        seen = {row[0] for row, _values in picked}
        rest = records.ratings.values(_RATING_KEYS, missing=_ABSENT, only=lambda rows: [
            row for row in rows if row[at_employee] in unrated and row[0] not in seen])
        best.update(_best_ratings(rest, order, at_employee))
    return best


def _best_ratings(rows: list[tuple[tuple, tuple]], order: Callable[[tuple], int], at_employee: int) -> dict[str, tuple]:
    best: dict[str, tuple[tuple[int, str], tuple]] = {}
    for row, (value, scale, reviewed) in rows:
        if scale is not _ABSENT and scale != "performance":
            continue
        reviewed = None if reviewed is _ABSENT else reviewed
        key = (order(row), reviewed or "")
        employee = row[at_employee]
        current = best.get(employee)
        if current is None or key > current[0]:
            best[employee] = (key, (None if value is _ABSENT else value, reviewed))
    return {employee: rating for employee, (_key, rating) in best.items()}


_COLUMNS = ("person", "manager", "rating", "engagement", "satisfaction", "left_voluntarily", "promoted",
            "last_review_date", "date_of_birth", "sex", "race", "hispanic_latino", "disability")
# What the audit reads of each employee and of their protected attributes: nothing else is decoded.
_EMPLOYEE_KEYS = ("manager_name", "performance_score", "engagement", "satisfaction", "employment_status",
                  "last_review_date", "hire_date", "termination_date")
_ATTRIBUTE_KEYS = ("sex", "race", "hispanic_latino", "disability", "date_of_birth", "age", "age_on")
_NO_ATTRIBUTES = (None,) * len(_ATTRIBUTE_KEYS)


@functools.lru_cache(maxsize=256)
def _left_voluntarily(status: str | None) -> bool:
    return left_voluntarily(status)  # a handful of distinct statuses among 100,000 people


def _birth_date(date_of_birth: str | None, age: int | None, age_on: str | None) -> str | None:
    """The stored date of birth, or the estimate from an age (``protected.birth_date_from_age``), as ISO text."""
    if date_of_birth:
        return date_of_birth
    day = to_date(age_on)
    return None if age is None or day is None else protected.birth_date_from_age(age, day).isoformat()


def _people_frame(employees: list[tuple[tuple, tuple]], ratings: dict[str, tuple],
                  attrs_by_employee: dict[str, tuple], *, fallback: bool) -> pd.DataFrame:
    """One row per person, built column by column from the decoded values; ``fallback``
    (whole-organisation audits only) uses the HRIS export's latest score for people with no rating
    record. A single-cycle audit never borrows another period's rating."""
    people = [row[0] for row, _values in employees]
    manager, score, engagement, satisfaction, status, reviewed, _hired, _gone = _transposed(
        list(map(itemgetter(1), employees)), len(_EMPLOYEE_KEYS))
    rated = [ratings.get(person) for person in people]
    rating = [r[0] if r else (s if fallback else None) for r, s in zip(rated, score)]
    review = [(r[1] if r else None) or (d if fallback else None) for r, d in zip(rated, reviewed)]
    attrs = [attrs_by_employee.get(person, _NO_ATTRIBUTES) for person in people]
    sex, race, hispanic, disability, born, age, age_on = _transposed(attrs, len(_ATTRIBUTE_KEYS))
    return pd.DataFrame({
        "person": people, "manager": _shared(manager), "rating": _shared(rating), "engagement": engagement,
        "satisfaction": satisfaction, "left_voluntarily": list(map(_left_voluntarily, status)),
        "promoted": [pd.NA] * len(people), "last_review_date": review,
        "date_of_birth": [b or _birth_date(b, a, on) for b, a, on in zip(born, age, age_on)],
        "sex": _shared(sex), "race": _shared(race),
        "hispanic_latino": [None if h is None else ("Yes" if h else "No") for h in hispanic],
        "disability": _shared(disability),
    }, columns=list(_COLUMNS))


def _transposed(rows: list[tuple], width: int) -> list[list]:
    """The columns of ``rows`` (``zip(*rows)`` took a tenth of a second per 100,000 rows: one argument per row)."""
    return [list(map(itemgetter(i), rows)) for i in range(width)]


def _shared(values: Sequence[object], pool: dict | None = None) -> list:
    """``values`` with each distinct value one object (of ``pool``'s, when given): decoded from records one by one,
    100,000 people's "Fully Meets" were 100,000 strings, each hashed and compared in full by the audit's grouping;
    one string is hashed once and compared by identity."""
    pool = {} if pool is None else pool
    return list(map(pool.setdefault, values, values))


def _find_cycle(cycles: list[ReviewCycle], name: str | None) -> ReviewCycle | None:
    if name is None:
        return None
    match = [c for c in cycles if c.name == name]
    if not match:
        names = ", ".join(c.name for c in cycles) or "none"
        raise InvalidInputError(f"There is no review cycle called '{name}'.", hint=f"Cycles in this vault: {names}.")
    return match[0]


def _employed_during(hire_date: str | None, termination_date: str | None, cycle: ReviewCycle) -> bool:
    """Hired before the cycle ended and not gone before it started (unknown dates count as yes)."""
    hired, gone = to_date(hire_date), to_date(termination_date)
    hired_after = hired is not None and cycle.end is not None and hired > cycle.end
    gone_before = gone is not None and cycle.start is not None and gone < cycle.start
    return not (hired_after or gone_before)


def _feedback(records: Records, cycle_id: str | None, people: dict[str, str]) -> pd.DataFrame:
    """Who each written feedback is about (as the ``people`` frame's own id objects), its text and its record id
    (of ``cycle_id`` only, when given)."""
    links = records.feedback.links
    at_employee, at_cycle = 1 + links.index("employee_id"), 1 + links.index("cycle_id")
    only = None if cycle_id is None else (lambda rows: [row for row in rows if row[at_cycle] == cycle_id])
    found = records.feedback.values(("text",), only=only)
    rows = [row for row, _values in found]
    return pd.DataFrame({"person": _shared(list(map(itemgetter(at_employee), rows)), people),
                         "text": [text for _row, (text,) in found], "source": list(map(itemgetter(0), rows))},
                        columns=["person", "text", "source"])


def audit_input_from_records(
    records: Records, *, cycle: str | None = None, reference_date: dt.date | None = None
) -> AuditInput:
    """Everything the audit needs, for the whole organisation or one review cycle.

    The frame is built straight from the decrypted payloads, decoding only the fields it uses (no
    dataclass, not even a dict, per record): at 100,000 people reading the vault is then a fraction
    of the audit itself. Half a million records read make no reference cycles, so Python's cycle
    collector is held off meanwhile (it walked every live object several times: a tenth of the read).
    """
    with collector_paused():
        return _audit_input(records, cycle=cycle, reference_date=reference_date)


def _audit_input(records: Records, *, cycle: str | None, reference_date: dt.date | None) -> AuditInput:
    employees = records.employees.values(_EMPLOYEE_KEYS)
    if not employees:
        raise NothingToAuditError()
    scale = tuple(records.ratings.scale())
    if len(scale) < 2:
        raise InvalidInputError(
            "No rating scale is declared in this vault yet.",
            hint="Import a file with performance scores; the import declares the scale's order.",
        )
    cycles = records.cycles.list()
    cycle_order = {c.id: i for i, c in enumerate(sorted(cycles, key=lambda c: (c.end or c.start or dt.date.min, c.name)))}
    chosen = _find_cycle(cycles, cycle)
    cycle_id = chosen.id if chosen else None
    if chosen is not None:
        employees = [e for e in employees if _employed_during(e[1][6], e[1][7], chosen)]
        if not employees:
            raise InvalidInputError(
                f"Nobody in this vault was employed during the review cycle '{chosen.name}'.",
                hint="Check the cycle's dates, or audit another cycle (or everyone, without a cycle).",
            )
        # Ages and staleness as they were when the cycle closed, not on the day the audit runs.
        reference_date = reference_date or chosen.end or chosen.start
    ratings = _latest_ratings(records, cycle_order, cycle_id)
    attrs_by_employee = protected.values_for_fairness(records.vault, _ATTRIBUTE_KEYS, purpose=Purpose.FAIRNESS)
    people = _people_frame(employees, ratings, attrs_by_employee, fallback=chosen is None)
    for column in ("last_review_date", "date_of_birth"):
        people[column] = pd.to_datetime(people[column], errors="coerce")
    people["promoted"] = people["promoted"].astype("boolean")
    present = tuple(a for a in ATTRIBUTES if people[a].notna().any())
    feedback = _feedback(records, cycle_id, {row[0]: row[0] for row, _values in employees})
    return AuditInput(
        people=people,
        scale=scale,
        reference_date=reference_date or dt.date.today(),
        attributes=present,
        feedback=feedback,
    )
