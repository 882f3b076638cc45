"""Many comparisons, honestly: false-discovery-rate control across an audit.

One audit runs hundreds of tests (every outcome x every attribute x
intersections x managers x data-gap checks). At p < 0.05 about one test in
twenty shows a "gap" by chance alone, so a raw p-value below 0.05 is not
enough to call a finding statistically meaningful. Every p-value that can
make something a flag is therefore adjusted with the Benjamini–Hochberg
procedure (``scipy.stats.false_discovery_control``) within its **family**,
and "statistically meaningful" means *adjusted* p < alpha. The raw p-value
is kept beside the adjusted one everywhere (tables, findings, JSON, CSV).

The families of one run
-----------------------

``main`` — *single attributes, managers and data gaps.* Each judgeable
group's comparison with the most favoured group, for every outcome, by each
single protected attribute (rates, including feedback language, and Welch
tests of means); both tests of each judged manager's calibration (rating
spread and mean, team vs the rest of the organisation); every data-gap test
(missing or stale data by attribute or by manager). These are the tests
whose results make up the findings list an HR person acts on, so they are
corrected together: among the flags from this family, at most about 5%
are expected to be false alarms, whichever section they appear in.
Calibration and data gaps are in, not a family of their own, because they
raise flags in the same list and a separate family would let each section
spend its own 5%.

``intersections`` — *pairs of attributes* (e.g. Asian women). The same
tests on intersectional groups, corrected among themselves. They re-test
people already compared by single attribute, are three to five times as
numerous and each group is thin, so they are exploratory: pooled with
``main`` they would bury a clear single-attribute gap (the planted "women
rarely get Exceeds" in the demo) under hundreds of thin splits. An
intersectional flag has survived its own correction for all intersectional
comparisons of the run.

``supporting`` — *context tables that never raise a finding*: outcomes by
manager (each team against the most lenient team) and the "share above the
median" tables behind mean gaps. Corrected among themselves so their row
statuses are not over-read; not counted in the comparisons the summary
reports.

Groups too small to judge, the reference group itself and untestable rows
are not comparisons and are not counted.

Choosing the reference after looking
------------------------------------

The most favoured group is picked *because* it fared best, so a test of any
other group against it is a comparison with the luckiest of K groups and its
p-value is too small under "no difference" (the winner's curse: in a
synthetic organisation with no disparity at all, comparisons against the
best of eight intersectional groups reached p < 0.0001 again and again). The
p-value that enters the correction is therefore the raw p-value times
``K - 1`` (Bonferroni over the groups that could have been the reference;
capped at 1), where K is the number of judgeable groups. With two groups
(sex, a yes/no attribute) nothing changes. Neutral outcomes compare with the
largest group, which is not chosen by outcome, and calibration and data gaps
have no chosen reference, so their p-values enter as they are.

Benjamini–Hochberg is valid for independent or positively dependent tests;
the audit's tests overlap (the same people appear in many of them) mostly
in the positive direction, which is the case the method is known to handle.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from hrdesk.fairness.result import TestFamily
from hrdesk.fairness.wording import comparisons_sentence

MAIN = "main"
INTERSECTIONS = "intersections"
SUPPORTING = "supporting"
METHOD = "Benjamini–Hochberg"

FAMILY_LABELS = {
    MAIN: "Comparisons by single attribute, manager calibration and data gaps",
    INTERSECTIONS: "Comparisons between intersectional groups (two attributes)",
    SUPPORTING: "Context tables (by manager; share above the median) — never a finding",
}


def family_of(dimension: tuple[str, ...], *, protected: bool, supporting: bool = False) -> str:
    """The family of a rate or mean table's comparisons."""
    if supporting or not protected:
        return SUPPORTING
    return MAIN if len(dimension) == 1 else INTERSECTIONS


def comparison_p(p: np.ndarray | None, ok: np.ndarray, ref: int | None, *, chosen_reference: bool) -> np.ndarray:
    """The p-values that enter the correction, NaN for rows that are not comparisons.

    ``ok`` marks judgeable groups and ``ref`` the reference row. When the
    reference was chosen as the best-off group (``chosen_reference``), each
    p-value is multiplied by K - 1, K being the judgeable groups (see the
    module docstring).
    """
    out = np.full(len(ok), np.nan)
    if p is None or ref is None:
        return out
    k = int(np.asarray(ok).sum())
    factor = max(k - 1, 1) if chosen_reference else 1
    use = np.asarray(ok, dtype=bool) & np.isfinite(p)
    use[ref] = False
    out[use] = np.minimum(np.asarray(p, dtype=float)[use] * factor, 1.0)
    return out


def adjust(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values of the finite entries of ``p`` (NaN stays NaN)."""
    p = np.asarray(p, dtype=float)
    out = np.full(len(p), np.nan)
    finite = np.isfinite(p)
    if finite.any():
        out[finite] = stats.false_discovery_control(p[finite], method="bh")
    return out


@dataclass(frozen=True)
class Slot:
    family: str
    start: int
    stop: int


class Comparisons:
    """Collects the audit's p-values by family, adjusts each family once, hands them back.

    ``add`` returns a slot; after ``adjust_all`` ``adjusted(slot)`` gives the
    adjusted p-values of exactly the values added (NaN where the input was NaN).
    """

    def __init__(self, alpha: float) -> None:
        self.alpha = alpha
        self._parts: dict[str, list[np.ndarray]] = {MAIN: [], INTERSECTIONS: [], SUPPORTING: []}
        self._sizes: dict[str, int] = {k: 0 for k in self._parts}
        self._raw: dict[str, np.ndarray] = {}
        self._adjusted: dict[str, np.ndarray] = {}

    def add(self, family: str, p: np.ndarray) -> Slot:
        p = np.asarray(p, dtype=float)
        start = self._sizes[family]
        self._parts[family].append(p)
        self._sizes[family] = start + len(p)
        return Slot(family, start, start + len(p))

    def adjust_all(self) -> None:
        for family, parts in self._parts.items():
            raw = np.concatenate(parts) if parts else np.empty(0)
            self._raw[family] = raw
            self._adjusted[family] = adjust(raw)

    def adjusted(self, slot: Slot) -> np.ndarray:
        return self._adjusted[slot.family][slot.start:slot.stop]

    def families(self) -> tuple[TestFamily, ...]:
        out = []
        for family in (MAIN, INTERSECTIONS, SUPPORTING):
            raw = self._raw.get(family, np.empty(0))
            adj = self._adjusted.get(family, np.empty(0))
            finite = np.isfinite(raw)
            tests = int(finite.sum())
            if not tests:
                continue
            out.append(TestFamily(
                key=family, label=FAMILY_LABELS[family], tests=tests, alpha=self.alpha,
                by_chance=tests * self.alpha, significant=int((adj[finite] < self.alpha).sum()), method=METHOD,
            ))
        return tuple(out)


def comparisons_text(families: tuple[TestFamily, ...], alpha: float, *, detail: bool = True) -> str:
    """The plain-words line on chance findings for a result's ``families``."""
    if not families:
        return ("This run was saved before hrdesk corrected for multiple comparisons: its flags rest on raw "
                "p-values and some may be chance. Run the audit again for corrected results.")
    sizes = {f.key: f.tests for f in families}
    return comparisons_sentence(sizes.get(MAIN, 0), alpha, sizes.get(INTERSECTIONS, 0), detail=detail)
