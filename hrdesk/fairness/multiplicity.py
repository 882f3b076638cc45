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

A family is a set of questions that one reader asks together; each family
keeps its own 5% false-discovery rate. The split follows what the findings
are about, so that one section's many routine checks cannot drown another's
few important ones:

``main`` — *protected attributes, one at a time.* Each judgeable group's
comparison with everyone else, for every outcome (rates, including feedback
language, and Welch tests of means), by each single protected attribute
(sex, race, age band, ...). These are the questions the four-fifths rule is
about. They used to share a family with per-manager calibration and data
gaps: in an organisation of 3,000 people about 112 tests, 78 of them per
manager, and a race group receiving the top rating at 0.55x the majority's
rate (raw p < 0.001) was flagged in only 67 of 100 generated organisations
(README, "Finding a real disparity").

``calibration`` — *managers.* Both tests of each judged team (rating spread
and mean, team vs the rest of the organisation). A large organisation has
hundreds of teams; their tests are corrected among themselves, and a
calibration flag has survived the correction for all teams of the run.

``data`` — *data gaps.* Missing or stale data falling unevenly by attribute
or by manager.

``intersections`` — *pairs of attributes* (e.g. Asian women). The same
tests on intersectional groups, corrected among themselves. They re-test
people already compared by single attribute, are three to five times as
numerous and each group is thin, so they are exploratory: pooled with
``main`` they would bury a clear single-attribute gap under hundreds of
thin splits.

``supporting`` — *context tables that never raise a finding*: outcomes by
manager (each team against the most lenient team) and the "share above the
median" tables behind mean gaps. Corrected among themselves so their row
statuses are not over-read; not counted in the comparisons the summary
reports.

Groups too small to judge, the reference group itself and untestable rows
are not comparisons and are not counted.

Against whom significance is tested
-----------------------------------

The impact ratio compares each group with the most favoured group, as the
four-fifths rule says. Significance is *not* tested against that group: it
was picked because it fared best, so a test against it is a comparison with
the luckiest of K groups (the winner's curse), and a small lucky group as
yardstick makes the test both too eager and, once corrected for the pick,
too weak. Each group is tested against everyone else whose attribute is
known, a comparison chosen before looking at the outcome, so its p-value
enters the correction as it is. With two groups (sex, a yes/no attribute)
both ways are the same test.

Benjamini–Hochberg is valid for independent or positively dependent tests;
the audit's tests overlap (the same people appear in many of them) mostly
in the positive direction, which is the case the method is known to handle.
Under no disparity at all it also keeps the chance of *any* flag in a family
at or below 5%; ``tests/fairness/test_fairness_power.py`` measures both that
and the power to find a planted disparity.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hrdesk.fairness.result import TestFamily
from hrdesk.fairness.stats import scipy_stats
from hrdesk.fairness.wording import comparisons_sentence

MAIN = "main"
CALIBRATION = "calibration"
DATA = "data"
INTERSECTIONS = "intersections"
SUPPORTING = "supporting"
#: the order families are reported in
FAMILIES = (MAIN, CALIBRATION, DATA, INTERSECTIONS, SUPPORTING)
METHOD = "Benjamini–Hochberg"

FAMILY_LABELS = {
    MAIN: "Comparisons by single protected attribute",
    CALIBRATION: "Manager calibration (each team vs the rest)",
    DATA: "Data gaps falling unevenly on a group",
    INTERSECTIONS: "Comparisons between intersectional groups (two attributes)",
    SUPPORTING: "Context tables (by manager; share above the median) — never a finding",
}


def family_of(dimension: tuple[str, ...], *, protected: bool, supporting: bool = False) -> str:
    """The family of a rate or mean table's comparisons."""
    if supporting or not protected:
        return SUPPORTING
    return MAIN if len(dimension) == 1 else INTERSECTIONS


def comparison_p(p: np.ndarray | None, ok: np.ndarray, ref: int | None) -> np.ndarray:
    """The p-values that enter the correction, NaN for rows that are not comparisons.

    ``ok`` marks judgeable groups and ``ref`` the reference row (not a
    comparison: it is the yardstick of the impact ratio).
    """
    out = np.full(len(ok), np.nan)
    if p is None or ref is None:
        return out
    use = np.asarray(ok, dtype=bool) & np.isfinite(p)
    use[ref] = False
    out[use] = np.asarray(p, dtype=float)[use]
    return out


def adjust(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values of the finite entries of ``p`` (NaN stays NaN)."""
    p = np.asarray(p, dtype=float)
    out = np.full(len(p), np.nan)
    finite = np.isfinite(p)
    if finite.any():
        out[finite] = scipy_stats().false_discovery_control(p[finite], method="bh")
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
        self._parts: dict[str, list[np.ndarray]] = {f: [] for f in FAMILIES}
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
        for family in FAMILIES:
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
    sizes = {f.key: f.tests for f in families if f.key != SUPPORTING}
    return comparisons_sentence(sizes, alpha, detail=detail)
