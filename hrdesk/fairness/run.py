"""``run_audit``: the one entry point that turns an ``AuditInput`` into an ``AuditResult``.

It decides what can be audited from the columns present, builds the
groupings once, runs every outcome x grouping table, calibration, data
quality and feedback language, corrects the p-values of all their
comparisons for multiple testing (``multiplicity``: the families and why),
then builds the tables and derives the findings. Nothing here
prints, reads settings from globals or knows about the vault or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from hrdesk.errors import InvalidInputError
from hrdesk.fairness.calibration import calibrate
from hrdesk.fairness.calibration import comparison_p as calibration_p
from hrdesk.fairness.calibration import with_adjusted as calibration_adjusted
from hrdesk.fairness.findings import Context, build_findings
from hrdesk.fairness.groups import Grouping, age_bands, attribute_grouping, intersections
from hrdesk.fairness.inputs import AuditInput
from hrdesk.fairness.language import CATEGORIES, person_flags, scan_feedback
from hrdesk.fairness.means import build_mean_table, mean_parts, scoring_values
from hrdesk.fairness.multiplicity import CALIBRATION, DATA, Comparisons, family_of
from hrdesk.fairness.quality import check_quality, gap_p, rating_codes
from hrdesk.fairness.quality import with_adjusted as gaps_adjusted
from hrdesk.fairness.rates import BinaryOutcome, build_rate_table, rate_parts
from hrdesk.fairness.result import AuditResult, Calibration, OutcomeInfo
from hrdesk.fairness.settings import AuditSettings
from hrdesk.fairness.unjudged import note, outcome_notes, usable_groupings
from hrdesk.progress import NULL_PROGRESS, Progress, check_cancelled

AGE_BAND = "age_band"
WHAT = "The audit"


@dataclass
class _Outcomes:
    info: list[OutcomeInfo]
    binary: list[BinaryOutcome]
    continuous: list[tuple[str, np.ndarray]]
    scoring: dict[str, str]  # continuous key -> scoring-rate key
    notes: list[str]


def run_audit(data: AuditInput, settings: AuditSettings | None = None, progress: Progress = NULL_PROGRESS) -> AuditResult:
    """Audit ratings, promotion, leaving and feedback for bias and data quality.

    Raises ``InvalidInputError`` for unusable input or settings and
    ``CancelledError`` when ``progress`` asks to stop.
    """
    settings = settings or AuditSettings()
    data.validate()
    settings.validate(tuple(data.scale))
    people = data.people.reset_index(drop=True)
    reference = data.reference_timestamp()
    scale = tuple(data.scale)
    progress.begin("Preparing groups", 0)
    labels = _attribute_labels(data, people, settings)
    singles, not_judged = usable_groupings(_single_groupings(people, labels, reference, settings), settings,
                                           {AGE_BAND: "no date of birth is recorded for anyone"})
    groupings = singles + (intersections(singles) if settings.intersections else [])
    manager = _manager_grouping(people, settings)
    all_groupings = groupings + ([manager] if manager else [])
    codes, out_of_scale = rating_codes(people["rating"], scale) if "rating" in people else (None, 0)
    language = scan_feedback(data.feedback, max_hits=settings.max_hits)
    outcomes = _outcomes(data, people, codes, language, settings)
    not_judged += outcome_notes(outcomes.info, scale)
    if codes is None or not (codes >= 0).any():
        not_judged.append(note("ratings", "No ratings", "No rating is recorded, so high and low ratings, the mean "
                               "rating and manager calibration were not audited."))
    check_cancelled(progress, WHAT)

    total = len(all_groupings) * (len(outcomes.binary) + len(outcomes.continuous)) + 2
    progress.begin("Computing rates and tests", total)
    comps = Comparisons(settings.alpha)
    scoring_keys = set(outcomes.scoring.values())
    rate_parts_, mean_parts_ = [], []
    for g in all_groupings:
        scored = {}
        for o in outcomes.binary:
            parts = rate_parts(o, g, settings)
            family = family_of(g.key, protected=g.protected, supporting=o.key in scoring_keys)
            rate_parts_.append((parts, family, comps.add(family, parts.comparison_p())))
            scored[o.key] = parts.reference
            _step(progress)
        for key, values in outcomes.continuous:
            parts = mean_parts(key, values, g, settings, scored.get(outcomes.scoring.get(key)))
            family = family_of(g.key, protected=g.protected)
            mean_parts_.append((parts, family, comps.add(family, parts.comparison_p())))
            _step(progress)
    calibration = (calibrate(codes, manager, scale, settings, own_family=False) if codes is not None and manager
                   else Calibration(scale=scale))
    cal_dist, cal_gap = calibration_p(calibration)
    cal_slots = comps.add(CALIBRATION, cal_dist), comps.add(CALIBRATION, cal_gap)
    _step(progress)
    quality = check_quality(
        people, groupings=singles + ([manager] if manager else []), attributes={k: v for k, v in labels.items() if k != AGE_BAND},
        scale=scale, reference=reference, settings=settings, rating_out_of_scale=out_of_scale,
    )
    gap_slot = comps.add(DATA, gap_p(quality.gaps))
    _step(progress)
    comps.adjust_all()
    rates = [build_rate_table(p, settings, comps.adjusted(slot), family) for p, family, slot in rate_parts_]
    means = [build_mean_table(p, settings, comps.adjusted(slot), family) for p, family, slot in mean_parts_]
    calibration = calibration_adjusted(calibration, comps.adjusted(cal_slots[0]), comps.adjusted(cal_slots[1]), settings)
    quality = replace(quality, gaps=tuple(gaps_adjusted(quality.gaps, comps.adjusted(gap_slot), settings)))
    families = comps.families()
    ctx = Context({o.key: o for o in outcomes.info}, labels, settings, scale, {f.key: f for f in families})
    findings = build_findings(ctx, rates=rates, means=means, calibration=calibration, quality=quality,
                              language=language.report, scoring=outcomes.scoring, notes=tuple(not_judged))
    return AuditResult(
        reference_date=reference.date().isoformat(), population=len(people), scale=scale, settings=settings,
        outcomes=tuple(outcomes.info), findings=findings, rates=tuple(rates), means=tuple(means),
        calibration=calibration, quality=quality, language=language.report, notes=tuple(outcomes.notes),
        families=families,
    )


def _step(progress: Progress) -> None:
    progress.advance()
    check_cancelled(progress, WHAT)


def _attribute_labels(data: AuditInput, people: pd.DataFrame, settings: AuditSettings) -> dict[str, str]:
    # an age band is offered whenever the column exists; with no date at all it becomes a note, not a table
    available = list(data.attributes) + ([AGE_BAND] if "date_of_birth" in people else [])
    chosen = list(settings.attributes) if settings.attributes is not None else available
    unknown = [a for a in chosen if a not in available]
    if unknown:
        raise InvalidInputError(
            f"Cannot audit by {', '.join(unknown)}: not a protected attribute in this data.",
            hint=f"Choose from: {', '.join(available) or 'none available'}.",
        )
    return {a: data.label(a) for a in chosen}


def _single_groupings(people: pd.DataFrame, labels: dict[str, str], reference: pd.Timestamp,
                      settings: AuditSettings) -> list[Grouping]:
    out = []
    for attr, label in labels.items():
        values = age_bands(people["date_of_birth"], reference, settings.age_threshold) if attr == AGE_BAND else people[attr]
        out.append(attribute_grouping(values, attr, label))
    return out


def _manager_grouping(people: pd.DataFrame, settings: AuditSettings) -> Grouping | None:
    if not settings.by_manager or "manager" not in people or people["manager"].isna().all():
        return None
    return attribute_grouping(people["manager"], "manager", "Manager", protected=False)


def _outcomes(data: AuditInput, people: pd.DataFrame, codes: np.ndarray | None, language, settings: AuditSettings) -> _Outcomes:
    acc = _Outcomes([], [], [], {}, [])
    scale = tuple(data.scale)
    if codes is not None:
        _rating_outcomes(acc, codes, scale, settings)
    else:
        acc.notes.append("Ratings: no rating column, high/low rating and calibration not audited.")
    _flag_outcome(acc, people, "promoted", "promotion", "Promotion", "were promoted", "favourable")
    _flag_outcome(acc, people, "left_voluntarily", "leaving", "Voluntary leaving", "left voluntarily", "unfavourable")
    for col, label in (("engagement", "Engagement score"), ("satisfaction", "Satisfaction score")):
        if col in people and people[col].notna().any():
            _continuous(acc, col, label, pd.to_numeric(people[col], errors="coerce").to_numpy(dtype=float))
        else:
            acc.notes.append(f"{label}: no data, not audited.")
    for extra in data.extra_outcomes:
        _flag_outcome(acc, people, extra.column, f"extra_{extra.column}", extra.label, extra.event,
                      "favourable" if extra.favourable else "unfavourable")
    _language_outcomes(acc, people, language)
    return acc


def _rating_outcomes(acc: _Outcomes, codes: np.ndarray, scale: tuple[str, ...], settings: AuditSettings) -> None:
    high, low = settings.high_and_low(scale)
    rated = codes >= 0
    for key, cats, direction, verb in (("high_rating", high, "favourable", "received"),
                                       ("low_rating", low, "unfavourable", "were rated")):
        idx = [scale.index(c) for c in cats]
        values = np.where(rated, np.isin(codes, idx).astype(float), np.nan)
        names = " or ".join(f"'{c}'" for c in cats)
        label = f"{'High' if key == 'high_rating' else 'Low'} rating ({', '.join(cats)})"
        _add_binary(acc, key, label, f"{verb} {names}", direction, values)
    position = np.where(rated, codes + 1.0, np.nan)
    _, median = scoring_values(position)
    if set(np.flatnonzero(np.arange(1, len(scale) + 1) > median)) == {scale.index(c) for c in high}:
        acc.notes.append("Mean rating: the share above the median rating is the high-rating rate, reported once.")
        _add_continuous_only(acc, "mean_rating", f"Mean rating (1 = {scale[0]}, {len(scale)} = {scale[-1]})", position)
    else:
        _continuous(acc, "mean_rating", f"Mean rating (1 = {scale[0]}, {len(scale)} = {scale[-1]})", position)


def _flag_outcome(acc: _Outcomes, people: pd.DataFrame, col: str, key: str, label: str, event: str, direction: str) -> None:
    if col not in people or people[col].isna().all():
        acc.notes.append(f"{label}: no data, not audited.")
        return
    values = pd.array(people[col], dtype="boolean")
    _add_binary(acc, key, label, event, direction, values.to_numpy(dtype=float, na_value=np.nan))


def _continuous(acc: _Outcomes, key: str, label: str, values: np.ndarray) -> None:
    _add_continuous_only(acc, key, label, values)
    above, median = scoring_values(values)
    skey = f"{key}_above_median"
    _add_binary(acc, skey, f"{label} above median ({median:g})", f"scored above the median ({median:g})", "favourable", above)
    acc.scoring[key] = skey


def _add_continuous_only(acc: _Outcomes, key: str, label: str, values: np.ndarray) -> None:
    known = values[~np.isnan(values)]
    acc.info.append(OutcomeInfo(key, label, "mean", "favourable", "", len(known), float(known.mean()) if len(known) else None))
    acc.continuous.append((key, values))


def _add_binary(acc: _Outcomes, key: str, label: str, event: str, direction: str, values: np.ndarray) -> None:
    known = values[~np.isnan(values)]
    acc.info.append(OutcomeInfo(key, label, "rate", direction, event, len(known), float(known.mean()) if len(known) else None))
    acc.binary.append(BinaryOutcome(key, values, direction))


_LANGUAGE = {
    "personality": ("Personality-focused feedback", "had personality-focused words in their feedback", "unfavourable"),
    "masculine": ("Masculine-coded words in feedback", "had masculine-coded words in their feedback", "neutral"),
    "feminine": ("Feminine-coded words in feedback", "had feminine-coded words in their feedback", "neutral"),
}


def _language_outcomes(acc: _Outcomes, people: pd.DataFrame, language) -> None:
    if not language.report.people_with_feedback:
        acc.notes.append("Feedback language: no written feedback, not audited.")
        return
    flags = person_flags(language, people["person"])
    for cat in CATEGORIES:
        label, event, direction = _LANGUAGE[cat]
        _add_binary(acc, f"feedback_{cat}", label, event, direction, flags[cat])
