"""What the Employees table searches, filters and sorts by, worked out as arrays, off the UI thread.

At 100,000 people a Python call per row on the UI thread is a second; with
these a search is one substring scan, a filter a few array comparisons and a
header click a cached permutation (or its reverse). ``build_index`` does what
the first paint needs (the name order, the filter choices); ``PeopleIndex.warm``
works out the rest in the background afterwards (search texts, filter codes,
every column's order), and whatever is asked for before that is worked out then.
Positions are indexes into the snapshot's ``employees``.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from hrdesk.ui.employees_columns import COLUMNS, NAME, Column

if TYPE_CHECKING:
    from hrdesk.ui.employees_model import PeopleSnapshot

ANY = ""  # filter value meaning "no filter"
NO_TEAM = "\x00none"  # filter value for people without a team


@dataclass(frozen=True)
class Coded:
    """One value per person, as a code into the distinct ``values`` (in the order first seen)."""

    codes: np.ndarray  # int32, one per position
    values: tuple[Hashable, ...]

    def counts(self) -> list[tuple[Any, int]]:
        """(value, how many people have it), per distinct value."""
        return list(zip(self.values, np.bincount(self.codes, minlength=len(self.values)).tolist()))

    def where(self, accept: Callable[[Any], bool]) -> np.ndarray:
        """Per position: does this person's value pass ``accept`` (called once per distinct value)."""
        wanted = np.fromiter((accept(v) for v in self.values), dtype=bool, count=len(self.values))
        return wanted[self.codes]


def coded(values: Sequence[Hashable]) -> Coded:
    index = dict.fromkeys(values)
    for code, value in enumerate(index):
        index[value] = code
    return Coded(np.array(list(map(index.__getitem__, values)), dtype=np.int32), tuple(index))


def dense_ranks(keys: Sequence[Any]) -> np.ndarray:
    """Per item, the rank of its key among the distinct keys ("Sales" and "sales" folded share one)."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    ordered = [keys[i] for i in order]
    steps = np.fromiter(map(operator.ne, ordered[1:], ordered[:-1]), dtype=np.int32, count=max(len(keys) - 1, 0))
    ranks = np.empty(len(keys), dtype=np.int32)
    if len(keys):
        ranks[order] = np.concatenate(([0], np.cumsum(steps, dtype=np.int32)))
    return ranks


def search_text(name: str, employee_id: str) -> str:
    """What a search matches: the name and the employee id, casefolded."""
    return f"{name}\n{employee_id}".casefold()


def normalise_search(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Matches:
    """A search and filter's answer: per position, who passes (None: everyone)."""

    asked: tuple[str, str, str, str]  # search, team, department, status
    searched: np.ndarray | None  # the search alone, kept to narrow the next keystroke's scan
    mask: np.ndarray | None

    @property
    def search(self) -> str:
        return self.asked[0]


