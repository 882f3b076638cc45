"""What the Employees table searches, filters and sorts by, worked out as arrays, off the UI thread.

At 100,000 people a Python call per row on the UI thread is a second; with
these a search is one substring scan, a filter a few array comparisons and a
header click a cached permutation (or its reverse). ``build_index`` does what
the first paint needs (the name order; the team, department and status of
everyone, which the filters count and match); ``PeopleIndex.warm`` works out
the rest in the background afterwards (search texts, every column's order),
and whatever is asked for before that is worked out then.
Positions are indexes into the snapshot's ``employees``.
"""

from __future__ import annotations

import operator
import threading
import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from hrdesk.ui.employees_columns import COLUMNS, FIELDS, NAME, Column

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


def combined(parts: Sequence[Coded]) -> Coded:
    """Several fields' codes as one: a code per distinct combination, its value the tuple of values."""
    joint = np.zeros(len(parts[0].codes), dtype=np.int64)
    for part in parts:
        joint = joint * max(len(part.values), 1) + part.codes
    distinct, codes = np.unique(joint, return_inverse=True)
    values = []
    for number in distinct.tolist():
        digits = []
        for part in reversed(parts):
            number, digit = divmod(number, max(len(part.values), 1))
            digits.append(part.values[digit])
        values.append(tuple(reversed(digits)))
    return Coded(codes.astype(np.int32).reshape(-1), tuple(values))


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
    _cache: dict[object, Any] = field(default_factory=dict, compare=False, repr=False)
    _asking: list[int] = field(default_factory=lambda: [0], compare=False, repr=False)  # computations others wait for
    _warmer: list[int] = field(default_factory=lambda: [0], compare=False, repr=False)  # the warming thread's id

    def __len__(self) -> int:
        return len(self.people.employees)

    def _cached(self, key: object, compute: Callable[[], Any]) -> Any:
        found = self._cache.get(key)
        if found is None:  # two threads may both compute it: the same answer, stored whole
            asking = threading.get_ident() != self._warmer[0]  # someone waits for it: ``warm`` steps aside
            self._asking[0] += asking
            try:
                found = self._cache[key] = compute()
            finally:
                self._asking[0] -= asking
        return found

    def values(self, field_name: str) -> list[Any]:
        """Per position, one of the ``FIELDS`` (from everyone's fields read in one go: reading one
        field of 100,000 people costs nearly as much as reading all of them)."""
        rows = self._cached("rows", lambda: list(map(operator.attrgetter(*FIELDS), self.people.employees)))
        return list(map(operator.itemgetter(FIELDS.index(field_name)), rows))

    @property
    def search(self) -> list[str]:
        """Per position, what a search matches (``search_text``)."""
        return self._cached("search", lambda: list(map(search_text, self.values("name"), self.values("employee_id"))))

    def coded(self, *fields: str) -> Coded:
        """Employee fields (``team_id``, ``department``, …) coded per position; several fields code
        as pairs of their own codes (hashing 100,000 tuples is slow; each field's own coding is
        shared with the filters)."""
        if len(fields) == 1:
            return self._cached(fields, lambda: coded(self.values(fields[0])))
        return self._cached(fields, lambda: combined([self.coded(f) for f in fields]))

    def counts(self, field_name: str) -> list[tuple[str, int]]:
        """(value, how many people have it) for every value of a field someone has, by value."""
        return sorted((v, n) for v, n in self.coded(field_name).counts() if v and n)

    def rank(self, column: int) -> np.ndarray:
        """Per position, the rank of its sort key in ``column``; equal keys share a rank, except by
        name, where the rank is the place in the name order (ties in stored order)."""
        return self._cached(("rank", column), lambda: self._ranked(COLUMNS[column]))

    def _ranked(self, spec: Column) -> np.ndarray:
        people = self.people
        if spec.ranks is not None:
            found = spec.ranks(people, self.values(spec.fields[0]))
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
        return self._cached(("ascending", column), lambda: self._sorted(column))

    def _sorted(self, column: int) -> np.ndarray:
        by_name = self.ascending(NAME)
        ranks = self.rank(column)[by_name]
        if len(ranks) and ranks.max() < 2**15:
            ranks = ranks.astype(np.int16)  # a stable sort of small integers is a radix sort: a millisecond
        return by_name[np.argsort(ranks, kind="stable")]  # stable: equal keys stay in name order

    def warm(self, stop: Callable[[], bool] = lambda: False) -> None:
        """Work out now (off the UI thread) what a search, a filter or a header click would need,
        pausing between steps while the UI thread works something out itself (both at once would
        share one interpreter lock and each take twice as long); ``stop`` says when to give up
        (the table shows other people now, or the vault is locking)."""
        self._warmer[0] = threading.get_ident()
        steps: list[Callable[[], object]] = [lambda: self.search]
        for column in range(len(COLUMNS)):
            spec = COLUMNS[column]
            steps += [lambda f=f: self.coded(f) for f in spec.fields if not spec.ranks]
            steps += [lambda c=column: self.rank(c), lambda c=column: self.ascending(c)]
        for step in steps:
            while self._asking[0]:
                time.sleep(0.002)
            if stop():
                return
            step()

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


_FILTERED = ("team_id", "department", "employment_status")  # what the team, department and status filters match


def build_index(snapshot: "PeopleSnapshot") -> PeopleIndex:
    """The name order and the filter columns (call off the UI thread)."""
    index = PeopleIndex(snapshot)
    folded = list(map(str.casefold, index.values("name")))
    by_name = np.array(sorted(range(len(folded)), key=folded.__getitem__), dtype=np.intp)  # stable: ties stored order
    name_rank = np.empty(len(by_name), dtype=np.int32)
    name_rank[by_name] = np.arange(len(by_name), dtype=np.int32)
    index._cache[("rank", NAME)] = name_rank
    index._cache[("ascending", NAME)] = by_name
    for field_name in _FILTERED:  # the filters' choices count these
        index.coded(field_name)
    return index
