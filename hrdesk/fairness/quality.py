"""Data quality: what is missing, stale, duplicated or impossible — and for whom.

A gap in the data is a fairness question of its own: if ratings are missing
more often for one group, every rate computed on the rest is biased. So
missing values and stale reviews are counted per field *and* per group, and a
gap that falls unevenly (chi-square, or Fisher's exact test for a small 2x2,
over the groups large enough to judge) becomes a finding: a flag when its
p-value adjusted for the audit's many comparisons (``multiplicity``) is under
alpha, a watch when only the raw p-value is (the gap may be chance).
``check_quality`` alone judges its gap tests as one family; ``run_audit``
passes the audit-wide adjusted values to ``with_adjusted``.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from hrdesk.fairness.groups import Grouping
from hrdesk.fairness.multiplicity import adjust
from hrdesk.fairness.rates import judgeable
from hrdesk.fairness.result import Coverage, FieldQuality, GapTable, GroupGap, QualityReport, RangeIssue, Status
from hrdesk.fairness.settings import AuditSettings
from hrdesk.fairness.stats import independence_p

FIELD_LABELS = {
    "manager": "Manager",
    "rating": "Rating",
    "engagement": "Engagement score",
    "satisfaction": "Satisfaction score",
    "last_review_date": "Last review date",
    "date_of_birth": "Date of birth",
    "left_voluntarily": "Left voluntarily",
    "promoted": "Promoted",
}
#: Fields whose gaps are checked for falling unevenly on a group.
GAP_FIELDS = ("rating", "engagement", "satisfaction", "last_review_date", "manager")


def rating_codes(values: pd.Series, scale: tuple[str, ...]) -> tuple[np.ndarray, int]:
    """Scale position per person (0 = worst, -1 = unrated) and the count of
    values that are not on the scale (reported as out of range)."""
    if isinstance(values.dtype, pd.CategoricalDtype) and tuple(values.cat.categories) == tuple(scale):
        return np.asarray(values.cat.codes, dtype=np.int64), 0
    raw, uniques = pd.factorize(values, use_na_sentinel=True)
    index = {" ".join(s.split()).casefold(): i for i, s in enumerate(scale)}
    lookup = np.array([index.get(" ".join(str(u).split()).casefold(), -2) for u in uniques] + [-1], dtype=np.int64)
    codes = lookup[np.asarray(raw, dtype=np.int64)]
    bad = int((codes == -2).sum())
    return np.where(codes == -2, -1, codes), bad


def stale_mask(dates: pd.Series, reference: pd.Timestamp, months: int) -> tuple[np.ndarray, pd.Timestamp]:
    """True where the last review is older than ``months`` before the reference date."""
    cutoff = reference - pd.DateOffset(months=months)
    d = pd.to_datetime(dates, errors="coerce")
    return (d < cutoff).to_numpy(), cutoff


def check_quality(
    people: pd.DataFrame, *, groupings: list[Grouping], attributes: dict[str, str], scale: tuple[str, ...],
    reference: pd.Timestamp, settings: AuditSettings, rating_out_of_scale: int,
) -> QualityReport:
    """Everything in the data-quality section of the audit."""
    population = len(people)
    fields = _fields(people, attributes)
    stale = np.zeros(population, dtype=bool)
    cutoff = reference - pd.DateOffset(months=settings.stale_months)
    no_date = 0
    if "last_review_date" in people:
        stale, cutoff = stale_mask(people["last_review_date"], reference, settings.stale_months)
        no_date = int(people["last_review_date"].isna().sum())
    gaps = _gap_tables(people, groupings, stale, settings)
    gaps = with_adjusted(gaps, adjust(gap_p(gaps)), settings)
    return QualityReport(
        population=population,
        duplicate_ids=tuple(sorted(people.loc[people["person"].duplicated(), "person"].astype(str).unique())),
        duplicate_rows=int(people.duplicated().sum()),
        stale_before=cutoff.date().isoformat(), stale=int(stale.sum()), no_review_date=no_date,
        fields=fields,
        coverage=tuple(_coverage(people, attributes)),
        out_of_range=tuple(_out_of_range(people, reference, settings, rating_out_of_scale)),
        gaps=tuple(gaps),
    )


def _fields(people: pd.DataFrame, attributes: dict[str, str]) -> tuple[FieldQuality, ...]:
    labels = {**FIELD_LABELS, **attributes}
    n = len(people) or 1
    out = []
    for col, label in labels.items():
        if col in people:
            missing = int(people[col].isna().sum())
            out.append(FieldQuality(col, label, missing, missing / n))
    return tuple(out)


def _coverage(people: pd.DataFrame, attributes: dict[str, str]):
    n = len(people) or 1
    for col, label in attributes.items():
        if col in people:
            known = int(people[col].notna().sum())
            yield Coverage(col, label, known, known / n)


def _gap_tables(people: pd.DataFrame, groupings: list[Grouping], stale: np.ndarray, settings: AuditSettings) -> list[GapTable]:
    indicators: list[tuple[str, str, np.ndarray, np.ndarray]] = []
    for col in GAP_FIELDS:
        if col in people:
            miss = people[col].isna().to_numpy()
            if 0 < miss.sum() < len(miss):
                indicators.append((col, "missing", miss, np.ones(len(miss), dtype=bool)))
    if stale.any():
        has_date = people["last_review_date"].notna().to_numpy()
        indicators.append(("last_review_date", "stale", stale, has_date))
    return [_gap_table(col, issue, flag, base, g, settings) for col, issue, flag, base in indicators for g in groupings]


def _gap_table(col: str, issue: str, flag: np.ndarray, base: np.ndarray, g: Grouping, settings: AuditSettings) -> GapTable:
    codes = g.codes[base]
    known = codes >= 0
    n = np.bincount(codes[known], minlength=len(g.parts))
    k = np.bincount(codes[known], weights=flag[base][known], minlength=len(g.parts)).astype(int)
    ok = judgeable(n, int(base.sum()), settings)
    p, test = independence_p(np.column_stack([k[ok], n[ok] - k[ok]]), exact_below=settings.exact_below)
    rows = tuple(GroupGap(g.names[i], int(n[i]), int(k[i]), float(k[i] / n[i]) if n[i] else 0.0) for i in range(len(n)))
    status = Status.FLAG if ok.sum() >= 2 and p < settings.alpha else Status.OK
    return GapTable(f"gap/{issue}/{col}/{g.id}", col, issue, g.key, g.label, p if ok.sum() >= 2 else None, test, status, rows)


def gap_p(gaps) -> np.ndarray:
    """The gap tests' raw p-values (NaN where fewer than two groups could be judged)."""
    return np.array([np.nan if g.p_value is None else g.p_value for g in gaps], dtype=float)


