"""The audit's results: frozen dataclasses with a JSON form.

``AuditResult.to_dict()`` gives plain JSON types (non-finite numbers become
``null``) and ``AuditResult.from_dict()`` reads it back; the vault stores
audit runs in this form and ``hrdesk audit --json`` prints it.

JSON shape (version 3; version 2 runs tested each group against the most
favoured group and read back with ``rest_*`` null and no ``summary``;
version 1 runs, saved before the multiple-comparisons correction, read back
with every ``p_adjusted`` null and ``families`` empty)::

    {
      "version": 3,
      "reference_date": "2019-06-30",        # ISO date the audit is "as of"
      "population": 311,                      # people audited
      "scale": ["PIP", "Needs Improvement", "Fully Meets", "Exceeds"],
      "settings": {...AuditSettings fields...},
      "notes": ["Promotion: no promotion data, not audited.", ...],
      "families": [                           # comparisons corrected together (hrdesk.fairness.multiplicity)
        {"key": "main",                       # main | calibration | data | intersections | supporting
         "label": "Comparisons by single protected attribute",
         "tests": 89,                         # comparisons in the family
         "alpha": 0.05, "by_chance": 4.45,    # tests x alpha: expected under p < alpha by chance alone
         "significant": 1,                    # adjusted p < alpha
         "method": "Benjamini–Hochberg"}],
      "outcomes": [                           # what was audited
        {"key": "high_rating", "label": "High rating (Exceeds)", "kind": "rate",
         "direction": "favourable",           # or "unfavourable" / "neutral" / (means) "favourable"
         "event": "received 'Exceeds'", "base": 311, "overall": 0.119, "note": ""}],
      "findings": [                           # flags first, then watches
        {"id": "rate/high_rating/sex/F", "kind": "disparity",   # disparity|mean_gap|calibration|data_quality|language|not_judged
         "severity": "flag",                  # flag | watch | note (not_judged: what could not be audited, and why)
         "title": "...",
         "summary": "Women received 'Exceeds' about half as often as men: 11% vs 17%. A gap ...",  # plain words
         "text": "the same with its statistics",
         "table": "rate/high_rating/sex",     # id of the table holding the numbers
         "groups": ["F"],                     # rows of that table it is about
         "numbers": {"rate": 0.11, "reference_rate": 0.17, "impact_ratio": 0.66,
                     "p_value": 0.11,         # the test's own (raw) p-value: the group vs everyone else
                     "p_adjusted": 0.62,      # false-discovery-rate adjusted within its family
                     "family": "main", "comparisons": 89,   # the family and its size
                     "n": 176, "reference_n": 135, ...}}],
                     # calibration findings: "p_value"/"p_adjusted" are the spread's,
                     # "gap_p"/"gap_p_adjusted" the mean's
      "rates": [                              # one table per outcome x grouping
        {"id": "rate/high_rating/sex", "outcome": "high_rating", "dimension": ["sex"],
         "dimension_label": "Sex", "protected": true, "reference": "M", "family": "main",
         "base": 311, "unknown": 0, "unknown_events": 0,
         "rows": [{"group": "F", "parts": ["F"], "n": 176, "share": 0.566, "events": 20,
                   "rate": 0.114, "ci_low": 0.075, "ci_high": 0.169,
                   "favourable_rate": 0.114, "impact_ratio": 0.66,
                   "relative_risk": null,   # unfavourable outcomes: rate / reference rate
                   "p_value": 0.11, "test": "chi2",       # "fisher" | "chi2" | ""
                   "p_adjusted": 0.62,    # null for the reference, too-small and unknown rows
                   "rest_n": 135, "rest_rate": 0.17,      # everyone else with the attribute known: behind p_value
                   "one_person": false, "status": "watch"}]}],
                   # status: reference | ok | watch | flag | too_small | unknown
                   # (flag/watch judged on p_adjusted, never on the raw p_value)
      "means": [                              # continuous outcomes x grouping
        {"id": "mean/engagement/sex", "outcome": "engagement", ..., "reference": "M", "family": "main",
         "rows": [{"group": "F", "parts": ["F"], "n": 176, "share": 0.566, "mean": 4.1,
                   "sd": 0.8, "ci_low": 4.0, "ci_high": 4.2, "gap": -0.05,
                   "gap_ci_low": -0.2, "gap_ci_high": 0.1,   # gap to the reference group, Welch interval
                   "p_value": 0.5, "p_adjusted": 1.0,        # Welch test against everyone else
                   "rest_n": 135, "rest_mean": 4.15, "status": "ok"}]}],
      "calibration": {"scale": [...], "unassigned": 0, "managers": [
        {"manager": "Amy Dunn", "team_size": 21, "rated": 21,
         "counts": [3, 1, 15, 2], "rest_counts": [10, 17, 228, 35],  # per scale category
         "mean": 2.8, "rest_mean": 2.9, "gap": -0.1, "gap_ci_low": -0.4, "gap_ci_high": 0.2,
         "gap_p": 0.4, "distribution_p": 0.03, "test": "chi2",  # chi2 | monte carlo | ""
         "distribution_p_adjusted": 0.3, "gap_p_adjusted": 1.0,
         "status": "ok"}]},
      "quality": {"population": 311, "duplicate_ids": [...], "duplicate_rows": 0,
        "stale_before": "2018-03-30", "stale": 12, "no_review_date": 0,
        "fields": [{"field": "rating", "label": "Rating", "missing": 0, "share": 0.0}],
        "coverage": [{"attribute": "sex", "label": "Sex", "known": 311, "share": 1.0}],
        "out_of_range": [{"field": "engagement", "count": 0, "detail": "outside 1-5"}],
        "gaps": [{"id": "gap/missing/rating/sex", "field": "rating", "issue": "missing",
                  "dimension": ["sex"], "dimension_label": "Sex", "p_value": 0.01,
                  "p_adjusted": 0.2, "test": "chi2", "status": "watch",  # flag | watch | ok
                  "rows": [{"group": "F", "n": 176, "count": 9, "share": 0.05}]}]},
      "language": {"people_with_feedback": 250, "texts": 300,
        "counts": {"masculine": 40, "feminine": 55, "personality": 7},
        "terms": [{"category": "personality", "term": "abrasive", "count": 3}],
        "hits_kept": 102, "hits_total": 102,
        "hits": [{"person": "p17", "category": "personality", "term": "abrasive",
                  "word": "abrasive", "snippet": "...was abrasive in the...",
                  "suggestion": "Describe what was said or done ...",
                  "source": "3f2a..."}]}         # the feedback record quoted ("" when unknown)
    }
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hrdesk.fairness._serial import from_jsonable, to_jsonable
from hrdesk.fairness.settings import AuditSettings

RESULT_VERSION = 3


class Status:
    """Row statuses, as stored in JSON."""

    REFERENCE = "reference"
    OK = "ok"
    WATCH = "watch"
    FLAG = "flag"
    TOO_SMALL = "too_small"
    UNKNOWN = "unknown"
    #: a finding that says what could not be judged, and why (``hrdesk.fairness.unjudged``)
    NOTE = "note"


STATUS_TEXT = {
    Status.REFERENCE: "most favoured",
    Status.OK: "no concern",
    Status.WATCH: "watch",
    Status.FLAG: "FLAG",
    Status.TOO_SMALL: "too small to judge",
    Status.UNKNOWN: "attribute unknown",
    Status.NOTE: "could not be judged",
}


@dataclass(frozen=True)
class OutcomeInfo:
    key: str
    label: str
    kind: str  # "rate" | "mean"
    direction: str  # "favourable" | "unfavourable" | "neutral"
    event: str  # plain words: "received 'Exceeds'", "left voluntarily"
    base: int  # people with the outcome known
    overall: float | None
    note: str = ""


@dataclass(frozen=True)
class GroupRate:
    group: str
    parts: tuple[str, ...]
    n: int
    share: float
    events: int
    rate: float | None
    ci_low: float | None
    ci_high: float | None
    favourable_rate: float | None
    impact_ratio: float | None
    relative_risk: float | None
    p_value: float | None
    test: str
    one_person: bool | None
    status: str
    #: Benjamini–Hochberg adjusted p within the table's family (see ``multiplicity``)
    p_adjusted: float | None = None
    #: everyone else whose attribute is known: the comparison behind ``p_value``
    rest_n: int | None = None
    rest_rate: float | None = None


@dataclass(frozen=True)
class RateTable:
    id: str
    outcome: str
    dimension: tuple[str, ...]
    dimension_label: str
    protected: bool
    reference: str | None
    base: int
    unknown: int
    unknown_events: int
    rows: tuple[GroupRate, ...]
    family: str = ""  # "main" | "intersections" | "supporting"

    def row(self, group: str) -> GroupRate | None:
        return next((r for r in self.rows if r.group == group), None)


@dataclass(frozen=True)
class GroupMean:
    group: str
    parts: tuple[str, ...]
    n: int
    share: float
    mean: float | None
    sd: float | None
    ci_low: float | None
    ci_high: float | None
    gap: float | None
    gap_ci_low: float | None
    gap_ci_high: float | None
    p_value: float | None
    status: str
    p_adjusted: float | None = None
    #: everyone else whose attribute is known: the comparison behind ``p_value``
    rest_n: int | None = None
    rest_mean: float | None = None


@dataclass(frozen=True)
class MeanTable:
    id: str
    outcome: str
    dimension: tuple[str, ...]
    dimension_label: str
    protected: bool
    reference: str | None
    base: int
    unknown: int
    rows: tuple[GroupMean, ...]
    family: str = ""

    def row(self, group: str) -> GroupMean | None:
        return next((r for r in self.rows if r.group == group), None)


@dataclass(frozen=True)
class ManagerCalibration:
    manager: str
    team_size: int
    rated: int
    counts: tuple[int, ...]
    rest_counts: tuple[int, ...]
    mean: float | None
    rest_mean: float | None
    gap: float | None
    gap_ci_low: float | None
    gap_ci_high: float | None
    gap_p: float | None
    distribution_p: float | None
    test: str
    status: str
    distribution_p_adjusted: float | None = None
    gap_p_adjusted: float | None = None


@dataclass(frozen=True)
class Calibration:
    id: str = "calibration"
    scale: tuple[str, ...] = ()
    unassigned: int = 0
    managers: tuple[ManagerCalibration, ...] = ()


@dataclass(frozen=True)
class FieldQuality:
    field: str
    label: str
    missing: int
    share: float


@dataclass(frozen=True)
class Coverage:
    attribute: str
    label: str
    known: int
    share: float


@dataclass(frozen=True)
class RangeIssue:
    field: str
    count: int
    detail: str


@dataclass(frozen=True)
class GroupGap:
    group: str
    n: int
    count: int
    share: float


@dataclass(frozen=True)
class GapTable:
    id: str
    field: str
    issue: str  # "missing" | "stale"
    dimension: tuple[str, ...]
    dimension_label: str
    p_value: float | None
    test: str
    status: str
    rows: tuple[GroupGap, ...]
    p_adjusted: float | None = None


@dataclass(frozen=True)
class QualityReport:
    population: int = 0
    duplicate_ids: tuple[str, ...] = ()
    duplicate_rows: int = 0
    stale_before: str = ""
    stale: int = 0
    no_review_date: int = 0
    fields: tuple[FieldQuality, ...] = ()
    coverage: tuple[Coverage, ...] = ()
    out_of_range: tuple[RangeIssue, ...] = ()
    gaps: tuple[GapTable, ...] = ()


@dataclass(frozen=True)
class LanguageHit:
    person: str
    category: str  # "masculine" | "feminine" | "personality"
    term: str  # list entry, e.g. "aggress*"
    word: str  # the word as written
    snippet: str
    suggestion: str
    source: str = ""  # the feedback record quoted (so a retention purge can remove the quote too)


@dataclass(frozen=True)
class TermCount:
    category: str
    term: str
    count: int


@dataclass(frozen=True)
class LanguageReport:
    people_with_feedback: int = 0
    texts: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    terms: tuple[TermCount, ...] = ()
    hits_total: int = 0
    hits_kept: int = 0
    hits: tuple[LanguageHit, ...] = ()


@dataclass(frozen=True)
class TestFamily:
    """One family of comparisons corrected together (see ``hrdesk.fairness.multiplicity``)."""

    key: str  # "main" | "intersections" | "supporting"
    label: str
    tests: int  # comparisons in the family
    alpha: float
    by_chance: float  # tests x alpha: how many would reach p < alpha by chance alone
    significant: int  # comparisons with adjusted p < alpha
    method: str = "Benjamini–Hochberg"


@dataclass(frozen=True)
class Finding:
    id: str
    kind: str  # "disparity" | "mean_gap" | "calibration" | "data_quality" | "language" | "not_judged"
    severity: str  # "flag" | "watch" | "note" (not_judged: what could not be audited, and why)
    title: str
    text: str
    table: str
    groups: tuple[str, ...]
    numbers: dict[str, Any] = field(default_factory=dict)
    #: the finding in plain words, statistics left out ("Women received 'Exceeds' about a third as
    #: often as men: 8% vs 25%. A gap this size is very unlikely to be chance."); ``text`` has the numbers
    summary: str = ""


@dataclass(frozen=True)
class AuditResult:
    reference_date: str
    population: int
    scale: tuple[str, ...]
    settings: AuditSettings
    outcomes: tuple[OutcomeInfo, ...]
    findings: tuple[Finding, ...]
    rates: tuple[RateTable, ...]
    means: tuple[MeanTable, ...]
    calibration: Calibration
    quality: QualityReport
    language: LanguageReport
    notes: tuple[str, ...] = ()
    #: the families of comparisons and their sizes; empty for runs saved before version 2
    families: tuple[TestFamily, ...] = ()
    version: int = RESULT_VERSION

    def family(self, key: str) -> TestFamily | None:
        return next((f for f in self.families if f.key == key), None)

    @property
    def comparisons(self) -> int:
        """Comparisons that can raise a finding (all families but ``supporting``)."""
        return sum(f.tests for f in self.families if f.key != "supporting")

    def to_dict(self) -> dict:
        return to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict) -> "AuditResult":
        return from_jsonable(cls, data)

    def outcome(self, key: str) -> OutcomeInfo | None:
        return next((o for o in self.outcomes if o.key == key), None)

    def table(self, table_id: str) -> RateTable | MeanTable | GapTable | Calibration | None:
        """Any table by its id (what ``Finding.table`` points at)."""
        if table_id == self.calibration.id:
            return self.calibration
        for t in (*self.rates, *self.means, *self.quality.gaps):
            if t.id == table_id:
                return t
        return None

    def rate_table(self, outcome: str, *dimension: str) -> RateTable | None:
        return next((t for t in self.rates if t.outcome == outcome and t.dimension == dimension), None)

    def mean_table(self, outcome: str, *dimension: str) -> MeanTable | None:
        return next((t for t in self.means if t.outcome == outcome and t.dimension == dimension), None)