@dataclass(frozen=True)
class PeopleIndex:
    """The name order and the filter choices, built before the first paint; the search texts, the
    filter columns coded and every other column's sort rank, worked out on first use or by ``warm``."""

    people: "PeopleSnapshot" = field(repr=False)  # what everything is worked out from
    department_counts: list[tuple[str, int]]  # (department, people), by department
    status_counts: list[tuple[str, int]]
    team_counts: list[tuple[str, int]]  # (team vault id, members), in the order first seen
    _cache: dict[object, Any] = field(default_factory=dict, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.people.employees)

    def _cached(self, key: object, compute: Callable[[], Any]) -> Any:
        found = self._cache.get(key)
        if found is None:  # two threads may both compute it: the same answer, stored whole
            found = self._cache[key] = compute()
        return found

    @property
    def search(self) -> list[str]:
        """Per position, what a search matches (``search_text``)."""
        employees = self.people.employees
        return self._cached("search", lambda: list(map(search_text, map(_NAME, employees), map(_EMPLOYEE_ID, employees))))

    def coded(self, *fields: str) -> Coded:
        """Employee fields (``team_id``, ``department``, …) coded per position."""
        return self._cached(fields, lambda: coded(list(map(operator.attrgetter(*fields), self.people.employees))))

    def rank(self, column: int) -> np.ndarray:
        """Per position, the rank of its sort key in ``column``; equal keys share a rank, except by
        name, where the rank is the place in the name order (ties in stored order)."""
        return self._cached(("rank", column), lambda: self._ranked(COLUMNS[column]))

    def _ranked(self, spec: Column) -> np.ndarray:
        people = self.people
        if spec.ranks is not None:
            found = spec.ranks(people, list(map(spec.value, people.employees)))
            if found is not None:
                return found
        distinct = self.coded(*spec.fields)
        if len(distinct.values) * 2 < len(self):  # a few dozen departments: one key per department
            return dense_ranks([spec.key(people, v) for v in distinct.values])[distinct.codes]
        values = [distinct.values[c] for c in distinct.codes.tolist()]
        return dense_ranks([spec.key(people, v) for v in values])

    def ascending(self, column: int) -> np.ndarray:
        """Positions sorted by ``column``, then by name, then in stored order (cached per column)."""
        if column == NAME:
            return self._cached(("ascending", NAME), lambda: np.argsort(self.rank(NAME), kind="stable"))
        # lexsort sorts by the last key first, and stably
        return self._cached(("ascending", column), lambda: np.lexsort((self.rank(NAME), self.rank(column))))

    def warm(self) -> None:
        """Work out now (off the UI thread) what a search, a filter or a header click would need."""
        self.search  # noqa: B018 - computed and cached
        for field_name in _FILTERED:
            self.coded(field_name)
        for column in range(len(COLUMNS)):
            self.ascending(column)

    def matching(self, *, search: str = ANY, team: str = ANY, department: str = ANY,
                 status: str = ANY, within: Matches | None = None) -> Matches:
        """Who passes the search (already normalised) and the filters; ``within`` is the previous
        answer: a search that only grew is scanned over its matches alone."""
        searched = self._searched(search, within)
        mask = searched
        for field_name, wanted, empty in zip(_FILTERED, (team, department, status), (NO_TEAM, "", "")):
            if wanted:
                passing = self.coded(field_name).where(lambda v, w=wanted, e=empty: (v or e) == w)
                mask = passing if mask is None else mask & passing
        return Matches((search, team, department, status), searched, mask)

    def _searched(self, needle: str, within: Matches | None) -> np.ndarray | None:
        if not needle:
            return None
        texts = self.search
        if within is not None and within.searched is not None and within.search in needle:
            candidates = np.flatnonzero(within.searched).tolist()  # typing on: only the last matches can match
            mask = np.zeros(len(texts), dtype=bool)
            mask[candidates] = np.fromiter((needle in texts[p] for p in candidates), dtype=bool, count=len(candidates))
            return mask
        return np.fromiter((needle in t for t in texts), dtype=bool, count=len(texts))


_NAME, _EMPLOYEE_ID = operator.attrgetter("name"), operator.attrgetter("employee_id")
_FILTERED = ("team_id", "department", "employment_status")  # what the team, department and status filters match


def _counts(employees: Sequence[Any], field_name: str) -> list[tuple[str, int]]:
    """(value, how many people have it), for every value set, in the order first seen."""
    return [(v, n) for v, n in Counter(map(operator.attrgetter(field_name), employees)).items() if v]


def build_index(snapshot: "PeopleSnapshot") -> PeopleIndex:
    """The name order and the filter choices (call off the UI thread)."""
    employees = snapshot.employees
    folded = list(map(str.casefold, map(_NAME, employees)))
    by_name = np.array(sorted(range(len(folded)), key=folded.__getitem__), dtype=np.intp)  # stable: ties stored order
    name_rank = np.empty(len(by_name), dtype=np.int32)
    name_rank[by_name] = np.arange(len(by_name), dtype=np.int32)
    index = PeopleIndex(
        people=snapshot,
        department_counts=sorted(_counts(employees, "department")),
        status_counts=sorted(_counts(employees, "employment_status")),
        team_counts=_counts(employees, "team_id"),
    )
    index._cache[("rank", NAME)] = name_rank
    index._cache[("ascending", NAME)] = by_name
    return index