def with_adjusted(gaps, adjusted: np.ndarray, settings: AuditSettings) -> list[GapTable]:
    """Gap tables with adjusted p-values and the statuses they give."""
    out = []
    for g, a in zip(gaps, adjusted):
        a = float(a) if np.isfinite(a) else None
        status = (Status.FLAG if a is not None and a < settings.alpha
                  else Status.WATCH if g.p_value is not None and g.p_value < settings.alpha else Status.OK)
        out.append(replace(g, p_adjusted=a, status=status))
    return out


def _out_of_range(people: pd.DataFrame, reference: pd.Timestamp, settings: AuditSettings, rating_out_of_scale: int):
    yield RangeIssue("rating", rating_out_of_scale, "not a category of the rating scale")
    for col, low, high in settings.value_ranges:
        if col in people:
            v = pd.to_numeric(people[col], errors="coerce")
            yield RangeIssue(col, int(((v < low) | (v > high)).sum()), f"outside {low:g}–{high:g}")
    if "date_of_birth" in people:
        dob = pd.to_datetime(people["date_of_birth"], errors="coerce")
        age = (reference - dob).dt.days / 365.25
        yield RangeIssue("date_of_birth", int(((age < 14) | (age > 100)).sum()), "age under 14 or over 100 at the reference date")
    if "last_review_date" in people:
        d = pd.to_datetime(people["last_review_date"], errors="coerce")
        yield RangeIssue("last_review_date", int((d > reference).sum()), "after the reference date")
