"""Turn attribute columns into integer group codes, including intersections.

Every later step works on small integer arrays (``-1`` = unknown) so that
counting is one ``np.bincount`` per outcome instead of a pandas groupby per
table. Labels are cleaned on the *distinct* values only, which keeps
normalising 100,000 rows as cheap as normalising a dozen strings.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pandas is loaded by the audit that calls these, not by the screens that only show results
    import pandas as pd

#: Answers that say nothing about the person; counted as unknown, as the
#: regulations count people who did not self-identify.
UNKNOWN_VALUES = frozenset({"", "nan", "none", "null", "n/a", "na", "unknown", "not specified",
                            "prefer not to say", "declined", "not disclosed"})
UNKNOWN = "Unknown"
SEPARATOR = " × "


@dataclass(frozen=True, eq=False)
class Grouping:
    """People split into groups by one attribute or a pair of them."""

    key: tuple[str, ...]  # attribute columns, e.g. ("sex", "race")
    label: str  # e.g. "Sex × Race/ethnicity"
    codes: np.ndarray  # one int per person, -1 = unknown
    parts: tuple[tuple[str, ...], ...]  # per code, the value of each attribute
    protected: bool = True

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(SEPARATOR.join(p) for p in self.parts)

    @property
    def id(self) -> str:
        return "+".join(self.key)


def clean_label(value: object) -> str:
    """Collapse whitespace so "M " and "M" are one group."""
    return " ".join(str(value).split())


def encode(values: pd.Series) -> tuple[np.ndarray, tuple[str, ...]]:
    """Integer codes and names for a column, messy spellings merged.

    Spellings that differ only in whitespace or letter case ("Yes", "yes ")
    become one group named by the most frequent spelling. Groups are ordered
    largest first so tables read from the main groups down.
    """
    import pandas as pd

    raw_codes, uniques = pd.factorize(values, use_na_sentinel=True)
    raw_codes = np.asarray(raw_codes, dtype=np.int64)
    counts = np.bincount(raw_codes[raw_codes >= 0], minlength=len(uniques))
    cleaned = [clean_label(u) for u in uniques]
    spelling: dict[str, tuple[int, str]] = {}
    for text, count in zip(cleaned, counts):
        if text.casefold() in UNKNOWN_VALUES:
            continue
        best = spelling.get(text.casefold())
        if best is None or count > best[0]:
            spelling[text.casefold()] = (int(count), text)
    totals = {k: 0 for k in spelling}
    for text, count in zip(cleaned, counts):
        if text.casefold() in totals:
            totals[text.casefold()] += int(count)
    order = sorted(totals, key=lambda k: (-totals[k], spelling[k][1]))
    position = {k: i for i, k in enumerate(order)}
    lookup = np.array([position.get(t.casefold(), -1) for t in cleaned] + [-1], dtype=np.int64)
    return lookup[raw_codes], tuple(spelling[k][1] for k in order)


def attribute_grouping(values: pd.Series, key: str, label: str, *, protected: bool = True) -> Grouping:
    codes, names = encode(values)
    return Grouping((key,), label, codes, tuple((n,) for n in names), protected)


def intersect(a: Grouping, b: Grouping) -> Grouping:
    """People grouped by both attributes; unknown when either is unknown."""
    width = len(b.parts)
    known = (a.codes >= 0) & (b.codes >= 0)
    combined = np.where(known, a.codes * width + b.codes, -1)
    present, inverse = np.unique(combined[known], return_inverse=True)
    counts = np.bincount(inverse, minlength=len(present))
    order = np.lexsort((present, -counts))
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    codes = np.full(len(combined), -1, dtype=np.int64)
    codes[known] = rank[inverse]
    parts = tuple(a.parts[present[i] // width] + b.parts[present[i] % width] for i in order)
    return Grouping(a.key + b.key, f"{a.label}{SEPARATOR}{b.label}", codes, parts, a.protected and b.protected)


def intersections(groupings: list[Grouping]) -> list[Grouping]:
    """Every pair of attributes (intersections of two, as the issue asks)."""
    return [intersect(a, b) for a, b in itertools.combinations(groupings, 2)]


def age_bands(dates_of_birth: pd.Series, reference: pd.Timestamp, threshold: int = 40) -> pd.Series:
    """'40 and over' / 'under 40' at the reference date; NaN when unknown.

    Age is counted in whole years with the birthday rule, so someone turns
    40 on their 40th birthday, not at the start of that year.
    """
    import pandas as pd

    dob = pd.to_datetime(dates_of_birth, errors="coerce")
    years = reference.year - dob.dt.year
    before_birthday = (dob.dt.month > reference.month) | ((dob.dt.month == reference.month) & (dob.dt.day > reference.day))
    age = years - before_birthday.astype("float")
    bands = np.where(age >= threshold, f"{threshold} and over", f"under {threshold}")
    return pd.Series(bands, index=dates_of_birth.index, dtype=object).where(age.notna())
