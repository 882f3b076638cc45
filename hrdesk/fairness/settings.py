"""The audit's settings, declared once with their defaults and checked once.

Settings are plain values passed into ``run_audit``; nothing in the fairness
package reads global configuration. ``validate`` turns a bad value into an
``InvalidInputError`` the CLI and the window can show as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from hrdesk.errors import InvalidInputError
from hrdesk.fairness._serial import from_jsonable, to_jsonable


@dataclass(frozen=True)
class AuditSettings:
    """What to audit and how strictly.

    ``attributes`` limits the protected attributes audited (``None`` = every
    attribute the input declares, plus ``age_band`` when dates of birth are
    present). ``high_categories`` / ``low_categories`` name scale categories
    explicitly; when ``None`` the top ``high_top`` / bottom ``low_bottom``
    categories of the declared scale are used.
    """

    attributes: tuple[str, ...] | None = None
    intersections: bool = True
    by_manager: bool = True
    high_top: int = 1
    low_bottom: int = 1
    high_categories: tuple[str, ...] | None = None
    low_categories: tuple[str, ...] | None = None
    #: groups smaller than this many people are "too small to judge"
    min_group: int = 5
    #: ... and so are groups under this share of the people with the outcome
    min_share: float = 0.02
    #: the four-fifths rule
    impact_threshold: float = 0.8
    alpha: float = 0.05
    confidence: float = 0.95
    #: an exact test is used when any expected cell count is below this (Cochran's rule)
    exact_below: float = 5.0
    age_threshold: int = 40
    stale_months: int = 15
    #: (column, lowest, highest) plausible values
    value_ranges: tuple[tuple[str, float, float], ...] = (("engagement", 1.0, 5.0), ("satisfaction", 1.0, 5.0))
    #: at most this many feedback-language hits are kept with their snippets (all are counted)
    max_hits: int = 500
    #: resamples for Monte Carlo p-values of small manager-calibration tables
    resamples: int = 1999
    seed: int = 20240601

    def validate(self, scale: tuple[str, ...] = ()) -> None:
        """Raise ``InvalidInputError`` naming the first unusable value."""
        _require(self.min_group >= 1, "The minimum group size must be at least 1.")
        _require(0.0 <= self.min_share < 1.0, "The minimum group share must be between 0 and 1.")
        _require(0.0 < self.impact_threshold <= 1.0, "The impact-ratio threshold must be between 0 and 1.")
        _require(0.0 < self.alpha < 1.0, "The significance level must be between 0 and 1.")
        _require(0.5 <= self.confidence < 1.0, "The confidence level must be between 0.5 and 1.")
        _require(self.stale_months >= 1, "The stale-review threshold must be at least one month.")
        _require(self.resamples >= 99, "Use at least 99 resamples.")
        _require(self.max_hits >= 0, "The number of kept language hits cannot be negative.")
        if scale:
            _require(1 <= self.high_top < len(scale), f"The 'high rating' needs between 1 and {len(scale) - 1} top categories.")
            _require(1 <= self.low_bottom < len(scale), f"The 'low rating' needs between 1 and {len(scale) - 1} bottom categories.")
            for name in (self.high_categories or ()) + (self.low_categories or ()):
                _require(name in scale, f"'{name}' is not a category of the rating scale ({', '.join(scale)}).")
            overlap = set(self.high_and_low(scale)[0]) & set(self.high_and_low(scale)[1])
            _require(not overlap, f"'{', '.join(sorted(overlap))}' cannot be both a high and a low rating.")

    def high_and_low(self, scale: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The scale categories that count as a high and as a low rating."""
        high = self.high_categories or tuple(scale[-self.high_top:])
        low = self.low_categories or tuple(scale[: self.low_bottom])
        return tuple(high), tuple(low)

    def to_dict(self) -> dict:
        return to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict) -> "AuditSettings":
        return from_jsonable(cls, data)


def _require(ok: bool, message: str) -> None:
    if not ok:
        raise InvalidInputError(message, hint="Change the audit settings and run the audit again.")
